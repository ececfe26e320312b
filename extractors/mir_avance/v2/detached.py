"""A table's text column that OCR set apart: its cells printed one after another under the
table, its rows printing none.

Tesseract segments a page into blocks; a wide text column (the resumen narrativo with each
row's code) can become a block of its own, written after the table's rows ('| Componente |
NEPC= Número de … | Elementos | Trimestral | 1,171 | 267 | …' for five rows, then '1.3.4.1.2
Elementos policiales capacitados …', '1.3.4.1.2.1 Realización de operativos …', one cell
per code). The rows keep their numbers and lose their codes, and the codes stand alone with
no numbers. The block holds the column's cells in the order of the rows it was cut from, but
OCR can lose a cell's code and run it into the one before, so rows and cells are paired by the
words a resumen shares with its own indicator, and in order only where the counts between two
such pairs agree (``cells_to_rows``).
"""

from __future__ import annotations

import regex

from papeleo.text.normalize import fold

from .commentary import NOTE
from .fields import cells_to_text_fields, split_code
from .line_head import row_start, unpipe
from .ordered import pairs_in_order
from .table import RowCells

# the fewest rows of a run whose cells are taken from a block after it: one row with no code
# and one code after it may be a row and a heading, not a column set apart
MIN_DETACHED_ROWS = 2
# words of at least this many letters say what a text is about ('apoyos', 'estudiantes'); shorter
# ones are articles and prepositions every resumen and indicator print
MIN_WORD_CHARS = 5
WORD = regex.compile(r"\p{L}+")
# a row and a cell are an anchor when at least this share of the shorter text's words is in the
# other. On dev OCR'd text 241, whose indicators OCR cut to their first line, a row's own cell
# scored 0.33-0.8 and other rows' cells 0.33 at most; at 0.3 (tried on dev 100-399) the block of
# 241 paired one row more and four values went to rows the truth lacks, so a lone shared word
# ('municipales', 'solicitudes') anchors nothing; higher leaves more rows without their code
ANCHOR_SHARE = 0.5
# the note of a row whose code and objective were read from the block after the table
DETACHED_NOTE = "clave y objetivo leídos del bloque de celdas que el OCR separó del cuadro, en el orden de las filas"


def code_led(line: str) -> bool:
    """A line opened by a dotted code and a word ('1.3.4.1.2.Z Atención de reportes …', its
    look-alike letters read as digits), and no commentary ('1.3.4.1.2 Meta Trimestral: …')."""
    text = unpipe(line).strip()
    code, rest, _ = split_code(text)
    return bool(code and "." in code and rest[:1].isalpha() and not NOTE.match(text))


def opens_detached_cell(current: list[str], line: str) -> bool:
    """Whether ``line`` opens a cell of its own: a code-led line after a cell that is one too
    (a code-led text with no numbers and no level word), so that the block's cells are not
    run together into one row."""
    return bool(current) and code_led(line) and code_led(current[0]) and not row_start(current[0])


def rows_with_detached_keys(rows: list[RowCells], texts: list[str]) -> list[RowCells]:
    """The rows (``texts``: the text each was read from), each run of MIN_DETACHED_ROWS or more
    table rows with no code given the cells of the block right after it that pair with them
    (``cells_to_rows``); the paired cells' rows are dropped, the others are kept as one row of
    text. A table row is one with numbers, an acronym or a level; the block, consecutive texts
    opened by a code that print no run of numbers."""
    out = list(zip(rows, texts))
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and _keyless_table_row(*out[j]):
            j += 1
        k = j
        while k < len(out) and code_led(out[k][1]) and not out[k][0].numbers:
            k += 1
        paired: set[int] = set()
        if j - i >= MIN_DETACHED_ROWS and k > j:
            cells = [unpipe(t).strip() for _, t in out[j:k]]
            for r, c in cells_to_rows([row.text.get("indicador") or "" for row, _ in out[i:j]], cells):
                row = out[i + r][0]
                row.text["resumen"] = " ".join(filter(None, (cells[c], row.text.get("resumen"))))
                row.notes.append(DETACHED_NOTE)
                paired.add(j + c)
        left = [x for n, x in enumerate(out[j:k], j) if n not in paired]
        if len(left) > 1:
            # cells no row takes: one row of text, as the lines reader gives a block of text
            # with no numbers, so that no cell passes for an indicator's row
            left = [_one_row([row for row, _ in left], " ".join(t for _, t in left))]
        out[j:k] = left
        i = max(j, i + 1)
    return [row for row, _ in out]


def cells_to_rows(indicators: list[str], cells: list[str]) -> list[tuple[int, int]]:
    """(row, cell) pairs of a run of rows and the block of cells after it, in order
    (``ordered.pairs_in_order``): anchored where a resumen shares its words with its own
    indicator ('Entrega de apoyos económicos a estudiantes' / 'Porcentaje de apoyos económicos a
    estudiantes entregados'). A cell sharing words with two rows is two cells run together (a
    code OCR lost), or a text two rows share, and anchors nothing."""
    return pairs_in_order([[_shared(r, c) for c in cells] for r in indicators], ANCHOR_SHARE)


def _shared(indicator: str, cell: str) -> float:
    a, b = _words(indicator), _words(split_code(cell)[1])
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _words(text: str) -> set[str]:
    return {w for w in WORD.findall(fold(text)) if len(w) >= MIN_WORD_CHARS}


def _one_row(rows: list[RowCells], text: str) -> tuple[RowCells, str]:
    first = rows[0]
    merged = RowCells(page=first.page, text=dict(first.text), notes=list(first.notes))
    rest = " ".join(" ".join(v for v in r.text.values() if v) for r in rows[1:])
    merged.text["comentario"] = " ".join(filter(None, (first.text.get("comentario"), rest)))
    return merged, text


def _keyless_table_row(row: RowCells, text: str) -> bool:
    tf = cells_to_text_fields(row.text)
    return not tf.clave and not code_led(text) and bool(row.numbers or tf.siglas or row.text.get("nivel"))

"""OCR'd text whose grid the table layer cannot see -> rows, read against the head it prints.

OCR exports lay a MIR table out as one line per row ('Fin 4.3 Contribuir … 266 - - - 266'),
or one cell per line, or in columns padded with spaces whose wrapped cells interleave. What
survives every one of them is reading order: the head's labels in order, and in each row its
text, then its numbers in the order of the numeric columns. So:

* the head is read into the sequence of numeric columns it prints (``head_to_sequence``),
  whichever way it groups them (kind over quarters, or quarter over kinds);
* a row starts at a line that starts with a level word (Fin, Propósito, Componente,
  Actividad); the lines up to the next start are its text;
* the row's run of numeric tokens is matched to the sequence — one to one, or after leaving
  out the alcanzado columns of quarters not yet reported (printed empty). Any other count is
  not guessed: the row keeps its text and says its numbers could not be placed.

Where the head stands, and which lines open a row, is ``line_head.py``'s.
"""

from __future__ import annotations

import regex

from papeleo.model import Document

from ..stream import GROUP_NUMBER
from .align import DOUBTFUL_SUFFIX, align_by_checks
from .cell_order import MIN_BACKED_ROWS, rows_of_backed_order
from .columns import Label
from .commentary import NOTE
from .detached import opens_detached_cell, rows_with_detached_keys
from .fields import frecuencia_of
from .heads import TEXT_KINDS, head_labels, head_sequences, head_to_sequence, rows_backed
from .line_head import MIN_HEAD_LABELS, PIPED, find_head, kinds_of, mostly_labels, row_in_head, row_start, unpipe
from .line_text import split_text
from .row_tokens import NUMBERISH, measured_columns, numeric_run, numeric_runs, row_tokens
from .table import NULL_TOKENS, RowCells, live_columns, numeric_field

# a stray of OCR before a code of three numbers or more, at the table's left edge ('A 1.3.3.1.1.2
# Supervisión de POPPS', '5 1.3.3.1.1.4 Registro de', 'Le 1.3.3.1.1.7 Entrega de becas': the
# level column's word torn to specks, dev MIR OCR'd text 156): at most two characters, so a
# word of prose ('de 2.5 millones') is not one, and only before a code a sentence does not print
CODE_STRAY = r"(?:[^\s\d]{1,2}\s+|\d\s+(?=\d{1,3}(?:\.\d{1,3}){2,8}\s))?"
# a line starting with a dotted code and a word: '5.6.1.3.3 Atencion de ISAIA Índice de …' (a
# row whose level word OCR printed elsewhere)
CODE_START = regex.compile(
    rf"^\s*(?:{CODE_STRAY}(?=\d{{1,3}}(?:\.\d{{1,3}}){{2,8}}\s))?\d{{1,3}}(?:\.\d{{1,3}}){{1,8}}\s+\p{{L}}"
)
# a row's code printed above its level word opens at most this many lines before it (the
# cell's first lines beside a level word centred in the row); a longer run of text, or one with
# a second code, is a column OCR detached from its rows ('3.2 Contribuir …', '3.2.3 La
# población …' printed as a block after the table, dev MIR OCR'd text 241), not one row's
MAX_CODE_OPENED_LINES = 3
# ... and the code that opens such a row has three numbers at least ('4.2.1.4 Contribuir'): a
# number with decimals then a word is as often a note's wrapped line ('192.36 programadas; la
# variación …', dev MIR OCR'd text 254), and a two-number Fin code above its level word is the
# price of not taking one for it
CODE_OPENING = regex.compile(rf"^\s*{CODE_STRAY}\d{{1,3}}(?:\.\d{{1,3}}){{2,8}}\s+\p{{L}}")
# a row holds its numbers once it has a run of at least this many (two: a lone number is a
# code, a year or a count in the text)
MIN_ROW_NUMBERS = 2
# the quarter is read from the rows' counts of numbers only when more than half of them agree
# (1/QUARTER_MAJORITY of the rows); fewer lets rows with lost or split cells decide it
QUARTER_MAJORITY = 2
# the names of this module's reading: rows against the head's order of columns, or against the
# order the rows' arithmetic backs where no head's order is (which the line stream need not
# beat by a margin: it has no head's word to defend)
LINE_READING = "orden"
ARITHMETIC_READING = "orden_aritmetica"
# a Markdown rule under the head: '|---|---|:---:|'
RULE_LINE = regex.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")


def place_numbers(tokens: list[str], seq: list[tuple[str, int | None]], T: int | None, comentario: str | None = None):
    """(pairs, note, doubtful columns): tokens matched to columns one to one, else by the row's
    arithmetic (``align.py``); pairs None when the count fits no reading of the head the checks
    back."""
    if len(tokens) == len(seq):
        return list(zip(seq, tokens)), None, set()
    live = live_columns(seq, T)
    if len(tokens) == len(live):
        return list(zip(live, tokens)), None, set()
    for columns in (live, seq) if live != seq else (seq,):
        got = align_by_checks(tokens, columns, T, comentario)
        if got is not None:
            return got
    return None, None, set()


def beyond_quarter(placed: list[tuple[tuple[str, int | None], str]], T: int) -> bool:
    """Whether a number other than zero sits under the alcanzado of a quarter after T."""
    return any(
        kind == "alc" and q and q > T and tok.lower() not in NULL_TOKENS | {""} and tok.strip("0.,") != ""
        for (kind, q), tok in placed
    )


def other_runs(tokens: list[str], start: int) -> list[str]:
    """The numeric tokens of the row's other runs of MIN_ROW_NUMBERS or more, before its
    numbers, which start at ``start`` (the commentary after them names counts one at a time:
    'al atender 2 de un total de 3' is no run)."""
    return [t for i, j in numeric_runs(tokens[:start]) if j - i >= MIN_ROW_NUMBERS for t in tokens[i:j]]


def join_row_lines(lines: list[str]) -> str:
    """A row's lines as one text in reading order. Markdown rows whose wrapped cells went on
    continuation lines ('|  | económico local y la generación de |  | …') are joined column by
    column when every line has the same number of cells; otherwise line by line. Where the
    export marks cells (pipes, tabs), an empty cell between two numbers is kept as '-': it is
    a column printed empty, and dropping it would shift every number after it."""
    cells = (
        [[c.strip() for c in ln.strip().strip("|").split("|")] for ln in lines]
        if all(PIPED.match(ln) for ln in lines)
        else []
    )
    if cells and len({len(c) for c in cells}) == 1:
        columns = empty_between_numbers([" ".join(filter(None, col)) for col in zip(*cells)])
        return "  ".join(c for c in columns if c)
    out = []
    for ln in lines:
        if "\t" in ln and not PIPED.match(ln):
            ln = "\t".join(empty_between_numbers(ln.split("\t")))
        out.append(unpipe(ln))
    return " ".join(out)


def empty_between_numbers(cells: list[str]) -> list[str]:
    """'4', '5', '', '3' -> '4', '5', '-', '3': an empty cell with a number on either side."""
    numeric = [bool(c.strip()) and all(NUMBERISH.match(t) for t in c.split()) for c in cells]
    out = list(cells)
    for i, c in enumerate(cells):
        if c.strip():
            continue
        before = next((numeric[j] for j in range(i - 1, -1, -1) if cells[j].strip()), False)
        after = next((numeric[j] for j in range(i + 1, len(cells)) if cells[j].strip()), False)
        if before and after:
            out[i] = "-"
    return out


def page_texts(doc: Document) -> list[tuple[int, str]]:
    return [(p.number, line.text) for p in doc.pages for line in p.lines]


def _has_numbers(lines: list[str]) -> bool:
    """The row so far already holds its run of numbers (a code after it starts the next row
    whose level word OCR put elsewhere; before it, the code is the row's own)."""
    start, stop = numeric_run(" ".join(lines).split())
    return stop - start >= MIN_ROW_NUMBERS


def _opened_by_code(lines: list[str]) -> bool:
    """A row so far only its code and text, no level word and no numbers: tesseract reads a
    row's first text line ('4.2.1.4 Contribuir a reducir las NACAVP= Número de árboles') above
    the level word it centres in the row's height ('FIN brechas de desigualdad …  0 0 0 1,453'),
    and the level word's line is the same row's, not the next one (dev MIR OCR'd text 101: the
    Fin and every row printed so lost their code)."""
    return (
        0 < len(lines) <= MAX_CODE_OPENED_LINES
        and bool(CODE_OPENING.match(unpipe(lines[0])))
        and sum(1 for ln in lines if CODE_START.match(unpipe(ln))) == 1
        and not row_start(lines[0])
        and not _has_numbers(lines)
    )


def line_rows(doc: Document) -> tuple[list[Label], list[tuple[int | None, str]]]:
    """The head's labels and each row's text (page, text) in reading order; ([], []) when
    no head is found."""
    labels, texts, _ = _line_rows(doc)
    return labels, texts


def _group_heading(line: str) -> bool:
    """'Componente 1: Dirección de Protección Civil': a group's heading between rows, no row (no
    numbers after it)."""
    words = unpipe(line).split()
    return row_start(line) and bool(GROUP_NUMBER.match(" ".join(words[1:3]))) and not _has_numbers([line])


def _line_rows(doc: Document) -> tuple[list[Label], list[tuple[int | None, str]], list[list[Label]]]:
    """``line_rows``, and the labels of every head repeated under a group heading: a head OCR
    damaged at the top of the table ('Meta anual' lost from its first line, dev MIR OCR'd text
    211) is often whole where a group repeats it."""
    numbered = [(pg, t) for pg, t in page_texts(doc) if t.strip()]
    lines = [t for _, t in numbered]
    head = find_head(lines)
    if head is None:
        return [], [], []
    first, end = head
    while end - 1 > first and CODE_OPENING.match(unpipe(lines[end - 1])):
        end -= 1  # the first row's code, printed above its level word, is no head
    end = next((i for i in range(first + 1, end) if row_in_head(lines[i])), end)
    head_words = {regex.sub(r"\s+", " ", ln.strip()) for ln in lines[first:end]}
    out: list[tuple[int | None, str]] = []
    current: list[str] = []
    page = None
    heads: list[list[str]] = []
    block: list[str] | None = None  # the lines under a group heading, until the next row
    for pg, line in numbered[end:]:
        if RULE_LINE.match(line):
            continue  # a Markdown rule
        if _group_heading(line):
            if current:
                out.append((page, join_row_lines(current)))
            current, block = [], []
            heads.append(block)
            continue
        if block is not None:
            if not row_start(line) and not CODE_START.match(unpipe(line)) and not _has_numbers([line]):
                block.append(line)
                continue
            block = None
            if not row_start(line):  # a row whose level word OCR damaged: its code or its numbers
                current, page = [line.strip()], pg
                continue
        if regex.sub(r"\s+", " ", line.strip()) in head_words:
            continue  # the head repeated on the next page
        code_line = bool(CODE_START.match(unpipe(line)))
        if current and row_start(line) and _opened_by_code(current):
            # the level word under its row's code goes first, where a row's text starts with it
            words = line.split()
            if PIPED.match(line) or PIPED.match(current[0]):
                current.append(line.strip())
            else:
                current = [f"{words[0]} {current[0].strip()}", *current[1:], " ".join(words[1:])]
        elif (
            row_start(line)
            or (code_line and _has_numbers(current))
            or (not current and CODE_OPENING.match(unpipe(line)))
            or (not current and row_in_head(line))
        ):
            if current:
                out.append((page, join_row_lines(current)))
            current, page = [line.strip()], pg
        elif current and NOTE.match(line) and _has_numbers(current):
            # a note under the table (no key): the commentary's (``commentary.py``), not the
            # last row's wrapped text, which took every note after it
            out.append((page, join_row_lines(current)))
            current = []
        elif opens_detached_cell(current, line):
            out.append((page, join_row_lines(current)))  # the cells of a column OCR set apart
            current, page = [line.strip()], pg
        elif current:
            current.append(line.strip())
    if current:
        out.append((page, join_row_lines(current)))
    later = [head_labels(b) for b in heads if len({k for ln in b for k in kinds_of(ln)}) >= MIN_HEAD_LABELS]
    head = lines[first:end]
    piped = [ln for ln in head if PIPED.match(ln)]
    labelled = head_without_trailing_text(head)
    if len(labelled) < len(head):
        # a page's title OCR set between the head and the first row ('Informe de Avance de
        # Metas …', 'Cuarto Trimestre 20Z5', report block 486) names a meta, a programa and a
        # quarter of no column; but a head cell wrapped onto a line of its own ('medida') is
        # the head's too, so this is one more reading of the head, which the rows choose
        later.insert(0, head_labels(labelled))
    if PIPED.match(head[0]) and len(piped) < len(head):
        # a Markdown head read without the lines between its table's: a page's title set among
        # them ('Periodo: Enero - Marzo 2020', dev MIR OCR'd text 282) names a quarter and a
        # meta of no column; but a head line OCR wrote one cell per line is the head's too
        # (226), so this is one more reading of the head, which the rows choose
        later.insert(0, head_labels(piped))
    return head_labels(head), out, later


def repeats_a_column(seq: list[tuple[str, int | None]]) -> bool:
    return len(set(seq)) < len(seq)


def head_without_trailing_text(head: list[str]) -> list[str]:
    """A head's lines up to its last that is mostly labels (its first line aside, which names
    MIN_HEAD_LABELS kinds): the lines after it are text the export put between the head and
    the first row."""
    last = max((i for i, ln in enumerate(head) if i == 0 or mostly_labels(ln)), default=0)
    return head[: last + 1]


def quarter_of_counts(seq: list[tuple[str, int | None]], texts: list[str]) -> int | None:
    """The reported quarter when the document does not say it, from what its rows print: a
    head with an alcanzado column per quarter whose rows print cells only up to quarter T
    (the later ones are left out, not printed empty). Taken only when most rows agree on one
    T and none print every column."""
    counts = []
    for text in texts:
        start, stop = numeric_run(text.split())
        counts.append(stop - start)
    fits = {}
    for q in range(1, 4):
        live = live_columns(seq, q)
        if len(live) < len(seq):
            fits[q] = sum(1 for c in counts if c == len(live))
    if not fits or any(c == len(seq) for c in counts):
        return None
    best = max(fits, key=lambda q: fits[q])
    return best if fits[best] * QUARTER_MAJORITY > len(texts) and list(fits.values()).count(fits[best]) == 1 else None


def document_to_line_rows(doc: Document, T: int | None) -> tuple[str, list[RowCells]]:
    """The rows read against the head's sequence of columns that the most rows' arithmetic backs,
    among the readings of the first head (ties: the first) and then of every head a group
    repeats. A repeated head's reading replaces the first head's only when it backs more rows
    and places as many values: a repeated head OCR damaged otherwise (two alcanzado labels
    doubled at its end, report block 6508) backs one row more by placing half the values.
    A row that is a note with its key and places no number ('1.1.2 Meta Trimestral: Se logra …',
    printed under the table) is left out: it is the keyed row's commentary (``commentary.py``),
    and read as a row it doubled that row's key and kept the note from it.

    Returns the reading's name with its rows: ``LINE_READING``, or ``ARITHMETIC_READING`` when no
    head's order is backed and the rows' arithmetic chose it (``cell_order.rows_of_backed_order``)."""
    labels, texts, later = _line_rows(doc)
    if not texts:
        return LINE_READING, []
    text_order = [lb.kind for lb in labels if lb.kind in TEXT_KINDS]
    best: tuple[int, int, list[RowCells]] | None = None
    readings: list[tuple[int, list[tuple[str, int | None]]]] = []
    for n, head in enumerate([labels, *later]):
        readings += [(n, seq) for seq in head_sequences(head) if seq not in (s for _, s in readings)]
    if any(not repeats_a_column(seq) for _, seq in readings):
        # a head that prints a column twice ('prog 4' five times: a title's 'Cuarto Trimestre'
        # and 'Metas' read into the head, report block 486) is misread: its values would go
        # to columns that do not exist, and the checks of the one that does cannot tell
        readings = [(n, seq) for n, seq in readings if not repeats_a_column(seq)]
    for n, seq in readings:
        rows = [_parse_row(text, seq, text_order, T, page, numeric_field) for page, text in texts]
        backed, placed = rows_backed(rows, T), sum(len(r.numbers) for r in rows)
        if best is None or (backed > best[0] and (n == 0 or placed >= best[1])):
            best = (backed, placed, rows)
    name = LINE_READING
    if T and (best is None or best[0] < MIN_BACKED_ROWS):
        found = rows_of_backed_order(
            lambda seq: [_parse_row(t, seq, text_order, T, pg, numeric_field) for pg, t in texts], T
        )
        if found and found[0] > (best[0] if best else 0):
            name, best = ARITHMETIC_READING, found
    if not best:
        return name, []
    kept = [(rc, t) for rc, (_, t) in zip(best[2], texts) if rc.numbers or not NOTE.match(unpipe(t))]
    return name, rows_with_detached_keys([rc for rc, _ in kept], [t for _, t in kept])


def line_quarter(doc: Document) -> int | None:
    labels, texts = line_rows(doc)
    return quarter_of_counts(head_to_sequence(labels), [t for _, t in texts]) if texts else None


def _parse_row(text: str, seq, text_order, T, page, numeric_field) -> RowCells:
    tokens = row_tokens(text, seq, T)
    start, stop = numeric_run(tokens)
    rc = RowCells(page=page)
    comment = " ".join(tokens[stop:]) or None
    seq = measured_columns(tokens[start:stop], seq, T, frecuencia_of(" ".join(tokens[:start])))
    placed, how, doubtful = place_numbers(tokens[start:stop], seq, T, comment) if stop > start else (None, None, set())
    if how:
        rc.notes.append(how)
    if placed is None and stop > start:
        rc.notes.append(
            f"{stop - start} valores para {len(seq)} columnas: no se sabe a qué columna va cada uno; se dejan sin asignar"
        )
    other = other_runs(tokens, start)
    if placed and T and beyond_quarter(placed, T):
        # a number under an alcanzado column of a quarter not yet reported: the count of the
        # row's cells did not match the head, and the values before it may be shifted too
        doubtful = {k for k, _ in placed}
        rc.notes.append("valores bajo alcanzados de trimestres no reportados: la fila puede estar corrida")
    if placed and other:
        # the row prints its numbers in more than one run ('852 929 5,242' / 'TRIMESTRAL' /
        # '1,924' '1,537' …, wrapped cells read down a column): which run holds which columns,
        # and in which order, is not known; the longest is placed and every value says so
        doubtful = {k for k, _ in placed}
        rc.notes.append(f"la fila imprime otra serie de números ({' '.join(other)}): columnas no comprobadas")
    for (kind, q), tok in placed or []:
        name = numeric_field(kind, q, T)
        if name and tok.lower() not in NULL_TOKENS | {""}:
            rc.numbers[name] = tok
            if (kind, q) in doubtful:
                rc.checks.append(f"{name}{DOUBTFUL_SUFFIX}=conflict")
        elif name:
            rc.numbers[name] = "-"
    rc.text = split_text(" ".join(tokens[:start]), " ".join(tokens[stop:]), text_order)
    return rc

"""Tesseract's text of a scanned table, one cell per line -> rows, the columns' order asked of
the rows' arithmetic.

Run on a scan without layout options, tesseract segments a wide table into blocks and writes
each cell as lines of its own: a row's resumen, its code, its indicator and its commentary come
interleaved, and its numbers follow one another ('10,110' / '2,906' / '1,918' / '3,651' /
'11035 2,906 1,741 3691'). The line readings look for a row on a line and find none (the
generator's real-OCR text forms read 24% of their numbers). Here a row is its run of lines
that print numbers only (at least ``MIN_RUN_TOKENS`` of them: a code alone or a figure the
commentary wrapped is no run), and its keys are the code, acronym and level printed on the
lines before the run, the last of each (the lines after the previous run are that row's
commentary).

The head's cells come interleaved too, so the order of the numeric columns is asked of the
rows' arithmetic (``cell_order.py``). Each row's values then go through its own checks.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from papeleo.model import Document

from .cell_doubts import doubt_constant_only, doubt_unpinned_quarters
from .cell_keys import codes_of, described, key_line, keys_into, parts_rows
from .cell_order import (
    MIN_BACKED_ROWS,
    Kind,
    backed_order,
    backing,
    columns_of_count,
    runs_to_directions,
    tokens_by_page_direction,
)
from .fields import frecuencia_of
from .lines import place_numbers
from .record import QUARTERS_OF
from .row_tokens import NUMBERISH
from .table import RowCells, numeric_field

# a run of number lines is a row's cells when it prints at least this many numbers: a code
# alone ('1.5') or a commentary's wrapped figure ('342,650') prints one
MIN_RUN_TOKENS = 4
# ... or this many right under the row's frequency cell: an annual indicator's target and fourth
# quarter (two figures of a commentary never follow a frequency word on its own line)
MIN_MEASURED_TOKENS = 2
# a speck OCR read among a line's numbers as a short word ('The'); a longer word is text
MAX_STRAY_CHARS = 3
# the text is tesseract's cells apart when at least this share of its lines printing two or more
# numbers print nothing else: 0.65-0.95 on the generator's real-OCR texts, 0.0-0.2 on text laid
# out in rows or one cell per line (dev OCR'd text 100-399, block (c) and (d))
MIN_APART_SHARE = 0.5
DIGIT = regex.compile(r"\d")
# a one-word text cell OCR set on the line of a row's numbers: 'Porcentaje 146.00 0', 'Tasa 98.00 0'
WORD_CELL = regex.compile(r"^\p{Lu}\p{Ll}{2,}$")
# ... read as a cell beside them when this many numbers follow it or more: a commentary's line
# prints words between its figures, and one figure after a word is a sentence's ('Meta 2')
MIN_BESIDE_WORD_NUMBERS = 2
# two runs of numbers are joined into one row across at most this many lines of text between
# them (a wrapped cell's line or two; more is another row's text)
MAX_JOIN_LINES = 3
# the check a row of a document whose codes follow their numbers carries: which code is whose
# rests on tesseract's order alone (_codes_follow_runs)
KEY_ORDER_CHECK = "clave_por_orden_del_ocr"
# the last row's lines after its numbers are read this far: its level and frequency stand within
# the few lines of its wrapped cells; further on stand the page's foot and signatures
MAX_LAST_TAIL_LINES = 12


def document_to_cell_line_rows(doc: Document, T: int | None) -> list[RowCells]:
    """The rows of a plain-text document written one cell per line (module doc); none when its
    lines hold no such runs or no order of the columns is backed."""
    if not T or any(p.text_source != "plain_text" for p in doc.pages):
        return []
    lines = [(p.number, ln.text.strip()) for p in doc.pages for ln in p.lines if ln.text.strip()]
    codes = codes_of([t for _, t in lines])
    numbers = [_numbers_of(t, codes) for _, t in lines]
    if not _cells_apart([t for _, t in lines], numbers):
        return []  # rows printed on lines, or cells one per line in row order: the line readings' text
    runs = _number_runs([t for _, t in lines], numbers)
    if len(runs) < MIN_BACKED_ROWS:
        return []
    directions = runs_to_directions(runs, numbers)
    backed = backed_order(directions, T)
    if backed is None:
        return []
    seq = backed[0]
    texts = [t for _, t in lines]
    joined = _runs_joined(runs, numbers, texts, codes, seq, T)
    if joined != runs:
        runs, directions = joined, runs_to_directions(joined, numbers)
    tokens = tokens_by_page_direction(seq, directions, backed[1], [lines[a][0] for a, _ in runs], T)
    out: list[RowCells] = []
    heads, tails = _row_segments(texts, runs, codes)
    # where the rows print their level and frequency: before their numbers, or after them
    after = _described_after(heads, tails)
    # which code is whose rests on tesseract's order alone where codes follow their numbers
    codes_after = _codes_follow_runs(texts, runs, codes, [p for p, _ in lines])
    for (a, b), toks, head, tail in zip(runs, tokens, heads, tails):
        rc = RowCells(page=lines[a][0])
        keys_into(rc, head, codes, describe=not after)
        if codes_after:
            rc.checks.append(f"{KEY_ORDER_CHECK}=conflict")
            rc.notes.append(
                "el OCR escribió las claves después de los números de sus filas: la clave de la fila "
                "puede ser la de su vecina"
            )
        keys_into(rc, [t for j, t in enumerate(texts[a:b], a) if numbers[j] is None], codes, keys=False)
        keys_into(rc, [t.split()[0] for t in texts[a:b] if frecuencia_of(t.split()[0])], codes, keys=False)
        if after:
            keys_into(rc, tail[::-1], codes, keys=False)  # the first of each after the numbers: the cells beside them
        elif "frecuencia" not in rc.text:
            # the frequency cell can come right after the numbers too ('0 100' / 'Semestral')
            keys_into(rc, [t for t in texts[b : b + 2] if frecuencia_of(t) and len(t.split()) == 1], codes)
        measured = QUARTERS_OF.get(frecuencia_of(rc.text.get("frecuencia")) or "")
        # an indicator measured in some quarters prints '0' in the others, or a blank, gone from
        # the text: the columns of its count
        row_seq = [k for k in seq if k[0] not in ("prog", "alc") or not measured or k[1] in measured]
        unmeasured = bool(measured) and T not in measured
        columns = columns_of_count(row_seq, len(toks), unmeasured) or columns_of_count(seq, len(toks)) or seq
        pairs, note, _ = place_numbers(toks, columns, T)
        if pairs is None:
            rc.notes.append(
                f"{len(toks)} números para {len(seq)} columnas: ninguna alineación cuadra con la aritmética de la fila"
            )
        else:
            for (kind, q), tok in pairs:
                if name := numeric_field(kind, q, T):
                    rc.numbers[name] = tok
            if note:
                rc.notes.append(note)
            doubt_constant_only(rc)
            if b - a > 1:
                doubt_unpinned_quarters(rc, T)
        rc.notes.append(
            "orden de las columnas tomado de la aritmética de las filas (texto de OCR, una celda por línea)"
        )
        out.append(rc)
    return out


@dataclass(frozen=True)
class _Text:
    """The document's lines as the run-joining reads them: each line's numbers (None for text),
    its text, the document's code lines, the order of the columns, the quarter, and where each
    run of numbers starts (start -> end)."""

    numbers: list[list[str] | None]
    texts: list[str]
    codes: frozenset[str]
    seq: list[Kind]
    T: int
    starts: dict[int, int]

    def one_row(self, a: int, b: int) -> bool:
        """Whether lines a..b print one row's numbers: their count fits the columns and the
        row's arithmetic backs their order, read as written or bottom-up."""
        both = [way[0] for way in runs_to_directions([(a, b)], self.numbers)]
        return bool(columns_of_count(self.seq, len(both[0]))) and any(
            backing(self.seq, [toks], self.T)[0] for toks in both
        )


def _runs_joined(
    runs: list[tuple[int, int]],
    numbers: list[list[str] | None],
    texts: list[str],
    codes: frozenset[str],
    seq: list[Kind],
    T: int,
) -> list[tuple[int, int]]:
    """A run whose count of numbers fits no columns, joined with the lines of numbers that follow
    it when together they are one row's: tesseract set a line of the row's wrapped text between
    them ('260' / '280' / '68' / '93 56' / 'sólidos urbanos' / '63' / '75 83 89%', dev MIR OCR'd
    text 156 page 3: two runs of no row; '795.67 606.01 470.33' / 'actualizadas' / '76.2%' after
    a row's first six, OCR'd text 123: too few for a run of their own) — or with a line of its
    first numbers before it (``_row_start``). Joined only across at most ``MAX_JOIN_LINES`` lines
    of text between two lines of numbers, none of them a key line (code, acronym), up to the
    first line whose numbers make the count fit the columns and back their order on the row's
    own arithmetic: two rows' numbers joined would not add up. A run is taken whole or not at
    all."""
    text = _Text(numbers, texts, codes, seq, T, {a: b for a, b in runs})
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        a, b = runs[i]
        fits = columns_of_count(seq, sum(len(numbers[j] or []) for j in range(a, b))) is not None
        end = None if fits else _row_end(a, b, text)
        start = None
        if not fits and end is None:
            start, end = _row_start(a, b, out[-1][1] if out else 0, text)
        if end is None:
            out.append((a, b))
            i += 1
            continue
        out.append((a if start is None else start, end))
        while i < len(runs) and runs[i][0] < end:
            i += 1
    return out


def _row_start(a: int, b: int, floor: int, text: _Text) -> tuple[int | None, int | None]:
    """(start, end) of the row whose numbers end the run (a, b), when a line of its first
    numbers stands before the run, too short to be a run of its own: tesseract set the row's
    unit or frequency cell between ('Porcentaje 81.00 100.00' / 'TRIMESTRAL' / '(Contraloría
    Municipal)' / '100.00 100.00' / …, OCR'd text of report 6979: its línea base and first
    programado). Taken across at most ``MAX_JOIN_LINES`` lines of text, none a key line, not
    before ``floor`` (where the previous row ends), and only when the count then fits the columns
    and the row's arithmetic backs their order — or the lines after the run complete it
    (``_row_end``). (None, None) when no such line does."""
    gap = 0
    j = a - 1
    while j >= floor and text.numbers[j] is None:
        if parts_rows(text.texts[j], text.codes) or gap == MAX_JOIN_LINES:
            return None, None
        gap += 1
        j -= 1
    if j < floor or gap == 0:
        return None, None
    start = j
    while start - 1 >= floor and text.numbers[start - 1] is not None:
        start -= 1
    if any(x <= start < y or x <= j < y for x, y in text.starts.items()):
        return None, None  # another row's run: two rows' numbers
    if text.one_row(start, b):
        return start, b
    end = _row_end(start, b, text)
    return (start, end) if end is not None else (None, None)


def _row_end(a: int, b: int, text: _Text) -> int | None:
    """Where the row whose numbers start the run (a, b) ends, when lines of numbers after it
    complete it (``_runs_joined``); None when none do."""
    gap = 0
    j = b
    while j < len(text.texts) and gap <= MAX_JOIN_LINES:
        if text.numbers[j] is None:
            if parts_rows(text.texts[j], text.codes):
                return None
            gap += 1
            j += 1
            continue
        gap = 0
        j = text.starts.get(j, j + 1)  # a run is taken whole
        if any(x < j < y for x, y in text.starts.items()):
            return None
        if text.one_row(a, j):
            return j
    return None


def _codes_follow_runs(texts: list[str], runs: list[tuple[int, int]], codes: frozenset[str], pages: list) -> bool:
    """Whether tesseract wrote the rows' codes after their numbers: a page's last run of numbers
    is followed by a code on a line of its own and no run after it on that page (OCR'd text of
    report 6968: '4,552 1,824 903 …' / … / '2.2.5.1.8.1' / 'Página 1 de 2', every row's code a
    few lines under its numbers and read as the next row's: 31 values under their neighbours'
    codes with no flag). Taking each code from after its numbers instead read no better (dev
    OCR'd text 149, whose codes come on both sides), so the codes stay as read and every value
    of every row says that its code may be its neighbour's (``KEY_ORDER_CHECK``)."""
    for page in dict.fromkeys(pages):
        on_page = [(a, b) for a, b in runs if pages[a] == page]
        if not on_page:
            continue
        last = on_page[-1][1]
        if any(texts[j] in codes for j in range(last, len(texts)) if pages[j] == page):
            return True
    return False


def _cells_apart(lines: list[str], numbers: list[list[str] | None]) -> bool:
    """Whether the text sets numbers apart from words: most lines printing two numbers or more
    print nothing else (``MIN_APART_SHARE``). Tesseract's text of a scanned table does ('216,970.90
    223,972.00 167,052.95 349,627.00 -'); text laid out in rows prints them among the row's words,
    and text of one cell per line in row order prints one number a line — both read by the line
    readings, which this reading only loses rows to."""
    several = [
        i for i, ln in enumerate(lines) if sum(1 for t in ln.split() if NUMBERISH.match(t) and DIGIT.search(t)) >= 2
    ]
    apart = sum(1 for i in several if numbers[i] is not None)
    return len(several) >= MIN_BACKED_ROWS and apart >= MIN_APART_SHARE * len(several)


def _number_runs(lines: list[str], numbers: list[list[str] | None]) -> list[tuple[int, int]]:
    """(start, end) of every run of consecutive lines printing numbers only (but for a level or
    frequency cell between them), MIN_RUN_TOKENS or more of them — or two or more right under
    the row's frequency ('Anual' / '393' / '393': an annual indicator prints its target and its
    fourth quarter only)."""
    out = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and numbers[j] is not None:
            j += 1
            # a row's level or frequency cell set among its numbers ('95 102 95 95 95' /
            # 'Trimestral' / '95', dev MIR OCR'd text 149: the meta anual after it)
            if j + 1 < len(lines) and numbers[j] is None and numbers[j + 1] is not None and described(lines[j]):
                j += 1
        count = sum(len(numbers[k] or []) for k in range(i, j))
        after_frequency = i > 0 and len(lines[i - 1].split()) == 1 and frecuencia_of(lines[i - 1]) is not None
        if j > i and (count >= MIN_RUN_TOKENS or (after_frequency and count >= MIN_MEASURED_TOKENS)):
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _numbers_of(line: str, codes: frozenset[str]) -> list[str] | None:
    """The numbers of a line that prints numbers only, None for any other line. One short
    token without a digit among them is OCR's reading of a speck ('3691 The') and is dropped."""
    if line in codes:
        return None
    tokens = line.split()
    if len(tokens) > 1 and frecuencia_of(tokens[0]) and not NUMBERISH.match(tokens[0]):
        # the frequency cell beside the first numeric one, read by tesseract as one line with it
        # ('TRIMESTRAL 451' after the row's other numbers: dev MIR OCR'd text 120, its meta)
        tokens = tokens[1:]
    elif len(tokens) > MIN_BESIDE_WORD_NUMBERS and WORD_CELL.match(tokens[0]):
        # another one-word text cell beside the first numeric ones, on their line: the unit
        # ('Porcentaje 146.00 0', OCR'd text of report 6979: its línea base and first quarter)
        tokens = tokens[1:]
    numbers = [t for t in tokens if NUMBERISH.match(t)]
    stray = [t for t in tokens if not NUMBERISH.match(t)]
    if not numbers or len(stray) > 1 or any(len(t) > MAX_STRAY_CHARS or DIGIT.search(t) for t in stray):
        return None
    return numbers


def _row_segments(
    texts: list[str], runs: list[tuple[int, int]], codes: frozenset[str]
) -> tuple[list[list[str]], list[list[str]]]:
    """Each row's lines before its numbers, from its first key line (code or acronym) on, and
    its lines after them, up to the next row's first key line. Between two runs the lines of
    the row above end where the next row's keys begin; a window with no key line is all the
    next row's."""
    heads: list[list[str]] = []
    tails: list[list[str]] = []
    previous_end = 0
    for a, b in runs:
        window = texts[previous_end:a]
        first = next((i for i, t in enumerate(window) if key_line(t, codes)), 0)
        if tails:
            tails[-1] = window[:first]
        heads.append(window[first:])
        tails.append(texts[b:])
        previous_end = b
    if tails:
        tails[-1] = tails[-1][:MAX_LAST_TAIL_LINES]
    return heads, tails


def _described_after(heads: list[list[str]], tails: list[list[str]]) -> bool:
    """Whether the rows print their level and frequency after their numbers: more such lines
    stand after the runs than before them (tesseract writes a row's cells block by block, and
    the blocks' order follows the page's segmentation, not the head's)."""
    before = sum(1 for h in heads for t in h if described(t))
    return sum(1 for t_ in tails for t in t_ if described(t)) > before

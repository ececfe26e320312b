"""A table continued on the next page -> one table.

Reports repeat a long table's header on every page, with the page's running header and
page number in between. Two tables are one when nothing but such lines separates them and
the second repeats the first's header (dropped) — or has no header of its own and its
columns stand where the first's stood. A row the page break cut in two is joined back
when its continuation is evident: its first cell is empty, or it fills few columns and
every filled cell goes on in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from papeleo.model import Line, Page

from .header import same_header
from .model import Cell, Row, Table
from .ruled import rules_to_grids
from .words import has_alnum, line_to_phrases, median_word_height

# A line that is only a page number: 'Página 7 de 12', 'Pág. 3', 'Hoja 2 de 5', '- 3 -', '3', '3/12'.
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:p[aá]gina|p[aá]g\.?|hoja|foja)\s*)?[-–—]?\s*\d{1,4}\s*(?:(?:de|/)\s*\d{1,4})?\s*[-–—]?\s*$", re.I
)
# Digits, which differ from page to page in an otherwise repeated running header
# ('IEM/CV/SPE/07/2020 Página 7' / '... Página 8').
_DIGITS = re.compile(r"\d+")
# Share of the page height at the top and at the bottom where running headers and footers sit.
MARGIN_SHARE = 0.12
# A margin line with three or more pieces this many word heights apart is a table row (a
# header repeated on every page), not a running line. Wide, because OCR spaces the words of
# an ordinary running header unevenly (the scanned ASM sample's split into 4 at 0.7 heights).
COLUMN_GAP_HEIGHTS = 2.0
# Pages either side searched for a margin line's repetition: running headers alternate on
# facing pages at most, so two pages away is enough.
RUNNING_WINDOW = 2
# Two margin lines are the same running line at this similarity (OCR reads them differently).
RUNNING_RATIO = 85
# Columns of a table continued without its header stand within this many points of the first part's.
EDGE_TOLERANCE_PT = 8.0
# A cut row's continuation fills less than this share of the columns.
CONTINUATION_FILL_SHARE = 0.5


def is_page_number(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text))


def running_key(text: str) -> str:
    """A line as it recurs on every page: lower case, digits (page numbers, dates) masked."""
    return " ".join(_DIGITS.sub("#", text.lower()).split())


def margin_lines(page: Page) -> list[int]:
    """Indices of the lines in the page's top and bottom margins that may be running
    lines: not inside a ruled table, and not set in three or more columns (a table's
    header repeated at the top of every page is not a running header)."""
    lines = page.lines
    if not page.height:
        return []
    band = MARGIN_SHARE * page.height
    grids = [g.bbox for g in rules_to_grids(page.rules)[0]]
    gap = COLUMN_GAP_HEIGHTS * median_word_height(page.words)
    return [
        i
        for i, ln in enumerate(lines)
        if ln.bbox is not None
        and (ln.bbox.bottom <= band or ln.bbox.top >= page.height - band)
        and not any(b.overlaps(ln.bbox) for b in grids)
        and (len(line_to_phrases(ln.words, gap)) < 3 or is_page_number(ln.text))
    ]


def running_lines(pages: Sequence[Page]) -> dict[int, set[int]]:
    """Page number -> indices of its running lines: margin lines that recur (digits
    aside) on a page at most RUNNING_WINDOW pages away, and bare page numbers. Only nearby
    pages are compared, so a 300-page report costs 300 small comparisons, not 300 squared."""
    keys = [[(running_key(p.lines[i].text), i) for i in margin_lines(p)] for p in pages]
    out: dict[int, set[int]] = {p.number: set() for p in pages}
    for k, page in enumerate(pages):
        near = keys[max(0, k - RUNNING_WINDOW) : k] + keys[k + 1 : k + 1 + RUNNING_WINDOW]
        others = [key for ks in near for key, _ in ks if key]
        for key, i in keys[k]:
            if is_page_number(page.lines[i].text) or any(fuzz.ratio(key, o) >= RUNNING_RATIO for o in others):
                out[page.number].add(i)
    return out


def without_lines(page: Page, drop: set[int]) -> Page:
    return replace(page, lines=tuple(ln for i, ln in enumerate(page.lines) if i not in drop))


def merge_continued(first: Table, second: Table, geometric: bool) -> Table | None:
    """``second`` appended to ``first`` when it continues it, else None (the caller has
    checked that nothing but running lines stands between them)."""
    if first.n_columns != second.n_columns:
        return None
    header_from = first
    if second.header_rows and same_header(first.columns, second.columns):
        rows = list(second.rows)
    elif not second.header_rows and (not geometric or _edges_match(first, second)):
        rows = list(second.rows)
    elif second.header_rows and geometric and _edges_match(first, second):
        if first.header_rows:
            rows = [*second.header_rows, *second.rows]  # a data row taken for a header
        else:
            rows, header_from = list(second.rows), second  # the header was lost on the first page (OCR)
    else:
        return None
    body = list(first.rows)
    if body and rows and _continues(rows[0], body[-1]):
        body[-1] = join_rows(body[-1], rows.pop(0))
    pages = tuple(dict.fromkeys((*first.pages, *second.pages)))
    return replace(
        first, rows=tuple(body + rows), pages=pages, columns=header_from.columns, header_rows=header_from.header_rows
    )


def _edges_match(a: Table, b: Table) -> bool:
    if not a.column_edges or len(a.column_edges) != len(b.column_edges):
        return False
    inner = zip(a.column_edges[1:-1], b.column_edges[1:-1])
    return all(abs(x - y) <= EDGE_TOLERANCE_PT for x, y in inner)


def _continues(row: Row, previous: Row) -> bool:
    filled = [c for c in row.cells if not c.is_empty]
    if not filled:
        return False
    if row.cells[0].is_empty:
        return True
    return len(filled) < CONTINUATION_FILL_SHARE * len(row.cells) and all(c.text[:1].islower() for c in filled)


def join_rows(upper: Row, lower: Row) -> Row:
    """The two parts of a row cut by a page break: cell texts joined, words kept, the
    boxes and page of the upper part (a box cannot span two pages)."""
    cells = tuple(_join_cells(a, b) for a, b in zip(upper.cells, lower.cells))
    return Row(cells, upper.page)


def _join_cells(a: Cell, b: Cell) -> Cell:
    if b.is_empty:
        return a
    if a.is_empty:
        return replace(b, bbox=a.bbox or b.bbox)
    if a.text.endswith("-") and a.text[-2:-1].isalpha() and b.text[:1].islower():
        text = a.text[:-1] + b.text
    else:
        text = f"{a.text} {b.text}"
    return replace(a, text=text, words=a.words + b.words)


def merge_page_tables(per_page: Sequence[tuple[Page, list[Table]]]) -> list[Table]:
    """Tables of consecutive pages (pages given with their margin running lines removed),
    a page's last table merged with the next page's first when the only lines below the
    one and above the other are running lines: page numbers, or lines the other page
    repeats (a running header block can be taller than the margin band: the POA export's
    five-line letterhead ends at 13% of the page)."""
    out: list[Table] = []
    prev: Page | None = None
    prev_had_tables = False
    for page, tables in per_page:
        for k, table in enumerate(tables):
            if (
                k == 0
                and prev is not None
                and prev_had_tables
                and prev.number + 1 == page.number
                and _only_running(_lines_below(out[-1], prev), page)
                and _only_running(_lines_above(table, page), prev)
            ):
                merged = merge_continued(out[-1], table, geometric=True)
                if merged is not None:
                    out[-1] = merged
                    continue
            out.append(table)
        prev, prev_had_tables = page, bool(tables)
    return out


def _only_running(lines: Sequence[Line], other: Page) -> bool:
    """Are ``lines`` all running lines: without letters or digits, page numbers, or
    repeated word for word on the ``other`` page? Word for word, digits included, unlike in
    the margins: 'Cuadro 3. Avance' over one table and 'Cuadro 4. Avance' over the next
    differ only in a digit, and they are two tables."""
    repeated = {_plain(ln.text) for ln in other.lines}
    return all(not has_alnum(ln.text) or is_page_number(ln.text) or _plain(ln.text) in repeated for ln in lines)


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _lines_below(table: Table, page: Page) -> list[Line]:
    bottom = _bottom_on(table, page)
    return [ln for ln in page.lines if ln.bbox is not None and ln.bbox.top > bottom]


def _bottom_on(table: Table, page: Page) -> float:
    """Bottom of the table's last row on ``page`` (the table may have started earlier)."""
    boxes = [r.bbox for r in table.rows if r.page == page.number and r.bbox is not None]
    if boxes:
        return max(b.bottom for b in boxes)
    return table.bbox.bottom if table.bbox is not None else 0.0


def _lines_above(table: Table, page: Page) -> list[Line]:
    top = table.bbox.top if table.bbox is not None else 0.0
    return [ln for ln in page.lines if ln.bbox is not None and ln.bbox.bottom < top]

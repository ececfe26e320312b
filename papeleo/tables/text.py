"""Tables in plain text: Markdown pipe tables, HTML ``<table>``, tab-separated lines and
columns aligned with runs of spaces.

Text is what OCR tools and PDF-to-text converters hand over: the ASM seed's findings are
Markdown tables with HTML in their cells, the score seed's table is tab-separated with a
two-line header, ``pdftotext -layout`` aligns columns with spaces. Space-aligned text is
read by the same gutter reader as a page, on a character grid (a character 5 units wide, a
line 10 units tall, 12 apart — the proportions of 10 pt type), so "two or more spaces,
at the same place on every line" is exactly a gutter. Tables with nothing but running
lines (repeated headers, page numbers) between them and the same header are one table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from papeleo.model import BBox, Word

from .build import Metrics
from .continuation import is_page_number, merge_continued, running_key
from .head_lines import broken_head_row
from .header import (
    header_rows_by_column_types,
    pieces_to_names,
    rows_to_pieces,
    text_rows_to_pieces,
    texts_look_like_header,
    unique_names,
)
from .html import cell_rows_to_grid, html_fragment_to_text, html_to_cell_rows
from .model import EMPTY_CELL, Row, Table, TableSource
from .page import words_to_unruled_tables
from .words import text_to_cell

TextLine = tuple[int | None, str]  # (page number, line text)

# '| 1 | El Fondo no cuenta con un diagnóstico ... | Agosto 2024 |'
_PIPE_ROW = re.compile(r"^\s*\|.*\|")
# '|--|---|--|--------|', '| :--- | ---: |'
_PIPE_RULE = re.compile(r"^\s*\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*$")
# The cell separator of a pipe row: '|' not escaped as '\|'.
_PIPE = re.compile(r"(?<!\\)\|")
# '<table border="1">' / '</table>'
_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
# A token of space-aligned text: 'Coordinadora', '9,583'.
_TOKEN = re.compile(r"\S+")

CHAR_W, LINE_H, LINE_PITCH = 5.0, 10.0, 12.0  # the character grid of space-aligned text
TAB_SIZE = 8
MAX_HEADER_LINES = 3  # a tab-separated or Markdown header continued on at most two more lines


def text_to_tables(text: str, page: int | None = None) -> list[Table]:
    """Every table in ``text`` (form feeds are page breaks: pages count from ``page``,
    or rows carry no page when it is None)."""
    lines: list[TextLine] = []
    for k, chunk in enumerate(text.split("\f")):
        number = None if page is None else page + k
        lines.extend((number, ln) for ln in chunk.split("\n"))
    return text_lines_to_tables(lines)


def text_lines_to_tables(lines: Sequence[TextLine]) -> list[Table]:
    """Tables of a sequence of (page, text) lines, continued tables merged."""
    found: list[tuple[int, int, Table]] = []  # (first line, end line, table)
    taken: set[int] = set()
    i = 0
    while i < len(lines):
        text = lines[i][1]
        end, table = i + 1, None
        if _TABLE_OPEN.search(text):
            end = next((j + 1 for j in range(i, len(lines)) if _TABLE_CLOSE.search(lines[j][1])), len(lines))
            table = html_lines_to_table(lines[i:end])
        elif _PIPE_ROW.match(text):
            end = _run_end(lines, i, lambda t: bool(_PIPE_ROW.match(t)))
            table = pipe_lines_to_table(lines[i:end])
        elif _is_tab_line(text):
            end = _run_end(lines, i, _is_tab_line)
            table = tab_lines_to_table(lines[i:end]) if end - i >= 2 else None
        start = i
        if table is not None and table.source in ("markdown", "tsv"):
            declared = _rule_columns(lines[i:end]) if table.source == "markdown" else None
            table, start = _with_broken_head(table, lines, i, found[-1][1] if found else 0, declared)
        if table is not None:
            found.append((start, end, table))
            taken.update(range(start, end))
        i = end
    found.extend(spaced_lines_to_tables(lines, taken))
    found.sort(key=lambda f: f[0])
    return merge_text_tables(lines, found)


def _rule_columns(lines: Sequence[TextLine]) -> int | None:
    """The columns a Markdown table's ``|---|---|---|`` rule declares: the export writes it from
    the table's own columns, while a body row OCR split in two ('| Fecha | compromiso: |')
    has one cell more (ASM dev seed 79)."""
    for _, text in lines[: MAX_HEADER_LINES + 1]:
        if _PIPE_RULE.match(text):
            return len(pipe_cells(text))
    return None


def _with_broken_head(
    table: Table, lines: Sequence[TextLine], start: int, stop: int, declared: int | None = None
) -> tuple[Table, int]:
    """The table with the head row an export broke into label lines above it put back
    (``head_lines``), and the line it now starts at; ``declared`` is the column count the
    table's rule states, when it has one."""
    found = broken_head_row(table.header_rows, table.n_columns, lines, start, stop, declared)
    if found is None:
        return table, start
    top, first = found
    head = [Row(tuple(text_to_cell(c) for c in top), lines[first][0]), *table.header_rows]
    rebuilt = _text_table(head, list(table.rows), table.source, [list(r.texts) for r in head])
    return (rebuilt, first) if rebuilt is not None else (table, start)


def _run_end(lines: Sequence[TextLine], start: int, test: Callable[[str], bool]) -> int:
    end = start
    while end < len(lines) and test(lines[end][1]):
        end += 1
    return end


def _is_tab_line(text: str) -> bool:
    """A tab-separated row: two filled cells, or one filled cell among several tabs."""
    cells = text.split("\t")
    filled = sum(1 for c in cells if c.strip())
    return filled >= 2 or (filled == 1 and len(cells) >= 3)


def pipe_cells(text: str) -> list[str]:
    inner = text.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [html_fragment_to_text(c.replace("\\|", "|")) for c in _PIPE.split(inner)]


def pipe_lines_to_table(lines: Sequence[TextLine]) -> Table | None:
    """A Markdown pipe table: the lines above the ``|---|`` rule are the header — one in
    Markdown proper, up to ``MAX_HEADER_LINES`` where an export writes a two-level head
    (group labels over 'Prog. | Real') before its rule; a rule on the first line means the
    head was lost; without a rule the first row is the header unless it holds a bare number."""
    rule_at = next((k for k in range(min(len(lines), MAX_HEADER_LINES + 1)) if _PIPE_RULE.match(lines[k][1])), None)
    rows = [(page, pipe_cells(t)) for k, (page, t) in enumerate(lines) if k != rule_at]
    if not rows:
        return None
    # the rule declares the table's columns: a head OCR read two labels of as one cell has a
    # cell less than its rule, and the table keeps the rule's count (ASM dev seed 74)
    declared = len(pipe_cells(lines[rule_at][1])) if rule_at is not None else 0
    n = max(declared, *(len(cells) for _, cells in rows))
    table_rows = [Row(tuple(text_to_cell(c) for c in cells + [""] * (n - len(cells))), page) for page, cells in rows]
    if rule_at is not None:
        header_count = rule_at
    else:
        header_count = 1 if texts_look_like_header(table_rows[0].texts) else 0
    return _text_table(
        table_rows[:header_count],
        table_rows[header_count:],
        "markdown",
        [list(r.texts) for r in table_rows[:header_count]],
    )


def tab_lines_to_table(lines: Sequence[TextLine]) -> Table | None:
    """Tab-separated lines, one row each. The header is the first line and the lines after
    it that only continue it (first cell empty, no numbers), as in the score seed's
    ``Metas<TAB><TAB>Competencias`` over ``<TAB><TAB><TAB>Individuales<TAB>Colectivas``."""
    split = [(page, [html_fragment_to_text(c) for c in text.split("\t")]) for page, text in lines]
    n = max(len(cells) for _, cells in split)
    texts = [cells + [""] * (n - len(cells)) for _, cells in split]
    rows = [Row(tuple(text_to_cell(c) for c in cells), page) for (page, _), cells in zip(split, texts)]
    count = 0
    if texts_look_like_header(texts[0]):
        count = 1
        while (
            count < min(len(texts) - 1, MAX_HEADER_LINES)
            and not texts[count][0].strip()
            and texts_look_like_header(texts[count])
        ):
            count += 1
    return _text_table(rows[:count], rows[count:], "tsv", texts[:count])


def html_lines_to_table(lines: Sequence[TextLine]) -> Table | None:
    """An HTML table: header rows are the leading rows of ``<th>`` (or ``<thead>``) cells,
    or else the first row unless it holds a bare number; merged cells keep their spans."""
    grid = cell_rows_to_grid(html_to_cell_rows("\n".join(t for _, t in lines)))
    if not grid or not grid[0]:
        return None
    page = lines[0][0]
    rows = [
        Row(
            tuple(
                EMPTY_CELL if c is None else replace(text_to_cell(c.text), col_span=c.col_span, row_span=c.row_span)
                for c in row
            ),
            page,
        )
        for row in grid
    ]
    count = 0
    while (
        count < len(grid) - 1
        and all(c is None or c.header for c in grid[count])
        and any(c is not None for c in grid[count])
    ):
        count += 1
    if count == 0 and texts_look_like_header(rows[0].texts):
        count = 1
    header, body = header_rows_by_column_types(rows[:count], rows[count:])
    names = pieces_to_names(rows_to_pieces(header), len(grid[0])) if header else unique_names([""] * len(grid[0]))
    return Table(
        columns=names,
        rows=tuple(body),
        header_rows=tuple(header),
        source="html",
        pages=tuple(dict.fromkeys(p for p in (page,) if p is not None)),
    )


def _text_table(header: list[Row], body: list[Row], source: TableSource, header_texts: list[list[str]]) -> Table | None:
    if not body and not header:
        return None
    width = len((header or body)[0].cells)
    names = pieces_to_names(text_rows_to_pieces(header_texts), width) if header else unique_names([""] * width)
    pages = tuple(dict.fromkeys(r.page for r in [*header, *body] if r.page is not None))
    return Table(columns=names, rows=tuple(body), header_rows=tuple(header), source=source, pages=pages)


def spaced_lines_to_tables(lines: Sequence[TextLine], taken: set[int]) -> list[tuple[int, int, Table]]:
    """Space-aligned tables among the lines no other text table took (each run of such
    lines read on its own), as (first line, end line, table)."""
    out: list[tuple[int, int, Table]] = []
    run: list[int] = []
    for i in range(len(lines) + 1):
        if i < len(lines) and i not in taken:
            run.append(i)
        elif run:
            out.extend(_spaced_run_to_tables(lines, run))
            run = []
    return out


def _spaced_run_to_tables(lines: Sequence[TextLine], run: Sequence[int]) -> list[tuple[int, int, Table]]:
    """Tables in a run of lines, read on a character grid by the gutter reader, as
    (first line, end line, table); the grid's boxes are removed from the result."""
    words: list[Word] = []
    for i in run:
        for m in _TOKEN.finditer(lines[i][1].expandtabs(TAB_SIZE)):
            words.append(
                Word(m.group(), BBox(m.start() * CHAR_W, i * LINE_PITCH, m.end() * CHAR_W, i * LINE_PITCH + LINE_H))
            )
    out = []
    for table in words_to_unruled_tables(words, None, Metrics.from_height(LINE_H), source="spaced"):
        tops = [w.bbox.top for row in (*table.header_rows, *table.rows) for w in row.words if w.bbox is not None]
        first, last = round(min(tops) / LINE_PITCH), round(max(tops) / LINE_PITCH)
        out.append((first, last + 1, _without_grid(table, lines)))
    return out


def _without_grid(table: Table, lines: Sequence[TextLine]) -> Table:
    """Character-grid boxes are not page geometry: cells lose them, rows get their page."""

    def plain(row: Row) -> Row:
        tops = [w.bbox.top for c in row.cells for w in c.words if w.bbox is not None]
        page = lines[round(min(tops) / LINE_PITCH)][0] if tops else None
        return Row(
            tuple(replace(text_to_cell(c.text), col_span=c.col_span, row_span=c.row_span) for c in row.cells), page
        )

    header, body = [plain(r) for r in table.header_rows], [plain(r) for r in table.rows]
    pages = tuple(dict.fromkeys(r.page for r in [*header, *body] if r.page is not None))
    return replace(table, rows=tuple(body), header_rows=tuple(header), bbox=None, column_edges=(), pages=pages)


def running_keys(lines: Sequence[TextLine]) -> set[str]:
    """Lines that recur (digits aside) in the text: running headers and footers."""
    counts = Counter(running_key(t) for _, t in lines if t.strip())
    return {k for k, n in counts.items() if n >= 2}


def merge_text_tables(lines: Sequence[TextLine], found: Sequence[tuple[int, int, Table]]) -> list[Table]:
    """Consecutive tables with only blank lines, page numbers and running lines between
    them are merged when the second continues the first."""
    running = running_keys(lines)
    out: list[tuple[int, int, Table]] = []
    for start, end, table in found:
        if out:
            prev_start, prev_end, prev = out[-1]
            between = [t for _, t in lines[prev_end:start]]
            if all(not t.strip() or is_page_number(t) or running_key(t) in running for t in between):
                merged = merge_continued(prev, table, geometric=False)
                if merged is not None:
                    out[-1] = (prev_start, end, merged)
                    continue
        out.append((start, end, table))
    return [t for _, _, t in out]

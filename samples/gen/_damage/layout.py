"""Blocks → pages of runs: the intermediate form both renderings and every damage work on.

Damage has to know what it is damaging (a cell of row 4, the running header of page 2), so
the blocks are first laid out into pages whose items keep their place in the structure
(``Where``); damage edits this form in place and only then is it written out as text. The
caller's blocks are never touched: the runs hold copies of their strings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .blocks import Block, PageBreak, Paragraph, RunningFooter, RunningHeader, Table, cell_lines
from .log import Where

# how a row is read (row-level structure damage switches a row between these)
ROW = "row"  # the row's cells on one line, each cell's printed lines re-joined
INTERLEAVED = "interleaved"  # line k of every cell on output line k: tesseract reading across
ONE_CELL_PER_LINE = "cells"  # each cell on its own line(s), a blank line after each
FURNITURE = "furniture"  # not a row: a running header/footer read between two rows


@dataclass
class Cell:
    lines: list[str]  # the cell's printed lines (empty list: an empty cell)
    where: Where

    @property
    def text(self) -> str:
        return " ".join(ln for ln in self.lines if ln)


@dataclass
class Row:
    cells: list[Cell]
    where: Where
    mode: str = ROW


@dataclass
class TextRun:
    """Lines of a paragraph, or a page's running header/footer."""

    lines: list[str]
    where: Where
    gap: int = 1  # blank lines after (a footer's: before)


@dataclass
class TableRun:
    """The part of one table printed on one page."""

    table: Table
    rows: list[Row]
    where: Where
    n_header: int  # how many of ``rows`` (at the start) are header rows
    gap: int = 1
    detached: list[Cell] = field(default_factory=list)  # cells read after the table (column_detached)
    continued: bool = False  # continues a run on the previous page


@dataclass
class PageIR:
    number: int
    header: TextRun | None = None
    body: list[TextRun | TableRun] = field(default_factory=list)
    footer: TextRun | None = None


def fill_page_numbers(run: TextRun | None, page: int, pages: int) -> None:
    if run is not None:
        run.lines = [ln.replace("{page}", str(page)).replace("{pages}", str(pages)) for ln in run.lines]


def table_row(row: tuple[str, ...], where: Where) -> Row:
    return Row([Cell(cell_lines(c), replace(where, col=j)) for j, c in enumerate(row)], where)


def table_to_runs(table: Table, b: int, first_page: int) -> list[TableRun]:
    """One run per page the table spans; header rows at the top of the first run and, when
    ``repeat_header``, of every later one."""
    starts = [0, *table.breaks]
    ends = [*table.breaks, len(table.rows)]
    runs = []
    for k, (s, e) in enumerate(zip(starts, ends)):
        page = first_page + k
        heads = table.header_rows if k == 0 or table.repeat_header else ()
        rows = [table_row(h, Where(page, b, row=i, header=True)) for i, h in enumerate(heads)]
        rows += [table_row(table.rows[i], Where(page, b, row=i)) for i in range(s, e)]
        runs.append(TableRun(table, rows, Where(page, b), len(heads), table.gap, continued=k > 0))
    return runs


def blocks_to_pages(blocks: list[Block] | tuple[Block, ...]) -> list[PageIR]:
    """Lay the blocks out on pages, with each page's running header and footer."""
    header: tuple[int, RunningHeader] | None = None
    footer: tuple[int, RunningFooter] | None = None
    pages: list[PageIR] = []

    def open_page() -> PageIR:
        page = PageIR(len(pages) + 1)
        if header is not None and header[1].lines:
            b, h = header
            page.header = TextRun(list(h.lines), Where(page.number, b), h.gap)
        pages.append(page)
        return page

    def close_page(page: PageIR) -> None:
        if footer is not None and footer[1].lines:
            b, f = footer
            page.footer = TextRun(list(f.lines), Where(page.number, b), f.gap)

    page = open_page()
    for b, block in enumerate(blocks):
        if isinstance(block, RunningHeader):
            header = (b, block)
            if not page.body:  # nothing printed yet: this page gets it too
                page.header = TextRun(list(block.lines), Where(page.number, b), block.gap) if block.lines else None
        elif isinstance(block, RunningFooter):
            footer = (b, block)
        elif isinstance(block, PageBreak):
            close_page(page)
            page = open_page()
        elif isinstance(block, Paragraph):
            page.body.append(TextRun(list(block.lines), Where(page.number, b), block.gap))
        elif isinstance(block, Table):
            runs = table_to_runs(block, b, page.number)
            page.body.append(runs[0])
            for run in runs[1:]:
                close_page(page)
                page = open_page()
                page.body.append(run)
        else:
            raise TypeError(f"block {b} is a {type(block).__name__}, not one of the damage channel's blocks")
    close_page(page)
    for p in pages:
        fill_page_numbers(p.header, p.number, len(pages))
        fill_page_numbers(p.footer, p.number, len(pages))
    return pages


def page_runs(page: PageIR) -> list[TextRun | TableRun]:
    """Every run of a page in reading order: header, body, footer."""
    return ([page.header] if page.header else []) + page.body + ([page.footer] if page.footer else [])

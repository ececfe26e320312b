"""Pages of runs → the text form: each table style written the way its exports write it.

This is the only place that decides what a table looks like as text, so the clean rendering
and the damaged one differ only by what the damage did to the runs (plus inserted blank lines).
Pages end with a newline and are joined by a form feed with none after the last page, as
papeleo's text reader and the committed samples expect (``pages = text.count("\\f") + 1``).
"""

from __future__ import annotations

from .blocks import ALIGNED, CELLS, MARKDOWN, TSV, Table, cell_text
from .layout import FURNITURE, INTERLEAVED, ONE_CELL_PER_LINE, PageIR, Row, TableRun

ALIGNED_GAP = "  "  # between padded columns: two spaces, so a one-space gap inside a cell never reads as a column


def table_widths(table: Table) -> list[int]:
    """Column widths of the aligned style: the caller's, or the widest clean cell per column."""
    if table.col_widths is not None:
        return list(table.col_widths)
    widths = [0] * table.n_cols
    for row in table.header_rows + table.rows:
        for j, cell in enumerate(row):
            widths[j] = max(widths[j], len(cell_text(cell)))
    return widths


def texts_to_line(texts: list[str], table: Table, widths: list[int]) -> str:
    """One output line from the texts of a row's cells, in the table's style."""
    if table.style == TSV:
        return "\t".join(texts)
    if table.style == MARKDOWN:
        return "| " + " | ".join(texts) + " |"
    if table.style == ALIGNED:
        align = table.align or ()
        padded = []
        for j, t in enumerate(texts):
            w = widths[j] if j < len(widths) else len(t)
            padded.append(t.rjust(w) if j < len(align) and align[j] == "r" else t.ljust(w))
        return ALIGNED_GAP.join(padded).rstrip()
    return " ".join(t for t in texts if t)  # SPACED (and CELLS never gets here)


def row_to_lines(row: Row, table: Table, widths: list[int]) -> list[str]:
    if row.mode == FURNITURE:
        return list(row.cells[0].lines)
    if table.style == CELLS or row.mode == ONE_CELL_PER_LINE:
        out: list[str] = []
        for cell in row.cells:
            if cell.lines:
                out += [*cell.lines, ""]
        return out
    if row.mode == INTERLEAVED:
        depth = max((len(c.lines) for c in row.cells), default=0)
        return [
            texts_to_line([c.lines[k] if k < len(c.lines) else "" for c in row.cells], table, widths)
            for k in range(depth)
        ]
    return [texts_to_line([c.text for c in row.cells], table, widths)]


def markdown_rule(table: Table) -> str:
    return "|" + "|".join(["---"] * table.n_cols) + "|"


def table_run_to_lines(run: TableRun) -> list[str]:
    widths = table_widths(run.table) if run.table.style == ALIGNED else []
    heads = [i for i, row in enumerate(run.rows) if row.where.header and row.mode != FURNITURE]
    out: list[str] = []
    for i, row in enumerate(run.rows):
        out += row_to_lines(row, run.table, widths)
        if heads and i == heads[-1] and run.table.style == MARKDOWN:
            out.append(markdown_rule(run.table))
    for cell in run.detached:
        out += [*cell.lines, ""]
    return out + [""] * run.gap


def page_to_lines(page: PageIR) -> list[str]:
    out: list[str] = []
    if page.header is not None:
        out += page.header.lines + [""] * page.header.gap
    for run in page.body:
        out += table_run_to_lines(run) if isinstance(run, TableRun) else run.lines + [""] * run.gap
    if page.footer is not None:
        out += [""] * page.footer.gap + page.footer.lines
    return out


def pages_to_text(pages: list[list[str]]) -> str:
    """Form feeds between pages, none after the last; trailing blank lines of a page dropped."""
    texts = []
    for lines in pages:
        while lines and not lines[-1].strip():
            lines = lines[:-1]
        texts.append("\n".join(lines) + "\n")
    return "\f".join(texts)

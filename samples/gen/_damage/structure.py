"""Structure damage: what page segmentation does to tables and page furniture.

Tesseract reads a page as blocks and lines, not as a table, so a table's text form loses its
structure in a few recurring ways (all seen in seed 004 or 003): neighbouring cells read as one
or one cell as two, a cell lost, a wrapped row read line by line across its cells, a row read
one cell per line, the widest text column read as its own block after the table, the running
header or page number read between two rows, and a row cut by a page break. Each works on the
laid-out runs in place, is decided by the caller's ``random.Random`` at the profile's rate per
opportunity, and is logged; no damage removes a cell's text except ``cell_dropped``.
"""

from __future__ import annotations

import random
from dataclasses import replace

from .blocks import CELLS, SPACED
from .layout import FURNITURE, INTERLEAVED, ONE_CELL_PER_LINE, ROW, Cell, PageIR, Row, TableRun
from .log import DamageLog
from .profile import DamageProfile

SHOWN_CELL_SEP = " ¦ "  # how a log entry shows the boundary between two cells
SHOWN_PAGE_BREAK = " ⟨page break⟩ "  # how a log entry shows where a cut row continues


def row_shown(cells: list[Cell]) -> str:
    return SHOWN_CELL_SEP.join(c.text for c in cells)


def cells_show_apart(run: TableRun, row: Row) -> bool:
    """A merge or split is invisible where cells are joined by a single space anyway."""
    return not (run.table.style == SPACED and row.mode == ROW)


def can_cut(row: Row) -> bool:
    """A row can be cut when a cell wraps or two cells hold text."""
    return any(len(c.lines) >= 2 for c in row.cells) or sum(1 for c in row.cells if c.lines) >= 2


def cut_row(row: Row, rng: random.Random, next_page: int) -> tuple[Row, Row]:
    """Split a row (``can_cut``) into the part before a page break and the part after it
    (printed on ``next_page``): between printed lines when a cell wraps, else between cells.
    Both parts keep every cell in its column."""
    depth = max((len(c.lines) for c in row.cells), default=0)
    filled = [j for j, c in enumerate(row.cells) if c.lines]
    if depth >= 2:
        k = rng.randint(1, depth - 1)
        head = [Cell(c.lines[:k], c.where) for c in row.cells]
        tail = [Cell(c.lines[k:], replace(c.where, page=next_page)) for c in row.cells]
    else:
        k = rng.choice(filled[1:])
        head = [Cell(c.lines if j < k else [], c.where) for j, c in enumerate(row.cells)]
        tail = [Cell([] if j < k else c.lines, replace(c.where, page=next_page)) for j, c in enumerate(row.cells)]
    return Row(head, row.where, row.mode), Row(tail, replace(row.where, page=next_page), row.mode)


def cut_rows_at_page_breaks(pages: list[PageIR], rng: random.Random, profile: DamageProfile, log: DamageLog) -> None:
    """row_cut_by_page_break: per page break inside a table (a run continued on the next page)."""
    for page, nxt in zip(pages, pages[1:]):
        if not (page.body and nxt.body and isinstance(page.body[-1], TableRun) and isinstance(nxt.body[0], TableRun)):
            continue
        run, cont = page.body[-1], nxt.body[0]
        if not cont.continued or cont.where.block != run.where.block or len(run.rows) <= run.n_header:
            continue
        last = run.rows[-1]
        if not can_cut(last) or not profile.hits(rng, "row_cut_by_page_break"):
            continue
        head, tail = cut_row(last, rng, nxt.number)
        run.rows[-1] = head
        cont.rows.insert(cont.n_header, tail)
        log.add(
            "row_cut_by_page_break",
            last.where,
            row_shown(last.cells),
            row_shown(head.cells) + SHOWN_PAGE_BREAK + row_shown(tail.cells),
        )


def widest_text_column(run: TableRun) -> int:
    """The column holding the most text: the one page segmentation most often splits off."""
    totals: dict[int, int] = {}
    for row in run.rows[run.n_header :]:
        for j, c in enumerate(row.cells):
            totals[j] = totals.get(j, 0) + len(c.text)
    return max(sorted(totals), key=lambda j: totals[j])


def detach_column(run: TableRun, rng: random.Random, profile: DamageProfile, log: DamageLog) -> None:
    """column_detached: per table run with two body rows and two columns or more."""
    body = run.rows[run.n_header :]
    if len(body) < 2 or run.table.n_cols < 2 or not profile.hits(rng, "column_detached"):
        return
    col = widest_text_column(run)
    for row in body:
        if col < len(row.cells):
            cell = row.cells.pop(col)
            if cell.lines:
                run.detached.append(cell)
    heads = [r.cells[col].text for r in run.rows[: run.n_header] if col < len(r.cells)]
    log.add(
        "column_detached", replace(run.where, col=col), " ".join(heads), f"{len(run.detached)} cells after the table"
    )


def set_row_mode(run: TableRun, row: Row, rng: random.Random, profile: DamageProfile, log: DamageLog) -> None:
    """row_cells_per_line, else columns_interleaved (a row is read one way only)."""
    filled = sum(1 for c in row.cells if c.lines)
    if run.table.style == CELLS or filled < 2:
        return
    if profile.hits(rng, "row_cells_per_line"):
        row.mode = ONE_CELL_PER_LINE
        log.add("row_cells_per_line", row.where, row_shown(row.cells), "\n".join(c.text for c in row.cells if c.lines))
    elif any(len(c.lines) >= 2 for c in row.cells) and profile.hits(rng, "columns_interleaved"):
        row.mode = INTERLEAVED
        depth = max(len(c.lines) for c in row.cells)
        lines = [SHOWN_CELL_SEP.join(c.lines[k] if k < len(c.lines) else "" for c in row.cells) for k in range(depth)]
        log.add("columns_interleaved", row.where, row_shown(row.cells), "\n".join(lines))


def drop_cells(row: Row, rng: random.Random, profile: DamageProfile, log: DamageLog) -> None:
    for cell in row.cells:
        if cell.lines and profile.hits(rng, "cell_dropped"):
            log.add("cell_dropped", cell.where, cell.text, "")
            cell.lines = []


def merge_cells(run: TableRun, row: Row, rng: random.Random, profile: DamageProfile, log: DamageLog) -> set[int]:
    """cell_merge: per pair of neighbouring non-empty cells, left to right; a merged cell is
    not merged again. Returns the ids of the merged cells (a split must not undo a merge)."""
    merged: set[int] = set()
    if not cells_show_apart(run, row):
        return merged
    j = 0
    while j < len(row.cells) - 1:
        a, b = row.cells[j], row.cells[j + 1]
        if a.lines and b.lines and profile.hits(rng, "cell_merge"):
            row.cells[j : j + 2] = [Cell([f"{a.text} {b.text}"], a.where)]
            merged.add(id(row.cells[j]))
            log.add("cell_merge", a.where, a.text + SHOWN_CELL_SEP + b.text, f"{a.text} {b.text}")
        j += 1
    return merged


def split_cells(
    run: TableRun, row: Row, rng: random.Random, profile: DamageProfile, log: DamageLog, merged: set[int]
) -> None:
    """cell_split: per cell of two words or more (not just merged), cut at a word boundary."""
    if not cells_show_apart(run, row):
        return
    out: list[Cell] = []
    for cell in row.cells:
        words = cell.text.split()
        if len(words) >= 2 and id(cell) not in merged and profile.hits(rng, "cell_split"):
            k = rng.randint(1, len(words) - 1)
            left, right = " ".join(words[:k]), " ".join(words[k:])
            out += [Cell([left], cell.where), Cell([right], cell.where)]
            log.add("cell_split", cell.where, cell.text, left + SHOWN_CELL_SEP + right)
        else:
            out.append(cell)
    row.cells = out


def furniture_into_table(page: PageIR, rng: random.Random, profile: DamageProfile, log: DamageLog) -> None:
    """furniture_in_table: per page with a table run of two rows or more and a running
    header or footer; that furniture is read between two of the run's rows instead."""
    runs = [r for r in page.body if isinstance(r, TableRun) and len(r.rows) >= 2]
    furniture = [f for f in (page.header, page.footer) if f is not None]
    if not runs or not furniture or not profile.hits(rng, "furniture_in_table"):
        return
    run, chosen = rng.choice(runs), rng.choice(furniture)
    at = rng.randint(1, len(run.rows) - 1)
    if chosen is page.header:
        page.header = None
    else:
        page.footer = None
    # logged on this page, at the row it was read just before
    before_row = replace(run.rows[at].where, page=page.number, col=None)
    run.rows.insert(at, Row([Cell(list(chosen.lines), chosen.where)], before_row, FURNITURE))
    log.add("furniture_in_table", before_row, "", "\n".join(chosen.lines))


def damage_structure(pages: list[PageIR], rng: random.Random, profile: DamageProfile, log: DamageLog) -> None:
    """All structure damage, in a fixed order so a seed always gives the same document:
    cut rows at page breaks, detach columns, then per row its reading and its cells, then
    page furniture."""
    cut_rows_at_page_breaks(pages, rng, profile, log)
    for page in pages:
        for run in page.body:
            if not isinstance(run, TableRun):
                continue
            detach_column(run, rng, profile, log)
            for row in run.rows:
                set_row_mode(run, row, rng, profile, log)
                drop_cells(row, rng, profile, log)
                merged = merge_cells(run, row, rng, profile, log)
                split_cells(run, row, rng, profile, log, merged)
        furniture_into_table(page, rng, profile, log)

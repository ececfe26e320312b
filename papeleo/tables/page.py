"""One page -> its tables: ruled grids first, then tables ruled only horizontally, then
unruled tables among the words no ruled table took.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from papeleo.model import BBox, Page, Word

from .build import Metrics, row_groups_to_table
from .gutters import Columns, lines_to_columns, lines_to_regions
from .header import header_words_to_pieces, pieces_to_names, rows_to_pieces, texts_look_like_header
from .model import Row, Table, TableSource
from .rows import lines_to_row_groups, row_words_by_column
from .ruled import grid_to_table, horizontal_rules_to_stacks, rules_to_grids, stack_to_tables
from .words import centre_inside, median_word_height, placed_words, words_to_cell, words_to_word_lines

log = logging.getLogger(__name__)

# A header-only table this many word heights above a headerless one is its header.
HEADER_GAP_HEIGHTS = 3.0
# ... when the two overlap horizontally over this share of the narrower one.
SAME_WIDTH_SHARE = 0.8


def page_has_geometry(page: Page) -> bool:
    return any(w.bbox is not None for w in page.words)


def geometric_page_to_tables(page: Page) -> list[Table]:
    words = placed_words(page.words)
    if not words:
        return []
    metrics = Metrics.from_height(median_word_height(words))
    grids, loose = rules_to_grids(page.rules)
    tables: list[Table] = []
    for grid in grids:
        table = grid_to_table(grid, words, page.number, metrics)
        if table is not None:
            tables.append(table)
    for stack in horizontal_rules_to_stacks(loose):
        free = words_outside(words, tables)
        for table in stack_to_tables(stack, free, page.number, metrics):
            if not any(t.bbox is not None and table.bbox is not None and t.bbox.overlaps(table.bbox) for t in tables):
                tables.append(table)
    tables.extend(words_to_unruled_tables(words_outside(words, tables), page.number, metrics))
    tables.sort(key=lambda t: (t.bbox.top, t.bbox.x0) if t.bbox is not None else (0.0, 0.0))
    tables = headers_joined_to_bodies(tables, metrics)
    log.debug("page %d: %d table(s) (%s)", page.number, len(tables), ", ".join(t.source for t in tables))
    return tables


def words_outside(words: list[Word], tables: list[Table]) -> list[Word]:
    boxes = [t.bbox for t in tables if t.bbox is not None]
    return [w for w in words if not any(centre_inside(w, b) for b in boxes)]


def words_to_unruled_tables(
    words: list[Word], page: int | None, metrics: Metrics, source: TableSource = "gutters"
) -> list[Table]:
    """Tables set in columns without any ruling: runs of lines sharing gutters. Columns come
    from the run without its first line (a header label may span columns)."""
    lines = words_to_word_lines(words)
    tables = []
    for region in lines_to_regions(lines, metrics.gap, metrics.region_gap):
        block = [lines[i] for i in region]
        columns = lines_to_columns(block[1:] if len(block) > 2 else block, metrics.gap)
        if columns is None:
            continue
        table = row_groups_to_table(lines_to_row_groups(block, columns, metrics.height), columns, page, source, metrics)
        if table is not None and table.rows:
            tables.append(table)
    return tables


def headers_joined_to_bodies(tables: list[Table], metrics: Metrics) -> list[Table]:
    """A table of nothing but header lines directly above a table without a header is that
    table's header: spreadsheet exports rule the header and only shade the body (the real
    audit report in shared/realworld does so on 16 pages). The header is re-read with the
    body's columns — alone, close-set labels can hide a gutter ('Individuales Colectivas')."""
    out: list[Table] = []
    for table in tables:
        head = out[-1] if out else None
        if head is not None and _header_only(head) and not table.header_rows and _just_below(head, table, metrics):
            out[-1] = header_over_body(head, table, metrics)
        else:
            out.append(table)
    return out


def _header_only(table: Table) -> bool:
    return all(texts_look_like_header(r.texts) for r in (*table.header_rows, *table.rows))


def _just_below(head: Table, body: Table, metrics: Metrics) -> bool:
    if head.bbox is None or body.bbox is None:
        return False
    gap = body.bbox.top - head.bbox.bottom
    overlap = min(head.bbox.x1, body.bbox.x1) - max(head.bbox.x0, body.bbox.x0)
    narrower = min(head.bbox.width, body.bbox.width)
    return -metrics.height <= gap <= HEADER_GAP_HEIGHTS * metrics.height and overlap >= SAME_WIDTH_SHARE * narrower


def header_over_body(head: Table, body: Table, metrics: Metrics) -> Table:
    header = (*head.header_rows, *head.rows)
    if head.source == "ruled" and head.n_columns == body.n_columns:
        pieces = rows_to_pieces(header)
    else:
        columns = Columns(body.column_edges)
        words = [w for row in header for w in row.words]
        body_words = [w for row in body.rows for w in row.words]
        pieces = header_words_to_pieces(words, columns, metrics.gap, body_words)
        header = tuple(
            Row(tuple(words_to_cell(ws) for ws in row_words_by_column([row.words], columns)), row.page)
            for row in header
        )
    return replace(
        body,
        columns=pieces_to_names(pieces, body.n_columns),
        header_rows=header,
        title=head.title,
        bbox=BBox.union([head.bbox, body.bbox]),
    )

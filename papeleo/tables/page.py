"""One page -> its tables: ruled grids first, then tables ruled only horizontally, then
unruled tables among the words no ruled table took.
"""

from __future__ import annotations

import logging

from papeleo.model import Page, Word

from .build import Metrics, row_groups_to_table
from .gutters import lines_to_columns, lines_to_regions
from .model import Table, TableSource
from .rows import lines_to_row_groups
from .ruled import grid_to_table, horizontal_rules_to_stacks, rules_to_grids, stack_to_tables
from .words import centre_inside, median_word_height, placed_words, words_to_word_lines

log = logging.getLogger(__name__)


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

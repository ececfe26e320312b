"""Row groups and columns -> a Table, for the readers that found columns from whitespace
(unruled tables, tables ruled only horizontally, space-aligned text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from papeleo.model import BBox, Word

from .gutters import MIN_GUTTER_HEIGHTS, REGION_GAP_HEIGHTS, Columns
from .header import (
    header_rows_by_column_types,
    header_words_to_pieces,
    pieces_to_names,
    texts_look_like_header,
    unique_names,
)
from .model import Row, Table, TableSource
from .rows import row_words_by_column
from .words import words_to_cell


@dataclass(frozen=True, slots=True)
class Metrics:
    """The lengths a region is measured with, all derived from the typical word height:
    the narrowest gutter between columns and the widest white between lines of one table."""

    height: float
    gap: float
    region_gap: float

    @staticmethod
    def from_height(height: float) -> Metrics:
        return Metrics(height, MIN_GUTTER_HEIGHTS * height, REGION_GAP_HEIGHTS * height)


def row_groups_to_table(
    groups: Sequence[Sequence[Sequence[Word]]],
    columns: Columns,
    page: int | None,
    source: TableSource,
    metrics: Metrics,
    header_groups: int | None = None,
) -> Table | None:
    """A table from its rows (each a group of visual lines). ``header_groups`` says how
    many leading groups are the header when the caller knows (a band ruled off above the
    body); otherwise the first group is the header when it holds no bare number. Column
    names come from the header's labels and the columns they span."""
    rows = [Row(tuple(words_to_cell(ws) for ws in row_words_by_column(group, columns)), page) for group in groups]
    if not rows:
        return None
    if header_groups is None:
        header_groups = 1 if texts_look_like_header(rows[0].texts) else 0
    header, body = header_rows_by_column_types(rows[:header_groups], rows[header_groups:])
    if not body and not header:
        return None
    if header:
        words = [w for row in header for w in row.words]
        body_words = [w for row in body for w in row.words]
        names = pieces_to_names(header_words_to_pieces(words, columns, metrics.gap, body_words), len(columns))
    else:
        names = unique_names([""] * len(columns))
    all_words = [w for group in groups for line in group for w in line]
    return Table(
        columns=names,
        rows=tuple(body),
        header_rows=tuple(header),
        source=source,
        bbox=BBox.union(w.bbox for w in all_words),
        pages=(page,) if page is not None else (),
        column_edges=columns.edges,
    )

"""Visual lines -> table rows, once the columns are known.

A row is one line unless a cell wraps. Two pieces of evidence say where a row starts:
white space (tables pad their rows, so the gap between rows is larger than the gap
between the wrapped lines of one cell) and the anchor column (the first column: a line
with nothing in it continues the row above). The gaps are trusted only when the lines
they would join are not complete rows themselves — one wider gap in an evenly spaced
table is a section break, not the only row boundary.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from papeleo.model import Word

from .gutters import Columns
from .words import line_box

# Sorted line gaps jumping by at least this many word heights split "gap between rows" from
# "gap between wrapped lines". A text layer's 1.2 leading leaves 0.2 heights between
# wrapped lines and a 3 pt row padding adds 0.6; OCR boxes jitter by about 0.3 heights
# (ascenders), which must not pass for a row boundary.
ROW_GAP_JUMP_HEIGHTS = 0.5
# A line filling at least this share of the columns (and at least two) is a complete row
# by itself.
FULL_LINE_SHARE = 0.5


def filled_columns(line: Sequence[Word], columns: Columns) -> set[int]:
    return {columns.column_of(w) for w in line}


def is_full(line: Sequence[Word], columns: Columns) -> bool:
    need = max(2, math.ceil(FULL_LINE_SHARE * len(columns)))
    return len(filled_columns(line, columns)) >= need


def starts_anchored(line: Sequence[Word], columns: Columns) -> bool:
    return 0 in filled_columns(line, columns)


def lines_to_row_groups(lines: Sequence[Sequence[Word]], columns: Columns, height: float) -> list[list[Sequence[Word]]]:
    """Lines grouped into rows: at the wider gaps when they are trustworthy, otherwise at
    each line that has text in the first column."""
    if not lines:
        return []
    gaps = [line_box(b).top - line_box(a).bottom for a, b in zip(lines, lines[1:])]
    cut = gap_threshold(gaps, height)
    if cut is not None and gaps_join_only_continuations(lines, gaps, cut, columns):
        starts = [True] + [g > cut for g in gaps]
    else:
        starts = [True] + [starts_anchored(line, columns) for line in lines[1:]]
    groups: list[list[Sequence[Word]]] = []
    for line, start in zip(lines, starts):
        if start or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups


def gap_threshold(gaps: Sequence[float], height: float) -> float | None:
    """The middle of the largest jump between sorted gaps, when it is a real jump."""
    if len(gaps) < 2:
        return None
    ordered = sorted(gaps)
    jump, at = max((b - a, i) for i, (a, b) in enumerate(zip(ordered, ordered[1:])))
    if jump < ROW_GAP_JUMP_HEIGHTS * height:
        return None
    return (ordered[at] + ordered[at + 1]) / 2


def gaps_join_only_continuations(
    lines: Sequence[Sequence[Word]], gaps: Sequence[float], cut: float, columns: Columns
) -> bool:
    """The lines the narrow gaps would attach to the row above must mostly not be complete
    anchored rows; otherwise the narrow gaps are just the table's ordinary spacing."""
    joined = [lines[i + 1] for i, g in enumerate(gaps) if g <= cut]
    complete = sum(1 for line in joined if starts_anchored(line, columns) and is_full(line, columns))
    return complete * 2 < len(joined) or not joined


def band_to_row_groups(
    lines: Sequence[Sequence[Word]], columns: Columns, height: float, rows_ruled: bool
) -> list[list[Sequence[Word]]]:
    """The lines between two horizontal rulings: one row (its cells may wrap), unless the
    band holds several complete rows — a body ruled only above and below. When the table
    rules its rows (``rows_ruled``: it has several body bands), two complete lines are one
    row whose cells wrap, centred numbers level with the second line of a name; only three
    or more (a group of rows between rules) split the band."""
    complete = sum(1 for line in lines if starts_anchored(line, columns) and is_full(line, columns))
    if complete < (3 if rows_ruled else 2):
        return [list(lines)] if lines else []
    return lines_to_row_groups(lines, columns, height)


def row_words_by_column(lines: Sequence[Sequence[Word]], columns: Columns) -> list[list[Word]]:
    cells: list[list[Word]] = [[] for _ in range(len(columns))]
    for line in lines:
        for w in line:
            cells[columns.column_of(w)].append(w)
    return cells

"""Columns from whitespace: the vertical gutters no line's words cross.

A table without vertical rulings still has columns: the x-ranges that stay white on every
line of its body, wider than the space between two words. The same test finds unruled
tables on a page (runs of lines that share such gutters) and the columns of tables that
only have horizontal rulings. Word boxes are all it needs, so it works the same on a text
layer, on OCR and on a plain-text grid of characters.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from papeleo.model import Word

from .words import has_alnum, line_box, line_to_phrases

# A gutter is at least this many word heights wide. An inter-word space is about 0.3 of
# the height of a text-layer word (0.4 of an OCR box, which hugs the glyphs); table columns
# are set further apart. Lower splits phrases with wide justified spaces into columns
# (caught only by the all-lines test), higher merges tightly set columns.
MIN_GUTTER_HEIGHTS = 0.7
# Share of a region's lines allowed to cross a gutter: a wrapped title or a total line may
# run across columns. 10% of a 20-line table is 2 lines; under 10 lines, none.
OUTLIER_SHARE = 0.1
# Lines further apart than this many word heights are not in the same table: the white
# above a paragraph after the table. A row's padding (two 3 pt pads around a 10 pt line)
# stays well under it.
REGION_GAP_HEIGHTS = 2.5
# A region needs at least this many lines split by gutters to be a table: a header and one
# row. One such line alone is a page header ('Municipio de X      Página 3'), not a table.
MIN_SPLIT_LINES = 2


@dataclass(frozen=True, slots=True)
class Columns:
    """Column geometry: ``edges`` holds n+1 x positions (left edge, the cuts between
    columns, right edge); a word belongs to the column its centre falls in."""

    edges: tuple[float, ...]

    def __len__(self) -> int:
        return len(self.edges) - 1

    def index_of(self, x: float) -> int:
        """Column of an x position (positions outside the table go to the nearest column)."""
        return min(len(self) - 1, max(0, bisect.bisect_right(self.edges, x, 1, len(self.edges) - 1) - 1))

    def column_of(self, word: Word) -> int:
        assert word.bbox is not None
        return self.index_of(word.bbox.x_center)

    def bounds(self, i: int) -> tuple[float, float]:
        return self.edges[i], self.edges[i + 1]


def lines_to_gutters(
    lines: Sequence[Sequence[Word]], gap: float, outlier_share: float = OUTLIER_SHARE
) -> list[tuple[float, float]]:
    """x-ranges at least ``gap`` wide, inside the lines' extent, that (nearly) no line's
    phrases cover. Words without letters or digits ('-', '|', '.') do not close a gutter:
    they are dashes in empty cells or specks of erased rulings."""
    spans: list[tuple[float, float]] = []
    for line in lines:
        words = [w for w in line if has_alnum(w.text)]
        for phrase in line_to_phrases(words, gap):
            box = line_box(phrase)
            spans.append((box.x0, box.x1))
    if not spans:
        return []
    allowed = math.floor(outlier_share * len(lines))
    events = sorted([(x0, 1) for x0, _ in spans] + [(x1, -1) for _, x1 in spans])
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    gutters: list[tuple[float, float]] = []
    depth, open_at = 0, None
    for x, step in events:
        before = depth
        depth += step
        if before > allowed >= depth:
            open_at = x
        elif before <= allowed < depth and open_at is not None:
            if x - open_at >= gap and lo < open_at and x < hi:
                gutters.append((open_at, x))
            open_at = None
    return gutters


def lines_to_columns(
    lines: Sequence[Sequence[Word]], gap: float, outlier_share: float = OUTLIER_SHARE
) -> Columns | None:
    """Columns of a block of lines (None when fewer than two), cut at the middle of each gutter."""
    gutters = lines_to_gutters(lines, gap, outlier_share)
    words = [w for line in lines for w in line if w.bbox is not None]
    if not gutters or not words:
        return None
    lo = min(w.bbox.x0 for w in words)  # type: ignore[union-attr]
    hi = max(w.bbox.x1 for w in words)  # type: ignore[union-attr]
    return Columns((lo, *((a + b) / 2 for a, b in gutters), hi))


def lines_to_regions(lines: Sequence[Sequence[Word]], gap: float, region_gap: float) -> list[list[int]]:
    """Indices of runs of lines that may be unruled tables: lines split by gaps of at
    least ``gap``, no further than ``region_gap`` apart, with the unsplit lines between
    them (wrapped cell text). Lines after the last split line are kept only when they fit
    inside one column of the block (the rest of a wrapped last row, not the paragraph
    after the table)."""
    split = [len(line_to_phrases(line, gap)) >= 2 for line in lines]
    regions: list[list[int]] = []
    current: list[int] = []
    pending: list[int] = []

    def close() -> None:
        nonlocal current, pending
        if sum(split[i] for i in current) >= MIN_SPLIT_LINES:
            regions.append(
                current
                + trailing_lines_in_one_column([lines[i] for i in current], [lines[i] for i in pending], pending, gap)
            )
        current, pending = [], []

    for i, line in enumerate(lines):
        if current:
            prev = lines[(pending or current)[-1]]
            if line_box(line).top - line_box(prev).bottom > region_gap:
                close()
        if not current:
            if split[i]:
                current = [i]
            continue
        if split[i]:
            current += pending + [i]
            pending = []
        else:
            pending.append(i)
    if current:
        close()
    return regions


def trailing_lines_in_one_column(
    block: Sequence[Sequence[Word]], trailing: Sequence[Sequence[Word]], indices: list[int], gap: float
) -> list[int]:
    columns = lines_to_columns(block, gap)
    if columns is None:
        return []
    kept: list[int] = []
    for i, line in zip(indices, trailing):
        box = line_box(line)
        if columns.index_of(box.x0) != columns.index_of(box.x1):
            break
        kept.append(i)
    return kept

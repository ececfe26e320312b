"""The score table read from word geometry: columns from the header's words and the body's
gutters, rows from the lines that hold scores.

Why, beside the shared table reader: a table without rulings whose names and posts wrap inside
their cells prints its scores on one line and the wrapped words on the lines above and below it
(numbers centred in their row); a reader that makes rows from lines sees three rows, or none.
Here every line holding scores is a row, and each line of words without scores belongs to the
scored line nearest to it, or to the one above it when the cells are printed from their row's
top (zebra bands, rows between rules). Columns: each header label's words give its column's centre; the
cut between two neighbouring columns is the gap no body word crosses. Same on a text layer and
on OCR'd words (lines are rebuilt from the words' boxes, as OCR groups them by column).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from statistics import median

from papeleo.model import BBox, Page
from papeleo.text.normalize import fold

from .furniture import furniture_key
from .geo_columns import (
    cuts,
    fill_lost_column,
    header_columns,
    lost_level,
    lost_numbering,
    split_group,
)
from .geo_lines import (
    LABEL_FILLERS,
    LABEL_LINE_SHARE,
    VLine,
    is_prose,
    label_share,
    label_words,
    tabular,
    visual_lines,
    width_of,
)
from .header import Layout
from .placing import name_blank_columns, settle_goal_order
from .rows import Hints, RawRow, read_row
from .text_header import role_of_word

log = logging.getLogger(__name__)

# a wrapped line belongs to the scored line nearest to it, within this many line heights (three
# lines of a cell centred on its numbers are one line away; a running header is many)
ATTACH_LINES = 1.8
# the lines of one cell are at most this many line heights apart (blank space between a line's
# bottom and the next one's top); a paragraph after the table starts further down
CELL_LINE_GAP = 1.0
# the table ends at the first line this many line heights below the last scored line
END_GAP_LINES = 3.0
# ... or this many times the table's row pitch (median distance between its scored lines): one
# row whose scores OCR lost leaves a gap of two pitches and the table goes on; more ends it
ROW_GAP_PITCHES = 2.5
# a page's columns are the page before's when each centre is within this many points of its
# own there (a scan shifts a page by a few points; a different table's columns differ more)
SAME_COLUMN = 12.0
# a header is looked for in this many lines above the first scored line
HEADER_LOOKBACK = 8
# letters a wrapped line needs to vote on how the table's cells are aligned (a speck has fewer;
# a wrapped name's shortest word, 'Cruz', 'Luna', has more)
MIN_WORD_LETTERS = 3


def _cells(lines: list[VLine], edges: list[float], n: int) -> tuple[str, ...]:
    cells: list[list[str]] = [[] for _ in range(n)]
    for ln in sorted(lines, key=lambda v: v.mid):
        for w in ln.words:
            k = sum(1 for e in edges if w.bbox.x_center > e)
            cells[k].append(w.text)
    return tuple(" ".join(c) for c in cells)


def _table_end(lines: list[VLine], strong: list[int], weak: list[int], first: int, height: float) -> int:
    """The table's last scored line: scored lines (``weak``: two scores or more, a row OCR
    damaged has fewer than its columns) follow each other no further apart than a row lost
    entirely would leave, and no line of prose comes between."""
    gap = max(END_GAP_LINES * height, ROW_GAP_PITCHES * _pitch(lines, [a for a in strong if a >= first]))
    scored = set(weak) | set(strong)
    width = width_of([lines[a] for a in strong])
    last = first
    for i in range(first + 1, len(lines)):
        if i not in scored:
            if is_prose(lines[i], width):
                break  # a line of prose across the table's width: the table is over
            continue
        if lines[i].top - lines[last].bottom > gap:
            break
        last = i
    return last


def _pitch(lines: list[VLine], rows_at: list[int]) -> float:
    """The table's row pitch: the median distance between its scored lines' tops (0 for one row)."""
    tops = [lines[i].top for i in rows_at]
    return median(b - a for a, b in zip(tops, tops[1:])) if len(tops) > 1 else 0.0


def _gap_above(lines: list[VLine], rows_at: list[int], i: int) -> float:
    return lines[i].mid - lines[max(j for j in rows_at if j < i)].mid


def _gap_below(lines: list[VLine], rows_at: list[int], i: int) -> float:
    return lines[min(j for j in rows_at if j > i)].mid - lines[i].mid


def _worded(line: VLine) -> bool:
    """A line with a word in it: specks OCR read between rows ('1', "'", '-') have no side, and
    two of them tipped a table of centred cells to be read as printed from its rows' tops (dev
    scan 216: every name from the seventh row on given the scores of the row above it)."""
    return sum(c.isalpha() for c in line.text) >= MIN_WORD_LETTERS


def _wrapped_lines(
    lines: list[VLine], rows_at: list[int], candidates: range, height: float, wrapped: Callable[[int], bool]
) -> list[tuple[int, int]]:
    """(wrapped line, its scored line) for the lines around and between the scored lines.

    Inside the table a wrapped line belongs to the scored line nearest to it (numbers centred in
    a tall cell: its first line may be two pitches' half away), or to the one above it when the
    cells are printed from their row's top (no wrapped line above the first row, and most wrapped
    lines nearer the row above them: zebra bands, rows under rules). Above the first row, only
    lines within half a row's pitch (or ATTACH_LINES) are the table's; below the last, the lines
    that follow it as a cell's lines follow one another."""
    first, last = rows_at[0], rows_at[-1]
    reach = max((ATTACH_LINES + 0.5) * height, _pitch(lines, rows_at) / 2)  # centre to centre
    above = [i for i in candidates if i < first and lines[first].mid - lines[i].mid <= reach]
    # printed from their row's top: nothing above the first row, and more wrapped lines sit nearer
    # the row above them than the row below (a tall cell's third line may sit nearer the next)
    between = [i for i in range(first + 1, last) if i not in rows_at and wrapped(i) and _worded(lines[i])]
    nearer_above = sum(1 for i in between if _gap_above(lines, rows_at, i) < _gap_below(lines, rows_at, i))
    top_aligned = not any(map(wrapped, above)) and nearer_above > len(between) - nearer_above
    tail, prev = [], last  # the last row's lines under it: as long as they follow one another
    for i in (i for i in candidates if i > last):
        if lines[i].top - lines[prev].bottom > CELL_LINE_GAP * height or not wrapped(i):
            break
        tail.append(i)
        prev = i
    out = []
    for i in filter(wrapped, [*above, *range(first, last + 1), *tail]):
        if top_aligned and i > first:
            out.append((i, max(j for j in rows_at if j < i)))
            continue
        near = min(rows_at, key=lambda j: abs(lines[j].mid - lines[i].mid))
        if first < i < last or i in tail or abs(lines[near].mid - lines[i].mid) <= reach:
            out.append((i, near))
    return out


def read_page(
    page: Page,
    hints: Hints,
    carried: tuple[Layout, list[float]] | None,
    skip: frozenset[str] = frozenset(),
    named: tuple[str, ...] = (),
    prior: list[VLine] | None = None,
    confirmed: Callable[[list[RawRow]], int] | None = None,
) -> tuple[list[RawRow], tuple | None, list[VLine]]:
    """The page's score rows, the columns to carry to the next page and the lines its rows were
    read from. ``prior``: the table's lines on the page before; the columns' cuts are found among
    them too when this page goes on under the same columns (a page holding a table's last three
    rows has too few words to show every gutter). ``confirmed``: how many of some rows the document's
    arithmetic confirms, to name score columns whose labels OCR lost (name_blank_columns)."""
    lines, height = visual_lines(page)
    anchors = [
        i for i, ln in enumerate(lines) if ln.n_scores >= 2 and tabular(ln) and furniture_key(ln.text) not in skip
    ]
    if not anchors:
        return [], None, []
    first, cols, k = anchors[0], None, 0
    for a in anchors:  # the first scored line under a header (a prose line may hold two numbers)
        for k in range(max(0, a - HEADER_LOOKBACK), a):
            cols = header_columns(lines[k:a])
            if cols is not None:
                break
        if cols is not None:
            first = a
            break
    start = first
    if cols is not None:  # the header ends at its last line of label words ('alcanzado', 'Ind. Col.')
        start = 1 + max(
            i
            for i in range(k, first)
            if label_share(lines[i]) >= LABEL_LINE_SHARE and any(role_of_word(t) for t in label_words(lines[i]))
        )
        while start < first and all(role_of_word(t) or fold(t) in LABEL_FILLERS for t in label_words(lines[start])):
            start += 1
    elif carried is None:
        return [], None, []
    else:  # the table carries on from the page before: its first row's upper lines are above it
        cols, start = carried, 0
    scored = [lines[a] for a in anchors if a >= first]
    if carried is not cols and k < first:
        cols = fill_lost_column(split_group(cols, lines[k:first], scored), scored, named)
    cols = lost_numbering(cols, scored)
    if carried is not cols:
        cols = lost_level(cols, scored)
    lay, centres = cols
    # a scored line holds (nearly) every score column: the universe table's '15 20% 3' is no row
    strong = [a for a in anchors if lines[a].n_scores >= max(2, len(lay.scores) - 1)]
    if first not in strong:
        return [], cols, []
    last = _table_end(lines, strong, anchors, first, height)
    rows_at = [i for i in range(first, last + 1) if lines[i].n_scores >= 2]
    groups: dict[int, list[VLine]] = {i: [lines[i]] for i in rows_at}
    width = width_of([lines[i] for i in rows_at])

    def wrapped(i: int) -> bool:  # a line of prose or a running header or footer is no wrapped cell
        ok = tabular(lines[i]) if i < first else not is_prose(lines[i], width)  # above: the header's
        return i not in groups and ok and furniture_key(lines[i].text) not in skip

    for i, j in _wrapped_lines(lines, rows_at, range(start, len(lines)), height, wrapped):
        groups[j].append(lines[i])
    body = [ln for g in groups.values() for ln in g]
    same = carried is not None and carried[0] == lay and len(carried[1]) == len(centres)
    same = same and all(abs(a - b) <= SAME_COLUMN for a, b in zip(carried[1], centres))
    edges = cuts(centres, [*body, *(prior or [])] if same else body)
    cells_of = {i: _cells(groups[i], edges, len(centres)) for i in rows_at}
    if confirmed is not None:
        if not all(lay.roles):
            lay = name_blank_columns(lay, list(cells_of.values()), named, hints, confirmed)
        lay = settle_goal_order(lay, list(cells_of.values()), hints, confirmed)
        cols = (lay, centres)
    out = []
    for i in rows_at:
        cells = cells_of[i]
        row = read_row(cells, lay, hints)
        row.page = page.number
        row.bbox = BBox.union(w.bbox for ln in groups[i] for w in ln.words)
        words = [w for ln in groups[i] for w in ln.words]
        row.confidence = sum(w.confidence for w in words) / len(words)
        out.append(row)
    return out, cols, body


def read_geometry(
    pages: list[Page],
    hints: Hints,
    skip: frozenset[str] = frozenset(),
    named: tuple[str, ...] = (),
    confirmed: Callable[[list[RawRow]], int] | None = None,
) -> list[RawRow]:
    """Every page's score rows, a table's columns carried onto the next page; ``skip``: the
    document's running headers and footers (``furniture.furniture``); ``named``: the score roles
    its prose names (header.named_factors)."""
    out: list[RawRow] = []
    carried, prior = None, []
    for page in pages:
        rows, carried, prior = read_page(page, hints, carried, skip, named, prior, confirmed)
        out.extend(rows)
    return out

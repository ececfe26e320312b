"""Rulings -> tables: full grids, and tables ruled only horizontally.

The readers record the rulings they saw (``Page.rules``: pdfplumber's edges on text-layer
pages, the lines erased before OCR on scans), so the grid need not be guessed from word
positions. Vertical and horizontal rules that touch form one grid; its column and row lines
are the rules' positions, and a cell whose side has no rule under it is merged with its
neighbour (a header label spanning two columns, a row label spanning two rows). Words go to
the cell their centre falls in. Horizontal rules that no vertical rule touches, stacked with
the same extent over text set in columns, are a table ruled only horizontally: its row
bands come from the rules and its columns from the whitespace gutters of its body.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from papeleo.model import BBox, Rule, Word

from .build import Metrics, row_groups_to_table
from .gutters import Columns, lines_to_columns
from .header import header_rows_by_column_types, pieces_to_names, rows_to_pieces, texts_look_like_header, unique_names
from .model import EMPTY_CELL, Cell, Row, Table
from .rows import band_to_row_groups, lines_to_row_groups, row_words_by_column
from .words import centre_inside, words_to_cell, words_to_word_lines

# Rules whose ends come this close (points) touch, and rule positions this close are one grid
# line. A scanned rule's box is a few points tall where the page is skewed (the MIR sample:
# 7 pt over 736 pt), so this cannot be much tighter; two real grid lines are further apart.
SNAP_PT = 4.0
# A cell side counts as ruled when a rule runs along at least this share of it; half, so a
# scanned rule that stops short of the corner still separates the cells.
SIDE_COVER = 0.5
# A grid's long horizontal rules (this share of its width at least) show how far the page is
# turned; below MIN_SKEW (0.1 degree) their boxes are their stroke and the lines are level
LONG_RULE_SHARE = 0.5
MIN_SKEW = 0.002
# Horizontal rules are stacked into one table when both their ends agree within this share
# of their length (and at least SNAP_PT): a table's rules share its width.
SAME_EXTENT_SHARE = 0.03


@dataclass(frozen=True, slots=True)
class Grid:
    xs: tuple[float, ...]  # column lines, left to right
    ys: tuple[float, ...]  # row lines, top to bottom
    horizontal: tuple[Rule, ...]
    vertical: tuple[Rule, ...]

    @property
    def bbox(self) -> BBox:
        return BBox(self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])


def _x(rule: Rule) -> float:
    return (rule.x0 + rule.x1) / 2


def _y(rule: Rule) -> float:
    return (rule.top + rule.bottom) / 2


def touches(h: Rule, v: Rule, snap: float = SNAP_PT) -> bool:
    return h.x0 - snap <= _x(v) <= h.x1 + snap and v.top - snap <= _y(h) <= v.bottom + snap


def cluster_positions(values: Sequence[float], snap: float = SNAP_PT) -> tuple[float, ...]:
    """Sorted positions, those within ``snap`` of the previous one merged (their mean)."""
    groups: list[list[float]] = []
    for v in sorted(values):
        if groups and v - groups[-1][-1] <= snap:
            groups[-1].append(v)
        else:
            groups.append([v])
    return tuple(sum(g) / len(g) for g in groups)


def rules_to_grids(rules: Sequence[Rule]) -> tuple[list[Grid], list[Rule]]:
    """(grids of touching horizontal and vertical rules, horizontal rules in no grid)."""
    hs = [r for r in rules if r.orientation == "h"]
    vs = [r for r in rules if r.orientation == "v"]
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if touches(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    grids, loose = [], []
    for g_h, g_v in groups.values():
        if not g_v:
            loose.extend(g_h)
            continue
        grid = rules_to_grid(g_h, g_v)
        if grid is not None:
            grids.append(grid)
    return grids, sorted(loose, key=_y)


def rules_to_grid(hs: Sequence[Rule], vs: Sequence[Rule]) -> Grid | None:
    """Grid lines of one group of touching rules; the group's extent closes a side that has
    no rule of its own (tables drawn without outer verticals). None when it does not make
    at least two columns, or at least one row."""
    if not hs:
        return None
    xs = cluster_positions(
        [_x(v) for v in vs] + _open_sides(min(h.x0 for h in hs), max(h.x1 for h in hs), [(v.x0, v.x1) for v in vs])
    )
    ys = cluster_positions(
        [_y(h) for h in hs]
        + _open_sides(min(v.top for v in vs), max(v.bottom for v in vs), [(h.top, h.bottom) for h in hs])
    )
    if len(xs) < 3 or len(ys) < 2:
        return None
    return Grid(xs, ys, tuple(hs), tuple(vs))


def _open_sides(low: float, high: float, rules: Sequence[tuple[float, float]]) -> list[float]:
    """The ends of the crossing rules, where no rule of their own runs: the sides of a
    table drawn without an outer frame. An end that falls on a rule is that rule, even
    when it is not at the rule's centre line — on a skewed scan a rule's box is several
    points tall and the crossing rules end anywhere inside it."""
    return [end for end in (low, high) if not any(a - SNAP_PT <= end <= b + SNAP_PT for a, b in rules)]


def _covers(start: float, end: float, lo: float, hi: float) -> bool:
    return min(end, hi) - max(start, lo) >= SIDE_COVER * (hi - lo)


def _ruled_between_columns(grid: Grid, row: int, col: int) -> bool:
    """Is there a rule between grid cells (row, col) and (row, col + 1)?"""
    x, lo, hi = grid.xs[col + 1], grid.ys[row], grid.ys[row + 1]
    return any(abs(_x(v) - x) <= SNAP_PT and _covers(v.top, v.bottom, lo, hi) for v in grid.vertical)


def _ruled_between_rows(grid: Grid, row: int, col: int) -> bool:
    y, lo, hi = grid.ys[row + 1], grid.xs[col], grid.xs[col + 1]
    return any(abs(_y(h) - y) <= SNAP_PT and _covers(h.x0, h.x1, lo, hi) for h in grid.horizontal)


def grid_to_regions(grid: Grid) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Each grid position -> the merged cell it belongs to, as (row0, col0, row1, col1)
    inclusive: positions joined where no rule separates them, as rectangles."""
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

    def find(p: tuple[int, int]) -> tuple[int, int]:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for r in range(n_rows):
        for c in range(n_cols):
            if c + 1 < n_cols and not _ruled_between_columns(grid, r, c):
                parent[find((r, c + 1))] = find((r, c))
            if r + 1 < n_rows and not _ruled_between_rows(grid, r, c):
                parent[find((r + 1, c))] = find((r, c))
    members: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for p in parent:
        members.setdefault(find(p), []).append(p)
    owner: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for group in sorted(members.values()):
        box = (min(p[0] for p in group), min(p[1] for p in group), max(p[0] for p in group), max(p[1] for p in group))
        for r in range(box[0], box[2] + 1):
            for c in range(box[1], box[3] + 1):
                owner.setdefault((r, c), box)
    return owner


def grid_tilt(grid: Grid) -> float:
    """How far a scanned grid's lines slope, either way: the tilt its long horizontal rules
    show (a rule drawn across a page turned by a fraction of a degree is recorded as a box
    ``slope`` x its length tall); 0 when the rules are straight."""
    width = grid.xs[-1] - grid.xs[0]
    tilts = sorted(
        (h.bottom - h.top) / (h.x1 - h.x0) for h in grid.horizontal if h.x1 - h.x0 >= LONG_RULE_SHARE * width
    )
    if not tilts or tilts[len(tilts) // 2] < MIN_SKEW:
        return 0.0
    return tilts[len(tilts) // 2]


def _levelled(word: Word, slope: float, x_mid: float, y_mid: float) -> tuple[float, float]:
    """A word's centre where it would be on the grid levelled about its middle: a horizontal
    line is ``slope`` lower per point to the right, a vertical one ``slope`` further left per
    point down."""
    cx, cy = word.bbox.x_center, word.bbox.y_center  # type: ignore[union-attr]
    return cx + slope * (cy - y_mid), cy - slope * (cx - x_mid)


def _straddled(grid: Grid, words: Sequence[Word], slope: float) -> int:
    """How many words a row line would cut through, if the grid's lines had this slope."""
    x_mid = (grid.xs[0] + grid.xs[-1]) / 2
    n = 0
    for w in words:
        shift = slope * (w.bbox.x_center - x_mid)  # type: ignore[union-attr]
        top, bottom = w.bbox.top - shift, w.bbox.bottom - shift  # type: ignore[union-attr]
        i = bisect.bisect_right(grid.ys, top)
        n += i < len(grid.ys) and grid.ys[i] < bottom
    return n


def grid_skew(grid: Grid, words: Sequence[Word], tilt: float) -> float:
    """The slope of a scanned grid's lines, level or ``tilt`` either way, that cuts through
    fewest words (rules do not cross text); level on a tie or on straight rules. Which way
    the page turned, the rules' boxes do not say; where a cell's text sits close under its top
    rule, a row line taken level through the rule's middle puts that text in the row above (MIR
    report block 6422: every code of a column one row up)."""
    if not tilt:
        return 0.0
    return min((0.0, tilt, -tilt), key=lambda slope: _straddled(grid, words, slope))


def grid_to_table(grid: Grid, words: Sequence[Word], page: int | None, metrics: Metrics) -> Table | None:
    """The table a grid holds. A grid row whose cells are all single and that holds several
    complete rows of text (a body ruled only around its edge) is split into those rows."""
    box = grid.bbox
    tilt = grid_tilt(grid)
    # on a turned page the grid's corners are off its level box by up to this much
    reach = tilt * max(box.x1 - box.x0, box.bottom - box.top) / 2
    near = [
        w
        for w in words
        if w.bbox is not None
        and centre_inside(w, BBox(box.x0 - reach, box.top - reach, box.x1 + reach, box.bottom + reach))
    ]
    slope = grid_skew(grid, near, tilt)
    mid = (grid.xs[0] + grid.xs[-1]) / 2, (grid.ys[0] + grid.ys[-1]) / 2
    levelled = {id(w): _levelled(w, slope, *mid) for w in near}
    inside = [w for w in near if box.x0 <= levelled[id(w)][0] <= box.x1 and box.top <= levelled[id(w)][1] <= box.bottom]
    owner = grid_to_regions(grid)
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    columns = Columns(grid.xs)
    by_region: dict[tuple[int, int, int, int], list[Word]] = {}
    by_row: dict[int, list[Word]] = {}
    for w in inside:
        x, y = levelled[id(w)]
        r = min(n_rows - 1, max(0, bisect.bisect_right(grid.ys, y) - 1))
        c = columns.index_of(x)
        by_region.setdefault(owner[(r, c)], []).append(w)
        by_row.setdefault(r, []).append(w)
    rows: list[Row] = []
    rows_ruled = sum(1 for r in range(n_rows) if by_row.get(r)) >= 3
    for r in range(n_rows):
        single = all(owner[(r, c)] == (r, c, r, c) for c in range(n_cols))
        lines = words_to_word_lines(by_row.get(r, []))
        groups = band_to_row_groups(lines, columns, metrics.height, rows_ruled) if single else []
        if len(groups) > 1:
            for group in groups:
                rows.append(Row(tuple(words_to_cell(ws) for ws in row_words_by_column(group, columns)), page))
            continue
        cells: list[Cell] = []
        for c in range(n_cols):
            region = owner[(r, c)]
            if region[:2] != (r, c):
                cells.append(EMPTY_CELL)
                continue
            r0, c0, r1, c1 = region
            cell_box = BBox(grid.xs[c0], grid.ys[r0], grid.xs[c1 + 1], grid.ys[r1 + 1])
            cells.append(words_to_cell(by_region.get(region, []), cell_box, col_span=c1 - c0 + 1, row_span=r1 - r0 + 1))
        rows.append(Row(tuple(cells), page))
    if sum(1 for row in rows if any(not c.is_empty for c in row.cells)) < 2:
        return None
    return rows_to_ruled_table(rows, box, page, columns.edges)


def rows_to_ruled_table(rows: list[Row], box: BBox, page: int | None, edges: tuple[float, ...]) -> Table:
    """Title, header and body of a grid's rows. A first row that is one cell across the
    whole table is a caption; the header is the next row, plus the rows its cells reach
    into (a label spanning rows) or split (a label spanning columns over sub-labels)."""
    n_cols = len(rows[0].cells)
    title = None
    first = rows[0].cells[0]
    if n_cols > 1 and first.col_span == n_cols and len(rows) > 2:
        title, rows = first.text or None, rows[1:]
    count = 1 if texts_look_like_header(rows[0].texts) else 0
    while 0 < count < len(rows) - 1:
        reach = max(r + c.row_span for r in range(count) for c in rows[r].cells)
        split_below = _labels_split_below(rows[count - 1], rows[count])
        if reach > count or split_below:
            count += 1
        else:
            break
    body = [row for row in rows[count:] if any(not c.is_empty for c in row.cells)]  # a double ruling's empty band
    header, body = header_rows_by_column_types(rows[:count], body)
    names = pieces_to_names(rows_to_pieces(header), n_cols) if header else unique_names([""] * n_cols)
    return Table(
        columns=names,
        rows=tuple(body),
        header_rows=tuple(header),
        source="ruled",
        title=title,
        bbox=box,
        pages=(page,) if page is not None else (),
        column_edges=edges,
    )


def _labels_split_below(upper: Row, lower: Row) -> bool:
    """Does ``lower`` hold the sub-labels of a label spanning columns in ``upper``
    ('Individuales', 'Colectivas' under 'Metas')?"""
    spanning = [(c, cell.col_span) for c, cell in enumerate(upper.cells) if cell.col_span > 1 and not cell.is_empty]
    if not spanning or not texts_look_like_header(lower.texts):
        return False
    return all(not lower.cells[k].is_empty for c, span in spanning for k in range(c, min(len(lower.cells), c + span)))


def horizontal_rules_to_stacks(hs: Sequence[Rule]) -> list[list[Rule]]:
    """Horizontal rules grouped by extent (both ends agree), each group top to bottom."""
    stacks: list[list[Rule]] = []
    for rule in sorted(hs, key=_y):
        tol = max(SNAP_PT, SAME_EXTENT_SHARE * rule.length)
        home = next((s for s in stacks if abs(s[-1].x0 - rule.x0) <= tol and abs(s[-1].x1 - rule.x1) <= tol), None)
        if home is None:
            stacks.append([rule])
        else:
            home.append(rule)
    return [s for s in stacks if len(s) >= 2]


def stack_to_tables(stack: Sequence[Rule], words: Sequence[Word], page: int | None, metrics: Metrics) -> list[Table]:
    """Tables between stacked horizontal rules. A band of text set in columns is a table
    band; a band of prose (the page between a header rule and the table) or an empty band
    ends the table — except a one-line band between two table bands (a section label row)."""
    x0, x1 = min(r.x0 for r in stack) - SNAP_PT, max(r.x1 for r in stack) + SNAP_PT
    bands: list[list[list[Word]]] = []
    tabular: list[bool] = []
    for upper, lower in zip(stack, stack[1:]):
        box = BBox(x0, _y(upper), x1, _y(lower))
        lines = words_to_word_lines([w for w in words if w.bbox is not None and centre_inside(w, box)])
        bands.append(lines)
        tabular.append(bool(lines) and lines_to_columns(lines, metrics.gap) is not None)
    for i in range(1, len(bands) - 1):
        if not tabular[i] and len(bands[i]) == 1 and tabular[i - 1] and tabular[i + 1]:
            tabular[i] = True
    tables: list[Table] = []
    i = 0
    while i < len(bands):
        if not tabular[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(bands) and tabular[j + 1]:
            j += 1
        table = bands_to_table(bands[i : j + 1], page, metrics)
        if table is not None:
            tables.append(table)
        i = j + 1
    return tables


def bands_to_table(bands: Sequence[Sequence[Sequence[Word]]], page: int | None, metrics: Metrics) -> Table | None:
    """Columns from the body bands' gutters (the first band, the header, may hold labels
    spanning columns); rows from the bands, a band split where it holds several rows."""
    if len(bands) == 1:
        lines = bands[0]
        if len(lines) < 2:
            return None
        columns = lines_to_columns(lines[1:] if len(lines) > 2 else lines, metrics.gap)
        if columns is None:
            return None
        return row_groups_to_table(
            lines_to_row_groups(lines, columns, metrics.height), columns, page, "horizontal_rules", metrics
        )
    body_lines = [line for band in bands[1:] for line in band]
    columns = lines_to_columns(body_lines, metrics.gap)
    if columns is None:
        return None
    rows_ruled = len(bands) >= 3
    body = [g for band in bands[1:] for g in band_to_row_groups(band, columns, metrics.height, rows_ruled)]
    first = list(bands[0])
    if texts_look_like_header([w.text for line in first for w in line]):
        return row_groups_to_table([first, *body], columns, page, "horizontal_rules", metrics, header_groups=1)
    first_rows = band_to_row_groups(first, columns, metrics.height, rows_ruled)  # a continued table: no header
    return row_groups_to_table([*first_rows, *body], columns, page, "horizontal_rules", metrics, header_groups=0)

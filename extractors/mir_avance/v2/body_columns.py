"""A table body's columns of numbers -> the columns its head lost, named by their place.

On a shaded head band tesseract can drop a label outright, words and all ('1er Trim.' under
'Programado', '4to Trim.' beside it: validation MIR scan 1021 lost three of eight quarter
labels on the only head the report prints). The head then has no column there, and the
numbers printed under it join the neighbouring column's cells. The body still prints the
column: a run of numbers, row under row, at a place no head label sits over. Such a column is
put back, unnamed; and where the head's quarters around it leave exactly as many gaps as there
are such columns ('Programado 2do 3er', two columns, 'Alcanzado 2do'), each takes the quarter
that runs there — the way ``columns.repair_quarter_labels`` reads a damaged label in a line.
Anything else stays unnamed: its numbers are then loose (``loose.py``), for the rows'
arithmetic to name or to leave flagged.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

from papeleo.model import Word

from .columns import NUMERIC
from .head_find import CODE_TOKEN
from .head_layout import Column, Layout
from .table import NUMBER_TOKEN

# a body line is a table row when it prints at least this many numbers: a note under the table
# ('… 43730 toneladas …') prints one or two, scattered over the width
MIN_ROW_NUMBERS = 4
# a column of the body prints a number on at least this many rows: one or two aligned numbers
# are as likely a wrapped cell's figures
MIN_COLUMN_NUMBERS = 3
# a column the head lost prints numbers (and dashes for none) only: at least this share of the
# body's words there; a commentary column's figures come among words (a third of them or less)
MIN_NUMBER_SHARE = 0.8
DASHES = frozenset({"-", "—", "–"})
# a label OCR read as one word over two columns ('TAS' for 'T2 T3', 'T2' for 'T1 T2' on a
# degraded scan: report block 6650-6669 scan 6661) spans at least this share of each of their
# runs of numbers; a label spans most of its own column's run (labels centred, numbers right-
# aligned) and little of its neighbour's. Lower would split a wide label's column more often,
# and only the quarters' naming of every part then keeps the split from standing
SPLIT_SHARE = 0.5
# a column whose label has no run of numbers under it (numbers set right of a centred label)
# owns the nearest run only when the run sits within this many pitches of the head's numeric
# columns from where the other columns set their numbers from their labels (the median offset,
# of centres or of right edges): further off, the run is a column whose label OCR lost beside
# a column left empty (an alcanzado of a quarter not yet reported, dev MIR scan 514: the meta
# anual's run, its label unread, 22 pt right of the empty 'T4' where the others centre their
# numbers on their labels, at a pitch of 27, joined the 4th quarter's alcanzado). Higher gives
# an empty column its neighbour's run again; at a pitch or more the neighbour is as near
OWN_RUN_PITCHES = 0.5
# the kinds a quarter column can hold, in the order heads print their runs
RUN_KINDS = ("prog", "alc")


def layout_with_body_columns(layout: Layout, body: list[list[Word]]) -> Layout:
    """``layout`` with the body's columns of numbers its head has no column for, and with each
    label OCR ran over two columns split in two where the quarters then name every part
    (module doc); the same layout when there is nothing to change."""
    clusters = _number_columns(body)
    orphans = [
        o
        for o in _orphans(clusters, layout.columns)
        if _among_numeric_columns(o, layout.columns) and _only_numbers(o, body)
    ]
    splits = {
        id(c): runs
        for c in layout.columns
        if len(runs := [(x0, x1) for x0, x1, _ in clusters if _share_under(c, x0, x1) >= SPLIT_SHARE]) > 1
        and all(_only_numbers(r, body) for r in runs)
    }
    if not orphans and not splits:
        return layout
    while True:
        parts = {k: [_body_column(r) for r in runs] for k, runs in splits.items()}
        columns = sorted(
            [*(p for c in layout.columns for p in parts.get(id(c), [c])), *map(_body_column, orphans)],
            key=lambda c: c.x0,
        )
        _name_by_quarter_runs(columns)
        # a split stands only where the quarters name every part: a wide label over its column
        # and part of the next one is no pair of lost labels
        unnamed = [k for k, ps in parts.items() if any(not p.kinds for p in ps)]
        if not unnamed:
            return replace(layout, columns=columns)
        for k in unnamed:
            del splits[k]


def _body_column(run: tuple[float, float]) -> Column:
    return Column((), run[0], run[1], name="", confidence=0.0)


def _share_under(column: Column, x0: float, x1: float) -> float:
    """The share of a run of numbers that a column's label spans."""
    return max(0.0, min(column.x1, x1) - max(column.x0, x0)) / max(x1 - x0, 1e-9)


def _number_columns(body: list[list[Word]]) -> list[tuple[float, float, int]]:
    """The body's runs of numbers: (x0, x1, how many) of each x-range that numbers of table rows
    cover, apart from the next by a gap no number crosses."""
    spans = sorted(
        (w.bbox.x0, w.bbox.x1)
        for line in body
        if sum(1 for w in line if NUMBER_TOKEN.match(w.text)) >= MIN_ROW_NUMBERS
        for w in line
        if w.bbox is not None and NUMBER_TOKEN.match(w.text) and not CODE_TOKEN.match(w.text)
    )
    out: list[list[float]] = []
    for x0, x1 in spans:
        if out and x0 <= out[-1][1]:
            out[-1][1] = max(out[-1][1], x1)
            out[-1][2] += 1
        else:
            out.append([x0, x1, 1])
    return [(a, b, int(n)) for a, b, n in out if n >= MIN_COLUMN_NUMBERS]


def _only_numbers(run: tuple[float, float], body: list[list[Word]]) -> bool:
    """Whether the body prints nothing but numbers across the run: a commentary column's lines
    start with figures on many rows ('60 auditorías …') and line them up too, among the words
    of its other lines."""
    inside = [w for line in body for w in line if w.bbox is not None and w.bbox.x0 < run[1] and run[0] < w.bbox.x1]
    numbers = sum(1 for w in inside if NUMBER_TOKEN.match(w.text) or w.text in DASHES)
    return bool(inside) and numbers >= MIN_NUMBER_SHARE * len(inside)


def _among_numeric_columns(run: tuple[float, float], columns: list[Column]) -> bool:
    """Whether a run of numbers lies among the head's numeric columns, or within one column's
    pitch of their first or last: a row's figures inside its text cells (codes, counts in an
    objective) line up too, far left of them."""
    xs = sorted((c.x0 + c.x1) / 2 for c in columns if any(k in NUMERIC for k, _ in c.kinds))
    pitch = _numeric_pitch(columns)
    if pitch is None:
        return False
    xc = (run[0] + run[1]) / 2
    return xs[0] - pitch <= xc <= xs[-1] + pitch


def _orphans(clusters: list[tuple[float, float, int]], columns: list[Column]) -> list[tuple[float, float]]:
    """The runs of numbers no head column owns. A run under a label's span is that column's; a
    column with no run under its label (numbers set right of a centred label) owns the run
    nearest to it of those nearest to it; every other run is an orphan."""
    if not columns:
        return []

    def under(c: Column, x0: float, x1: float) -> bool:
        return c.x0 <= x1 and x0 <= c.x1

    centre = [(c.x0 + c.x1) / 2 for c in columns]
    free = [(x0, x1) for x0, x1, _ in clusters if not any(under(c, x0, x1) for c in columns)]
    nearest: dict[int, list[tuple[float, float]]] = {}
    for x0, x1 in free:
        i = min(range(len(columns)), key=lambda i: abs(centre[i] - (x0 + x1) / 2))
        nearest.setdefault(i, []).append((x0, x1))
    owned = [
        (c, run)
        for c in columns
        if any(k in NUMERIC for k, _ in c.kinds)
        for run in clusters
        if under(c, run[0], run[1])
    ]
    reach = OWN_RUN_PITCHES * (_numeric_pitch(columns) or float("inf"))
    out = []
    for i, runs in nearest.items():
        runs.sort(key=lambda r: abs((r[0] + r[1]) / 2 - centre[i]))
        if not any(under(columns[i], x0, x1) for x0, x1, _ in clusters) and _placed_as_owned(
            columns[i], runs[0], owned, reach
        ):
            runs = runs[1:]
        out += runs
    return sorted(out)


def _placed_as_owned(column: Column, run: tuple[float, float], owned: list, reach: float) -> bool:
    """Whether a run sits where the head's other columns set their numbers from their labels:
    its centre (numbers centred) or its right edge (right-aligned) within ``reach`` of the
    label's, shifted by the median of the same offset over the runs under their labels."""
    if not owned:
        return True
    centre = statistics.median((r[0] + r[1] - c.x0 - c.x1) / 2 for c, r in owned)
    right = statistics.median(r[1] - c.x1 for c, r in owned)
    return (
        abs((run[0] + run[1] - column.x0 - column.x1) / 2 - centre) <= reach or abs(run[1] - column.x1 - right) <= reach
    )


def _numeric_pitch(columns: list[Column]) -> float | None:
    """The median distance between the centres of neighbouring numeric columns of the head."""
    xs = sorted((c.x0 + c.x1) / 2 for c in columns if any(k in NUMERIC for k, _ in c.kinds))
    return statistics.median(b - a for a, b in zip(xs, xs[1:])) if len(xs) > 1 else None


def _name_by_quarter_runs(columns: list[Column]) -> None:
    """Name the unnamed body columns set among quarter columns where the quarters leave exactly
    as many gaps as there are such columns: programado's run goes on to the 4th quarter and
    alcanzado's starts at the 1st, as every MIR head prints them. Only a gap of nothing but
    such columns: a column of another kind between ends the run."""
    steps = [(k, q) for k in RUN_KINDS for q in range(1, 5)]
    known = [(i, c.kinds[0]) for i, c in enumerate(columns) if len(c.kinds) == 1 and c.kinds[0] in steps]
    for (ia, a), (ib, b) in zip([(-1, None), *known], [*known, (len(columns), None)]):
        lo = steps.index(a) + 1 if a else steps.index((b[0], 1)) if b else None
        hi = steps.index(b) if b else steps.index((a[0], 4)) + 1 if a else None
        if lo is None or hi is None or lo >= hi:
            continue
        between = _slots_between(columns, ia, ib, from_left=a is not None)
        missing = steps[lo:hi]
        if between and len(missing) == len(between):
            for i, kind in zip(between, missing):
                columns[i].kinds = (kind,)
                columns[i].name = f"(columna leída del cuerpo: {kind[0]} T{kind[1]} por su lugar)"


def _slots_between(columns: list[Column], ia: int, ib: int, from_left: bool) -> list[int]:
    """The unnamed body columns between known quarter columns ia and ib, when nothing else is
    between; before the first (ia -1) or after the last (ib past the end), the run of them
    next to the known one."""

    def is_slot(i: int) -> bool:
        return not columns[i].kinds and not columns[i].name

    inner = range(ia + 1, ib)
    if 0 <= ia and ib < len(columns):
        return list(inner) if all(is_slot(i) for i in inner) else []
    out: list[int] = []
    for i in inner if from_left else reversed(inner):
        if not is_slot(i):
            break
        out.append(i)
    return sorted(out)

"""Giving an OCR'd line stream's numeric runs and one-per-line blocks to their rows.

Kept apart from the row anchoring in ``_mir_text`` because it is a separate decision with
its own evidence: vertical distance when lines carry coordinates, and document order —
aligned by dynamic programming, never more than one block per row — when they do not.
"""

from __future__ import annotations

from ._mir_geometry import vertical_gap, y_center
from ._mir_numbers import NumTok
from ._mir_types import RawRow


def _attach_runs(rows: list[RawRow], groups, runs: dict[int, list[NumTok]], glines) -> None:
    """A run goes to the nearest row anchor: by vertical distance in points when the page
    has coordinates (commentary lines interleave and inflate line counts), else by lines."""
    taken: set[int] = set()
    for g in sorted(runs):
        best, bd = None, None
        yg = y_center(glines[g][1])
        for i, grp in enumerate(groups):
            if i in taken:
                continue
            lo, hi = grp[0].line, grp[-1].line
            d = 0 if lo <= g <= hi else min(abs(g - lo), abs(g - hi))
            ys = [y_center(glines[it.line][1]) for it in grp]
            if yg is not None and all(y is not None for y in ys) and glines[lo][0] == glines[g][0]:
                d = vertical_gap(yg, min(ys), max(ys)) / 12.0  # ~one text line per 12 pt
            if bd is None or d < bd or (d == bd and lo > g):
                best, bd = i, d
        if best is not None and bd is not None and bd <= 10:
            rows[best].tokens = runs[g]
            rows[best].run_garbled = sum(not t.clean for t in runs[g]) / len(runs[g])
            rows[best].last_line = max(rows[best].last_line, g)
            rows[best].first_line = min(rows[best].first_line, g)
            taken.add(best)


def _attach_blocks(rows: list[RawRow], groups, marks: list[int], blocks, glines) -> None:
    """Numbers printed one per line follow the row's unit box; OCR can push a row's box
    below the next row's heading, so boxes are aligned to rows by order, each row taking
    at most one box and preferring the box within its own stretch of lines."""
    units: list[tuple[int, list[NumTok] | None]] = []
    mark_set = sorted(marks)
    used_blocks = set()
    for m in mark_set:
        units.append((m, None))
    for bi, (start, toks) in enumerate(blocks):
        prev_marks = [i for i, (m, _) in enumerate(units) if m < start]
        if prev_marks:
            i = prev_marks[-1]
            m = units[i][0]
            between = any(m < grp[0].line < start for grp in groups)
            if units[i][1] is None and not between:
                units[i] = (m, toks)
                used_blocks.add(bi)
                continue
        units.append((start, toks))
        used_blocks.add(bi)
    units.sort(key=lambda u: u[0])
    starts = [grp[0].line for grp in groups]
    n, k = len(groups), len(units)
    NEG = float("-inf")
    dp = [[NEG] * (k + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    for i in range(n + 1):
        dp[i][0] = 0.0
    for j in range(k + 1):
        dp[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(1, k + 1):
            cands = [(dp[i - 1][j], (i - 1, j, False)), (dp[i][j - 1], (i, j - 1, False))]
            pos = units[j - 1][0]
            if pos > starts[i - 1]:
                lag = sum(1 for s in starts[i:] if s < pos)
                if lag <= 3:
                    cands.append((dp[i - 1][j - 1] + 10 - 3 * lag, (i - 1, j - 1, True)))
            dp[i][j], back[(i, j)] = max(cands, key=lambda c: c[0])
    i, j = n, k
    while i > 0 and j > 0:
        pi, pj, match = back[(i, j)]
        if match:
            toks = units[j - 1][1]
            if toks and not rows[i - 1].tokens:
                rows[i - 1].tokens = toks
                rows[i - 1].run_garbled = sum(not t.clean for t in toks) / len(toks)
                rows[i - 1].text += " " + " ".join(glines[g][1].text for g in range(units[j - 1][0], min(len(glines), units[j - 1][0] + 3)))
        i, j = pi, pj

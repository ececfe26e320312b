"""Which printed cell is which field, for a numeric run read without column labels.

OCR of a wide table gives a row's cells in order but drops, splits and invents cells, so
a run of five numbers for seven fields has several readings. Each reading is scored by
the document's arithmetic (Σ programado = meta anual, the commentary's N of M, the
'Meta Anual' total); the best is used, fields on which equally good readings disagree are
ambiguous (null), and fields that only the missing-cell prior placed are tentative (kept
only if a later check backs them).
"""

from __future__ import annotations

import itertools
import logging

from .numbers import NumTok, misread_reason, percent_matches, value_of
from .types import ALC, PROG, SUM_FIELDS, SUM_TOLERANCE, RawRow, Reading, fields_for

log = logging.getLogger(__name__)

# Score of one reading (cells -> fields) of a run; the checks' weights dominate the priors.
# A clean cell left out costs much when the run had room for it, less when the run is
# longer than the fields (some cell must be spurious); a mangled one costs little.
DROP_CLEAN_WITH_ROOM = 2.5
DROP_CLEAN = 1.5
DROP_GARBLED = 0.2
# The missing-cell prior: an alcanzado cell is a little less likely dropped than a
# programado one, and the meta anual cell least of all.
MISSING_PROGRAMADO = 0.5
MISSING_ALCANZADO = 0.7
MISSING_META = 1.0
# meta anual = Σ programado holding outright; failing but repaired by a value another
# source backs; by exactly one plausible misreading; not at all; holding for some reading
# of the mangled cells.
SUM_HOLDS = 5
SUM_FIX_BACKED = 3.0
SUM_FIX_ONE_MISREAD = 2.5
SUM_FAILS = 1.0
SUM_HOLDS_GARBLED = 3
# readings of mangled cells tried for the sum: bounded, since each adds a chance coincidence
MAX_SUM_COMBINATIONS = 500
# a quarter's plan above the year's: a cell is in the wrong field
PROG_ABOVE_META = 1.5
# a quarter this many times smaller than another (with three or more printed) is a stray cell
STRAY_RATIO = 50
MIN_QUARTERS_FOR_STRAY = 3
STRAY_CELL = 1.0
# the commentary's M / N in this quarter's cells: printed, or a plausible misreading
COMMENTARY_CELL = 4
COMMENTARY_CELL_MISREAD = 1.5
# the commentary's own N/M miss its X%, but a table cell with its N or M gives it
COMMENTARY_PERCENT_CELL = 3
# the commentary's M printed in another quarter's cell, not this one's: a shifted run
COMMENTARY_M_ELSEWHERE = 1.0
# 'Meta Anual: ... N de M': M is the meta anual cell; N is Σ alcanzado, or one misread
# cell away from it, or not
ANUAL_META = 3
ANUAL_SUM = 2
ANUAL_SUM_ONE_FIX = 1
ANUAL_SUM_FAILS = 2
# Positional rule: a surviving cell sits as far left as the checks allow. Small enough
# never to outweigh a check, large enough to order otherwise equal readings.
POSITIONAL = 0.001
# Readings whose scores differ by less than this are equally good (their differing
# fields are ambiguous); TOP_MARGIN is float noise when a score is compared with the best.
EQUAL_SCORE = 0.0005
TOP_MARGIN = 1e-9
# widest score gap the missing-cell prior alone can make between two readings (0.7 - 0.5)
PRIOR_WINDOW = 0.25
# Cells a reading may leave out beyond a run's excess over the fields: OCR invents a cell
# (a speck read as '1') as well as dropping one; more would make every run fit anything.
EXTRA_DROPS = 1


def _score(assign: dict[str, NumTok], dropped: list[NumTok], T: int, r: Reading | None, an: Reading | None) -> float:
    """How well the document's arithmetic supports one reading of the run."""
    s = 0.0
    room = len(assign) + len(dropped) <= len(fields_for(T))
    for t in dropped:
        s -= (DROP_CLEAN_WITH_ROOM if room else DROP_CLEAN) if t.clean else DROP_GARBLED
    missing_p = sum(1 for f in PROG if f not in assign)
    missing_a = sum(1 for f in ALC[:T] if f not in assign)
    s -= (
        MISSING_PROGRAMADO * missing_p
        + MISSING_ALCANZADO * missing_a
        + (MISSING_META if "meta_anual" not in assign else 0)
    )
    vals = {f: value_of(t) for f, t in assign.items()}
    sum_known = [vals.get(f) for f in SUM_FIELDS]
    if all(v is not None for v in sum_known):
        if abs(sum_known[0] - sum(sum_known[1:])) < SUM_TOLERANCE:
            s += SUM_HOLDS
        else:
            fixes, backed = 0, 0
            for i, f in enumerate(SUM_FIELDS):
                want = sum(sum_known[1:]) if i == 0 else sum_known[0] - (sum(sum_known[1:]) - sum_known[i])
                fixes += want >= 0 and misread_reason(assign[f], want) is not None
                backed += (r is not None and T and f == PROG[T - 1] and want == r.m) or (
                    an is not None and f == "meta_anual" and want == an.m
                )
            s += SUM_FIX_BACKED if backed else SUM_FIX_ONE_MISREAD if fixes == 1 else -SUM_FAILS
    elif all(f in assign for f in SUM_FIELDS):
        opts = [([vals[f]] if vals.get(f) is not None else list(assign[f].cands)) for f in SUM_FIELDS]
        if any(
            abs(c[0] - sum(c[1:])) < SUM_TOLERANCE
            for c in itertools.islice(itertools.product(*opts), MAX_SUM_COMBINATIONS)
        ):
            s += SUM_HOLDS_GARBLED
    meta = vals.get("meta_anual")
    if meta is not None and any(vals.get(f) is not None and vals[f] > meta for f in PROG):
        s -= PROG_ABOVE_META
    ps = [vals[f] for f in PROG if vals.get(f)]
    if len(ps) >= MIN_QUARTERS_FOR_STRAY and min(ps) * STRAY_RATIO < max(ps):
        s -= STRAY_CELL
    if r is not None and T:
        pt, at = assign.get(PROG[T - 1]), assign.get(ALC[T - 1])
        for tok, want in ((pt, r.m), (at, r.n)):
            if tok is None or want is None:
                continue
            if (tok.clean and tok.value == want) or (not tok.clean and want in tok.cands):
                s += COMMENTARY_CELL
            elif misread_reason(tok, want):
                s += COMMENTARY_CELL_MISREAD
        x = r.x_fixed if (r.x_fixed is not None and not r.consistent) else r.x
        if x is not None and not r.consistent:
            # the commentary's own N/M disagree with its X%, but the table cell fits it
            if pt is not None and pt.clean and r.n is not None and percent_matches(r.n, pt.value, x, r.x_decimals):
                s += COMMENTARY_PERCENT_CELL
            if at is not None and at.clean and r.m is not None and percent_matches(at.value, r.m, x, r.x_decimals):
                s += COMMENTARY_PERCENT_CELL
        pt_ok = pt is not None and ((pt.clean and pt.value == r.m) or (not pt.clean and r.m in pt.cands))
        for f, t in assign.items():  # the commentary's M printed in another quarter's cell
            if (
                f in PROG
                and f != PROG[T - 1]
                and r.m is not None
                and t.clean
                and t.value == r.m
                and not pt_ok
                and r.consistent
            ):
                s -= COMMENTARY_M_ELSEWHERE
    if an is not None and an.m is not None and meta is not None and meta == an.m:
        s += ANUAL_META
    if an is not None and an.n is not None and T:
        got = [vals.get(f) for f in ALC[:T]]
        if all(g is not None for g in got):
            if sum(got) == an.n:
                s += ANUAL_SUM
            else:
                fixable = sum(
                    1
                    for f in ALC[:T]
                    if misread_reason(assign[f], an.n - (sum(got) - vals[f])) is not None
                    and an.n - (sum(got) - vals[f]) >= 0
                )
                s += ANUAL_SUM_ONE_FIX if fixable == 1 else -ANUAL_SUM_FAILS
    return s


def assign_tokens(
    row: RawRow, T: int, r: Reading | None, an: Reading | None
) -> tuple[dict[str, NumTok], set[str], float]:
    """Which printed cell is which field. A labeled (geometry) row is taken as labeled;
    an OCR run is matched in order to the fields, cells possibly missing or spurious,
    choosing the reading the checks support best. Fields that differ between equally
    good readings are reported as ambiguous (and left null by the caller)."""
    row.tentative = set()
    if row.slots:
        return dict(row.slots), set(), 0.0
    toks = row.tokens
    slots = fields_for(T)
    if not toks:
        return {}, set(), 0.0
    max_drops = max(0, len(toks) - len(slots)) + EXTRA_DROPS
    best: list[tuple[dict[str, NumTok], float]] = []
    top = float("-inf")

    def rec(i: int, nxt: int, acc: list[int], drops: int):
        if i == len(toks):
            yield list(acc)
            return
        for s in range(nxt, len(slots)):
            acc.append(s)
            yield from rec(i + 1, s + 1, acc, drops)
            acc.pop()
        if drops < max_drops:
            acc.append(-1)
            yield from rec(i + 1, nxt, acc, drops + 1)
            acc.pop()

    scored: list[tuple[dict[str, NumTok], float]] = []
    for combo in rec(0, 0, [], 0):
        assign = {slots[s]: toks[i] for i, s in enumerate(combo) if s >= 0}
        dropped = [toks[i] for i, s in enumerate(combo) if s < 0]
        # positional rule: a cell that survived sits as far left as the checks allow
        sc = _score(assign, dropped, T, r, an) - POSITIONAL * (("meta_anual" not in assign) + (PROG[0] not in assign))
        scored.append((assign, sc))
        if sc > top + TOP_MARGIN:
            top, best = sc, [(assign, sc)]
        elif abs(sc - top) <= EQUAL_SCORE:
            best.append((assign, sc))
    chosen = best[0][0]
    # The missing-cell prior (an alcanzado cell is a little less likely dropped than a
    # programado one) orders readings but proves nothing: readings it alone separates
    # from the best leave their differing fields undetermined.
    near = best + [
        (a, sc) for a, sc in scored if top - PRIOR_WINDOW <= sc < top - EQUAL_SCORE and len(a) == len(chosen)
    ]
    ambiguous = _differing(best, slots)
    row.tentative = _differing(near, slots) - ambiguous
    return chosen, ambiguous, top


def _differing(readings_: list[tuple[dict[str, NumTok], float]], slots: list[str]) -> set[str]:
    out: set[str] = set()
    for f in slots:
        seen = {(a[f].value if a[f].clean else "?") if f in a else None for a, _ in readings_}
        if len(seen) > 1:
            out.add(f)
    return out

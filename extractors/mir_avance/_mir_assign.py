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

from ._mir_match import Reading
from ._mir_numbers import NumTok, misread_reason, percent_matches
from ._mir_types import ALC, PROG, RawRow

log = logging.getLogger(__name__)

SUM_FIELDS = ("meta_anual", *PROG)
# widest score gap the missing-cell prior alone can make between two readings (0.7 - 0.5)
PRIOR_WINDOW = 0.25


def slots_for(T: int) -> list[str]:
    return ["meta_anual", *PROG, *ALC[:T]]


def _val(t: NumTok | None) -> float | None:
    return t.value if t is not None and t.clean else None


def _score(assign: dict[str, NumTok], dropped: list[NumTok], T: int, r: Reading | None, an: Reading | None) -> float:
    s = 0.0
    room = len(assign) + len(dropped) <= len(slots_for(T))
    for t in dropped:
        s -= (2.5 if room else 1.5) if t.clean else 0.2
    missing_p = sum(1 for f in PROG if f not in assign)
    missing_a = sum(1 for f in ALC[:T] if f not in assign)
    s -= 0.5 * missing_p + 0.7 * missing_a + (1.0 if "meta_anual" not in assign else 0)
    vals = {f: _val(t) for f, t in assign.items()}
    sum_known = [vals.get(f) for f in SUM_FIELDS]
    if all(v is not None for v in sum_known):
        if abs(sum_known[0] - sum(sum_known[1:])) < 1e-6:
            s += 5
        else:
            fixes, backed = 0, 0
            for i, f in enumerate(SUM_FIELDS):
                want = sum(sum_known[1:]) if i == 0 else sum_known[0] - (sum(sum_known[1:]) - sum_known[i])
                fixes += want >= 0 and misread_reason(assign[f], want) is not None
                backed += (r is not None and T and f == PROG[T - 1] and want == r.m) or \
                          (an is not None and f == "meta_anual" and want == an.m)
            s += 3.0 if backed else 2.5 if fixes == 1 else -1.0
    elif all(f in assign for f in SUM_FIELDS):
        opts = [([vals[f]] if vals.get(f) is not None else list(assign[f].cands)) for f in SUM_FIELDS]
        if any(abs(c[0] - sum(c[1:])) < 1e-6 for c in itertools.islice(itertools.product(*opts), 500)):
            s += 3
    meta = vals.get("meta_anual")
    if meta is not None and any(vals.get(f) is not None and vals[f] > meta for f in PROG):
        s -= 1.5
    ps = [vals[f] for f in PROG if vals.get(f)]
    if len(ps) >= 3 and min(ps) * 50 < max(ps):
        s -= 1.0  # one quarter orders of magnitude off the others: a stray cell
    if r is not None and T:
        pt, at = assign.get(PROG[T - 1]), assign.get(ALC[T - 1])
        for tok, want in ((pt, r.m), (at, r.n)):
            if tok is None or want is None:
                continue
            if (tok.clean and tok.value == want) or (not tok.clean and want in tok.cands):
                s += 4
            elif misread_reason(tok, want):
                s += 1.5
        x = r.x_fixed if (r.x_fixed is not None and not r.consistent) else r.x
        if x is not None and not r.consistent:
            # the commentary's own N/M disagree with its X%, but the table cell fits it
            if pt is not None and pt.clean and r.n is not None and percent_matches(r.n, pt.value, x, r.x_decimals):
                s += 3
            if at is not None and at.clean and r.m is not None and percent_matches(at.value, r.m, x, r.x_decimals):
                s += 3
        pt_ok = pt is not None and ((pt.clean and pt.value == r.m) or (not pt.clean and r.m in pt.cands))
        for f, t in assign.items():  # the commentary's M printed in another quarter's cell
            if f in PROG and f != PROG[T - 1] and r.m is not None and t.clean and t.value == r.m and not pt_ok \
                    and r.consistent:
                s -= 1.0
    if an is not None and an.m is not None and meta is not None and meta == an.m:
        s += 3
    if an is not None and an.n is not None and T:
        got = [vals.get(f) for f in ALC[:T]]
        if all(g is not None for g in got):
            if sum(got) == an.n:
                s += 2
            else:
                fixable = sum(1 for f in ALC[:T] if misread_reason(assign[f], an.n - (sum(got) - vals[f])) is not None
                              and an.n - (sum(got) - vals[f]) >= 0)
                s += 1 if fixable == 1 else -2
    return s


def assign_tokens(row: RawRow, T: int, r: Reading | None, an: Reading | None) -> tuple[dict[str, NumTok], set[str], float]:
    """Which printed cell is which field. A labeled (geometry) row is taken as labeled;
    an OCR run is matched in order to the fields, cells possibly missing or spurious,
    choosing the reading the checks support best. Fields that differ between equally
    good readings are reported as ambiguous (and left null by the caller)."""
    row.tentative = set()
    if row.slots:
        return dict(row.slots), set(), 0.0
    toks = row.tokens
    slots = slots_for(T)
    if not toks:
        return {}, set(), 0.0
    max_drops = max(0, len(toks) - len(slots)) + 1
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
        sc = _score(assign, dropped, T, r, an) - 0.001 * (("meta_anual" not in assign) + (PROG[0] not in assign))
        scored.append((assign, sc))
        if sc > top + 1e-9:
            top, best = sc, [(assign, sc)]
        elif abs(sc - top) <= 0.0005:
            best.append((assign, sc))
    chosen = best[0][0]
    # The missing-cell prior (an alcanzado cell is a little less likely dropped than a
    # programado one) orders readings but proves nothing: readings it alone separates
    # from the best leave their differing fields undetermined.
    near = best + [(a, sc) for a, sc in scored if top - PRIOR_WINDOW <= sc < top - 0.0005 and len(a) == len(chosen)]
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

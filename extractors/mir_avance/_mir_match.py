"""Reading N, M and X% out of a commentary, and giving each commentary to its row.

Commentaries are often printed apart from the table (a block of 'Meta Trimestral: ...'
paragraphs after a stretch of rows), so they are placed by what they say: their N and M
must be the row's achieved and planned values, their topic words the row's, and they keep
the document's order. Order alone never places a commentary that nothing else supports.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import regex

from ._mir_numbers import NumTok, misread_reason, percent_matches, percent_variants
from ._mir_types import Commentary, RawRow

log = logging.getLogger(__name__)

WORD = regex.compile(r"[a-záéíóúñ]{5,}", regex.I)
COMMON = {"porcentaje", "parcentaje", "trimestral", "programados", "programadas", "total",
          "unidad", "medida", "indicador", "variables", "logra", "meta", "municipal", "municipales"}


@dataclass(frozen=True)
class Reading:
    """One way to read a commentary's numbers: N achieved of M planned, X% stated."""

    n: float | None
    m: float | None
    x: float | None
    x_decimals: int
    consistent: bool  # N/M rounds to X as printed
    x_fixed: float | None = None  # X misread: the single-digit variant N/M does give
    n_tok: NumTok | None = None
    m_tok: NumTok | None = None


def _values(tok: NumTok) -> list[float]:
    return [tok.value] if tok.clean else list(tok.cands)


def readings(c: Commentary) -> list[Reading]:
    """Every (N, M) pair in reading order, best first: pairs N/M = X% as printed, then
    pairs that fit a one-digit misreading of X, then pairs phrased as 'N ... de M'."""
    out: list[tuple[float, Reading]] = []
    x = c.percents[0] if c.percents else None
    nums = c.nums
    for j, mt in enumerate(nums):
        for i in range(j):
            nt = nums[i]
            for nv in _values(nt):
                for mv in _values(mt):
                    score = 0.0
                    cons, fixed = False, None
                    for p in c.percents or []:
                        if percent_matches(nv, mv, p.value, p.decimals):
                            cons, x = True, p
                            break
                    if not cons and c.percents:
                        for var, _ in percent_variants(c.percents[0])[1:]:
                            if percent_matches(nv, mv, var, c.percents[0].decimals):
                                fixed = var
                                break
                    score += 4 if cons else (2.5 if fixed is not None else 0)
                    score += 1 if j in c.m_pref else 0
                    score += 0.5 if i == j - 1 else 0
                    score -= 0.3 * (not nt.clean) + 0.3 * (not mt.clean)
                    xv = c.percents[0] if c.percents else None
                    if cons:
                        xv = x
                    out.append((score, Reading(nv, mv, xv.value if xv else None, xv.decimals if xv else 0,
                                               cons, fixed, nt, mt)))
    if c.zero_n and nums:
        mt = nums[-1]
        for mv in _values(mt):
            out.append((3.0, Reading(0.0, mv, c.percents[0].value if c.percents else None, 0, True, None, None, mt)))
    if not out and c.percents:
        p = c.percents[0]
        out.append((0.0, Reading(None, None, p.value, p.decimals, False)))
    out.sort(key=lambda t: -t[0])
    return [r for _, r in out]


def _stems(text: str) -> set[str]:
    return {w.lower()[:6] for w in WORD.findall(text) if w.lower() not in COMMON}


def compat(c: Commentary, row: RawRow) -> float:
    vals: list[NumTok] = list(row.tokens) + list(row.slots.values())
    values = {v for t in vals for v in _values(t)}
    score = 0.5
    rs = readings(c)
    best_num = 0.0
    for r in rs[:4]:
        s = 0.0
        for want, w in ((r.m, 3.0), (r.n, 3.0)):
            if want is None:
                continue
            if want in values:
                s += w
            elif any(misread_reason(t, want) for t in vals if t.clean):
                s += w / 2
        best_num = max(best_num, s)
    score += best_num
    if not c.nums and c.percents and vals:
        p = c.percents[0]
        clean = [t.value for t in vals if t.clean]
        if any(percent_matches(a, b, p.value, p.decimals) for a in clean[-2:] for b in clean[1:5] if b):
            score += 2.0
    if c.inline and row.first_line - 8 <= c.line <= row.last_line + 3:
        score += 3.0
    a, b = _stems(c.text), _stems(row.text)
    if a and b:
        score += 3.0 * len(a & b) / min(len(a), len(b))
    return score


def align(comments: list[Commentary], rows: list[RawRow], min_score: float = 1.2) -> dict[int, list[Commentary]]:
    """Order-preserving assignment of commentary units (a 'Meta Trimestral' with the
    'Meta Anual' printed next to it) to rows, maximizing the evidence each pairing has."""
    units: list[list[Commentary]] = []
    for c in comments:
        if c.kind == "anual" and units and len(units[-1]) == 1 and units[-1][0].kind == "trimestral" \
                and c.line - units[-1][0].line < 12:
            units[-1].append(c)
        elif c.kind == "trimestral" and units and len(units[-1]) == 1 and units[-1][0].kind == "anual" \
                and c.line - units[-1][0].line < 12:
            units[-1].append(c)
        else:
            units.append([c])
    n, k = len(units), len(rows)
    score = [[sum(compat(c, r) for c in u) / (1 if len(u) == 1 else 1.5) for r in rows] for u in units]
    NEG = float("-inf")
    dp = [[0.0] * (k + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    for i in range(1, n + 1):
        for j in range(1, k + 1):
            opts = [(dp[i - 1][j], (i - 1, j, False)), (dp[i][j - 1], (i, j - 1, False))]
            s = score[i - 1][j - 1]
            if s >= min_score:
                opts.append((dp[i - 1][j - 1] + s, (i - 1, j - 1, True)))
            else:
                opts.append((NEG, (i - 1, j - 1, False)))
            dp[i][j], back[(i, j)] = max(opts, key=lambda t: t[0])
    out: dict[int, list[Commentary]] = {}
    i, j = n, k
    while i > 0 and j > 0:
        pi, pj, match = back[(i, j)]
        if match:
            out[j - 1] = units[i - 1]
        i, j = pi, pj
    place_by_order(units, rows, out)
    left = [u[0].line + 1 for idx, u in enumerate(units) if not any(u is v for v in out.values())]
    if left:
        log.info("commentaries not placed on any row (first lines %s)", left)
    return out


def _contradicts(c: Commentary, row: RawRow) -> bool:
    """The row prints clean numbers, yet neither the commentary's N nor its M is among them."""
    vals = [t for t in [*row.tokens, *row.slots.values()] if t.clean]
    r = readings(c)[0]
    if not vals:
        return False
    return not any(t.value == want or misread_reason(t, want) for t in vals for want in (r.n, r.m) if want is not None)


def place_by_order(units: list[list[Commentary]], rows: list[RawRow], out: dict[int, list[Commentary]]) -> None:
    """Commentary blocks follow row order: between two placed commentaries, unplaced ones
    take the rows without commentary between their rows, one for one and in order, when
    they are as many, each is self-consistent (its N/M gives its X%) and the row's printed
    numbers do not contradict it. Marked ``by_order`` so the record says how it was placed."""
    row_of = {id(u): j for j, u in out.items()}
    placed = [i for i, u in enumerate(units) if id(u) in row_of]
    for a, b in zip([None, *placed], [*placed, None]):
        ua = a + 1 if a is not None else 0
        ub = b if b is not None else len(units)
        if a is None or b is None or ub <= ua:
            continue  # only a gap closed by placed commentaries on both sides
        ra, rb = row_of[id(units[a])], row_of[id(units[b])]
        free = [j for j in range(ra + 1, rb) if j not in out and not rows[j].comments]
        gap = units[ua:ub]
        if len(free) != len(gap):
            continue
        ok = all(len(u) == 1 and u[0].kind == "trimestral" and (rs := readings(u[0])) and rs[0].consistent
                 and rs[0].n is not None and rs[0].m is not None and not _contradicts(u[0], rows[j])
                 for u, j in zip(gap, free))
        if not ok:
            continue
        for u, j in zip(gap, free):
            u[0].by_order = True
            out[j] = u
            log.info("commentary at line %d placed on row %d by document order", u[0].line + 1, j)

"""The weighting a table's final scores follow: stated by the document, or the one every row fits.

Why it matters: the final score *is* the weighted sum of the factors (the seed: 0.7·9.583 +
0.3·9.555 = 9.575 for staff without individual goals), so it confirms every factor read right
and exposes a misread digit. A factor that does not apply is left out and the others carry its
weight, either in proportion or as the document's own second weighting (70/30 without
individual goals), so a weighting is looked for per set of factors a person has.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Sequence

log = logging.getLogger(__name__)

FACTORS = ("ind", "col", "comp")
# weights are whole percents; a grid of 5 is tried first (what documents state), then of 1
GRID_STEPS = (5, 1)
# rows a set of factors needs before a weighting is fitted on it alone: with fewer, any of
# many weightings fits and the fit proves nothing (those rows use the full set's weights)
MIN_FIT_ROWS = 3
# share of a group's rows the fitted weighting must fit (and at least MIN_FIT_ROWS of them): rows
# that break it (a mistyped final, OCR'd digits: a third of the rows on a heavily damaged page)
# are conflicts, not a reason to find no weighting. Lower lets a weighting fitted on chance
# agreement stand; three rows agreeing to the last printed decimal by chance are rare.
FIT_SHARE = 0.5


# the printed factors are rounded too, and bodies compute the final from the unrounded ones
# (seed 003: 0.7·9.444 + 0.3·9.952 = 9.5964, printed 9.597 because 9.444 is 17/18 = 9.4444…):
# the weighted sum may be off by up to half a unit more. More slack lets a misread last digit pass.
FACTOR_ROUNDING = 0.5


def fits(values: dict[str, float], weights: dict[str, float], final: float, decimals: int) -> bool:
    """The final score equals the weighted sum rounded half-up or truncated to its decimals,
    give or take the factors' own rounding."""
    if set(values) != set(weights):
        return False
    raw = sum(values[f] * weights[f] for f in values)
    unit = 10.0**-decimals
    slack = unit * FACTOR_ROUNDING + unit * 1e-3
    half_up = abs(raw - final) <= unit / 2 + slack
    truncated = -slack <= raw - final < unit + slack
    return half_up or truncated


def renormalised(weights: dict[str, float], present: Iterable[str]) -> dict[str, float] | None:
    use = {f: w for f, w in weights.items() if f in set(present)}
    total = sum(use.values())
    if total <= 0 or set(use) != set(present):
        return None
    return {f: w / total for f, w in use.items()}


def _grid(factors: Sequence[str], step: int) -> Iterable[dict[str, float]]:
    """Whole-percent weightings of ``factors`` on a grid of ``step``; on the coarse grid also every
    such weighting of more factors renormalised over these (30-30-40 without individual goals is
    3/7 and 4/7, no whole percent)."""
    if len(factors) == 1:
        yield {factors[0]: 1.0}
        return
    for parts in itertools.product(range(step, 100, step), repeat=len(factors) - 1):
        if sum(parts) < 100:
            yield {f: p / 100 for f, p in zip(factors, (*parts, 100 - sum(parts)))}
    if step == GRID_STEPS[0] and len(factors) < len(FACTORS):
        seen = set()
        for parts in itertools.product(range(step, 100, step), repeat=len(factors)):
            total = sum(parts)
            key = tuple(round(p / total, 9) for p in parts)
            if key not in seen and total < 100:
                seen.add(key)
                yield dict(zip(factors, key))


def fit_weights(rows: list[tuple[dict[str, float], float]], decimals: int) -> dict[str, float] | None:
    """The weighting (whole percents) that fits the most rows of one set of factors, when it fits
    at least FIT_SHARE of them; the coarser grid wins a tie."""
    if len(rows) < MIN_FIT_ROWS:
        return None
    factors = tuple(sorted(rows[0][0]))
    best, best_n = None, 0
    for step in GRID_STEPS:
        for w in _grid(factors, step):
            n = sum(fits(v, w, f, decimals) for v, f in rows)
            if n > best_n:
                best, best_n = w, n
        if best_n == len(rows):
            break
    if best is None or best_n / len(rows) < FIT_SHARE or best_n < MIN_FIT_ROWS:
        return None
    return best


def weighting_for(present: frozenset[str], stated: list[dict[str, float]], fitted: dict) -> dict | None:
    """The weights that apply to a person with the factors ``present``: a stated weighting of
    exactly those factors, else one fitted on the rows with those factors, else the full stated
    or fitted weighting renormalised over them."""
    for w in stated:
        if set(w) == present:
            return w
    if present in fitted and fitted[present] is not None:
        return fitted[present]
    for w in [*stated, *(v for k, v in sorted(fitted.items(), key=lambda kv: -len(kv[0])) if v)]:
        r = renormalised(w, present)
        if r is not None:
            return r
    return None


def describe(weights: dict[str, float]) -> str:
    names = {"ind": "metas individuales", "col": "metas colectivas", "comp": "competencias"}
    return ", ".join(f"{names[f]} {round(w * 100, 1):g}%" for f, w in weights.items())

"""The arithmetic of a score table: factor values, weighting, rounding, levels, printed numbers.

Why this is computed and not drawn at random: a real dictamen's final score *is* the weighted
sum of its factors (the seed: 0.7·9.583 + 0.3·9.555 = 9.575 for staff without individual goals),
and its level follows from bands. An extractor can check both, so the generated tables hold them
exactly — except a named, recorded share of rows that break them, as the seed's own last row
does (10, 10, 9.842 → 9.893 fits no stated weighting).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

D = Decimal
FACTORS = ("ind", "col", "comp")
# goal scores are shares of goals met: k of b goals (or levels) reached, times the scale; these
# denominators give the seed's 9,583 (23/24), 9,444 (17/18) and friends
GOAL_DENOMINATORS = (4, 6, 8, 9, 12, 16, 18, 24)
GOAL_NOISE = 0.7  # s.d., in goals, around ability: spreads goal scores as real tables do
COMP_NOISE = 0.45  # s.d. of a competence score around ability (0–10 scale)
COMP_PERFECT_SHARE = 0.05  # competences of exactly the top score ('10,000'), as in the seed
NUDGE_UNITS = (1, 10, 100)  # a broken final is off by this many units of its last decimal
HIGH_ABILITY = (8.2, 10.0)  # most staff of these services score high (the seed: all Excelente)
LOW_ABILITY = (4.5, 8.2)  # the rest, who give the lower bands something to print


@dataclass(frozen=True)
class Scheme:
    """A weighting: ``full`` weights (percent) of the factors the table has; ``sin_ind`` the
    weights used for staff without individual goals (None: the others renormalised in
    proportion). Any other N/A factor is dropped and the rest renormalised, never counted as 0."""

    name: str
    full: dict[str, int]
    sin_ind: dict[str, int] | None = None

    @property
    def factors(self) -> tuple[str, ...]:
        return tuple(f for f in FACTORS if f in self.full)


SCHEMES = (
    Scheme("40-30-30", {"ind": 40, "col": 30, "comp": 30}, {"col": 70, "comp": 30}),  # the seed's N/A rows
    Scheme("30-30-40", {"ind": 30, "col": 30, "comp": 40}),
    Scheme("50-20-30", {"ind": 50, "col": 20, "comp": 30}, {"col": 60, "comp": 40}),
    Scheme("35-35-30", {"ind": 35, "col": 35, "comp": 30}),
    Scheme("ind60-comp40", {"ind": 60, "comp": 40}),
    Scheme("col70-comp30", {"col": 70, "comp": 30}),
    Scheme("ind50-col50", {"ind": 50, "col": 50}),
)


def weights_for(scheme: Scheme, present: set[str]) -> dict[str, Decimal]:
    """The weights that apply to a person whose non-N/A factors are ``present``."""
    base = scheme.full
    if "ind" in scheme.full and "ind" not in present and scheme.sin_ind is not None:
        base = scheme.sin_ind
    use = {f: D(w) for f, w in base.items() if f in present}
    total = sum(use.values())
    return {f: w / total for f, w in use.items()}


def quantum(decimals: int) -> Decimal:
    return D(1).scaleb(-decimals)


def final_score(values: dict[str, Decimal | None], scheme: Scheme, decimals: int, rounding: str) -> Decimal:
    """The weighted final score, rounded half-up or truncated to the document's decimals."""
    present = {f for f in scheme.factors if values.get(f) is not None}
    if not present:
        raise ValueError("a person needs at least one scored factor")
    w = weights_for(scheme, present)
    raw = sum(values[f] * w[f] for f in present)
    return raw.quantize(quantum(decimals), ROUND_HALF_UP if rounding == "half_up" else ROUND_DOWN)


def level_of(score: Decimal, bands: tuple[tuple[str, float], ...], top: int) -> str:
    """The label of the first band whose lower bound (on 0–10, scaled to ``top``) the score reaches."""
    for label, lower in bands:
        if score >= D(str(lower)) * top / 10:
            return label
    return bands[-1][0]


def goal_score(rng: random.Random, ability: float, top: int, decimals: int) -> Decimal:
    b = rng.choice(GOAL_DENOMINATORS)
    k = min(b, max(0, round(ability / 10 * b + rng.gauss(0, GOAL_NOISE))))
    return (D(k) * top / D(b)).quantize(quantum(decimals), ROUND_HALF_UP)


def competence_score(rng: random.Random, ability: float, top: int, decimals: int) -> Decimal:
    if rng.random() < COMP_PERFECT_SHARE:
        return D(top).quantize(quantum(decimals))
    x = min(10.0, max(3.0, ability + rng.gauss(0, COMP_NOISE)))
    return (D(repr(x)) * top / 10).quantize(quantum(decimals), ROUND_HALF_UP)


@dataclass(frozen=True)
class NaRates:
    """Per-document share of people for whom a factor is N/A (the seed: most have no individual goals)."""

    ind: float
    col: float
    comp: float


def draw_values(
    rng: random.Random, scheme: Scheme, na: NaRates, low_share: float, top: int, decimals: int
) -> dict[str, Decimal | None]:
    """One person's factor scores (None = N/A); at least one factor is always scored."""
    lo, hi = LOW_ABILITY if rng.random() < low_share else HIGH_ABILITY
    ability = rng.uniform(lo, hi)
    out: dict[str, Decimal | None] = {}
    for f in FACTORS:
        if f not in scheme.full:
            out[f] = None
            continue
        is_na = rng.random() < getattr(na, f)
        value = (
            competence_score(rng, ability, top, decimals) if f == "comp" else goal_score(rng, ability, top, decimals)
        )
        out[f] = None if is_na else value
    if all(out[f] is None for f in scheme.factors):  # nobody is printed with no score at all
        keep = "col" if "col" in scheme.full else scheme.factors[-1]
        out[keep] = (
            goal_score(rng, ability, top, decimals) if keep != "comp" else competence_score(rng, ability, top, decimals)
        )
    return out


def format_score(value: Decimal | None, decimals: int, sep: str, na: str) -> str:
    """'9,583' / '9.583' / '95,83'; ``na`` for a factor that does not apply."""
    if value is None:
        return na
    return f"{value:.{decimals}f}".replace(".", sep)


def nudged(value: Decimal, rng: random.Random, decimals: int, top: int) -> Decimal:
    """A printed final that breaks the weighting: off by 1, 10 or 100 units of its last decimal
    (a mistyped digit, a row computed by hand), kept within 0..top and never equal to ``value``."""
    step = quantum(decimals) * rng.choice(NUDGE_UNITS) * rng.choice((-1, 1))
    out = value + step
    if out > top or out < 0:
        out = value - step
    return out

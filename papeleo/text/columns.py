"""A column's number format, decided from the column's own values.

One token rarely shows its format — '9,583' reads as nine thousand or as nine and a half
depending on the column — but a column usually does: one '1,206,528' proves ',' groups
thousands, one '85.5' proves '.' is decimal, and when every value is 'd,ddd' the column's
expected range decides ('9,583' cannot be a 0-10 score with a thousands comma). When the
values do not decide, the format says so (``decimal=None``) and ambiguous tokens read as
ambiguous instead of being guessed.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from .normalize import fold
from .numbers import DIGIT_GROUPS, MISSING_MARKS, SEPARATOR, NumberFormat, _split_sign_and_marks

log = logging.getLogger(__name__)

# A column "always prints d decimals" when at least this share of its values do: a couple
# of cells whose point OCR lost ('200' among '2.00') must not hide the rule, but a column
# mixing integers and decimals must not get one. Lower finds more lost points, and more
# false ones.
FIXED_DECIMALS_SHARE = 0.75
# Fewer values than this say nothing about a fixed number of decimals.
FIXED_DECIMALS_MIN_VALUES = 3


@dataclass(frozen=True)
class FormatInference:
    """The format decided for a column, and why.

    decided: the decimal separator is known (from the values or the range); when False,
    ``format.decimal`` is None.
    evidence: the values that decided it, with what each showed.
    dissent: values that point the other way (OCR damage, or a column that mixes formats).
    """

    format: NumberFormat
    decided: bool
    evidence: tuple[str, ...] = ()
    dissent: tuple[str, ...] = ()


def _vote(body: str) -> tuple[str | None, str]:
    """(decimal separator this token proves, or None; 'ambiguous' for a lone 'd,ddd')."""
    groups = SEPARATOR.split(body)
    seps = [s for s in SEPARATOR.findall(body) if s != " "]
    if not seps:
        return None, ""
    marks = set(seps)
    if len(marks) == 1 and len(seps) >= 2:  # '1,206,528': repeated, so it groups thousands
        return ("." if seps[0] == "," else ","), f"'{body}': '{seps[0]}' repeated groups thousands"
    last, tail = seps[-1], groups[-1]
    if len(tail) % 3:  # '85.5', '129,56', '3.1415': not whole groups of three, so decimal
        return last, f"'{body}': '{last}' then {len(tail)} digit(s) is decimal"
    # 'd,ddd', and damaged readings that prove nothing: '1.216,904' (one separator misread,
    # which one?), '1,206528' (a decimal, or a lost separator)
    return None, "ambiguous"


def _range_vote(bodies: list[str], rng: tuple[float, float]) -> str | None:
    """For lone 'd,ddd' / 'd.ddd' values: the separator is decimal when every value fits the
    range only that way, and groups thousands when every value fits only that way."""
    as_decimal = as_thousands = True
    chars = set()
    lone = [b for b in bodies if len([s for s in SEPARATOR.findall(b) if s != " "]) == 1]
    if not lone:
        return None
    for b in lone:
        sep = next(s for s in SEPARATOR.findall(b) if s != " ")
        chars.add(sep)
        whole = Decimal(b.replace(" ", "").replace(sep, ""))
        point = Decimal(b.replace(" ", "").replace(sep, "."))
        as_thousands &= rng[0] <= whole <= rng[1] and not rng[0] <= point <= rng[1]
        as_decimal &= rng[0] <= point <= rng[1] and not rng[0] <= whole <= rng[1]
    if len(chars) != 1:
        return None
    sep = chars.pop()
    if as_decimal:
        return sep
    if as_thousands:
        return "." if sep == "," else ","
    return None


def _fixed_decimals(bodies: list[str], decimal: str) -> int | None:
    counts = Counter(len(SEPARATOR.split(b)[-1]) if decimal in b else 0 for b in bodies)
    if len(bodies) < FIXED_DECIMALS_MIN_VALUES or not counts:
        return None
    places, n = counts.most_common(1)[0]
    return places if places > 0 and n / len(bodies) >= FIXED_DECIMALS_SHARE else None


# A separator proved decimal by fewer values than this decides nothing against more lone
# 'd,ddd' values it would read otherwise: one OCR-damaged '1,1174' (a digit doubled) among
# thousands printed '7,604', '1,239', '87,075' made a column decimal-comma and read all of them
# as 7.604, 1.239, 87.075 (validation MIR scan 1025, nine values wrong and unflagged). Two
# proofs are rarely both damage; more would leave short real columns ('12,5', '8,75' among
# '9,583' and '10,000' in a score table) undecided when their range cannot decide them.
MIN_PROOFS = 2


def infer_number_format(tokens, expected_range: tuple[float, float] | None = None) -> FormatInference:
    """The format of a column from its values ('N/A' and non-numbers are skipped).

    The separator most values prove decimal wins and the others are reported as dissent;
    with no proof, the expected range decides lone 'd,ddd' values; otherwise undecided."""
    bodies = []
    for t in tokens:
        if fold(t) in MISSING_MARKS:
            continue
        body, _, _ = _split_sign_and_marks(t)
        if DIGIT_GROUPS.match(body):
            bodies.append(body)
    votes: dict[str, list[str]] = {".": [], ",": []}
    ambiguous = []
    for b in bodies:
        dec, why = _vote(b)
        if dec is not None:
            votes[dec].append(why)
        elif why == "ambiguous":
            ambiguous.append(b)
    decimal: str | None = None
    evidence: tuple[str, ...] = ()
    dissent: tuple[str, ...] = ()
    winner = max(votes, key=lambda k: len(votes[k]))
    weak = len(votes[winner]) < MIN_PROOFS and len(ambiguous) > len(votes[winner])
    if len(votes["."]) != len(votes[","]) and not weak:
        decimal = winner
        other = "," if decimal == "." else "."
        evidence, dissent = tuple(votes[decimal]), tuple(votes[other])
    elif not votes["."] and ambiguous and expected_range is not None:
        decimal = _range_vote(ambiguous, expected_range)
        if decimal is not None:
            evidence = (
                f"{len(ambiguous)} value(s) like '{ambiguous[0]}' fit {expected_range} only with "
                f"'{decimal}' as decimal",
            )
    if decimal is None:
        if votes["."]:
            dissent = tuple(votes["."] + votes[","])
        log.debug("column format undecided: %d ambiguous values, votes %s", len(ambiguous), votes)
        return FormatInference(NumberFormat(decimal=None, thousands=",. ", range=expected_range), False, (), dissent)
    thousands = ("," if decimal == "." else ".") + " "
    fmt = NumberFormat(decimal, thousands, expected_range, _fixed_decimals(bodies, decimal))
    return FormatInference(fmt, True, evidence, dissent)

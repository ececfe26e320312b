"""Score tokens → numbers, under each column's own format.

Why per column: '9,583' is 9.583 in a 0–10 score column and '10,000' is a perfect 10, while the
same characters elsewhere group thousands. The shared number layer decides a column's decimal
separator from its own values and the range they must fall in (papeleo.text.columns), and reads
each token under it, naming every repair; a column's range is its scale (0–10 or 0–100), seen
from the values themselves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from papeleo.text.columns import infer_number_format
from papeleo.text.numbers import UNKNOWN, NumberFormat, NumberReading, Status, parse_number

from .tokens import is_na

log = logging.getLogger(__name__)

# the scales score columns are printed on, smallest first; a column takes the smallest that
# holds at least SCALE_SHARE of its plainly readable values
SCALES = (10.0, 100.0)
# share of a column's readable values that must fit a scale: a few damaged readings ('9583'
# for '9,583') must not push a 0–10 column to 0–100, yet a 0–100 column has most values above 10
SCALE_SHARE = 0.6


@dataclass(frozen=True)
class Read:
    """One score as read: its value (None for N/A or unreadable) and what happened."""

    raw: str | None
    value: float | None
    status: str  # clean | repaired | na | unreadable | out_of_range | absent
    note: str = ""
    candidates: tuple[float, ...] = ()


def column_scale(tokens: list[str]) -> float:
    """The scale of a column (10 or 100) from the values that read without doubt."""
    plain = []
    for t in tokens:
        r = parse_number(t, UNKNOWN, ocr_letters=False)
        if r.value is not None:
            plain.append(r.value)
        elif r.candidates:
            plain.append(min(r.candidates))
    for top in SCALES:
        if plain and sum(v <= top for v in plain) / len(plain) >= SCALE_SHARE:
            return top
    return SCALES[-1]


def column_format(tokens: list[str]) -> NumberFormat:
    """The column's format: decimal separator and decimals from its values, range from its scale."""
    top = column_scale(tokens)
    inference = infer_number_format(tokens, (0.0, top))
    fmt = inference.format.with_range(0.0, top)
    if inference.dissent:
        log.debug("score column format %s; dissent %s", fmt, inference.dissent)
    return fmt


def read_score(raw: str | None, fmt: NumberFormat) -> Read:
    if raw is None:
        return Read(None, None, "absent")
    if is_na(raw):
        return Read(raw, None, "na")
    r: NumberReading = parse_number(raw.strip().strip("*"), fmt)
    if r.status is Status.CLEAN:
        return Read(raw, r.value, "clean")
    if r.status is Status.REPAIRED:
        return Read(raw, r.value, "repaired", r.explain(), r.candidates)
    if r.status is Status.OUT_OF_RANGE:
        return Read(raw, None, "out_of_range", r.explain(), r.candidates)
    return Read(raw, None, "unreadable", r.explain() or f"'{raw}' ilegible", r.candidates)

"""A row that printed one number fewer than its format -> the numbers its checks still place.

OCR loses a cell now and then (a heavy scan's '100.00' read as dust, a PbR row with six of its
seven numbers: dev MIR scans 506, 528, 536, 537). Read in order, every number after the lost
one would go one column left; left unread, the row loses all seven. Where the lost cell was
is tried at every place: the places where every check the row can make holds are the
readings the row's arithmetic allows, and a number that lands in the same column in all of
them is placed there — the percentage whose variables agree with it, the result whose
variables are intact. A number whose column changes between such readings is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def placed_around_one_lost(
    items: Sequence[T], slots: int, all_hold: Callable[[list[T | None]], bool]
) -> list[T | None] | None:
    """``items`` (one fewer than ``slots``) in their columns, None where the lost cell may be
    or where the readings the checks allow disagree; None when no place of the lost cell makes
    the row's checks hold (``all_hold`` is False also where no check can be made)."""
    if len(items) != slots - 1:
        return None
    fits = [trial for k in range(slots) if all_hold(trial := [*items[:k], None, *items[k:]])]
    if not fits:
        return None
    return [fits[0][i] if all(f[i] is fits[0][i] for f in fits) else None for i in range(slots)]

"""A report's copies of one head -> each copy completed by the others.

A report prints its head over every page and table, and OCR damages each copy differently: a
label garbled on one page reads cleanly on the next, a label lost outright on one copy stands on
another. A head read by geometry (``head_layout.py``) takes, column by column, the surer reading
of the same column under another copy, and the columns another copy prints where it has none.
``head_copies.py`` does the same for the copies the shared table layer reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from .head_layout import Column, Layout

# how much surer (mean word confidence) another head's label of a column must be for a head read
# by geometry to take its reading: a label read at 0.96 against the same label's garble at
# 0.0-0.3; under 0.2 two fair readings (0.9 and 0.8) of labels that truly differ would swap
LABEL_CONFIDENCE_MARGIN = 0.2
# a head is another copy of this one when at least this share of its columns sit at the same
# place (both edges within a word height): the report's repeated head, whose damage differs from
# page to page. Lower would take columns from a head of another table laid out otherwise
TWIN_SHARE = 0.8
# the kinds of column that hold numbers: a head prints each once
NUMERIC_KINDS = frozenset({"meta", "prog", "alc", "avance", "linea_base", "meta_modificada"})


def layout_with_surer_labels(found: Layout, others: Sequence[Layout], h: float) -> Layout:
    """A report prints one head over every page and table: a column of a head whose label OCR
    read less surely (``LABEL_CONFIDENCE_MARGIN``) than the column at the same place under
    another of the report's heads, and which names another kind or none, takes the surest
    reading ('Clave del ICAdoR' at 0.0 read 'clave' where the first page read 'Clave del
    indicador', the siglas, generated MIR scan 6590; 'anual' with its 'Meta' lost, read as
    'Meta anual' on the last page, validation scan 1023). Only a column with one twin within a
    word height at both edges in a head: a head laid out otherwise has other columns."""
    for col in found.columns:
        twins = [
            t[0]
            for other in others
            if other is not found
            and len(t := [p for p in other.columns if abs(p.x0 - col.x0) <= h and abs(p.x1 - col.x1) <= h]) == 1
            and t[0].kinds
            and t[0].kinds != col.kinds
        ]
        if not twins:
            continue
        twin = max(twins, key=lambda t: t.confidence)
        if twin.confidence >= col.confidence + LABEL_CONFIDENCE_MARGIN or _names_less_than(col, twin, found):
            col.kinds, col.name, col.confidence = twin.kinds, twin.name, twin.confidence
            col.by_order, col.quarter_by_order = twin.by_order, twin.quarter_by_order
    _add_columns_lost_here(found, others, h)
    return found


def _names_less_than(col: Column, twin: Column, found: Layout) -> bool:
    """Whether a column says less than its twin however surely it was read, and the twin's
    reading is no other column's here: it names a kind another column of its head names too (a
    report prints each numeric column once), or a programado / alcanzado with no quarter where
    the twin names the quarter. A copy of the head whose quarter line OCR lost ('T1 T2 T3 T4'
    gone over the second component's table, generated scan 7077) reads its first 'Meta' at 0.96
    as the year's target beside 'Meta anual', and every row's first programado went there."""
    taken = [c.kinds for c in found.columns]
    if twin.kinds in taken:
        return False
    repeated = taken.count(col.kinds) > 1 and any(k[0] in NUMERIC_KINDS for k in col.kinds)
    vague = all(k[0] in ("prog", "alc") and k[1] is None for k in col.kinds) and all(
        k[0] in ("prog", "alc") and k[1] is not None for k in twin.kinds
    )
    return bool(col.kinds) and (repeated or vague)


def _add_columns_lost_here(found: Layout, others: Sequence[Layout], h: float) -> None:
    """A column another of the report's heads prints where this head has none: OCR lost every
    word of its label here ('Meta anual' and '% de cumplimiento' gone from the first page's head,
    read on the second: dev MIR scan 18), and its numbers were read as part of the neighbouring
    column's cells. Taken from a head that is this one (``_is_copy``), named columns first, and
    only where it overlaps no column of this head — or only a column whose label OCR left
    unnamed ('x' where 'T3 Prog.' was printed, 'T4 Prog. Alc.' read as one garbled word over
    two columns: dev scan 66, each component's table under its own copy of the head), which
    the copy's columns there replace."""
    for other in others:
        if other is found or not _is_copy(found, other, h):
            continue
        for col in sorted(other.columns, key=lambda c: (not c.kinds, -c.confidence)):
            if not any(_overlap(c, col) for c in found.columns):
                found.columns.append(replace(col))
        for blank in [c for c in found.columns if not c.kinds]:
            under = [p for p in other.columns if _overlap(p, blank)]
            if (
                under
                and all(p.kinds for p in under)
                and not any(c is not blank and _overlap(c, p) for p in under for c in found.columns)
            ):
                found.columns.remove(blank)
                found.columns += [replace(p) for p in under]
        found.columns.sort(key=lambda c: c.x0)


def _overlap(a: Column, b: Column) -> bool:
    """Whether two columns' labels share some of their width."""
    return a.x0 <= b.x1 and b.x0 <= a.x1


def _is_copy(found: Layout, other: Layout, h: float) -> bool:
    """Whether ``other`` is a copy of this head: ``TWIN_SHARE`` of this head's named columns sit
    at the same place there (both edges within a word height). The columns OCR left unnamed
    here do not count against it: they are what the copy is wanted for."""
    named = [c for c in found.columns if c.kinds]
    twins = sum(1 for c in named if any(abs(p.x0 - c.x0) <= h and abs(p.x1 - c.x1) <= h for p in other.columns))
    return bool(named) and twins >= TWIN_SHARE * len(named)

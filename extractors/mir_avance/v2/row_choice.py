"""A document's chosen reading, with each row in conflict replaced by the same row of another
reading whose checks all hold on values read as printed.

A document is read several ways (the table layer, the head's geometry, reading order, cells one
per line) and the reading whose rows the arithmetic backs most is kept whole. But damage is
local: in a Markdown export whose cells OCR merged on one row ('| … instaladas Tomas |' — the
unit's cell run into the indicator's), the table reading shifts that row's numbers one column
while every other row is right, and reading order, which takes the row's numbers as a run, reads
that row right (new dev block 494, OCR'd text). A row is taken from another reading only when
the chosen one's is in conflict or its checks do not cover its values as read (they hold on
values the solver imputed), the other's checks all hold and cover the row's values
(``row_backing`` 1.0: ``FULLY_BACKED_VALUES`` at least) with the numbers the chosen reading
put on the row (``_same_cells``) and a check that ties a value to its column holds
(``_places_its_columns``), the row's key (code, or acronym) names
one row only in both, and no third reading backs the row as fully with other values.

A row the chosen reading found but read no number of (its key over cells it could not place)
is filled from another reading's row of the same code or acronym on the same evidence
(``rows_emptied_in_chosen``).

A row the chosen reading lost altogether is taken from another reading on the same evidence
(``rows_missing_from_chosen``), when no chosen row has its code, its acronym or, mostly, its
numbers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from .record import add_flags
from .solve import NUMERIC

Record = dict[str, Any]
# the share of the other reading's values that must be among the numbers the chosen reading put
# on the row: the same cells, placed otherwise. Lower lets a reading that paired the key with
# other numbers in; higher refuses rows whose values the chosen reading imputed or lost
SAME_CELLS_SHARE = 0.5
# checks that tie values to their columns: the % against alcanzado / programado of the reported
# quarter, as the table prints it or as the commentary states it (Σ programado = meta holds for
# the quarters in any order; the commentary's % against its own figures names no column)
COLUMN_CHECKS = frozenset({"avance_calculado", "avance_comentario"})


def _key(r: Record) -> tuple[str, str] | None:
    if r.get("clave"):
        return ("clave", str(r["clave"]))
    if r.get("siglas"):
        return ("siglas", str(r["siglas"]))
    return None


def _unique(records: list[Record]) -> dict[tuple[str, str], Record]:
    counts = Counter(k for r in records if (k := _key(r)))
    return {k: r for r in records if (k := _key(r)) and counts[k] == 1}


def _values(r: Record) -> Counter:
    return Counter(r[f] for f in NUMERIC if r.get(f) is not None)


def _same_cells(alt: Record, mine: Record, rest: list[Record]) -> bool:
    """Whether the other reading's row holds the numbers the chosen reading found on this row,
    placed otherwise: at least half of them among this row's, and more than among any other
    row's. A reading that paired a key with another row's numbers backs that row by its checks
    all the same (dev MIR scan 63: a code over the numbers of the row below, every value wrong)."""
    theirs = _values(alt)
    own = sum((theirs & _values(mine)).values())
    elsewhere = max((sum((theirs & _values(o)).values()) for o in rest), default=0)
    return SAME_CELLS_SHARE * sum(theirs.values()) <= own and own > elsewhere


def _places_its_columns(r: Record) -> bool:
    """Whether a check that holds on the row ties a value to its column: Σ programado = meta
    holds for the quarters in any order, so a reading that shifted them one column (6 6 5 4 for
    6 5 4 6, report block 6510 OCR'd text) passes it; the % of the reported quarter, or the
    commentary's figures, do not."""
    held = {str(c).partition("=")[0] for c in r.get("checks") or [] if str(c).endswith("=ok")}
    return bool(held & COLUMN_CHECKS)


def rows_backed_in_other_readings(
    chosen: str,
    records: list[Record],
    others: list[tuple[str, list[Record]]],
    backing: Callable[[Record], float],
    in_conflict: Callable[[Record], bool],
) -> list[Record]:
    """``records`` (the reading ``chosen``), each row in conflict or not backed replaced as the module says,
    with a note naming the reading it came from."""
    mine = _unique(records)
    theirs = [(name, _unique(recs)) for name, recs in others if name != chosen]
    out = []
    for r in records:
        key = _key(r)
        if key is None or mine.get(key) is not r or (not in_conflict(r) and backing(r) >= 1.0):
            out.append(r)
            continue
        backed = [
            (name, alt)
            for name, rows in theirs
            if (alt := rows.get(key)) is not None and not in_conflict(alt) and backing(alt) >= 1.0
        ]
        if not backed or len({tuple(alt.get(f) for f in NUMERIC) for _, alt in backed}) > 1:
            out.append(r)
            continue
        name, alt = backed[0]
        if not _same_cells(alt, r, [o for o in records if o is not r]) or not _places_its_columns(alt):
            out.append(r)
            continue
        why = "no cuadran" if in_conflict(r) else "no cubren sus valores leídos"
        taken = _taken(alt, f"fila tomada de la lectura '{name}': sus comprobaciones cuadran; las de '{chosen}' {why}")
        out.append(taken)
    return out


def rows_missing_from_chosen(
    chosen: str,
    records: list[Record],
    others: list[tuple[str, list[Record]]],
    backing: Callable[[Record], float],
    in_conflict: Callable[[Record], bool],
) -> list[Record]:
    """``records`` with the rows another reading found and the chosen one lost altogether: a
    row whose code and acronym no chosen row has, whose checks all hold and cover its values
    as read (``backing`` 1.0) and tie a value to its column (``_places_its_columns``), and whose
    numbers are not, mostly, those of a chosen row (the same row under a misread key). The table
    reader can lose a whole table while reading the rest of the document best: on a degraded
    scan whose document box stands above the first table, the grid took the box's rules and the
    table's for one table, whose head was then the box's, and the Fin and Propósito rows were
    read by the head's geometry alone (dev MIR scan 542). Each goes in after the row its own
    reading has before it, with a note naming the reading."""
    out = list(records)
    keys = {k for r in records for k in _keys(r)}
    for name, recs in others:
        if name == chosen:
            continue
        for i, alt in enumerate(recs):
            if not _keys(alt) or _keys(alt) & keys or in_conflict(alt) or backing(alt) < 1.0:
                continue
            if not _places_its_columns(alt):
                continue
            if _mostly_numbers_of(alt, out):
                continue
            taken = _taken(alt, f"fila tomada de la lectura '{name}': la lectura '{chosen}' no la encontró")
            before = next((k for o in reversed(recs[:i]) for k in _keys(o) if k in keys), None)
            at = next((j + 1 for j, o in enumerate(out) if before in _keys(o)), 0) if before else 0
            out.insert(at, taken)
            keys |= _keys(alt)
    return out


# a chosen row with at most this many values is empty: its key found, its cells not placed (one
# value is the % its commentary states, read without the table's cells). More is a reading of
# the row's own cells, which ``rows_backed_in_other_readings`` weighs against the other's
MAX_EMPTY_ROW_VALUES = 1


def rows_emptied_in_chosen(
    chosen: str,
    records: list[Record],
    others: list[tuple[str, list[Record]]],
    backing: Callable[[Record], float],
    in_conflict: Callable[[Record], bool],
) -> list[Record]:
    """``records`` with each row that holds its key and no more than MAX_EMPTY_ROW_VALUES values
    replaced by the row of another reading that shares a key with it (code or acronym, one row
    only in each), whose checks all hold and cover its values (``backing`` 1.0), tie a value to
    its column, and whose numbers are not mostly another chosen row's; the chosen row's keys
    are kept where the other lacks them. No third reading may back the row with other values.
    Tesseract's text of a page set the row's cells apart from its key (dev MIR OCR'd text 156,
    page 3: reading order found the eight codes and none of their numbers, the cell-per-line
    reading every number under the acronyms alone)."""
    out = list(records)
    # each other reading with how many of its rows each key names, counted once per reading
    theirs = [(name, recs, Counter(k for o in recs for k in _keys(o))) for name, recs in others if name != chosen]
    mine_counts = Counter(k for r in records for k in _keys(r))
    for i, r in enumerate(records):
        own = _keys(r)
        if not own or any(mine_counts[k] > 1 for k in own) or sum(_values(r).values()) > MAX_EMPTY_ROW_VALUES:
            continue
        found = []
        for name, recs, counts in theirs:
            alts = [o for o in recs if _keys(o) & own]
            if len(alts) == 1 and all(counts[k] == 1 for k in _keys(alts[0])):
                found.append((name, alts[0]))
        backed = [(n, a) for n, a in found if not in_conflict(a) and backing(a) >= 1.0 and _places_its_columns(a)]
        if not backed or len({tuple(a.get(f) for f in NUMERIC) for _, a in backed}) > 1:
            continue
        name, alt = backed[0]
        if _mostly_numbers_of(alt, [o for j, o in enumerate(out) if j != i]):
            continue
        taken = _taken(alt, f"fila tomada de la lectura '{name}': la lectura '{chosen}' no leyó sus números")
        for f in ("clave", "siglas"):
            if not taken.get(f) and r.get(f):
                taken[f] = r[f]
        out[i] = taken
    return out


def _mostly_numbers_of(alt: Record, rows: list[Record]) -> bool:
    """Whether SAME_CELLS_SHARE of another reading's row's numbers are one of ``rows``'s: that
    row under a key OCR read otherwise, not a row of its own."""
    theirs = _values(alt)
    return any(SAME_CELLS_SHARE * sum(theirs.values()) <= sum((theirs & _values(o)).values()) for o in rows)


def _taken(alt: Record, note: str) -> Record:
    """A copy of another reading's row (its lists copied: that reading's records are not
    touched), with the note saying where it came from."""
    taken = {**alt, "checks": list(alt.get("checks") or []), "corrected": list(alt.get("corrected") or [])}
    add_flags(taken, [], note)
    return taken


def _keys(r: Record) -> set[tuple[str, str]]:
    """Every key a row can be known by: its code and its acronym."""
    return {(f, str(r[f])) for f in ("clave", "siglas") if r.get(f)}

"""Doubts on a row read from tesseract's cells one per line (``cell_lines.py``): its numbers
come in an order tesseract chose, so a quarter no check pins is flagged, by name.
"""

from __future__ import annotations

from .align import DOUBTFUL_SUFFIX, FIELDS, row_relations, value_of
from .solve import adds_up, suma_holds
from .table import RowCells


def doubt_constant_only(rc: RowCells) -> None:
    """A row whose Σ holds only as a constant indicator's (every programado printed non-zero equal
    to the meta) while it also prints zeros: the zeros and the targets could sit in any of its
    quarters and the check would still hold. In this reading a row's numbers come in an order
    tesseract chose ('0 100' / '100 0 100'), so its programados are doubted, each by name."""
    values = {f: value_of(t) for f, t in rc.numbers.items()}
    meta, progs = (
        values.get("meta_anual"),
        {f: v for f, v in values.items() if f.startswith("programado_") and v is not None},
    )
    if meta is None or not progs or adds_up(meta, list(progs.values())):
        return
    if 0 in progs.values() and suma_holds({**dict.fromkeys(FIELDS), **values}):
        rc.checks += [f"{f}{DOUBTFUL_SUFFIX}=conflict" for f in sorted(progs)]
        rc.notes.append(
            "Σ programado sólo cuadra como indicador constante: los ceros y las metas pueden ir en otros trimestres"
        )


def doubt_unpinned_quarters(rc: RowCells, T: int) -> None:
    """A row whose numbers tesseract wrote over several lines: it orders those lines as it
    segments the page, not always top to bottom ('109 109 100.00%' / '98 130' / '127 163' /
    '81 78': the fourth quarter first, validation OCR'd text 1025). Σ programado holds whatever
    quarter each programado sits in, so only a check that names a quarter's cell (the % of the
    reported quarter) pins it; every other programado and alcanzado is doubted, by name."""
    pinned = {
        f for name, fields, ok in row_relations(rc.numbers, T, None) if ok and name != "suma_programado" for f in fields
    }
    doubted = sorted(f for f in rc.numbers if f.startswith(("programado_", "alcanzado_")) and f not in pinned)
    flagged = {c.partition("=")[0] for c in rc.checks}
    new = [f for f in doubted if f"{f}{DOUBTFUL_SUFFIX}" not in flagged]
    if new:
        rc.checks += [f"{f}{DOUBTFUL_SUFFIX}=conflict" for f in new]
        rc.notes.append(f"celdas en varias líneas del OCR: ninguna comprobación fija el trimestre de {', '.join(new)}")

"""Programado and alcanzado columns told apart by their order, when OCR lost the labels.

On a shaded head band tesseract can turn 'Meta programada' and 'Alcanzado' into noise
('pnIeAn', 'ns pelar elec') while the quarter labels under them survive: the head still
shows two runs of quarter columns. Every head that prints those labels prints programado
first, so that is the reading tried; the document then tests it — an alcanzado after the
reported quarter is empty by definition — and each row read this way says in
``columnas_por_orden`` whether the order was confirmed (``ok``) or only supposed
(``conflict``: every programado and alcanzado of the row is then flagged).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import regex

from .columns import name_to_labels
from .row_tokens import NUMBERISH
from .table import RowCells

# the check a row read under a head whose programado/alcanzado labels OCR lost carries
ORDER_CHECK = "columnas_por_orden"
_EVIDENCE_NOTE = {
    "ok": "el orden impreso lo confirman los trimestres posteriores al reportado",
    "swap": "los trimestres posteriores al reportado muestran el orden inverso",
    "unknown": "orden supuesto (programado, alcanzado) sin evidencia en el documento",
}


def _quarter(column: Any) -> int | None:
    """The quarter a column's head names (its last quarter label)."""
    return [lb.quarter for lb in name_to_labels(column.name) if lb.kind == "q"][-1]


def quarter_runs(columns: list[Any]) -> list[list[int]]:
    """Runs of neighbouring columns whose head is a quarter label and nothing known beside it;
    a run ends where the quarters start again ('T1 T2 T3 T4 T1 T2 …' is two runs)."""
    runs: list[list[int]] = []
    prev, prev_q = -2, 5
    for i, c in enumerate(columns):
        labels = name_to_labels(c.name)
        if not c.kinds and labels and all(lb.kind == "q" for lb in labels):
            q = _quarter(c) or 0
            if i == prev + 1 and q > prev_q:
                runs[-1].append(i)
            else:
                runs.append([i])
            prev, prev_q = i, q
    return runs


def kinds_by_order(columns: list[Any]) -> None:
    """A head whose group labels OCR lost ('pnIeAn' over 'T1 T2 T3 T4', twice) still has two
    runs of quarter columns: programado then alcanzado, the order every head with those labels
    prints them in. Only as a reading to be tested: ``by_order`` columns are checked against
    the document (``order_evidence``) and their rows say how the order was decided."""
    if quarters_by_order(columns) or any(k[0] in ("prog", "alc") for c in columns for k in c.kinds):
        return
    runs = quarter_runs(columns)
    if len(runs) != 2:
        return
    for kind, run in zip(("prog", "alc"), runs):
        for i in run:
            columns[i].kinds, columns[i].by_order = ((kind, _quarter(columns[i])),), True


# a head's annual target, not a quarter's: 'Meta anual', 'Meta anual programada'
ANNUAL = regex.compile(r"\banual\b", regex.I)
# quarters told by order span at least this many quarters: two (Meta, Alcanzado) pairs or more;
# one pair is no run to number
MIN_ORDERED_QUARTERS = 2


def quarters_by_order(columns: list[Any]) -> bool:
    """A head grouped by quarter whose quarter labels OCR lost ('T1 … T4' over 'Meta Alcanzado'
    on a shaded band, read as '13 LA', 'q'): its 'Meta' and 'Alcanzado' columns still come in
    quarter order, each quarter's 'Meta' first. Numbered that way, as a reading the rows then
    test (``quarter_by_order``): the alcanzado after the reported quarter must be empty. A
    quarter label read for some pairs ('T2' alone, block (b) 6437 scan) must fall where the order
    puts it, and then numbers the others with it. Returns whether it numbered any column."""
    plain = [
        i
        for i, c in enumerate(columns)
        if len(c.kinds) == 1 and c.kinds[0][0] in ("meta", "prog", "alc") and not ANNUAL.search(c.name)
    ]
    if any(q is not None for i, c in enumerate(columns) if i not in plain for _, q in c.kinds):
        return False  # quarters printed on columns of another kind ('T1 Prog.' holding two kinds)
    assigned: list[tuple[int, str, int]] = []
    q, open_quarter = 0, False
    for i in plain:
        kind, known = columns[i].kinds[0]
        if kind in ("meta", "prog"):
            q, open_quarter = q + 1, True
            assigned.append((i, "prog", q))
        elif open_quarter:
            assigned.append((i, "alc", q))
            open_quarter = False
        else:
            return False  # an alcanzado with no target before it: not this layout
        if known is not None and known != q:
            return False  # a printed quarter the order contradicts
    unknown = [(i, kind, quarter) for i, kind, quarter in assigned if columns[i].kinds[0][1] is None]
    if not (MIN_ORDERED_QUARTERS <= q <= 4) or not any(k == "alc" for _, k, _ in assigned) or not unknown:
        return False
    for i, kind, quarter in unknown:
        columns[i].kinds, columns[i].quarter_by_order = ((kind, quarter),), True
    return True


def order_is_uneven(columns: list[Any]) -> bool:
    """Whether the two by-order runs name different quarters ('T1 T2 T3' and 'T1 T2 T3 T4'):
    a label was lost, and a column's values may sit under its neighbour's head, which the
    order cannot tell."""
    runs = {kind: [q for c in columns if c.by_order for k, q in c.kinds if k == kind] for kind in ("prog", "alc")}
    return runs["prog"] != runs["alc"]


def swapped_order(layout: Any) -> Any:
    """The same layout with its by-order programado and alcanzado columns swapped."""
    swap = {"prog": "alc", "alc": "prog"}
    cols = [replace(c, kinds=tuple((swap[k], q) for k, q in c.kinds)) if c.by_order else c for c in layout.columns]
    return replace(layout, columns=cols)


def order_evidence(rows: list[RowCells], T: int | None) -> str:
    """What the rows say of a by-order reading: an alcanzado after the reported quarter is
    empty by definition while its programado is printed, so values under the 'alcanzado' run
    for later quarters, where the 'programado' run is empty, say the runs are the other way
    round ('swap'); the opposite confirms the order ('ok'); no later quarter, no evidence
    ('unknown')."""
    if not T or T >= 4:
        return "unknown"
    later = range(T + 1, 5)
    prog = sum(1 for r in rows for q in later if _printed(r.numbers.get(f"programado_t{q}")))
    alc = sum(1 for r in rows for q in later if _printed(r.numbers.get(f"alcanzado_t{q}")))
    if prog > alc:
        return "ok"
    if alc > prog:
        return "swap"
    return "unknown"


def _printed(token: str | None) -> bool:
    return bool(token) and NUMBERISH.match(token or "") is not None and any(ch.isdigit() for ch in token or "")


def quarter_order_check_and_note(evidence: str) -> tuple[str, str]:
    """The check and the note of a row read under a head whose quarters were told by order: the
    alcanzados after the reported quarter empty confirm it; anything else leaves it supposed."""
    outcome = "ok" if evidence == "ok" else "conflict"
    note = "trimestres tomados del orden de las columnas: etiquetas de trimestre ilegibles; " + (
        "lo confirman los trimestres posteriores al reportado" if outcome == "ok" else "sin evidencia en el documento"
    )
    return f"{ORDER_CHECK}={outcome}", note


def order_check_and_note(evidence: str, uneven: bool) -> tuple[str, str]:
    """The check and the note of a row read under a by-order head."""
    outcome = "conflict" if evidence == "unknown" or uneven else "ok"
    note = "columnas programado/alcanzado: encabezados de grupo ilegibles; " + _EVIDENCE_NOTE[evidence]
    if uneven:
        note += "; falta la etiqueta de un trimestre: un valor puede estar bajo la columna vecina"
    return f"{ORDER_CHECK}={outcome}", note

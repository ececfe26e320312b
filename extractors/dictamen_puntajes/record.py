"""A person's scores as a ``scores`` record, or as a failures row when it cannot be read right.

Analysts see only this row, so what the extractor knows lands in it: repaired values in
``corrected``, each check's outcome in ``checks``, the reasons in ``comentario_extraccion``, a
confidence that falls with every repair and conflict. A value outside its column's range is no
number to write: the whole record goes to ``failures`` with its cells.
"""

from __future__ import annotations

import json
from typing import Any

from papeleo.model import Failure

from .prose import Period
from .solve import Person
from .spellings import clean_cell

FIELDS = {"ind": "metas_individuales", "col": "metas_colectivas", "comp": "competencias", "final": "calificacion_final"}
# confidence starts from the row's OCR word confidence (1 for a text layer) and is multiplied
# by these: a conflict costs more than a repair (a repair is evidence), an unread value most
CONFLICT_FACTOR = 0.8
CORRECTION_FACTOR = 0.92
UNREAD_FACTOR = 0.7
CONFIDENCE_DECIMALS = 3
# the failures row's error kind: a value outside its column's range (papeleo/errors.py)
OUT_OF_RANGE_KIND = "value_out_of_range"


def to_record(p: Person, period: Period | None) -> dict[str, Any]:
    r = p.raw
    rec: dict[str, Any] = {
        "nombre": clean_cell(r.texts.get("nombre")),
        "cargo": clean_cell(r.texts.get("cargo")),
        "entidad": clean_cell(r.texts.get("entidad")),
        **{FIELDS[k]: p.values.get(k) for k in FIELDS},
        "nivel_desempeno": clean_cell(r.nivel),
        "periodo_inicio": period.inicio if period else None,
        "periodo_fin": period.fin if period else None,
        "checks": list(p.checks),
        "corrected": [f"{FIELDS.get(k, k)}:{v}" for k, v in p.corrected.items()],
        "comentario_extraccion": "; ".join(n for n in p.notes if n) or None,
        "page": r.page,
    }
    if r.bbox is not None:
        rec.update(x0=r.bbox.x0, top=r.bbox.top, x1=r.bbox.x1, bottom=r.bbox.bottom)
    conf = r.confidence if r.confidence is not None else 1.0
    conf *= CONFLICT_FACTOR ** sum(c.endswith("=conflict") for c in p.checks)
    conf *= CORRECTION_FACTOR ** len(p.corrected)
    unread = sum(1 for k, rd in p.reads.items() if rd.status in ("unreadable", "absent") and p.values.get(k) is None)
    conf *= UNREAD_FACTOR**unread
    rec["confidence"] = round(max(0.0, min(1.0, conf)), CONFIDENCE_DECIMALS)
    rec["_key"] = f"{rec['nombre']}|{r.page}"
    return rec


def out_of_range_failure(p: Person) -> Failure:
    fields = ", ".join(FIELDS[k] for k in p.out_of_range)
    cells = {
        "nombre": p.raw.texts.get("nombre"),
        "cargo": p.raw.texts.get("cargo"),
        "page": p.raw.page,
        "cells": list(p.raw.cells),
        **{FIELDS[k]: p.reads[k].raw for k in p.reads},
    }
    return Failure(
        "validate",
        OUT_OF_RANGE_KIND,
        f"the score row of {cells['nombre']!r} (page {p.raw.page}) has {fields} outside its column's range "
        f"({'; '.join(p.notes)}); it is not written. Check the row on the page and correct the value by hand.",
        json.dumps(cells, ensure_ascii=False),
    )

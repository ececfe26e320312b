"""MIR quarterly progress reports -> ``indicators`` rows, each number backed by a check.

Analysts chart planned against achieved values straight from this dataset, so a wrong
number costs more than a missing one. The extractor therefore reads the table as well as
the layout allows (column geometry for PDFs, anchors and order for OCR'd text), and then
lets the document's own arithmetic — Σ programado = meta anual, the commentary's N of M =
X%, the 'Meta Anual' running total, Componente = Σ Actividades where that demonstrably
holds — confirm, repair or fill each value. Every repair is listed in ``corrected`` and
explained in ``comentario_extraccion``; every disagreement left standing is a ``conflict``
in ``checks``.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from papeleo.context import Context
from papeleo.model import Document
from papeleo.registry import Extraction, register

from .commentary import align
from .grid import segment_geometry
from .hierarchy import component_checks, repair_codes
from .meta import document_meta, quarter_from_rows
from .record import is_indicator, to_record
from .solve import drop_unproven, solve_row
from .stream import segment
from .types import Solved
from .v2 import extract as _v2  # noqa: F401 (registers mir_avance.v2)

log = logging.getLogger(__name__)

# The family's static declaration (doc types, dataset, classification evidence), which the
# engine reads without importing this package.
SPEC: dict[str, Any] = json.loads(Path(__file__).with_name("spec.json").read_text(encoding="utf-8"))

__all__ = ["SPEC", "extract"]


@register("mir_avance.v1")
def extract(doc: Document, ctx: Context) -> Extraction:
    """Read the table by geometry when the words carry boxes and a header is found, else
    by the OCR'd line stream; then let the checks solve each row."""
    meta = document_meta(doc.text)
    rows, comments = None, []
    got = segment_geometry(doc, meta["ejercicio"])
    if got is not None:
        rows, comments = got
    if rows is None:
        rows, comments = segment(doc, meta["ejercicio"])
    T = meta["trimestre"] or quarter_from_rows(rows)
    placed = align([c for c in comments], [r for r in rows]) if comments else {}
    solved: list[Solved] = []
    for i, row in enumerate(rows):
        own = row.comments or placed.get(i, [])
        solved.append(solve_row(row, T, own))
    repair_codes(solved)
    component_checks(solved)
    drop_unproven(solved)
    records = [to_record(s, meta, T) for s in solved if is_indicator(s)]
    document: dict[str, Any] = {}
    if meta.get("ente"):
        document["emisor"] = meta["ente"]
    log.info("mir_avance: %d rows, %d commentaries, quarter %s", len(records), len(comments), T)
    return Extraction(records=records, document=document)


# mir_avance.v2 (extractors/mir_avance/v2/) registers itself beside v1 and is what the spec runs;
# v1 stays registered for comparison (benchmarks/mir_generated.py --extractor mir_avance.v1).

"""Supervision and audit reports (informes) -> ``findings`` rows.

Analysts follow up what an ombudsman or an audit office found and asked for: which
finding, under which area and visit date, which recommendation to whom. So the extractor
reads the report's structure rather than its words: lines with their layout signals
(``lines``), sections by their headings however numbered or misread (``headings``), items
by their labels or, where OCR lost them, by how lines begin and end (``blocks``), and each
section's rows (``sections`` for ombudsman and commission reports, ``audit`` for an audit
office's results and actions). A report whose sections are found but yield no rows gets a
``no_records`` failure from the pipeline; nothing is guessed.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from papeleo.context import Context
from papeleo.model import BBox, Document
from papeleo.registry import Extraction, register
from papeleo.text.dates import Precision, find_dates

from . import audit
from .blocks import compounds, join_text
from .lines import document_lines
from .sections import (
    Item,
    Section,
    conclusions,
    findings,
    objectives,
    recommendations,
    split_sections,
)

log = logging.getLogger(__name__)

SPEC: dict[str, Any] = json.loads(Path(__file__).with_name("spec.json").read_text(encoding="utf-8"))

__all__ = ["SPEC", "extract"]

# 'con fecha de corte al 8 de junio de 2024': the date a conclusion states its figures at
CORTE = "fecha de corte"


def report_year(lines) -> int | None:
    """The year a visit printed without one takes: the first year-bearing date in the report."""
    for ln in lines:
        for d in find_dates(ln.text):
            if not d.year_inferred and d.precision in (Precision.DAY, Precision.MONTH):
                return d.value.year
    return None


def audited_entity(sections: list[Section]) -> str | None:
    """The audited body: the line under the report's title in the title block."""
    pre = sections[0].lines if sections and sections[0].key == "preambulo" else []
    for k, ln in enumerate(pre[:-1]):
        if "informe" in ln.text.lower():
            nxt = pre[k + 1].text.strip()
            if nxt and not nxt.lower().startswith(("periodo", "cuenta", "informe")):
                return nxt.title() if nxt.isupper() else nxt
    return None


def to_record(it: Item, vocab: set[str]) -> dict[str, Any]:
    lines = it.block.lines
    first_page = [ln for ln in lines if ln.page == lines[0].page]
    box = BBox.union(ln.bbox for ln in first_page)
    conf = sum(ln.conf for ln in lines) / len(lines)
    rec: dict[str, Any] = {
        "seccion": it.seccion,
        "subseccion": it.subseccion,
        "numero": it.numero,
        "texto": join_text(it.texto_lines, vocab),
        "fecha": it.fecha,
        "destinatario": it.destinatario,
        "tipo_observacion": it.extra.get("tipo_observacion"),
        "tipo_accion": it.extra.get("tipo_accion"),
        "importe_observado": it.extra.get("importe_observado"),
        "page": lines[0].page,
        "confidence": round(conf, 4),
    }
    if box is not None:
        rec.update(x0=box.x0, top=box.top, x1=box.x1, bottom=box.bottom)
    return rec


@register("informe_supervision.v1")
def extract(doc: Document, ctx: Context) -> Extraction:
    """Sections by heading, then each section's items (see the module docstring)."""
    lines = document_lines(doc)
    sections = split_sections(lines)
    year = report_year(lines)
    vocab = compounds(lines)
    items: list[Item] = []
    is_audit = audit.is_audit(sections)
    entidad = audited_entity(sections) if is_audit else None
    n_conclusions = 0
    for sec in sections:
        if sec.key == "objetivos":
            items += objectives(sec)
        elif sec.key == "procedimientos":
            items += audit.procedures(sec)
        elif sec.key == "hallazgos":
            items += audit.results(sec, entidad) if is_audit else findings(sec, year)
        elif sec.key == "acciones":
            items += audit.actions(sec, entidad)
        elif sec.key in ("conclusiones", "resumen", "dictamen"):
            got = conclusions(sec, n_conclusions)
            if sec.key != "conclusiones":
                got = _one_paragraph(got)
            for it in got:
                if CORTE in " ".join(it.texto_lines).lower():
                    it.fecha = _corte(it)
            n_conclusions += len(got)
            items += got
        elif sec.key == "recomendaciones":
            items += recommendations(sec)
    records = [to_record(it, vocab) for it in items if it.texto_lines and any(t.strip() for t in it.texto_lines)]
    log.info(
        "informe_supervision: %d sections (%s), %d rows",
        len(sections),
        ", ".join(s.key for s in sections),
        len(records),
    )
    return Extraction(records=records)


def _one_paragraph(items: list[Item]) -> list[Item]:
    """A summary or an opinion is one conclusion, however many lines it runs to."""
    if len(items) <= 1:
        return items
    first = items[0]
    first.texto_lines = [t for it in items for t in it.texto_lines]
    first.block.lines = [ln for it in items for ln in it.block.lines]
    return [first]


def _corte(it: Item):
    text = " ".join(it.texto_lines)
    at = text.lower().find(CORTE)
    found = [d for d in find_dates(text[at:]) if d.precision == Precision.DAY]
    return found[0].value if found else None

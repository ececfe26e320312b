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

import regex

from papeleo.context import Context
from papeleo.model import BBox, Document, Failure
from papeleo.registry import Extraction, register
from papeleo.text.dates import Precision, find_dates
from papeleo.text.normalize import NAME_PARTICLES, fold

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
    usual_case,
)
from .summary import summaries

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


# the report's title block lies within its first pages (a cover, a blank page, the first page)
TITLE_PAGES = 3
# a page number a text layer glued to the line: 'INSTITUTO TECNOLÓGICO ... Página 2 de 45'
PAGE_TAIL = regex.compile(r"\s+p[aá]g(?:ina|\.)?\s*\d+(?:\s*(?:de|/)\s*\d+)?\s*$", regex.I)
# lines after the title that name the period, not the audited body: 'Cuenta Pública 2019'
NOT_ENTITY = ("periodo", "cuenta", "informe", "ejercicio")


def _title_continues(title: str, nxt: str) -> bool:
    """A title broken over lines: 'INFORME DE RESULTADOS DE LA' / 'FISCALIZACIÓN', or
    'INFORME INDIVIDUAL' / 'DE AUDITORÍA' (a line ends or begins with a joining word)."""
    last = fold(title).split()[-1:]
    first = fold(nxt).split()[:1]
    return bool(last and last[0] in NAME_PARTICLES) or bool(first and first[0] in NAME_PARTICLES)


def audited_entity(doc: Document, sections: list[Section]) -> str | None:
    """The audited body: the line under the report's title in the title block.

    Read from the first pages' own lines, not the body lines: a cover's title block repeats
    the running header, so the furniture filter takes it out of the body."""
    raw = [ln.text.strip() for p in doc.pages[:TITLE_PAGES] for ln in p.lines if ln.text.strip()]
    pre = sections[0].lines if sections and sections[0].key == "preambulo" else []
    for texts in ([ln.text.strip() for ln in pre], raw):
        for k, text in enumerate(texts[:-1]):
            if not fold(text).lstrip(' -_."“').startswith("informe"):  # the title, not a sentence naming it
                continue
            while k + 1 < len(texts) and _title_continues(texts[k], texts[k + 1]):
                k += 1
            nxt = PAGE_TAIL.sub("", texts[k + 1]) if k + 1 < len(texts) else ""
            if nxt and not fold(nxt).startswith(NOT_ENTITY) and not find_dates(nxt):
                return usual_case(nxt)
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
        "corrected": [c for c, _ in it.notes if c],
        "checks": list(it.extra.get("checks", [])),
        "comentario_extraccion": "; ".join(why for _, why in it.notes) or None,
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
    tables = summaries(doc) if any(s.key == "hallazgos" for s in sections) else []
    entidad = audited_entity(doc, sections) if is_audit or tables else None
    n_conclusions = 0
    unread: list = []  # header lines of summary tables whose columns could not be read
    for sec in sections:
        if sec.key == "objetivos":
            items += objectives(sec)
        elif sec.key == "procedimientos":
            items += audit.procedures(sec)
        elif sec.key == "hallazgos":
            items += audit.results(sec, entidad) if is_audit else findings(sec, year, tables, entidad, unread)
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
    if is_audit:
        audit.check_summary(items)
    records = [to_record(it, vocab) for it in items if it.texto_lines and any(t.strip() for t in it.texto_lines)]
    log.info(
        "informe_supervision: %d sections (%s), %d rows",
        len(sections),
        ", ".join(s.key for s in sections),
        len(records),
    )
    pages: dict[str, list[int]] = {}  # a header repeated over the pages the table runs to: one failure
    for ln in unread:
        pages.setdefault(ln.text.strip(), []).append(ln.page)
    failures = [
        Failure(
            "extract",
            "summary_table_unread",
            f"page {', '.join(map(str, p))}: a summary table ('{header[:80]}') whose columns could not be told "
            "apart (OCR'd text sets its cells one space apart, or wrote them out of order): its findings and "
            "recommendations are not in the dataset; read them from the document",
            json.dumps({"pages": p, "header": header}, ensure_ascii=False),
        )
        for header, p in pages.items()
    ]
    return Extraction(records=records, failures=failures)


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

"""``generate(seed, out_dir, forms)``: one varied convenio_asm document in up to three forms.

A seed is a document. ``plan(seed)`` draws, from ``random.Random(seed)`` and in a fixed order,
the content (``model``), the layout and reading axes (``axes``) and one sub-seed per form, so
asking for fewer forms never changes the document, its truth or another form's damage. The
text-layer PDF is laid out first (twice, for 'Página X de N'); the truth, the scan and the
OCR'd text are all made from what that layout recorded. See ``README.md`` for the axes.
"""

from __future__ import annotations

import logging
import random
import tempfile
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from .._damage import DamageProfile, render_damaged
from .._generated import FORMS, OCR_TEXT, SCAN_PDF, TEXT_PDF, GeneratedDoc, check_forms, doc_name
from .._layout import layout
from . import dates as D
from . import draw_coneval, draw_convenio
from .axes import Ejes, draw_ejes
from .model import CONVENIO, FICHA, Modelo, draw_modelo
from .text_form import doc_to_blocks
from .truth import build_truth

log = logging.getLogger(__name__)

FAMILY = "convenio_asm"
# what the drawing decided or found, copied into the variant (the rest of ``Doc.info`` is truth)
LAYOUT_INFO = ("titulo_separado", "conteo_impreso", "limite", "inconsistencia", "anexo")


def plan(seed: int) -> tuple[Modelo, Ejes, dict[str, int]]:
    """Everything drawn for ``seed``, before anything is rendered (cheap: for coverage counts)."""
    rng = random.Random(seed)
    m = draw_modelo(rng)
    e = draw_ejes(rng, m.format)
    subs = {"layout": rng.getrandbits(32), "ocr": rng.getrandbits(64), "scan": rng.getrandbits(64)}
    return m, e, subs


def model_variant(m: Modelo) -> dict:
    """The content axes of the model, for grouping a benchmark's failures by cause."""
    fechas = [f.fecha for f in m.filas if f.fecha is not None]
    return {
        "format": m.format,
        "ambito": "municipal" if m.municipio else "estatal",
        "estado": m.estado,
        "fondo": m.sigla,
        "evaluacion": m.evaluacion,
        "n_partes": len(m.partes),
        "n_hallazgos": len(m.hallazgos),
        "n_recomendaciones": len(m.recomendaciones),
        "fecha_kind": m.fecha_kind if m.format != FICHA else None,
        "fecha_kinds": sorted({f.kind for f in fechas}),
        "mayusculas": m.caps,
        "fechas_uniformes": m.uniform_dates,
        "fechas_mezcladas": m.mixed_dates,
        "fechas_ausentes": sum(f.kind == D.AUSENTE for f in fechas),
        "fechas_ilegibles": sum(f.kind == D.ILEGIBLE for f in fechas),
        "actividades_lista": sum(f.actividad.is_list for f in m.filas),
        "monto": m.monto is not None,
    }


def layout_outcomes(d) -> dict:
    """What the layout made of the axes: pages, tables crossing pages, rows cut by a break."""
    crossing = sum(len({p.page for p in t.parts}) > 1 for t in d.tables)
    cut = sum(1 for t in d.tables for p in t.parts if not p.first)
    out = {"pages": d.page, "tablas_cruzan_pagina": crossing, "filas_cortadas": cut}
    out.update({k: d.info[k] for k in LAYOUT_INFO if k in d.info})
    return out


def render_pdf(m: Modelo, e: Ejes, seed: int, path: Path):
    build = draw_convenio.builder if m.format == CONVENIO else draw_coneval.builder
    return layout(build(m, e, seed), path)


def write_ocr_text(d, m: Modelo, e: Ejes, subs: dict, scan_path: Path | None, out: Path) -> dict:
    if e.ocr_path == "real":
        from .._damage.scan import scan_to_ocr_text

        out.write_text(scan_to_ocr_text(scan_path), encoding="utf-8")
        return {"path": "real"}
    rng = random.Random(subs["ocr"])
    blocks = doc_to_blocks(d, e, d.info.get("lema"), rng)
    profile = DamageProfile.draw(rng, e.damage_level)
    text, dlog = render_damaged(blocks, rng, profile)
    if text.count("\f") != d.page - 1:
        raise AssertionError(f"text form has {text.count(chr(12)) + 1} pages, the PDF {d.page}")
    out.write_text(text, encoding="utf-8")
    return {"path": "channel", "style": e.ocr_estilo, "rates": dict(profile.rates), "log": dlog.to_records()}


def write_scan(text_pdf: Path, out: Path, subs: dict, e: Ejes, landscape_doc: bool) -> dict:
    from .._damage.scan import ScanProfile, pdf_to_scan

    rng = random.Random(subs["scan"])
    profile = ScanProfile.draw(rng, e.scan_level)
    record = pdf_to_scan(text_pdf, out, rng, profile, allow_sideways=landscape_doc)
    return asdict(record)


def generate(seed: int, out_dir: Path, forms: Sequence[str] = FORMS) -> GeneratedDoc:
    forms = check_forms(forms)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    m, e, subs = plan(seed)
    doc = GeneratedDoc(FAMILY, seed)
    with tempfile.TemporaryDirectory(prefix="convenio_asm-") as tmp:
        paths = {f: (out_dir if f in forms else Path(tmp)) / doc_name(FAMILY, seed, f) for f in FORMS}
        d = render_pdf(m, e, subs["layout"], paths[TEXT_PDF])
        doc.truth = build_truth(m, d)
        doc.variant = {**model_variant(m), **e.as_variant(), **layout_outcomes(d)}
        need_scan = SCAN_PDF in forms or (OCR_TEXT in forms and e.ocr_path == "real")
        if need_scan:
            landscape_doc = m.format not in (CONVENIO, FICHA)
            doc.damage[SCAN_PDF] = write_scan(paths[TEXT_PDF], paths[SCAN_PDF], subs, e, landscape_doc)
        if OCR_TEXT in forms:
            doc.damage[OCR_TEXT] = write_ocr_text(d, m, e, subs, paths[SCAN_PDF], paths[OCR_TEXT])
        doc.files = {f: paths[f] for f in forms}
    log.debug("convenio_asm seed %d: %s, %d pages", seed, m.format, d.page)
    return doc

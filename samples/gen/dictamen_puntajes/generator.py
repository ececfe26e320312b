"""``generate(seed, out_dir, forms)``: one varied dictamen de puntajes in up to three forms, with its truth.

The spec is drawn first (``spec.draw_spec``), the prose composed from it, the text PDF drawn
(always: the truth's pages come from its layout, so it goes to a temporary file when not asked
for), and the other forms made from that PDF and its record. The scan and the OCR'd text draw
from their own ``random.Random`` streams keyed by the seed, so asking for fewer forms never
changes the ones produced.
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
from .draw import builder
from .prose import compose
from .spec import Spec, draw_spec
from .text_form import text_blocks
from .truth import truth_of

log = logging.getLogger(__name__)
FAMILY = "dictamen_puntajes"


def spec_variant(spec: Spec) -> dict:
    """Every axis the spec drew, flat and JSON-ready, so a benchmark can group failures by cause."""
    fmt, look, cols, p, r = spec.fmt, spec.look, spec.columns, spec.prose, spec.roster
    return {
        "tipo_institucion": spec.inst.kind,
        "proposito": spec.purpose,
        "personas": len(r.rows),
        "ponderacion": spec.scheme.name,
        "ponderacion_declarada": p["weights_stated"],
        "redondeo": fmt.rounding,
        "escala": fmt.top,
        "decimales": fmt.decimals,
        "separador_decimal": fmt.sep,
        "token_na": fmt.na,
        "bandas": spec.bands_name,
        "bandas_declaradas": p["bands_stated"],
        "columna_nivel": spec.nivel_column,
        "columnas": "|".join(cols.keys),
        "encabezado_dos_lineas": cols.grouped,
        "etiquetas": {k: cols.labels[k] for k in cols.keys},
        "orden_filas": p["row_order"],
        "orden_nombre": fmt.name_order,
        "mayusculas_nombre": fmt.name_case,
        "mayusculas_nivel": fmt.nivel_case,
        "reglas": look.rules,
        "encabezado_sombreado": look.header_fill,
        "cebra": look.zebra,
        "alineacion_numeros": look.num_align,
        "tabla_horizontal_sorteada": look.landscape,
        "repite_encabezado": look.repeat_header,
        "tamano_pagina": look.pagesize,
        "estilo_encabezado": look.header_style,
        "estilo_pie": look.footer_style,
        "periodo_tipo": spec.period.kind,
        "periodo_estilo": spec.period.style,
        "periodo_declarado": spec.period.stated,
        "periodo_previo": p["previous_period"],
        "estilo_fecha": p["date_style"],
        "glosario": p["glosario"],
        "tabla_comision": p["commission_table"],
        "tabla_universo": p["universe_table"],
        "monto": p["monto"],
        "clave": spec.clave is not None,
        "titulo_mayusculas": p["title_upper"],
        "leyenda_tabla": p["caption"],
        "nombres_alterados": [
            {"fila": i, "tabla": row.nombre_tabla, "prosa": row.nombre_prosa, **row.garble}
            for i, row in enumerate(r.rows)
            if row.garble
        ],
        "inconsistencias": r.broken,
        "universo": asdict(r.universe),
        "nombrados": r.named,
        "nivel_danio": spec.text.damage_level,
        "nivel_escaneo": spec.text.scan_level,
        "ocr_via": spec.text.ocr_path,
        "ocr_estilo_tabla": spec.text.table_style,
        "ocr_parrafos": spec.text.paragraphs,
    }


def layout_variant(spec: Spec, truth: dict) -> dict:
    """What only the drawing decides: pages, the table's pages, a forced landscape, its print size."""
    pages = sorted({row["page"] for row in truth["scores"]})
    return {
        "paginas": truth["documents"]["pages"],
        "tabla_paginas": pages,
        "tabla_cruza_pagina": len(pages) > 1,
        "tabla_horizontal": spec.extra.get("tabla_horizontal", False),
        "tabla_tamano": spec.extra.get("tabla_tamano"),
        "periodo_previo_en": spec.extra.get("periodo_previo_en"),
    }


def stream(seed: int, what: str) -> random.Random:
    """A random stream of its own for one form, so the forms asked for never change each other."""
    return random.Random(f"{FAMILY}/{seed}/{what}")


def generate(seed: int, out_dir: Path, forms: Sequence[str] = FORMS) -> GeneratedDoc:
    forms = check_forms(forms)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec = draw_spec(seed)
    items, mentions = compose(spec)
    doc = GeneratedDoc(FAMILY, seed, variant=spec_variant(spec))
    with tempfile.TemporaryDirectory(prefix="papeleo-dictamen-") as tmp:
        text_pdf = out_dir / doc_name(FAMILY, seed, TEXT_PDF) if TEXT_PDF in forms else Path(tmp, "texto.pdf")
        drawn = layout(builder(spec, items), text_pdf)
        doc.truth = truth_of(spec, drawn, mentions)
        doc.variant.update(layout_variant(spec, doc.truth))
        if TEXT_PDF in forms:
            doc.files[TEXT_PDF] = text_pdf
        real_ocr = OCR_TEXT in forms and spec.text.ocr_path == "tesseract"
        scan_pdf = out_dir / doc_name(FAMILY, seed, SCAN_PDF) if SCAN_PDF in forms else Path(tmp, "escaneado.pdf")
        if SCAN_PDF in forms or real_ocr:
            from .._damage.scan import ScanProfile, pdf_to_scan  # numpy, pypdfium2: only when scanning

            rng = stream(seed, "scan")
            # only landscape table pages come sideways (as real annexes do); a portrait page never
            sideways = bool(spec.extra.get("tabla_horizontal"))
            profile = ScanProfile.draw(rng, spec.text.scan_level)
            record = pdf_to_scan(text_pdf, scan_pdf, rng, profile, allow_sideways=sideways)
            doc.damage[SCAN_PDF] = {**asdict(record), "sideways": record.sideways}
            if SCAN_PDF in forms:
                doc.files[SCAN_PDF] = scan_pdf
        if OCR_TEXT in forms:
            path = out_dir / doc_name(FAMILY, seed, OCR_TEXT)
            if real_ocr:
                from .._damage.scan import scan_to_ocr_text

                text = scan_to_ocr_text(scan_pdf)
                doc.damage[OCR_TEXT] = {"via": "tesseract", "scan": doc.damage[SCAN_PDF]}
            else:
                rng = stream(seed, "ocr")
                profile = DamageProfile.draw(rng, spec.text.damage_level)
                text, dlog = render_damaged(text_blocks(drawn, spec), rng, profile)
                doc.damage[OCR_TEXT] = {"via": "channel", "rates": dict(profile.rates), "log": dlog.to_records()}
            path.write_text(text, encoding="utf-8")
            doc.files[OCR_TEXT] = path
    log.debug("dictamen_puntajes seed %d: %d pages, %s", seed, doc.truth["documents"]["pages"], ", ".join(forms))
    return doc

"""``generate(seed, out_dir, forms)``: one varied supervision or audit report per seed, in the
requested forms, with its exact truth (see ``gen/_generated.py`` for the contract).

Every axis is drawn from ``random.Random(seed)`` by ``plan_for`` before anything is drawn on a
page — content, layout, and the OCR and scan settings — so the variant is known without
rendering, and the forms stay independent: asking for the OCR'd text alone gives the same
text as asking for all three forms.
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
from . import audit, externa, ombudsman
from .draw import layout_plan
from .frame import weighted
from .model import Plan
from .ocrtext import draw_ocr_axes, ocr_blocks
from .truth import truth_of
from .vocab import STYLE_WEIGHTS, STYLES

log = logging.getLogger(__name__)

FAMILY = "informe_supervision"
# share of documents whose OCR'd-text form is the real path (render → degrade → tesseract)
# instead of the damage channel: it shows what tesseract does that nobody imitated, at 6-7 s
# per page; more would make a benchmark run mostly OCR time
REAL_OCR_SHARE = 0.15
LEVELS, LEVEL_WEIGHTS = ("light", "medium", "heavy"), (0.35, 0.45, 0.2)


def plan_for(seed: int) -> tuple[Plan, dict]:
    """The report's plan and the settings of its scan and OCR'd text, all from the seed."""
    rng = random.Random(seed)
    style = weighted(rng, STYLES, STYLE_WEIGHTS)
    if style == "auditoria":
        plan = audit.build(seed, rng, FAMILY)
    elif style == "auditoria_externa":
        plan = externa.build(seed, rng, FAMILY)
    else:
        plan = ombudsman.build(seed, rng, style, FAMILY)
    # area headings in bold italic (the sample) or bold: drawn here so every body style gets both
    plan.variant["subtitulos_cursiva"] = rng.random() < 0.4
    aux = {
        "scan_seed": rng.getrandbits(64),
        "ocr_seed": rng.getrandbits(64),
        "scan_level": weighted(rng, LEVELS, LEVEL_WEIGHTS),
        "ocr_level": weighted(rng, LEVELS, LEVEL_WEIGHTS),
        "real_ocr": rng.random() < REAL_OCR_SHARE,
        **draw_ocr_axes(rng),
    }
    plan.variant.update({k: v for k, v in aux.items() if not k.endswith("_seed")})
    return plan, aux


def scan_record(record) -> dict:
    return {"profile": asdict(record.profile), "pages": [asdict(p) for p in record.pages]}


def generate(seed: int, out_dir: Path, forms: Sequence[str] = FORMS) -> GeneratedDoc:
    forms = check_forms(forms)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan, aux = plan_for(seed)
    text_path = out_dir / doc_name(FAMILY, seed, TEXT_PDF) if TEXT_PDF in forms else None
    drawn, pdf_bytes = layout_plan(plan, text_path)
    plan.variant.update(paginas=drawn.pages, hyphenations=drawn.hyphenations)
    doc = GeneratedDoc(FAMILY, seed, truth=truth_of(plan, drawn), variant=plan.variant)
    if text_path is not None:
        doc.files[TEXT_PDF] = text_path
    source = text_path if text_path is not None else pdf_bytes
    real_ocr = OCR_TEXT in forms and aux["real_ocr"]
    with tempfile.TemporaryDirectory(prefix="informe-scan-") as tmp:
        scan_path = None
        if SCAN_PDF in forms or real_ocr:
            from .._damage.scan import ScanProfile, pdf_to_scan  # needs pypdfium2 and papeleo

            scan_path = out_dir / doc_name(FAMILY, seed, SCAN_PDF) if SCAN_PDF in forms else Path(tmp, "scan.pdf")
            r = random.Random(aux["scan_seed"])
            record = pdf_to_scan(source, scan_path, r, ScanProfile.draw(r, aux["scan_level"]))
            if SCAN_PDF in forms:
                doc.files[SCAN_PDF] = scan_path
                doc.damage[SCAN_PDF] = scan_record(record)
        if OCR_TEXT in forms:
            ocr_path = out_dir / doc_name(FAMILY, seed, OCR_TEXT)
            if real_ocr:
                from .._damage.scan import scan_to_ocr_text

                text = scan_to_ocr_text(scan_path)
                doc.damage[OCR_TEXT] = {"real_ocr": True}
            else:
                r = random.Random(aux["ocr_seed"])
                blocks = ocr_blocks(drawn, plan.footnotes, plan.variant, r)
                text, dlog = render_damaged(blocks, r, DamageProfile.draw(r, aux["ocr_level"]))
                doc.damage[OCR_TEXT] = dlog.to_records()
            ocr_path.write_text(text, encoding="utf-8")
            doc.files[OCR_TEXT] = ocr_path
    log.debug("%s seed %d: %d page(s), forms %s", FAMILY, seed, drawn.pages, ", ".join(doc.files))
    return doc

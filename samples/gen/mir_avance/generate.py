"""``generate(seed, out_dir, forms)``: one varied mir_avance document in any of its three forms,
with its exact truth (the contract is ``gen/_generated.py``).

A seed draws the format (municipal MIR or one of the three real relatives), everything the
format draws, and how the text form is read (export style, damage level, or the real OCR path).
The forms are written from one layout: the text PDF, its scan, and the OCR'd text built from
what the layout recorded. Each form draws its damage from its own stream (seed + form name),
so asking for fewer forms never changes the bytes of the others.
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
from . import municipal, pbr, poa, sevac
from .common import FAMILY, Plan, distinct, layout_to_bytes
from .record import events_to_blocks

log = logging.getLogger(__name__)

# The municipal report is the family; the three real relatives are a share each so extractors
# meet them without the benchmark being about them.
FORMAT_WEIGHTS = (("municipal", 0.7), ("pbr_estatal", 0.1), ("sevac", 0.1), ("poa", 0.1))
FORMATS = {"municipal": municipal, "pbr_estatal": pbr, "sevac": sevac, "poa": poa}
# How the OCR'd-text exports lay a table out (seed 004 reads across and cell by cell, other
# portals export TSV or Markdown); weights follow how often each was seen.
TEXT_STYLES = (("spaced", 0.3), ("aligned", 0.25), ("cells", 0.15), ("tsv", 0.15), ("markdown", 0.15))
LEVELS = (("light", 0.3), ("medium", 0.45), ("heavy", 0.25))
# share of documents whose OCR'd text is the real path (scan → tesseract) instead of the damage
# channel: it shows what tesseract does that nobody imitated, at ~6 s a page
REAL_OCR_SHARE = 0.1


def choose(rng: random.Random, pairs) -> str:
    return rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]


def plan_document(seed: int) -> Plan:
    """Every axis of the document drawn from ``random.Random(seed)``, nothing laid out yet
    (cheap: the coverage test draws hundreds)."""
    rng = random.Random(seed)
    fmt = choose(rng, FORMAT_WEIGHTS)
    plan = FORMATS[fmt].plan(rng)
    plan.variant.update(
        format=fmt,
        estilo_texto=choose(rng, TEXT_STYLES),
        nivel_dano=choose(rng, LEVELS),
        nivel_escaneo=choose(rng, LEVELS),
        ocr_real=rng.random() < REAL_OCR_SHARE,
    )
    return plan


def form_rng(seed: int, form: str) -> random.Random:
    return random.Random(f"{FAMILY}:{seed}:{form}")


def write_scan(seed: int, plan: Plan, text_pdf: bytes, out: Path) -> dict:
    from .._damage.scan import ScanProfile, pdf_to_scan  # numpy, pypdfium2 and papeleo: only when scanning

    rng = form_rng(seed, SCAN_PDF)
    profile = ScanProfile.draw(rng, plan.variant["nivel_escaneo"])
    record = pdf_to_scan(text_pdf, out, rng, profile, allow_sideways=plan.landscape)
    return asdict(record)


def ocr_text(seed: int, plan: Plan, rec, scan_path: Path | None) -> tuple[str, dict]:
    if plan.variant["ocr_real"]:
        from .._damage.scan import scan_to_ocr_text

        return scan_to_ocr_text(scan_path), {"real_ocr": True}
    rng = form_rng(seed, OCR_TEXT)
    blocks = events_to_blocks(rec, plan.variant["estilo_texto"], plan.running, plan.footer)
    profile = DamageProfile.draw(rng, plan.variant["nivel_dano"])
    text, damage_log = render_damaged(blocks, rng, profile)
    return text, {
        "real_ocr": False,
        "level": profile.level,
        "rates": dict(profile.rates),
        "log": damage_log.to_records(),
    }


def generate(seed: int, out_dir: Path, forms: Sequence[str] = FORMS) -> GeneratedDoc:
    forms = check_forms(forms)
    out_dir = Path(out_dir)
    plan = plan_document(seed)
    pdf, doc = layout_to_bytes(plan.build)
    rec = doc.rec
    truth = {
        "documents": {**plan.documents, "pages": doc.page},
        "indicators": plan.rows(rec),
        "mentions": distinct(m.resolve(rec) for m in plan.mentions),
    }
    gen = GeneratedDoc(FAMILY, seed, truth=truth, variant=dict(plan.variant, paginas=doc.page))
    path = {form: out_dir / doc_name(FAMILY, seed, form) for form in FORMS}
    if TEXT_PDF in forms:
        path[TEXT_PDF].write_bytes(pdf)
        gen.files[TEXT_PDF] = path[TEXT_PDF]
    need_scan = SCAN_PDF in forms or (OCR_TEXT in forms and plan.variant["ocr_real"])
    with tempfile.TemporaryDirectory(prefix="mir-scan-") as tmp:
        scan_path = path[SCAN_PDF] if SCAN_PDF in forms else Path(tmp, "scan.pdf")
        if need_scan:
            gen.damage[SCAN_PDF] = write_scan(seed, plan, pdf, scan_path)
            if SCAN_PDF in forms:
                gen.files[SCAN_PDF] = scan_path
        if OCR_TEXT in forms:
            text, damage = ocr_text(seed, plan, rec, scan_path)
            if text.count("\f") != doc.page - 1:
                raise AssertionError(f"seed {seed}: {text.count(chr(12)) + 1} text pages for {doc.page} PDF pages")
            path[OCR_TEXT].write_text(text, encoding="utf-8")
            gen.files[OCR_TEXT] = path[OCR_TEXT]
            gen.damage[OCR_TEXT] = damage
    log.debug("%s seed %d: %s, %d page(s)", FAMILY, seed, plan.format, doc.page)
    return gen

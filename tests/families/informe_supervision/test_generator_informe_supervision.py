"""samples/gen/informe_supervision: the seeded generator of supervision and audit reports.

These test the generator's drawing, not papeleo: the truth comes from the values the
generator drew, and the checks read its PDFs with pdfplumber (a library papeleo also uses,
but none of papeleo's code). What must hold: a seed is a document (same truth, same bytes);
the variety is there (every value of every drawn axis occurs over seeds 0-199, counted); what
the truth says was printed is in the text layer, on the page the truth names; the document's
own arithmetic and cross-references agree except where the variant says they do not; the
OCR'd text has one page per page; the scan has no text layer. The mention truth against
docs/mentions.md is test_generator_mentions_informe_supervision's.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from datetime import date

import pdfplumber
import pytest

from helpers import SAMPLES

_no_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._damage import STYLES as TABLE_STYLES  # noqa: E402
from gen._generated import OCR_TEXT, SCAN_PDF, TEXT_PDF  # noqa: E402
from gen.informe_supervision import audit, audit_text, externa, findings, frame, generate, ocrtext, ombudsman, plan_for  # noqa: E402
from gen.informe_supervision.draw import layout_plan  # noqa: E402
from gen.informe_supervision.generator import LEVELS  # noqa: E402
from gen.informe_supervision.topics import TOPICS  # noqa: E402
from gen.informe_supervision.vocab import BULLETS, HEADING_NUMBERING, STYLES  # noqa: E402

sys.dont_write_bytecode = _no_bytecode

COVERAGE_SEEDS = range(200)
SUP_SCALE = 0.62  # the toolkit draws footnote marks at this fraction of the body size


@pytest.fixture(scope="module")
def plans() -> dict:
    return {seed: plan_for(seed)[0] for seed in COVERAGE_SEEDS}


def first_seeds(plans: dict, key: str, values, where=lambda v: True) -> dict:
    """The first seed (0-199) whose variant has each value of ``key``."""
    out: dict = {}
    for seed, plan in plans.items():
        value = plan.variant.get(key)
        if value in values and value not in out and where(plan.variant):
            out[value] = seed
    return out


def squeeze(text: str) -> str:
    """Text compared across line breaks: no spaces, no hyphens (hyphenation, wrapped URLs)."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "-").casefold()


def page_texts(pdf_path, body: float) -> list[str]:
    """Each page's text without the footnote marks (superscripts glued to words)."""
    limit = body * SUP_SCALE + 0.2
    with pdfplumber.open(pdf_path) as pdf:
        return [
            p.filter(lambda o: o.get("object_type") != "char" or o["size"] >= limit).extract_text() or ""
            for p in pdf.pages
        ]


def printed_from(text: str, pages: list[str], page: int) -> bool:
    """Is ``text`` (squeezed) printed starting on ``page`` (0-based squeezed page texts),
    continuing on the next pages if it does not end there? The longest prefix found on the
    page is found by bisection (a prefix of a substring is a substring)."""
    if not text:
        return True
    if page >= len(pages):
        return False
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text[:mid] in pages[page]:
            lo = mid
        else:
            hi = mid - 1
    return lo > 0 and printed_from(text[lo:], pages, page + 1)


def plan_rows(plan) -> list[dict]:
    """The records a plan prints (the truth rows without their pages)."""
    rows = []
    for el in plan.els:
        if el.kind == "table":
            rows += [r for records in el.opts["row_truth"] for r in records]
        elif el.row is not None:
            rows.append(el.row)
    return rows


# -- a seed is a document ---------------------------------------------------------------------


def test_same_seed_same_document(tmp_path, plans):
    seed = next(s for s, p in plans.items() if not p.variant["real_ocr"] and p.variant["style"] == "ombudsman_gt")
    a = generate(seed, tmp_path / "a", (TEXT_PDF, OCR_TEXT))
    b = generate(seed, tmp_path / "b", (TEXT_PDF, OCR_TEXT))
    assert a.truth == b.truth and a.variant == b.variant
    assert a.files[TEXT_PDF].read_bytes() == b.files[TEXT_PDF].read_bytes()
    assert a.files[OCR_TEXT].read_text(encoding="utf-8") == b.files[OCR_TEXT].read_text(encoding="utf-8")
    # the forms are independent: the OCR'd text alone is the same text
    c = generate(seed, tmp_path / "c", (OCR_TEXT,))
    assert c.files[OCR_TEXT].read_text(encoding="utf-8") == a.files[OCR_TEXT].read_text(encoding="utf-8")
    assert c.truth == a.truth


# -- the variety ------------------------------------------------------------------------------

OMBUDSMAN_STYLES = ("ombudsman_gt", "ombudsman_hn", "ombudsman_sv", "comision_estatal")
AXES = {
    "style": set(STYLES),
    "page_size": set(frame.PAGE_SIZES),
    "encabezado": set(frame.HEADERS) | {"ninguno"},
    "pie": {f or "ninguno" for f in frame.FOOTERS},
    "cover": {True, False},
    "hyphenated": {True, False},
    "justificado": {True, False},
    "subtitulos_cursiva": {True, False},
    "numeracion_secciones": set(HEADING_NUMBERING),
    "secciones_mayusculas": {True, False},
    "secciones_dos_puntos": {True, False},
    "agrupacion": {"visitas", "visitas_areas", "areas", "ninguna", "procedimientos", "tabla_resumen"},
    "fecha_documento_forma": {"cierre", "elaboracion", "ninguna"},
    "inconsistencia": {None, "visitas_declaradas", "total_no_suma", "conteo_resultados", "porcentaje_no_cuadra"},
    "ocr_estilo": set(ocrtext.OCR_STYLES),
    "ocr_vineta": set(ocrtext.BULLET_READINGS),
    "ocr_marca_separada": {True, False},
    "ocr_tabla": set(TABLE_STYLES),
    "ocr_enlaces": {True, False},
    "ocr_level": set(LEVELS),
    "scan_level": set(LEVELS),
    "real_ocr": {True, False},
}
OMBUDSMAN_AXES = {
    "topic": set(TOPICS),
    "visitas": {0, 1, 2, 3, 4, 5, 6},
    "hallazgos_numeracion": set(findings.NUMBERINGS),
    "vineta": {b or "ninguna" for b in BULLETS},
    "fotos": set(findings.PHOTO_COUNTS),
    "pie_de_foto": {s.strip() or "sin_rotulo" for s in findings.CAPTION_STYLES},
    "objetivos_estilo": {"punto", "parentesis", "letra", "vineta"},
    "conclusiones_estilo": set(ombudsman.CONCLUSION_STYLES),
    "recomendaciones_estilo": set(ombudsman.RECOMMENDATION_STYLES),
    "destinatarios": {0, 1, 2, 3},
    "addressee_upper": {True, False},
    "encabezado_partido": {None, "hallazgos", "conclusiones", "recomendaciones"},
    "titulo_mayusculas": {True, False},
}
AUDIT_AXES = {"acciones": set(audit.ACTION_LAYOUTS), "personal": {True, False}, "redaccion": {True, False}}
AUDIT_AXES["topic"] = {sector for _, sector in audit_text.ENTIDADES}
EXTERNA_AXES = {"topic": {s["key"] for s in externa.SUBJECTS}, "tabla_con_observacion": {1, 2}}


@pytest.mark.parametrize(
    "styles,axes",
    [
        (STYLES, AXES),
        (OMBUDSMAN_STYLES, OMBUDSMAN_AXES),
        (("auditoria",), AUDIT_AXES),
        (("auditoria_externa",), EXTERNA_AXES),
    ],
    ids=["all", "ombudsman", "auditoria", "auditoria_externa"],
)
def test_every_axis_value_occurs(plans, styles, axes):
    variants = [p.variant for p in plans.values() if p.variant["style"] in styles]
    missing = {}
    for axis, expected in axes.items():
        seen = Counter(v.get(axis) for v in variants)
        if expected - set(seen):
            missing[axis] = sorted(map(str, expected - set(seen)))
    assert not missing, f"values never drawn over seeds 0-199: {missing}"


def test_counted_features_occur(plans):
    """Features counted per document: each happens in some document and not in all."""
    ombud = [p.variant for p in plans.values() if p.variant["style"] in OMBUDSMAN_STYLES]
    for key in ("sin_anio", "seguimientos", "introducciones", "notas_al_pie", "objetivos_especificos"):
        counts = Counter(bool(v[key]) for v in ombud)
        assert counts[True] and counts[False], (key, counts)
    sections = Counter(s for v in ombud for s in v["optional_sections"])
    assert set(sections) == {"justificacion", "marco", "metodologia"}
    external = [p.variant for p in plans.values() if p.variant["style"] == "auditoria_externa"]
    assert {v["detalle"] for v in external} == {True, False}  # what was reviewed, before the observations
    docs = [p.documents for p in plans.values()]
    assert {d["clave_documento"] is None for d in docs} == {True, False}
    assert {d["fecha_documento"] is None for d in docs} == {True, False}


# -- the document's own arithmetic and cross-references --------------------------------------


def test_summaries_add_up_unless_the_variant_says_not(plans):
    for seed, plan in plans.items():
        v, rows = plan.variant, plan_rows(plan)
        if v["style"] == "auditoria":
            results = [r for r in rows if r["seccion"] == "hallazgo"]
            summary = next(r for r in rows if r["seccion"] == "conclusion" and r["numero"] == 1)
            amounts = round(sum(r["importe_observado"] or 0 for r in results), 2)
            con = sum(r["tipo_observacion"] == "con observación" for r in results)
            adds_up = summary["probables_recuperaciones"] == amounts and summary["resultados_con_observacion"] == con
            assert summary["resultados_total"] == len(results), seed
            assert adds_up == (v["inconsistencia"] is None), (seed, v["inconsistencia"], summary, amounts, con)
            assert summary["pliegos_de_observaciones"] == sum(r["importe_observado"] is not None for r in results)
        elif v["style"] == "auditoria_externa":
            obs = {r["numero"]: r["texto"] for r in rows if (r["subseccion"] or "").endswith("Observaciones")}
            k = int(re.search(r"total de (\d+) expedientes", obs[1]).group(1))
            p1, p2 = (float(x) for x in re.findall(r"(\d+\.\d\d)%", obs[2]))
            total = int(
                re.search(
                    r"es de (\d+) ", next(r["texto"] for r in rows if r["seccion"] == "conclusion" and r["numero"] == 2)
                ).group(1)
            )
            assert round(p1 + p2, 2) == 100.0, seed
            assert (p2 == round(100 * k / total, 2)) == (v["inconsistencia"] is None), (seed, k, total, p2)
        elif v.get("visitas_declaradas") is not None and v["agrupacion"].startswith("visitas"):
            visits = {r["fecha"] for r in rows if r["seccion"] == "hallazgo"}
            assert (len(visits) == v["visitas_declaradas"]) == (v["inconsistencia"] is None), seed


def test_findings_dates_and_addressees(plans):
    for seed, plan in plans.items():
        rows = plan_rows(plan)
        fechas = [r["fecha"] for r in rows if r["seccion"] == "hallazgo" and r["fecha"]]
        assert fechas == sorted(fechas), seed  # visits in order, each finding dated by the visit above it
        if fechas and plan.documents["fecha_documento"]:
            doc_date = date.fromisoformat(plan.documents["fecha_documento"])
            assert all(date.fromisoformat(f).year == doc_date.year and f <= doc_date.isoformat() for f in fechas)
        for r in rows:
            assert set(r) >= {"seccion", "subseccion", "numero", "texto", "fecha", "destinatario"}
            assert r["seccion"] in (
                "objetivo_general",
                "objetivo_especifico",
                "hallazgo",
                "conclusion",
                "recomendacion",
            )
            assert "^" not in r["texto"] and "**" not in r["texto"]
            if r["destinatario"]:
                assert r["seccion"] == "recomendacion" and not re.match(r"(Al|A la|A los) ", r["destinatario"])
        assert plan.documents["emisor"]
        assert plan.documents["emisor"] not in {r["destinatario"] for r in rows}, seed


# -- what the truth says was printed is in the text layer, on its page ------------------------


def test_sub_headings_in_the_truth_as_printed(plans):
    """Every row under a sub-heading names it as the plan prints it, capitals included (a
    summary table's 'RESUMEN DE HALLAZGOS ...' printed in capitals is no 'Resumen de ...')."""
    checked = 0
    for seed, plan in plans.items():
        sub = None
        for el in plan.els:
            if el.kind == "subheading":
                sub = el.text.rstrip(":")
            elif el.kind == "heading":
                sub = None
            rows = [el.row] if el.row else [r for group in el.opts.get("row_truth", []) for r in group]
            for r in rows:
                if r.get("subseccion") and el.kind == "table":
                    assert r["subseccion"] == sub, (seed, r["subseccion"], sub)
                    checked += 1
    assert checked


def style_seeds(plans) -> list[int]:
    by_style = first_seeds(plans, "style", STYLES)
    by_grouping = first_seeds(plans, "agrupacion", {"visitas", "visitas_areas", "areas", "ninguna"})
    chosen = set(by_style.values()) | set(by_grouping.values())
    for axis in ("recomendaciones_estilo", "encabezado", "page_size", "acciones", "hallazgos_numeracion"):
        chosen |= set(first_seeds(plans, axis, AXES.get(axis) or OMBUDSMAN_AXES.get(axis) or AUDIT_AXES[axis]).values())
    chosen |= set(first_seeds(plans, "cover", {True}).values()) | set(first_seeds(plans, "fotos", {3}).values())
    return sorted(chosen)


def test_text_layer_holds_the_truth_on_its_pages(tmp_path, plans):
    for seed in style_seeds(plans):
        doc = generate(seed, tmp_path, (TEXT_PDF,))
        pages = page_texts(doc.files[TEXT_PDF], plans[seed].page.body)
        truth = doc.truth
        assert len(pages) == truth["documents"]["pages"]
        whole = squeeze("".join(pages))
        squeezed = [squeeze(p) for p in pages]
        words = [set(re.findall(r"\w+", p.casefold())) for p in pages]
        texts = Counter(r["texto"] for r in truth["findings"])
        as_printed = "".join("".join(pages).split())
        for r in truth["findings"]:
            where = f"seed {seed} {r['seccion']} {r['numero']} page {r['page']}"
            if r["subseccion"]:  # a sub-heading as printed, in its case (capitals stay capitals)
                assert "".join(r["subseccion"].split()) in as_printed, (where, r["subseccion"])
            if "aspecto_a_evaluar" in r:  # a table row: its cells are read across, line by line
                assert set(re.findall(r"\w+", r["texto"].casefold())) <= words[r["page"] - 1], where
                continue
            # the whole text, starting on the page the truth names (and not on an earlier page)
            assert printed_from(squeeze(r["texto"]), squeezed, r["page"] - 1), where
            if texts[r["texto"]] == 1:  # audit boilerplate (a recommendation) may be printed twice
                assert r["page"] == 1 or squeeze(r["texto"]) not in squeezed[r["page"] - 2], where
            for key in ("subseccion", "destinatario"):
                if r[key]:
                    assert squeeze(r[key]) in whole, (where, key)
        d = truth["documents"]
        for value in [d["emisor"], d["clave_documento"], *re.split(r": |\. ", d["titulo"])]:
            if value:
                assert squeeze(value) in whole, (seed, value)
        # a table cell wraps on its own: its lines are interleaved with the next cells' in the page text
        cells = [
            squeeze(c) for el in plans[seed].els if el.kind == "table" for r in el.opts["rows"] for c in r.values()
        ]
        for m in truth["mentions"]:
            if any(squeeze(m["texto"]) in c for c in cells) and not printed_from(
                squeeze(m["texto"]), squeezed, m["page"] - 1
            ):
                assert set(re.findall(r"\w+", m["texto"].casefold())) <= words[m["page"] - 1], (seed, m)
                continue
            assert printed_from(squeeze(m["texto"]), squeezed, m["page"] - 1), (seed, m)
            if m["tipo"] == "url":
                assert m["valor"] == m["texto"] and squeeze(m["valor"]) in whole


# -- the other forms --------------------------------------------------------------------------


def test_ocr_text_has_one_page_per_page(tmp_path, plans):
    chosen = first_seeds(plans, "ocr_estilo", set(ocrtext.OCR_STYLES), where=lambda v: not v["real_ocr"])
    for style, seed in chosen.items():
        doc = generate(seed, tmp_path, (OCR_TEXT,))
        text = doc.files[OCR_TEXT].read_text(encoding="utf-8")
        assert text.count("\f") + 1 == doc.truth["documents"]["pages"], (style, seed)
        assert isinstance(doc.damage[OCR_TEXT], list)


def test_seed_style_export_loses_bullets(tmp_path, plans):
    """The seed's export: a bulleted finding read without its glyph starts with one space."""
    seed = next(
        s
        for s, p in plans.items()
        if p.variant["ocr_estilo"] == "seed000"
        and p.variant["ocr_vineta"] == "perdida"
        and not p.variant["real_ocr"]
        and p.variant.get("hallazgos_numeracion") == "vinetas"
        and p.variant.get("vineta") not in (None, "ninguna")
    )
    text = generate(seed, tmp_path, (OCR_TEXT,)).files[OCR_TEXT].read_text(encoding="utf-8")
    assert re.search(r"^ \S", text, re.M)
    assert "\n\n" in text  # a blank line after every line


def test_scan_is_image_only(tmp_path, plans):
    seed = min(first_seeds(plans, "scan_level", {"medium"}).values())
    doc = generate(seed, tmp_path, (SCAN_PDF,))
    with pdfplumber.open(doc.files[SCAN_PDF]) as pdf:
        assert len(pdf.pages) == doc.truth["documents"]["pages"]
        for page in pdf.pages:
            assert not page.chars and page.images
    assert doc.damage[SCAN_PDF]["profile"]["level"] == "medium"


@pytest.mark.ocr
def test_real_ocr_path_reads_a_small_document(tmp_path, plans):
    """The real path for a share of documents: tesseract through papeleo's reader."""
    seed = next(s for s, p in plans.items() if p.variant["real_ocr"] and layout_plan(p, None)[0].pages <= 2)
    doc = generate(seed, tmp_path, (OCR_TEXT,))
    text = doc.files[OCR_TEXT].read_text(encoding="utf-8")
    assert doc.damage[OCR_TEXT] == {"real_ocr": True}
    assert text.count("\f") + 1 == doc.truth["documents"]["pages"]
    first = doc.truth["findings"][0]["texto"].casefold().split()
    assert sum(w in text.casefold() for w in first) >= len(first) // 2  # most words of the first record read

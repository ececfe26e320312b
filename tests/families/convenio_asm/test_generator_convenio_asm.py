"""The seeded convenio_asm generator (samples/gen/convenio_asm): does it draw what it says?

These test the generator, never papeleo: the truth is checked against the values the
generator drew and against what its own forms contain (the text layer read by pdfplumber, the
clean text form), so a wrong page, a truth value never printed or an axis value never drawn
fails here before it can mislead a benchmark.
"""

from __future__ import annotations

import logging
import random
import re
import sys
from collections import Counter

import pdfplumber
import pytest

from helpers import SAMPLES

log = logging.getLogger(__name__)

_old = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # `papeleo ingest samples` walks samples/: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._damage import render_plain  # noqa: E402
from gen._generated import OCR_TEXT, SCAN_PDF, TEXT_PDF  # noqa: E402
from gen.convenio_asm import dates as D  # noqa: E402
from gen.convenio_asm import generate  # noqa: E402
from gen.convenio_asm.axes import AXES  # noqa: E402
from gen.convenio_asm.generate import layout_outcomes, plan, render_pdf  # noqa: E402
from gen.convenio_asm.model import FICHA, FORMATS, N_HALLAZGOS  # noqa: E402
from gen.convenio_asm.text_form import doc_to_blocks  # noqa: E402
from gen.convenio_asm.vocab_parties import FONDOS  # noqa: E402

sys.dont_write_bytecode = _old

COVERAGE_SEEDS = range(0, 200)
# rendered to PDF for the text-layer and layout checks: ~0.05 s each to draw, ~0.6 s to read back
RENDERED_SEEDS = range(0, 24)
MARKERS = {"•", "-", "–", "a)", "b)", "c)", "d)", "e)", "f)"}
# what the rendered seeds may lack, for the mention checks: the first later seed that prints it
MENTION_FEATURES = {
    "motto naming a constitution": lambda m, e: e.lema and "Constitución" in m.lema,
    "body named in a finding": lambda m, e: any("Tesorería" in f.texto for f in m.filas),
    "range naming two dates": lambda m, e: any(f.fecha is not None and len(f.fecha.extremos) == 2 for f in m.filas),
    "municipal agreement": lambda m, e: m.municipio is not None,
    "sheets with a cover letter": lambda m, e: m.format == FICHA and e.oficio,
    "one recommendation": lambda m, e: len(m.recomendaciones) == 1,
}


PUNCT = ".,;:()“”*\"'"


def tokens(text: str) -> Counter:
    """Words without the punctuation glued to them ('Hacendaria,' prints 'Hacendaria')."""
    return Counter(t for t in (w.strip(PUNCT) for w in text.split()) if t)


def row_tokens(row: dict, numero: bool = True) -> Counter:
    """Every word the row's truth says was printed in its boxes (a label/value sheet prints its
    number in the 'Aspecto No. 1.' heading above the box: ``numero=False``)."""
    parts = [str(row["numero"])] if numero else []
    parts += [row["texto"], *row["actividad_comprometida"].split("; ")]
    if row.get("fecha_texto"):
        parts.append(row["fecha_texto"])
    for extra in ("area_responsable", "resultados_esperados", "area_coordinadora"):
        if row.get(extra):
            parts.append(row[extra])
    if row.get("evidencias"):
        parts += row["evidencias"].split("; ")
    return tokens(" ".join(parts))


def missing(want: Counter, have: Counter) -> Counter:
    return want - have


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """seed → GeneratedDoc for the rendered seeds, text form only."""
    out = tmp_path_factory.mktemp("convenio_asm")
    return {s: generate(s, out, (TEXT_PDF,)) for s in RENDERED_SEEDS}


def read_words(path) -> dict[int, list[dict]]:
    with pdfplumber.open(path) as pdf:
        return {i + 1: p.extract_words() for i, p in enumerate(pdf.pages)}


@pytest.fixture(scope="module")
def layer_words(rendered):
    """seed → page number → the text layer's words (pdfplumber), read once for every test."""
    return {seed: read_words(doc.files[TEXT_PDF]) for seed, doc in rendered.items()}


@pytest.fixture(scope="module")
def mention_docs(rendered, layer_words, tmp_path_factory):
    """seed → (GeneratedDoc, words per page): the rendered seeds and, for each of
    ``MENTION_FEATURES`` they lack, the first later seed that has it."""
    out = {s: (doc, layer_words[s]) for s, doc in rendered.items()}
    tmp = tmp_path_factory.mktemp("convenio_asm_mentions")
    for name, has in MENTION_FEATURES.items():
        seed = next(s for s in range(400) if has(*plan(s)[:2]))
        if seed not in out:
            doc = generate(seed, tmp, (TEXT_PDF,))
            out[seed] = (doc, read_words(doc.files[TEXT_PDF]))
        log.info("%s: seed %d", name, seed)
    return out


def words_in(words: list[dict], box) -> list[str]:
    """Words whose centre lies inside ``box`` (x0, top, x1, bottom)."""
    x0, top, x1, bottom = box
    return [
        w["text"]
        for w in words
        if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom
    ]


def test_same_seed_same_document(tmp_path):
    a = generate(3, tmp_path / "a", (TEXT_PDF,))
    b = generate(3, tmp_path / "b", (TEXT_PDF,))
    assert a.truth == b.truth and a.variant == b.variant
    assert a.files[TEXT_PDF].read_bytes() == b.files[TEXT_PDF].read_bytes()
    c = generate(4, tmp_path / "c", (TEXT_PDF,))
    assert c.truth != a.truth


def test_fewer_forms_same_truth(tmp_path):
    """Asking for another form never changes the document: sub-seeds are drawn up front."""
    seed = next(s for s in range(50) if plan(s)[1].ocr_path == "channel")
    a = generate(seed, tmp_path / "a", (TEXT_PDF,))
    b = generate(seed, tmp_path / "b", (OCR_TEXT,))
    c = generate(seed, tmp_path / "c", (OCR_TEXT,))
    assert a.truth == b.truth
    assert b.files[OCR_TEXT].read_text(encoding="utf-8") == c.files[OCR_TEXT].read_text(encoding="utf-8")
    assert set(b.files) == {OCR_TEXT} and not (tmp_path / "b" / a.files[TEXT_PDF].name).exists()


def test_every_axis_value_occurs():
    """Counted over seeds 0–199 from the drawn plan: every value of every axis, every format, fund,
    date kind and capitalisation, absent and unreadable dates, both ends of the findings range."""
    seen: dict[str, Counter] = {name: Counter() for name in AXES}
    content: dict[str, Counter] = {k: Counter() for k in ("format", "fondo", "kind", "caps", "n_h", "n_r", "ambito")}
    lists = 0
    for seed in COVERAGE_SEEDS:
        m, e, _ = plan(seed)
        v = e.as_variant()
        for name in AXES:
            seen[name][v[name]] += 1
        content["format"][m.format] += 1
        content["fondo"][m.sigla] += 1
        content["caps"][m.caps] += 1
        content["ambito"]["municipal" if m.municipio else "estatal"] += 1
        content["kind"].update(f.fecha.kind for f in m.filas if f.fecha is not None)
        if m.format == "convenio":
            content["n_h"][len(m.hallazgos)] += 1
            content["n_r"][len(m.recomendaciones)] += 1
        lists += sum(f.actividad.is_list for f in m.filas)
    absent = {name: [v for v in values if not seen[name][v]] for name, values in AXES.items()}
    assert not {k: v for k, v in absent.items() if v}, absent
    assert set(content["format"]) == set(FORMATS)
    assert set(content["fondo"]) == {f["sigla"] for f in FONDOS}
    assert set(content["kind"]) == set(D.KINDS) | {D.AUSENTE, D.ILEGIBLE}
    assert set(content["caps"]) == set(D.CAPS)
    assert set(content["ambito"]) == {"estatal", "municipal"}
    assert {N_HALLAZGOS[0], N_HALLAZGOS[1]} <= set(content["n_h"]) and {0, 6} <= set(content["n_r"])
    assert lists > 0
    log.info("axis counts: %s", {k: dict(v) for k, v in seen.items()})


def test_layout_outcomes_occur(tmp_path):
    """Over seeds 0–99 drawn (not read back): tables cross pages, rows are cut by a page break,
    every format takes one and several pages, and every inconsistency is printed."""
    seen = Counter()
    for seed in range(100):
        m, e, subs = plan(seed)
        o = layout_outcomes(render_pdf(m, e, subs["layout"], tmp_path / "x.pdf"))
        seen["cruza"] += o["tablas_cruzan_pagina"] > 0
        seen["cortada"] += o["filas_cortadas"] > 0
        seen[o.get("inconsistencia", e.inconsistencia)] += 1
        seen[(m.format, "varias" if o["pages"] > 1 else "una")] += 1
    assert seen["cruza"] and seen["cortada"], seen
    assert all(seen[k] for k in ("conteo", "limite", "anexo_f")), seen
    assert all(seen[(f, "varias")] for f in FORMATS), seen


def test_text_layer_holds_every_row(rendered, layer_words):
    """Each row's truth words are printed inside the boxes the truth gives it, and its first
    words on its first page: pages and boxes are where the drawing put them."""
    for seed, doc in rendered.items():
        pages = layer_words[seed]
        assert len(pages) == doc.truth["documents"]["pages"] == doc.variant["pages"]
        for row in doc.truth["commitments"]:
            have = Counter()
            for page, *box in row["boxes"]:
                words = words_in(pages[page], box)
                have.update(tokens(" ".join(words)))
                if page == row["page"]:
                    first = row["texto"].split()[0]
                    assert first in words, (seed, row["tipo"], row["numero"], first)
            assert row["page"] == row["boxes"][0][0]
            lost = missing(row_tokens(row, doc.variant["format"] != FICHA), have)
            assert not lost, (seed, row["tipo"], row["numero"], dict(lost))


def test_rows_follow_each_other(rendered):
    """Within a table, a later row never starts on an earlier page, and numbering is 1..n."""
    for seed, doc in rendered.items():
        for tipo in ("hallazgo", "recomendacion"):
            rows = [r for r in doc.truth["commitments"] if r["tipo"] == tipo]
            assert [r["numero"] for r in rows] == list(range(1, len(rows) + 1)), seed
            assert [r["page"] for r in rows] == sorted(r["page"] for r in rows), seed


def test_mentions_are_printed_on_their_page(mention_docs):
    """A mention's first word is on its page; a mention a page break cuts ('ocho (8)' | 'hallazgos')
    goes on at the top of the next."""
    for seed, (doc, pages) in mention_docs.items():
        words = {n: tokens(" ".join(w["text"] for w in ws)) for n, ws in pages.items()}
        for mn in doc.truth["mentions"]:
            page = mn["page"]
            first = next(iter(tokens(mn["texto"])))
            assert words[page][first], (seed, mn, first)
            lost = missing(tokens(mn["texto"]), words[page] + words.get(page + 1, Counter()))
            assert not lost, (seed, mn, dict(lost))
        fecha_doc = doc.truth["documents"]["fecha_documento"]
        if fecha_doc:
            assert any(m["tipo"] == "fecha" and m["valor"] == fecha_doc for m in doc.truth["mentions"]), seed


def mention_kind(mn: dict) -> str:
    """Where a registered mention comes from, coarsely, for the coverage check."""
    v, tipo = str(mn["valor"]), mn["tipo"]
    if tipo == "referencia_legal":
        return "code" if "/" in v else "article" if v.startswith("artículo ") else f"instrument {v.split()[0]}"
    if tipo == "organizacion":
        return f"body {v.split()[0]}"
    if tipo == "fecha":
        return f"fecha {mn['precision']}"
    if tipo == "cantidad":
        return f"cantidad {mn['unidad']}"
    return tipo


def test_mentions_cover_what_the_documents_print(mention_docs):
    """Every tipo, and every source of mentions the generator prints: the oficio and convenio codes,
    laws inside article citations, rules, governments, funds, bodies in posts and in table cells,
    years, both ends of a range, durations and counts."""
    kinds = Counter(mention_kind(mn) for doc, _ in mention_docs.values() for mn in doc.truth["mentions"])
    want = {
        "persona", "url", "monto", "code", "article", "instrument Ley", "instrument Constitución",
        "instrument Lineamientos", "body Gobierno", "body Ayuntamiento", "body Fondo", "body Secretaría",
        "body Unidad", "body Órgano", "body Dirección", "body Departamento", "body Tesorería", "fecha dia",
        "fecha mes", "fecha anio", "cantidad días", "cantidad hallazgos", "cantidad recomendaciones",
        "cantidad recomendación",
    }  # fmt: skip
    assert want <= set(kinds), sorted(want - set(kinds))
    starts = 0  # a range's start printed with its year ('diciembre 2019 – marzo 2020') is a date too
    for seed, (doc, _) in mention_docs.items():
        fechas = {(mn["valor"], mn["precision"]) for mn in doc.truth["mentions"] if mn["tipo"] == "fecha"}
        for f in plan(seed)[0].filas:
            if f.fecha is not None and f.fecha.legible and f.fecha.extremos and f.fecha.extremos != D.PERIODO:
                starts += len(f.fecha.extremos) == 2
                assert {(v, p) for v, p, _ in f.fecha.extremos} <= fechas, (seed, f.fecha)
    assert starts


ISO = {"dia": r"\d{4}-\d{2}-\d{2}", "mes": r"\d{4}-\d{2}", "anio": r"\d{4}"}


def test_mention_values_follow_the_definition(mention_docs):
    """docs/mentions.md's spellings: names in name case, ISO dates by precision, articles in lower
    case, counts as a number with the noun as printed, one row per thing."""
    for seed, (doc, _) in mention_docs.items():
        keys = Counter()
        for mn in doc.truth["mentions"]:
            v, tipo = mn["valor"], mn["tipo"]
            keys[(tipo, str(v), mn.get("precision"), mn.get("unidad"))] += 1
            if tipo in ("persona", "organizacion", "referencia_legal"):
                assert v == v.strip() and (v != v.upper() or "/" in v), (seed, mn)
            if tipo == "fecha":
                assert re.fullmatch(ISO[mn["precision"]], v), (seed, mn)
            if tipo == "referencia_legal" and "rtículo" in v:
                assert v.startswith("artículo ") and re.search(r" (?:de la|del) \S", v), (seed, mn)
            if tipo == "cantidad":
                assert isinstance(v, int) and mn["texto"].endswith(f" {mn['unidad']}"), (seed, mn)
                assert mn["unidad"] == mn["unidad"].lower() and str(v) in mn["texto"], (seed, mn)
            if tipo == "monto":
                assert mn["moneda"] == "MXN" and isinstance(v, float), (seed, mn)
        assert max(keys.values()) == 1, (seed, keys.most_common(1))


def test_truth_dates_mean_what_is_printed(rendered):
    """A month, quarter or range ends the period; a day is itself; null only where unreadable/absent."""
    for doc in rendered.values():
        for row in doc.truth["commitments"]:
            iso, prec, texto = row["fecha_compromiso"], row["fecha_precision"], row["fecha_texto"]
            if iso is None:
                assert prec is None
                continue
            assert prec in ("dia", "mes")
            if prec == "mes":
                assert iso[5:7] in ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12")
                nxt = D.last_day(int(iso[:4]), int(iso[5:7])).isoformat()
                assert iso == nxt, row
            assert iso[:4] in texto or iso[2:4] in texto, row


def test_text_form_pages_and_rows(tmp_path):
    """The OCR'd-text form (damage channel) has a form feed between pages and no more; its clean
    rendering holds every row's words (what the channel damages is then what the log says)."""
    seeds = [s for s in range(60) if plan(s)[1].ocr_path == "channel"][:8]
    for seed in seeds:
        doc = generate(seed, tmp_path, (OCR_TEXT,))
        text = doc.files[OCR_TEXT].read_text(encoding="utf-8")
        assert text.count("\f") == doc.truth["documents"]["pages"] - 1, seed
        assert doc.damage[OCR_TEXT]["path"] == "channel"
        m, e, subs = plan(seed)
        d = render_pdf(m, e, subs["layout"], tmp_path / f"clean_{seed}.pdf")
        clean = render_plain(doc_to_blocks(d, e, d.info.get("lema"), random.Random(0)))
        have = tokens(clean.replace("<ul", " <ul").replace("</ul>", " ").replace("<p>", " ").replace("</p>", " "))
        for row in doc.truth["commitments"]:
            lost = missing(row_tokens(row), have + Counter(MARKERS))
            assert not lost, (seed, row["numero"], dict(lost))


def test_scan_is_image_only(tmp_path):
    seed = next(s for s in range(60) if plan(s)[0].format == "documento_trabajo")
    doc = generate(seed, tmp_path, (SCAN_PDF,))
    with pdfplumber.open(doc.files[SCAN_PDF]) as pdf:
        assert len(pdf.pages) == doc.truth["documents"]["pages"]
        assert all(not p.chars for p in pdf.pages)
        assert all(p.images for p in pdf.pages)
    assert len(doc.damage[SCAN_PDF]["pages"]) == len(pdf.pages)


@pytest.mark.ocr
def test_real_ocr_path_reads_the_scan(tmp_path):
    """The share of documents whose text form is tesseract's reading of the scan: one short one."""
    seed = next(s for s in range(400) if plan(s)[1].ocr_path == "real" and plan(s)[0].format == "documento_trabajo")
    doc = generate(seed, tmp_path, (OCR_TEXT,))
    text = doc.files[OCR_TEXT].read_text(encoding="utf-8")
    assert text.count("\f") == doc.truth["documents"]["pages"] - 1
    assert doc.damage[OCR_TEXT] == {"path": "real"}
    assert "Anexo" in text or "ANEXO" in text

"""The seeded convenio_asm generator (samples/gen/convenio_asm): does it draw what it says?

These test the generator, never papeleo: the truth is checked against the values the
generator drew and against what its own forms contain (the text layer read by pdfplumber, the
clean text form), so a wrong page, a truth value never printed or an axis value never drawn
fails here before it can mislead a benchmark.
"""

from __future__ import annotations

import logging
import random
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


@pytest.fixture(scope="module")
def layer_words(rendered):
    """seed → page number → the text layer's words (pdfplumber), read once for every test."""
    out = {}
    for seed, doc in rendered.items():
        with pdfplumber.open(doc.files[TEXT_PDF]) as pdf:
            out[seed] = {i + 1: p.extract_words() for i, p in enumerate(pdf.pages)}
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


def test_mentions_are_printed_on_their_page(rendered, layer_words):
    for seed, doc in rendered.items():
        words = {n: tokens(" ".join(w["text"] for w in ws)) for n, ws in layer_words[seed].items()}
        for mn in doc.truth["mentions"]:
            lost = missing(tokens(mn["texto"]), words[mn["page"]])
            assert not lost, (seed, mn, dict(lost))
        fecha_doc = doc.truth["documents"]["fecha_documento"]
        if fecha_doc:
            assert any(m["tipo"] == "fecha" and m["valor"] == fecha_doc for m in doc.truth["mentions"]), seed


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

"""``papeleo review``: the doubtful values of a run, with their evidence, on one safe HTML page.

Output roots come from ingesting real samples (the OCR'd text of the MIR sample; the text-layer
PDF, whose real row boxes the crop test uses) or are written by hand with ParquetStore. Every
expected entry is derived here from the rows as stored (read back with pandas/pyarrow), never
copied from the page. The browser tests are in test_review_browser.py."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil

import numpy as np
import pandas as pd
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter
from review_expect import expected_doubts

import schemas
from helpers import SAMPLES
from papeleo.cli import main
from papeleo.review import build_review, collect
from papeleo.review.evidence import attach
from papeleo.store import ParquetStore, source_key

TEXT_SAMPLE = SAMPLES / "mir_avance_ocr.txt"
PDF_SAMPLE = SAMPLES / "mir_avance_texto.pdf"


@pytest.fixture(scope="module")
def text_root(tmp_path_factory):
    out = tmp_path_factory.mktemp("review_text") / "out"
    assert main(["ingest", str(TEXT_SAMPLE), "--out", str(out), "--no-progress"]) == 0
    return out


@pytest.fixture(scope="module")
def text_review(text_root):
    review, html = build_review(text_root)
    return review, html


def test_entries_are_every_doubtful_value_of_the_rows(text_root, text_review):
    review, _ = text_review
    df = pd.read_parquet(text_root / "indicators")
    expected = expected_doubts(df, "indicators")
    assert len(expected) >= 10  # the sample has corrected values and many unbacked ones
    got = {(e.key["clave"], e.field) for e in review.entries}
    assert got == expected
    assert len(review.entries) == len(expected)


def test_corrected_values_carry_value_raw_reading_and_reason(text_root, text_review):
    review, _ = text_review
    df = pd.read_parquet(text_root / "indicators")
    corrected = [(r, c.split(":")[0]) for r in df.to_dict("records") for c in r["corrected"]]
    assert len(corrected) == 4
    by_key = {(e.key["clave"], e.field): e for e in review.entries}
    for row, name in corrected:
        entry = by_key[(row["clave"], name)]
        assert "corrected" in entry.kinds
        assert entry.value == row[name]
        assert entry.reason.startswith(name)  # the part about the field, not the whole comentario
        assert entry.reason in row["comentario_extraccion"] or "; " in entry.reason
        if entry.raw is not None:  # quoted in the comentario as what was printed
            assert f"'{entry.raw}'" in row["comentario_extraccion"]
    raws = {e.field: e.raw for e in review.entries if "corrected" in e.kinds}
    assert raws["programado_t2"] == "1,6OO" and raws["clave"] == "231112"


def test_text_evidence_is_the_files_own_lines_around_the_row(text_review):
    review, _ = text_review
    pages = [p.splitlines() for p in TEXT_SAMPLE.read_text(encoding="utf-8").split("\f")]
    for entry in review.entries:
        ev = entry.evidence
        assert ev["kind"] == "text", ev
        lines = [ln for ln in ev["lines"] if ln["n"] is not None]
        for ln in lines:
            assert pages[entry.page - 1][ln["n"] - 1] == ln["text"]
        first = next(ln for ln in lines if ln["row"])
        printed = [v for v in entry.key.values() if v] + ([entry.raw] if entry.raw else [])
        assert any(p in first["text"] for p in printed)
        assert sum(1 for ln in lines if ln["n"] < first["n"]) <= 3
    bad_cell = next(e for e in review.entries if e.field == "programado_t2")
    assert any(ln["row"] and "1,6OO" in ln["text"] for ln in bad_cell.evidence["lines"])


def test_riskiest_first_then_lowest_confidence(text_review):
    review, _ = text_review
    rank = {"conflict": 0, "corrected": 1, "imputed": 1, "low_confidence": 2}
    ranks = [min(rank[k] for k in e.kinds) for e in review.entries]  # one document: one group
    assert ranks == sorted(ranks)
    conflicts = [e.confidence for e in review.entries if "conflict" in e.kinds]
    assert conflicts == sorted(conflicts) and len(set(conflicts)) > 1


def test_cli_writes_the_page_and_refuses_a_missing_or_empty_root(text_root, tmp_path, capsys):
    assert main(["review", str(tmp_path / "nothing")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["review", str(tmp_path / "empty")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("papeleo review: ") for line in err)
    assert main(["review", str(text_root)]) == 0
    assert (text_root / "review.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    target = tmp_path / "page.html"
    assert main(["review", str(text_root), "--output", str(target), "--min-confidence", "0.9"]) == 0
    assert "under confidence 0.9" in target.read_text(encoding="utf-8")
    assert main(["review", str(text_root), "--min-confidence", "2"]) == 2


SHA = hashlib.sha256(b"hand-built").hexdigest()


def write_doc(root, source, rows_by_dataset, doc_id=SHA, file_name=None):
    store = ParquetStore(root)
    store.prepare()
    tables = {
        name: schemas.get(name).to_table([{"doc_id": doc_id, "extractor": "hand.v1", **r} for r in rows])
        for name, rows in rows_by_dataset.items()
    }
    doc = {"doc_id": doc_id, "source": source, "file_name": file_name or source.rsplit("/", 1)[-1], "status": "ok"}
    tables["documents"] = schemas.get("documents").to_table([doc])
    store.replace_document(source_key(source), tables)
    return root


def row(rid, clave, **more):
    return {"record_id": rid, "clave": clave, "page": 1, "confidence": 0.95, **more}


def test_occurrence_kinds_and_threshold_on_hand_built_rows(tmp_path):
    rows = [
        # stored first but printed last: the same key's occurrences go by page, then top
        row("r1", "1.1", page=2, top=50.0, corrected=["meta_anual:corregido"], comentario_extraccion="meta_anual: x"),
        row("r2", "1.1", page=1, top=300.0, corrected=["meta_anual:corregido"]),
        row("r3", "1.2", confidence=0.5, checks=["suma_programado=ok"]),
        row("r4", "1.3", checks=["suma_programado=conflict", "avance_pct_sin_respaldo=conflict"]),
    ]
    findings = [{"record_id": "f1", "seccion": "II", "numero": 3, "corrected": ["fecha:imputado"]}]
    write_doc(tmp_path, "/data/x.pdf", {"indicators": rows, "findings": findings})
    review = collect(tmp_path)
    got = {(e.key.get("clave") or e.key.get("numero"), e.occurrence, e.field, tuple(e.kinds)) for e in review.entries}
    assert got == {
        ("1.1", 1, "meta_anual", ("corrected",)),  # r1: page 2
        ("1.1", 0, "meta_anual", ("corrected",)),  # r2: page 1
        ("1.2", 0, None, ("low_confidence",)),
        ("1.3", 0, None, ("conflict",)),
        ("1.3", 0, "avance_pct", ("conflict",)),
        (3, 0, "fecha", ("imputed",)),
    }
    assert review.entries[0].key.get("clave") == "1.3"  # conflicts first
    assert [e.key.get("clave") for e in review.entries][-1] == "1.2"  # low confidence last
    assert {e.key.get("clave") for e in collect(tmp_path, min_confidence=0.4).entries} == {"1.1", "1.3", None}
    assert next(e for e in review.entries if e.occurrence == 1).reason == "meta_anual: x"


EVIL = "<script>alert(1)</script>"


def test_untrusted_text_is_escaped_and_the_script_is_pinned_by_hash(tmp_path):
    comment = "clave: impresa '<img src=x onerror=alert(2)>'; <a href=\"javascript:alert(3)\">ver</a> & más"
    rows = [row("r1", EVIL, corrected=["clave:corregido"], comentario_extraccion=comment)]
    write_doc(tmp_path, "/data/</title><script>alert(4)</script>.pdf", {"indicators": rows})
    review, html = build_review(tmp_path)
    assert len(review.entries) == 1
    for bad in ("<script>alert", "<img src=x", '<a href="javascript', "</title><script>"):
        assert bad not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert len(re.findall(r"<script\b", html)) == 2  # the JSON block and the page's own script
    blob = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in blob and ">" not in blob and "&" not in blob
    data = json.loads(blob)
    assert data["entries"][0]["key"]["clave"] == EVIL and data["entries"][0]["extracted"] == EVIL
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
    csp = csp.replace("&#x27;", "'")
    assert csp.startswith("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-")
    assert f"'sha256-{digest}'" in csp
    assert "http:" not in html.replace(review.root.as_uri(), "") and "https:" not in html


def test_stale_decisions_are_listed_at_the_top(tmp_path):
    write_doc(tmp_path, "/data/x.pdf", {"indicators": [row("r1", "1.1", corrected=["meta_anual:corregido"])]})
    stale = {
        "papeleo_stale_decisions": 1,
        "run_id": "x",
        "stale": [
            {"source": "/data/x.pdf", "doc_id": SHA, "file_name": "x.pdf", "dataset": "indicators",
             "key": {"clave": "1.1", "siglas": None, "unidad": None}, "occurrence": 0, "field": "meta_anual",
             "extracted": 10.0, "action": "correct", "value": 12.0, "reviewer": "Ana <b>", "date": "2026-01-02",
             "note": "", "why": "the reading changed: was 10, now 11"},
        ],
    }  # fmt: skip
    (tmp_path / "_decisions").mkdir()
    (tmp_path / "_decisions" / "_stale.json").write_text(json.dumps(stale), encoding="utf-8")
    review, html = build_review(tmp_path)
    assert len(review.stale) == 1
    section = html[html.index('<section id="stale">') : html.index("</section>")]
    assert html.index('<section id="stale">') < html.index('<section class="doc"')
    assert "the reading changed: was 10, now 11" in section and "Ana &lt;b&gt;" in section


def test_source_changed_or_fetched(tmp_path):
    copy = tmp_path / "mir.txt"
    shutil.copy(TEXT_SAMPLE, copy)
    out = tmp_path / "out"
    assert main(["ingest", str(copy), "--out", str(out), "--no-progress"]) == 0
    copy.write_text(copy.read_text(encoding="utf-8") + "\nnueva línea\n", encoding="utf-8")
    review = collect(out)
    attach(review)
    assert review.entries and all(e.evidence["kind"] == "none" for e in review.entries)
    assert "has changed since it was read" in review.entries[0].evidence["why"]
    # a URL source: the bytes kept under OUT/_raw/<sha256>.<ext> are the evidence
    fetched = tmp_path / "fetched"
    data = TEXT_SAMPLE.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    write_doc(fetched, "https://portal.example/mir.txt", {"indicators": [row("r1", "2.3.1.1.1", page=1,
              corrected=["programado_t2:corregido"], programado_t2=1600.0)]}, doc_id=sha)  # fmt: skip
    (fetched / "_raw").mkdir()
    (fetched / "_raw" / f"{sha}.txt").write_bytes(data)
    review = collect(fetched)
    attach(review)
    assert review.entries[0].evidence["kind"] == "text"
    assert any(ln["row"] and "2.3.1.1.1 " in ln["text"] for ln in review.entries[0].evidence["lines"])


def test_pdf_crop_is_the_rows_region_of_the_page(tmp_path):
    out = tmp_path / "out"
    assert main(["ingest", str(PDF_SAMPLE), "--out", str(out), "--no-progress"]) == 0
    store = ParquetStore(out)
    key = source_key(str(PDF_SAMPLE))
    table = store.read_key("indicators", key).to_pylist()
    assert all(r["x0"] is not None for r in table)  # real boxes from the text layer
    table[3]["corrected"] = ["alcanzado_t2:corregido"]  # hand-marked: the text layer reads clean
    docs = store.read_key("documents", key)
    store.replace_document(key, {"indicators": schemas.get("indicators").to_table(table), "documents": docs})
    review = collect(out)
    attach(review)
    (entry,) = review.entries
    assert entry.key["clave"] == table[3]["clave"] and entry.evidence["kind"] == "image"
    crop = Image.open(io.BytesIO(base64.b64decode(entry.evidence["src"].split(",", 1)[1]))).convert("L")
    pdf = pdfium.PdfDocument(str(PDF_SAMPLE))
    page = np.asarray(pdf[table[3]["page"] - 1].render(scale=150 / 72, grayscale=True).to_pil().convert("L"))
    pdf.close()
    s, r = 150 / 72, table[3]
    # the crop is the row's box plus a margin: its size is the box's, give or take 2 x 14 pt
    assert (r["x1"] - r["x0"]) * s <= crop.width <= (r["x1"] - r["x0"] + 30) * s
    assert (r["bottom"] - r["top"]) * s <= crop.height <= (r["bottom"] - r["top"] + 30) * s
    left, upper = int(max(0, r["x0"] - 14) * s), int(max(0, r["top"] - 14) * s)
    a = np.asarray(crop, dtype=float)

    def diff(dy):
        b = page[upper + dy : upper + dy + crop.height, left : left + crop.width].astype(float)
        return float(np.abs(a - b).mean())

    assert diff(0) < 2.0
    assert diff(int(80 * s)) > 5 * max(diff(0), 1.0)  # the rows below: another picture


def test_image_input_crop_is_the_rows_region(tmp_path):
    """An image input (a PNG page at 200 dpi) is cropped in points like a PDF page: the crop
    matches the PDF page's own render of the same box (both at 150 dpi)."""
    out = tmp_path / "out"
    assert main(["ingest", str(PDF_SAMPLE), "--out", str(out), "--no-progress"]) == 0
    r = ParquetStore(out).read_key("indicators", source_key(str(PDF_SAMPLE))).to_pylist()[2]
    pdf = pdfium.PdfDocument(str(PDF_SAMPLE))
    pdf[r["page"] - 1].render(scale=200 / 72, grayscale=True).to_pil().save(tmp_path / "page.png", dpi=(200, 200))
    page150 = np.asarray(pdf[r["page"] - 1].render(scale=150 / 72, grayscale=True).to_pil().convert("L"), dtype=float)
    pdf.close()
    png = tmp_path / "page.png"
    sha = hashlib.sha256(png.read_bytes()).hexdigest()
    box = {c: r[c] for c in ("x0", "top", "x1", "bottom")}
    write_doc(tmp_path / "img", str(png), {"indicators": [row("r1", r["clave"], corrected=["meta_anual:corregido"],
              **box)]}, doc_id=sha)  # fmt: skip
    review = collect(tmp_path / "img")
    attach(review)
    ev = review.entries[0].evidence
    assert ev["kind"] == "image" and not ev["whole_page"]
    crop = np.asarray(Image.open(io.BytesIO(base64.b64decode(ev["src"].split(",", 1)[1]))).convert("L"), dtype=float)
    s = 150 / 72
    left, upper = int(max(0, r["x0"] - 14) * s), int(max(0, r["top"] - 14) * s)
    h, w = crop.shape

    def blurred(a):  # two rasterisations of the same print differ at the glyph edges, not in shape
        return np.asarray(Image.fromarray(a.astype(np.uint8)).filter(ImageFilter.GaussianBlur(2)), dtype=float)

    same = float(np.abs(blurred(crop) - blurred(page150[upper : upper + h, left : left + w])).mean())
    other = float(np.abs(blurred(crop) - blurred(page150[upper + h : upper + 2 * h, left : left + w])).mean())
    assert same < 4.0 and other > 4 * max(same, 1.0)

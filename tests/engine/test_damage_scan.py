"""The generator toolkit's scan path (samples/gen/_damage/scan.py): image-only, same pages,
reproducible per seed, sideways when asked; and (OCR) papeleo's reader gets the words back.
The PDFs are drawn here, so the expected pages and words are the ones the test wrote."""

from __future__ import annotations

import random
import sys
import unicodedata

import pdfplumber
import pytest
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfgen import canvas

from helpers import SAMPLES
from papeleo.readers import ReadSettings

_no_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._damage.scan import SCAN_LEVELS, ScanProfile, pdf_to_scan, scan_to_ocr_text  # noqa: E402

sys.dont_write_bytecode = _no_bytecode

HALF_LETTER = (letter[1] / 2, letter[0])  # portrait, 5.5 x 8.5 in: small pages keep the render fast
WORDS = (
    "El municipio reporta avance trimestral de indicadores con metas programadas "
    "alcanzadas durante el segundo trimestre del ejercicio fiscal sobre servicios públicos "
    "alumbrado recolección atención ciudadana mantenimiento"
).split()


def draw_pdf(path, sizes, lines_per_page) -> None:
    """One page per size, each with its lines of text at 12 pt."""
    c = canvas.Canvas(str(path), invariant=1)
    for size, lines in zip(sizes, lines_per_page):
        c.setPageSize(size)
        c.setFont("Helvetica", 12)
        for i, line in enumerate(lines):
            c.drawString(54, size[1] - 60 - 18 * i, line)
        c.showPage()
    c.save()


def plain_words(text: str) -> set[str]:
    """Words without accents or case, so one accent tesseract drops is not a lost word."""
    text = unicodedata.normalize("NFKD", text.lower())
    return {"".join(ch for ch in w if ch.isalnum()) for w in text.split()}


def test_scan_is_image_only_with_the_same_pages_and_reproducible(tmp_path):
    src = tmp_path / "src.pdf"
    sizes = [HALF_LETTER, landscape(HALF_LETTER), HALF_LETTER]
    draw_pdf(src, sizes, [WORDS[:6], WORDS[6:12], WORDS[12:18]])
    profile = ScanProfile.draw(random.Random(4), "medium")
    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    rec = pdf_to_scan(src, a, random.Random(9), profile)
    pdf_to_scan(src.read_bytes(), b, random.Random(9), profile)  # bytes in, same scan out
    pdf_to_scan(src, c, random.Random(10), profile)
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    with pdfplumber.open(a) as pdf:
        assert len(pdf.pages) == 3
        assert all(not p.chars for p in pdf.pages)  # no text layer
        assert all(len(p.images) == 1 for p in pdf.pages)
        got = [(round(p.width), round(p.height)) for p in pdf.pages]
    assert got == [(round(w), round(h)) for w, h in sizes]  # not turned: sideways was not allowed
    assert [p.turned_cw for p in rec.pages] == [0, 0, 0] and not rec.sideways
    assert all(0.2 <= abs(p.skew_deg) <= max(0.2, profile.max_skew) for p in rec.pages)


def test_sideways_turns_the_landscape_pages_and_nothing_else(tmp_path):
    src = tmp_path / "src.pdf"
    sizes = [HALF_LETTER, landscape(HALF_LETTER)]
    draw_pdf(src, sizes, [WORDS[:3], WORDS[3:6]])
    profile = ScanProfile.draw(random.Random(1), "light")
    straight, turned = tmp_path / "straight.pdf", tmp_path / "turned.pdf"
    rec0 = pdf_to_scan(src, straight, random.Random(2), profile, allow_sideways=True, sideways_share=0.0)
    rec1 = pdf_to_scan(src, turned, random.Random(2), profile, allow_sideways=True, sideways_share=1.0)
    assert not rec0.sideways and rec1.sideways
    assert rec1.pages[0].turned_cw == 0 and rec1.pages[1].turned_cw in (90, 270)
    assert [p.skew_deg for p in rec0.pages] == [p.skew_deg for p in rec1.pages]  # nothing else changes
    portrait_only = tmp_path / "portrait.pdf"
    draw_pdf(portrait_only, [HALF_LETTER] * 2, [WORDS[:3], WORDS[3:6]])
    rec2 = pdf_to_scan(
        portrait_only, tmp_path / "p.pdf", random.Random(2), profile, allow_sideways=True, sideways_share=1.0
    )
    assert sum(1 for p in rec2.pages if p.turned_cw) == 1  # no landscape page: one page comes sideways
    with pdfplumber.open(turned) as pdf:
        w, h = pdf.pages[1].width, pdf.pages[1].height
    assert w < h  # the landscape page now stands portrait, as a sideways-fed sheet does


def test_scan_profile_draws_inside_its_level():
    for level, ranges in SCAN_LEVELS.items():
        for seed in range(20):
            p = ScanProfile.draw(random.Random(seed), level)
            for name, (lo, hi) in ranges.items():
                assert lo <= getattr(p, name) <= hi, (level, name)
    with pytest.raises(ValueError):
        ScanProfile.draw(random.Random(0), "pristine")


@pytest.mark.ocr
def test_ocr_path_reads_most_of_a_page_back(tmp_path):
    """One half-letter page, light scan, papeleo's reader: most words come back."""
    src, scan = tmp_path / "src.pdf", tmp_path / "scan.pdf"
    lines = [" ".join(WORDS[i : i + 5]) for i in range(0, len(WORDS), 5)]
    draw_pdf(src, [HALF_LETTER], [lines])
    rng = random.Random(21)
    pdf_to_scan(src, scan, rng, ScanProfile.draw(rng, "light"))
    text = scan_to_ocr_text(scan, ReadSettings(ocr_workers=1))
    assert "\f" not in text and text.endswith("\n")  # one page
    expected = plain_words(" ".join(WORDS))
    found = expected & plain_words(text)
    assert len(found) >= 0.8 * len(expected), sorted(expected - found)

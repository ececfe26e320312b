"""The same reader on scans: authored tables drawn with reportlab, rendered at 300 dpi with
pypdfium2, saved as PNG and read through papeleo's OCR path (rulings recorded before they are
erased, tesseract, then the table reader on the OCR'd page).

OCR misreads characters, so cell *text* is compared with a fuzzy floor; cell *structure* —
which text lands in which row and column, the header's names — must be right: every cell
must resemble its own authored cell more than any other cell of its row.
"""

from __future__ import annotations

from statistics import fmean

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter
from rapidfuzz import fuzz
from table_pdfs import FINDINGS, SCORES, Authored

from papeleo.readers import read_document
from papeleo.tables import Table, page_to_tables

DPI = 300
SKEW_DEGREES = 0.3
# Fuzzy floors (rapidfuzz ratio, 0-100) for OCR'd cell text. Measured with tesseract 5.3.0:
# every cell of these three pages reads exactly (100); the floors leave room for another
# tesseract build misreading a character ('N/A' -> 'NA' scores 80), never for a cell in the
# wrong row or column, which the structure check catches.
CELL_FLOOR = 75
MEAN_FLOOR = 95


def scanner_degraded(img: Image.Image) -> Image.Image:
    """What a scanner does to a page: a slight skew (0.3 degrees, as on the scanned MIR
    sample), softened edges and speckle (seeded, so the test sees the same image each run)."""
    skewed = img.rotate(SKEW_DEGREES, resample=Image.Resampling.BILINEAR, fillcolor=255)
    soft = np.asarray(skewed.filter(ImageFilter.GaussianBlur(0.6)), dtype=np.int16)
    noise = np.random.RandomState(7).normal(0, 12, soft.shape).astype(np.int16)
    return Image.fromarray(np.clip(soft + noise, 0, 255).astype(np.uint8))


def scan_of(new_pdf, authored: Authored, name: str):
    """The authored table drawn on an A4 page, rendered at 300 dpi, cropped to the table
    and its margins (a smaller image OCRs faster), saved as a 300 dpi PNG and read."""
    c, d, path = new_pdf(name + ".pdf")
    bottom = d.table(authored, 60)
    c.save()
    pdf = pdfium.PdfDocument(str(path))
    try:
        img = pdf[0].render(scale=DPI / 72, grayscale=True).to_pil()
    finally:
        pdf.close()
    img = img.crop((0, 0, img.width, int((bottom + 40) * DPI / 72)))
    img = scanner_degraded(img)
    png = path.with_suffix(".png")
    img.save(png, dpi=(DPI, DPI))
    result = read_document(png)
    assert result.failures == []
    return result.document.pages[0]


def assert_same_structure(table: Table, authored: Authored) -> None:
    expected = [list(r) for r in authored.rows]
    got = [list(r.texts) for r in table.rows]
    assert len(got) == len(expected), f"rows: {got}"
    assert all(len(r) == len(authored.header) for r in got)
    scores = []
    for want_row, got_row in zip(expected, got):
        for c, (want, text) in enumerate(zip(want_row, got_row)):
            score = fuzz.ratio(want, text)
            others = [fuzz.ratio(other, text) for k, other in enumerate(want_row) if k != c and other != want]
            assert score >= CELL_FLOOR and all(score > o for o in others), f"{text!r} read for {want!r} in {got_row}"
            scores.append(score)
    assert fmean(scores) >= MEAN_FLOOR
    for want, name in zip(authored.column_names(), table.columns):
        assert fuzz.ratio(want, name) >= CELL_FLOOR, f"{name!r} for {want!r}"


@pytest.mark.ocr
def test_scanned_ruled_grid_with_a_two_line_header(new_pdf) -> None:
    authored = Authored(**{**SCORES.__dict__, "style": "grid"})
    page = scan_of(new_pdf, authored, "grid_scan")

    tables = page_to_tables(page)

    assert page.text_source == "ocr" and len(page.rules) >= len(authored.rows) + 2
    assert [t.source for t in tables] == ["ruled"]
    assert_same_structure(tables[0], authored)


# The findings with keys of several characters: tesseract --psm 3 drops a column holding only
# lone digits ('1', '2', '3' of FINDINGS: 0 of 3 read, with or without the rulings; --psm 6
# reads all three but loses whole ruled tables, see TOOLCHAIN.md). That loss happens before
# the table reader and is reported, not hidden: with digit keys this table has 3 columns.
KEYED_FINDINGS = Authored(
    header=FINDINGS.header,
    rows=[[f"H-0{i + 1}", *row[1:]] for i, row in enumerate(FINDINGS.rows)],
    widths=FINDINGS.widths,
)


@pytest.mark.ocr
def test_scanned_table_ruled_under_every_row(new_pdf) -> None:
    authored = Authored(**{**KEYED_FINDINGS.__dict__, "style": "rows"})
    page = scan_of(new_pdf, authored, "rows_scan")

    tables = page_to_tables(page)

    assert all(r.orientation == "h" for r in page.rules)
    assert [t.source for t in tables] == ["horizontal_rules"]
    assert_same_structure(tables[0], authored)


@pytest.mark.ocr
def test_scanned_unruled_table(new_pdf) -> None:
    authored = Authored(**{**SCORES.__dict__, "style": "none"})
    page = scan_of(new_pdf, authored, "none_scan")

    tables = page_to_tables(page)

    assert page.rules == ()
    assert [t.source for t in tables] == ["gutters"]
    assert_same_structure(tables[0], authored)

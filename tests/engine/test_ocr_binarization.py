"""Print on a shaded band is read: tesseract binarises locally (readers/tesseract_configs.py).

With one global Otsu level the level falls between the paper and a grey band, the band turns
black and its print with it: on this page, built like a generated MIR scan (toner 28, paper
240, a table head and a group row shaded at 75% grey), Otsu kept 1 of the 8 words on the bands
('Avance'); the local threshold keeps all 8. Expected words are the ones drawn here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.pdfgen import canvas

from papeleo.readers.ocr_page import image_to_lines, image_to_ocr_result
from papeleo.readers.tesseract_configs import SPARSE_READ

INCH = 72
DPI = 300
HEAD = ("Clave", "Indicador", "Meta", "Programado", "Alcanzado", "Avance")
GROUP_ROW = ("PROTECCION", "SOCIAL")
ROWS = (("1.1 Talleres 6522.00 6522.00 4885.00 74.90", 1.65), ("1.2 Acciones 44875.00 44875.00 22206.00 49.48", 0.95))


def draw_shaded_table(path: Path, grey: float) -> None:
    c = canvas.Canvas(str(path), pagesize=(8.5 * INCH, 3 * INCH))
    c.setFont("Helvetica", 9)
    c.drawString(0.5 * INCH, 2.6 * INCH, "Avance de indicadores del segundo trimestre 2024")
    c.setFillGray(grey)
    c.rect(0.4 * INCH, 1.9 * INCH, 7.7 * INCH, 0.45 * INCH, stroke=0, fill=1)  # the head
    c.rect(0.4 * INCH, 1.2 * INCH, 7.7 * INCH, 0.3 * INCH, stroke=0, fill=1)  # a group row
    c.setFillGray(0)
    for i, label in enumerate(HEAD):
        c.drawString((0.5 + 1.25 * i) * INCH, 2.05 * INCH, label)
    c.drawString(0.5 * INCH, 1.3 * INCH, " ".join(GROUP_ROW))
    for row, y in ROWS:
        for i, cell in enumerate(row.split()):
            c.drawString((0.5 + 1.25 * i) * INCH, y * INCH, cell)
    c.save()


def scanned(path: Path) -> Image.Image:
    """Rendered at 300 dpi with a scan's tones: toner is not black, paper is not white."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        img = pdf[0].render(scale=DPI / INCH, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()
    a = 28 + np.asarray(img, dtype=np.float32) * (240 - 28) / 255.0
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


@pytest.mark.ocr
def test_print_on_a_shaded_head_and_group_row_is_read(tmp_path: Path) -> None:
    path = tmp_path / "sombreado.pdf"
    draw_shaded_table(path, grey=0.75)
    page = image_to_ocr_result(scanned(path), 1, DPI, DPI, "spa", None).page
    words = {w.text for w in page.words}
    assert set(HEAD) | set(GROUP_ROW) <= words
    assert {"6522.00", "4885.00", "44875.00", "22206.00"} <= words  # the unshaded rows still read


def test_a_crop_too_small_to_binarise_is_read_on_paper_not_lost() -> None:
    # a sliver between two rules, 5 pixels tall, as reread.py or cells.py crop it: tesseract's
    # Sauvola stopped on it ("whsize must be >= 2") and the whole page was lost (dev MIR scan 24)
    sliver = Image.new("L", (400, 5), 255)
    assert image_to_lines(sliver, "spa", SPARSE_READ, None, 1.0, 1.0) == []
    # ... and print on a small crop still reads, at its own coordinates
    small = Image.new("L", (60, 40), 255)
    ImageDraw.Draw(small).text((4, 8), "4885", fill=0, font=ImageFont.load_default(size=20))
    lines = image_to_lines(small, "spa", SPARSE_READ, None, 1.0, 1.0)
    assert [w.text for ln in lines for w in ln.words] == ["4885"]
    assert lines[0].words[0].bbox.x0 < 20


def test_a_filled_band_s_fill_is_no_ruling() -> None:
    # a dark head band's fill between its letters runs as long as rules, down the band (45
    # 'vertical rules' the band's height on a generated ASM scan) and along it; a table border
    # that runs on past the band is still a ruling
    from papeleo.model import Rule
    from papeleo.readers.bands import segments_outside_bands

    band = (100, 140, 50, 500)  # top, bottom, left, right (pixels)
    stroke, fill, border, below = (
        Rule(120, 100, 122, 140),
        Rule(60, 118, 480, 121),
        Rule(50, 100, 52, 900),
        Rule(50, 300, 500, 302),
    )
    assert segments_outside_bands([stroke, fill, border, below], [band], 3) == [border, below]


def test_fill_running_down_a_band_and_a_black_cell_under_it_is_no_ruling() -> None:
    # a head band and row 1's black date cell touching it (dev ASM scan 27): the fill runs down
    # both as one vertical 'rule' that neither box holds alone; it cut the date column in seven.
    # A border running on below the cell is still a ruling
    from papeleo.model import Rule
    from papeleo.readers.bands import segments_outside_bands

    band, cell = (100, 170, 100, 1500), (170, 330, 1000, 1140)
    down_both, past_both = Rule(1010, 100, 1012, 329), Rule(1002, 100, 1004, 600)
    assert segments_outside_bands([down_both, past_both], [band, cell], 3) == [past_both]

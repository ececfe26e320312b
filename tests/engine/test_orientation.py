"""Orientation, skew and the confidence floor of OCR'd pages (papeleo.readers.orient, .skew, .ocr_page).

Pages are drawn with reportlab, rendered with pdfium and turned or tilted with Pillow here, so
what each test expects is what it drew. The real sideways page comes from ../shared/realworld and
is checked against its hand-read golden, never against papeleo's own output.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageFilter
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from helpers import REALWORLD, ROOT, requires_realworld
from papeleo.model import BBox, Line, Page, Word
from papeleo.readers import read_document
from papeleo.readers.ocr import pdf_page_to_ocr_page
from papeleo.readers.ocr_page import (
    LOW_CONFIDENCE_FLOOR,
    MIN_WORDS_FOR_FLOOR,
    image_to_ocr_result,
    page_to_low_confidence_failure,
)
from papeleo.readers.orient import (
    MIN_OSD_CONFIDENCE,
    Osd,
    image_to_osd,
    image_to_turned,
    lines_to_upright_share,
    osd_to_turn,
    osd_to_turns,
    read_is_unconvincing,
    read_score,
)
from papeleo.readers.rules import image_to_unruled_and_rules
from papeleo.readers.skew import image_to_deskewed, image_to_skew_degrees

DPI = 300
INCH = 72.0
TEXT = [
    "INFORME TRIMESTRAL DE AVANCE",
    "La Auditoría Superior revisó el ejercicio 2023",
    "del programa de obra pública municipal.",
    "Presupuesto autorizado: 4,250,000.00 pesos",
    "Avance físico del programa: 87.5 por ciento",
    "Observaciones pendientes de solventar: tres",
    "Fecha de la revisión: 15 de marzo de 2024",
]
KEYWORDS = {"INFORME", "TRIMESTRAL", "Auditoría", "Superior", "ejercicio", "2023", "Presupuesto", "revisión"}


def draw_page(path: Path, lines: list[str], size_in: tuple[float, float] = (5.5, 3.2), font_size: int = 12) -> None:
    c = canvas.Canvas(str(path), pagesize=(size_in[0] * INCH, size_in[1] * INCH))
    c.setFont("Helvetica", font_size)
    for i, line in enumerate(lines):
        c.drawString(0.4 * INCH, size_in[1] * INCH - 0.5 * INCH - i * font_size * 1.6, line)
    c.save()


def render(path: Path, index: int = 0) -> Image.Image:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return pdf[index].render(scale=DPI / INCH, grayscale=True).to_pil()
    finally:
        pdf.close()


def words_of(page) -> set[str]:
    return {w.text.strip(".,:;") for w in page.words}


@pytest.fixture(scope="module")
def upright(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    path = tmp_path_factory.mktemp("orient") / "text.pdf"
    draw_page(path, TEXT)
    return render(path)


@pytest.fixture(scope="module")
def upright_page(upright: Image.Image):
    """The upright page read once: where its words are is where a turned page's words must land."""
    return image_to_ocr_result(upright, 1, DPI, DPI, "spa", None).page


# --------------------------------------------------------------------------- skew (no OCR)


@pytest.mark.parametrize("angle", [0.5, -1.2, 2.0, -3.0])
def test_skew_angle_is_measured_from_the_text_lines(upright: Image.Image, angle: float) -> None:
    tilted = upright.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    assert image_to_skew_degrees(tilted, DPI) == pytest.approx(angle, abs=0.1)


def test_a_blank_page_has_no_skew() -> None:
    assert image_to_skew_degrees(Image.new("L", (900, 1200), 255), DPI) == 0.0


def grid_image(tmp_path: Path) -> Image.Image:
    """A ruled 6x4 table with numbers in its cells."""
    path = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(path), pagesize=(6 * INCH, 3 * INCH))
    c.setLineWidth(1)
    xs = [0.5 * INCH + i * 1.2 * INCH for i in range(5)]
    ys = [2.6 * INCH - j * 0.35 * INCH for j in range(7)]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.setFont("Helvetica", 10)
    for j in range(6):
        for i in range(4):
            c.drawString(xs[i] + 6, ys[j] - 16, f"{(j + 1) * 1000 + i * 37:,}")
    c.save()
    return render(path)


def test_a_tilted_grid_is_only_found_straight_once_straightened(tmp_path: Path) -> None:
    """Why deskewing is worth it: rules.py looks for rows of ink. Tilted 2 degrees, a table line
    is found (at best) as a box as tall as its drift, which no table reader can use as a line."""
    tilted = grid_image(tmp_path).rotate(2.0, resample=Image.Resampling.BICUBIC, fillcolor=255)
    _, as_is = image_to_unruled_and_rules(tilted, DPI)
    _, straightened = image_to_unruled_and_rules(image_to_deskewed(tilted, image_to_skew_degrees(tilted, DPI)), DPI)
    # rules are in pixels here: the horizontal lines are 4.8 in long, the vertical ones 2.1 in
    long_h = [r for r in straightened if r.orientation == "h" and r.length > 4 * DPI]
    long_v = [r for r in straightened if r.orientation == "v" and r.length > 1.8 * DPI]
    assert len(long_h) == 7 and len(long_v) == 5
    assert all(r.bottom - r.top < 8 for r in long_h) and all(r.x1 - r.x0 < 8 for r in long_v)
    assert not [r for r in as_is if r.orientation == "h" and r.length > 4 * DPI and r.bottom - r.top < 8]


# --------------------------------------------------------------------------- decisions (no OCR)


def word(text: str, width: float, height: float, confidence: float = 0.9) -> Word:
    return Word(text, BBox(10, 10, 10 + width, 10 + height), confidence)


def test_words_taller_than_wide_mean_lines_read_down_the_page() -> None:
    across = [Line.from_words([word("Auditoría", 60, 12), word("Superior", 50, 12), word("de", 12, 12)])]
    down = [Line.from_words([word("Auditoría", 12, 60), word("Superior", 12, 50), word("de", 12, 12)])]
    assert lines_to_upright_share(across) == 1.0 and lines_to_upright_share(down) == 0.0  # "de" is too short to say
    assert lines_to_upright_share([Line.from_words([word("a", 5, 9)])]) is None
    assert not read_is_unconvincing(0.9, 1.0)
    assert read_is_unconvincing(0.9, 0.0)  # read well, but down the page
    assert read_is_unconvincing(0.4, 1.0)  # read across, but as noise
    assert read_score(0.9, 0.0) < read_score(0.7, 1.0)


def test_an_unsure_or_missing_osd_answer_turns_nothing() -> None:
    assert osd_to_turn(Osd(90, 9.1, 0.5)) == 90
    assert osd_to_turn(Osd(180, MIN_OSD_CONFIDENCE / 2, 0.5)) == 0
    assert osd_to_turn(Osd(None, None, 0.2)) == 0


def test_sideways_lines_try_both_quarter_turns_when_osd_is_unsure() -> None:
    # confident OSD: its answer only
    assert osd_to_turns(Osd(90, 9.1, 0.5), upright_share=0.01) == (90,)
    # unsure OSD, lines read down the page: sideways for certain, OSD's guess first
    assert osd_to_turns(Osd(270, 0.24, 0.5), upright_share=0.006) == (270, 90)
    assert osd_to_turns(Osd(None, None, 0.5), upright_share=0.1) == (90, 270)
    assert osd_to_turns(Osd(180, 0.3, 0.5), upright_share=0.1) == (90, 270)
    # unsure OSD, lines upright (a poor but upright scan): leave it
    assert osd_to_turns(Osd(270, 0.24, 0.5), upright_share=0.9) == ()
    assert osd_to_turns(Osd(270, 0.24, 0.5), upright_share=None) == ()


def ocr_page(confidence: float, words: int, rotation: int = 0) -> Page:
    line = Line.from_words([word(f"w{i}", 20, 10, confidence) for i in range(words)])
    return Page(1, (line,), "ocr", 600, 800, ocr_confidence=confidence, rotation=rotation)


def test_the_confidence_floor_spares_good_and_near_blank_pages() -> None:
    assert page_to_low_confidence_failure(ocr_page(LOW_CONFIDENCE_FLOOR, 40), 40) is None
    assert page_to_low_confidence_failure(ocr_page(0.2, MIN_WORDS_FOR_FLOOR - 1), MIN_WORDS_FOR_FLOOR - 1) is None
    failure = page_to_low_confidence_failure(ocr_page(0.41, 40, rotation=90), 40, "anexo.pdf")
    assert failure is not None and (failure.stage, failure.error_type) == ("read", "low_ocr_confidence")
    assert failure.message.startswith("Page 1 of 'anexo.pdf' was OCR'd, after turning it 90 degrees clockwise,")
    assert "0.41" in failure.message and "re-scan" in failure.message


# --------------------------------------------------------------------------- OSD (no full OCR)


def test_osd_on_a_blank_page_is_unknown_not_an_error() -> None:
    osd = image_to_osd(Image.new("L", (1650, 2100), 255), DPI)
    assert (osd.clockwise, osd.confidence) == (None, None)


def test_osd_on_a_page_with_one_word_is_unknown_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "word.pdf"
    draw_page(path, ["Anexo"], size_in=(5.5, 7.0))
    osd = image_to_osd(image_to_turned(render(path), 180), DPI)
    assert osd.clockwise is None


# --------------------------------------------------------------------------- OCR


@pytest.mark.ocr
@pytest.mark.parametrize("turned_by", [0, 90, 180, 270])
def test_a_turned_page_is_detected_and_read_upright(upright: Image.Image, upright_page, turned_by: int) -> None:
    reference = upright_page
    result = image_to_ocr_result(image_to_turned(upright, turned_by), 1, DPI, DPI, "spa", None)
    page = result.page
    assert page.rotation == (360 - turned_by) % 360
    assert KEYWORDS <= words_of(page)
    assert page.ocr_confidence is not None and page.ocr_confidence > 0.85
    assert result.failures == ()
    # boxes are in the upright page's frame: the same word lands where it does on the upright read
    assert (page.width, page.height) == pytest.approx((reference.width, reference.height))
    title = next(w for w in page.words if w.text == "INFORME").bbox
    expected = next(w for w in reference.words if w.text == "INFORME").bbox
    assert title is not None and expected is not None
    assert (title.x0, title.top, title.x1, title.bottom) == pytest.approx(
        (expected.x0, expected.top, expected.x1, expected.bottom), abs=2.0
    )
    assert (result.osd is None) == (turned_by == 0)  # OSD only runs when the first read is unconvincing


@pytest.mark.ocr
def test_a_tilted_page_is_straightened_and_read(upright: Image.Image) -> None:
    tilted = upright.rotate(-2.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    result = image_to_ocr_result(tilted, 1, DPI, DPI, "spa", None)
    assert result.skew == pytest.approx(-2.5, abs=0.1)
    assert result.page.rotation == 0
    assert KEYWORDS <= words_of(result.page)
    lines = [ln for ln in result.page.lines if ln.bbox is not None and len(ln.words) > 3]
    assert lines and all(ln.bbox.height < 20 for ln in lines)  # straight lines, not 2.5-degree slopes


@pytest.mark.ocr
def test_a_few_words_upside_down_do_not_crash_and_stay_as_they_are(tmp_path: Path) -> None:
    path = tmp_path / "few.pdf"
    draw_page(path, ["Anexo B"], size_in=(4.0, 2.0))
    result = image_to_ocr_result(image_to_turned(render(path), 180), 1, DPI, DPI, "spa", None)
    assert result.page.rotation == 0 and result.failures == ()


@pytest.mark.ocr
def test_pdf_rotate_is_recorded_not_applied_twice(tmp_path: Path, upright: Image.Image) -> None:
    """An image-only page stored sideways with /Rotate 90: pdfium already shows it upright."""
    stored = image_to_turned(upright, 270)  # what a viewer must turn 90 degrees clockwise
    flat = tmp_path / "stored.pdf"
    w, h = stored.width * INCH / DPI, stored.height * INCH / DPI
    c = canvas.Canvas(str(flat), pagesize=(w, h))
    c.drawImage(ImageReader(stored), 0, 0, width=w, height=h)
    c.save()
    writer = pypdf.PdfWriter(clone_from=str(flat))
    writer.pages[0].rotate(90)  # sets /Rotate 90 on the portrait page holding the sideways image
    path = tmp_path / "rotate90.pdf"
    writer.write(path)
    outcome = pdf_page_to_ocr_page(str(path), 0, DPI, "spa")
    assert outcome.page is not None and outcome.failures == ()
    assert outcome.page.rotation == 90
    assert outcome.page.width > outcome.page.height  # the upright, landscape page
    assert KEYWORDS <= words_of(outcome.page)


@pytest.mark.ocr
def test_a_page_of_noise_is_a_low_confidence_failure_and_the_document_goes_on(
    tmp_path: Path, upright: Image.Image
) -> None:
    # ink blots where the text was: blurred past reading, then darkened (a blur alone fades to
    # grey, which a local threshold reads as paper and no words at all)
    junk = upright.filter(ImageFilter.GaussianBlur(7)).point(lambda v: max(0, min(255, (v - 200) * 4 + 200)))
    path = tmp_path / "informe con anexo.pdf"
    c = canvas.Canvas(str(path), pagesize=(5.5 * INCH, 3.2 * INCH))
    c.setFont("Helvetica", 12)
    c.drawString(0.4 * INCH, 2.7 * INCH, "Informe de resultados de la auditoría 2023, página uno")
    c.showPage()
    c.drawImage(ImageReader(junk), 0, 0, width=5.5 * INCH, height=3.2 * INCH)
    c.save()
    result = read_document(path)
    assert result.document is not None and [p.number for p in result.document.pages] == [1, 2]
    noisy = result.document.pages[1]
    assert noisy.text_source == "ocr" and noisy.text.strip()  # its text is kept
    assert noisy.ocr_confidence is not None and noisy.ocr_confidence < LOW_CONFIDENCE_FLOOR
    assert [f.error_type for f in result.failures] == ["low_ocr_confidence"]
    message = result.failures[0].message
    assert result.failures[0].stage == "read"
    assert "Page 2 of 'informe con anexo.pdf'" in message and f"{noisy.ocr_confidence:.2f}" in message
    assert "re-scan" in message


@pytest.mark.ocr
def test_a_sideways_png_is_turned_like_a_pdf_page(tmp_path: Path, upright: Image.Image) -> None:
    png = tmp_path / "sideways.png"
    image_to_turned(upright, 270).save(png, dpi=(DPI, DPI))
    result = read_document(png)
    assert result.document is not None and result.failures == []
    page = result.document.pages[0]
    assert page.rotation == 90 and KEYWORDS <= words_of(page)
    assert page.width == pytest.approx(upright.width * INCH / DPI)


# --------------------------------------------------------------------------- the real sideways scan


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text.lower()) if unicodedata.category(c) != "Mn")


def golden_words(name: str, page: int) -> set[str]:
    """Words of 5+ letters the hand-read golden places on ``page`` (records of that page)."""
    golden = json.loads((ROOT / "tests" / "realworld" / "goldens" / f"{name}.json").read_text("utf-8"))
    texts = [str(v) for r in golden["records"] if r.get("page") == page for v in r.values() if isinstance(v, str)]
    return {w for t in texts for w in re.findall(r"[a-z]{5,}", fold(t))}


def share_found(expected: set[str], text: str) -> float:
    read = set(re.findall(r"[a-z]{5,}", fold(text)))
    return len(expected & read) / len(expected)


@pytest.mark.ocr
@requires_realworld
def test_the_real_sideways_scan_is_turned_and_reads_its_golden_words() -> None:
    expected = golden_words("camp_itse_asm_2018", 3)
    assert len(expected) > 40
    result = image_to_ocr_result(render(REALWORLD / "camp_itse_asm_2018.pdf", 2), 3, DPI, DPI, "spa", None)
    as_is, page = result.first_read, result.page
    assert page.rotation == 90  # as the golden's pages_rotated says
    assert page.width > page.height  # a landscape table, upright
    assert as_is.confidence is not None and page.ocr_confidence is not None
    assert as_is.confidence < 0.5 and page.ocr_confidence > 0.7
    assert share_found(expected, "\n".join(ln.text for ln in as_is.lines)) < 0.2
    assert share_found(expected, page.text) > 0.6
    assert result.failures == () and any(n.startswith("turned: 90 degrees") for n in page.reading_notes)


@pytest.mark.ocr
@requires_realworld
def test_a_real_page_with_pdf_rotate_is_not_turned_again() -> None:
    outcome = pdf_page_to_ocr_page(str(REALWORLD / "chis_icatech_sevac_indicadores_2020t2.pdf"), 1, DPI, "spa")
    page = outcome.page
    assert page is not None and outcome.failures == ()
    assert page.rotation == 270  # the PDF's /Rotate, as the golden's pages_rotated says
    assert page.width > page.height and page.ocr_confidence is not None and page.ocr_confidence > 0.85


@pytest.mark.ocr
def test_a_confident_osd_of_the_wrong_side_is_undone_by_the_opposite_turn(upright: Image.Image, monkeypatch) -> None:
    # OSD can be sure of the axis and wrong of the side (block 6400-6449 scan 6433: turned 270,
    # OSD said 90 with confidence; the page was read upside down at 0.4 and every number lost)
    import papeleo.readers.ocr_page as ocr_page

    monkeypatch.setattr(ocr_page, "image_to_osd", lambda img, dpi, timeout=None: Osd(90, 9.9, 0.0))
    result = image_to_ocr_result(image_to_turned(upright, 90), 1, DPI, DPI, "spa", None)
    assert result.page.rotation == 270  # not OSD's 90: its opposite, which sets the scan upright
    assert KEYWORDS <= words_of(result.page)
    assert result.page.ocr_confidence is not None and result.page.ocr_confidence > 0.85

"""tesseract in-process (tesserocr) reads exactly what the command line reads, and errs alike.

The page is the first page of the committed scanned MIR sample, rendered at 300 dpi in grey as
the OCR worker renders it; the expectation is the command line's own output for the same
pixels, never the API's."""

from __future__ import annotations

import logging
from pathlib import Path

import pypdfium2 as pdfium
import pytesseract
import pytest
from PIL import Image

from papeleo.readers import tesseract_run
from papeleo.readers.ocr_page import image_to_lines
from papeleo.readers.tesseract_configs import CELL_READ, PAGE_READ, SPARSE_READ

SCAN = Path(__file__).resolve().parents[2] / "samples" / "mir_avance_escaneado.pdf"

needs_api = pytest.mark.skipif(
    not tesseract_run.api_usable(),
    reason="tesserocr is not installed or not built on the tesseract command's version (make setup builds it)",
)


@pytest.fixture(scope="module")
def page() -> Image.Image:
    pdf = pdfium.PdfDocument(str(SCAN))
    try:
        return pdf[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    finally:
        pdf.close()


def cli_data(img: Image.Image, config: str) -> dict:
    with tesseract_run.image_to_tesseract_input(img) as source:
        return pytesseract.image_to_data(source, lang="spa", config=config, output_type=pytesseract.Output.DICT)


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (PAGE_READ, (3, (("thresholding_method", "2"),))),
        (SPARSE_READ, (11, (("thresholding_method", "2"),))),
        ("--psm 6", (6, ())),
        ("", (3, ())),
        ("--oem 0 --psm 6", None),  # an engine mode: read by the command line
        ("--psm", None),
        ("-c", None),
    ],
)
def test_config_to_api_settings(config: str, expected: object) -> None:
    assert tesseract_run.config_to_api_settings(config) == expected


@needs_api
@pytest.mark.parametrize(
    ("config", "box"),
    [
        (SPARSE_READ, (150, 300, 2400, 900)),  # a band of the page: the head and the first rows
        (CELL_READ, (150, 300, 1300, 600)),
        (PAGE_READ, (0, 0, 2550, 1650)),  # the top half of the page
    ],
)
def test_api_reads_what_the_command_line_reads(page: Image.Image, config: str, box: tuple[int, ...]) -> None:
    crop = page.crop(box)
    api = tesseract_run.image_to_data(crop, "spa", config, 0)
    cli = cli_data(crop, config)
    assert any(str(t).strip() for t in cli["text"]), "the crop holds print"
    assert api == cli


@needs_api
def test_a_crop_too_small_to_binarise_is_read_on_paper_as_on_the_command_line(capfd: pytest.CaptureFixture) -> None:
    sliver = Image.new("L", (300, 3), 255)
    with pytest.raises(pytesseract.TesseractError, match=tesseract_run.READ_FAILED) as caught:
        tesseract_run.image_to_data(sliver, "spa", CELL_READ, 0)
    # the library's complaint is in the error, as the command line's is, not on the terminal
    assert "whsize must be >= 2" in str(caught.value)
    assert "whsize" not in capfd.readouterr().err
    with pytest.raises(pytesseract.TesseractError, match="whsize must be >= 2"):
        cli_data(sliver, CELL_READ)
    assert image_to_lines(sliver, "spa", CELL_READ, None, 0.24, 0.24) == []


@needs_api
def test_a_read_past_its_time_limit_stops_as_pytesseract_does(page: Image.Image) -> None:
    with pytest.raises(RuntimeError, match="timeout"):
        tesseract_run.image_to_data(page, "spa", PAGE_READ, 0.001)


def test_api_off_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    tesseract_run.api_usable.cache_clear()
    monkeypatch.setenv(tesseract_run.API_ENV, "0")
    try:
        assert tesseract_run.api_usable() is False
    finally:
        tesseract_run.api_usable.cache_clear()


def test_api_refused_when_built_on_another_tesseract(monkeypatch: pytest.MonkeyPatch, caplog) -> None:
    pytest.importorskip("tesserocr")
    tesseract_run.api_usable.cache_clear()
    monkeypatch.setattr(pytesseract, "get_tesseract_version", lambda: "9.9.9")
    try:
        with caplog.at_level(logging.WARNING, logger=tesseract_run.__name__):
            assert tesseract_run.api_usable() is False
        assert "9.9.9" in caplog.text and "--no-binary tesserocr" in caplog.text
    finally:
        tesseract_run.api_usable.cache_clear()

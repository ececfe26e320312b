"""Print turned a quarter (a table head's turned labels) is read turned (papeleo/readers/turned.py).

The junk lines are the ones tesseract made of generated ASM scan 7509's head band (text as read);
the turned crop's read is a stand-in returning fixed words, so these tests need no tesseract
(tests/families/convenio_asm/test_asm_turned_head_scan.py reads generated scans with it).
"""

from __future__ import annotations

import pytest
from PIL import Image

from papeleo.model import BBox, Line, Word
from papeleo.readers.turned import (
    lines_to_turned_bands,
    lines_to_turned_read_lines,
    lines_to_weak_blocks,
    turned_box_to_page,
)

SCALE = 72.0 / 300.0  # points per pixel at 300 dpi


def junk_line(text: str, x0: float, top: float, conf: float = 0.3) -> Line:
    words = [Word(t, BBox(x0 + 30 * k, top, x0 + 30 * k + 20, top + 7), conf) for k, t in enumerate(text.split())]
    return Line.from_words(words)


def row_line(text: str, top: float) -> Line:
    return Line.from_words(
        [Word(t, BBox(62 + 40 * k, top, 62 + 40 * k + 35, top + 7), 0.93) for k, t in enumerate(text.split())]
    )


def test_stacked_junk_lines_across_a_head_are_one_block_and_the_rows_under_it_are_not() -> None:
    lines = [
        junk_line("a Z o % ¿ 2", 62, 181.6),
        junk_line("LU [-] Oo S m3 >", 137, 189.9),
        junk_line("[e] oz E vo 3 4) h-] 3 50", 61, 199.5, conf=0.5),  # sure-ish, still no words
        junk_line("E 33s ES 38 : $ e $3", 62, 206.8),
        row_line("1 Conciliación de la información Secretaría Técnica", 237.2),
        row_line("reportada con los registros contables", 245.7),
    ]
    assert lines_to_weak_blocks(lines, 792.0) == [[0, 1, 2, 3]]


def test_two_junk_lines_are_no_block_and_a_line_of_numbers_is_no_junk() -> None:
    assert lines_to_weak_blocks([junk_line("a Z o", 62, 100), junk_line("% ¿ 2", 62, 108)], 792.0) == []
    numbers = [junk_line("2,385 95.2% 1,200 30", 62, 100 + 9 * k, conf=0.9) for k in range(4)]
    assert lines_to_weak_blocks(numbers, 792.0) == []


def test_labels_tesseract_read_turned_mark_the_band_to_read_again() -> None:
    def turned(text: str, x0: float, top: float) -> Line:
        return Line.from_words([Word(text, BBox(x0, top, x0 + 6, 225.0), 0.9)])

    lines = [
        turned("Núm.", 61, 186),
        turned("Aspecto", 129, 200),
        turned("Acciones", 327, 191),
        turned("Resultados", 576, 190),
    ]
    lines.append(row_line("1 Conciliación de la información", 237.0))
    assert lines_to_turned_bands(lines) == [[0, 1, 2, 3]]
    assert lines_to_turned_bands(lines[:2] + lines[4:]) == []  # two turned words: a stamp's, perhaps


@pytest.mark.parametrize("angle", [90, 270])
def test_a_box_on_the_turned_crop_goes_back_where_its_ink_is(angle: int) -> None:
    crop = Image.new("L", (40, 100), 255)
    crop.putpixel((30, 10), 0)  # the ink, at x 30, y 10 of the unturned crop
    turned = crop.rotate(angle, expand=True)
    x, y = next((x, y) for x in range(turned.width) for y in range(turned.height) if turned.getpixel((x, y)) < 128)
    back = turned_box_to_page(BBox(x, y, x + 1, y + 1), angle, crop.width, crop.height)
    assert abs(back.x0 - 30) <= 1 and abs(back.top - 10) <= 1


def _head_page() -> tuple[Image.Image, list[Line]]:
    """A page 600 pt wide at 300 dpi with the junk block of the first test and a row under it."""
    lines = [
        junk_line("a Z o % ¿ 2", 62, 181.6),
        junk_line("LU [-] Oo S m3 >", 137, 189.9),
        junk_line("E 33s ES 38 : $ e $3", 62, 199.8),
        row_line("1 Conciliación de la información Secretaría Técnica", 237.2),
    ]
    return Image.new("L", (int(792 / SCALE), int(612 / SCALE)), 255), lines


def fake_turned_read(angle_words: dict[int, list[tuple[str, float, float, float]]]):
    """A read of the turned crop: for the crop turned 270° (its height is the block's width),
    these words (text, x0, top, confidence) in its pixels, one line per strip; junk otherwise."""

    def read(crop: Image.Image) -> list[Line]:
        if crop.height > crop.width:  # turned 90° or 270°: the block is wider than tall
            words = angle_words.get(270 if read.calls % 2 else 90, [])
        else:
            words = []
        read.calls += 1
        return [Line.from_words([Word(t, BBox(x, y, x + 80, y + 25), c)]) for t, x, y, c in words]

    read.calls = 0
    return read


def test_a_surer_turned_read_replaces_the_block_in_column_order() -> None:
    img, lines = _head_page()
    # turned 270°, a strip at crop pixel y maps back to page x = crop x0 + y (pixels)
    read = fake_turned_read(
        {90: [("x", 0, 0, 0.2)], 270: [("Aspecto", 10, 500, 0.93), ("Núm.", 10, 40, 0.95), ("Fecha", 10, 900, 0.9)]}
    )
    out, n = lines_to_turned_read_lines(lines, img, SCALE, SCALE, read)
    assert n == 1
    head = [ln for ln in out if ln.bbox.top < 237]
    assert [ln.text for ln in sorted(head, key=lambda ln: ln.bbox.x0)] == ["Núm.", "Aspecto", "Fecha"]
    assert out[-1].text == "1 Conciliación de la información Secretaría Técnica"
    assert all(w.bbox.height > w.bbox.width for ln in head for w in ln.words)  # turned boxes, a strip each


def test_an_unsure_turned_read_keeps_the_page_as_read() -> None:
    img, lines = _head_page()
    read = fake_turned_read({90: [("zz", 10, 40, 0.3)], 270: [("Aspecto", 10, 40, 0.4), ("Fecha", 10, 900, 0.5)]})
    out, n = lines_to_turned_read_lines(lines, img, SCALE, SCALE, read)
    assert n == 0 and [ln.text for ln in out] == [ln.text for ln in lines]

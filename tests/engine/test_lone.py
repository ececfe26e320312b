"""Print standing alone that the page read dropped is read on its own crop (papeleo/readers/lone.py).

Pages are drawn by hand: one row of an unruled table, ``2  2  0  1  0  1``, the row of dev MIR
scan 3 whose lone 0s and 1s tesseract's page read dropped while it kept the 2s. The first read
is built by hand too; the piece read is a stand-in, so these tests need no tesseract, but for
the last one, which runs it."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from papeleo.model import BBox, Line, Word
from papeleo.readers.lone import lines_to_lone_read_lines, mask_to_pieces

DPI = 300
SCALE = 72.0 / DPI
# the cells' left edges (points) and the row's top; the text is ~9 pt tall
CELLS = (60, 100, 140, 180, 220, 260)
TOP = 50
ROW = ("2", "2", "0", "1", "0", "1")


def page_with_row(texts: tuple[str, ...] = ROW, speck: bool = False) -> Image.Image:
    img = Image.new("L", (int(320 / SCALE), int(120 / SCALE)), 245)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=36)
    for x, text in zip(CELLS, texts):
        draw.text((x / SCALE, TOP / SCALE), text, fill=30, font=font)
    if speck:  # a speck of dust: a few pixels, under any glyph's height
        draw.rectangle((int(300 / SCALE), int(100 / SCALE), int(300 / SCALE) + 3, int(100 / SCALE) + 3), fill=20)
    return img


def first_read(cells: tuple[int, ...] = (0, 1)) -> list[Line]:
    """The page read's words: the 2s in the first two cells (boxes as tesseract draws them)."""
    return [Line.from_words([Word(ROW[i], BBox(CELLS[i] + 1, TOP + 2, CELLS[i] + 7, TOP + 11), 0.95) for i in cells])]


def read_as_digit_at_centre():
    calls: list[Image.Image] = []

    def read(crop: Image.Image) -> list[Line]:
        calls.append(crop)
        w, h = crop.size
        return [Line.from_words([Word("0", BBox(w / 2 - 10, h / 2 - 15, w / 2 + 10, h / 2 + 15), 0.94)])]

    return read, calls


def test_a_mask_is_cut_into_pieces_at_blank_space_wider_than_a_glyph_gap() -> None:
    mask = np.zeros((40, 200), dtype=bool)
    mask[10:30, 10:20] = True  # a glyph
    mask[10:30, 23:33] = True  # the next glyph of the same number, 3 px on
    mask[12:28, 100:110] = True  # a glyph of the next cell
    assert mask_to_pieces(mask, max_gap_px=5) == [(10, 10, 33, 30), (100, 12, 110, 28)]
    assert len(mask_to_pieces(mask, max_gap_px=1)) == 3  # a narrower gap cuts the number apart


def test_each_lone_piece_of_print_is_read_and_placed_over_its_ink() -> None:
    read, calls = read_as_digit_at_centre()
    lines, added = lines_to_lone_read_lines(first_read(), page_with_row(speck=True), SCALE, SCALE, read)
    assert added == 4 and len(calls) == 4  # the four cells with no word; not the 2s, not the speck
    new = sorted(w.bbox.x0 for ln in lines for w in ln.words if w.text == "0")
    for x0, cell in zip(new, CELLS[2:]):
        assert cell - 2 < x0 < cell + 12
    assert all(TOP - 2 < w.bbox.top < TOP + 12 for ln in lines for w in ln.words)
    assert [ln.text for ln in lines] == ["2 2 0 0 0 0"]  # joined to the row's line, left to right


def test_a_mark_beside_a_word_does_not_stand_alone_and_a_far_piece_makes_a_line_of_its_own() -> None:
    """A footnote's superscript printed right after a word lies outside the word's box, so no
    word explains its ink; it is not print standing alone (dev informes scan 1 read it as an
    item). A page number far under the text is, and is a line of its own."""
    img = Image.new("L", (int(320 / SCALE), int(200 / SCALE)), 245)
    draw = ImageDraw.Draw(img)
    draw.text((60 / SCALE, TOP / SCALE), "oncológicos.", fill=30, font=ImageFont.load_default(size=36))
    draw.text((112 / SCALE, (TOP - 2) / SCALE), "2", fill=30, font=ImageFont.load_default(size=24))
    word = Line.from_words([Word("oncológicos.", BBox(60, TOP + 1, 111, TOP + 11), 0.95)])
    read, calls = read_as_digit_at_centre()
    assert lines_to_lone_read_lines([word], img, SCALE, SCALE, read) == ([word], 0) and calls == []
    draw.text((150 / SCALE, 160 / SCALE), "7", fill=30, font=ImageFont.load_default(size=36))
    lines, added = lines_to_lone_read_lines([word], img, SCALE, SCALE, read)
    assert added == 1 and len(calls) == 1 and [ln.text for ln in lines] == ["oncológicos.", "0"]


def test_a_page_read_whole_reads_nothing_again_and_unsure_or_wordy_reads_add_nothing() -> None:
    read, calls = read_as_digit_at_centre()
    lines, added = lines_to_lone_read_lines(first_read(tuple(range(6))), page_with_row(), SCALE, SCALE, read)
    assert added == 0 and calls == []

    def unsure(crop: Image.Image) -> list[Line]:
        return [Line.from_words([Word("0", BBox(1, 1, 20, 30), 0.3)])]

    def letters(crop: Image.Image) -> list[Line]:
        return [Line.from_words([Word("Ene", BBox(1, 1, 20, 30), 0.95)])]

    assert lines_to_lone_read_lines(first_read(), page_with_row(), SCALE, SCALE, unsure)[1] == 0
    assert lines_to_lone_read_lines(first_read(), page_with_row(), SCALE, SCALE, letters)[1] == 0
    # a page with no word read gives no height to measure pieces by: nothing is read
    assert lines_to_lone_read_lines([], page_with_row(), SCALE, SCALE, read) == ([], 0)


@pytest.mark.ocr
def test_tesseract_reads_the_dropped_digits_on_their_crops() -> None:
    from papeleo.readers.ocr_page import image_to_lines
    from papeleo.readers.tesseract_configs import CELL_READ

    lines, added = lines_to_lone_read_lines(
        first_read(), page_with_row(), SCALE, SCALE,
        lambda crop: image_to_lines(crop, "spa", CELL_READ, None, 1.0, 1.0),
    )  # fmt: skip
    assert added == 4
    row = sorted((w for ln in lines for w in ln.words), key=lambda w: w.bbox.x0)
    assert [w.text for w in row] == list(ROW)

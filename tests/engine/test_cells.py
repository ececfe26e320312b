"""Grid cells with ink and no word are read on their own crop (papeleo/readers/cells.py).

Grids and pages are built by hand; the cell read is a stand-in returning a fixed word, so these
tests need no tesseract (one test at the end runs it on a drawn grid). The grid is the 'Núm.'
column of a ruled ASM table whose lone digits the page read lost (dev scan 7)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from papeleo.model import BBox, Line, Rule, Word
from papeleo.readers.cells import bands_to_gaps, lines_to_cell_read_lines, rules_to_cells

DPI = 300
SCALE = 72.0 / DPI

# three rows between four horizontal rules (points), two columns between three vertical ones
H = [Rule(60, y, 400, y) for y in (100, 140, 180, 220)]
V = [Rule(x, 100, x, 220) for x in (60, 90, 400)]


def test_the_rules_enclose_their_cells() -> None:
    cells = rules_to_cells(H + V)
    assert len(cells) == 6
    assert cells[0] == BBox(60, 100, 90, 140) and cells[1] == BBox(90, 100, 400, 140)
    # a double rule is one line, and a vertical rule that stops short makes no cell below it
    double = [*H, Rule(60, 101.5, 400, 101.5)]
    short = [Rule(60, 100, 60, 220), Rule(90, 100, 90, 140), Rule(400, 100, 400, 220)]
    assert len(rules_to_cells(double + V)) == 6
    assert len(rules_to_cells(H + short)) == 2 + 2


def page_with_digits(digits: dict[int, str]) -> Image.Image:
    """A 300-dpi page with a digit printed in the number cell of the given rows (0-2)."""
    img = Image.new("L", (int(450 / SCALE), int(260 / SCALE)), 245)
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=40)
    for row, text in digits.items():
        draw.text((70 / SCALE, (110 + 40 * row) / SCALE), text, fill=30, font=font)
    return img


def read_as(text: str, conf: float = 0.93):
    calls: list[Image.Image] = []

    def read(crop: Image.Image) -> list[Line]:
        calls.append(crop)
        return [Line.from_words([Word(text, BBox(20, 20, 50, 70), conf)])]  # enlarged crop's pixels

    return read, calls


def test_an_inked_cell_with_no_word_is_read_and_placed_in_it() -> None:
    text_line = Line.from_words([Word("Integrar el padrón", BBox(100, 110, 200, 118), 0.96)])
    read, calls = read_as("2")
    lines, added = lines_to_cell_read_lines([text_line], page_with_digits({1: "2"}), SCALE, SCALE, H + V, read)
    assert added == 1 and len(calls) == 1  # only the inked cell: the text cell has its word
    two = next(w for ln in lines for w in ln.words if w.text == "2")
    assert 60 < two.bbox.x0 < 90 and 140 < two.bbox.top < 180


def test_a_cell_already_read_or_blank_or_read_unsure_adds_nothing() -> None:
    one = Line.from_words([Word("1", BBox(70, 110, 76, 120), 0.95)])
    read, calls = read_as("1")
    lines, added = lines_to_cell_read_lines([one], page_with_digits({0: "1"}), SCALE, SCALE, H + V, read)
    assert added == 0 and calls == []  # its word is there; the other cells are paper
    unsure, _ = read_as("|", conf=0.3)
    assert lines_to_cell_read_lines([], page_with_digits({2: "3"}), SCALE, SCALE, H + V, unsure)[1] == 0


@pytest.mark.ocr
def test_a_lone_digit_is_read_by_tesseract_in_its_cell() -> None:
    from papeleo.readers.ocr_page import image_to_lines
    from papeleo.readers.tesseract_configs import CELL_READ

    lines, added = lines_to_cell_read_lines(
        [], page_with_digits({0: "7", 2: "12"}), SCALE, SCALE, H + V,
        lambda crop: image_to_lines(crop, "spa", CELL_READ, None, 1.0, 1.0),
    )  # fmt: skip
    assert added == 2 and sorted(w.text for ln in lines for w in ln.words) == ["12", "7"]


def test_a_table_ruled_only_across_is_looked_in_where_no_word_stands() -> None:
    """Dev ASM scan 13: rows between horizontal rules only, and tesseract lost every row number
    of the first column. In each band the stretches with no word are the cells."""
    rows = [Line.from_words([Word("Integrar el padrón", BBox(100, 110 + 40 * k, 200, 118 + 40 * k), 0.96)])
            for k in range(3)]  # fmt: skip
    gaps = bands_to_gaps(H, [w.bbox for ln in rows for w in ln.words])
    assert BBox(60, 100, 98, 140) in gaps and BBox(202, 100, 400, 140) in gaps  # left of the text, right of it
    read, calls = read_as("2")
    lines, added = lines_to_cell_read_lines(rows, page_with_digits({1: "2"}), SCALE, SCALE, H, read)
    assert added == 1 and len(calls) == 1  # only the inked stretch: the others are paper
    two = next(w for ln in lines for w in ln.words if w.text == "2")
    assert 60 < two.bbox.x0 < 98 and 140 < two.bbox.top < 180
    # with column rules the grid's cells are looked in instead, and bands far apart are running text
    assert bands_to_gaps(H + V, []) == []
    assert bands_to_gaps([Rule(60, 100, 400, 100), Rule(60, 400, 400, 400)], []) == []

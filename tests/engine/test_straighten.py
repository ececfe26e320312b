"""Word boxes of a slightly tilted scan turned level (papeleo/readers/straighten.py), on pages
built here: rows of words laid along a known slope, so the expected tilt and the levelled
positions follow from the construction."""

from __future__ import annotations

import math

import pytest

from papeleo.model import BBox, Line, Page, Rule, Word
from papeleo.readers.straighten import lines_to_tilt_degrees, page_to_straightened

WIDTH, HEIGHT = 1008.0, 612.0


def tilted_page(degrees: float, rows: int = 6, source: str = "ocr", words: int = 8) -> Page:
    """``rows`` lines of ``words`` words across the page, each line sloping down to the right
    by ``degrees`` (a page fed crooked), 40 pt apart; word boxes 60 x 6 pt."""
    slope = math.tan(math.radians(degrees))
    lines = []
    for r in range(rows):
        y0 = 100.0 + 40.0 * r
        ws = []
        for k in range(words):
            x = 60.0 + 110.0 * k
            y = y0 + slope * (x + 30.0 - WIDTH / 2)
            ws.append(Word(f"w{r}{k}", BBox(x, y, x + 60.0, y + 6.0), 0.9))
        lines.append(Line.from_words(ws))
    rule = Rule(50.0, 95.0, 950.0, 95.5)
    return Page(1, tuple(lines), source, WIDTH, HEIGHT, rules=(rule,))  # type: ignore[arg-type]


def _centre_y(w: Word) -> float:
    return (w.bbox.top + w.bbox.bottom) / 2  # type: ignore[union-attr]


@pytest.mark.parametrize("degrees", [0.45, -0.7, 0.2])
def test_a_small_tilt_is_read_from_the_lines_and_every_line_comes_out_level(degrees):
    page = tilted_page(degrees)
    assert lines_to_tilt_degrees(page.lines) == pytest.approx(degrees, abs=0.01)
    out, tilt = page_to_straightened(page)
    assert tilt == pytest.approx(degrees, abs=0.01)
    for line in out.lines:
        ys = [_centre_y(w) for w in line.words]
        # 0.45 degrees drift 6 pt across the line before; level to a hundredth of a point after
        assert max(ys) - min(ys) < 0.05
    # rows keep their order and spacing; words their size and text
    firsts = [_centre_y(line.words[0]) for line in out.lines]
    assert all(b - a == pytest.approx(40.0, abs=0.5) for a, b in zip(firsts, firsts[1:]))
    assert [w.text for w in out.words] == [w.text for w in page.words]
    assert all(w.bbox.width == pytest.approx(60.0) for w in out.words)  # type: ignore[union-attr]
    assert any("straightened" in n for n in out.reading_notes)
    assert out.rules[0] != page.rules[0]


def test_level_pages_text_layers_and_tilts_the_image_deskew_handles_are_left_as_they_are():
    for page in (tilted_page(0.05), tilted_page(0.45, source="text_layer"), tilted_page(1.6)):
        out, tilt = page_to_straightened(page)
        assert out is page and tilt == 0.0


def test_too_few_long_lines_say_nothing_of_the_tilt():
    assert lines_to_tilt_degrees(tilted_page(0.45, rows=1).lines) is None
    # short lines (three words) are ascenders and descenders, not a tilt
    assert lines_to_tilt_degrees(tilted_page(0.45, words=3).lines) is None


def test_lines_that_disagree_say_nothing_of_the_tilt():
    up, down = tilted_page(0.9, rows=3), tilted_page(-0.9, rows=3)
    mixed = (*up.lines, *down.lines)
    assert lines_to_tilt_degrees(mixed) is None


def test_two_long_lines_that_agree_are_enough_for_the_tilt():
    # a table page whose rows tesseract cut into column blocks keeps only its running header's
    # two lines long enough (generated dictamen scan 8927, page 3: 0.56 and 0.69 degrees)
    assert lines_to_tilt_degrees(tilted_page(0.6, rows=2).lines) == pytest.approx(0.6, abs=0.01)
    out, tilt = page_to_straightened(tilted_page(0.6, rows=2))
    assert tilt == pytest.approx(0.6, abs=0.01)


def test_two_lines_that_disagree_say_nothing_of_the_tilt():
    pair = (*tilted_page(0.6, rows=1).lines, *tilted_page(0.3, rows=1).lines)
    assert lines_to_tilt_degrees(pair) is None

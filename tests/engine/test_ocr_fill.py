"""The second read for ink the first OCR read left unexplained (papeleo/readers/fill.py).

Pages and images are built by hand: what is measured is the arithmetic of 'explained' ink and
the merge rule, not tesseract."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from papeleo.model import BBox, Line, Word
from papeleo.readers.fill import (
    UNEXPLAINED_INK_FOR_SECOND_READ,
    box_to_max_overlap_share,
    image_to_ink,
    ink_to_unexplained_share,
    lines_to_filled_lines,
)


def word(text: str, x0: float, top: float, x1: float, bottom: float) -> Word:
    return Word(text=text, bbox=BBox(x0=x0, top=top, x1=x1, bottom=bottom), confidence=0.9)


def line(*words: Word) -> Line:
    return Line.from_words(list(words))


def page_image(blocks: list[tuple[int, int, int, int]], size: tuple[int, int] = (720, 720)) -> Image.Image:
    """A white 'page' at 72 dpi (1 pixel = 1 point) with black rectangles standing for glyphs."""
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    for box in blocks:
        draw.rectangle(box, fill=0)
    return img


def test_ink_inside_word_boxes_is_explained() -> None:
    ink = image_to_ink(page_image([(100, 100, 139, 109), (100, 200, 139, 209)]))
    both = [line(word("414", 100, 100, 140, 110)), line(word("109", 100, 200, 140, 210))]
    assert ink_to_unexplained_share(ink, both, 1.0, 1.0) == 0.0
    # one of the two equal blocks unread: half the ink is unexplained
    assert ink_to_unexplained_share(ink, both[:1], 1.0, 1.0) == pytest.approx(0.5)


def test_a_page_without_ink_has_nothing_unexplained() -> None:
    assert ink_to_unexplained_share(image_to_ink(page_image([])), [], 1.0, 1.0) == 0.0


def test_scale_maps_points_to_pixels() -> None:
    # a 300 dpi image: the word box in points covers the block drawn in pixels
    scale = 72.0 / 300.0
    ink = image_to_ink(page_image([(1000, 1000, 1199, 1049)], size=(2000, 2000)))
    read = [line(word("1,273", 1000 * scale, 1000 * scale, 1200 * scale, 1050 * scale))]
    assert ink_to_unexplained_share(ink, read, scale, scale) == 0.0
    assert ink_to_unexplained_share(ink, [], scale, scale) == 1.0


def test_a_lost_block_crosses_the_threshold_and_a_speck_does_not() -> None:
    glyphs = [(60 + 50 * i, 100, 95 + 50 * i, 110) for i in range(10)]
    read = [line(*(word("12", x0, y0, x1 + 1, y1 + 1) for x0, y0, x1, y1 in glyphs))]
    speck = image_to_ink(page_image([*glyphs, (600, 600, 601, 601)]))
    assert ink_to_unexplained_share(speck, read, 1.0, 1.0) < UNEXPLAINED_INK_FOR_SECOND_READ
    lost = [(60 + 50 * i, 300, 95 + 50 * i, 310) for i in range(4)]
    block = image_to_ink(page_image([*glyphs, *lost]))
    assert ink_to_unexplained_share(block, read, 1.0, 1.0) > UNEXPLAINED_INK_FOR_SECOND_READ


def test_overlap_is_a_share_of_the_smaller_box() -> None:
    others = np.array([[0.0, 0.0, 10.0, 10.0], [100.0, 100.0, 110.0, 110.0]])
    assert box_to_max_overlap_share((5.0, 0.0, 15.0, 10.0), others) == pytest.approx(0.5)
    assert box_to_max_overlap_share((2.0, 2.0, 4.0, 4.0), others) == pytest.approx(1.0)
    assert box_to_max_overlap_share((50.0, 50.0, 60.0, 60.0), others) == 0.0
    assert box_to_max_overlap_share((0.0, 0.0, 1.0, 1.0), np.zeros((0, 4))) == 0.0


def test_second_read_adds_only_words_the_first_did_not_read() -> None:
    first = [line(word("PROGRAMADO", 100, 50, 180, 60), word("1,273", 200, 50, 270, 60))]
    second = [
        # the same number read again, slightly offset: not added twice
        line(word("1,278", 201, 51, 271, 61)),
        # a row the first read skipped: added, as its own line
        line(word("915", 110, 300, 130, 310), word("233", 210, 300, 230, 310)),
    ]
    lines, added = lines_to_filled_lines(first, second)
    assert added == 2
    assert [ln.text for ln in lines] == ["PROGRAMADO 1,273", "915 233"]


def test_second_read_keeps_the_unread_words_of_a_partly_read_line() -> None:
    first = [line(word("Fin", 20, 100, 40, 110))]
    second = [line(word("Fin", 20, 100, 40, 110), word("98.50", 300, 100, 330, 110))]
    lines, added = lines_to_filled_lines(first, second)
    assert added == 1
    assert sorted(ln.text for ln in lines) == ["98.50", "Fin"]


def test_nothing_new_leaves_the_first_read_as_it_was() -> None:
    first = [line(word("Total", 20, 100, 60, 110))]
    lines, added = lines_to_filled_lines(
        first, [line(word("Tota1", 21, 100, 61, 110)), line(word("Total", 300, 100, 340, 110))]
    )
    assert added == 0
    assert lines == first


def test_debris_of_pictures_is_not_added() -> None:
    unsure = Word(text="al", bbox=BBox(x0=100, top=100, x1=110, bottom=110), confidence=0.45)
    rule = Word(text="—", bbox=BBox(x0=200, top=100, x1=230, bottom=110), confidence=0.9)
    number = Word(text="1,045", bbox=BBox(x0=300, top=100, x1=330, bottom=110), confidence=0.91)
    lines, added = lines_to_filled_lines([], [Line.from_words([unsure, rule, number])])
    assert added == 1 and [ln.text for ln in lines] == ["1,045"]


def test_words_of_text_are_not_added() -> None:
    # a logo's lettering or a lost head: it would change the page's lines prose readers use
    logo = line(word("AUDITORÍA", 18, 166, 60, 175), word("SUPERIOR", 61, 166, 98, 175))
    lines, added = lines_to_filled_lines([], [logo])
    assert added == 0 and lines == []

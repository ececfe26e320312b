"""Runs of unsure OCR words are read again on their own crop (papeleo/readers/reread.py).

Pages are built by hand; the second read is a stand-in that returns fixed words in the crop's
pixels, so these tests need no tesseract. The weak run is the one tesseract made of a
generated MIR head's stacked labels (dev scan 18, confidences as read)."""

from __future__ import annotations

from PIL import Image

from papeleo.model import BBox, Line, Word
from papeleo.readers.reread import lines_to_reread_lines, lines_to_weak_runs, run_to_crop_box

SCALE = 72.0 / 300.0  # points per pixel at 300 dpi


def word(text: str, x0: float, top: float, conf: float, width: float = 20.0, height: float = 6.0) -> Word:
    return Word(text, BBox(x0, top, x0 + width, top + height), conf)


HEAD = Line.from_words(
    [
        word("Nivel", 40, 101, 0.96),
        word("Periodicidad", 300, 101, 0.96),
        *(
            word(t, 340 + 25 * i, 101, c)
            for i, (t, c) in enumerate([("aloe", 0.13), ("ba", 0.01), ("po", 0.16), ("HO", 0.27)])
        ),
        word("2do", 460, 101, 0.84),
    ]
)
TRIM = Line.from_words([word("Trim.", 340 + 25 * i, 110, 0.96) for i in range(4)])


def fake_read(words_in_crop_pixels: list[tuple[str, float, float, float]]):
    """A second read that returns these words (text, x0, top, confidence) in crop pixels."""
    seen: list[Image.Image] = []

    def read(crop: Image.Image) -> list[Line]:
        seen.append(crop)
        return [Line.from_words([Word(t, BBox(x, y, x + 60, y + 20), c) for t, x, y, c in words_in_crop_pixels])]

    return read, seen


def test_a_run_of_unsure_words_is_found_and_one_unsure_word_is_not() -> None:
    assert lines_to_weak_runs([HEAD, TRIM]) == [(0, 2, 6)]
    speck = Line.from_words([word("a", 10, 10, 0.26), word("Metas", 40, 10, 0.96), word("¿", 80, 10, 0.0)])
    assert lines_to_weak_runs([speck]) == []


def test_the_crop_reaches_a_line_up_and_down_and_stays_on_the_page() -> None:
    box = run_to_crop_box(HEAD.words[2:6], 612.0, 792.0)
    assert box.top == 101 - 6 and box.bottom == 107 + 6  # one line height (6 pt) each way
    assert box.x0 == 340 - 4 and box.x1 == 435 + 4
    assert run_to_crop_box([word("x", 1, 1, 0.1)], 612.0, 792.0).x0 == 0.0


def test_a_surer_second_read_replaces_the_run_and_keeps_the_rest() -> None:
    # the crop starts at (336, 95) pt; 'Meta' at crop pixel (40, 20) is at 336 + 40 * 0.24 pt
    read, seen = fake_read([("Meta", 40, 20, 0.96), ("anual", 40, 30, 0.95), ("Línea", 150, 20, 0.93)])
    img = Image.new("L", (2550, 3300), 255)
    lines, replaced = lines_to_reread_lines([HEAD, TRIM], img, SCALE, SCALE, read)
    assert replaced == 1 and len(seen) == 1
    texts = [w.text for ln in lines for w in ln.words]
    assert not {"aloe", "ba", "po", "HO"} & set(texts)
    assert {"Nivel", "Periodicidad", "2do", "Meta", "anual", "Línea"} <= set(texts)
    assert texts.count("Trim.") == 4
    meta = next(w for ln in lines for w in ln.words if w.text == "Meta")
    assert abs(meta.bbox.x0 - (336 + 40 * SCALE)) < 1e-6 and abs(meta.bbox.top - (95 + 20 * SCALE)) < 1e-6


def test_a_second_read_of_another_lines_word_or_an_unsure_one_is_not_added() -> None:
    # 'Trim.' under the run is already read (its box at 340-360 x 110-116 pt); 'xx' reads 0.3
    trim_px = ((340 - 336) / SCALE, (110 - 95) / SCALE)
    read, _ = fake_read([("Meta", 40, 0, 0.96), ("Trim.", *trim_px, 0.9), ("xx", 200, 0, 0.3)])
    lines, replaced = lines_to_reread_lines([HEAD, TRIM], Image.new("L", (2550, 3300), 255), SCALE, SCALE, read)
    texts = [w.text for ln in lines for w in ln.words]
    assert replaced == 1 and texts.count("Trim.") == 4 and "xx" not in texts and "Meta" in texts


def test_a_second_read_sure_of_nothing_changes_nothing() -> None:
    read, _ = fake_read([("al0e", 40, 20, 0.1)])
    lines, replaced = lines_to_reread_lines([HEAD, TRIM], Image.new("L", (2550, 3300), 255), SCALE, SCALE, read)
    assert replaced == 0 and [w.text for w in lines[0].words] == [w.text for w in HEAD.words]


# a body row of a scanned POA table (dev MIR scan 565, boxes and confidences as read): the
# two lines of the unit's cell, 'EMSAD NUEVO / SALTILLEJO', read as one word 'a' 12 pt tall
ROW = Line.from_words(
    [
        word("6", 38, 245, 0.96, width=4, height=5),
        word("a", 67, 241, 0.22, width=18, height=12),
        word("83", 169, 244, 0.96, width=8, height=5),
        word("68", 220, 245, 0.96, width=8, height=5),
    ]
)
BODY = [Line.from_words([word(str(n), 169, 200 + 10 * i, 0.96, width=8, height=5)]) for i, n in enumerate((1, 2, 3))]


def test_one_unsure_word_as_tall_as_two_lines_is_a_run_and_its_crop_reaches_its_neighbours() -> None:
    assert lines_to_weak_runs([*BODY, ROW]) == [(3, 1, 2)]
    # the same word one line tall is a speck
    short = Line.from_words([word("6", 38, 245, 0.96, 4, 5), word("a", 67, 245, 0.22, 18, 5)])
    assert lines_to_weak_runs([*BODY, short]) == []
    read, seen = fake_read([("EMSAD", 40, 10, 0.95), ("NUEVO", 110, 10, 0.95), ("SALTILLEJO", 60, 40, 0.94)])
    lines, replaced = lines_to_reread_lines([*BODY, ROW], Image.new("L", (2550, 3300), 255), SCALE, SCALE, read)
    assert replaced == 1 and len(seen) == 1
    # across from the '6' (ends at 42 pt) to the '83' (starts at 169 pt), half a word up and down
    assert abs(seen[0].width - (168 - 43) / SCALE) <= 1 and abs(seen[0].height - (12 + 5) / SCALE) <= 1
    texts = [w.text for ln in lines for w in ln.words]
    assert "a" not in texts and {"EMSAD", "NUEVO", "SALTILLEJO", "6", "83", "68"} <= set(texts)


def test_a_neighbour_whose_box_reaches_into_the_tall_word_leaves_the_crop_on_the_words_own_edge() -> None:
    # the '6' before the tall word ends at 70 pt, inside the word (67 to 85): the crop starts
    # CROP_SIDE_PT left of the word, never right of where it ends (a crop of negative width
    # used to fail the whole page's OCR)
    row = Line.from_words([word("6", 38, 245, 0.96, width=32, height=5), *ROW.words[1:]])
    read, seen = fake_read([("EMSAD", 10, 10, 0.95)])
    lines, replaced = lines_to_reread_lines([*BODY, row], Image.new("L", (2550, 3300), 255), SCALE, SCALE, read)
    assert replaced == 1 and abs(seen[0].width - (168 - 63) / SCALE) <= 1


def test_a_second_read_of_part_of_the_tall_word_leaves_it_as_read() -> None:
    # 'psa]' 35 pt wide for a head's 'Unidad de / medida' (dev MIR scan 571); the crop reads
    # only 'de' (8 pt), which would leave the column with less than the garbled word marked
    head = Line.from_words(
        [word("*", 20, 133, 0.5, 4, 5), word("psa]", 40, 130, 0.1, 35, 12), word("Mota", 120, 133, 0.6, 20, 5)]
    )
    read, seen = fake_read([("de", (70 - 25) / SCALE, 10, 0.9)])
    lines, replaced = lines_to_reread_lines([*BODY, head], Image.new("L", (2550, 3300), 255), SCALE, SCALE, read)
    assert len(seen) == 1 and replaced == 0 and "psa]" in [w.text for ln in lines for w in ln.words]

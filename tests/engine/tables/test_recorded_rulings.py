"""Rulings found on a page image before OCR: erased as before, and now also recorded, in
points. The image is drawn here, so every expected position is the one drawn."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from papeleo.model import Rule
from papeleo.readers.rules import (
    image_to_unruled,
    image_to_unruled_and_rules,
    pixel_rules_to_point_rules,
    rules_to_merged_rules,
)

DPI = 300
PT = 72 / DPI  # points per pixel


def drawn_page() -> Image.Image:
    img = Image.new("L", (1200, 900), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((100, 200, 1099, 202), fill=0)  # horizontal rule, 3 px thick
    d.rectangle((300, 150, 301, 699), fill=0)  # vertical rule, 2 px thick
    d.line((100, 500, 1099, 506), fill=0, width=2)  # a rule skewed by 6 px over 1000 px
    d.rectangle((700, 600, 899, 699), fill=0)  # a filled box (a black header band, a stamp)
    d.rectangle((500, 800, 549, 801), fill=0)  # a 50 px stroke: a dash in the text, not a rule
    return img


def test_rulings_are_recorded_in_points_and_erased_exactly_as_before() -> None:
    img = drawn_page()

    unruled, pixel_rules = image_to_unruled_and_rules(img, DPI)
    rules = pixel_rules_to_point_rules(pixel_rules, DPI, DPI)

    assert np.array_equal(np.asarray(unruled), np.asarray(image_to_unruled(img, DPI)))
    grey = np.asarray(unruled)
    assert grey[200:203, 100:1100].min() == 255 and grey[150:700, 300:302].min() == 255
    horizontal = sorted((r for r in rules if r.orientation == "h"), key=lambda r: r.top)
    vertical = [r for r in rules if r.orientation == "v"]
    assert len(horizontal) == 2 and len(vertical) == 1  # the box and the dash are not rulings
    straight, skewed = horizontal
    assert (straight.x0, straight.top, straight.x1, straight.bottom) == (100 * PT, 200 * PT, 1100 * PT, 203 * PT)
    assert (vertical[0].x0, vertical[0].top, vertical[0].x1, vertical[0].bottom) == (
        300 * PT,
        150 * PT,
        302 * PT,
        700 * PT,
    )
    assert abs(skewed.x0 - 100 * PT) < 1 and abs(skewed.x1 - 1100 * PT) < 1
    assert 500 * PT - 1 < skewed.top < skewed.bottom < 508 * PT + 1


def test_a_page_without_rulings_is_returned_untouched() -> None:
    img = Image.new("L", (400, 300), 255)

    unruled, rules = image_to_unruled_and_rules(img, DPI)

    assert unruled is img and rules == []


def test_collinear_pieces_merge_and_short_ones_drop() -> None:
    pieces = [
        Rule(50, 100, 150, 100),
        Rule(150, 100, 260, 100.4),  # one line drawn cell by cell
        Rule(50, 100.2, 60, 100.2),  # overlapping piece of the same line
        Rule(50, 130, 150, 130),
        Rule(160, 130, 260, 130),  # a 10 pt break: two rules
        Rule(50, 100, 50, 130),
        Rule(50, 130, 50, 160),  # a column line, one piece per row
        Rule(300, 300, 306, 300),  # a 6 pt tick
    ]

    merged = rules_to_merged_rules(pieces)

    assert merged == [
        Rule(50, 100, 260, 100.4),
        Rule(50, 130, 150, 130),
        Rule(160, 130, 260, 130),
        Rule(50, 100, 50, 160),
    ]


def test_print_on_a_dark_band_is_inverted_not_erased() -> None:
    """A table head printed white on a dark fill: erased like a rule, its print went with it
    (generated ASM scans lost every head so); inverted, the fill is paper and the print ink."""
    img = Image.new("L", (1600, 600), 235)  # paper
    d = ImageDraw.Draw(img)
    d.rectangle((100, 200, 1499, 299), fill=60)  # a 100 px (24 pt) dark band across the page
    letters = [(200 + 60 * i, 235, 230 + 60 * i, 264) for i in range(15)]  # white 'print' in it
    for box in letters:
        d.rectangle(box, fill=250)
    d.rectangle((100, 450, 1499, 452), fill=0)  # a plain rule under it

    unruled, rules = image_to_unruled_and_rules(img, DPI)
    grey = np.asarray(unruled)

    for x0, y0, x1, y1 in letters:
        assert grey[y0 + 5 : y1 - 5, x0 + 5 : x1 - 5].max() < 100  # the print is ink now
    assert grey[210:225, 150:1450].min() == 255  # the fill above the print is paper
    assert grey[450:453, 100:1500].min() == 255  # the rule is erased as before
    assert [r.orientation for r in rules] == ["h"]  # the band is no rule


def test_a_thin_double_rule_is_no_band() -> None:
    img = Image.new("L", (1200, 400), 255)
    d = ImageDraw.Draw(img)
    d.rectangle((100, 100, 1099, 103), fill=0)
    d.rectangle((100, 108, 1099, 111), fill=0)
    unruled, _ = image_to_unruled_and_rules(img, DPI)
    assert np.asarray(unruled)[95:115, 100:1100].min() == 255


def faint_page() -> Image.Image:
    """Paper grey 225 as a scan leaves it; a ruled box whose lines are grey 150-165 and three
    pixels wide (a blurred 0.5 pt rule), under ``DARK`` nowhere along their length; a shaded
    band (grey 190) with dark print in it; a strict black rule for reference."""
    img = Image.new("L", (1200, 900), 225)
    d = ImageDraw.Draw(img)
    for x in (200, 600, 1000):  # column rules: 165 | 150 | 165 across, as blur leaves them
        d.rectangle((x - 1, 100, x - 1, 700), fill=165)
        d.rectangle((x, 100, x, 700), fill=152)
        d.rectangle((x + 1, 100, x + 1, 700), fill=165)
    d.rectangle((200, 399, 1000, 401), fill=158)  # a faint row rule
    d.rectangle((100, 750, 1100, 830), fill=190)  # a shaded head band ...
    for x in range(120, 1080, 40):  # ... with print in it
        d.rectangle((x, 780, x + 20, 800), fill=40)
    d.rectangle((100, 50, 1100, 52), fill=0)  # a black rule
    return img


def test_faint_grey_rules_are_found_and_erased_and_a_shaded_band_is_not_a_rule() -> None:
    img = faint_page()

    unruled, pixel_rules = image_to_unruled_and_rules(img, DPI)
    rules = pixel_rules_to_point_rules(pixel_rules, DPI, DPI)

    vertical = sorted((r for r in rules if r.orientation == "v"), key=lambda r: r.x0)
    horizontal = sorted((r for r in rules if r.orientation == "h"), key=lambda r: r.top)
    # where the row rule meets a column rule its pixels widen that column's box by one
    assert len(vertical) == 3
    assert all(abs((r.x0 + r.x1) / 2 / PT - x) <= 1 for r, x in zip(vertical, (200, 600, 1000)))
    assert all(abs(r.top - 100 * PT) < 1 and abs(r.bottom - 701 * PT) < 1 for r in vertical)
    # the black rule and the faint one; nothing inside the shaded band
    assert [round(r.top / PT) for r in horizontal] == [50, 399] and round(horizontal[1].bottom / PT) == 402
    grey = np.asarray(unruled)
    assert grey[100:701, 199:202].min() == 255  # the faint rules are erased before OCR
    assert grey[780:801, 120:141].max() < 100  # the band's print is left as it was


def test_faint_search_takes_nothing_from_a_clean_white_page_with_grey_text() -> None:
    """Grey print (a light font, anti-aliased glyphs) is no rule: its strokes are short."""
    img = Image.new("L", (1200, 900), 255)
    d = ImageDraw.Draw(img)
    for y in range(100, 800, 30):
        for x in range(100, 1100, 25):
            d.rectangle((x, y, x + 15, y + 2), fill=170)  # dashes of grey print

    _, pixel_rules = image_to_unruled_and_rules(img, DPI)

    assert pixel_rules == []


def test_white_print_in_a_filled_cell_is_inverted_and_a_shaded_panel_or_a_black_box_is_not() -> None:
    """A table's date column of black cells with white print (ASM dev scan 69: every date read
    as noise): narrower than a band, but its print is lighter than its fill, so it is inverted
    to ink on paper, up to a few pixels from its edge. A grey panel with dark print (a logo's)
    is no such cell (inverted, its print would go with its fill), nor is a black box with no
    print (a redaction)."""
    from papeleo.readers.bands import _light_print

    img = Image.new("L", (1600, 900), 235)
    d = ImageDraw.Draw(img)
    d.rectangle((200, 100, 439, 269), fill=15)  # a black cell, 240 x 170 px (58 x 41 pt)
    letters = [(212 + 36 * i, 108, 224 + 36 * i, 150) for i in range(6)]  # print 8 px from its top
    for box in letters:
        d.rectangle(box, fill=245)

    grey = np.asarray(image_to_unruled(img, DPI))

    for x0, y0, x1, y1 in letters:
        assert grey[y0 + 3 : y1 - 3, x0 + 3 : x1 - 3].max() < 100  # the print is ink now
    assert grey[200:260, 205:435].min() == 255  # the fill under the print is paper
    panel = np.full((170, 240), 120, dtype=np.uint8)
    panel[50:90, 12:228:3] = 10  # dark print on grey
    panel[100:110, 20:30] = 250  # and a speck of paper
    assert not _light_print(panel)
    assert not _light_print(np.full((170, 240), 10, dtype=np.uint8))
    assert _light_print(np.asarray(img)[100:270, 200:440])


def test_a_black_cell_under_a_head_band_is_inverted_on_its_own_and_its_row_keeps_its_print() -> None:
    """A CONEVAL annex's head band (dark grey, white labels) with the date column's black cell of
    row 1 right under it: found as two filled boxes that touch, they were inverted as the one box
    they span — head and the whole of row 1 — and row 1's dark print became paper (dev ASM scan
    27 lost row 1). Each box is inverted on its own; row 1's print beside the black cell stays."""
    img = Image.new("L", (1600, 700), 235)
    d = ImageDraw.Draw(img)
    d.rectangle((100, 100, 1499, 169), fill=80)  # the head band, 70 px (17 pt)
    labels = [(200 + 90 * i, 120, 250 + 90 * i, 150) for i in range(12)]
    for box in labels:
        d.rectangle(box, fill=245)  # white labels on it
    d.rectangle((1000, 170, 1139, 329), fill=15)  # row 1's black date cell, touching the band
    date = [(1020 + 40 * i, 190, 1036 + 40 * i, 220) for i in range(3)]  # sparse: the cell stays dark
    for box in date:
        d.rectangle(box, fill=245)
    row = [(200 + 60 * i, 190, 240 + 60 * i, 220) for i in range(12)]  # row 1's dark print
    for box in row:
        d.rectangle(box, fill=20)

    grey = np.asarray(image_to_unruled(img, DPI))

    for x0, y0, x1, y1 in row:
        assert grey[y0 + 5 : y1 - 5, x0 + 5 : x1 - 5].max() < 100  # row 1's print is still ink
    for x0, y0, x1, y1 in labels + date:
        assert grey[y0 + 5 : y1 - 5, x0 + 5 : x1 - 5].max() < 100  # white print made ink
    assert grey[250:320, 1010:1130].min() == 255  # the black cell's fill is paper

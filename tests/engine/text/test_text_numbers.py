"""One token read under its column's format: clean, repaired (and why), ambiguous, missing."""

import pytest

from papeleo.text.numbers import (
    DECIMAL_COMMA,
    MX,
    UNKNOWN,
    NumberFormat,
    Repair,
    Status,
    find_percents,
    parse_number,
    parse_value,
)

# a 0-10 score column that prints a decimal comma: '9,583', '10,000'
SCORES = NumberFormat(decimal=",", thousands=".", range=(0, 10))


@pytest.mark.parametrize(
    "raw, value, decimals",
    [
        ("1,216,904", 1216904.0, 0),
        ("52 830.00", 52830.0, 2),
        ("3500000", 3500000.0, 0),
        ("85.5", 85.5, 1),
        ("$1,000", 1000.0, 0),
        ("Q1,500.00", 1500.0, 2),
        ("1 206 528", 1206528.0, 0),
        ("-1,500", -1500.0, 0),
        ("1.216", 1.216, 3),  # alone, a dot is the decimal point in Mexican printing
    ],
)
def test_mexican_amounts_read_clean(raw, value, decimals):
    r = parse_number(raw, MX)
    assert r.status is Status.CLEAN
    assert r.value == value
    assert r.decimals == decimals
    assert r.repairs == ()


def test_percent_sign_is_noted_and_taken_off():
    r = parse_number("19.2%", MX)
    assert (r.value, r.percent, r.status) == (19.2, True, Status.CLEAN)


@pytest.mark.parametrize(
    "raw, value, repair",
    [
        ("1.216,904", 1216904.0, Repair.MIXED_SEPARATORS),
        ("1.216.904", 1216904.0, Repair.THOUSANDS_SEPARATOR),
        ("129,56", 129.56, Repair.DECIMAL_SEPARATOR),
        ("124 28%", 124.28, Repair.DECIMAL_AS_SPACE),
        ("2O19", 2019.0, Repair.LETTERS_AS_DIGITS),
        ("l,2O6", 1206.0, Repair.LETTERS_AS_DIGITS),
        ("5OO", 500.0, Repair.LETTERS_AS_DIGITS),
        ("B50", 850.0, Repair.LETTERS_AS_DIGITS),
        ("255..00", 255.0, Repair.DOUBLED_SEPARATOR),
        ("1,,200.00", 1200.0, Repair.DOUBLED_SEPARATOR),
        ("O..00", 0.0, Repair.DOUBLED_SEPARATOR),
    ],
)
def test_ocr_damage_is_repaired_and_named(raw, value, repair):
    r = parse_number(raw, MX)
    assert r.status is Status.REPAIRED
    assert r.value == value
    assert repair in r.repairs


def test_a_lost_separator_is_ambiguous_unless_the_column_decides():
    # '1,206528' is 1,206,528 with a separator lost, or 1.206528 with a decimal comma
    r = parse_number("1,206528", MX)
    assert r.status is Status.AMBIGUOUS and r.value is None
    assert set(r.candidates) == {1206528.0, 1.206528}
    integers = NumberFormat(decimal=".", thousands=", ", decimals=0)  # a column of counts
    r = parse_number("1,206528", integers)
    assert (r.status, r.value, r.repairs) == (Status.REPAIRED, 1206528.0, (Repair.LOST_GROUP_SEPARATOR,))


def test_space_grouping_is_a_repair_where_the_column_groups_with_commas_only():
    r = parse_number("1 206 528", NumberFormat(decimal=".", thousands=","))
    assert (r.status, r.value, r.repairs) == (Status.REPAIRED, 1206528.0, (Repair.THOUSANDS_SEPARATOR,))


def test_a_lost_decimal_point_needs_the_column_to_say_so():
    two_decimals = NumberFormat(decimal=".", thousands=",", decimals=2)
    # printed '2.00', read '200': in a 0-100 percent column only 2.00 fits
    r = parse_number("200", two_decimals.with_range(0, 100))
    assert (r.status, r.value, r.repairs) == (Status.REPAIRED, 2.0, (Repair.DECIMAL_POINT_LOST,))
    # without a range, 200 printed without its decimals is as likely: say so
    r = parse_number("200", two_decimals)
    assert r.status is Status.AMBIGUOUS and set(r.candidates) == {200.0, 2.0}
    # and a column that says nothing about decimals reads 200
    assert parse_number("200", MX).value == 200.0


def test_a_digit_run_outside_the_range_offers_the_points_that_fit():
    r = parse_number("192", MX.with_range(0, 100))  # '19.2' with the point lost, or 1.92
    assert r.status is Status.AMBIGUOUS
    assert {19.2, 1.92} <= set(r.candidates)
    assert 192.0 not in r.candidates


def test_a_whole_score_in_a_three_decimal_column_is_not_a_lost_point():
    three = NumberFormat(decimal=",", thousands=".", range=(0, 10), decimals=3)
    r = parse_number("10", three)
    assert (r.value, r.repairs) == (10.0, (Repair.DECIMALS_MISSING,))
    assert parse_number("9583", three).value == 9.583


def test_scores_with_decimal_comma():
    assert parse_number("9,583", SCORES).value == 9.583
    assert parse_number("9,583", SCORES).clean
    assert parse_number("10,000", SCORES).value == 10.0
    assert parse_number("8,75", SCORES).value == 8.75


def test_ten_thousand_in_a_count_column_and_ten_in_a_score_column():
    assert parse_number("10,000", MX).value == 10000.0
    assert parse_number("10,000", MX).clean
    assert parse_number("10,000", SCORES).value == 10.0
    # a column declared with a decimal point but a 0-10 range: the comma can only be decimal
    r = parse_number("9,583", MX.with_range(0, 10))
    assert (r.value, r.repairs) == (9.583, (Repair.DECIMAL_SEPARATOR,))


def test_thousands_in_another_column_of_a_decimal_comma_document():
    r = parse_number("1,206,528", DECIMAL_COMMA)
    assert r.value == 1206528.0 and r.repairs == (Repair.THOUSANDS_SEPARATOR,)
    assert parse_number("1.206.528,50", DECIMAL_COMMA).value == 1206528.5


def test_unknown_format_never_guesses():
    r = parse_number("9,583", UNKNOWN)
    assert r.status is Status.AMBIGUOUS and r.value is None
    assert set(r.candidates) == {9583.0, 9.583}
    assert parse_number("1,206,528", UNKNOWN).value == 1206528.0
    assert parse_number("1,234.56", UNKNOWN).value == 1234.56
    assert parse_number("1.234,56", UNKNOWN).value == 1234.56


@pytest.mark.parametrize("raw", ["N/A", "n/a", "N.A.", "-", "—", "", "  ", "S/D", "No aplica"])
def test_explicit_no_value_is_missing(raw):
    r = parse_number(raw, SCORES)
    assert r.status is Status.MISSING and r.value is None


def test_out_of_range_and_invalid():
    r = parse_number("15,5", SCORES)
    assert r.status is Status.OUT_OF_RANGE and r.value is None and r.candidates == (15.5,)
    # a digit run may have lost its point: '1.5' printed, never 15 (nor 0.15, printed '015')
    r = parse_number("15", SCORES)
    assert (r.status, r.value, r.repairs) == (Status.REPAIRED, 1.5, (Repair.DECIMAL_POINT_LOST,))
    assert parse_number("Porcentaje", MX).status is Status.INVALID
    assert parse_number("Sol", MX).status is Status.INVALID  # look-alikes but no digit: a word
    assert parse_number("12,34", NumberFormat(decimal=".", thousands=",", decimals=0)).status is Status.INVALID


def test_letters_can_be_refused():
    assert parse_number("2O19", MX, ocr_letters=False).status is Status.INVALID


def test_explain_says_what_was_read_and_why():
    text = parse_number("1.216,904", MX).explain()
    assert "1216904" in text and "separadores de miles mezclados" in text
    assert "9583 o 9.583" in parse_number("9,583", UNKNOWN).explain()
    assert parse_number("1,216,904", MX).explain() == ""


def test_parse_value_is_the_value_or_none():
    assert parse_value("1,216,904") == 1216904.0
    assert parse_value("1,206528") is None
    assert parse_value("N/A") is None


def test_percentages_in_prose():
    text = "Se logra el 120.55% de la meta; en la meta timestral 129,56%) y el 124 28%, de 2024."
    found = find_percents(text)
    assert [r.value for _, r in found] == [120.55, 129.56, 124.28]
    assert all(r.percent for _, r in found)
    assert [r.status for _, r in found] == [Status.CLEAN, Status.REPAIRED, Status.REPAIRED]
    (start, end), _ = found[0]
    assert text[start:end] == "120.55%"


@pytest.mark.parametrize(
    "raw, value",
    [
        # the real OCR seeds' look-alikes: '€00' for 600, '1]' for 11, '(]' for 0
        ("€00", 600.0),
        ("1]", 11.0),
        ("12.0(]", 12.0),
        ("104.(]0", 104.0),
        # one mark read as the other, where the last group cannot be thousands
        ("1,159,00", 1159.0),
        ("2.803.46", 2803.46),
    ],
)
def test_ocr_look_alikes_and_swapped_marks_are_read_back(raw, value):
    r = parse_number(raw, MX)
    assert (r.status, r.value) == (Status.REPAIRED, value)


def test_thousands_whose_decimal_point_was_lost_offer_both_readings():
    # '100,918.00' read '100,91800': thousands with a lost point, or a decimal comma; the row decides
    r = parse_number("100,91800", MX)
    assert r.status is Status.AMBIGUOUS and set(r.candidates) == {100918.0, 100.918}
    assert set(parse_number("6,00683", MX).candidates) == {6006.83, 6.00683}
    # a whole group of thousands that lost its separator is not read as decimals
    assert 1206.528 not in parse_number("1,206528", MX).candidates
    # nor where the comma is the column's decimal mark
    assert parse_number("9,5830", SCORES).candidates == (9.583,)


def test_a_stroke_after_a_number_is_a_one_or_the_cells_ruling_and_both_stay_candidates():
    # '760|': on a ruled scan the cell's right ruling glued to the number it touches (dev MIR
    # scan 98), in OCR'd text of an unruled table more often a 1 read as a stroke
    plain = parse_number("760|")
    assert (plain.value, plain.status) == (7601.0, Status.REPAIRED) and 760.0 in plain.candidates
    ruled = parse_number("760|", rule_strokes=True)
    assert ruled.value == 760.0 and 7601.0 in ruled.candidates
    assert Repair.RULE_STROKE in ruled.repairs and "regla" in ruled.explain()
    # a stroke before the number is a 1 either way: the ruling on a cell's left is far from it
    assert parse_number("|5", rule_strokes=True).value == 15.0
    # a number whose stroke reading is no number still reads
    assert parse_number("853.81|", rule_strokes=True).value == 853.81


def test_a_space_inside_one_number_is_read_through_and_a_space_between_two_is_not():
    # a heavy scan split one cell's number (generated MIR scan 7112)
    for raw, value in (("11,8 38", 11838.0), ("15,864. 91", 15864.91)):
        r = parse_number(raw, MX)
        assert (r.value, r.status) == (value, Status.REPAIRED) and Repair.SPACE_IN_NUMBER in r.repairs
    # two cells merged: each piece reads as printed ('170.00 17000'), so no one number is made
    assert parse_number("170.00 17000", MX).value is None
    # a token that reads as it is keeps its reading
    assert parse_number("52 830.00", MX).repairs == ()

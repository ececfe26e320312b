"""A column's number format decided from its own values."""

from papeleo.text.columns import infer_number_format
from papeleo.text.numbers import Repair, Status, parse_number


def test_score_column_of_d_comma_ddd_values_in_0_10_has_a_decimal_comma():
    column = ["9,583", "10,000", "8,750", "N/A", "7,125"]
    inf = infer_number_format(column, expected_range=(0, 10))
    assert inf.decided
    assert inf.format.decimal == ","
    assert inf.format.decimals == 3
    values = [parse_number(t, inf.format).value for t in column]
    assert values == [9.583, 10.0, 8.75, None, 7.125]
    assert parse_number("N/A", inf.format).status is Status.MISSING


def test_the_same_values_without_a_range_are_undecided_and_read_as_ambiguous():
    inf = infer_number_format(["9,583", "10,000", "8,750"])
    assert not inf.decided
    assert inf.format.decimal is None
    assert parse_number("9,583", inf.format).status is Status.AMBIGUOUS


def test_a_repeated_comma_proves_a_count_column():
    inf = infer_number_format(["10,000", "1,206,528", "350"])
    assert inf.decided and inf.format.decimal == "."
    assert parse_number("10,000", inf.format).value == 10000.0


def test_damaged_values_do_not_outvote_the_clean_ones():
    column = ["1,216,904", "1.216,904", "1,206528", "52 830.00", "2,350", "700,712"]
    inf = infer_number_format(column)
    assert inf.decided and inf.format.decimal == "."
    assert parse_number("1.216,904", inf.format).value == 1216904.0
    assert parse_number("2,350", inf.format).value == 2350.0


def test_a_column_that_disagrees_reports_the_dissent():
    inf = infer_number_format(["85.5", "12.25", "129,56"])
    assert inf.format.decimal == "."
    assert len(inf.evidence) == 2
    assert len(inf.dissent) == 1 and "129,56" in inf.dissent[0]


def test_fixed_decimals_find_the_lost_point():
    column = ["19.20", "2.00", "200", "45.50", "100.00"]
    inf = infer_number_format(column, expected_range=(0, 100))
    assert inf.format.decimal == "." and inf.format.decimals == 2
    r = parse_number("200", inf.format)
    assert (r.value, r.repairs) == (2.0, (Repair.DECIMAL_POINT_LOST,))


def test_a_column_mixing_integers_and_decimals_has_no_fixed_decimals():
    inf = infer_number_format(["3500000", "85.5", "2846", "72"])
    assert inf.format.decimal == "."
    assert inf.format.decimals is None


def test_plain_integers_decide_nothing_and_still_read():
    inf = infer_number_format(["72", "16", "20"])
    assert not inf.decided
    assert [parse_number(t, inf.format).value for t in ["72", "16", "20"]] == [72.0, 16.0, 20.0]


def test_a_range_can_prove_thousands_too():
    inf = infer_number_format(["1,500", "2,350"], expected_range=(100, 10_000_000))
    assert inf.decided and inf.format.decimal == "."
    assert parse_number("1,500", inf.format).value == 1500.0


def test_one_damaged_value_does_not_turn_a_column_of_thousands_decimal() -> None:
    # validation MIR scan 1025: '1,1174' (OCR doubled a digit of '1,174') among thousands
    column = ["371", "7,604", "292", "1,239", "3,021", "87,075", "1,593", "1,1174"]
    inferred = infer_number_format(column)
    assert not inferred.decided
    # two proofs decide, as before, and so does one that outnumbers the lone 'd,ddd' values
    assert infer_number_format(["7,604", "12,5", "3,75"]).format.decimal == ","
    assert infer_number_format(["12,5", "8"]).format.decimal == ","

"""Spanish dates and periods, with their precision; reference numbers are not dates."""

import datetime as dt

import pytest

from papeleo.text.dates import Precision, find_dates, last_day_of_month, month_of, parse_date

D = dt.date


@pytest.mark.parametrize(
    "text, value, precision, first",
    [
        ("31 de Julio de 2019", D(2019, 7, 31), Precision.DAY, D(2019, 7, 31)),
        ("Julio 2019", D(2019, 7, 31), Precision.MONTH, D(2019, 7, 1)),
        ("Julio de 2019", D(2019, 7, 31), Precision.MONTH, D(2019, 7, 1)),
        ("septiembre 2019", D(2019, 9, 30), Precision.MONTH, D(2019, 9, 1)),
        ("febrero de 2020", D(2020, 2, 29), Precision.MONTH, D(2020, 2, 1)),
        ("primer trimestre de 2020", D(2020, 3, 31), Precision.QUARTER, D(2020, 1, 1)),
        ("IV Trimestre 2023", D(2023, 12, 31), Precision.QUARTER, D(2023, 10, 1)),
        ("segundo trimestre del ejercicio fiscal 2019", D(2019, 6, 30), Precision.QUARTER, D(2019, 4, 1)),
        ("ejercicio fiscal 2019", D(2019, 12, 31), Precision.YEAR, D(2019, 1, 1)),
        ("27 de mayo del 2022", D(2022, 5, 27), Precision.DAY, D(2022, 5, 27)),
        ("21 de agosto del año 2023", D(2023, 8, 21), Precision.DAY, D(2023, 8, 21)),
        ("21 de agosto del ano 2023", D(2023, 8, 21), Precision.DAY, D(2023, 8, 21)),
        ("1o. de julio de 2019", D(2019, 7, 1), Precision.DAY, D(2019, 7, 1)),
        ("1º de julio de 2019", D(2019, 7, 1), Precision.DAY, D(2019, 7, 1)),
        ("30 treinta de octubre de 2015", D(2015, 10, 30), Precision.DAY, D(2015, 10, 30)),
        ("23/02/2017", D(2017, 2, 23), Precision.DAY, D(2017, 2, 23)),
        ("15-03-2024", D(2024, 3, 15), Precision.DAY, D(2024, 3, 15)),
        ("31-dic-2019", D(2019, 12, 31), Precision.DAY, D(2019, 12, 31)),
        ("2019-07-31", D(2019, 7, 31), Precision.DAY, D(2019, 7, 31)),
        ("29 de febrero de 2020", D(2020, 2, 29), Precision.DAY, D(2020, 2, 29)),
    ],
)
def test_one_date_with_its_precision(text, value, precision, first):
    d = parse_date(text)
    assert d is not None
    assert (d.value, d.precision, d.period_start) == (value, precision, first)
    assert not d.is_range and not d.year_inferred
    assert d.iso == value.isoformat()


def test_a_period_resolves_to_its_end_and_keeps_its_start():
    d = parse_date("diciembre 2019 – marzo 2020")
    assert (d.value, d.precision, d.period_start) == (D(2020, 3, 31), Precision.MONTH, D(2019, 12, 1))
    assert d.is_range and d.range_from.value == D(2019, 12, 31)
    d = parse_date("septiembre 2018 a agosto 2019")
    assert (d.period_start, d.value) == (D(2018, 9, 1), D(2019, 8, 31))
    assert d.raw == "septiembre 2018 a agosto 2019"


def test_a_period_start_without_year_takes_the_end_year():
    d = parse_date("enero a marzo de 2020")
    assert (d.period_start, d.value) == (D(2020, 1, 1), D(2020, 3, 31))
    d = parse_date("diciembre a marzo de 2020")  # December comes before March: the year before
    assert (d.period_start, d.value) == (D(2019, 12, 1), D(2020, 3, 31))
    d = parse_date("del 1 al 15 de junio de 2022")
    assert (d.period_start, d.value, d.precision) == (D(2022, 6, 1), D(2022, 6, 15), Precision.DAY)


def test_a_label_around_the_date_is_not_part_of_it():
    d = parse_date("Fecha de corte: 30 de junio de 2024")
    assert d.value == D(2024, 6, 30)
    assert d.raw == "30 de junio de 2024"
    text = "Fecha de corte: 30 de junio de 2024"
    assert text[d.span[0] : d.span[1]] == d.raw


def test_a_day_without_year_takes_the_year_of_the_date_before_it():
    text = "El 27 de mayo del 2022 se visitó el hospital; el 1 de junio se revisaron los expedientes."
    found = find_dates(text)
    assert [d.value for d in found] == [D(2022, 5, 27), D(2022, 6, 1)]
    assert [d.year_inferred for d in found] == [False, True]
    assert found[1].raw == "1 de junio"


def test_a_day_without_year_and_without_context_needs_a_default_year():
    assert parse_date("1 de junio") is None
    d = parse_date("1o. de julio", default_year=2019)
    assert d.value == D(2019, 7, 1) and d.year_inferred


def test_the_year_printed_nearby_wins_over_the_default():
    found = find_dates("30 de junio de 2024 y 1 de julio", default_year=2019)
    assert found[1].value == D(2024, 7, 1)


@pytest.mark.parametrize(
    "text",
    [
        "31 de junio de 2020",  # June has 30 days
        "29 de febrero de 2019",  # not a leap year
        "30/02/2019",
        "02/23/2017",  # month first is not how these documents write
        "Oficio SFP-DGA-01-02-2019",  # a reference number
        "IEM/CV/SPE/07/2020",
        "OF/12/03/2019/B",
        "la mayoría de los asistentes",
        "Calle Cinco de Mayo",  # a month with no year
        "PMD 2021-2024",
        "en marzo",
    ],
)
def test_not_dates(text):
    assert find_dates(text) == []
    assert parse_date(text) is None


def test_an_impossible_day_does_not_leave_its_month_behind():
    found = find_dates("El 31 de junio de 2020 se firmó; Julio 2019 es la meta.")
    assert [(d.raw, d.precision) for d in found] == [("Julio 2019", Precision.MONTH)]


def test_several_different_dates_are_not_one_field():
    assert parse_date("1 de enero de 2019 y 5 de marzo de 2020") is None
    assert len(find_dates("1 de enero de 2019 y 5 de marzo de 2020")) == 2


def test_a_bare_year_cell():
    d = parse_date("2019")
    assert (d.value, d.precision, d.period_start) == (D(2019, 12, 31), Precision.YEAR, D(2019, 1, 1))


def test_dates_in_running_text_in_order_with_spans():
    text = (
        "Convenio firmado el 23/02/2017, con compromiso a Julio de 2019 y seguimiento en el primer trimestre de 2020."
    )
    found = find_dates(text)
    assert [d.iso for d in found] == ["2017-02-23", "2019-07-31", "2020-03-31"]
    assert all(text[d.span[0] : d.span[1]] == d.raw for d in found)


def test_month_helpers():
    assert month_of("Septiembre") == 9
    assert month_of("setiembre") == 9
    assert month_of("dic.") == 12
    assert month_of("Lunes") is None
    assert last_day_of_month(2020, 2) == D(2020, 2, 29)
    assert last_day_of_month(2019, 12) == D(2019, 12, 31)


def test_a_month_name_ocr_damaged_is_read_only_when_long_enough_to_be_one_month():
    from papeleo.text.dates import damaged_month_of

    assert damaged_month_of("septiembra") == 9
    assert damaged_month_of("diclembre") == 12
    assert damaged_month_of("Octubre,") == 10
    # one letter apart: 'junio' / 'julio' — a short name matches only as printed
    assert damaged_month_of("jullo") is None
    assert damaged_month_of("julio") == 7
    assert damaged_month_of("de") is None


@pytest.mark.parametrize(
    "text,day",
    [
        ("15 cle Julio de 2019", 15),
        ("1 dc octubre 2017", 1),
        ("31 de diciembre de 2025", 31),
        ("30 de Septiembre dc 2021", 30),  # the 'de' before the year, too
        ("28 de Noviembre cle 2019", 28),
        ("28 de Abril deI 2026", 28),  # the 'l' of 'del' read as 'I' (ASM dev OCR'd text 138)
        ("15 de Mayo de1 2019", 15),  # ... or as '1'
    ],
)
def test_the_de_before_the_month_as_ocr_misreads_it_still_joins_the_day(text, day):
    # 'd' read as 'cl' and 'e' as 'c': the day before them is still this date's day, not debris
    d = parse_date(text)
    assert d is not None and d.precision == Precision.DAY and d.value.day == day


def test_a_word_that_only_looks_like_de_is_no_connector_elsewhere():
    # 'ce' is no 'de' look-alike ('d'/'cl' then 'e'/'c'): the month alone is what is read
    d = parse_date("15 ce Julio de 2019")
    assert d is not None and d.precision == Precision.MONTH


@pytest.mark.parametrize(
    "text,value,read",
    [
        ("30 de Septiembre de 20Z1", dt.date(2021, 9, 30), ("20Z1", "2021")),
        ("Z8 de julio de 2022", dt.date(2022, 7, 28), ("Z8", "28")),
        ("3I de Octubre de 2022", dt.date(2022, 10, 31), ("3I", "31")),
        ("0l/07/2018", dt.date(2018, 7, 1), ("0l", "01")),
        ("A6ril 2026", dt.date(2026, 4, 30), ("A6ril", "abril")),
        ("31 de diciernbre de 2025", dt.date(2025, 12, 31), ("diciernbre", "diciembre")),
        ("tercer trimestre de.2019", dt.date(2019, 9, 30), ("de.2019", "de 2019")),  # ASM dev scan 13
        ("31 de'Agosto de 2018", dt.date(2018, 8, 31), ("de'Agosto", "de Agosto")),  # ASM dev scan 36
        ("5egundo Semestre 2022", dt.date(2022, 12, 31), ("5egundo", "segundo")),  # ASM OCR'd text 7911
        ("prirner trimestre de 2019", dt.date(2019, 3, 31), ("prirner", "primer")),  # ASM OCR'd text 131
        ("primer semestrc 2025", dt.date(2025, 6, 30), ("semestrc", "semestre")),  # ASM OCR'd text 199
        ("Sagundo Semestre 2024", dt.date(2024, 12, 31), ("Sagundo", "segundo")),  # ASM OCR'd text 204
        ("3O de Junio 2025", dt.date(2025, 6, 30), ("3O", "30")),  # ASM OCR'd text 126: not '3o', the 3rd
    ],
)
def test_a_damaged_date_field_read_back_with_its_repairs(text, value, read):
    from papeleo.text import parse_damaged_date

    got = parse_damaged_date(text)
    assert got is not None and got.match.value == value and read in got.repairs


@pytest.mark.parametrize(
    "text",
    [
        "31 de julio de 2022",  # nothing to repair: parse_date's
        "a0 de junio 2017",  # 'a' is no digit's look-alike
        "80 de noviembre del 2022",  # no such day
        "20S1",  # 2051: a repair that makes a year out of span is no reading
        "Mavo de 2024",  # a short month's name is not matched fuzzily ('marzo'/'mayo'); only an l/i swap is
        "01.07.2019",  # a mark between two digits is the date's own separator: nothing to repair
        "Segundo Trlmcstre 2023",  # two slips in a period's noun: one is read back, not two
        "Sagundo 2024",  # an ordinal one letter off is read only before its period's noun
        "Semestre 2O22",  # a period word needs its ordinal: no repair makes one up
    ],
)
def test_a_damaged_date_that_repairs_cannot_read_stays_unread(text):
    from papeleo.text import parse_damaged_date

    assert parse_damaged_date(text) is None


def test_a_day_of_look_alike_letters_is_read_only_before_its_de():
    from papeleo.text import parse_damaged_date

    got = parse_damaged_date("l de enero del 2023")
    assert got is not None and got.match.value == dt.date(2023, 1, 1) and got.repairs == (("l", "1"),)
    assert parse_damaged_date("Sol de enero 2023") is None  # a word, not a day


def test_a_misread_del_before_the_year_still_gives_the_year():
    d = parse_date("Marzo dal 2023")
    assert d is not None and d.value == dt.date(2023, 3, 31) and d.precision == Precision.MONTH


def test_a_short_month_name_with_an_l_and_i_swapped_is_read_back_and_reported() -> None:
    # ASM dev OCR'd text 48 and 98: 'Abrll', 'junlo' (too short for edit distance: 'junio' and
    # 'julio' are one letter apart, but no single l/i swap turns one month into another)
    from papeleo.text import parse_damaged_date

    got = parse_damaged_date("30 de Abrll de 2024")
    assert got is not None and got.match.value == dt.date(2024, 4, 30) and got.repairs == (("Abrll", "abril"),)
    got = parse_damaged_date("1 de junlo del 2022")
    assert got is not None and got.match.value == dt.date(2022, 6, 1)
    assert parse_damaged_date("Jurio 2020") is None  # not an l/i swap


def test_the_ordinal_mark_follows_day_one_only():
    # '1o. de julio' is the first; '3O de Junio' is a '30' OCR damaged, never the 3rd
    assert parse_date("1o. de julio de 2019").value == dt.date(2019, 7, 1)
    d = parse_date("3O de Junio 2025")
    assert d is None or d.value.day != 3


def test_the_signing_phrase_names_a_day():
    # 'a los N días del mes de ...': how Mexican agreements close; read as the day it names
    (d,) = find_dates("firmado a los 3 dias del mes de Junio del 2019.")
    assert (d.value, d.precision) == (dt.date(2019, 6, 3), Precision.DAY)


def test_a_month_named_between_slashes():
    (d,) = find_dates("Ciudad Tierra Nueva, 05/febrero/2018")
    assert (d.value, d.precision) == (dt.date(2018, 2, 5), Precision.DAY)


def test_quarters_can_be_left_out():
    # callers that give quarters no value (mentions) skip finding them: a third of the time
    assert [d.precision for d in find_dates("el primer trimestre de 2020")] == [Precision.QUARTER]
    assert find_dates("el primer trimestre de 2020", quarters=False) == []


def test_a_period_of_abbreviated_months():
    d = parse_date("PERIODO: Ene-Dic 2022")
    assert (d.period_start, d.value, d.precision) == (D(2022, 1, 1), D(2022, 12, 31), Precision.MONTH)
    d = parse_date("ene. a mar. de 2024")
    assert (d.period_start, d.value) == (D(2024, 1, 1), D(2024, 3, 31))

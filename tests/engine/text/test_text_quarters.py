"""Quarter ordinals and labels, and the days a quarter spans."""

import datetime as dt

import pytest

from papeleo.text.quarters import find_quarters, quarter_bounds, quarter_of


@pytest.mark.parametrize(
    "word, quarter",
    [
        ("T1", 1),
        ("2T", 2),
        ("1er", 1),
        ("2do", 2),
        ("3er", 3),
        ("4to", 4),
        ("3o", 3),
        ("2°", 2),
        ("1º.", 1),
        ("primer", 1),
        ("Primero", 1),
        ("segundo", 2),
        ("TERCER", 3),
        ("tercero", 3),
        ("cuarto", 4),
    ],
)
def test_quarter_labels_and_ordinals(word, quarter):
    assert quarter_of(word) == quarter


def test_ocr_damaged_ordinals_only_when_fuzzy():
    assert quarter_of("sequndo") is None
    assert quarter_of("sequndo", fuzzy=True) == 2
    assert quarter_of("cuarlo", fuzzy=True) == 4
    assert quarter_of("quinto", fuzzy=True) is None
    assert quarter_of("T5") is None
    assert quarter_of("Trimestral") is None
    assert quarter_of("PRIMERA.") is None  # an agreement's first clause, not a quarter


def test_quarter_bounds():
    assert quarter_bounds(2020, 1) == (dt.date(2020, 1, 1), dt.date(2020, 3, 31))
    assert quarter_bounds(2020, 2) == (dt.date(2020, 4, 1), dt.date(2020, 6, 30))
    assert quarter_bounds(2024, 4) == (dt.date(2024, 10, 1), dt.date(2024, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds(2020, 5)


@pytest.mark.parametrize(
    "text, quarter, year",
    [
        ("En el segundo trimestre da 2024 se logró", 2, 2024),
        ("Al sequnda lrimestre 2024", 2, 2024),
        ("IV Trimestre de 2023", 4, 2023),
        ("avance al 3er. trimestre", 3, None),
        ("el primer trimestre del ejercicio fiscal 2019", 1, 2019),
        ("Duranle el segunlo Irimestres se logra", 2, None),
        ("se realizaron en el pimer trmestre.", 1, None),
    ],
)
def test_find_quarters_in_prose(text, quarter, year):
    found = find_quarters(text)
    assert [(q.quarter, q.year) for q in found] == [(quarter, year)]
    assert text[found[0].start : found[0].end] == found[0].text


def test_find_quarters_ignores_ordinals_of_other_things():
    assert find_quarters("el segundo informe trimestral") == []
    assert find_quarters("la primera sesión del comité") == []

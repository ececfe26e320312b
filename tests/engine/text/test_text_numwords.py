"""Spanish numbers written in words."""

import pytest

# text2num is a new dependency of papeleo.text.numwords; until it is in pyproject.toml a
# fresh environment lacks it, and this says so instead of failing every other test's import
pytest.importorskip("text_to_num", reason="text2num is not installed (papeleo.text.numwords needs it)")

from papeleo.text.numbers import UNKNOWN  # noqa: E402
from papeleo.text.numwords import number_words_to_digits, words_to_number  # noqa: E402


@pytest.mark.parametrize(
    "text, value",
    [
        ("cien mil", 100_000),
        ("tres millones", 3_000_000),
        ("ciento veinte", 120),
        ("mil novecientos noventa y nueve", 1999),
        ("veintidós", 22),
        ("veintidos", 22),  # accent lost by OCR
        ("veintiún", 21),
        ("mil millones", 1_000_000_000),
        ("3.5 millones", 3_500_000),
        ("1,200 millones", 1_200_000_000),
        ("52 mil", 52_000),
        ("dos billones", 2_000_000_000_000),  # long scale: a billón is a million millions
        ("1.15 millones de", 1_150_000),
    ],
)
def test_words_to_number(text, value):
    assert words_to_number(text) == value


def test_a_decimal_comma_figure_in_a_document_that_uses_it():
    assert words_to_number("3,5 millones", UNKNOWN) == 3_500_000


@pytest.mark.parametrize("text", ["", "hola", "millones", "la meta"])
def test_not_number_phrases(text):
    assert words_to_number(text) is None


def test_number_words_in_prose_become_digits():
    assert number_words_to_digits("se atendieron ciento veinte personas") == "se atendieron 120 personas"

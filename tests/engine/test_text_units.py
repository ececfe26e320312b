"""The shared vocabulary of administrative units' first words (papeleo.text.units)."""

from __future__ import annotations

import pytest

from papeleo.text.units import unit_starts


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("del fondo Dirección General Realizar", ["Dirección"]),
        ("Jefaturas de División Julio 2018", ["Jefaturas"]),
        ("usuarios Direccion de Planeacion", ["Direccion"]),  # accents lost
        ("usuarios Dlrección General", ["Dlrección"]),  # one letter misread
        ("la Dicción de las palabras", []),  # a word one slip from a head is no head
        ("suscribir acuerdos de coordinación", []),  # lower case: a word of a sentence
    ],
)
def test_a_unit_s_first_word_is_found_as_printed_or_misread_once(text: str, starts: list[str]) -> None:
    assert [text[i:].split()[0] for i in unit_starts(text)] == starts

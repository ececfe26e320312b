"""Titles before a person's name (papeleo.text.people), as signature blocks print them."""

from __future__ import annotations

from papeleo.text.people import is_title_word


def test_titles_with_their_period_are_titles() -> None:
    for word in ("Licda.", "Lic.", "Mtro.", "Mtra.", "Dr.", "DRA.", "Ing.", "Arq.", "CP.", "C.P.", "Prof."):
        assert is_title_word(word), word


def test_words_of_a_finding_are_not() -> None:
    for word in ("Licitación", "Dr", "la", "Ing", "proyectos.", "CURP"):
        assert not is_title_word(word), word

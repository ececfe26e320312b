"""Accents, folding, hyphenated line breaks and digit/letter look-alikes."""

from papeleo.text.normalize import (
    dehyphenate,
    digits_to_letters,
    fold,
    fold_keep_offsets,
    fold_token,
    is_digitlike,
    join_lines,
    letters_to_digits,
    strip_accents,
    trim_punct,
)


def test_strip_accents_removes_marks_and_keeps_letters():
    assert strip_accents("Propósito Año ÍNDICE pingüino") == "Proposito Ano INDICE pinguino"


def test_fold_is_accentless_lowercase_with_collapsed_whitespace():
    assert fold("  Resumen\n   NARRATIVO  del   Propósito ") == "resumen narrativo del proposito"


def test_fold_keep_offsets_maps_one_character_to_one():
    text = "1º de Julio, ﬁn de AÑO"
    folded = fold_keep_offsets(text)
    assert len(folded) == len(text)
    assert folded == "1o de julio, ﬁn de ano"  # the 'ﬁ' ligature would unfold to two letters: kept


def test_trim_punct_and_fold_token_take_off_what_ocr_glues_to_a_word():
    assert trim_punct("|Actividad;") == "Actividad"
    assert trim_punct("(]") == ""
    assert fold_token("“Propósito”:") == "proposito"


def test_dehyphenate_rejoins_a_word_broken_across_lines():
    assert dehyphenate("la reco-\nmendación") == "la recomendación"
    assert dehyphenate("evalua-  \n  ción") == "evaluación"
    assert dehyphenate("pro¬\ngrama") == "programa"


def test_dehyphenate_keeps_hyphens_of_codes_and_numbers():
    assert dehyphenate("oficio SFP-\nDGA-01") == "oficio SFP-\nDGA-01"
    assert dehyphenate("COVID-\n19") == "COVID-\n19"


def test_join_lines_makes_one_paragraph():
    lines = ["Se recomienda a la Direc-", "ción de Recursos  ", "Humanos atender la reco-", "mendación."]
    assert join_lines(lines) == "Se recomienda a la Dirección de Recursos Humanos atender la recomendación."


def test_letters_to_digits_reads_look_alikes():
    assert letters_to_digits("2O19") == "2019"
    assert letters_to_digits("l.2O6") == "1.206"
    assert letters_to_digits("B5O") == "850"


def test_letters_to_digits_declines_when_nothing_or_something_else_is_there():
    assert letters_to_digits("2019") is None  # nothing to repair
    assert letters_to_digits("2x19") is None  # 'x' looks like no digit


def test_is_digitlike_needs_a_real_digit_and_a_majority():
    assert is_digitlike("2O19")
    assert is_digitlike("l5")
    assert not is_digitlike("Sol")  # all look-alikes, no digit: a word
    assert not is_digitlike("B")
    assert not is_digitlike("Meta2")


def test_digits_to_letters_repairs_acronyms():
    assert digits_to_letters("P5AL") == "PSAL"
    assert digits_to_letters("C0NAGUA") == "CONAGUA"
    assert digits_to_letters("PSAL") == "PSAL"


def test_name_case_sets_a_name_as_a_reader_writes_it():
    from papeleo.text import name_case

    assert name_case("SECRETARÍA DE FINANZAS DEL ESTADO DE LAGOS DEL PONIENTE") == (
        "Secretaría de Finanzas del Estado de Lagos del Poniente"
    )
    assert name_case("AL MINISTERIO DE SALUD") == "Al Ministerio de Salud"  # the first word keeps its capital


def test_fold_keep_offsets_is_one_character_for_one():
    # the translate table must give what the per-character fold gives, for any character
    from papeleo.text.normalize import _fold_char, fold_keep_offsets

    text = "Propósito ﬁn Ñandú İstanbul ß º Ⅻ ŉ"
    assert fold_keep_offsets(text) == "".join(_fold_char(c) for c in text)
    assert len(fold_keep_offsets(text)) == len(text)

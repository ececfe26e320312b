"""Fuzzy vocabularies: canonical terms from OCR-damaged words and phrases."""

from papeleo.text.vocab import DEFAULT_FLOOR, Vocabulary

NIVEL = Vocabulary(
    {
        "fin": [],
        "proposito": ["propósito", "propesita"],
        "componente": ["corponante"],
        "actividad": ["aclividad"],
    }
)


def test_an_exact_spelling_scores_100_whatever_its_case_accents_and_edge_punctuation():
    assert NIVEL.match("Aclividad") == ("actividad", 100.0)
    assert NIVEL.match("PROPÓSITO;") == ("proposito", 100.0)
    assert NIVEL.match("|Propósito") == ("proposito", 100.0)


def test_an_unlisted_misreading_matches_above_the_floor():
    term, score = NIVEL.match("activldad")
    assert term == "actividad"
    assert DEFAULT_FLOOR <= score < 100


def test_a_different_word_is_no_match():
    assert NIVEL.match("competencia") is None
    assert NIVEL.match("Porcentaje") is None
    assert NIVEL.match("") is None
    assert "Finanzas" not in NIVEL


def test_short_words_match_only_exactly_when_asked():
    header = Vocabulary({"meta": [], "anual": []}, exact_below=5)
    assert header.match("Meta") == ("meta", 100.0)
    assert header.match("neta") is None
    assert Vocabulary({"meta": []}, floor=70).match("neta") is not None  # one edit in four letters


def test_min_len_refuses_short_readings_even_exact():
    assert Vocabulary({"fin": []}, min_len=5).match("fin") is None


def test_on_a_tie_the_first_listed_term_wins():
    v = Vocabulary({"a": ["abcy"], "b": ["abcz"]}, floor=70)
    assert v.match("abcx")[0] == "a"


def test_a_plain_list_of_terms():
    v = Vocabulary(["mensual", "trimestral", "anual"])
    assert v.term_of("Trimesiral") == "trimestral"
    assert v.term_of("xyz") is None


def test_phrases_found_in_running_text_with_their_place():
    v = Vocabulary({"meta trimestral": [], "meta anual": []})
    text = "Mata Trimesiral: Se logra el 84.35% de la Meta Anual: 100%"
    found = v.find(text)
    assert [f.term for f in found] == ["meta trimestral", "meta anual"]
    assert found[0].start == 0 and found[0].text == "Mata Trimesiral:"
    assert text[found[1].start : found[1].end] == "Meta Anual:"


def test_phrases_split_or_joined_by_ocr_are_found():
    v = Vocabulary({"meta trimestral": []})
    assert [f.text for f in v.find("la Meta Trimes tral se")] == ["Meta Trimes tral"]
    assert [f.text for f in v.find("MetaTrimestral: se")] == ["MetaTrimestral:"]


def test_a_whole_phrase_matches_as_one():
    v = Vocabulary({"unidad de medida": ["unidad medida"]})
    assert v.term_of("Unidad de  Medlda") == "unidad de medida"


def test_accent_sensitive_vocabularies_count_an_accent_as_an_edit():
    plain = Vocabulary(["razon"], floor=80)
    strict = Vocabulary(["razon"], floor=80, accents=True)
    assert plain.match("RAZÓN") == ("razon", 100.0)
    assert strict.match("RAZÓN") == ("razon", 80.0)  # one substitution in five letters
    assert Vocabulary(["numero"], floor=85, accents=True).match("nmeró") is None
    assert Vocabulary(["numero"], floor=85).match("nmeró") is not None

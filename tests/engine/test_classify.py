"""The classifier: evidence kinds, the calibrated score, unknown for unrelated documents, the CLI.

Unrelated documents come from ``samples/gen/_unrelated.py`` (development seeds; the benchmark
uses validation seeds) and from short texts written here; family documents from the seeds and
from texts that use a format's printed vocabulary.
"""

from __future__ import annotations

import json
import sys
from importlib import resources

import pytest

from helpers import SAMPLES, SEEDS, make_document, requires_seeds
from papeleo import cli, registry
from papeleo.classify import (
    UNKNOWN,
    Calibration,
    classify,
    classify_text,
    counts_to_strength,
    decide,
    evidence_to_rules,
    load_calibration,
    strengths_to_probabilities,
    text_to_evidence,
)
from papeleo.context import process_context

_no_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen import _unrelated  # noqa: E402
from gen._generated import OCR_TEXT, TEXT_PDF  # noqa: E402

sys.dont_write_bytecode = _no_bytecode

SEED_TYPES = {  # from shared/seeds/README.md
    "000_d25be6a88549277e.txt": "informe_supervision",
    "002_75ab779a66a08885.txt": "convenio_asm",
    "003_7d2b415eb347f7ac.txt": "dictamen_puntajes",
    "004_5ffbe8bd8598b418.txt": "mir_avance",
}
FAMILIES = ("convenio_asm", "dictamen_puntajes", "informe_supervision", "mir_avance")

NOVEL = (
    "En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo que vivía un hidalgo de los de "
    "lanza en astillero, adarga antigua, rocín flaco y galgo corredor. Una olla de algo más vaca que carnero, salpicón "
    "las más noches, duelos y quebrantos los sábados, lantejas los viernes, algún palomino de añadidura los domingos, "
    "consumían las tres partes de su hacienda."
)
INVOICE = "INVOICE #4471\nBill to: Acme Corp\nDate: 2024-03-01\nItem Qty Price Total\nWidget 3 10.00 30.00\nTotal due: 35.00 USD"


def min_probability() -> float:
    return load_calibration().min_probability


@requires_seeds
@pytest.mark.parametrize("name,expected", sorted(SEED_TYPES.items()))
def test_seeds_classify_as_their_family(name, expected):
    result = classify_text((SEEDS / name).read_text("utf-8"))
    assert result.doc_type == expected, result.strengths
    assert min_probability() <= result.score <= 1


@pytest.mark.parametrize("text", [NOVEL, INVOICE, "", "12 34 56"])
def test_unrelated_text_is_unknown_with_a_low_score(text):
    result = classify_text(text)
    assert result.doc_type == UNKNOWN
    assert result.score < min_probability()  # never 'unknown 1.000', which reads as confidence


@pytest.mark.parametrize("seed", range(10))
def test_generated_unrelated_documents_are_unknown(seed, tmp_path):
    doc = _unrelated.generate(seed, tmp_path, (OCR_TEXT,))
    result = classify_text(doc.files[OCR_TEXT].read_text("utf-8"))
    assert result.doc_type == UNKNOWN, (doc.variant, result.reason, result.evidence)
    assert result.score == pytest.approx(result.probabilities[result.best], abs=1e-3)  # not 1 - it


def test_unrelated_generator_covers_every_kind_and_is_seeded(tmp_path):
    kinds = {_unrelated.kind_for(s) for s in range(len(_unrelated.KINDS))}
    assert kinds == set(_unrelated.KINDS)
    a = _unrelated.generate(7, tmp_path / "a", (TEXT_PDF, OCR_TEXT))
    b = _unrelated.generate(7, tmp_path / "b", (TEXT_PDF, OCR_TEXT))
    assert a.files[OCR_TEXT].read_bytes() == b.files[OCR_TEXT].read_bytes()
    assert a.files[TEXT_PDF].read_bytes() == b.files[TEXT_PDF].read_bytes()
    assert a.truth["documents"]["doc_type"] == UNKNOWN


def test_ocr_damaged_keywords_still_count():
    clean = classify_text(
        "Meta Trimestral: Se logra el 50% de la meta. Resumen narrativo. Matriz de Indicadores para Resultados"
    )
    garbled = classify_text(
        "Mata Trimesiral: Se logra el 50% de la meta. Resumen narratlvo. Matriz de lndicadores para Resultados"
    )
    assert clean.doc_type == garbled.doc_type == "mir_avance"


def test_one_shared_word_is_not_enough():
    # 'supervisión' alone appears in convenios, dictámenes and any oficio
    assert classify(make_document("La supervisión del proceso se hará cada mes.")).doc_type == UNKNOWN


def test_phrases_are_found_in_lines_that_lost_their_spaces_and_in_letter_spaced_titles():
    glued = "Procedimiento1.1.1\nResultado3conobservación\nlaEntidadFiscalizadanopresentó\n4Pliegosdeobservaciones"
    spaced = "I N F O R M E  D E  A U D I T O R Í A  E X T E R N A\nO b j e t i v o  d e  l a  a u d i t o r í a"
    for text in (glued, spaced):
        result = classify_text(text)
        assert result.doc_type == "informe_supervision", result.evidence


def _rules(items):
    return evidence_to_rules({"fam": tuple(items)}, process_context().nlp)


def test_near_items_count_only_parts_found_close_together():
    rules = _rules([{"id": "hdr", "weight": 3, "near": ["meta programada", "resultado alcanzado"], "window": 8}])
    close = "Indicador Meta Programada Variable 1 Resultado Alcanzado Variable 1"
    far = "Meta programada " + "palabra " * 40 + "resultado alcanzado"
    assert text_to_evidence(close, rules)["fam"] == {"hdr": 1}
    assert text_to_evidence(far, rules)["fam"] == {}


def test_negative_evidence_subtracts_and_a_strength_is_never_below_zero():
    weights = {"for": 3.0, "against": -4.0}
    assert counts_to_strength(weights, {"for": 1}) == 3.0
    assert counts_to_strength(weights, {"for": 1, "against": 1}) == 0.0
    assert counts_to_strength(weights, {"for": 4, "against": 1}) == pytest.approx(0.5)


CAL = Calibration(min_probability=0.5, scale=0.5, null_strength=8.0)


def test_probabilities_include_none_of_these():
    probs = strengths_to_probabilities({"a": 0.0, "b": 0.0}, CAL)
    assert sum(probs.values()) < 0.1  # no evidence: 'none of these' holds almost everything
    probs = strengths_to_probabilities({"a": 30.0, "b": 0.0}, CAL)
    assert probs["a"] > 0.99


def test_two_close_families_are_unknown_and_the_score_is_the_best_probability():
    doc_type, score, probs, reason = decide({"a": 20.0, "b": 20.0}, CAL)
    assert doc_type == UNKNOWN and score == round(max(probs.values()), 3) and "min_probability" in reason
    doc_type, score, _, _ = decide({"a": 20.0, "b": 5.0}, CAL)
    assert doc_type == "a" and score > 0.9


def test_classify_json_names_and_explains_every_number():
    data = json.loads(resources.files("papeleo").joinpath("data/classify.json").read_text("utf-8"))
    for key in ("min_probability", "scale", "null_strength"):
        assert isinstance(data[key], int | float) and data[f"_{key}"]
    assert 0 < data["min_probability"] < 1 and data["scale"] > 0
    assert "--calibrate" in data["_calibration"]  # says how it was fitted, so it can be refitted


def test_every_family_declares_well_formed_evidence():
    specs = registry.specs()
    for family in FAMILIES:
        items = specs[family].evidence
        ids = [i["id"] for i in items]
        assert len(ids) == len(set(ids)), family
        for item in items:
            kinds = {"phrase", "regex", "near"} & set(item)
            assert len(kinds) == 1 and isinstance(item["weight"], int | float), item
    # compiling them all is what load_rules does on first use; a bad regex would raise here
    assert classify_text("texto sin nada").doc_type == UNKNOWN


def test_cli_shows_the_family_score_evidence_and_why(tmp_path, capsys):
    src = tmp_path / "informe.txt"
    src.write_text(
        "INFORME DE SUPERVISIÓN\nProcuraduría de los Derechos Humanos\nObjetivo general\nObjetivos específicos\n"
        "Hallazgos\nConclusiones\nRecomendaciones\nVisita de supervisión al hospital.\n",
        "utf-8",
    )
    assert cli.main(["classify", str(src)]) == 0
    out = capsys.readouterr().out
    first = out.splitlines()[0].split()
    assert first[0] == "informe_supervision" and min_probability() <= float(first[1]) <= 1
    assert "why:" in out and "margin:" in out and "min_probability" in out and "none of these" in out
    assert "informe_supervision x1" in out  # an evidence item with how many times it was found


def test_cli_on_an_unrelated_file_is_unknown_with_a_low_score(tmp_path, capsys):
    src = tmp_path / "novela.txt"
    src.write_text(NOVEL, "utf-8")
    assert cli.main(["classify", str(src)]) == 0
    doc_type, score = capsys.readouterr().out.splitlines()[0].split()
    assert doc_type == UNKNOWN and float(score) < min_probability()

import pytest

from helpers import SEEDS, make_document, requires_seeds
from papeleo.classify import UNKNOWN, classify, classify_text

SEED_TYPES = {  # from shared/seeds/README.md
    "000_d25be6a88549277e.txt": "informe_supervision",
    "002_75ab779a66a08885.txt": "convenio_asm",
    "003_7d2b415eb347f7ac.txt": "dictamen_puntajes",
    "004_5ffbe8bd8598b418.txt": "mir_avance",
}

NOVEL = (
    "En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo que vivía un hidalgo de los de "
    "lanza en astillero, adarga antigua, rocín flaco y galgo corredor. Una olla de algo más vaca que carnero, salpicón "
    "las más noches, duelos y quebrantos los sábados, lantejas los viernes, algún palomino de añadidura los domingos, "
    "consumían las tres partes de su hacienda. Tenía en su casa una ama que pasaba de los cuarenta, y una sobrina que "
    "no llegaba a los veinte, y un mozo de campo y plaza, que así ensillaba el rocín como tomaba la podadera."
)
INVOICE = "INVOICE #4471\nBill to: Acme Corp\nDate: 2024-03-01\nItem Qty Price Total\nWidget 3 10.00 30.00\nTotal due: 35.00 USD"


@requires_seeds
@pytest.mark.parametrize("name,expected", sorted(SEED_TYPES.items()))
def test_seeds_classify_as_their_family(name, expected):
    result = classify_text((SEEDS / name).read_text("utf-8"))
    assert result.doc_type == expected, result.strengths
    assert 0.5 < result.score <= 1


@pytest.mark.parametrize("text", [NOVEL, INVOICE, "", "12 34 56"])
def test_unrelated_text_is_unknown(text):
    assert classify_text(text).doc_type == UNKNOWN


def test_ocr_damaged_keywords_still_count():
    clean = classify_text("Meta Trimestral: Se logra el 50% de la meta. Resumen narrativo. Matriz de Indicadores")
    garbled = classify_text("Mata Trimesiral: Se logra el 50% de la meta. Resumen narratlvo. Matriz de lndicadores")
    assert clean.doc_type == garbled.doc_type == "mir_avance"


def test_one_shared_word_is_not_enough():
    # 'supervisión' alone appears in convenios and dictámenes too
    assert classify(make_document("La supervisión del proceso se hará cada mes.")).doc_type == UNKNOWN

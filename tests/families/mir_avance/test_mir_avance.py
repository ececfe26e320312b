"""extractors/mir_avance/: rows from garbled MIR reports, each number backed by a check.

Expected values come from reading the fixtures (``fixtures/`` beside this file, see its
README), seed 004 and the hand-read goldens (``goldens/``) — never from the extractor's
output. A golden that is missing fails its test: the goldens live in this repository, so
their absence is a broken checkout, not a reason to skip. Only the shared seed documents,
which live outside the repository, may be absent (``requires_seeds``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from extractors.mir_avance import extract
from helpers import SAMPLES, SEEDS, make_document, requires_seeds
from papeleo.context import process_context
from papeleo.model import BBox, Document, Page, Word
from papeleo.registry import Extraction
from schemas.indicators import DATASET
from scoring import Floors, assert_score
from scoring_specs import MIR_NUMERIC, SPECS

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
GOLDENS = HERE / "goldens"
SEED = SEEDS / "004_5ffbe8bd8598b418.txt"
SEED_GOLDEN = GOLDENS / "seeds" / "004_5ffbe8bd8598b418.indicators.json"


def run(doc: Document) -> Extraction:
    return extract(doc, process_context())


def rows_of(text: str) -> list[dict]:
    """Records of a plain-text document: one Page per form-feed chunk, one Line per line."""
    return run(make_document(text)).records


def by_siglas(records: list[dict]) -> dict[str, dict]:
    return {r["siglas"]: r for r in records if r.get("siglas")}


def vals(r: dict, *fields: str) -> list:
    return [r[f] for f in fields]


@pytest.fixture(scope="module")
def wide() -> dict[str, dict]:
    return by_siglas(rows_of((FIXTURES / "wide_garbled.txt").read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def scattered() -> dict[str, dict]:
    return by_siglas(rows_of((FIXTURES / "scattered.txt").read_text(encoding="utf-8")))


# --- (a) one hard case per test -------------------------------------------------------


def test_scattered_cells_are_aligned_to_their_rows(scattered):
    # the 480..94 block follows PSTC's heading but belongs to PSI (94 of 120 = 78.33%)
    assert vals(scattered["PSI"], "meta_anual", "programado_t1", "programado_t2", "alcanzado_t1", "alcanzado_t2") == [
        480,
        120,
        120,
        152,
        94,
    ]
    assert vals(scattered["PSTC"], "meta_anual", "programado_t1", "programado_t2", "alcanzado_t1", "alcanzado_t2") == [
        800,
        200,
        200,
        145,
        147,
    ]
    # p3/p4 of PSI and PSTC were not printed and nothing places them
    assert scattered["PSI"]["programado_t3"] is None and scattered["PSTC"]["programado_t4"] is None
    assert [scattered[s]["clave"] for s in ("PSIB", "PSI", "PSTC", "PSTA")] == [
        "4.1.2.1.5",
        "4.1.2.1.5.1",
        "4.1.2.1.5.2",
        "4.1.2.1.5.3",
    ]


def test_code_without_dots_is_read_from_the_hierarchy(wide):
    assert wide["PAQ"]["clave"] == "3.2.1.1.1.4"  # printed '321114'
    assert "clave:corregido" in wide["PAQ"]["corrected"]


def test_duplicated_code_first_occurrence_takes_the_gap(wide):
    assert wide["PRE"]["clave"] == "3.2.1.1.1.2"  # printed '3.2.1.1.1.3', as is the next row
    assert wide["PER"]["clave"] == "3.2.1.1.1.3"
    assert wide["PSA"]["clave"] == "3.2.1.1.1.5" and "clave:imputado" in wide["PSA"]["corrected"]


def test_misread_digits_repaired_only_when_a_check_confirms(wide):
    r = wide["PRE"]  # 'Trimestral 125 a1 a1 31 32 b7 36'
    assert vals(r, "meta_anual", "programado_t1", "programado_t2", "programado_t3", "programado_t4") == [
        125,
        31,
        31,
        31,
        32,
    ]
    assert "programado_t1:corregido" in r["corrected"] and "suma_programado=ok" in r["checks"]
    # 'b7' is confirmed by nothing: it stays null, and the note says why
    assert r["alcanzado_t1"] is None and "'b7'" in r["comentario_extraccion"]
    # '3' for 31: the only one-cell repair that makes Σp = 79
    assert wide["PER"]["programado_t3"] == 31 and "programado_t3:corregido" in wide["PER"]["corrected"]
    assert wide["PER"]["alcanzado_t1"] == 1  # printed, unchecked, nothing contradicts it


def test_conflict_between_table_and_commentary_is_recorded(wide, scattered):
    for r in (wide["PAQ"], scattered["PSTA"]):
        # table 783; commentary 763 and 101.73% of 750 agree on 763
        assert r["alcanzado_t2"] == 763
        assert "alcanzado_t2:corregido" in r["corrected"]
        assert "alcanzado_t2_fuentes=conflict" in r["checks"]
        assert "783" in r["comentario_extraccion"]
        assert r["avance_pct"] == 101.73


def test_missing_value_is_imputed_and_flagged(wide):
    r = wide["PSA"]  # 'Trimestral 100 200 300 400 90 210': the meta anual cell is missing
    assert r["meta_anual"] == 1000 and "meta_anual:imputado" in r["corrected"]
    assert vals(r, "programado_t1", "programado_t4", "alcanzado_t1", "alcanzado_t2") == [100, 400, 90, 210]
    # a mangled cell repaired from the commentary's N and its X%
    prs = wide["PRS"]
    assert prs["alcanzado_t2"] == 212 and "alcanzado_t2:corregido" in prs["corrected"]


def test_value_nothing_determines_stays_null():
    text = "\n".join(
        [
            "1.1.1 Contribuir al bienestar",
            "Fin",
            "1.1.1.1.1 Servicios brindados PSB: Porcentaje de servicios",
            "Componente Trimestral 400 100 100 b 100 95 q8",
        ]
    )
    r = by_siglas(rows_of(text))["PSB"]
    # p3 'b' could be anything Σp allows: 100; q8 has no check and no commentary
    assert r["programado_t3"] == 100 and "programado_t3:corregido" in r["corrected"]
    assert r["alcanzado_t2"] is None


def test_commentary_attached_by_numbers_and_order():
    text = "\n".join(
        [
            "1.1.1 Fin del programa",
            "Fin",
            "1.1.1.1.1 Obras realizadas PO: Porcentaje de obras",
            "Componente Trimestral 40 10 10 10 10 9 8",
            "1.1.1.1.1.1 Supervision PS: Porcentaje de supervisiones",
            "Actividad Trimestral 400 100 100 100 100 90 120",
            "",
            "Meta Trimestral: Se logra el 80% de la meta al terminar 8 obras de 10 programadas.",
            "",
            "Meta Trimestral: Se logra el 50% al pavimentar 3,500 metros de un total de 7,000 programados.",
            "",
            "Meta Trimestral: Se logra el 120% al realizar 120 supervisiones de un total de 100 programadas.",
        ]
    )
    rows = by_siglas(rows_of(text))
    # the middle commentary's numbers fit no row: it is left unplaced, not forced by order
    assert rows["PO"]["avance_pct"] == 80 and rows["PS"]["avance_pct"] == 120
    assert "avance_comentario=ok" in rows["PO"]["checks"] and "avance_comentario=ok" in rows["PS"]["checks"]
    assert "3,500" not in (rows["PO"]["comentario"] + rows["PS"]["comentario"])


def test_commentary_placed_by_order_when_its_row_prints_no_numbers():
    def doc(middle_numbers: str) -> dict[str, dict]:
        return by_siglas(
            rows_of(
                "\n".join(
                    [
                        "1.1.1 Fin del programa",
                        "Fin",
                        "1.1.1.1.1 Obras realizadas PO: Porcentaje de obras",
                        "Componente Trimestral 40 10 10 10 10 9 8",
                        "1.1.1.1.1.1 Apoyos a eventos PAE: Porcentaje de apoyos",
                        f"Actividad Trimestral{middle_numbers}",
                        "1.1.1.1.1.2 Supervision PS: Porcentaje de supervisiones",
                        "Actividad Trimestral 400 100 100 100 100 90 120",
                        "",
                        "Meta Trimestral: Se logra el 80% de la meta al terminar 8 obras de 10 programadas.",
                        "",
                        "Meta Trimestral: Se atendieron 6 solicitudes de un total de 6 programados, logrando un 100%.",
                        "",
                        "Meta Trimestral: Se logra el 120% al realizar 120 supervisiones de un total de 100 programadas.",
                    ]
                )
            )
        )

    # PAE's cells were not read: its numbers match nothing, but it sits between PO's and PS's
    pae = doc("")["PAE"]
    assert vals(pae, "programado_t2", "alcanzado_t2", "avance_pct") == [6, 6, 100]
    assert "comentario_por_orden=ok" in pae["checks"] and "posición" in pae["comentario_extraccion"]
    assert {"programado_t2:imputado", "alcanzado_t2:imputado"} <= set(pae["corrected"])
    # the row prints 48 12 12 12 12 11 10: the commentary's 6 of 6 contradicts it, so no
    pae = doc(" 48 12 12 12 12 11 10")["PAE"]
    assert "comentario_por_orden=ok" not in pae["checks"] and pae["alcanzado_t2"] == 10


def test_every_record_passes_the_schema(wide, scattered):
    for r in [*wide.values(), *scattered.values()]:
        rec = {k: v for k, v in r.items() if k != "_key"} | {"doc_id": "d" * 64, "record_id": "r"}
        assert DATASET.validate(rec) == []
        assert 0 <= rec["confidence"] <= 1 and rec["page"] == 1


# --- golden comparisons -----------------------------------------------------------------


def _score(records: list[dict], gold: list[dict], key: str = "clave"):
    """The shared scorer (tests/scoring.py) on the numeric fields: rows paired by ``key``, a
    wrong value excused only by a flag on its own field."""
    spec = SPECS["indicators"]
    if key != "clave":
        spec = replace(spec, key=(key,), fallback_keys=())
    return spec.score(gold, records)


def _assert_numbers(score, ok_rate: float, what: str) -> None:
    assert_score(score, Floors(ok_rate=ok_rate, fields=MIR_NUMERIC), what)


@requires_seeds
def test_seed_004_against_hand_read_golden():
    assert SEED.exists(), f"{SEED} is missing from the shared seeds"
    assert SEED_GOLDEN.exists(), f"the hand-read golden {SEED_GOLDEN} is missing"
    gold = json.loads(SEED_GOLDEN.read_text(encoding="utf-8"))
    records = rows_of(SEED.read_text(encoding="utf-8"))
    assert len(records) == len(gold["rows"])
    assert [r["clave"] for r in records] == [g["clave"] for g in gold["rows"]]
    assert [r["nivel"] for r in records] == [g["nivel"] for g in gold["rows"]]
    score = _score(records, gold["rows"])
    # Known defect of mir_avance.v1, exposed when the shared scorer stopped letting a conflict
    # elsewhere in the row excuse a field: a value where nothing in the document determines
    # one, with no flag of its own. MIR v2 must remove it; then this set must become empty.
    known_silent = {("1.4.1.1.3.5", "alcanzado_t1")}
    silent = {(m.row.split("=")[-1], m.field) for m in score.misses(MIR_NUMERIC) if m.outcome == "extra_UNFLAGGED"}
    assert silent == known_silent, f"silent values changed: {sorted(silent)}"
    assert_score(
        score,
        Floors(ok_rate=0.95, fields=MIR_NUMERIC, extra_unflagged=len(known_silent)),
        "seed 004 against its hand-read golden",
    )
    doc = gold["document"]
    assert {r["ejercicio"] for r in records} == {doc["ejercicio"]}
    assert {r["trimestre"] for r in records} == {doc["trimestre"]}


@pytest.mark.parametrize("name", ["mir_avance_ocr.txt", "mir_avance_texto.pdf", "mir_avance_escaneado.pdf"])
def test_samples_against_goldens(name):
    path, gpath = SAMPLES / name, GOLDENS / "samples" / f"{name}.json"
    assert path.exists(), f"sample {path} is missing (samples/make_samples.py writes it)"
    assert gpath.exists(), f"golden {gpath} is missing"
    from papeleo.readers import ReadSettings, read_document

    res = read_document(str(path), ReadSettings())
    assert res.document is not None
    records = run(res.document).records
    gold = json.loads(gpath.read_text(encoding="utf-8"))["indicators"]
    # the scan too: since table rulings are erased before OCR it reads 64/64 (benchmarks/mir_accuracy.py)
    _assert_numbers(_score(records, gold), 0.95, name)


# --- geometry: columns from word boxes, not from line order --------------------------


def _w(text: str, x0: float, top: float, right: bool = False) -> Word:
    """A word box 4.5 pt per character, 8 pt high; ``right`` puts x0 at its right edge."""
    width = 4.5 * len(text)
    x = x0 - width if right else x0
    return Word(text, BBox(x, top, x + width, top + 8))


def _scrambled_page() -> Document:
    """A two-row MIR table drawn by hand: header, then a Componente and an Actividad.
    Every word is right where a PDF would put it, but the Lines are cut and shuffled, so
    reading order says nothing about columns."""
    import random

    from papeleo.model import Line as L

    words = [_w(t, x, 40) for t, x in (("Segundo", 300), ("Trimestre", 340), ("2024", 385))]
    words += [_w("Programado", 440, 92), _w("Alcanzado", 555, 92)]
    words += [
        _w(t, x, 104)
        for t, x in (
            ("Nivel", 30),
            ("Resumen", 90),
            ("narrativo", 125),
            ("Indicador", 200),
            ("Frecuencia", 288),
            ("Meta", 350),
            ("anual", 368),
            ("Comentario", 640),
        )
    ]
    words += [
        _w(t, x, 114, right=True)
        for t, x in (("T1", 425), ("T2", 460), ("T3", 495), ("T4", 530), ("T1", 565), ("T2", 600))
    ]
    right_edges = (390, 425, 460, 495, 530, 565, 600)  # meta, p1..p4, a1, a2

    def row(top: float, clave: str, resumen: str, siglas: str, nivel: str, nums, comment: list[str]):
        out = [
            _w(clave, 90, top),
            _w(resumen, 90 + 4.5 * len(clave) + 4, top),
            _w(siglas + ":", 200, top),
            _w("Porcentaje", 220, top),
            _w(nivel, 30, top + 10),
            _w("Trimestral", 288, top + 10),
        ]
        out += [_w(str(v), x, top + 10, right=True) for v, x in zip(nums, right_edges)]
        for k, line in enumerate(comment):
            x = 620
            for t in line.split():
                out.append(_w(t, x, top + 9 * k))
                x += 4.5 * len(t) + 3
        return out

    words += row(
        130,
        "1.2.1",
        "Obras",
        "PO",
        "Componente",
        (40, 10, 10, 12, 8, 8, 9),
        ["Meta Trimestral: Se logra", "el 90% al terminar 9", "obras de 10 programadas."],
    )
    words += row(
        170,
        "1.2.1.1",
        "Supervision",
        "PS",
        "Actividad",
        (400, 100, 100, 110, 90, 95, 120),
        ["Meta Trimestral: Se logra", "el 120% al realizar 120", "de un total de 100."],
    )
    rng = random.Random(7)
    rng.shuffle(words)
    lines = tuple(L.from_words(words[i : i + 3]) for i in range(0, len(words), 3))
    page = Page(1, lines, "text_layer", 792.0, 612.0)
    return Document("e" * 64, "mem", "mem.pdf", "pdf", [page], 1)


def test_geometry_reads_columns_from_boxes_not_line_order():
    recs = by_siglas(run(_scrambled_page()).records)
    po, ps = recs["PO"], recs["PS"]
    fields = (
        "meta_anual",
        "programado_t1",
        "programado_t2",
        "programado_t3",
        "programado_t4",
        "alcanzado_t1",
        "alcanzado_t2",
    )
    assert vals(po, *fields) == [40, 10, 10, 12, 8, 8, 9]
    assert vals(ps, *fields) == [400, 100, 100, 110, 90, 95, 120]
    assert (po["clave"], po["nivel"], ps["clave"], ps["nivel"]) == ("1.2.1", "componente", "1.2.1.1", "actividad")
    assert po["avance_pct"] == 90 and ps["avance_pct"] == 120
    assert "suma_programado=ok" in po["checks"] and "avance_comentario=ok" in ps["checks"]
    assert po["corrected"] == [] and ps["corrected"] == []
    assert po["x0"] is not None and po["top"] < ps["top"]  # geometry provenance


def test_unseen_layout_text_pdf(tmp_path):
    """A second MIR PDF unlike the sample (fixtures/make_fixture_rosa.py): Q3,
    other header words and column order, claves of another depth, Fin/Propósito without
    clave, siglas after the name, a blank cell the sum fills and one nothing fills."""
    import sys

    from papeleo.readers import ReadSettings, read_document

    sys.path.insert(0, str(FIXTURES))
    from make_fixture_rosa import EJERCICIO, ENTE, build

    path = tmp_path / "mir_rosa.pdf"
    truth = build(path)
    res = read_document(str(path), ReadSettings())
    records = run(res.document).records
    assert len(records) == len(truth)
    got = by_siglas(records)
    for g in truth:
        r = got[g["siglas"]]
        assert (r["nivel"], r["trimestre"], r["ejercicio"], r["ente"]) == (g["nivel"], 3, EJERCICIO, ENTE)
        assert (r["frecuencia"], r["unidad_medida"]) == (g["frecuencia"], g["unidad_medida"])
        if g["clave"] is not None:
            assert r["clave"] == g["clave"]
        else:  # not printed: null, or the hierarchy's root flagged as imputed
            assert r["clave"] is None or "clave:imputado" in r["corrected"]
        assert r["resumen_narrativo"] == g["resumen_narrativo"] and r["indicador"] == g["indicador"]
    _assert_numbers(_score(records, truth, key="siglas"), 0.95, "unseen layout, text PDF")
    ppr, pms = got["PPR"], got["PMS"]
    assert ppr["programado_t2"] == 120 and "programado_t2:imputado" in ppr["corrected"]
    assert pms["alcanzado_t1"] is None  # blank, and nothing determines it
    assert got["PLI"]["avance_pct"] == 102.86 and got["IPA"]["avance_pct"] is None


@pytest.mark.ocr
@pytest.mark.xfail(
    strict=True,
    raises=AssertionError,
    reason="since the local binarisation tesseract reads this head's 'Programado' as 'Progr; mado' and '1er' as "
    "'ter': find_head finds no head, the page goes to the line stream, and there the Fin row's level, read 'Fi' "
    "on the resumen's line ('Fi mediante personas que ...'), is not taken as the level: nivel None",
)
def test_unseen_layout_scanned_pdf(tmp_path):
    """make_fixture_rosa as an image-only scan (fixtures/make_fixture_rosa_scan.py:
    200 dpi, grayscale, turned 0.3°/-0.25°, seeded speckle), read with tesseract. Compared
    with the same authored truth as the text-layer fixture."""
    import sys

    from papeleo.readers import ReadSettings, read_document

    sys.path.insert(0, str(FIXTURES))
    from make_fixture_rosa_scan import build_scan

    path = tmp_path / "mir_rosa_scan.pdf"
    truth = build_scan(path)
    res = read_document(str(path), ReadSettings())
    assert res.document is not None and res.document.text_source == "ocr"
    records = run(res.document).records
    assert len(records) == len(truth)
    got = by_siglas(records)
    assert [got[g["siglas"]]["nivel"] for g in truth] == [g["nivel"] for g in truth]
    # measured 59/61 (96.7%): tesseract (--psm 3) drops the lone '0' cells of the Fin row's
    # a1 and a3, and nothing in the document determines them, so they stay null
    _assert_numbers(_score(records, truth, key="siglas"), 57 / 61, "unseen layout, scanned PDF")


def test_acronym_digits_are_read_as_letters_and_flagged():
    from extractors.mir_avance.lexicon import siglas_to_letters

    assert siglas_to_letters("PS1B") == "PSIB"  # seed 004, component 1.4.1.1.5
    assert siglas_to_letters("PSAL") == "PSAL"
    assert siglas_to_letters(None) is None


def test_sum_repair_picks_the_cell_with_a_common_ocr_confusion():
    from extractors.mir_avance.numbers import NumTok, is_common_confusion

    # sample mir_avance_ocr.txt prints '1,812' for 1,872 (meta 7,488 = 1,872 x 4); reading the
    # meta as 7,428 instead would need an 8 read for a 2, which OCR does not do
    assert is_common_confusion(NumTok("1,812", 1812.0), 1872)
    assert not is_common_confusion(NumTok("7,488", 7488.0), 7428)
    # seed 004: '3500000' for 3,600,000 (five for six)
    assert is_common_confusion(NumTok("3500000", 3500000.0), 3600000)


def test_a_commentary_percent_compared_with_nothing_backs_nothing():
    # a row that prints no quarter cells and a note with a % and no 'N de M' (its 'de un total'
    # lost): the row's % is the note's own, and 'avance_comentario' has nothing to compare it
    # with (MIR report scan 6536: ten notes one row off, each % backed by itself)
    rows = by_siglas(
        rows_of(
            "\n".join(
                [
                    "1.1.1 Fin del programa",
                    "Fin",
                    "1.1.1.1.1 Fugas reparadas PFR: Porcentaje de fugas reparadas",
                    "Componente Trimestral",
                    "",
                    "Meta Trimestral: se reprogramaron acciones para este trimestre, se logra el 114% de",
                ]
            )
        )
    )
    assert "avance_comentario=ok" not in rows["PFR"]["checks"]


# OCR'd text of generated report 6498 (samples/gen/mir_avance.py, tesseract's own column
# blocks), cut to five rows: the head's quarter line, where 'Meta anual' ends in a frequency
# word and T1, T2 came out '11', '12', and a run printed two lines below its anchor, as near the
# next row's
SHIFT_PRONE = """Meta Meta programada Avance alcanzado
Nivel Resumen Narrativo (Objetivo) Denominación del indicador Periodicidad U. de M.
anual 11 12 T3 T4 11 12 T3 T4
1.3.3.1 Contribuir a reducir las brechas de PCEDMI: Porcentaje de clases en
FIN desigualdad social en las localidades del escuelas deportivas municipales TRIMESTRAL Porcentaje 80 80 80 80 80 48 107 103 74
(VIPPE) municipio mediante la coordinación con los impartidas y
órdenes de gobierno estatal y federal.
PROPÓSITO 1.3.3.1.1 La población de las colonias y PDFSVE: Porcentaje de despensas a
(VIPPE) localidades accede a programas y apoyos familias en situación vulnerable SEMESTRAL Porcentaje 14,367 5,675 8,692 4,659 6,703
que mejoran su bienestar. entregadas
COMPONENTE 1.3.3.1.1.1 Personas buscadoras de PPBEV: Porcentaje de personas
dl empleo vinculadas enel mitico: buscadoras de empleo vinculadas TRIMESTRAL Porcentaje 74,456 9,136 19,543 23,538 22,239 12,119 19,536 22314 14,769
Económico)
ACTIVIDAD 1.3.3.1.1.1.1 Otorgamiento de PMEO: Porcentaje de microcréditos
(Dirección de microcréditos a emprendedores en colonias a emprendedores otorgados :
Desarrollo y localidades. TRIMESTRAL Porcentaje 600 188 184 139 89 237 184 103 62
Económico)
ACTIVIDAD 1.3.3.1.1.1.2 Expedición de licencias de PLFE: Porcentaje de licencias de
funcionamiento expedidas
funcionamiento.
(Dirección de
TRIMESTRAL Porcentaje 318 69 69 87 93 87 62 115 123
Desarrollo
Económico)
"""


def test_each_row_keeps_its_own_run_when_a_head_line_and_a_far_run_could_shift_them():
    rows = by_siglas(rows_of("Avance al 31 de diciembre de 2022\n" + SHIFT_PRONE))
    metas = {s: rows[s]["meta_anual"] for s in ("PCEDMI", "PDFSVE", "PPBEV", "PMEO", "PLFE")}
    assert metas == {"PCEDMI": 80, "PDFSVE": 14367, "PPBEV": 74456, "PMEO": 600, "PLFE": 318}

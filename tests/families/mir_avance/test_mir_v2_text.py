"""mir_avance.v2 on OCR'd text (plain .txt): each way an OCR export lays out a MIR table, read
against the head it prints; rows whose count of numbers is off, aligned by their arithmetic;
the generator's OCR'd text scored against its truth; and seed 004 against its hand-read golden.

Expected values are read from the fixtures written here (each row's numbers as printed), from
the generator's own truth and from the seed's hand-read golden — never from v2's output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extractors.mir_avance.v2 import extract
from extractors.mir_avance.v2.align import align_by_checks, candidate_alignments
from extractors.mir_avance.v2.record import _solve_with_other_decimals, row_decimal_alternatives
from extractors.mir_avance.v2.table import tables_to_rows
from helpers import FAMILIES, ROOT, SAMPLES, SEEDS, make_document, requires_seeds
from papeleo.context import process_context
from papeleo.readers import ReadSettings, read_document
from papeleo.tables import text_to_tables
from papeleo.text.numbers import MX, parse_number

sys.path.insert(0, str(ROOT / "tests"))
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from scoring import OK, WRONG_UNFLAGGED  # noqa: E402
from scoring_flags import flags  # noqa: E402
from scoring_specs import MIR_NUMERIC, SPECS  # noqa: E402

TITLE = "MUNICIPIO DE SAN PEDRO DEL RÍO   Ejercicio Fiscal 2024\nAvance de Indicadores de la MIR\nSegundo Trimestre 2024\n\n"


def _records(text: str) -> dict[str, dict]:
    recs = extract(make_document(text), process_context()).records
    return {r["clave"]: r for r in recs}


def _numbers(rec: dict) -> dict:
    return {f: rec.get(f) for f in MIR_NUMERIC if rec.get(f) is not None}


# --- one style per fixture --------------------------------------------------------------------

SPACED = TITLE + (
    "Nivel Objetivo Indicador Frecuencia Meta anual Programado T1 T2 T3 T4 Alcanzado T1 T2 T3 T4 % Avance\n"
    "Fin 4.3 Contribuir a reducir la pobreza. PRP: Porcentaje de reducción de pobreza Trimestral "
    "100 20 30 25 25 22 33 - - 110.0%\n"
    "Actividad 4.3.1.1 Entrega de apoyos alimentarios. PEAA: Porcentaje de apoyos entregados Trimestral "
    "1,200 300 300 300 300 310 290 - - 96.7%\n"
)


def test_spaced_one_line_rows_are_read_against_the_head():
    recs = _records(SPACED)
    assert _numbers(recs["4.3"]) == {
        "meta_anual": 100,
        "programado_t1": 20,
        "programado_t2": 30,
        "programado_t3": 25,
        "programado_t4": 25,
        "alcanzado_t1": 22,
        "alcanzado_t2": 33,
        "avance_pct": 110.0,
    }
    assert recs["4.3.1.1"]["meta_anual"] == 1200 and recs["4.3.1.1"]["alcanzado_t2"] == 290
    assert recs["4.3.1.1"]["avance_pct"] == 96.7
    assert recs["4.3"]["siglas"] == "PRP" and recs["4.3"]["nivel"] == "fin"
    assert recs["4.3"]["resumen_narrativo"] == "Contribuir a reducir la pobreza."
    # every check holds; the first quarter's alcanzado, which nothing in a report checks, is
    # doubted because OCR'd text is the input (v2.flag_unbacked)
    for r in recs.values():
        assert [c for c in r["checks"] if not c.endswith("=ok")] == ["alcanzado_t1_sin_respaldo=conflict"]


# one row's Σ programado fails (the meta printed 110 where the quarters add up to 100): the
# alcanzado of the first quarter, which no check compares in a second-quarter report, is as
# suspect as the programados the failing check names (dev MIR OCR'd text 120: an alcanzado
# beside a failing Σ, one column off, no flag of its own)
ROW_IN_CONFLICT = TITLE + (
    "Nivel Objetivo Indicador Frecuencia Meta anual Programado T1 T2 T3 T4 Alcanzado T1 T2 T3 T4 % Avance\n"
    "Fin 4.3 Contribuir a reducir la pobreza. PRP: Porcentaje de reducción de pobreza Trimestral "
    "110 20 30 25 25 22 33 - - 110.0%\n"
    "Actividad 4.3.1.1 Entrega de apoyos alimentarios. PEAA: Porcentaje de apoyos entregados Trimestral "
    "1,200 300 300 300 300 310 290 - - 96.7%\n"
)


def test_in_a_row_that_does_not_add_up_every_value_no_check_backs_is_flagged():
    recs = _records(ROW_IN_CONFLICT)
    fin = recs["4.3"]
    assert "suma_programado=conflict" in fin["checks"]
    assert "alcanzado_t1_sin_respaldo=conflict" in fin["checks"]
    # the % holds on programado and alcanzado of the quarter, but its programado_t2 is one the
    # failing Σ names: the two may agree as misread together (each printed 1 read 4, dev MIR
    # scan 8), so the % backs neither the alcanzado nor itself
    assert {"alcanzado_t2_sin_respaldo=conflict", "avance_pct_sin_respaldo=conflict"} <= set(fin["checks"])
    # a row whose arithmetic holds gets no such flag on what its checks back; its first
    # quarter's alcanzado, which no check compares, is doubted because the input is OCR'd text
    assert [c for c in recs["4.3.1.1"]["checks"] if not c.endswith("=ok")] == ["alcanzado_t1_sin_respaldo=conflict"]


def _second_quarter_row(**over) -> dict:
    """A second-quarter row as v2 writes it, its Σ and its % holding (numbers as in SPACED)."""
    row = {"trimestre": 2, "meta_anual": 1200.0, "avance_pct": 96.7, "alcanzado_t1": 310.0, "alcanzado_t2": 290.0}
    row |= {f"programado_t{q}": 300.0 for q in range(1, 5)}
    row |= {"checks": ["suma_programado=ok", "avance_calculado=ok"], "corrected": [], "comentario_extraccion": None}
    return row | over


def test_values_no_check_covers_are_doubted_on_ocr_input_only():
    from extractors.mir_avance.v2 import flag_unbacked  # noqa: PLC0415

    ocr, text_layer = _second_quarter_row(), _second_quarter_row()
    flag_unbacked([ocr], read_by_ocr=True)
    flag_unbacked([text_layer], read_by_ocr=False)
    assert [c for c in ocr["checks"] if c.endswith("=conflict")] == ["alcanzado_t1_sin_respaldo=conflict"]
    assert "ninguna comprobación cubre estos valores" in ocr["comentario_extraccion"]
    assert all(c.endswith("=ok") for c in text_layer["checks"])
    # a meta anual read from a programado's cell, the programados lost, the quarter's alcanzado
    # checked by the commentary (validation MIR scan 1020: 362 for 1833)
    lost = {"trimestre": 3, "meta_anual": 362.0, "alcanzado_t3": 378.0, "avance_pct": 73.0, "corrected": []}
    lost |= {"checks": ["avance_comentario=ok"], "comentario_extraccion": None}
    flag_unbacked([lost], read_by_ocr=True)
    assert "meta_anual_sin_respaldo=conflict" in lost["checks"]
    assert "alcanzado_t3_sin_respaldo=conflict" not in lost["checks"]


def test_a_check_over_values_the_reader_doubted_backs_nothing():
    # OCR'd text of report 6953: a row merged with the printed row under it took its programado
    # and alcanzado (each doubted by the reader: columna_dudosa) and its commentary's %; the %
    # holds on them, for that other row, and was left unflagged
    row = _second_quarter_row(checks=["suma_programado=ok", "avance_calculado=ok"])
    row["checks"] += ["programado_t2_columna_dudosa=conflict", "alcanzado_t2_columna_dudosa=conflict"]
    from extractors.mir_avance.v2 import flag_unbacked  # noqa: PLC0415

    flag_unbacked([row], read_by_ocr=True)
    assert "avance_pct_sin_respaldo=conflict" in row["checks"]
    # the same row with its columns sure: the % backs itself
    sure = _second_quarter_row()
    flag_unbacked([sure], read_by_ocr=True)
    assert "avance_pct_sin_respaldo=conflict" not in sure["checks"]


def test_a_check_spent_on_imputing_a_value_backs_none_of_the_others():
    # the meta anual printed illegibly and imputed as Σ programado: the Σ then holds by
    # construction and cannot vouch for the programados it summed (dev MIR OCR'd text 147)
    row = _second_quarter_row(corrected=["meta_anual:imputado"], checks=["suma_programado=ok"], avance_pct=None)
    from extractors.mir_avance.v2 import flag_unbacked  # noqa: PLC0415

    flag_unbacked([row], read_by_ocr=False)
    doubted = {c.partition("_sin_respaldo")[0] for c in row["checks"] if c.endswith("_sin_respaldo=conflict")}
    assert doubted == {f"programado_t{q}" for q in range(1, 5)}


# a head whose 'Meta anual' and '% Avance' OCR lost (dev MIR OCR'd text 211): no check reaches any
# value, so nothing says the cells are in their columns; in OCR'd text each such value is flagged
NO_CHECK = TITLE + (
    "Nivel Objetivo Indicador Frecuencia Programado T1 T2 T3 T4 Alcanzado T1 T2 T3 T4\n"
    "Actividad 5.2.2.5.2 Actualización de padrones. TVPCA - Tasa de variación de padrones Trimestral "
    "58 98 62 66 58 126 - -\n"
)


def test_in_ocr_text_a_row_no_check_reaches_has_every_value_flagged():
    rec = _records(NO_CHECK)["5.2.2.5.2"]
    assert rec["programado_t1"] == 58 and rec["alcanzado_t2"] == 126  # read as printed ...
    assert {f"{f}_sin_respaldo=conflict" for f in _numbers(rec)} <= set(rec["checks"])  # ... and doubted


# a decimal point OCR lost in one cell ('3759' for 37.59) and a thousands comma read as a point
# ('2.739' for 2,739), each among values printed the other way (dev MIR OCR'd text 203, 109)
DECIMAL_SHAPES = TITLE + (
    "Nivel Objetivo Indicador Frecuencia Meta anual Programado T1 T2 T3 T4 Alcanzado T1 T2 T3 T4 % Avance\n"
    "Actividad 1.4.5.1 Limpieza de drenes. PLD: Porcentaje de drenes limpios Trimestral "
    "124.52 40.41 18.65 35.35 30.11 3759 16.79 - - 90.0%\n"
    "Actividad 1.4.5.2 Visitas de inspección. PVI: Porcentaje de visitas Trimestral "
    "11,474 2,119 3,440 4,160 1,755 2.739 2,545 - - 74.0%\n"
)


def test_a_value_printing_other_decimals_than_its_row_is_flagged():
    recs = _records(DECIMAL_SHAPES)
    assert (
        recs["1.4.5.1"]["alcanzado_t1"] == 3759
        and "alcanzado_t1_decimales_dudosos=conflict" in recs["1.4.5.1"]["checks"]
    )
    assert (
        recs["1.4.5.2"]["alcanzado_t1"] == 2.739
        and "alcanzado_t1_decimales_dudosos=conflict" in recs["1.4.5.2"]["checks"]
    )
    assert not any("decimales" in c for r in recs.values() for c in r["checks"] if not c.startswith("alcanzado_t1"))


CELLS = TITLE + "\n\n".join(
    [
        "Nivel",
        "Resumen narrativo",
        "Siglas",
        "Indicador",
        "Frecuencia",
        "Meta anual",
        "Meta programada",
        "Alcanzado",
        "% Avance",
        "T1",
        "T2",
        "T3 T4",
        "T1",
        "T2",
        "Fin",
        "(Tesorería)",
        "5 Contribuir a fortalecer la\nconfianza ciudadana.",
        "NCPCI",
        "Número de comités integrados",
        "Semestral",
        "1,613",
        "-",
        "568",
        "-",
        "1,045",
        "-",
        "568",
        "100.00",
        "Propósito",
        "5.3 La ciudadanía accede a\nprogramas sociales.",
        "PFRDR",
        "Porcentaje de fugas reparadas",
        "Trimestral",
        "28",
        "5",
        "8",
        "7",
        "8",
        "5",
        "10",
        "125.00",
    ]
)


def test_cells_one_per_line_under_a_head_printed_one_label_per_line():
    recs = _records(CELLS)
    assert _numbers(recs["5"]) == {
        "meta_anual": 1613,
        "programado_t2": 568,
        "programado_t4": 1045,
        "alcanzado_t2": 568,
        "avance_pct": 100.0,
    }
    assert _numbers(recs["5.3"]) == {
        "meta_anual": 28,
        "programado_t1": 5,
        "programado_t2": 8,
        "programado_t3": 7,
        "programado_t4": 8,
        "alcanzado_t1": 5,
        "alcanzado_t2": 10,
        "avance_pct": 125.0,
    }
    assert recs["5"]["resumen_narrativo"].startswith("Contribuir a fortalecer")  # the area '(Tesorería)' left out


ALIGNED = TITLE + (
    "Nivel MIR  Objetivo                         Nombre del indicador          Frecuencia  Meta anual  "
    "1er Trim. Prog.  1er Trim. Real  2do Trim. Prog.  2do Trim. Real  3er Trim. Prog.  3er Trim. Real  "
    "4to Trim. Prog.  4to Trim. Real\n"
    "Componente 2.1 Apoyos económicos        PAE= Porcentaje de apoyos      Trimestral  400  100  90  100  "
    "120  100  -  100  -\n"
    "           entregados a estudiantes.    económicos entregados\n"
    "Actividad  2.1.1 Entrega de becas       PEB= Porcentaje de becas       Trimestral  80  20  20  20  "
    "25  20  -  20  -\n"
    "           conforme al programa.        entregadas\n"
)


def test_aligned_rows_with_wrapped_cells_keep_their_numbers():
    recs = _records(ALIGNED)
    assert _numbers(recs["2.1"]) == {
        "meta_anual": 400,
        "programado_t1": 100,
        "alcanzado_t1": 90,
        "programado_t2": 100,
        "alcanzado_t2": 120,
        "programado_t3": 100,
        "programado_t4": 100,
    }
    assert _numbers(recs["2.1.1"])["alcanzado_t2"] == 25
    assert recs["2.1"]["siglas"] == "PAE"


TSV = TITLE + (
    "Nivel\tClave\tObjetivo\tIndicador\tFrecuencia\tMeta anual\tProgramado T1\tProgramado T2\tProgramado T3\t"
    "Programado T4\tAlcanzado T1\tAlcanzado T2\t% Avance\n"
    "FIN\t1.2\tContribuir al desarrollo local.\tTVE - Tasa de variación del empleo\tAnual\t12\t3\t3\t3\t3\t3\t4\t133.33%\n"
    "ACTIVIDAD\t1.2.1.1\tCapacitación de elementos policiales.\tPEPC - Porcentaje de elementos capacitados\t"
    "Trimestral\t44.00\t9.00\t14.00\t11.00\t10.00\t8.00\t13.00\t92.85%\n"
)


def test_tab_separated_rows():
    recs = _records(TSV)
    assert _numbers(recs["1.2.1.1"]) == {
        "meta_anual": 44.0,
        "programado_t1": 9.0,
        "programado_t2": 14.0,
        "programado_t3": 11.0,
        "programado_t4": 10.0,
        "alcanzado_t1": 8.0,
        "alcanzado_t2": 13.0,
        "avance_pct": 92.85,
    }
    assert recs["1.2"]["alcanzado_t2"] == 4 and recs["1.2"]["siglas"] == "TVE"


TSV_HEAD = (
    "Nivel\tClave\tObjetivo\tIndicador\tFrecuencia\tMeta anual\tProgramado T1\tProgramado T2\tProgramado T3\t"
    "Programado T4\tAlcanzado T1\tAlcanzado T2\t% Avance\n"
)
# the same head with its 'Indicador' and 'Frecuencia' read as one cell: every label after them
# one column to the left of its values, and the last column unnamed
TSV_HEAD_MERGED = TSV_HEAD.replace("Indicador\tFrecuencia", "Indicador Frecuencia")
TSV_TWO_PAGES = (
    TITLE
    + TSV_HEAD_MERGED
    + "FIN\t1.2\tContribuir al desarrollo local.\tTVE - Tasa de variación del empleo\tAnual\t12\t3\t3\t3\t3\t3\t4\t133.33%\n"
    + "PROPÓSITO\t1.2.1\tLa población accede a empleo.\tPPE - Porcentaje de personas empleadas\tTrimestral"
    + "\t80\t20\t20\t20\t20\t18\t21\t97.50%\n"
    + "\f"
    + TITLE
    + TSV_HEAD
    + "ACTIVIDAD\t1.2.1.1\tCapacitación de elementos policiales.\tPEPC - Porcentaje de elementos capacitados\t"
    + "Trimestral\t44.00\t9.00\t14.00\t11.00\t10.00\t8.00\t13.00\t92.85%\n"
)


def test_a_table_whose_head_came_out_damaged_takes_the_head_its_next_page_repeats():
    tables = text_to_tables(TSV_TWO_PAGES.split("\n", 4)[4], page=1)
    assert [t.n_columns for t in tables] == [13, 13]
    first_page = [r for r in tables_to_rows(tables, T=2) if r.page == 1]
    # read under its own shifted head, 'Meta anual' would take the frequency and the 97.50%
    # would go unnamed; under page 2's head each value sits under its label
    assert [r.numbers for r in first_page][1] == {
        "meta_anual": "80",
        "programado_t1": "20",
        "programado_t2": "20",
        "programado_t3": "20",
        "programado_t4": "20",
        "alcanzado_t1": "18",
        "alcanzado_t2": "21",
        "avance_pct": "97.50%",
    }
    assert first_page[0].text["frecuencia"] == "Anual"


MARKDOWN = TITLE + (
    "| Nivel | Objetivo | Indicador | Frecuencia | Meta anual | Programado T1 | Programado T2 | Programado T3 "
    "| Programado T4 | Alcanzado T1 | Alcanzado T2 | Observaciones |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    "| FIN | 1 Contribuir a impulsar el | PPJ= Promedio de parques | Trimestral | 216 | 60 | 49 | 64 | 43 | 58 | 52 "
    "| Meta Trimestral: Se logra el 106.1% de la |\n"
    "| (Planeación) | desarrollo económico. | rehabilitados |  |  |  |  |  |  |  |  | meta al rehabilitar 52 parques |\n"
)


def test_markdown_rows_with_wrapped_cells_are_joined_column_by_column():
    recs = _records(MARKDOWN)
    assert _numbers(recs["1"]) == {
        "meta_anual": 216,
        "programado_t1": 60,
        "programado_t2": 49,
        "programado_t3": 64,
        "programado_t4": 43,
        "alcanzado_t1": 58,
        "alcanzado_t2": 52,
        "avance_pct": 106.1,  # no % column: the commentary's
    }
    assert recs["1"]["resumen_narrativo"] == "Contribuir a impulsar el desarrollo económico."


# --- rows whose count of numbers is off --------------------------------------------------------

SEQ = [("meta", None), ("prog", 1), ("prog", 2), ("prog", 3), ("prog", 4), ("alc", 1), ("avance", None)]


def test_a_lost_cell_places_what_the_arithmetic_backs_and_leaves_the_rest_unplaced():
    # printed: meta 40, programado 10 10 10 10, alcanzado 12, 120% — one programado lost
    pairs, note, _ = align_by_checks("40 10 10 10 12 120".split(), SEQ, 1, None)
    assert dict(pairs) == {("meta", None): "40", ("prog", 1): "10", ("alc", 1): "12", ("avance", None): "120"}
    assert "sin asignar" in note and "prog 2" in note


def test_a_split_cell_is_joined_when_only_joining_makes_the_row_add_up():
    # printed: meta 1216904, programado 300000 300000 316904 300000, alcanzado 330000, 110% —
    # '1,216,904' split by OCR into '1,216' '904'
    tokens = "1,216 904 300,000 300,000 316,904 300,000 330,000 110".split()
    pairs, note, _ = align_by_checks(tokens, SEQ, 1, None)
    assert dict(pairs)[("meta", None)].replace(",", "") == "1216904"
    assert "unidos" in note


# a row grouped by quarter: meta, then programado and alcanzado of each quarter, then the %
BY_QUARTER = [("meta", None), *((k, q) for q in (1, 2, 3, 4) for k in ("prog", "alc")), ("avance", None)]


def test_thousands_commas_read_as_points_are_tried_the_rows_way_and_both_values_read_back():
    # report block 7010-7049 OCR'd text 7039 (4.1.1.14), printed: meta 12,941; programado 3,051
    # 2,581 4,251 3,058; alcanzado 4,013 2,581 4,733 2,487; 81.33%. OCR read two commas as
    # points and '3,058' as '3 058'; as printed, Σ programado failed under every alignment
    tokens = "12,941 3.o51 4,013 2.581 2,581 4251 4733 3 058 2,487 81.33%".split()
    pairs, note, _ = align_by_checks(tokens, BY_QUARTER, 4, None)
    placed = dict(pairs)
    assert (placed[("prog", 1)], placed[("prog", 2)], placed[("prog", 4)]) == ("3.o51", "2.581", "3058")
    assert "'3.o51' leído como 3051" in note and "'2.581' leído como 2581" in note
    # ... and the solver reads both back together, where one at a time neither made Σ hold
    fields = {"meta": "meta_anual", "avance": "avance_pct"}
    readings = {
        fields.get(k) or f"{'programado' if k == 'prog' else 'alcanzado'}_t{q}": parse_number(t, MX)
        for (k, q), t in pairs
    }
    solved = _solve_with_other_decimals(readings, row_decimal_alternatives(readings), 4, None, False, [])
    assert (solved.values["programado_t1"], solved.values["programado_t2"]) == (3051, 2581)
    assert {"programado_t1:corregido", "programado_t2:corregido"} <= set(solved.corrected)
    assert all(c.endswith("=ok") for c in solved.checks)


def test_values_another_alignment_would_shift_are_placed_but_doubted():
    # printed: meta 28, programado 6 7 10 5, alcanzado 6, 100% — the first programado lost.
    # Reading the five numbers after 28 as programado 7 10 5 6 makes Σ = 28 hold by coincidence
    # (the alcanzado equals the lost programado); the true alignment leaves programado 1
    # without a cell, so no check reaches it, and nothing tells the two apart
    pairs, _, doubtful = align_by_checks("28 7 10 5 6 100".split(), SEQ, 1, None)
    assert dict(pairs)[("meta", None)] == "28" and ("meta", None) not in doubtful
    assert {("prog", q) for q in (1, 2, 3, 4)} <= doubtful


def test_two_cells_are_not_joined_into_a_token_that_reads_as_no_number():
    # '12,419' and '2,023' joined make '12,4192,023', which has no value: an alignment with it
    # hides the meta from every check, and the meta was then imputed from the programados it
    # hid (dev MIR OCR'd text 129); '3' and '645' (a cell '3 645' split by OCR) still join
    tokens = "12,419 2,023 4,147 3 645 2,777 2,023 100.00% 7".split()
    joined = {t for placed, _ in candidate_alignments(tokens, SEQ) for t in placed.values()}
    assert "12,4192,023" not in joined and "3645" in joined


def test_a_count_no_alignment_backs_is_left_unplaced():
    assert align_by_checks("5 7 9".split(), SEQ, 1, None) is None


# quarters over kinds, the first sub-label damaged past reading ('Mela' for 'Meta'): read as
# printed, 'Alc.' comes first under every quarter and every column is one off (dev MIR OCR'd
# text 129: meta 12,419 and programados 2,023 4,147 3,472 2,777 under the wrong quarters, no flag)
LOST_SUB_LABEL = TITLE + (
    "Nivel Objetivo Indicador Frecuencia Meta anual Primero Segundo Tercero Cuarto % Avance\n"
    "Mela Alc. Meta Alc. Meta Alc. Meta Alc.\n"
    "Actividad 4.1.1.8 Atención de adultos mayores. PAMED: Porcentaje de adultos mayores Trimestral "
    "12,419 2,023 2,023 4,147 3,645 3,472 - 2,777 - 87.89%\n"
    "Actividad 4.1.1.9 Talleres de salud. PTS: Porcentaje de talleres Trimestral "
    "48 10 9 12 13 14 - 12 - 108.33%\n"
)


def test_a_lost_sub_label_under_quarters_is_put_back_where_the_rows_add_up():
    rec = _records(LOST_SUB_LABEL)["4.1.1.8"]
    assert _numbers(rec) == {
        "meta_anual": 12419,
        **{"programado_t1": 2023, "programado_t2": 4147, "programado_t3": 3472, "programado_t4": 2777},
        **{"alcanzado_t1": 2023, "alcanzado_t2": 3645, "avance_pct": 87.89},
    }
    assert _numbers(_records(LOST_SUB_LABEL)["4.1.1.9"])["programado_t2"] == 12


# kinds over quarters with the first quarter label under 'Meta programada' lost (dev MIR OCR'd
# text 147: 'T2 T3 T4' over four programados): read as printed, the programados take T2..T4 and
# the row one number too many; a kind's quarters start at the first, so T1 is put back
LOST_QUARTER_LABEL = TITLE + (
    "Nivel  Objetivo  Indicador  Frecuencia  Meta anual  Meta programada  Avance alcanzado  Avance %\n"
    "T2  T3  T4  T1  T2\n"
    "Actividad  4.1.1.8 Atención de adultos mayores.  PAMED: Porcentaje de adultos mayores  Trimestral  "
    "12  4  2  2  4  4  2  100.00%\n"
    "Actividad  4.1.1.9 Talleres de salud.  PTS: Porcentaje de talleres  Trimestral  "
    "48  10  14  12  12  9  14  100.00%\n"
)


def test_a_lost_quarter_label_under_a_kind_is_put_back_where_the_rows_add_up():
    recs = _records(LOST_QUARTER_LABEL)
    assert _numbers(recs["4.1.1.8"]) == {
        "meta_anual": 12,
        **{"programado_t1": 4, "programado_t2": 2, "programado_t3": 2, "programado_t4": 4},
        **{"alcanzado_t1": 4, "alcanzado_t2": 2, "avance_pct": 100.0},
    }
    assert _numbers(recs["4.1.1.9"])["programado_t1"] == 10


# the head printed one label per line, then its sub-labels on one line of seven words (dev MIR
# OCR'd text 162): a line that long was taken for a row's text and ended the head above it
HEAD_PER_LINE = TITLE + (
    "Nivel\n\nResumen narrativo\n\nIndicador\n\nFrecuencia\n\nMeta anual\n\nMetas programadas\n\nRealizado\n\n"
    "Ene-Mar Abr-Jun Jul-Sep Oct-Dic Ene-Mar Abr-Jun Jul-Sep Oct-Dic\n"
    "Actividad 4.1.1.9 Talleres de salud. PTS - Porcentaje de talleres Trimestral 48 10 14 12 12 9 14 - -\n"
)


def test_a_head_of_one_label_per_line_ends_with_its_line_of_sub_labels():
    assert _numbers(_records(HEAD_PER_LINE)["4.1.1.9"]) == {
        "meta_anual": 48,
        **{"programado_t1": 10, "programado_t2": 14, "programado_t3": 12, "programado_t4": 12},
        **{"alcanzado_t1": 9, "alcanzado_t2": 14},
    }


# notes printed under a table with no % column, without code or acronym, one row left without
# a note (so they cannot go one per row in order): each note names its row's result and target
# (report block 6436: the % of every row was lost)
KEYLESS_NOTES = TITLE + (
    "Nivel\tClave\tObjetivo\tIndicador\tFrecuencia\tMeta anual\tProgramado T1\tProgramado T2\tProgramado T3\t"
    "Programado T4\tAlcanzado T1\tAlcanzado T2\n"
    "FIN\t1.2\tContribuir al desarrollo local.\tTVE - Tasa de variación del empleo\tAnual\t12\t0\t12\t0\t0\t0\t15\n"
    "PROPÓSITO\t1.2.1\tLa población accede a empleo.\tPPE - Porcentaje de personas empleadas\tTrimestral"
    "\t80\t20\t20\t20\t20\t18\t21\n"
    "ACTIVIDAD\t1.2.1.1\tCapacitación.\tPEPC - Porcentaje de elementos capacitados\tTrimestral"
    "\t40\t10\t10\t10\t10\t10\t10\n"
    "\n"
    "Meta Trimestral: Se obtiene un resultado de 21 frente a una meta de 20, lo que representa un avance del 105%.\n"
    "Meta Anual: Se obtiene un resultado de 15 frente a una meta de 12, lo que representa un avance del 125%.\n"
)


def test_a_note_without_a_key_goes_to_the_one_row_printing_its_figures():
    recs = _records(KEYLESS_NOTES)
    assert recs["1.2"]["avance_pct"] == 125 and "125%" in recs["1.2"]["comentario"]
    assert recs["1.2.1"]["avance_pct"] == 105 and "105%" in recs["1.2.1"]["comentario"]
    # both figures of a note (10, 10) on a row that prints them is no evidence when no note names them
    assert recs["1.2.1.1"].get("comentario") is None and recs["1.2.1.1"].get("avance_pct") is None


# a row whose cells OCR read down a column: numbers of other cells on one line, then a word of
# another cell, then the four programados one per line, bottom to top (as tesseract returned
# them in development seed 101's OCR'd text); printed: programado 852 929 1,537 1,924
TWO_RUNS = TITLE + (
    "Nivel Objetivo Indicador Frecuencia Programado T1 T2 T3 T4\n"
    "Actividad 4.2.1.6 Expedición de constancias. PCNAE= Porcentaje de constancias\n"
    "852 929 5,242\n"
    "TRIMESTRAL\n"
    "1,924\n1,537\n852\n929\n"
)


def assert_every_value_doubted(rec: dict, reason: str) -> None:
    """Every number of the row is placed and names itself as doubtful, with the reason given."""
    placed = [f for f in MIR_NUMERIC if rec.get(f) is not None]
    assert placed, rec
    assert all(f"{f}_columna_dudosa=conflict" in rec["checks"] for f in placed), rec["checks"]
    assert reason in (rec["comentario_extraccion"] or "")


def test_numbers_printed_in_two_runs_are_placed_but_doubted():
    # which run holds which columns, in which order, is unknown
    assert_every_value_doubted(_records(TWO_RUNS)["4.2.1.6"], "otra serie de números")


# a second-quarter report whose row prints as many numbers as its head has columns, two of them
# under the alcanzado of the third and fourth quarters: one cell was split and another lost (or
# the row belongs to another report), so where every number sits is in doubt, not only those two
BEYOND = TITLE + (
    "Nivel Objetivo Indicador Frecuencia Meta anual Programado T1 T2 T3 T4 Alcanzado T1 T2 T3 T4\n"
    "Componente 5.2.2.4 Obras públicas supervisadas. TVOPPS - Tasa de variación de obras Trimestral "
    "84 20 21 22 21 19 25 12 30\n"
)


def test_a_number_under_a_quarter_not_yet_reported_doubts_the_whole_row():
    assert_every_value_doubted(_records(BEYOND)["5.2.2.4"], "trimestres no reportados")


# --- generated documents' OCR'd text ----------------------------------------------------------

# the first development seeds whose OCR'd text is a municipal report drawn without real OCR
# (samples/gen/_generated.py: development block), one or more per text style
# 4 and 7 lost a decimal point ('32.00' -> '3200', '118.83' -> '11883') that no check compared,
# unflagged until the columns' own format (two decimals throughout) made those tokens ambiguous
GENERATED_SEEDS = [3, 4, 5, 7, 8, 13, 14, 17, 31, 32, 35]
# seeds where a wrong value still carries no flag, by cause (strict: a fix shows up here)
KNOWN_UNFLAGGED: dict[int, str] = {}


def _generated(seed: int, tmp: Path):
    from gen import mir_avance  # noqa: PLC0415

    doc = mir_avance.generate(seed, tmp, ["ocr.txt"])
    read = read_document(str(doc.files["ocr.txt"]), ReadSettings()).document
    records = extract(read, process_context()).records
    return SPECS["indicators"].score(doc.truth["indicators"], records), records


@pytest.mark.parametrize(
    "seed",
    GENERATED_SEEDS
    + [pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=why)) for s, why in KNOWN_UNFLAGGED.items()],
)
def test_no_numeric_value_of_generated_ocr_text_is_wrong_without_a_flag_on_its_field(seed, tmp_path):
    score, _ = _generated(seed, tmp_path)
    unflagged = [str(m) for m in score.misses() if m.field in MIR_NUMERIC and m.outcome == WRONG_UNFLAGGED]
    assert not unflagged, unflagged


def test_generated_ocr_text_floor(tmp_path):
    """Numeric fields exact over the development seeds above; the issue's target is 0.90."""
    ok = det = 0
    for seed in GENERATED_SEEDS:
        (tmp_path / str(seed)).mkdir()
        score = _generated(seed, tmp_path / str(seed))[0]
        ok += score.counts(MIR_NUMERIC)[OK]
        det += score.determinable(MIR_NUMERIC)
    assert ok / det >= 0.60, f"{ok}/{det}"


# --- the real seed ------------------------------------------------------------------------------

SEED_004 = SEEDS / "004_5ffbe8bd8598b418.txt"
GOLDEN_004 = FAMILIES / "mir_avance" / "goldens" / "seeds" / "004_5ffbe8bd8598b418.indicators.json"


@requires_seeds
def test_seed_004_is_read_by_v2_with_no_unflagged_wrong_value():
    gold = json.loads(GOLDEN_004.read_text(encoding="utf-8"))
    gold = gold.get("rows") or gold.get("indicators")
    doc = read_document(str(SEED_004), ReadSettings()).document
    records = extract(doc, process_context()).records
    score = SPECS["indicators"].score(gold, records)
    c = score.counts(MIR_NUMERIC)
    determinable = score.determinable(MIR_NUMERIC)
    assert c[OK] / determinable >= 0.97, f"{c[OK]}/{determinable}"
    assert c[WRONG_UNFLAGGED] == 0, [str(m) for m in score.misses() if m.outcome == WRONG_UNFLAGGED]
    for r in records:  # every value the stream reading could not back names its field
        for check in r["checks"]:
            if check.endswith("_sin_respaldo=conflict"):
                assert check.removesuffix("_sin_respaldo=conflict") in flags(r)


def test_a_sum_over_one_programado_backs_no_column():
    # '9' read into the meta anual and the third quarter's programado, the printed meta 47 lost
    # in a scrambled reading order (dev MIR OCR'd text 120): the Σ "holds" and proves nothing
    from extractors.mir_avance.v2 import flag_unbacked  # noqa: PLC0415

    row = {"trimestre": 3, "meta_anual": 9.0, "programado_t3": 9.0, "alcanzado_t3": 16.0}
    row |= {"checks": ["suma_programado=ok"], "corrected": [], "comentario_extraccion": None}
    flag_unbacked([row], read_by_ocr=True)
    assert set(flags(row)) == {"meta_anual", "programado_t3", "alcanzado_t3"}
    assert "ninguna comprobación cubre la fila" in row["comentario_extraccion"]


def test_a_sum_with_one_quarter_programmed_backs_no_column():
    # '9 0 0 0 9' (an annual row's pattern: the year's target programmed in one quarter) read under
    # a Fin that prints 43 = 11 + 11 + 11 + 10 (report block 6566's scan): the Σ holds for any row
    # of that pattern, so it says nothing of whose run this is
    from extractors.mir_avance.v2 import flag_unbacked  # noqa: PLC0415

    row = {"trimestre": 3, "meta_anual": 9.0, "alcanzado_t3": 0.0}
    row |= {f"programado_t{q}": v for q, v in zip(range(1, 5), (0.0, 0.0, 0.0, 9.0), strict=True)}
    row |= {"checks": ["suma_programado=ok"], "corrected": [], "comentario_extraccion": None}
    flag_unbacked([row], read_by_ocr=True)
    assert {"meta_anual", "programado_t1", "programado_t4"} <= set(flags(row))


def test_a_sum_of_zeros_backs_nothing_and_a_constant_indicator_does_not_back_its_zeros():
    from extractors.mir_avance.v2 import flag_unbacked  # noqa: PLC0415

    def row(meta, progs, checks):
        r = {"trimestre": 2, "meta_anual": meta, "alcanzado_t2": None, "corrected": [], "comentario_extraccion": None}
        r |= {f"programado_t{q}": v for q, v in enumerate(progs, 1)} | {"checks": checks}
        return r

    # zeros placed where 93 and 47 were printed (dev MIR OCR'd text 262): '0 = 0 + 0' holds anyway
    zeros = row(0.0, [0.0, 0.0, None, None], ["suma_programado=ok"])
    # a constant indicator whose first quarter OCR read as 0 (dev MIR OCR'd text 336), in a row
    # whose commentary disagrees
    constant = row(100.0, [0.0, 100.0, 100.0, 100.0], ["suma_programado=ok", "avance_comentario=conflict"])
    flag_unbacked([zeros, constant], read_by_ocr=True)
    assert {"meta_anual", "programado_t1", "programado_t2"} <= set(flags(zeros))
    assert "programado_t1" in flags(constant) and "programado_t3" not in flags(constant)

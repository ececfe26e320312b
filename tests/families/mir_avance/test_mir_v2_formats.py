"""mir_avance.v2's readers of the family's relative formats (state PbR, SEVAC/CONAC, POA):
hand-written tables for each mechanism, and the generator's truth on development seeds.

Expected values are written here from the tables in this file, or are the generator's own truth
(samples/gen/mir_avance/pbr.py, sevac.py, poa.py) — never the readers' output.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from extractors.mir_avance.v2 import reading_score
from extractors.mir_avance.v2.formats import format_readings
from extractors.mir_avance.v2.formats.pbr import pct_matches
from extractors.mir_avance.v2.formats.sevac import project_key
from extractors.mir_avance.v2.formats.short_rows import placed_around_one_lost
from helpers import ROOT, make_document, make_page
from papeleo.model import Document

sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "samples")]
from scoring_flags import conflicts, flags  # noqa: E402

META = {"ente": None, "ejercicio": 2024, "trimestre": 2}

PBR = """GOBIERNO DEL ESTADO
Evaluación del Presupuesto Basado en Resultados (PbR)
Resultado de los Indicadores Estratégicos y de Gestión
Entidad: Instituto Tecnológico Superior del Valle
| Orden | Objetivo | Nombre del Indicador | Fórmula | Tip/Dim/Fre | U. de M. | Variable 1 | Variable 2 | Meta | Variable 1 | Variable 2 | Resultado | Unidad Responsable del Programa | Causas de desviación | Resultado |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| C1851.A1931 | Atención de estudiantes | 0709 Porcentaje de estudiantes atendidos | (A / B) x 100 | GESTION/Eficacia/Trimes tral | 433 Por ciento | 0.00 | 0.00 | 0.00 | 67.00 | 152.00 | 44.07 | Dirección de Planeación |  | 44.07 |
| C1924 | Vinculación realizada | 0710 Porcentaje de convenios | (C / D) x 100 | ESTRATEGICO/Eficiencia/Anu al | 512 Tasa | 10.00 | 20.00 | 50.00 | 5.00 | 20.00 | 30.00 | Dirección de Planeación | Baja demanda | 25.00 |
"""


def _best(doc_text: str, prefix: str) -> list[dict]:
    return _best_of(make_document(doc_text), prefix)


def _best_of(doc: Document, prefix: str) -> list[dict]:
    readings = [(n, r) for n, r in format_readings(doc, META) if n.startswith(prefix)]
    assert readings, f"no {prefix} reading"
    return max(readings, key=lambda nr: len(nr[1]))[1]


def test_pbr_row_nivel_from_clave_and_numbers_in_print_order():
    rows = {r["clave"]: r for r in _best(PBR, "pbr")}
    a, c = rows["C1851.A1931"], rows["C1924"]
    assert (a["nivel"], c["nivel"]) == ("actividad", "componente")
    assert a["indicador_numero"] == "0709" and a["indicador"] == "Porcentaje de estudiantes atendidos"
    assert (a["tipo"], a["dimension"], a["frecuencia"], c["frecuencia"]) == (
        "GESTION",
        "Eficacia",
        "trimestral",
        "anual",
    )
    assert (a["unidad_medida_clave"], a["unidad_medida"]) == ("433", "Por ciento")
    # 67/152 = 44.078...: the report truncates, and the check accepts it
    assert (a["resultado_v1"], a["resultado_v2"], a["resultado_pct"], a["resultado_acumulado"]) == (
        67,
        152,
        44.07,
        44.07,
    )
    assert (a["programado_t2"], a["alcanzado_t2"], a["meta_anual"], a["avance_pct"]) == (0, 44.07, None, None)
    # its meta prints '0.00 0.00 0.00': no check (a 0.00 over a zero says nothing, pct_matches)
    assert "resultado_variables=ok" in a["checks"] and not any(c.startswith("meta_var") for c in a["checks"])
    # 5/20 is 25, printed 30: the row says so
    assert "resultado_variables=conflict" in c["checks"] and "meta_variables=ok" in c["checks"]
    assert c["causas_desviacion"] == "Baja demanda" and c["ente"] == "Instituto Tecnológico Superior del Valle"


# the same two rows as OCR'd text with one space between cells (tesseract reading across), a
# 1 of the second clave read as 'I', a '|' read for an 'l' inside a word, a frequency cut
# over two lines and a digit of the unit's code read as 's'
PBR_SPACED = (
    PBR.split("| Orden")[0]
    + "Orden Objetivo Nombre del Indicador Fórmula Tip/Dim/Fre U. de M. Variable 1 Variable 2 Meta Variable 1 "
    "Variable 2 Resultado Unidad Responsable del Programa Causas de desviación Resultado\n"
    "C1851.A1931 Atención de estudiantes 0709 Porcentaje de estudiantes atendidos (A / B) x 100 "
    "GESTION/Eficacia/Trimes tral 433 Por ciento 0.00 0.00 0.00 67.00 152.00 44.07 Dirección de Planeación 44.07\n"
    "CI924 Vinculación rea|izada 0710 Porcentaje de convenios (C / D) x 100 ESTRATEGICO/Eficiencia/Anu al "
    "s12 Tasa 10.00 20.00 50.00 5.00 20.00 25.00 Dirección de Planeación Baja demanda 25.00\n"
)


def test_pbr_row_of_ocr_text_with_one_space_between_cells_is_cut_by_what_each_cell_holds():
    rows = {r["clave"]: r for r in _best(PBR_SPACED, "pbr_lineas")}
    a, c = rows["C1851.A1931"], rows["C1924"]
    assert (a["indicador"], a["frecuencia"], a["unidad_medida"]) == (
        "Porcentaje de estudiantes atendidos",
        "trimestral",
        "Por ciento",
    )
    assert (a["resultado_v1"], a["resultado_v2"], a["resultado_pct"], a["resultado_acumulado"]) == (
        67,
        152,
        44.07,
        44.07,
    )
    assert a["formula"] == "(A / B) x 100" and a["resumen_narrativo"] == "Atención de estudiantes"
    assert (c["nivel"], c["frecuencia"], c["unidad_medida"]) == ("componente", "anual", "Tasa")
    assert (c["meta_programada_pct"], c["resultado_pct"], c["resultado_acumulado"]) == (50, 25, 25)
    assert "resultado_variables=ok" in c["checks"] and "meta_variables=ok" in c["checks"]
    # 'CI924' printed, C1924 read: said on the field; a clave printed as it is stays unflagged
    assert "clave:corregido" in c["corrected"] and "'CI924'" in c["comentario_extraccion"]
    assert "clave:corregido" not in a["corrected"]


@pytest.mark.parametrize(
    "pct, v1, v2, ok",
    [(44.07, 67, 152, True), (44.08, 67, 152, True), (44.1, 67, 152, False), (415.71, 291, 70, True)]
    # the report prints 0.00 for a division by zero, and 0 of anything is 0%: a 0.00 over a
    # zero says nothing of the other variable, so no check (rows whose cells OCR shifted read
    # '41 0 0.00' for '41 177 23.16' and '0.00 3.00 0.00' for '3.00 303.00 0.99')
    + [(0, 1, 0, None), (0, 41, 0, None), (0, 0, 0, None), (0, 0, 3, None), (5.0, 1, 0, False)],
)
def test_pbr_percentage_rounded_or_truncated_or_zero_for_zero_target(pct, v1, v2, ok):
    assert pct_matches(pct, v1, v2) is ok


def test_pbr_values_no_holding_check_covers_are_flagged_on_a_reading_by_ocr():
    from extractors.mir_avance.v2.formats.pbr import flag_unbacked_values

    row = {
        "trimestre": 3,
        "checks": ["meta_variables=conflict"],
        "meta_programada_v1": 215.74, "meta_programada_v2": 177.0, "meta_programada_pct": 23.16,
        "resultado_v1": 41.0, "resultado_v2": 0.0, "resultado_pct": 0.0, "resultado_acumulado": 0.0,
        "programado_t3": 23.16, "alcanzado_t3": 0.0,
    }  # fmt: skip
    flag_unbacked_values([row])
    assert "alcanzado_t3_sin_respaldo=conflict" in row["checks"]
    assert "resultado_pct_sin_respaldo=conflict" in row["checks"]
    # the failing check already names the meta's values: no second flag on them
    assert not any(c.startswith(("meta_programada", "programado_t3")) for c in row["checks"])
    assert "alcanzado_t3" in flags(row)
    held = {"trimestre": 3, "checks": ["meta_variables=ok", "resultado_variables=ok"], "resultado_pct": 50.0,
            "alcanzado_t3": 50.0, "resultado_v1": 1.0, "resultado_v2": 2.0}  # fmt: skip
    flag_unbacked_values([held])
    assert held["checks"] == ["meta_variables=ok", "resultado_variables=ok"]


SEVAC = """GOBIERNO CONSTITUCIONAL DEL ESTADO
INDICADORES DE RESULTADOS AL SEGUNDO TRIMESTRE DEL 2020
Organismo Público: Instituto de Capacitación del Estado
| CLAVE | ODS | CONCEPTOS | UNIDAD | PROGRAM. | MODIF. | ALCANZ. | % | APROBADO | MODIFICADO | DEVENGADO |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
|  |  | EDUCACIÓN |  |  |  |  |  |  |  |  |
|  |  | EDUCACIÓN SUPERIOR |  |  |  |  |  | 1 000 000.00 | 1 000 000.00 | 500 000.00 |
|  |  | PROYECTOS INSTITUCIONALES: |  |  |  |  |  |  |  |  |
| A001 | 8 | FOMENTO A LA CALIDAD |  |  |  |  |  | 1 000 000.00 | 1 000 000.00 | 500 000.00 |
|  |  | Número de cursos impartidos | Curso | 3 522.00 | 3 522.00 | 658.00 | 18.68 |  |  |  |
|  |  | Cobertura en capacitación | Persona | 52 830.00 | 50 000.00 | 9 569.00 | 18.11 |  |  |  |
"""


def test_sevac_metas_carry_their_project_and_check_cumplimiento_against_modificado():
    rows = _best(SEVAC, "sevac")
    assert [r["indicador"] for r in rows] == ["Número de cursos impartidos", "Cobertura en capacitación"]
    first, second = rows
    assert (first["clave"], first["proyecto"], first["objetivo_desarrollo_sostenible"]) == (
        "A001",
        "FOMENTO A LA CALIDAD",
        "8",
    )
    assert (first["finalidad"], first["subfuncion"], first["tipo_proyecto"]) == (
        "EDUCACIÓN",
        "EDUCACIÓN SUPERIOR",
        "PROYECTOS INSTITUCIONALES",
    )
    assert (first["meta_anual"], first["alcanzado_periodo"], first["avance_pct"]) == (3522, 658, 18.68)
    assert "cumplimiento_calculado=ok" in first["checks"]
    # 9569 / 50000 = 19.14, printed 18.11 (the % of the programado): a conflict, not a guess
    assert second["modificado_anual"] == 50000 and "cumplimiento_calculado=conflict" in second["checks"]


# SEVAC as OCR'd text with one space between cells: figures with their thousands groups set
# apart by spaces, a project key with a zero read as 'o', and a project whose key OCR lost
# (its metas belong to no project that can be named, not to the one above)
SEVAC_SPACED = """GOBIERNO CONSTITUCIONAL DEL ESTADO
INDICADORES DE RESULTADOS AL SEGUNDO TRIMESTRE DEL 2020
Organismo Público: Instituto de Capacitación del Estado
EDUCACIÓN SUPERIOR 1 000 000.00 1 000 000.00 500 000.00
PROYECTOS INSTITUCIONALES:
Ao01 8 FOMENTO A LA CALIDAD 1 000 000.00 1 000 000.00 500 000.00 Cobertura Estatal 10 20 30
Número de cursos impartidos Curso 3 522.00 3 522.00 658.00 18.68
Cobertura en capacitación Persona 52 830.00 50 000.00 9 569.00 19.14
#$%& 9 VINCULACIÓN CON EMPRESAS 2 000 000.00 2 000 000.00 900 000.00 Cobertura Estatal 1 2 3
Número de convenios firmados Convenio 12.00 12.00 6.00 50.00
"""


def test_sevac_ocr_text_with_one_space_between_cells_groups_each_figure_up_to_its_cents():
    rows = _best(SEVAC_SPACED, "sevac_lineas")
    assert [(r["clave"], r["indicador"], r["unidad_medida"]) for r in rows] == [
        ("A001", "Número de cursos impartidos", "Curso"),
        ("A001", "Cobertura en capacitación", "Persona"),
    ]
    assert [(r["meta_anual"], r["modificado_anual"], r["alcanzado_periodo"], r["avance_pct"]) for r in rows] == [
        (3522, 3522, 658, 18.68),
        (52830, 50000, 9569, 19.14),
    ]
    assert all("cumplimiento_calculado=ok" in r["checks"] for r in rows)
    # 'Ao01' is not what was printed: the key says it was read back
    assert all("clave:corregido" in r["corrected"] and "'Ao01'" in r["comentario_extraccion"] for r in rows)


# a scan's lines (dev scan 543, as tesseract read them): one space between cells whatever the
# gap, a key read with a letter too many ('Ko021' for K021), specks read as '(' and '>'
SEVAC_SCAN_LINES = """GOBIERNO CONSTITUCIONAL DEL ESTADO DE COSTA ESMERALDA
INDICADORES DE RESULTADOS AL PRIMER TRIMESTRE DEL 2019
Organismo Público: Instituto de Capacitación para el Trabajo del Estado de Costa Esmeralda
PROYECTOS DE INVERSIÓN:
Ko021 6 ATENCIÓN A LA DEMANDA DE EDUCACIÓN SUPERIOR 6 525 974.43 6 211 230.04 1 409 776.59 Cobertura Estatal
Alumnos atendidos en el ciclo escolar Alumno 32 555.00 32555.00 5701.00 17.51
Koo08 5 VINCULACIÓN CON EL SECTOR PRODUCTIVO ú E 53 312 300.01 53 312 300.01 9 248 978.92 Cobertura Estatal
Cobertura en capacitación para el trabajo > Persona 33832.00 36971.00 1928.00 5.21
Personas beneficiadas cor apoyos Persona ( 56 280.00 55861.00 6258.00 11.20
"""


def test_sevac_scan_lines_are_cut_like_ocr_text_and_a_key_read_with_a_letter_too_many_is_mended():
    doc = Document(
        doc_id="0" * 64,
        source="s.pdf",
        file_name="s.pdf",
        media_type="pdf",
        pages=[make_page(SEVAC_SCAN_LINES, 1, "ocr")],
        page_count=1,
    )
    rows = _best_of(doc, "sevac_lineas")
    assert [(r["clave"], r["unidad_medida"], r["meta_anual"], r["modificado_anual"]) for r in rows] == [
        ("K021", "Alumno", 32555, 32555),
        ("K008", "Persona", 33832, 36971),
        ("K008", "Persona", 56280, 55861),
    ]
    assert all("cumplimiento_calculado=ok" in r["checks"] for r in rows)
    assert all("clave:corregido" in r["corrected"] for r in rows)
    assert "'Ko021'" in rows[0]["comentario_extraccion"]


@pytest.mark.parametrize(
    "printed, key", [("K021", "K021"), ("E0l9", "E019"), ("Ko021", "K021"), ("Koo08", "K008"), ("Kl0o8", None)]
)
def test_a_project_key_with_one_look_alike_letter_too_many_is_read_only_when_every_drop_agrees(printed, key):
    assert project_key(printed) == key


POA = """INSTITUTO DE CAPACITACIÓN
PROGRAMA ANUAL OPERATIVO 2018
AVANCE DE METAS POR UNIDAD Y ZONA
PERIODO: Ene-Jun 2018
| Posición | UNIDAD | ANUAL (CURSOS) | PROG | REAL | DIF | % | PROG | REAL | DIF | % | HORAS |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 1 | UNIDAD DE CAPACITACIÓN TUXTLA | 527 | 237 | 216 | -21 | 91% | 3555 | 3227 | -328 | 91% | 6,071 |
| 2 | ACCIÓN MÓVIL BERRIOZABAL | 26 | 15 | 16 | 1 | 107% | 225 | 254 | 29 | 113% | 329 |
|  | ZONA I TUXTLA | 553 | 252 | 232 | -20 | 92% | 3780 | 3481 | -299 | 92% | 6,400 |
| 3 | UNIDAD DE CAPACITACIÓN COMITÁN | 100 | 50 | 60 | 10 | 0% | 500 | 600 | 100 | 120% | 1,000 |
|  | ZONA II COMITÁN | 100 | 50 | 61 | 11 | 122% | 500 | 600 | 100 | 120% | 1,000 |
|  | TOTALES | 653 | 302 | 292 | -10 | 10 | 4280 | 4081 | -199 | 95% | 7,400 |
"""


def test_poa_rows_keyed_by_unit_with_zone_and_total_sums_checked():
    rows = {r["unidad"]: r for r in _best(POA, "poa")}
    assert len(rows) == 6 and all(r["clave"] is None for r in rows.values())
    tux = rows["UNIDAD DE CAPACITACIÓN TUXTLA"]
    assert (tux["posicion"], tux["trimestre"], tux["unidad_medida"]) == (1, 2, "cursos")
    assert (tux["meta_anual"], tux["programado"], tux["alcanzado"], tux["avance_pct"]) == (527, 237, 216, 91)
    assert tux["total_horas_impartidas"] == 6071 and "diferencia=ok" in tux["checks"]
    assert rows["ZONA I TUXTLA"]["es_subtotal"] and "subtotal_zona=ok" in rows["ZONA I TUXTLA"]["checks"]
    # the printed 0% for 60 of 50 stays as printed and is flagged
    com = rows["UNIDAD DE CAPACITACIÓN COMITÁN"]
    assert com["avance_pct"] == 0 and "cumplimiento_calculado=conflict" in com["checks"]
    # a zone subtotal that does not add up (61 for 60)
    assert "subtotal_zona=conflict" in rows["ZONA II COMITÁN"]["checks"]
    tot = rows["TOTALES"]
    assert tot["es_total"] and tot["posicion"] is None and "cumplimiento_calculado=conflict" in tot["checks"]
    assert "total=ok" in tot["checks"]


# The same kind of table as OCR'd text that lost the gaps between its cells: single spaces, a
# unit's name wrapped onto the line under its row, and one row (3) whose programado cell OCR
# dropped. Values written by hand: 3's programado is 48 (alcanzado 60 - diferencia 12, and 60/48
# = 125%), and row 4 lost its annual target, which no check reaches.
POA_SPACED = """INSTITUTO DE CAPACITACIÓN
PROGRAMA ANUAL OPERATIVO 2018
AVANCE DE METAS POR UNIDAD Y ZONA
PERIODO: Ene-Jun 2018
1 UNIDAD DE CAPACITACIÓN TUXTLA 527 237 216 -21 91% 3555 3227 -328 91% 6,071
2 ACCIÓN MÓVIL 26 15 16 1 107% 225 254 29 113% 329
SAN JUAN BERRIOZABAL
3 UNIDAD DE CAPACITACIÓN COMITÁN 100 60 12 125% 500 600 100 120% 1,000
4 ACCIÓN MÓVIL LAS ROSAS 50 40 -10 80% 300 270 -30 90% 400
"""


def test_poa_ocr_text_without_gutters_is_cut_by_token_kind_and_keeps_wrapped_names():
    rows = {r["posicion"]: r for r in _best(POA_SPACED, "poa")}
    tux = rows[1]
    assert tux["unidad"] == "UNIDAD DE CAPACITACIÓN TUXTLA"
    assert (tux["meta_anual"], tux["programado"], tux["alcanzado"], tux["total_horas_impartidas"]) == (
        527,
        237,
        216,
        6071,
    )
    assert rows[2]["unidad"] == "ACCIÓN MÓVIL SAN JUAN BERRIOZABAL" and rows[2]["meta_anual"] == 26


def test_poa_row_with_one_lost_cell_is_placed_by_its_arithmetic_and_the_value_flagged():
    rows = {r["posicion"]: r for r in _best(POA_SPACED, "poa")}
    com = rows[3]
    assert (com["meta_anual"], com["programado"], com["alcanzado"], com["diferencia"]) == (100, 48, 60, 12)
    assert "programado:imputado" in com["corrected"] and "programado" in com["comentario_extraccion"]
    assert (com["beneficiarios_programado"], com["total_horas_impartidas"]) == (500, 1000)
    # row 4 lost its annual target: placing the gap there or at programado passes the same
    # checks, so the row is not read rather than read shifted
    assert 4 not in rows


def test_poa_values_beside_a_lost_cell_that_no_check_compares_are_doubted():
    # the lost cell may have been read into its neighbour ('411 289', annual target and
    # programado, read as 411289: dev MIR OCR'd text 125): the annual target, which no check of
    # the row compares, is doubted; the alcanzado on the other side is checked by the diferencia
    com = {r["posicion"]: r for r in _best(POA_SPACED, "poa")}[3]
    assert "meta_anual_columna_dudosa=conflict" in com["checks"]
    assert not [c for c in com["checks"] if c.startswith("alcanzado")]
    assert "celda perdida" in com["comentario_extraccion"]


# OCR's look-alikes in a POA table: a posición 8 read '0' between 7 and 9, and zone numerals
# with 'l' and '1' for 'I'; 'ZONA 1' is how some reports print their zones and stays as printed
POA_MISREAD = (
    POA.replace("| 2 | ACCIÓN", "| 0 | ACCIÓN")
    .replace("ZONA I TUXTLA", "ZONA l TUXTLA")
    .replace("ZONA II COMITÁN", "ZONA I1 COMITÁN")
)


def test_poa_posicion_between_two_agreeing_neighbours_and_zone_numerals_are_repaired_and_listed():
    rows = _best(POA_MISREAD, "poa")
    by_name = {r["unidad"]: r for r in rows}
    assert by_name["ACCIÓN MÓVIL BERRIOZABAL"]["posicion"] == 2
    assert "posicion:corregido" in by_name["ACCIÓN MÓVIL BERRIOZABAL"]["corrected"]
    assert "'0' entre las posiciones 1 y 3" in by_name["ACCIÓN MÓVIL BERRIOZABAL"]["comentario_extraccion"]
    assert {"ZONA I TUXTLA", "ZONA II COMITÁN"} <= set(by_name)
    assert all("unidad:corregido" in by_name[z]["corrected"] for z in ("ZONA I TUXTLA", "ZONA II COMITÁN"))
    # rows whose posición and name were read as printed carry no repair of them
    assert not by_name["UNIDAD DE CAPACITACIÓN TUXTLA"]["corrected"]
    arabic = {r["unidad"] for r in _best(POA.replace("ZONA I TUXTLA", "ZONA 1 TUXTLA"), "poa")}
    assert "ZONA 1 TUXTLA" in arabic


def test_a_format_reading_whose_arithmetic_holds_counts_for_itself():
    # each of the three rows has a check holding on values read as printed: the reading
    # competes with the municipal readings on that evidence, not only on its conflicts
    assert reading_score(_best(POA_SPACED, "poa")) == 3


def test_a_failing_zone_sum_flags_that_count_on_the_zone_and_on_each_unit_it_adds():
    rows = {r["unidad"]: r for r in _best(POA, "poa")}
    # ZONA II prints 61 realizados for its one unit's 60: either may be the misread one
    for name in ("ZONA II COMITÁN", "UNIDAD DE CAPACITACIÓN COMITÁN"):
        assert "alcanzado_suma_de_unidades=conflict" in rows[name]["checks"]
        assert "programado_suma_de_unidades=conflict" not in rows[name]["checks"]
    # ZONA I adds up: its units carry no such flag
    assert not any("suma_de_unidades" in c for c in rows["UNIDAD DE CAPACITACIÓN TUXTLA"]["checks"])


def test_a_municipal_report_is_no_relative_format():
    text = "Ente público: Municipio de X\nMatriz de Indicadores para Resultados\n1.1 Fin PSAL: Porcentaje 10 20 50%\n"
    assert format_readings(make_document(text), META) == []


# development seeds, one or two per format (samples/gen: variant.format); never 6000-6049
DEV_SEEDS = {"pbr_estatal": (24,), "sevac": (0,), "poa": (2,)}
NUMERIC = {
    "pbr_estatal": (
        "meta_programada_v1",
        "meta_programada_v2",
        "meta_programada_pct",
        "resultado_v1",
        "resultado_v2",
        "resultado_pct",
        "resultado_acumulado",
    ),
    "sevac": ("programado_anual", "modificado_anual", "alcanzado_periodo", "cumplimiento_pct", "meta_anual"),
    "poa": ("meta_anual", "programado", "alcanzado", "diferencia", "avance_pct", "total_horas_impartidas"),
}
# a POA unit name may repeat (two mobile actions in one town): its posición tells them apart
KEY = {"pbr_estatal": ("clave",), "sevac": ("clave", "indicador"), "poa": ("posicion", "unidad")}


@pytest.mark.parametrize("fmt, seed", [(f, s) for f, seeds in DEV_SEEDS.items() for s in seeds])
def test_generated_text_pdf_every_row_read_and_no_number_wrong_without_a_conflict(fmt, seed, tmp_path: Path):
    from gen import mir_avance
    from papeleo.readers import ReadSettings, read_document

    gen = mir_avance.generate(seed, tmp_path, ["texto.pdf"])
    assert gen.variant["format"] == fmt
    truth = gen.truth["indicators"]
    doc = read_document(str(gen.files["texto.pdf"]), ReadSettings()).document
    from extractors.mir_avance.v2.meta import document_meta

    readings = format_readings(doc, document_meta(doc.text))
    got = max(readings, key=lambda nr: len(nr[1]))[1]
    by_key = {tuple(r.get(k) for k in KEY[fmt]): r for r in got}
    assert len(by_key) == len(got) == len(truth)
    for t in truth:
        r = by_key[tuple(t.get(k) for k in KEY[fmt])]
        assert r["trimestre"] == t["trimestre"] and r["ejercicio"] == t["ejercicio"]
        for f in NUMERIC[fmt]:
            if r.get(f) != t[f]:
                assert conflicts(r) or f"{f}:corregido" in r["corrected"], (t, f, r.get(f))


# A POA table as a scan prints it: marks beside numbers ('"2316', '118% A', '4335.'), a cell of
# specks where a number was ('EAS' for the diferencia 45) and a posición garbled to 'mn'.
# Values written by hand: row 17's diferencia is 157 - 112 = 45 (and 157/112 = 140%).
POA_SPECKS = """INSTITUTO DE CAPACITACIÓN
PROGRAMA ANUAL OPERATIVO 2018
AVANCE DE METAS POR UNIDAD Y ZONA
PERIODO: Ene-Jun 2018
| Posición | UNIDAD | ANUAL (CURSOS) | PROG | REAL | DIF | % | PROG | REAL | DIF | % | HORAS |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| 7 | UNIDAD DE CAPACITACIÓN TUXTLA | 237 | 193 | 250 | 57 | 130% | "2316 | 3452 | 1136 | 149% | 7,602 |
| mn | ACCIÓN MÓVIL BERRIOZABAL | 253 | 179 | 239 | 60 | 134% | 1790 | 2108 | 318 | 118% A | 8,089 |
| 9 | UNIDAD DE CAPACITACIÓN COMITÁN | 529 | 289 | 204 | -85 | 71% | 4335. | 2503 | -1832 | 58% | 5,221 |
| 10 | ACCIÓN MÓVIL LAS ROSAS | 228 | 112 | 157 | EAS | 140% | 1568 | 2584 | 1016 | 165% | 3,076 |
"""


def test_poa_scan_marks_are_read_past_and_a_cell_of_specks_is_a_lost_value():
    rows = {r["unidad"]: r for r in _best(POA_SPECKS, "poa")}
    assert len(rows) == 4
    tux = rows["UNIDAD DE CAPACITACIÓN TUXTLA"]
    assert tux["beneficiarios_programado"] == 2316 and "beneficiarios_programado:corregido" in tux["corrected"]
    ber = rows["ACCIÓN MÓVIL BERRIOZABAL"]
    assert ber["beneficiarios_avance_pct"] == 118 and ber["total_horas_impartidas"] == 8089
    # the garbled posición is lost, and read back from its neighbours 7 and 9
    assert ber["posicion"] == 8 and "posicion:imputado" in ber["corrected"]
    assert rows["UNIDAD DE CAPACITACIÓN COMITÁN"]["beneficiarios_programado"] == 4335
    rosas = rows["ACCIÓN MÓVIL LAS ROSAS"]
    assert rosas["diferencia"] == 45 and "diferencia:imputado" in rosas["corrected"]
    # values read as printed carry no repair
    assert "meta_anual" not in {c.split(":")[0] for c in tux["corrected"]}


def test_a_pbr_row_whose_cells_read_backwards_hold_every_check_doubts_every_value():
    # tesseract's text of a scanned PbR, the row's cells apart and bottom-up (report block
    # 6730-6759 OCR'd text): read in order, 180/100 = 180% holds by chance and the meta fails;
    # taken backwards both hold. Which order was printed the row cannot say: every value doubted
    text = (
        "Evaluación del Presupuesto Basado en Resultados (PbR)\n"
        "Resultado de los Indicadores Estratégicos y de Gestión\n"
        "C1923.A1964\nImpartición de cursos de actualización\nTrimestral\n"
        "104.62\nperiodo.\n113.33\n204.00 180.00\n100.00\n180.00\n180.00\n"
    )
    rows = [r for r in _best(text, "pbr") if r["clave"] == "C1923.A1964"]
    assert rows and rows[0]["resultado_pct"] == 180.0  # as read: no value is moved
    assert "meta_variables=conflict" in rows[0]["checks"]
    assert {"alcanzado_t2", "resultado_pct", "meta_programada_v1"} <= set(flags(rows[0]))
    assert "orden inverso" in rows[0]["comentario_extraccion"]


def _pbr_row(values: str) -> dict:
    text = PBR.split("| C1851")[0] + (
        f"| C1824.A1963 | Titulación de egresados | 1141 Porcentaje de egresados titulados | (A / B) x 100 "
        f"| ESTRATEGICO/Eficiencia/Anu al | 433 Por ciento | {values} | Subdirección de Planeación |  | 145.21 |\n"
    )
    return next(r for r in _best(text, "pbr") if r["clave"] == "C1824.A1963")


def test_a_pbr_value_whose_decimal_point_ocr_lost_is_doubted_when_both_readings_hold():
    # '20000 | 200.00 | 10000' for 200.00, 200.00, 100.00 (report block 456): the variable and
    # its percentage both lost their point, and 20000/200 = 10000% holds as 200/200 = 100% does
    row = _pbr_row("20000 | 200.00 | 10000 | 780.00 | 660.00 | 118.18")
    assert (row["meta_programada_v1"], row["meta_programada_pct"]) == (20000, 10000)  # as printed
    assert {"meta_programada_v1", "meta_programada_pct", "programado_t2"} <= set(flags(row))
    assert "meta_programada_v2" not in flags(row) and "resultado_pct" not in flags(row)


def test_a_pbr_value_whose_decimal_point_ocr_lost_is_put_back_when_only_that_reading_holds():
    # '15000' among values of two decimals: 150/200 = 75% holds, 15000/200 = 75% does not
    row = _pbr_row("15000 | 200.00 | 75.00 | 780.00 | 660.00 | 118.18")
    assert row["meta_programada_v1"] == 150
    assert "meta_programada_v1:corregido" in row["corrected"]
    assert "'15000'" in row["comentario_extraccion"]
    assert "meta_variables=ok" in row["checks"]


def test_a_pbr_row_one_number_short_keeps_what_its_checks_place_wherever_the_lost_one_was():
    # the meta's second variable lost (a heavy scan's cell read as dust: dev MIR scans 506,
    # 528, 536, 537): wherever it was among the meta's three, 780/660 = 118.18% holds, so the
    # result, its % and the accumulated result are placed; the meta's two survivors are not
    row = _pbr_row("150.00 | 75.00 | 780.00 | 660.00 | 118.18")
    assert (row["resultado_v1"], row["resultado_v2"], row["resultado_pct"]) == (780, 660, 118.18)
    assert row["alcanzado_t2"] == 118.18 and row["resultado_acumulado"] == 145.21
    assert row["meta_programada_v1"] is None and row["meta_programada_pct"] is None
    assert row.get("programado_t2") is None
    assert "numeros_fila=conflict" in row["checks"] and "resultado_variables=ok" in row["checks"]
    assert {"resultado_v1", "alcanzado_t2", "resultado_acumulado"} <= set(flags(row))
    # one short where no place of the lost cell makes a check hold: nothing is placed
    row = _pbr_row("150.00 | 75.00 | 780.00 | 600.00 | 118.18")
    assert all(row.get(f) is None for f in ("meta_programada_v1", "resultado_v1", "resultado_pct"))


def test_a_row_one_item_short_places_only_what_lands_alike_in_every_fitting_reading():
    def doubled(vals: list) -> bool:  # the check b == 2a, made only where a and b are present
        return vals[0] is not None and vals[1] is not None and vals[1] == 2 * vals[0]

    # (1, 2): only the third slot lost makes the check hold
    assert placed_around_one_lost([1, 2], 3, doubled) == [1, 2, None]
    # (4, 4): no place of the lost item does; (2, 4, 9) is not one short of three
    assert placed_around_one_lost([4, 4], 3, doubled) is None
    assert placed_around_one_lost([2, 4, 9], 3, doubled) is None

    def tail_doubled(vals: list) -> bool:  # b == 2a over the last two slots of four
        return vals[2] is not None and vals[3] is not None and vals[3] == 2 * vals[2]

    # (7, 3, 6): the lost item is the first or the second; 3 and 6 land alike, 7 does not
    assert placed_around_one_lost([7, 3, 6], 4, tail_doubled) == [None, None, 3, 6]


def test_poa_ocr_text_printed_one_cell_per_line_is_read_row_by_row():
    # dev MIR OCR'd text 179: every cell on a line of its own, no row was read. A row opens at a
    # name (or at its posición right before it), a wrapped name's lines join, the numbers follow
    head = ["Posición", "UNIDAD ACADÉMICA / ESPECIALIDAD", "ANUAL (TALLERES)", "TALLERES ACUMULADO ENE-SEP 2024",
            "PARTICIPANTES ACUMULADO ENE-SEP 2024", "TOTAL DE HORAS IMPARTIDAS", "TOTAL ANUAL PROGRAMADO",
            "PROGRAMADO ENE-SEP 2024", "REALIZADO ENE-SEP 2024", "DIFERENCIA", "% de Cumplimiento",
            "PROGRAMADO ENE-SEP 2024", "REALIZADO ENE-SEP 2024", "DIFERENCIA", "% de Cumplimiento"]  # fmt: skip
    rows = [
        ["1", "UNIDAD ACADÉMICA SAN CRISTÓBAL DEL RÍO", "259", "180", "180", "0", "100%", "2160", "2013", "-147", "93%", "3,436"],
        ["2", "EXTENSIÓN NUEVO", "SALTILLEJO", "180", "121", "59", "-62", "49%", "1210", "653", "-557", "54%", "2,010"],
    ]  # fmt: skip
    text = "INSTITUTO TECNOLÓGICO SUPERIOR DEL VALLE\nPROGRAMA ANUAL OPERATIVO 2024\nPERIODO: Ene-Sep 2024\n\n"
    text += "\n\n".join(head + [cell for row in rows for cell in row]) + "\n"
    got = {r["posicion"]: r for r in _best(text, "poa_celdas")}
    assert got[1]["unidad"] == "UNIDAD ACADÉMICA SAN CRISTÓBAL DEL RÍO"
    assert (got[1]["meta_anual"], got[1]["alcanzado"], got[1]["total_horas_impartidas"]) == (259, 180, 3436)
    assert got[2]["unidad"] == "EXTENSIÓN NUEVO SALTILLEJO"
    assert (got[2]["programado"], got[2]["beneficiarios_diferencia"], got[2]["beneficiarios_avance_pct"]) == (
        121,
        -557,
        54,
    )


def test_a_sevac_line_of_specks_that_cuts_into_no_cell_neither_crashes_nor_drops_the_rows():
    # report 6909's scan: a line that cut into no cell left a row with no items, and reading its
    # first cell crashed the extractor on the whole report
    from extractors.mir_avance.v2.formats.rows import FRow, Item  # noqa: PLC0415
    from extractors.mir_avance.v2.formats.sevac import _with_spaced_cells, rows_to_records  # noqa: PLC0415

    blank = FRow([Item(text=" ", numbers=[])], page=1, source="lineas")
    assert _with_spaced_cells(blank) is blank
    assert rows_to_records([FRow([], page=1, source="lineas")], {"trimestre": 2}) == []


def test_a_poa_units_percent_over_counts_a_failing_sum_doubts_is_doubted_too():
    # OCR'd text of report 6997: a unit whose garbled name took another unit's 901 and 699 (its
    # 78% holding on them) was flagged on its counts by the zone's failing sum, not on its %
    from extractors.mir_avance.v2.formats import flag_chosen  # noqa: PLC0415

    unit = {"programado": 901.0, "alcanzado": 699.0, "avance_pct": 78.0, "corrected": [], "comentario_extraccion": None}
    unit["checks"] = ["cumplimiento_calculado=ok", "programado_suma_de_unidades=conflict"]
    sure = {**unit, "checks": ["cumplimiento_calculado=ok"]}
    flag_chosen("poa_lineas", [unit, sure], read_by_ocr=True)
    assert "avance_pct" in flags(unit) and "avance_pct" not in flags(sure)


def test_a_pbr_component_key_after_one_of_its_activities_doubts_the_row():
    # OCR'd text of report 6993: 'C1990' read between C1990.A1922 and C1990.A1926, an activity
    # whose own part OCR lost, its values unflagged
    from extractors.mir_avance.v2.formats import flag_chosen  # noqa: PLC0415

    keys = ("C1975.A1920", "C1990.A1922", "C1990", "C1990.A1926", "C1991", "C1991.A1927")
    rows = [
        {"clave": k, "avance_pct": 50.0, "checks": [], "corrected": [], "comentario_extraccion": None} for k in keys
    ]
    flag_chosen("pbr_lineas", rows, read_by_ocr=False)
    assert ["avance_pct" in flags(r) for r in rows] == [False, False, True, False, False, False]

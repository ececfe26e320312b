"""MIR v2 on OCR'd text: the readings of a damaged head the rows choose from — a page title set
between the head and the first row, a sub-label lost in a head whose later quarters print their
programado alone, a quarter label lost at the end of the alcanzados' run — and the readings
never taken (a column twice, quarters printing their kinds in two orders).

Every value is written in the fixtures here; the expectations follow from them.
"""

from __future__ import annotations

from extractors.mir_avance.v2 import extract
from extractors.mir_avance.v2.heads import _quarters_in_one_order, head_labels, head_sequences
from extractors.mir_avance.v2.meta import trimestre_of
from helpers import make_document
from papeleo.context import process_context

# (level, code, meta anual, (programado, alcanzado) per quarter, %): Σ programado = meta,
# % = alcanzado T4 / programado T4
ROWS = [
    ("FIN", "4.2.3", 80, [(20, 20), (20, 18), (20, 20), (20, 18)], "90.0%"),
    ("COMPONENTE", "4.2.3.1", 95, [(20, 20), (25, 25), (25, 30), (25, 20)], "80.0%"),
    ("ACTIVIDAD", "4.2.3.1.1", 40, [(10, 10), (10, 12), (10, 9), (10, 11)], "110.0%"),
]  # fmt: skip


def _records(text: str) -> dict[str, dict]:
    return {r["clave"]: r for r in extract(make_document(text), process_context()).records}


def test_a_page_title_between_the_head_and_the_first_row_is_no_part_of_the_head():
    # the export put the page's title after the head (report block 486): 'Informe de Avance de
    # Metas e Indicadores del Programa …' and 'Cuarto Trimestre 2025' name a meta, a programa
    # and a quarter; read into the head they gave it five 'programado T4' columns
    text = (
        "Nivel       Resumen narrativo                   Indicador                  Frecuencia  Meta anual  "
        "Primero              Segundo              Tercero              Cuarto               % Avance\n"
        "                                                                                                   "
        "Meta      Alcanzado  Meta      Alcanzado  Meta      Alcanzado  Meta      Alcanzado\n"
        "GOBIERNO MUNICIPAL DE SANTA ROSALÍA DEL RÍO   Ejercicio Fiscal 2025\n"
        "Informe de Avance de Metas e Indicadores del Programa Presupuestario\n"
        "Cuarto Trimestre 2025\n"
    )
    for level, code, meta, quarters, pct in ROWS:
        cells = "  ".join(f"{p:<8}  {a:<8}" for p, a in quarters)
        text += f"{level:<11} {code} Entrega de apoyos.  PSAL= Porcentaje de apoyos  TRIMESTRAL  {meta:<10}  {cells}  {pct}\n"
    recs = _records(text)
    for _, code, meta, quarters, pct in ROWS:
        got = recs[code]
        assert got["meta_anual"] == meta, code
        assert [got[f"programado_t{q}"] for q in range(1, 5)] == [p for p, _ in quarters], code
        assert [got[f"alcanzado_t{q}"] for q in range(1, 5)] == [a for _, a in quarters], code
        assert got["avance_pct"] == float(pct.rstrip("%")), code


def test_a_lost_sub_label_under_quarters_whose_later_ones_print_only_the_programado():
    # a second-quarter report prints 'Meta Alc. Meta Alc. Meta Meta'; 'Mela' is no label
    # (report block 432): read as printed, the second quarter took 'Alc.' first
    labels = head_labels(
        [
            "Nivel MIR Código Objetivo Nombre del indicador Frecuencia Meta anual programada Ene-Mar Abr-Jun Jul-Sep Oct-Dic",
            "Meta Alc. Mela Alc. Meta Meta",
        ]
    )
    expected = [("meta", None), ("prog", 1), ("alc", 1), ("prog", 2), ("alc", 2), ("prog", 3), ("prog", 4)]
    assert expected in head_sequences(labels)


def test_a_quarter_label_lost_at_the_end_of_the_alcanzados_run_is_put_back_as_far_as_reported():
    # 'Ju|-Sep' read as no quarter under 'Avance alcanzado' in a third-quarter report (report
    # block 458): the alcanzados run to the third quarter, or to the fourth
    labels = head_labels(
        [
            "Nivel\tResumen narrativo\tIndicador\tFrecuencia\tMeta anual\tMeta programada\tAvance alcanzado\t% Avance",
            "\t\t\t\t\tEne-Mar\tAbr-Jun\tJul-Sep\tOct-Dic\tEne-Mar\tAbr-Jun\tJu|-Sep",
        ]
    )
    progs = [("prog", q) for q in range(1, 5)]
    readings = head_sequences(labels)
    assert [("meta", None), *progs, ("alc", 1), ("alc", 2), ("alc", 3), ("avance", None)] in readings
    assert [("meta", None), *progs, *(("alc", q) for q in range(1, 5)), ("avance", None)] in readings


def test_quarters_printing_their_kinds_in_two_orders_are_a_misreading():
    assert _quarters_in_one_order([("meta", None), ("prog", 1), ("alc", 1), ("prog", 2), ("alc", 2), ("prog", 3)])
    assert not _quarters_in_one_order([("prog", 1), ("alc", 1), ("alc", 2), ("prog", 2)])


def test_the_quarter_of_a_cut_off_date_whose_month_ocr_damaged():
    assert trimestre_of("H. AYUNTAMIENTO DE SANTO TOMÁS\nAvance al 30 de septiembra de 2023\n") == 3


def test_a_lost_sub_label_in_a_head_that_prints_one_kind_otherwise():
    # a first-quarter report: 'Programado Real | Programado | Programado | Programado', 'Raal'
    # no label (report block 483): read as printed, the head had no alcanzado at all
    labels = head_labels(
        [
            "Nivel  Resumen narrativo  Indicador  Frecuencia  Meta anual  Ene-Mar  Abr-Jun  Jul-Sep  Oct-Dic  % de cumplimiento",
            "Programado Raal",
            "Programado",
            "Programado",
            "Programado",
        ]
    )
    quarters = [("prog", 1), ("alc", 1), ("prog", 2), ("prog", 3), ("prog", 4)]
    assert [("meta", None), *quarters, ("avance", None)] in head_sequences(labels)


def test_a_quarter_that_prints_a_kind_an_earlier_one_does_not_is_a_misreading():
    # 'Programado Real | Programado | Programado Real | …' ('ReaI' no label, report block 423): a
    # report leaves out the alcanzados it has not reached, never one between two it prints
    assert not _quarters_in_one_order([("prog", 1), ("alc", 1), ("prog", 2), ("prog", 3), ("alc", 3)])
    assert _quarters_in_one_order([("prog", 1), ("alc", 1), ("prog", 2), ("prog", 3), ("prog", 4)])

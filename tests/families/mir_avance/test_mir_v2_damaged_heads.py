"""MIR v2 on OCR'd text whose head OCR damaged: a first row whose level word is misread is not
taken into the head, and a quarter label that names nothing, printed on a line of its own, is
read from the run of quarters around it.

Every value is written in the fixtures here; the expectations follow from them.
"""

from __future__ import annotations

from extractors.mir_avance.v2 import extract
from extractors.mir_avance.v2.heads import cells_with_quarters_of_their_run
from helpers import make_document
from papeleo.context import process_context

TITLE = "AYUNTAMIENTO DE TEPOZCUAUTLA   Ejercicio Fiscal 2023\nEvaluación Trimestral del Desempeño\nPeriodo: Abril - Junio 2023\n\n"
HEAD = (
    "Nivel Resumen narrativo Indicador Frecuencia Metas programadas Realizado Meta anual % Avance Comentario\n"
    "1er Trim. 2do Trim. 3er Trim. 4to Trim. 1er Trim. 2do Trim.\n"
)
# (level as OCR read it, code, programados, alcanzados T1-T2, meta, %): Σ programado = meta,
# % = alcanzado T2 / programado T2
ROWS = [
    ("F1N", "5.5", (798, 545, 1128, 562), (513, 545), 3033, "100%"),
    ("PROPOSITO", "5.5.1", (100, 200, 300, 400), (90, 180), 1000, "90%"),
    ("COMPONENTE", "5.5.1.1", (10, 20, 30, 40), (10, 25), 100, "125%"),
    ("ACTIVIDAD", "5.5.1.1.1", (5, 5, 5, 5), (4, 5), 20, "100%"),
]  # fmt: skip


def _text() -> str:
    lines = []
    for nivel, code, progs, alcs, meta, pct in ROWS:
        numbers = " ".join(str(v) for v in (*progs, *alcs, meta))
        lines.append(
            f"{nivel} {code} Contribuir a mejorar la calidad de PSAL - Porcentaje de Trimestral {numbers} {pct} Meta Trimestral: se cumple."
        )
        lines.append("vida de los habitantes del municipio operativos de vigilancia")
    return TITLE + HEAD + "\n".join(lines) + "\n"


def test_a_first_row_whose_level_word_ocr_misread_is_a_row_not_part_of_the_head():
    # read as head, the Fin was lost and its text's labels ('meta', 'programados') grew the
    # head's columns, so that no row's count of numbers fitted it
    recs = {r["clave"]: r for r in extract(make_document(_text()), process_context()).records}
    for _, code, progs, alcs, meta, _ in ROWS:
        got = recs[code]
        assert [got.get(f"programado_t{q}") for q in range(1, 5)] == list(progs), code
        assert [got.get("alcanzado_t1"), got.get("alcanzado_t2")] == list(alcs), code
        assert got.get("meta_anual") == meta, code


def test_a_quarter_label_that_names_nothing_takes_its_place_in_the_run_of_quarter_cells():
    cells = ["Meta programada", "]er Trim.", "2do Trim.", "3er Trim.", "4to Trim.", "1er Trim.", "2do Trim."]
    assert cells_with_quarters_of_their_run(cells)[1] == "T1"
    # between two quarters that agree: the one between them
    assert cells_with_quarters_of_their_run(["1er Trim.", "2do Trim.", "??", "4to Trim."])[2] == "T3"
    # at a run's edge, only a cell that looks like that quarter's label ('Meta' does not)
    assert cells_with_quarters_of_their_run(["Avance", "2do Trim.", "3er Trim."])[0] == "Avance"
    # a long cell is text, whatever stands around it
    long_cell = "se reporta conforme a su frecuencia"
    assert cells_with_quarters_of_their_run(["1er Trim.", long_cell, "3er Trim."])[1] == long_cell


def test_a_page_title_set_among_a_markdown_heads_lines_is_left_out_of_the_head():
    # the page's title printed between the head's two lines: 'Periodo: Enero - Marzo 2020'
    # names a quarter, 'Informe de Avance de Metas' a meta; read with them the head had columns
    # no row prints and no row's count fitted it
    text = (
        "| Nivel | Resumen narrativo | Indicador | Frecuencia | Meta anual | 1er Trim. |  | 2do Trim. |  | 3er Trim. |  | 4to Trim. |  |\n"
        "GOBIERNO MUNICIPAL DE COYOTLÁN   Ejercicio Fiscal 2020\n"
        "Informe de Avance de Metas e Indicadores del Programa Presupuestario\n"
        "Periodo: Enero - Marzo 2020\n"
        "|  |  |  |  |  | Meta | Alcanzado | Meta | Alcanzado | Meta | Alcanzado | Meta | Alcanzado |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = [("1.1.1", 2835, (703, 749, 435, 948), 907), ("1.1.2", 100, (25, 25, 25, 25), 20),
            ("1.1.3", 40, (10, 10, 10, 10), 12), ("1.1.4", 16, (4, 4, 4, 4), 4)]  # fmt: skip
    for code, meta, progs, alc in rows:
        cells = [str(meta), str(progs[0]), str(alc)] + [x for p in progs[1:] for x in (str(p), "-")]
        text += f"| Actividad | {code} Entrega de apoyos. | PSAL= Porcentaje de apoyos | Trimestral | {' | '.join(cells)} |\n"
    recs = {r["clave"]: r for r in extract(make_document(text), process_context()).records}
    for code, meta, progs, alc in rows:
        assert recs[code]["meta_anual"] == meta
        assert [recs[code][f"programado_t{q}"] for q in range(1, 5)] == list(progs)
        assert recs[code]["alcanzado_t1"] == alc

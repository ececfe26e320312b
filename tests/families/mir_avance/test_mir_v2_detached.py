"""MIR v2 on OCR'd text (rows laid out on lines) whose resumen column OCR set apart: the table's rows print no code, and
the column's cells (each opened by its code) follow the table. Rows and cells are paired by the
words a resumen shares with its indicator, and in order where the counts between such pairs
agree; a row no cell can be tied to keeps no code.

Every value is written in the fixtures here; the expectations follow from them.
"""

from __future__ import annotations

from extractors.mir_avance.v2 import extract
from extractors.mir_avance.v2.detached import cells_to_rows
from helpers import make_document
from papeleo.context import process_context

HEAD = (
    "MUNICIPIO DE SAN PEDRO DEL RÍO   Ejercicio Fiscal 2024\nAvance de Indicadores de la MIR\n"
    "Cuarto Trimestre 2024\n\n"
    "Nivel  Resumen narrativo  Indicador  Frecuencia  Meta anual  Programado  Alcanzado\n"
    "1er Trim.  2do Trim.  3er Trim.  4to Trim.  1er Trim.  2do Trim.  3er Trim.  4to Trim.\n"
)
# (code, resumen, acronym, indicator, programados, alcanzados): the meta is Σ programado
ROWS = [
    ("1.3.4.1.2", "Elementos policiales capacitados.", "NEPC", "Número de elementos policiales capacitados",
     (267, 406, 299, 264), (350, 475, 344, 323)),
    ("1.3.4.1.2.1", "Realización de operativos de vigilancia preventiva.", "POVPR",
     "Porcentaje de operativos de vigilancia preventiva realizados", (315, 249, 263, 340), (212, 249, 223, 361)),
    ("1.3.4.1.2.2", "Impartición de pláticas de prevención del delito.", "PPPDI",
     "Porcentaje de pláticas de prevención del delito impartidas", (15754, 7453, 10466, 5939), (20101, 9972, 8773, 3831)),
    ("1.3.4.1.2.3", "Inspección de establecimientos comerciales.", "PECI",
     "Porcentaje de establecimientos comerciales inspeccionados", (5, 2, 5, 4), (6, 2, 7, 5)),
]  # fmt: skip


def _text(cells: list[str]) -> str:
    lines = []
    for i, (_, _, siglas, indicador, progs, alcs) in enumerate(ROWS):
        nivel = "Componente" if i == 0 else "Actividad"
        numbers = "  ".join(str(v) for v in (sum(progs), *progs, *alcs))
        lines.append(f"{nivel}  {siglas}= {indicador}  Trimestral  {numbers}")
    return HEAD + "\n".join(lines) + "\n\n" + "\n\n".join(cells) + "\n"


def test_the_cells_of_a_resumen_column_set_apart_give_the_rows_their_codes():
    cells = [f"{code} {resumen}" for code, resumen, *_ in ROWS]
    recs = {r.get("siglas"): r for r in extract(make_document(_text(cells)), process_context()).records}
    for code, _, siglas, _, progs, _ in ROWS:
        assert recs[siglas]["clave"] == code
        assert recs[siglas]["meta_anual"] == sum(progs)
        assert "separó del cuadro" in recs[siglas]["comentario_extraccion"]


def test_a_cell_run_into_the_one_before_leaves_the_rows_it_could_belong_to_without_a_code():
    # the second cell's code lost: its text runs on after the first cell's
    code0, res0, *_ = ROWS[0]
    _, res1, *_ = ROWS[1]
    cells = [f"{code0} {res0} {res1}", *(f"{code} {resumen}" for code, resumen, *_ in ROWS[2:])]
    recs = {r.get("siglas"): r for r in extract(make_document(_text(cells)), process_context()).records}
    # the cells that share their words with one indicator only are its own
    assert recs["PPPDI"]["clave"] == "1.3.4.1.2.2" and recs["PECI"]["clave"] == "1.3.4.1.2.3"
    # the merged cell shares words with two rows: neither takes it
    assert recs["NEPC"].get("clave") is None and recs["POVPR"].get("clave") is None


def test_rows_and_cells_pair_in_order_only_where_their_counts_agree():
    rows = ["Porcentaje de apoyos economicos a estudiantes entregados", "Numero de comites integrados", "Tasa"]
    cells = ["1.1 Entrega de apoyos económicos a estudiantes", "1.2 Cloración de pozos"]
    # one anchor (the shared words); after it two rows for one cell: the lost cell may be either
    assert cells_to_rows(rows, cells) == [(0, 0)]
    assert cells_to_rows(rows[:2], cells) == [(0, 0), (1, 1)]

"""MIR v2 on OCR'd text laid out in columns, where OCR read a number's thousands mark as a space
('3 645'): the number is one cell where the row's count then fits its head, and two cells run
together ('12 133') are not joined where the count fits without it.

Every value is written in the fixtures here; the expectations follow from them.
"""

from __future__ import annotations

from extractors.mir_avance.v2 import extract
from extractors.mir_avance.v2.row_tokens import tokens_with_spaced_numbers_joined
from helpers import make_document
from papeleo.context import process_context

HEAD = (
    "MUNICIPIO DE SAN PEDRO DEL RÍO   Ejercicio Fiscal 2024\nAvance de Indicadores de la MIR\n"
    "Segundo Trimestre 2024\n\n"
    "Nivel  Resumen narrativo  Indicador  Frecuencia  Meta anual  Programado  Alcanzado  % Avance\n"
    "1er Trim.  2do Trim.  3er Trim.  4to Trim.  1er Trim.  2do Trim.\n"
)


def test_a_number_whose_thousands_mark_ocr_read_as_a_space_is_one_cell():
    # meta 12,419 = 2,023 + 4,147 + 3,472 + 2,777; alcanzados 2,023 and 3,645; % = 3,645 / 4,147
    row = "Actividad  4.1.1.8 Atención de adultos mayores  PAMEDA= Porcentaje de adultos  Trimestral  "
    row += "12,419    2,023    4,147    3,472    2,777    2,023    3 645    87.90%"
    (rec,) = extract(make_document(HEAD + row + "\n"), process_context()).records
    assert rec["alcanzado_t2"] == 3645.0 and rec["avance_pct"] == 87.9
    assert [rec[f"programado_t{q}"] for q in range(1, 5)] == [2023.0, 4147.0, 3472.0, 2777.0]


def test_only_cells_laid_out_in_columns_are_joined():
    assert tokens_with_spaced_numbers_joined("4,147    3 645    3,472") == ["4,147", "3645", "3,472"]
    assert tokens_with_spaced_numbers_joined("4,147 3 645 3,472") is None  # no columns: no cells to read
    assert tokens_with_spaced_numbers_joined("4,147\t6 519.96\t3,472") == ["4,147", "6519.96", "3,472"]

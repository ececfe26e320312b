"""documents.ejercicio (papeleo.docyear): the year the document reports on, from its family's
year columns, else its own date; expected years read from the sample documents themselves."""

import datetime as dt
from pathlib import Path

import pytest

from papeleo import pipeline
from papeleo.docyear import records_to_year, value_to_year
from papeleo.store import ParquetStore

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_the_most_common_year_wins_and_a_misread_one_does_not():
    rows = [{"ejercicio": 2024}] * 5 + [{"ejercicio": 2042}, {"ejercicio": 221}, {"ejercicio": None}]
    assert records_to_year(rows, ["ejercicio"]) == 2024


def test_a_tie_goes_to_the_later_year_and_dates_count_by_their_year():
    rows = [{"fecha": dt.date(2022, 11, 3)}, {"fecha": dt.date(2023, 1, 9)}]
    assert records_to_year(rows, ["fecha"]) == 2023


def test_the_first_column_with_a_year_is_used_then_the_documents_date():
    rows = [{"periodo_fin": None, "periodo_inicio": dt.date(2021, 9, 1)}]
    assert records_to_year(rows, ["periodo_fin", "periodo_inicio"]) == 2021
    assert records_to_year([], ["periodo_fin"], dt.date(2020, 5, 4)) == 2020
    assert records_to_year([], [], None) is None


def test_values_that_are_not_years():
    assert value_to_year(True) is None and value_to_year("2024") is None and value_to_year(3024) is None


@pytest.mark.parametrize(
    "sample, year",
    [
        ("mir_avance_ocr.txt", 2024),  # "Ejercicio Fiscal 2024"
        ("dictamen_puntajes_ocr.txt", 2023),  # "periodo septiembre 2022 a agosto 2023"
        ("convenio_asm_ocr.txt", 2023),  # "Programa Anual de Evaluación para el Ejercicio Fiscal 2023"
    ],
)
def test_sample_documents_get_the_year_they_state(tmp_path, sample, year):
    pipeline.process_document(SAMPLES / sample, tmp_path)
    (row,) = ParquetStore(tmp_path).read("documents").to_pylist()
    assert row["ejercicio"] == year
    store = ParquetStore(tmp_path)
    key = next(iter(store.keys("documents")))
    folders = [p.parent.name for d in ("indicators", "scores", "commitments") for p in store.fresh_files(d, key)]
    assert folders == [f"year={year}"]  # the family's rows are filed under that year

"""MIR v2 on tesseract's text of a scanned report whose cells came apart from their rows, one
cell (or one run of numbers) per line: rows are read by their runs of numbers, the columns'
order is asked of the rows' arithmetic, and a quarter no check pins is flagged.

The fixture ``tesseract_cells_155.txt`` is the first page of generated report 155's ``ocr.txt``
(dev seed, real OCR path, kept as tesseract wrote it: fixtures/README.md). Expected values are
the generator's truth for that report.
"""

from __future__ import annotations

from pathlib import Path

from extractors.mir_avance.v2 import extract
from extractors.mir_avance.v2.cell_lines import document_to_cell_line_rows
from helpers import make_document
from papeleo.context import process_context

FIXTURE = Path(__file__).parent / "fixtures" / "tesseract_cells_155.txt"
QUARTERS = [f"{k}_t{q}" for k in ("programado", "alcanzado") for q in range(1, 5)]

# the generator's truth for report 155 (third quarter), rows whose numbers the fixture prints whole
TRUTH = {
    "1.5.1.1": {"meta_anual": 1103107.92, "programado_t1": 310445.0, "programado_t2": 231647.02,
                "programado_t3": 344045.0, "programado_t4": 216970.9, "alcanzado_t1": 223972.0,
                "alcanzado_t2": 167052.95, "alcanzado_t3": 349627.0},
    "1.5.1.1.3": {"meta_anual": 1076735.0, "programado_t1": 308703.0, "programado_t2": 209894.0,
                  "programado_t3": 342650.0, "programado_t4": 215488.0, "alcanzado_t1": 221764.0,
                  "alcanzado_t2": 165752.0, "alcanzado_t3": 348723.0},
    "1.5.1.1.4": {"meta_anual": 5507.0, "programado_t1": 1731.0, "programado_t2": 1324.0,
                  "programado_t3": 1375.0, "programado_t4": 1077.0, "alcanzado_t1": 2199.0,
                  "alcanzado_t2": 1192.0, "alcanzado_t3": 884.0},
}  # fmt: skip


def records() -> list[dict]:
    doc = make_document(FIXTURE.read_text(encoding="utf-8"), name="mir_avance_ocr.txt")
    return extract(doc, process_context()).records


def test_rows_whose_cells_tesseract_set_apart_are_read_in_the_order_their_arithmetic_backs():
    by_clave = {r.get("clave"): r for r in records()}
    for clave, truth in TRUTH.items():
        assert {f: by_clave[clave].get(f) for f in truth} == truth, clave


def test_a_semestral_row_printing_only_its_measured_quarters_takes_them():
    # PEPI (read 'REBI'): meta 141, programado T2 74 and T4 67, alcanzado T2 68; its cells for
    # the quarters it does not measure are blank, gone from the text
    (row,) = [r for r in records() if r.get("meta_anual") == 141.0]
    assert [row.get(f) for f in ("programado_t2", "programado_t4", "alcanzado_t2")] == [74.0, 67.0, 68.0]
    assert row.get("programado_t1") is None and row.get("programado_t3") is None


def test_quarters_of_a_row_written_over_several_lines_are_flagged_unless_a_check_pins_them():
    # Σ programado holds whatever quarter each programado is in; tesseract orders a row's lines
    # as it segments the page
    row = {r.get("clave"): r for r in records()}["1.5.1.1"]
    doubted = {c.partition("_columna_dudosa")[0] for c in row["checks"] if "_columna_dudosa=conflict" in c}
    assert doubted == {f for f in QUARTERS if row.get(f) is not None}
    assert "varias líneas del OCR" in row["comentario_extraccion"]


def test_text_of_one_cell_per_line_in_row_order_is_left_to_the_line_readings():
    # the damage channel's 'cells' form: every cell on a line of its own, rows in order, one
    # number a line; the line readings read it whole, this reading would only lose rows to them
    rows = []
    for n in range(1, 6):
        rows += ["Actividad", f"1.1.{n}", "PSAL: Porcentaje de solicitudes", "Trimestral"]
        rows += [str(v * n) for v in (100, 20, 30, 25, 25, 21, 33)]
    assert document_to_cell_line_rows(make_document("\n".join(rows)), 2) == []

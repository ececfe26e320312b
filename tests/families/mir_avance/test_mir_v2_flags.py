"""The flags mir_avance.v2 puts on values it cannot vouch for, on pages and rows built by hand:
numbers under a head label OCR lost (celdas_sin_lugar), two quarter runs told apart by order
(columnas_por_orden), values in quarters an indicator's frequency does not measure
(frecuencia_trimestres), and a column's own number format ('3200' among '32.00's).

Heads are written as generated scans came out of tesseract ('pnIeAn' for 'Meta programada',
'71' for 'T1'); expected values are read from the rows written here."""

from __future__ import annotations

import sys

from test_mir_v2_geometry import HEAD_BY_KIND, page_of, rows_by_kind

from extractors.mir_avance.v2.fields import TextFields
from extractors.mir_avance.v2.geometry import page_to_rows
from extractors.mir_avance.v2.record import (
    constant_without_its_quarters,
    flag_constant_only_sums,
    row_to_record,
    rows_to_formats,
)
from extractors.mir_avance.v2.table import RowCells, flag_unplaced
from helpers import ROOT

sys.path.insert(0, str(ROOT / "tests"))
from scoring_flags import flags  # noqa: E402


def test_a_number_under_a_head_label_ocr_lost_flags_the_rows_other_numbers():
    # 'Meta' / 'anual' over the first numeric column read as noise: its column has no kind
    head = [(x, top, "Xq" if text in ("Meta", "anual") else text) for x, top, text in HEAD_BY_KIND]
    rows, _ = page_to_rows(page_of(head + rows_by_kind()), 2, None)
    assert len(rows) == 2
    assert "meta_anual" not in rows[0].numbers
    assert "celdas_sin_lugar=conflict" in rows[0].checks
    assert "100" in " ".join(rows[0].notes)


def test_a_fully_read_head_puts_no_flag():
    rows, _ = page_to_rows(page_of(HEAD_BY_KIND + rows_by_kind()), 2, None)
    assert all(not r.checks for r in rows)


def test_group_labels_lost_and_quarters_damaged_still_read_by_order_and_flagged():
    # 'Meta programada' and 'Alcanzado' lost; 'T1' read as '71' beside a clean 'T2'
    damaged = {"Meta programada": "pnIeAn", "Alcanzado": "ns pelar", "T1": "71"}
    head = [(x, top, damaged.get(text, text)) for x, top, text in HEAD_BY_KIND]
    # the second run of the printed head has only two quarters: make it four, so both runs match
    head = [h for h in head if not (h[1] == 116 and h[0] >= 460)]
    head += [(460, 116, "T1"), (490, 116, "T2"), (505, 116, "T3"), (515, 116, "T4")]
    rows, _ = page_to_rows(page_of(head + rows_by_kind()), 2, None)
    assert rows and rows[0].numbers["programado_t1"] == "20"
    assert rows[0].numbers["programado_t4"] == "25"
    # quarter 2 reported: the alcanzado run's later quarters are empty, the programado run's are
    # printed, so the order is confirmed by the document
    assert "columnas_por_orden=ok" in rows[0].checks


def record(numbers: dict[str, str], frecuencia: str | None, T: int = 2, formats=None) -> dict:
    tf = TextFields(clave="1.1", siglas="PSAL", frecuencia=frecuencia)
    return row_to_record(RowCells(numbers=numbers, page=1), tf, {"trimestre": T}, formats)


def test_a_row_whose_level_or_frequency_cell_names_two_is_two_rows_and_every_value_is_doubted():
    # a Fin and the Propósito under it (which prints no code) read as one row: the values are
    # the Propósito's, the code the Fin's (dev MIR scan 3, the row's cells as geometry read them)
    text = {"nivel": "Fin Propósito", "frecuencia": "Semestral Anual"}
    numbers = {"linea_base": "364,377", "meta_anual": "383,298", "programado_t4": "383,298", "alcanzado_t1": "0"}
    tf = TextFields(clave="6", siglas="PECPPO", frecuencia="semestral")
    merged = row_to_record(RowCells(text=text, numbers=numbers, page=1), tf, {"trimestre": 1})
    assert "filas_fusionadas=conflict" in merged["checks"]
    assert {"meta_anual", "programado_t4", "linea_base"} <= set(flags(merged))
    assert "Fin Propósito" in merged["comentario_extraccion"]
    # one level and one frequency (a repeated one is the same cell read twice): no doubt
    # nor a section caption run into the cell at a page's top (dev MIR text 710)
    for one in (
        {"nivel": "Fin", "frecuencia": "Anual"},
        {"nivel": "Propósito", "frecuencia": "Anual Anual"},
        {"nivel": "ACTIVIDAD Componente 3: Sistema", "frecuencia": "TRIMESTRAL"},
    ):
        single = row_to_record(RowCells(text=one, numbers=numbers, page=1), tf, {"trimestre": 1})
        assert not any(c.startswith("filas_fusionadas") for c in single["checks"])


def test_a_cell_of_two_numbers_is_doubted_unless_its_column_groups_thousands_with_spaces():
    from extractors.mir_avance.v2.record import rows_to_records

    # validation MIR scan 1025: the alcanzado '12' and the '133.33%' beside it read into one cell
    joined = RowCells(numbers={"meta_anual": "48", "alcanzado_t4": "12 133.33%"}, page=1)
    plain = RowCells(numbers={"meta_anual": "1,697", "alcanzado_t4": "1,697"}, page=1)
    tf = TextFields(clave="3.1.3.1", siglas="PSAL", frecuencia="trimestral")
    first, second = rows_to_records([joined, plain], [tf, tf], {"trimestre": 4})
    assert "alcanzado_t4_columna_dudosa=conflict" in first["checks"] and "alcanzado_t4" in flags(first)
    assert "12 133.33%" in first["comentario_extraccion"]
    assert not any("columna_dudosa" in c for c in second["checks"])
    # a SEVAC column printing '6 522.00': the spaces group thousands, nothing is doubted
    sevac = [RowCells(numbers={"meta_anual": t}, page=1) for t in ("6 522.00", "44 875.00", "623.00")]
    records = rows_to_records(sevac, [tf] * 3, {"trimestre": 4})
    assert [r["meta_anual"] for r in records] == [6522.0, 44875.0, 623.0]
    assert not any("columna_dudosa" in c for r in records for c in r["checks"])


def test_a_semestral_indicator_with_a_first_quarter_value_is_flagged():
    shifted = record({"meta_anual": "40", "programado_t1": "20", "programado_t2": "20"}, "semestral")
    assert "frecuencia_trimestres=conflict" in shifted["checks"]
    assert "programado_t1" in flags(shifted) and "programado_t2" in flags(shifted)
    measured = record({"meta_anual": "40", "programado_t2": "20", "programado_t4": "20"}, "semestral")
    assert "frecuencia_trimestres=ok" in measured["checks"]
    # a printed zero in a quarter not measured is no value
    zero = record({"meta_anual": "40", "programado_t1": "0", "programado_t2": "20", "programado_t4": "20"}, "semestral")
    assert "frecuencia_trimestres=ok" in zero["checks"]
    annual = record({"meta_anual": "40", "programado_t3": "40"}, "anual")
    assert "frecuencia_trimestres=conflict" in annual["checks"]
    quarterly = record({"meta_anual": "40", "programado_t1": "20"}, "trimestral")
    assert not any(c.startswith("frecuencia_trimestres") for c in quarterly["checks"])


def test_a_point_lost_in_a_two_decimal_column_is_not_read_as_a_clean_number():
    rows = [RowCells(numbers={"alcanzado_t1": t}) for t in ("32.00", "45.00", "12.50", "3200", "7.00")]
    formats = rows_to_formats(rows)
    assert formats["alcanzado_t1"].decimals == 2
    rec = record({"alcanzado_t1": "3200"}, "trimestral", formats=formats)
    # 3200 or 32: nothing in the row decides, so no value (never 3200 unflagged)
    assert rec["alcanzado_t1"] is None


def test_a_column_whose_values_decide_nothing_keeps_the_mexican_convention():
    rows = [RowCells(numbers={"meta_anual": "1,347"}), RowCells(numbers={"meta_anual": "2,004"})]
    rec = record({"meta_anual": "1,347"}, None, formats=rows_to_formats(rows))
    assert rec["meta_anual"] == 1347.0


def test_unplaced_numbers_on_a_row_without_numbers_of_its_own_flag_nothing():
    rc = RowCells(text={"resumen": "Contribuir"})
    flag_unplaced(rc, ["2024"])
    assert rc.checks == []


def test_a_code_printed_on_two_rows_flags_both():
    from extractors.mir_avance.v2.keys import flag_repeated_keys  # noqa: PLC0415

    rows = [
        {"clave": "2.4.2", "siglas": "PPCA", "meta_anual": 147.0, "checks": []},
        {"clave": "2.4.2.3", "siglas": "PSEOR", "meta_anual": 9.0, "checks": []},
        # commentary laid out like the table, read as a row of the same code
        {"clave": "2.4.2", "siglas": None, "avance_pct": 126.84, "checks": []},
        {"clave": None, "siglas": "PSAL", "meta_anual": 3.0, "checks": []},
    ]
    flag_repeated_keys(rows)
    assert "clave_repetida=conflict" in rows[0]["checks"] and "clave_repetida=conflict" in rows[2]["checks"]
    assert rows[1]["checks"] == [] and rows[3]["checks"] == []
    assert "meta_anual" in flags(rows[0]) and "avance_pct" in flags(rows[2])
    assert "2 filas" in rows[2]["comentario_extraccion"]


def test_a_value_below_zero_is_kept_and_flagged_on_its_own_field():
    # a scan's '- 546' (an empty neighbour's dash and the number) read as one token; Σ cannot
    # tell, since the meta anual is unreadable and nothing else covers the quarter
    rc = RowCells(page=1)
    rc.numbers = {"programado_t1": "207", "programado_t2": "-546", "programado_t3": "280", "programado_t4": "284"}
    rec = row_to_record(rc, TextFields(clave="1.1"), {"trimestre": 1})
    assert rec["programado_t2"] == -546
    assert "programado_t2" in flags(rec) and "programado_t1" not in flags(rec)


def test_a_constant_reading_of_sigma_programado_needs_every_quarter_the_frequency_measures():
    # meta 4, programado read '-', 4, 4, '-': each equal to the meta passes for a constant
    # indicator, but a trimestral one prints its target in all four quarters (generated MIR
    # scan 6536: printed 1 1 1 1, the 4 read into two columns)
    half = {"meta_anual": 4.0, "programado_t1": None, "programado_t2": 4.0, "programado_t3": 4.0, "programado_t4": None}
    assert constant_without_its_quarters(half, "trimestral")
    full = {**half, "programado_t1": 4.0, "programado_t4": 4.0}
    assert not constant_without_its_quarters(full, "trimestral")
    # a semestral constant prints the meta in the second and fourth quarters only
    semestral = {**half, "programado_t3": None, "programado_t4": 4.0}
    assert not constant_without_its_quarters(semestral, "semestral")
    # quarters that add up are no constant reading; a frequency OCR lost may be any, so the lost
    # quarters are as doubtful as a trimestral's (report 6704: meta 1 read for 4, unflagged)
    assert not constant_without_its_quarters({**half, "programado_t2": 1.0, "programado_t3": 3.0}, "trimestral")
    assert constant_without_its_quarters(half, None)
    rc = RowCells(numbers={"meta_anual": "4", "programado_t2": "4", "programado_t3": "4", "alcanzado_t1": "1"}, page=1)
    rec = row_to_record(rc, TextFields(clave="5.2.3", frecuencia="trimestral"), {"trimestre": 1}, {}, set())
    assert "suma_programado=conflict" in rec["checks"] and "programado_t3" in flags(rec)


def test_a_sum_that_holds_only_as_a_constant_indicators_with_quarters_lost_is_a_conflict():
    # generated report 6704's OCR'd text, line stream: meta read 1 for 4 over programados 1 1 and
    # two quarters lost; its frequency went unread, so any quarter could be measured
    lost = {"meta_anual": 1.0, "programado_t1": 1.0, "programado_t2": 1.0, "frecuencia": None}
    whole = {"meta_anual": 4.0, **{f"programado_t{q}": 1.0 for q in range(1, 5)}, "frecuencia": None}
    anual = {"meta_anual": 9.0, "programado_t4": 9.0, "frecuencia": "anual"}
    records = [{**r, "checks": ["suma_programado=ok"]} for r in (lost, whole, anual)]
    flag_constant_only_sums(records)
    assert [r["checks"] for r in records] == [
        ["suma_programado=conflict"],
        ["suma_programado=ok"],
        ["suma_programado=ok"],
    ]
    assert "frecuencia ilegible" in records[0]["comentario_extraccion"]


def test_a_value_whose_point_ocr_lost_is_read_with_the_rows_decimals_where_the_arithmetic_takes_them():
    # printed '4.00', read '400', among values printing two decimals: Σ programado = meta holds
    # with 4.00 only, and the % of the reported quarter (2) with it too
    numbers = {"meta_anual": "20.00", "programado_t1": "7.00", "programado_t2": "400", "programado_t3": "5.00",
               "programado_t4": "4.00", "alcanzado_t1": "7.00", "alcanzado_t2": "5.00", "avance_pct": "125.00%"}  # fmt: skip
    rec = record(numbers, "trimestral")
    assert rec["programado_t2"] == 4.0
    assert "programado_t2:corregido" in rec["corrected"]
    assert "'400' imprime decimales distintos" in rec["comentario_extraccion"]


def test_a_value_the_row_cannot_read_either_way_stays_as_printed_and_flagged():
    # the meta misread (69.00 for 20.00): neither 400 nor 4.00 makes Σ hold, and the value the
    # checks alone would give (the meta less the other quarters) is no reading of '400'
    numbers = {"meta_anual": "69.00", "programado_t1": "7.00", "programado_t2": "400", "programado_t3": "5.00",
               "programado_t4": "4.00", "alcanzado_t1": "7.00", "alcanzado_t2": "5.00"}  # fmt: skip
    rec = record(numbers, "trimestral")
    assert rec["programado_t2"] == 400.0
    assert "programado_t2" in flags(rec)


def test_a_lone_zero_read_as_a_letter_is_zero_and_says_so():
    # dev MIR scan 49: quarters with no target print '0', OCR read 'O'; the row adds up with them
    rec = record({"meta_anual": "500", "programado_t1": "O", "programado_t2": "300", "programado_t3": "o",
                  "programado_t4": "200", "alcanzado_t1": "O", "alcanzado_t2": "240"}, "trimestral")  # fmt: skip
    assert (rec["programado_t1"], rec["programado_t3"], rec["alcanzado_t1"]) == (0.0, 0.0, 0.0)
    assert {"programado_t1:corregido", "programado_t3:corregido"} <= set(rec["corrected"])
    assert "programado_t1: 'O' leído como 0" in rec["comentario_extraccion"]
    assert "suma_programado=ok" in rec["checks"]
    # a cell of letters that is more than a lone zero stays unread
    assert record({"meta_anual": "500", "programado_t1": "Ol"}, "trimestral")["programado_t1"] is None


def test_a_reading_counts_each_row_by_how_many_of_its_values_its_checks_cover():
    from extractors.mir_avance.v2 import reading_score

    # dev MIR scan 99, one row as two readings read it: the table layer lost the programados of
    # quarters 2-4 and matched only its % to the commentary; geometry read the whole row, whose
    # Σ programado and % both hold
    note = "Se logra el 110% de la meta al atender 33 solicitudes de un total de 30 programadas."
    whole = {"meta_anual": "100", "programado_t1": "20", "programado_t2": "30", "programado_t3": "25",
             "programado_t4": "25", "alcanzado_t1": "21", "alcanzado_t2": "33", "avance_pct": "110%"}  # fmt: skip
    few = {"programado_t2": "30", "alcanzado_t2": "33", "avance_pct": "110%"}
    tf = TextFields(clave="1.1", siglas="PSAL", frecuencia="trimestral", comentario=note)
    strong = row_to_record(RowCells(numbers=whole, page=1), tf, {"trimestre": 2})
    weak = row_to_record(RowCells(numbers=few, page=1), tf, {"trimestre": 2})
    assert "suma_programado=ok" in strong["checks"]
    assert reading_score([strong]) == 1.0
    assert 0 < reading_score([weak]) < 1.0


def test_two_acronyms_opening_indicator_names_in_one_cell_are_two_rows_read_as_one():
    # a Propósito that prints no code and the Componente under it, read as one row whose level
    # cell lost 'Propósito' (report block 6775 scan): the values are one row's, the code the other's
    from extractors.mir_avance.v2.record import cells_to_merged_terms

    merged = {"indicador": "PEPIM= Promedio de expedientes integrados PRIPEM= Promedio de recibos emitidos"}
    assert cells_to_merged_terms(merged) == "PEPIM / PRIPEM"
    assert cells_to_merged_terms({"indicador": "PSAL: Porcentaje de solicitudes Unidad de medida: Porcentaje"}) is None
    assert (
        cells_to_merged_terms({"indicador": "PSAL= Porcentaje de solicitudes PSAL= Porcentaje"}) is None
    )  # read twice

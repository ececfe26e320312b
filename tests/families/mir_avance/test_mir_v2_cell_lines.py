"""MIR v2 on tesseract's text of a scanned report whose cells came apart from their rows, one
cell (or one run of numbers) per line: rows are read by their runs of numbers, the columns'
order is asked of the rows' arithmetic, and a quarter no check pins is flagged.

The fixture ``tesseract_cells_155.txt`` is generated report 155's ``ocr.txt``
(dev seed, real OCR path, kept as tesseract wrote it: fixtures/README.md). Expected values are
the generator's truth for that report.
"""

from __future__ import annotations

from pathlib import Path

from extractors.mir_avance.v2 import extract
from extractors.mir_avance.v2.cell_keys import _code_lead, codes_of, keys_into, level_code, parts_rows
from extractors.mir_avance.v2.cell_lines import _numbers_of, document_to_cell_line_rows
from extractors.mir_avance.v2.table import RowCells
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


# Hand-built rows in the layouts the generator's real-OCR texts showed on this machine: each
# value below is written here, and every expectation follows from it.
# (code, acronym, level, meta, [(programado, alcanzado) per quarter], %): % = alcanzado T4 /
# programado T4, and the programados add up to the meta
BOTTOM_UP_ROWS = [
    ("3.1.1.1", "PAEEE", "Actividad", 768, [(193, 163), (133, 133), (318, 371), (124, 142)], "114.52%"),
    ("3.1.1.2", "NCPCI", "Actividad", 31529, [(5930, 5930), (7044, 7044), (6716, 7604), (11839, 11345)], "95.83%"),
    ("3.1.2", "PADMR", "Componente", 1693, [(400, 410), (500, 480), (393, 400), (400, 300)], "75.00%"),
    ("3.1.2.1", "PQDCA", "Actividad", 4714, [(1000, 900), (1200, 1250), (1314, 1300), (1200, 1320)], "110.00%"),
]  # fmt: skip


def bottom_up_text() -> str:
    """Tesseract's text of a table segmented block by block: the acronym and the code above the
    numbers; each quarter's pair on a line, the lines bottom-up (the fourth quarter and the %
    first, the meta last); the unit, sentido and frequency, and the level word after them."""
    lines = ["Cuarto Trimestre 2023"]
    for code, siglas, nivel, meta, pairs, pct in BOTTOM_UP_ROWS:
        lines += [f"{siglas}= Porcentaje de", f"{code} Entrega de apoyos"]
        (p1, a1), (p2, a2), (p3, a3), (p4, a4) = pairs
        lines += [f"{p4:,} {a4:,} {pct}", f"{p3:,} {a3:,}", f"{p2:,} {a2:,}", f"{p1:,} {a1:,}", f"{meta:,}"]
        lines += ["Porcentaje", "Ascendente Trimestral", "apoyos económicos a", nivel, "colonias y localidades."]
    return "\n".join(lines)


def test_a_row_whose_lines_tesseract_wrote_bottom_up_is_read_in_the_order_its_arithmetic_backs():
    rows = {r.text.get("clave"): r for r in document_to_cell_line_rows(make_document(bottom_up_text()), 4)}
    for code, siglas, _, meta, pairs, pct in BOTTOM_UP_ROWS:
        got = rows[code]
        assert got.text.get("siglas") == siglas
        assert got.numbers["meta_anual"].replace(",", "") == str(meta)
        for q, (p, a) in enumerate(pairs, 1):
            assert got.numbers[f"programado_t{q}"].replace(",", "") == str(p), (code, q)
            assert got.numbers[f"alcanzado_t{q}"].replace(",", "") == str(a), (code, q)
        assert got.numbers["avance_pct"] == pct


def test_level_and_frequency_printed_after_the_numbers_are_the_rows_own():
    # read from the lines before the numbers, each row took the level of the row above it
    rows = {r.text.get("clave"): r for r in document_to_cell_line_rows(make_document(bottom_up_text()), 4)}
    for code, _, nivel, *_ in BOTTOM_UP_ROWS:
        assert rows[code].text.get("nivel") == nivel
        assert rows[code].text.get("frecuencia") == "trimestral"


def test_the_frequency_cell_between_a_rows_numbers_and_its_meta_keeps_them_one_row():
    # '95 102 95 95 95' / 'Trimestral' / '95': first quarter reported, quarters over kinds
    # (programado, alcanzado), alcanzados after the first left blank, the meta after the frequency
    rows_in = [("3.6.4.2.1.1.1", 13306, 15510, 8330, 6882, 9745), ("3.6.4.2.1.1.3", 1163, 1423, 1441, 1724, 1475),
               ("3.6.4.2.1.1.4", 94, 94, 158, 74, 88), ("3.6.4.2.1.1.5", 1181, 1108, 943, 918, 793)]  # fmt: skip
    lines = ["Primer Trimestre 2020"]
    for code, p1, a1, p2, p3, p4 in rows_in:
        lines += ["PTRSUR - Porcentaje de toneladas", "Recolección de residuos.", code]
        lines += [f"{p1:,} {a1:,} {p2:,} {p3:,} {p4:,}", "Trimestral", f"{p1 + p2 + p3 + p4:,}", "Actividad"]
    rows = {r.text.get("clave"): r for r in document_to_cell_line_rows(make_document("\n".join(lines)), 1)}
    for code, p1, a1, p2, p3, p4 in rows_in:
        got = {f: v.replace(",", "") for f, v in rows[code].numbers.items()}
        assert got["meta_anual"] == str(p1 + p2 + p3 + p4)
        assert [got["programado_t1"], got["alcanzado_t1"], got["programado_t4"]] == [str(p1), str(a1), str(p4)]
        assert rows[code].text.get("siglas") == "PTRSUR"


def test_a_value_printed_alone_is_no_code_unless_a_longer_code_extends_it():
    lines = ["1.5", "1.5.1 Contribuir", "78.73", ".3.6.4.2", "4.3.3.6.1.1"]
    assert codes_of(lines) == {"1.5", ".3.6.4.2", "4.3.3.6.1.1"}


def test_each_page_is_read_the_way_its_own_rows_back():
    # page 1 written bottom-up (the fourth quarter first), page 2 top-down (the meta first):
    # tesseract segments each page anew
    top_down = [
        ("3.2.1.1", "PSRLA", 857, [(144, 144), (240, 298), (194, 200), (279, 310)], "111.11%"),
        ("3.2.1.2", "PTCVPL", 53, [(15, 15), (12, 12), (12, 14), (14, 14)], "100.00%"),
        ("3.2.1.3", "NVOR", 10107, [(3632, 2640), (1384, 1605), (2502, 2600), (2589, 3000)], "115.87%"),
    ]  # fmt: skip
    lines = []
    for code, siglas, meta, pairs, pct in top_down:
        lines += [f"{siglas}= Porcentaje de", f"{code} Entrega de apoyos", f"{meta:,}"]
        lines += [f"{p:,} {a:,}" for p, a in pairs[:3]] + [f"{pairs[3][0]:,} {pairs[3][1]:,} {pct}"]
        lines += ["Porcentaje", "Ascendente Trimestral", "Actividad"]
    doc = make_document(bottom_up_text() + "\f" + "\n".join(lines))
    rows = {r.text.get("clave"): r for r in document_to_cell_line_rows(doc, 4)}
    for code, _, meta, pairs, pct in top_down:
        got = rows[code]
        assert got.numbers["meta_anual"].replace(",", "") == str(meta)
        assert [got.numbers[f"programado_t{q}"].replace(",", "") for q in range(1, 5)] == [str(p) for p, _ in pairs]
        assert got.numbers["avance_pct"] == pct
    assert rows["3.1.1.1"].numbers["programado_t4"] == "124"  # page 1 still read bottom-up


def test_rows_one_number_short_of_an_order_ending_in_a_column_nobody_names_are_read_without_it():
    # page 2: tesseract lost each row's '-' under the fourth quarter's alcanzado (the column the
    # arithmetic cannot tell from a %) and wrote the numbers right to left, the meta last: eight
    # numbers for nine columns, none read before. Read against the eight named columns, the
    # way page 2's rows back; every quarter flagged, no check pins one
    truth = {
        "1.5.1.4.3": {"meta_anual": 1141886.0, "programado_t1": 326262.0, "programado_t2": 334479.0,
                      "programado_t3": 346543.0, "programado_t4": 134602.0, "alcanzado_t1": 434183.0,
                      "alcanzado_t2": 442370.0, "alcanzado_t3": 272002.0},
        "1.5.1.4.7": {"meta_anual": 3704624.0, "programado_t1": 861240.0, "programado_t2": 836807.0,
                      "programado_t3": 1386337.0, "programado_t4": 620240.0, "alcanzado_t1": 821788.0,
                      "alcanzado_t2": 662078.0, "alcanzado_t3": 1403888.0},
    }  # fmt: skip
    by_clave = {r.get("clave"): r for r in records()}
    for clave, values in truth.items():
        row = by_clave[clave]
        assert {f: row.get(f) for f in values} == values, clave
        doubted = {c.partition("_columna_dudosa")[0] for c in row["checks"] if "_columna_dudosa=conflict" in c}
        assert doubted == {f for f in QUARTERS if row.get(f) is not None}


BY_HAND = Path(__file__).parent / "fixtures" / "cells_apart_by_hand.txt"
# what the fixture prints for each row: meta, (programado, alcanzado) per quarter up to the third,
# programado T4, % (fixtures/README.md)
BY_HAND_ROWS = {
    "1.1": (120, [(30, 30), (30, 28), (30, 33)], 30, 110.0),
    "1.1.1": (48, [(10, 9), (14, 14), (12, 6)], 12, 50.0),
    "1.1.2": (260, [(60, 61), (70, 70), (65, 52)], 65, 80.0),
    "1.1.2.1": (320, [(80, 80), (80, 82), (80, 76)], 80, 95.0),
    "1.1.2.2": (520, [(130, 120), (130, 128), (130, 104)], 130, 80.0),
    "1.1.2.3": (64, [(16, 15), (16, 16), (16, 12)], 16, 75.0),
}


def by_hand() -> dict[str, dict]:
    doc = make_document(BY_HAND.read_text(encoding="utf-8"), name="mir_avance_ocr.txt")
    return {r.get("clave"): r for r in extract(doc, process_context()).records}


def test_rows_of_cells_apart_read_whole_whatever_lines_tesseract_cut_them_into():
    # 1.1-1.1.2: the % last, where an alcanzado T4 could stand too: a number under a quarter not
    # yet reported backs no order. 1.1.2.1: 'Trimestral 300', the frequency and the first number
    # on one line. 1.1.2.2: a line of the indicator's text between the row's two runs. 1.1.2.3:
    # its numbers in three pieces, two too short to be a run of their own
    rows = by_hand()
    for clave, (meta, quarters, prog4, pct) in BY_HAND_ROWS.items():
        row = rows[clave]
        got = [row.get("meta_anual"), *(row.get(f"{k}_t{q}") for q in (1, 2, 3) for k in ("programado", "alcanzado"))]
        assert got == [meta, *(v for pair in quarters for v in pair)], clave
        assert (row.get("programado_t4"), row.get("avance_pct"), row.get("frecuencia")) == (prog4, pct, "trimestral")


def test_a_semestral_row_in_the_third_quarter_reads_without_the_blank_percent():
    row = by_hand()["1.1.2.4"]
    assert row.get("frecuencia") == "semestral"
    assert [row.get(f) for f in ("meta_anual", "programado_t2", "alcanzado_t2", "programado_t4")] == [80, 40, 38, 40]
    assert row.get("avance_pct") is None and row.get("programado_t1") is None


# three rows of cells apart whose codes tesseract wrote after their numbers (as in the OCR'd
# text of report 6968): each code under its row's numbers, the page's last code after its
# last run. Which code is whose rests on the order alone
CODES_AFTER = """Avance al 30 de septiembre de 2024
PAAA: Porcentaje de servicios
Trimestral
100 120
30 30 30 28
30 33 30 110.0%
1.1
Fin
PBBB: Porcentaje de apoyos
Trimestral
40 48
10 9 14 14
12 6 12 50.0%
1.1.1
Propósito
PCCC: Porcentaje de familias
Trimestral
200 260
60 61 70 70
65 52 65 80.0%
1.1.2
Componente
"""


def test_rows_whose_codes_come_after_their_numbers_flag_every_value():
    doc = make_document(CODES_AFTER, name="mir_avance_ocr.txt")
    rows = document_to_cell_line_rows(doc, 3)
    assert len(rows) == 3 and all("clave_por_orden_del_ocr=conflict" in r.checks for r in rows)
    # codes leading their rows' text, as in the other fixtures: no such flag
    assert not any("clave_por_orden_del_ocr=conflict" in r["checks"] for r in by_hand().values())


# --- report 6979: a one-word cell on the line of a row's first numbers -----------------------
FIXTURE_6979 = Path(__file__).parent / "fixtures" / "tesseract_cells_6979.txt"
# the generator's truth for report 6979 (fourth quarter): rows whose first numbers tesseract
# set after their unit ('Porcentaje 81.00 100.00'), and 'TRIMESTRAL' between them and the rest
TRUTH_6979 = {
    "3.4": {"meta_anual": 137.0, "programado_t4": 137.0, "alcanzado_t4": 80.0, "avance_pct": 58.4},
    "3.4.1.1": {"meta_anual": 100.0, "programado_t1": 100.0, "programado_t4": 100.0, "alcanzado_t3": 60.0,
                "alcanzado_t4": 87.0, "avance_pct": 87.0},
    "3.4.1.5": {"meta_anual": 258.0, "programado_t1": 41.0, "programado_t2": 44.0, "programado_t3": 90.0,
                "programado_t4": 83.0, "alcanzado_t4": 50.0, "avance_pct": 60.2},
}  # fmt: skip


def test_a_row_whose_first_numbers_stand_beside_its_unit_before_its_frequency_is_read_whole():
    doc = make_document(FIXTURE_6979.read_text(encoding="utf-8"), name="mir_avance_ocr.txt")
    by_clave = {r.get("clave"): r for r in extract(doc, process_context()).records}
    for clave, truth in TRUTH_6979.items():
        assert {f: by_clave[clave].get(f) for f in truth} == truth, clave


def test_a_word_beside_two_numbers_is_a_cell_and_one_number_after_a_word_is_a_sentence():
    assert _numbers_of("Porcentaje 146.00 0", frozenset()) == ["146.00", "0"]
    assert _numbers_of("TRIMESTRAL 451", frozenset()) == ["451"]
    assert _numbers_of("Meta 2", frozenset()) is None
    assert _numbers_of("de 1,234 a 2,345", frozenset()) is None


def test_a_frequency_in_capitals_between_a_rows_numbers_does_not_part_it_but_an_acronym_does():
    assert not parts_rows("TRIMESTRAL", frozenset())
    assert parts_rows("PADMR", frozenset())
    assert parts_rows("3.4.1.1.1 Atención de quejas y denuncias", frozenset())


def test_a_code_whose_point_ocr_read_as_a_comma_is_read_back_and_says_so():
    # '3.4.1.4,1 Entrega de becas de transporte a' in report 6979; the generator's truth: 3.4.1.4.1,
    # PBTJE, meta 368, programado and alcanzado T4 140, 100%
    doc = make_document(FIXTURE_6979.read_text(encoding="utf-8"), name="mir_avance_ocr.txt")
    (row,) = [r for r in extract(doc, process_context()).records if r.get("siglas") == "PBTJE"]
    assert row["clave"] == "3.4.1.4.1"
    assert [row.get(f) for f in ("meta_anual", "programado_t4", "alcanzado_t4", "avance_pct")] == [
        368.0,
        140.0,
        140.0,
        100.0,
    ]
    assert "clave:corregido" in row["corrected"]
    assert "'3.4.1.4,1'" in row["comentario_extraccion"]


def test_a_figure_with_thousands_and_decimals_is_no_code_with_a_comma():
    assert _code_lead("3.4.1.4,1 Entrega de becas") == "3.4.1.4,1"
    assert _code_lead("1,234.50 Pesos por persona") is None
    assert _code_lead("12,345 Personas atendidas") is None


def test_a_level_and_its_code_on_one_line_give_both_and_an_acronym_after_the_resumen_is_read():
    # report block 7010-7049 OCR'd text 7039: the level's and the code's cells merged on one
    # line, the resumen's and the indicator's on the next
    assert level_code("Actividad 4.1.1.8") == "4.1.1.8"
    assert level_code("Trimestral 4,710") is None and level_code("Sentido 4.1") is None
    rc = RowCells()
    window = ["Actividad 4.1.1.8", "Actualización de valores catastrales de predios. PVCPA= Porcentaje de valores"]
    keys_into(rc, window, codes_of(window))
    assert (rc.text["clave"], rc.text["nivel"], rc.text["siglas"]) == ("4.1.1.8", "Actividad", "PVCPA")
    # a capitalised word after a sentence, with no ':' or '=', is no acronym
    rc = RowCells()
    keys_into(rc, ["Se cumple la meta. ESTE trimestre se logra"], frozenset())
    assert "siglas" not in rc.text

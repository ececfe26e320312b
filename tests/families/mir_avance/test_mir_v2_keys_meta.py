"""Document-level readings of mir_avance.v2, on text and rows written here: the quarter a damaged
cut-off date still names, column labels that name every quarter alike (no evidence of the period),
codes out of the report's order, names OCR doubted, the frequency check on every reading, and a
SEVAC repair that flags the contract's field it fills.

Expected values are read from the lines written here, never from v2's output."""

from __future__ import annotations

import sys

from extractors.mir_avance.v2 import flag_frequency
from extractors.mir_avance.v2.formats.rows import copy_to_contract_field
from extractors.mir_avance.v2.keys import (
    ILLEGIBLE_KEY,
    OFF_DEPTH,
    codes_out_of_sequence,
    flag_codes_lost,
    flag_codes_off_depth,
    flag_codes_off_stem,
    flag_illegible_keys,
    flag_keys_out_of_sequence,
)
from extractors.mir_avance.v2.meta import trimestre_of, trimestre_of_visual_lines
from helpers import ROOT, pages_document
from papeleo.model import BBox, Document, Line, Page, Word

sys.path.insert(0, str(ROOT / "tests"))
from scoring_flags import flags  # noqa: E402


def test_a_cut_off_date_ocr_damaged_past_parsing_still_names_its_month():
    # 'da' for 'de': the date does not parse, its month does (dev MIR OCR'd text 284)
    assert trimestre_of("Evaluación Trimestral\nAvance al 31 de diciembre da 2020\n") == 4
    assert trimestre_of("Avance al 30 de junio de 2025") == 2


def test_a_period_whose_month_names_ocr_damaged_is_still_read():
    # generated PbR OCR'd text 151: 'Diciem6re'; both words must be months, in order
    assert trimestre_of("PAGINAS: 1/2   Trimestre: Octubre - Diciem6re\n") == 4
    assert trimestre_of("Periodo: Julio - Septiernbre 2018") == 3
    assert trimestre_of("Porcentaje - Diciembre") is None
    assert trimestre_of("Periodo: Diciembre - Septiambre") is None


def test_a_period_ocr_set_in_two_blocks_is_read_from_the_words_on_its_row():
    # dev MIR scan 536 (a PbR heading): tesseract gave 'Diciembre' as a line of its own before
    # 'Trimestre: Octubre -', the two halves of one printed row; the dash is a speck
    def w(text: str, x: float, top: float = 66.0, conf: float = 0.95) -> Word:
        return Word(text, BBox(x, top, x + 6 * len(text), top + 8), confidence=conf)

    halves = [[w("Diciembre", 420)], [w("Trimestre:", 300), w("Octubre", 362), w("-", 408, conf=0.4)]]
    lines = [Line(" ".join(x.text for x in ws), tuple(ws)) for ws in halves]
    lines.append(Line("PAGINAS: 1/3", (w("PAGINAS:", 600, top=67), w("1/3", 660, top=67))))
    page = Page(1, tuple(lines), "ocr", width=792, height=612)
    doc = Document("x", "x.pdf", "x.pdf", "pdf", pages=[page], page_count=1)
    assert trimestre_of(doc.text) is None
    assert trimestre_of_visual_lines(doc) == 4


def test_column_labels_naming_every_quarter_alike_say_nothing_of_the_period():
    head = (
        "Meta programada Alcanzado\n1er Trim. 2do Trim. 3er Trim. 4to Trim.\n1er Trim. 2do Trim. 3er Trim. 4to Trim.\n"
    )
    assert trimestre_of("INFORME DE AVANCE\n" + head) is None
    # ... while a period stated once more than the labels is the report's
    assert trimestre_of("INFORME DEL TERCER TRIMESTRE\n" + head) == 3


def _code(c: str) -> tuple[int, ...]:
    return tuple(int(x) for x in c.split("."))


def test_a_code_that_breaks_the_reports_order_is_found():
    # 3.1.7.1 printed 'a.1.1.1' and read back as 3.1.1.1 (dev MIR OCR'd text 397)
    codes = ["3", "3.1", "3.1.6", "3.1.6.1", "3.1.7", "3.1.1.1", "3.1.8", "3.1.8.1"]
    assert codes_out_of_sequence([_code(c) for c in codes]) == [5]
    # a '3' read as '8' (8.1.6.1 between 3.1.6 and 3.1.6.2)
    codes = ["3", "3.1", "3.1.6", "8.1.6.1", "3.1.6.2", "3.1.7"]
    assert codes_out_of_sequence([_code(c) for c in codes]) == [3]


def test_a_second_numbering_is_no_misread_and_too_few_codes_make_no_order():
    # a report that numbers a second programme from 1 again: a long run, not damage
    codes = ["3", "3.1", "3.1.1", "3.1.2", "1", "1.1", "1.1.1", "1.1.2", "1.1.3"]
    assert codes_out_of_sequence([_code(c) for c in codes]) == []
    assert codes_out_of_sequence([_code(c) for c in ["3", "1.1", "3.1"]]) == []
    # two readings of the order as long: nothing says which code is the misread one
    assert codes_out_of_sequence([_code(c) for c in ["1", "1.1", "1.3", "1.2", "1.4"]]) == []


def test_a_row_out_of_order_is_flagged_on_all_its_values():
    # '3.1.2.4' between 3.1.7 and 3.1.8: no digit OCR confuses puts it in order
    codes = ("3", "3.1", "3.1.6", "3.1.6.1", "3.1.7", "3.1.2.4", "3.1.8")
    rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in codes]
    rows.insert(2, {"clave": None, "siglas": "PAE", "checks": [], "meta_anual": 2.0})
    flag_keys_out_of_sequence(rows)
    flagged = [r["clave"] for r in rows if "clave_fuera_de_secuencia=conflict" in r["checks"]]
    assert flagged == ["3.1.2.4"]
    assert "meta_anual" in flags(rows[6]) and "(3.1.7 … 3.1.8)" in rows[6]["comentario_extraccion"]


def test_a_code_out_of_order_that_one_look_alike_digit_puts_in_order_is_mended_and_says_so():
    # '3.1.1.1' between 3.1.7 and 3.1.8 (dev MIR OCR'd text 397, printed 3.1.7.1): a 7 read as 1;
    # '4.2.6.1.2.8' between 4.2.6.1.2.2 and 4.2.6.1.2.4 (new dev block 416): a 3 read as 8
    for codes, i, printed in (
        (("3", "3.1", "3.1.6", "3.1.6.1", "3.1.7", "3.1.1.1", "3.1.8"), 5, "3.1.7.1"),
        (("4.2.6.1.2", "4.2.6.1.2.1", "4.2.6.1.2.2", "4.2.6.1.2.8", "4.2.6.1.2.4", "4.2.6.1.2.5"), 3, "4.2.6.1.2.3"),
    ):
        rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in codes]
        flag_keys_out_of_sequence(rows)
        assert rows[i]["clave"] == printed and rows[i]["corrected"] == ["clave:corregido"]
        assert f"'{codes[i]}' leída como {printed}" in rows[i]["comentario_extraccion"]
        assert all(r["checks"] == [] for r in rows)
    # not into a code another row prints, nor where two look-alikes would fit: flagged
    codes = ("3.1", "3.1.1", "3.1.2", "3.1.8", "3.1.3", "3.1.4", "3.1.5")
    rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in codes]
    flag_keys_out_of_sequence(rows)
    assert rows[3]["clave"] == "3.1.8" and "clave_fuera_de_secuencia=conflict" in rows[3]["checks"]


def test_a_code_that_lost_or_gained_one_character_is_read_as_the_code_its_place_calls_for():
    # dev MIR scan 544 (tesseract): '932.32' printed 3.3.2.3.2 (a '3.' read as 9), '32.34'
    # printed 3.3.2.3.4 (a '3.' lost), '932.5' printed 3.3.2.5 (the next Componente)
    codes = ("3.3.2.3", "3.3.2.3.1", "932.32", "3.3.2.3.3", "32.34", "3.3.2.4", "932.5", "3.3.2.5.1", "3.3.2.5.2")
    rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in codes]
    flag_keys_out_of_sequence(rows)
    assert [r["clave"] for r in rows] == [
        "3.3.2.3", "3.3.2.3.1", "3.3.2.3.2", "3.3.2.3.3", "3.3.2.3.4", "3.3.2.4", "3.3.2.5", "3.3.2.5.1", "3.3.2.5.2"
    ]  # fmt: skip
    assert (
        rows[2]["corrected"] == ["clave:corregido"]
        and "'932.32' leída como 3.3.2.3.2" in rows[2]["comentario_extraccion"]
    )
    assert all(r["checks"] == [] for r in rows)


def test_a_code_is_not_read_by_its_place_when_a_row_beside_it_lost_its_code():
    # dev MIR scan 545: '221.24' (printed 2.2.1.2.4) after a row whose code OCR lost (the
    # printed 2.2.1.2.3): the place would call for 2.2.1.2.3, one digit off; it stays, flagged
    codes = ("2.2.1.2", "2.2.1.2.1", "2.2.1.2.2", None, "221.24", "2.2.1.3", "2.2.1.3.1")
    rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in codes]
    flag_keys_out_of_sequence(rows)
    assert rows[4]["clave"] == "221.24" and "clave_fuera_de_secuencia=conflict" in rows[4]["checks"]
    # nor a short number read into the code's cell
    rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in ("3.1", "3.1.1", "32", "3.1.3", "3.1.4")]
    flag_keys_out_of_sequence(rows)
    assert rows[2]["clave"] == "32"


def test_a_code_that_does_not_start_like_the_reports_codes_is_flagged_on_all_its_values():
    # a 3 read as 8 in the third level of the last activity: the order cannot tell it from the
    # code after it, the stem every other code shares can
    codes = ("4.2.3.6", "4.2.3.6.2", "4.2.3.6.2.7", "4.2.8.6.2.7.1", "4.2.3.6.2.7.2")
    rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in codes]
    flag_codes_off_stem(rows)
    flagged = [r["clave"] for r in rows if "clave_fuera_de_tronco=conflict" in r["checks"]]
    assert flagged == ["4.2.8.6.2.7.1"] and "meta_anual" in flags(rows[3])
    # a report that numbers two programmes alike has no one stem: nothing is doubted
    two = [{"clave": c, "checks": []} for c in ("1", "1.1", "1.1.1", "2", "2.1", "2.1.1")]
    flag_codes_off_stem(two)
    assert all(r["checks"] == [] for r in two)


def test_a_code_whose_first_1_is_the_cells_ruling_is_mended_and_says_so():
    # dev MIR scan 98, a ruled grid: the ruling left of a code read as a stroke glued to it
    codes = ("2.5.5.2", "2.5.5.2.1", "2.5.5.2.1.1", "12.5.5.2.1.2", "2.5.5.2.1.3")
    rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in codes]
    flag_codes_off_stem(rows)
    assert rows[3]["clave"] == "2.5.5.2.1.2" and rows[3]["corrected"] == ["clave:corregido"]
    assert "'12.5.5.2.1.2' leída como 2.5.5.2.1.2" in rows[3]["comentario_extraccion"]
    assert all(r["checks"] == [] for r in rows)
    # not when that makes it another row's code, nor for a first level that is no stroke: flagged
    codes = ("2.5.5.2", "2.5.5.2.1", "12.5.5.2.1", "2.5.5.2.2", "2.5.5.2.2.1", "2.5.5.2.2.2", "2.5.5.2.2.3")
    rows = [{"clave": c, "checks": []} for c in (*codes, "32.5.5.2.3")]
    flag_codes_off_stem(rows)
    assert [r["clave"] for r in rows if r["checks"]] == ["12.5.5.2.1", "32.5.5.2.3"]


def test_codes_most_of_which_carry_the_ruling_as_a_1_are_mended_to_the_others_stem():
    # dev MIR scan 544: most codes of a ruled grid read with the ruling glued ('13.3', its Fin,
    # the shortest), a few without; the shortest code's stem is then the misread one
    codes = ("13.3", "3.3.2", "13.3.2.1", "13.3.2.2", "3.3.2.2.1", "13.3.2.3")
    rows = [{"clave": c, "checks": [], "meta_anual": 1.0} for c in codes]
    flag_codes_off_stem(rows)
    assert [r["clave"] for r in rows] == ["3.3", "3.3.2", "3.3.2.1", "3.3.2.2", "3.3.2.2.1", "3.3.2.3"]
    assert [bool(r.get("corrected")) for r in rows] == [True, False, True, True, False, True]
    assert all("clave:corregido" in r["corrected"] for r in rows if r.get("corrected"))


def test_the_frequency_check_reaches_rows_of_a_reading_that_did_not_make_it():
    # the line stream's row of a semestral indicator with its programados in quarters 1 and 3
    # (a '0' read as 'O' and dropped: dev MIR OCR'd text 287)
    shifted = {"frecuencia": "semestral", "programado_t1": 409892.0, "programado_t3": 331000.0, "checks": []}
    measured = {"frecuencia": "semestral", "programado_t2": 409892.0, "programado_t4": 331000.0, "checks": []}
    made = {"frecuencia": "semestral", "programado_t1": 5.0, "checks": ["frecuencia_trimestres=ok"]}
    flag_frequency([shifted, measured, made])
    assert "frecuencia_trimestres=conflict" in shifted["checks"] and "programado_t1" in flags(shifted)
    assert measured["checks"] == ["frecuencia_trimestres=ok"]
    assert made["checks"] == ["frecuencia_trimestres=ok"]  # a check a reading made is not made twice


def test_a_repaired_printed_value_flags_the_contract_field_it_fills():
    # SEVAC's 'PROGRAM.' is the contract's meta_anual: '40 39100' read as 40.391 through a repair
    rec = {"programado_anual": 40.391, "corrected": ["programado_anual:corregido"], "comentario_extraccion": None}
    copy_to_contract_field(rec, "meta_anual", "programado_anual")
    assert rec["meta_anual"] == 40.391 and "meta_anual:corregido" in rec["corrected"]
    clean = {"programado_anual": 3522.0, "corrected": [], "comentario_extraccion": None}
    copy_to_contract_field(clean, "meta_anual", "programado_anual")
    assert clean["meta_anual"] == 3522.0 and clean["corrected"] == []


def test_a_sevac_programado_no_check_covers_is_doubted_unless_the_checked_modificado_equals_it():
    from extractors.mir_avance.v2.formats.sevac import flag_unchecked_programado  # noqa: PLC0415

    def row(meta: float, mod: float, check: str) -> dict:
        return {"meta_anual": meta, "modificado_anual": mod, "checks": [check], "corrected": []}

    misread = row(8740.0, 3740.0, "cumplimiento_calculado=ok")  # '8740' OCR'd from 3740
    agreed = row(3522.0, 3522.0, "cumplimiento_calculado=ok")
    unchecked = row(3522.0, 3522.0, "cumplimiento_calculado=conflict")
    flag_unchecked_programado([misread, agreed, unchecked])
    assert "meta_anual" in flags(misread) and "meta_anual" in flags(unchecked)
    assert agreed["checks"] == ["cumplimiento_calculado=ok"]


def test_a_pbr_activity_read_under_its_components_clave_flags_both():
    from extractors.mir_avance.v2.formats import flag_chosen  # noqa: PLC0415

    # 'C1951.A1943' with its activity part OCR'd '.41943': the row reads under 'C1951'
    rows = [
        {"clave": "C1951", "siglas": None, "programado_t4": 100.0, "checks": []},
        {"clave": "C1951", "siglas": None, "programado_t4": 0.0, "checks": []},
        {"clave": "C1951.A1947", "siglas": None, "programado_t4": 0.0, "checks": []},
    ]
    flag_chosen("pbr_tabla", rows, read_by_ocr=True)
    assert ["clave_repetida=conflict" in r["checks"] for r in rows] == [True, True, False]


def test_a_pbr_activitys_a_read_as_4_after_the_point_is_read_back_and_flagged():
    from extractors.mir_avance.v2.formats.pbr import CLAVE  # noqa: PLC0415

    m = CLAVE.match("C1914 .41940 Certificación de personas")  # dev MIR scan block 6442
    assert (m.group("c"), m.group("a"), m.group("four")) == ("1914", "1940", "4")
    # without the point, or with three digits after the 4, it is no activity's key
    assert CLAVE.match("C1914 41940 Certificación").group("a") is None
    assert CLAVE.match("C1914 .4194 x").group("a") is None


def _ocr_page(cells: list[tuple[str, float, float, float]]) -> Page:
    """A scanned page of one line per (text, x0, top, confidence) cell, words 6 pt apart."""
    lines = []
    for text, x0, top, conf in cells:
        words, x = [], x0
        for t in text.split():
            words.append(Word(t, BBox(x, top, x + 6 * len(t), top + 8), conf))
            x += 6 * len(t) + 4
        lines.append(Line.from_words(words))
    return Page(number=1, lines=tuple(lines), text_source="ocr")


def _doc(page: Page) -> Document:
    return pages_document(page, name="s.pdf")


def test_a_unit_name_or_acronym_ocr_doubted_flags_every_value_of_its_row():
    # POA rows of a scan: the second unit's name is what tesseract made of a smudged cell
    page = _ocr_page(
        [
            ("2 UNIDAD MÓVIL VILLA ALCÁNTARA", 40, 100, 0.93),
            ("140", 300, 100, 0.96),
            ("3 ple", 40, 120, 0.06),
            ("139", 300, 120, 0.96),
            ("PSAL: Porcentaje de", 40, 140, 0.31),
            ("88", 300, 140, 0.96),
        ]
    )
    box = {"x0": 38.0, "x1": 330.0}
    right = {"unidad": "UNIDAD MÓVIL VILLA ALCÁNTARA", "meta_anual": 140.0, "page": 1, "top": 99.0, "bottom": 109.0}
    smudged = {"unidad": "ple", "meta_anual": 139.0, "page": 1, "top": 119.0, "bottom": 129.0}
    acronym = {"siglas": "PSAL", "meta_anual": 88.0, "page": 1, "top": 139.0, "bottom": 149.0}
    coded = {"clave": "3.1.2", "siglas": "PSAL", "meta_anual": 88.0, "page": 1, "top": 139.0, "bottom": 149.0}
    records = [{**r, **box, "checks": []} for r in (right, smudged, acronym, coded)]
    flag_illegible_keys(records, _doc(page))
    assert [ILLEGIBLE_KEY + "=conflict" in r["checks"] for r in records] == [False, True, True, False]
    assert "meta_anual" in flags(records[1]) and "meta_anual" not in flags(records[0])
    assert "'ple'" in records[1]["comentario_extraccion"]
    # the same rows from a text layer carry no OCR doubt
    text_page = Page(number=1, lines=page.lines, text_source="text_layer")
    again = [{**r, **box, "checks": []} for r in (right, smudged)]
    flag_illegible_keys(again, _doc(text_page))
    assert all(not r["checks"] for r in again)


def test_a_code_of_another_depth_than_its_nivel_prints_everywhere_else_flags_its_row():
    # '26' among actividades coded to six levels: a number read into the code's column
    acts = [{"clave": f"5.5.5.1.1.{k}", "nivel": "actividad", "checks": []} for k in range(1, 6)]
    odd = {"clave": "26", "nivel": "actividad", "meta_anual": 105.0, "checks": []}
    fin = {"clave": "5", "nivel": "fin", "checks": []}  # a Fin of one level, alone at its nivel
    records = [fin, *acts[:3], odd, *acts[3:]]
    flag_codes_off_depth(records)
    assert [OFF_DEPTH + "=conflict" in r["checks"] for r in records] == [False, False, False, False, True, False, False]
    assert "meta_anual" in flags(odd) and "26" in odd["comentario_extraccion"]
    # a nivel whose codes disagree among themselves (two programmes numbered differently) says nothing
    mixed = [{"clave": c, "nivel": "componente", "checks": []} for c in ("1.1", "1.2", "2.1.1", "2.1.2", "3")]
    flag_codes_off_depth(mixed)
    assert not any(r["checks"] for r in mixed)


def test_a_row_with_no_code_among_rows_of_its_nivel_that_all_print_one_is_flagged_on_all_its_values():
    # generated MIR scan 7106: the printed 4.1.3.3 TVPCSA read with no code and as 'TUPCSA'
    rows = [{"clave": c, "nivel": "actividad", "checks": [], "meta_anual": 1.0} for c in ("4.1.3.1", "4.1.3.2")]
    rows += [{"clave": None, "siglas": "TUPCSA", "nivel": "actividad", "checks": [], "meta_anual": 670.0}]
    rows += [{"clave": "4.1.3.4", "nivel": "actividad", "checks": [], "meta_anual": 1.0}]
    flag_codes_lost(rows)
    assert rows[2]["checks"] == ["clave_perdida=conflict"] and "meta_anual" in flags(rows[2])
    assert all(r["checks"] == [] for r in rows if r["clave"])
    # a report whose Propósito prints no code: no Propósito row has one, none is doubted
    rows = [{"clave": None, "nivel": "proposito", "checks": [], "meta_anual": 1.0}]
    rows += [{"clave": f"3.1.{k}", "nivel": "componente", "checks": [], "meta_anual": 1.0} for k in (1, 2, 3)]
    flag_codes_lost(rows)
    assert all(r["checks"] == [] for r in rows)

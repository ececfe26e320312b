"""Programado/alcanzado told apart by order when OCR lost the group labels (v2/order.py) and
OCR-damaged quarter labels read back (v2/columns.py). Heads and rows are built by hand after
what tesseract made of a generated scan's shaded head: 'pnIeAn' over '71 T2 13 74'."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.mir_avance.v2.columns import repair_quarter_labels, repair_quarter_labels_in_line
from extractors.mir_avance.v2.order import (
    kinds_by_order,
    order_check_and_note,
    order_evidence,
    order_is_uneven,
    swapped_order,
)
from extractors.mir_avance.v2.table import RowCells


@dataclass
class Col:
    name: str
    kinds: tuple = ()
    by_order: bool = False


@dataclass
class Lay:
    columns: list


def test_damaged_quarter_labels_are_read_back_beside_a_clean_one() -> None:
    assert repair_quarter_labels(["71", "T2", "13", "74", "11", "72", "13", "74"]) == [
        "T1", "T2", "T3", "T4", "T1", "T2", "T3", "T4",
    ]  # fmt: skip


def test_a_speck_before_the_first_label_is_not_counted_as_one() -> None:
    # generated scan 7068: ':' read at 0.25 before 'Ta' (T1); counted as a slot, it left 'Ta' unread
    line = "Frecuencia : Ta 12 T3 T4 11 T2 T3 T4 anual".split()
    assert repair_quarter_labels(line)[2:10] == ["T1", "T2", "T3", "T4", "T1", "T2", "T3", "T4"]
    assert repair_quarter_labels(line)[1] == ":"


def test_numbers_stay_numbers_without_a_clean_quarter_label() -> None:
    row = ["Trimestral", "13", "11", "72", "100.00"]
    assert repair_quarter_labels(row) == row
    # and a damaged-looking token that is no quarter ('75', '10') is left as printed
    assert repair_quarter_labels(["T1", "75", "10"]) == ["T1", "75", "10"]


def test_a_label_damaged_past_reading_is_read_from_its_place_between_two() -> None:
    # tesseract on a degraded generated scan (dev seed 9): 'T1 T2 TS T4 T1 712 T3 T4'
    assert repair_quarter_labels(["anual", "T1", "T2", "TS", "T4", "T1", "712", "T3", "T4", "Avance"]) == [
        "anual", "T1", "T2", "T3", "T4", "T1", "T2", "T3", "T4", "Avance",
    ]  # fmt: skip
    # a word between two groups, or between labels not two apart, is left as printed
    assert repair_quarter_labels(["T2", "Avance", "T4", "T1"]) == ["T2", "Avance", "T4", "T1"]
    assert repair_quarter_labels(["T3", "T4", "xx", "T1"]) == ["T3", "T4", "xx", "T1"]


def test_a_damaged_ordinal_is_read_from_its_run_when_it_looks_like_its_place() -> None:
    # tesseract on a degraded scan's head (dev seed 18): '1er' read 'ter' and 'er', '4to' '4Ato'
    line = ["Periodicidad", "aloe", "ter", "2do", "3er", "4to", "er", "2do", "3er", "4Ato", "Justificación"]
    assert repair_quarter_labels(line) == [
        "Periodicidad", "aloe", "T1", "2do", "3er", "4to", "T1", "2do", "3er", "T4", "Justificación",
    ]  # fmt: skip
    # a word beside a run that looks like no quarter, and prose naming two quarters, stay
    assert repair_quarter_labels(["Meta", "T2", "T3", "T4", "Alc"]) == ["Meta", "T2", "T3", "T4", "Alc"]
    prose = "en el primer y tercer trimestre".split()
    assert repair_quarter_labels(prose) == prose


def test_labels_a_shaded_band_lost_are_read_by_counting_their_gaps() -> None:
    # block 6400-6449 scan 6420: five of eight labels came out as 'El', 'E', '$3', '=', 'má', with
    # the group labels of the line over them interleaved
    line = ["Meta", "anual", "El", "Metas", "E", "programadas", "$3", "T4", "T1", "T2", "Realizado", "=", "má", "%"]
    assert repair_quarter_labels(line) == [
        "Meta", "anual", "T1", "Metas", "T2", "programadas", "T3", "T4", "T1", "T2", "Realizado", "T3", "T4", "%",
    ]  # fmt: skip
    # a gap whose count does not fit, and short head words, stay as printed
    assert repair_quarter_labels(["T1", "x", "z", "T3", "T4"]) == ["T1", "x", "z", "T3", "T4"]
    assert repair_quarter_labels(["Nivel", "MIR", "T2", "T3", "T4"]) == ["Nivel", "MIR", "T2", "T3", "T4"]


def test_a_one_read_as_a_letter_is_read_back() -> None:
    assert repair_quarter_labels(["Tí", "T2", "T3", "T4"]) == ["T1", "T2", "T3", "T4"]
    # any digit the shared look-alike table reads: a 4 read 'A' (block 6400-6449 scan 6409)
    assert repair_quarter_labels(["T1", "T2", "T3", "TA", "T1"]) == ["T1", "T2", "T3", "T4", "T1"]
    assert repair_quarter_labels(["T1", "TS"]) == ["T1", "TS"]  # 'S' is a 5: no quarter
    assert repair_quarter_labels(["Tl", "T2"]) == ["T1", "T2"]


def head(*names: str) -> list[Col]:
    kinds = {"Nivel": (("nivel", None),), "Meta anual": (("meta", None),)}
    return [Col(n, kinds.get(n, ())) for n in names]


def test_two_quarter_runs_without_group_labels_are_programado_then_alcanzado() -> None:
    cols = head("Nivel", "Meta anual", "T1", "T2", "T3", "T4", "T1", "T2", "T3", "T4")
    kinds_by_order(cols)
    assert [c.kinds for c in cols[2:]] == [(("prog", q),) for q in (1, 2, 3, 4)] + [(("alc", q),) for q in (1, 2, 3, 4)]
    assert all(c.by_order for c in cols[2:]) and not order_is_uneven(cols)
    assert not cols[0].by_order


def test_a_run_missing_a_quarter_is_uneven() -> None:
    cols = head("Nivel", "T1", "T2", "pelar T3", "T1", "T2", "T3", "T4")
    kinds_by_order(cols)
    assert cols[3].kinds == (("prog", 3),) and cols[4].kinds == (("alc", 1),)
    assert order_is_uneven(cols)


def test_no_order_is_supposed_when_a_head_names_its_kinds_or_has_one_run() -> None:
    named = head("Nivel", "T1", "T2", "T1", "T2")
    named[1].kinds = (("prog", 1),)
    kinds_by_order(named)
    assert not any(c.by_order for c in named)
    single = head("Nivel", "T1", "T2", "T3", "T4")
    kinds_by_order(single)
    assert not any(c.by_order for c in single)


def rows(prog_later: int, alc_later: int) -> list[RowCells]:
    out = []
    for i in range(max(prog_later, alc_later)):
        numbers = {"programado_t1": "5", "alcanzado_t1": "4"}
        if i < prog_later:
            numbers["programado_t3"] = "6"
        if i < alc_later:
            numbers["alcanzado_t3"] = "7"
        out.append(RowCells(numbers=numbers))
    return out


def test_later_quarters_confirm_or_reverse_the_order() -> None:
    # quarter 2 reported: alcanzados of quarter 3 must be empty
    assert order_evidence(rows(prog_later=3, alc_later=0), T=2) == "ok"
    assert order_evidence(rows(prog_later=0, alc_later=3), T=2) == "swap"
    assert order_evidence(rows(prog_later=2, alc_later=2), T=2) == "unknown"
    # the last quarter reported: nothing is empty by definition
    assert order_evidence(rows(prog_later=3, alc_later=0), T=4) == "unknown"
    assert order_evidence(rows(prog_later=3, alc_later=0), T=None) == "unknown"


def test_swapping_exchanges_only_the_by_order_columns() -> None:
    cols = head("Meta anual", "T1", "T1")
    kinds_by_order(cols)
    swapped = swapped_order(Lay(cols)).columns
    assert [c.kinds for c in swapped] == [(("meta", None),), (("alc", 1),), (("prog", 1),)]
    assert cols[1].kinds == (("prog", 1),)  # the original layout is left as it was


def test_an_order_only_supposed_flags_the_row() -> None:
    assert order_check_and_note("ok", uneven=False)[0] == "columnas_por_orden=ok"
    assert order_check_and_note("swap", uneven=False)[0] == "columnas_por_orden=ok"
    assert order_check_and_note("unknown", uneven=False)[0] == "columnas_por_orden=conflict"
    check, note = order_check_and_note("ok", uneven=True)
    assert check == "columnas_por_orden=conflict" and "falta la etiqueta" in note


def test_a_line_of_ocrd_text_keeps_its_cell_gaps() -> None:
    assert repair_quarter_labels_in_line("Meta anual   71  T2   13 74") == "Meta anual   T1  T2   T3 T4"
    assert repair_quarter_labels_in_line("Trimestral   13  11") == "Trimestral   13  11"

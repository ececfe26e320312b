"""Quarter sub-labels of a ruled head read across its columns
(extractors/mir_avance/v2/head_groups.py), on heads built here as the table layer hands them
over: a group label merged over four columns, each column's own label cell beneath it, damaged
the ways tesseract damaged a generated MIR scan's shaded head (dev scan 568: '11 T2 T3 74',
'Ti T2 T3 TA', 'T T2 T3 T4', and one copy whose T1 cell came out empty)."""

from __future__ import annotations

from extractors.mir_avance.v2.columns import columns_to_kinds
from extractors.mir_avance.v2.head_groups import names_with_read_quarters
from papeleo.tables import Cell, Table
from papeleo.tables.model import EMPTY_CELL, Row


def head(subs: list[str], group: str = "Meta programada", alc: str = "T1") -> Table:
    """'Nivel | <group> over len(subs) columns | Alcanzado over one | Meta anual', the sub-labels
    as given; each column named as the table layer names it (its cells joined top to bottom)."""
    n = len(subs)
    top = [Cell("Nivel", row_span=2), Cell(group, col_span=n), *[EMPTY_CELL] * (n - 1)]
    top += [Cell("Alcanzado"), Cell("Meta anual", row_span=2)]
    bottom = [EMPTY_CELL, *[Cell(s) for s in subs], Cell(alc), EMPTY_CELL]
    names = ("Nivel", *[f"{group} {s}".strip() for s in subs], f"Alcanzado {alc}".strip(), "Meta anual")
    return Table(columns=names, rows=(), header_rows=(Row(tuple(top), 1), Row(tuple(bottom), 1)), source="ruled")


def kinds(table: Table) -> list:
    return [ks[0] if ks else None for ks in columns_to_kinds(names_with_read_quarters(table))]


PRINTED = [("nivel", None), ("prog", 1), ("prog", 2), ("prog", 3), ("prog", 4), ("alc", 1), ("meta", None)]


def test_labels_damaged_beside_a_clean_one_are_read_as_the_line_of_sub_labels():
    assert kinds(head(["11", "T2", "T3", "74"], alc="11")) == PRINTED
    assert kinds(head(["Ti", "T2", "T3", "TA"])) == PRINTED


def test_a_label_lost_in_its_cell_is_read_from_its_place_under_the_group():
    # the T1 cell read empty, the rest digits only: without this the first column is the annual meta
    assert kinds(head(["", "mim 12", "13", "74"])) == PRINTED
    assert kinds(head(["T", "T2", "T3", "T4"])) == PRINTED


def test_one_reading_quarter_is_not_enough_to_number_a_group():
    # '12' alone under the group, no clean label on the line: it could be any number a head prints
    assert kinds(head(["", "12", "", ""], alc=""))[1:5] == [("meta", None)] * 4


def test_labels_that_do_not_count_up_one_per_column_are_left_as_read():
    # the line's clean 'T1' would read '13' and '12' as T3 and T2: in that order they are no run
    assert names_with_read_quarters(head(["", "13", "12", ""])) == head(["", "13", "12", ""]).columns


def test_an_alcanzado_after_a_run_of_programados_takes_no_quarter_from_them():
    # by kind: 'T3 | T4' then 'Alcanzado' whose own label is lost; its quarter is the report's
    assert kinds(head(["T1", "T2", "T3", "T4"], alc=""))[5] == ("alc", None)

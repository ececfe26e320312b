"""The copies of one head a scanned report prints over each table, read together
(extractors/mir_avance/v2/head_copies.py), on tables built here: each copy damaged in its own
place, the expected kinds those of the head as printed."""

from __future__ import annotations

from extractors.mir_avance.v2.columns import columns_to_kinds, name_to_kinds
from extractors.mir_avance.v2.head_copies import copies_to_kinds
from papeleo.model import BBox, Word
from papeleo.tables import Cell, Table
from papeleo.tables.model import Row

PRINTED = ["Nivel", "Indicador", "Meta anual", "Programado 1er Trim.", "Programado 2do Trim.", "Realizado 1er Trim."]
EDGES = (30.0, 90.0, 300.0, 350.0, 400.0, 450.0, 500.0)


def copy(labels: list[str], confidences: dict[int, float] | None = None, shift: float = 0.0) -> Table:
    """A table under ``labels`` (one header row of cells whose words read at 0.95, or at the
    given confidence for the columns named), its column edges moved by ``shift`` points."""
    confidences = confidences or {}
    edges = tuple(e + shift for e in EDGES)
    cells = []
    for c, label in enumerate(labels):
        box = BBox(edges[c], 100.0, edges[c + 1], 110.0)
        words = tuple(Word(t, box, confidences.get(c, 0.95)) for t in label.split())
        cells.append(Cell(label, box, words))
    return Table(
        columns=tuple(labels),
        rows=(),
        header_rows=(Row(tuple(cells), 1),),
        source="rules",
        bbox=BBox(30, 90, 500, 400),
        pages=(1,),
        column_edges=edges,
    )


def vote(tables: list[Table]) -> list[list]:
    own = [columns_to_kinds(t.columns) for t in tables]
    heads = [[c if c.words else None for c in t.header_rows[0].cells] for t in tables]
    return copies_to_kinds(tables, own, heads)


def test_each_copy_damaged_in_its_own_place_reads_as_printed():
    a = copy([*PRINTED[:2], "anual", *PRINTED[3:]])  # 'Meta' lost: a column of no kind
    b = copy([*PRINTED[:3], "Programado Trim.", *PRINTED[4:]], shift=2.0)  # the quarter lost: 'meta'
    c = copy([*PRINTED[:5], "Realizado cad"], {5: 0.07}, shift=-3.0)  # garbled, unsure
    printed = [name_to_kinds(n) for n in PRINTED]
    assert [columns_to_kinds(t.columns) for t in (a, b, c)] != [printed] * 3
    assert vote([a, b, c]) == [printed] * 3


def test_a_quarter_run_into_trim_reads_as_its_quarter():
    assert name_to_kinds("Meta programada 2doTrim.") == (("prog", 2),)
    assert name_to_kinds("Avance alcanzado 1erTrim.") == (("alc", 1),)


def test_a_table_whose_columns_sit_elsewhere_is_no_copy_and_keeps_its_own_head():
    a = copy([*PRINTED[:3], "Programado Trim.", *PRINTED[4:]])
    other = copy(PRINTED, shift=20.0)
    same = copy(PRINTED, shift=1.0)
    assert vote([a, other])[0] == columns_to_kinds(a.columns)
    assert vote([a, same, same])[0] == [name_to_kinds(n) for n in PRINTED]


def test_a_sure_reading_is_not_outvoted_by_one_unsure_copy():
    # two copies that disagree, one sure and one not: the sure one keeps its reading
    sure = copy(PRINTED)
    unsure = copy([*PRINTED[:3], "Programado 2do Trim.", *PRINTED[4:]], {3: 0.3})
    got = vote([sure, unsure])
    assert got[0][3] == (("prog", 1),)
    # ... and the unsure copy, which names the second quarter twice, takes it
    assert got[1][3] == (("prog", 1),)


def test_copies_split_evenly_decide_nothing():
    # two copies, equally sure, read a column two ways that differ only where one lost a
    # quarter the other kept after an unquartered kind: a tie, so each table keeps its own
    # reading (it used to compare the two readings themselves and raise on None < 2)
    tables = [copy(PRINTED), copy(PRINTED, shift=1.0)]
    own = [columns_to_kinds(t.columns) for t in tables]
    own[0][3] = (("prog", None), ("alc", None))
    own[1][3] = (("prog", None), ("alc", 2))
    heads = [[c if c.words else None for c in t.header_rows[0].cells] for t in tables]
    got = copies_to_kinds(tables, own, heads)
    assert got[0][3] == (("prog", None), ("alc", None))
    assert got[1][3] == (("prog", None), ("alc", 2))

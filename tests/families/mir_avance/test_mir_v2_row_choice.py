"""MIR v2: a row the chosen reading gets wrong is taken from another reading only on the
evidence of its own checks, and only when that reading places the same numbers otherwise.
Records are written by hand; the backing and conflict tests are stand-ins that read a field,
so each case says which rows hold."""

from __future__ import annotations

from extractors.mir_avance.v2.row_choice import (
    rows_backed_in_other_readings,
    rows_emptied_in_chosen,
    rows_missing_from_chosen,
)


def _row(
    clave: str, meta: float, t1: float, ok: bool, backed: float = 1.0, checks: tuple = ("avance_calculado",)
) -> dict:
    return {
        "clave": clave,
        "meta_anual": meta,
        "programado_t1": t1,
        "checks": [f"{c}={'ok' if ok else 'conflict'}" for c in checks],
        "corrected": [],
        "_ok": ok,
        "_backed": backed,
    }


def _choose(records, others):
    return rows_backed_in_other_readings(
        "tabla", records, others, backing=lambda r: r["_backed"], in_conflict=lambda r: not r["_ok"]
    )


def _metas(records) -> list[float]:
    return [r["meta_anual"] for r in records]


def test_a_row_in_conflict_is_taken_from_the_reading_that_places_its_numbers_so_that_they_hold():
    # the chosen reading put 40 under programado T1 and 10 under the meta: one column off
    chosen = [_row("1", 7, 7, ok=True), _row("1.1", 10, 40, ok=False)]
    got = _choose(chosen, [("orden", [_row("1", 8, 8, ok=True), _row("1.1", 40, 10, ok=True)])])
    assert _metas(got) == [7, 40]  # the backed row stays, the other is replaced
    assert "lectura 'orden'" in got[1]["comentario_extraccion"]


def test_a_row_whose_checks_hold_only_on_imputed_values_is_replaced_too():
    got = _choose([_row("1.1", 10, 40, ok=True, backed=0.0)], [("orden", [_row("1.1", 40, 10, ok=True)])])
    assert _metas(got) == [40]


def test_no_row_is_taken_when_the_evidence_is_not_one_rows():
    conflicted = [_row("1.1", 10, 40, ok=False), _row("1.2", 300, 75, ok=True)]
    # another reading's row that does not cover its values
    assert _metas(_choose(conflicted, [("orden", [_row("1.1", 40, 10, ok=True, backed=0.5)])])) == [10, 300]
    # two readings backing two different rows
    two = [("orden", [_row("1.1", 40, 10, ok=True)]), ("celdas", [_row("1.1", 50, 10, ok=True)])]
    assert _metas(_choose(conflicted, two)) == [10, 300]
    # a key another row of that reading repeats
    repeated = [("orden", [_row("1.1", 40, 10, ok=True), _row("1.1", 41, 10, ok=True)])]
    assert _metas(_choose(conflicted, repeated)) == [10, 300]
    # the numbers of another row under this key: its checks hold, being that row's
    shifted = [("orden", [_row("1.1", 300, 75, ok=True)])]
    assert _metas(_choose(conflicted, shifted)) == [10, 300]


def test_a_row_backed_only_by_its_sum_is_not_taken():
    # Σ programado = meta holds for the quarters in any order: a reading that shifted them one
    # column (6 6 5 4 for 6 5 4 6, report block 6510) passes it, so it places no column
    conflicted = [_row("1.1", 10, 40, ok=False)]
    only_sum = [("tabla", [_row("1.1", 40, 10, ok=True, checks=("suma_programado",))])]
    assert _metas(rows_backed_in_other_readings(
        "orden", conflicted, only_sum, backing=lambda r: r["_backed"], in_conflict=lambda r: not r["_ok"]
    )) == [10]  # fmt: skip


def _add_missing(records, others):
    return rows_missing_from_chosen(
        "tabla", records, others, backing=lambda r: r["_backed"], in_conflict=lambda r: not r["_ok"]
    )


def test_a_row_the_chosen_reading_lost_is_taken_where_another_backs_it_and_goes_in_its_place():
    # the table reader lost the Fin row (its table's head was another box's): geometry read it
    chosen = [_row("1.1", 10, 4, ok=True), _row("1.2", 20, 5, ok=True)]
    other = [_row("1", 300, 75, ok=True), _row("1.1", 10, 4, ok=True), _row("1.1.1", 8, 2, ok=True)]
    got = _add_missing(chosen, [("geometria", other)])
    assert [r["clave"] for r in got] == ["1", "1.1", "1.1.1", "1.2"]
    assert "lectura 'geometria'" in got[0]["comentario_extraccion"]
    assert chosen[0].get("comentario_extraccion") is None  # the chosen rows are not touched


def test_no_lost_row_is_taken_without_its_own_evidence_or_when_it_is_a_chosen_row_misnamed():
    chosen = [_row("1.1", 10, 4, ok=True)]
    # in conflict, not covering its values, or backed by its sum only
    for alt in (
        _row("1", 300, 75, ok=False),
        _row("1", 300, 75, ok=True, backed=0.5),
        _row("1", 300, 75, ok=True, checks=("suma_programado",)),
    ):
        assert _add_missing(chosen, [("geometria", [alt])]) == chosen
    # the chosen row's numbers under a key OCR read otherwise ('1.l' for '1.1')
    assert _add_missing(chosen, [("geometria", [_row("1.l", 10, 4, ok=True)])]) == chosen
    # an acronym a chosen row has, under another code
    named = {**_row("1.7", 30, 9, ok=True), "siglas": "PSAL"}
    assert _add_missing([{**chosen[0], "siglas": "PSAL"}], [("geometria", [named])])[0]["clave"] == "1.1"
    assert len(_add_missing([{**chosen[0], "siglas": "PSAL"}], [("geometria", [named])])) == 1


def _fill_empty(records, others):
    return rows_emptied_in_chosen(
        "orden", records, others, backing=lambda r: r["_backed"], in_conflict=lambda r: not r["_ok"]
    )


def _empty(clave: str, siglas: str) -> dict:
    """A row whose key reading order found and none of whose numbers it placed."""
    return {"clave": clave, "siglas": siglas, "meta_anual": None, "programado_t1": None, "checks": [], "corrected": []}


def test_a_row_found_empty_is_filled_from_the_reading_that_read_its_numbers_under_its_acronym():
    # dev MIR OCR'd text 156, page 3: the codes in reading order, the numbers under the acronyms alone
    chosen = [_row("1.1", 10, 4, ok=True), _empty("1.2", "PMEO")]
    cells = [{**_row("", 5567.4, 905.58, ok=True), "clave": None, "siglas": "PMEO"}]
    got = _fill_empty(chosen, [("celdas", cells)])
    assert (got[1]["clave"], got[1]["siglas"], got[1]["meta_anual"]) == ("1.2", "PMEO", 5567.4)
    assert "lectura 'celdas'" in got[1]["comentario_extraccion"]
    assert chosen[1]["meta_anual"] is None  # the chosen rows are not touched


def test_an_empty_row_is_not_filled_without_one_rows_evidence():
    chosen = [_row("1.1", 10, 4, ok=True), _empty("1.2", "PMEO")]
    pm = {"clave": None, "siglas": "PMEO"}
    for others in (
        [("celdas", [{**_row("", 55, 9, ok=False), **pm}])],  # in conflict
        [("celdas", [{**_row("", 55, 9, ok=True, backed=0.5), **pm}])],  # not covering its values
        [("celdas", [{**_row("", 55, 9, ok=True, checks=("suma_programado",)), **pm}])],  # its sum only
        [("celdas", [{**_row("", 55, 9, ok=True), **pm}, {**_row("", 56, 9, ok=True), **pm}])],  # key twice
        [("celdas", [{**_row("", 55, 9, ok=True), **pm}]), ("tabla", [{**_row("", 57, 9, ok=True), **pm}])],
        [("celdas", [{**_row("", 10, 4, ok=True), **pm}])],  # the numbers of the chosen row 1.1
    ):
        assert _metas(_fill_empty(chosen, others)) == [10, None]
    # a row that holds its own numbers is not empty: rows_backed_in_other_readings weighs it
    read = [_row("1.1", 10, 4, ok=True), {**_row("1.2", 30, 7, ok=True, backed=0.0), "siglas": "PMEO"}]
    assert _metas(_fill_empty(read, [("celdas", [{**_row("", 55, 9, ok=True), **pm}])])) == [10, 30]

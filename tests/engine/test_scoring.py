"""tests/scoring.py on hand-built rows: pairing by natural key, outcomes per field, flags
that excuse only their own field, and readable failures."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import numpy as np
import pytest

from scoring import (
    BOTH_NULL,
    CHECK_FIELDS,
    EXTRA_FLAGGED,
    EXTRA_UNFLAGGED,
    MISSING,
    OK,
    SOURCES_SUFFIX,
    WRONG_FLAGGED,
    WRONG_UNFLAGGED,
    Floors,
    assert_score,
    fields_of_check,
    flags,
    pair_rows,
    plain,
    score_rows,
    score_values,
)
from scoring_specs import SPECS

ROOT = Path(__file__).resolve().parents[2]
NUM = (
    "meta_anual",
    "programado_t1",
    "programado_t2",
    "programado_t3",
    "programado_t4",
    "alcanzado_t1",
    "alcanzado_t2",
    "avance_pct",
)


def ind(clave, siglas=None, **values):
    """An indicators row: meta 100 = 10 + 20 + 30 + 40, T2 reached 18 of 20 (90%)."""
    row = dict(
        clave=clave,
        siglas=siglas,
        trimestre=2,
        meta_anual=100.0,
        programado_t1=10.0,
        programado_t2=20.0,
        programado_t3=30.0,
        programado_t4=40.0,
        alcanzado_t1=9.0,
        alcanzado_t2=18.0,
        avance_pct=90.0,
        checks=[],
        corrected=[],
    )
    row.update(values)
    return row


def score(expected, got, **kw):
    kw.setdefault("key", ("clave",))
    kw.setdefault("fallback_keys", (("siglas",),))
    kw.setdefault("numeric", NUM)
    return score_rows(expected, got, **kw)


def outcome(s, clave, f):
    [r] = [r for r in s.results if r.row.endswith(f"={clave}") and r.field == f]
    return r.outcome


# --- pairing --------------------------------------------------------------------------


def test_rows_pair_by_key_whatever_their_order():
    gold = [ind("1"), ind("1.1"), ind("1.1.1")]
    s = score(gold, [ind("1.1.1"), ind("1"), ind("1.1")])
    assert s.counts() == {OK: 24}
    assert not s.unmatched and not s.unexpected


def test_missing_key_falls_back_to_the_secondary_key_and_says_so():
    s = score([ind("1", "PA"), ind(None, "PB")], [ind(None, "PB"), ind("1", "PA")])
    assert [p.by for p in s.pairs] == [("clave",), ("siglas",)]
    assert s.counts()[OK] == 16


def test_duplicated_key_is_never_resolved_by_position():
    # two golden rows print the same clave; the siglas tell them apart
    gold = [ind("1.1", "PA", meta_anual=100.0), ind("1.1", "PB", meta_anual=200.0)]
    got = [ind("1.1", "PB", meta_anual=200.0), ind("1.1", "PA", meta_anual=100.0)]
    s = score(gold, got)
    assert [p.by for p in s.pairs] == [("siglas",), ("siglas",)]
    assert [p.got["siglas"] for p in s.pairs] == ["PA", "PB"]
    # without a fallback key nothing pairs them: both rows are reported, none is guessed
    s = score(gold, got, fallback_keys=())
    assert s.pairs == [] and len(s.unmatched) == 2 and len(s.unexpected) == 2


def test_unmatched_rows_count_as_missing_fields_and_extra_rows_are_listed():
    s = score([ind("1"), ind("2")], [ind("1"), ind("3")], fallback_keys=())
    assert [r["clave"] for r in s.unmatched] == ["2"] and [r["clave"] for r in s.unexpected] == ["3"]
    assert s.counts() == {OK: 8, MISSING: 8}
    assert s.ok_rate() == 0.5


def test_text_key_pairs_fuzzily_and_only_when_unambiguous():
    gold = [{"nombre": "Villaseñor Trejo Martín", "x": 1.0}, {"nombre": "Olvera Durán Karina", "x": 2.0}]
    got = [{"nombre": "Olvera Duran Karina", "x": 2.0}, {"nombre": "Villasenor Trejo Martin", "x": 1.0}]
    s = score_rows(gold, got, key=("nombre",), numeric=("x",), text={"nombre": 90})
    assert [(p.expected["x"], p.got["x"]) for p in s.pairs] == [(1.0, 1.0), (2.0, 2.0)]
    assert s.counts() == {OK: 4}
    # two extracted names equally close to one golden name: no pair
    twins = [{"nombre": "Villasenor Trejo Martin"}, {"nombre": "Villasenor Trejo Martín"}]
    pairs, unmatched, unexpected = pair_rows(gold[:1], twins, key=("nombre",), text={"nombre": 90})
    assert pairs == [] and len(unmatched) == 1 and len(unexpected) == 2


def test_an_exact_key_is_not_made_ambiguous_by_a_fuzzy_twin():
    gold = [{"cargo": "Técnico de Organización Electoral"}, {"cargo": "Técnica de Organización Electoral"}]
    pairs, unmatched, _ = pair_rows(gold, list(reversed(gold)), key=("cargo",), text={"cargo": 90})
    assert [(p.expected["cargo"], p.got["cargo"]) for p in pairs] == [(g["cargo"], g["cargo"]) for g in gold]
    assert unmatched == []


# --- outcomes -------------------------------------------------------------------------


def test_outcomes_of_null_and_extra_values():
    gold = [ind("1", programado_t3=None, alcanzado_t1=None, avance_pct=None)]
    got = [
        ind(
            "1",
            programado_t2=None,
            programado_t3=31.0,
            alcanzado_t1=None,
            avance_pct=90.0,
            corrected=["avance_pct:imputado"],
        )
    ]
    s = score(gold, got)
    assert outcome(s, "1", "programado_t2") == MISSING
    assert outcome(s, "1", "programado_t3") == EXTRA_UNFLAGGED
    assert outcome(s, "1", "avance_pct") == EXTRA_FLAGGED
    assert outcome(s, "1", "alcanzado_t1") == BOTH_NULL
    assert s.determinable() == 5  # meta, p1, p2 (null), p4, a2


def test_a_wrong_number_is_excused_only_by_its_own_corrected_entry():
    got = ind("1", programado_t2=21.0, alcanzado_t2=17.0, corrected=["programado_t2:corregido"])
    s = score([ind("1")], [got])
    assert outcome(s, "1", "programado_t2") == WRONG_FLAGGED
    assert outcome(s, "1", "alcanzado_t2") == WRONG_UNFLAGGED


def test_a_conflict_excuses_the_fields_its_check_compares_and_no_other():
    # suma_programado compares meta_anual and programado_t1..t4
    got = ind("1", programado_t3=31.0, alcanzado_t1=8.0, checks=["suma_programado=conflict"])
    s = score([ind("1")], [got])
    assert outcome(s, "1", "programado_t3") == WRONG_FLAGGED
    assert outcome(s, "1", "alcanzado_t1") == WRONG_UNFLAGGED
    # avance_comentario in a Q2 report: avance_pct, programado_t2, alcanzado_t2 only
    got = ind("1", programado_t1=11.0, alcanzado_t2=19.0, checks=["avance_comentario=conflict"])
    s = score([ind("1")], [got])
    assert outcome(s, "1", "alcanzado_t2") == WRONG_FLAGGED
    assert outcome(s, "1", "programado_t1") == WRONG_UNFLAGGED
    # a check that came out ok excuses nothing
    s = score([ind("1")], [ind("1", programado_t3=31.0, checks=["suma_programado=ok"])])
    assert outcome(s, "1", "programado_t3") == WRONG_UNFLAGGED


def test_sources_conflict_names_its_field():
    got = ind("1", alcanzado_t2=17.0, alcanzado_t1=8.0, checks=["alcanzado_t2_fuentes=conflict"])
    s = score([ind("1")], [got])
    assert outcome(s, "1", "alcanzado_t2") == WRONG_FLAGGED
    assert outcome(s, "1", "alcanzado_t1") == WRONG_UNFLAGGED


def test_fields_of_check_follow_the_reported_quarter():
    assert fields_of_check("avance_comentario", {"trimestre": 3}) == {"avance_pct", "programado_t3", "alcanzado_t3"}
    assert fields_of_check("meta_anual_comentario", {"trimestre": 2}) == {"meta_anual", "alcanzado_t1", "alcanzado_t2"}
    # quarter unknown: every quarter the check could have compared
    assert fields_of_check("avance_comentario", {}) == {
        "avance_pct",
        *(f"{k}_t{q}" for k in ("programado", "alcanzado") for q in range(1, 5)),
    }
    assert fields_of_check("no_such_check", {"trimestre": 2}) == frozenset()


def test_flags_read_parquet_lists():
    row = {"trimestre": 2, "corrected": np.array(["clave:imputado"]), "checks": np.array(["suma_programado=conflict"])}
    assert set(flags(row)) == {"clave", "meta_anual", *(f"programado_t{q}" for q in range(1, 5))}


def test_golden_determinable_list_nulls_the_other_numeric_fields():
    gold = ind("1", determinable=["meta_anual"])
    s = score([gold], [ind("1", programado_t1=None)])
    assert outcome(s, "1", "meta_anual") == OK
    assert outcome(s, "1", "programado_t1") == BOTH_NULL
    assert outcome(s, "1", "programado_t2") == EXTRA_UNFLAGGED


def test_text_fields_compare_against_their_floor_and_exact_fields_exactly():
    gold = [{"clave": "1", "resumen": "Servicios de limpia y residuos sólidos", "nivel": "fin"}]
    close = [{"clave": "1", "resumen": "Servicios de limpia y residuos s6lidos", "nivel": "fin"}]
    other = [{"clave": "1", "resumen": "Servicios de alumbrado", "nivel": "Fin"}]
    kw = dict(key=("clave",), text={"resumen": 90}, exact=("nivel",))
    assert score_rows(gold, close, **kw).counts() == {OK: 2}
    s = score_rows(gold, other, **kw)
    assert s.counts() == {WRONG_UNFLAGGED: 2}
    assert "ratio" in s.misses()[0].note or "ratio" in s.misses()[1].note


def test_a_field_listed_twice_is_a_caller_error():
    with pytest.raises(ValueError):
        score_rows([], [], key=("clave",), numeric=("x",), exact=("x",))


def test_plain_turns_parquet_values_into_golden_values():
    assert plain(float("nan")) is None and plain(np.float64("nan")) is None
    assert plain(np.int64(3)) == 3 and plain(np.array(["a", "b"])) == ["a", "b"]
    assert plain(dt.date(2024, 8, 31)) == "2024-08-31"


# --- assertions and sets ---------------------------------------------------------------


def test_assert_score_passes_at_its_floors_and_lists_every_miss_otherwise():
    gold = [ind("1"), ind("2")]
    got = [ind("1", programado_t2=21.0, corrected=["programado_t2:corregido"]), ind("2", alcanzado_t2=None)]
    s = score(gold, got)
    assert_score(s, Floors(ok_rate=14 / 16))
    with pytest.raises(AssertionError) as err:
        assert_score(s, Floors(ok_rate=0.95), what="sample x")
    msg = str(err.value)
    assert msg.startswith("sample x") and "14/16" in msg
    assert "clave=1 programado_t2: got 21.0, expected 20.0 — wrong_flagged" in msg
    assert "clave=2 alcanzado_t2: got None, expected 18.0 — missing" in msg
    s = score(gold, [ind("1", alcanzado_t1=8.0), ind("2")])
    with pytest.raises(AssertionError, match="1 wrong_UNFLAGGED"):
        assert_score(s, Floors(ok_rate=0.5))


def test_floors_judge_only_their_fields():
    gold = [{"clave": "1", "x": 1.0, "texto": "Servicios de alumbrado público"}]
    got = [{"clave": "1", "x": 1.0, "texto": "Servicios de limpia"}]
    s = score_rows(gold, got, key=("clave",), numeric=("x",), text={"texto": 90})
    assert_score(s, Floors(fields=("x",)))
    with pytest.raises(AssertionError) as err:
        assert_score(s, Floors(fields=("texto",)), what="texts")
    assert "1 wrong_UNFLAGGED" in str(err.value) and "clave=1 texto:" in str(err.value)


def test_assert_score_names_rows_not_found_and_rows_not_expected():
    s = score([ind("1"), ind("2")], [ind("1"), ind("9")], fallback_keys=())
    with pytest.raises(AssertionError) as err:
        assert_score(s, Floors(ok_rate=0))
    assert "not found: clave=2" in str(err.value) and "does not have: clave=9" in str(err.value)


def test_score_values_exact_then_fuzzy():
    want = ["https://a.gob.mx/informes/2023", "2023-03-14"]
    s = score_values(want, ["https://a.gob.mx/inforrnes/2023", "2023-03-14", "2020-01-01"], floor=90)
    assert s.found == ["2023-03-14"] and s.fuzzy == [
        ("https://a.gob.mx/informes/2023", "https://a.gob.mx/inforrnes/2023")
    ]
    assert s.unexpected == ["2020-01-01"] and s.recall == 1.0
    s = score_values(want, ["2023-03-14"])
    assert s.missing == ["https://a.gob.mx/informes/2023"] and s.recall == 0.5


# --- the check mapping against the extractor that writes the checks -----------------------

_ASSIGN = re.compile(r"""checks\[\s*(f?)["']([^"']+)["']\s*\]\s*=\s*(.+)$""")


def test_every_check_the_mir_extractor_can_set_to_conflict_names_its_fields():
    """A conflict check missing from CHECK_FIELDS would excuse nothing, silently making
    correct flags count as unflagged errors; this reads the extractor's assignments."""
    sources = sorted((ROOT / "extractors" / "mir_avance").rglob("*.py"))
    found: dict[str, bool] = {}
    for path in sources:
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _ASSIGN.search(line)
            if m:  # an f-string name stays as written: '{f}_fuentes'
                found[m.group(2)] = found.get(m.group(2), False) or "conflict" in m.group(3)
    # the extractor writes these today; if none is found the reader above no longer works
    assert {"suma_programado", "avance_comentario", "{f}_fuentes"} <= set(found), found
    for name, can_conflict in found.items():
        if can_conflict and name != "{f}" + SOURCES_SUFFIX:  # fields_of_check reads the suffix
            assert name in CHECK_FIELDS, f"check {name!r} can be a conflict but CHECK_FIELDS does not map it"


def test_dataset_specs_compare_the_fields_they_key_on():
    """A row paired by a fallback key must still have its primary key compared, or a
    wrong clave on a row found by its siglas would pass unseen."""
    for name, spec in SPECS.items():
        compared = set(spec.numeric) | set(spec.exact) | set(spec.text)
        for k in (spec.key, *spec.fallback_keys):
            assert set(k) <= compared, (name, k)

"""Reviewer decisions that persist (issue 14): a decisions file is validated whole before
anything changes (a malformed one refused in one line, exit 2, nothing written); a decision
sets or keeps a value only on the reading the reviewer saw, and says so in ``corrected`` and
``comentario_extraccion``; it holds on every later run (given again, kept from an earlier
``--decisions``, or placed in ``OUT/_decisions``), also when the document is skipped as
unchanged; and when the document changes it is stale: not applied, and listed in the
summary, the run record and ``OUT/_decisions/_stale.json``."""

import copy
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from papeleo import cli, decisions, run, work
from papeleo.context import Settings
from papeleo.decisions import Decision, DecisionsError
from papeleo.store import ParquetStore

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
MIR = "mir_avance_ocr.txt"
# Read by eye from samples/mir_avance_ocr.txt: the Propósito row 2.3.1.1 (PSSA) prints
# "46,600 11,250 12,400 12,100 10,850 11,032 12,815": meta anual, programado T1-T4, alcanzado T1-T2.
CLAVE, SIGLAS, PRINTED_T2, REVIEWED_T2 = "2.3.1.1", "PSSA", 12815.0, 12851.0
NOTE = "cifra del acta de cabildo"


def _sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _decision(source, sha, **over):
    d = {
        "source": str(source),
        "doc_id": sha,
        "file_name": Path(source).name,
        "dataset": "indicators",
        "key": {"clave": CLAVE, "siglas": SIGLAS, "unidad": None},
        "occurrence": 0,
        "field": "alcanzado_t2",
        "extracted": PRINTED_T2,
        "action": "correct",
        "value": REVIEWED_T2,
        "reviewer": "ana",
        "date": "2026-12-05",
        "note": NOTE,
    }
    d.update(over)
    return d


def _write(path, *items, **top):
    data = {"papeleo_decisions": 1, "exported_at": "2026-12-05T18:00:00+00:00", "decisions": list(items), **top}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SAMPLES / MIR, folder / MIR)
    return folder


def _row(out, clave=CLAVE):
    table = ParquetStore(out).read("indicators").to_pylist()
    (row,) = [r for r in table if r["clave"] == clave]
    return row


def _main(capsys, *argv):
    code = cli.main(["ingest", *map(str, argv), "--no-progress", "--jobs", "1"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --- a malformed file is refused whole, in one line, before any work --------------------

GOOD_SHA = "a" * 64
MALFORMED = [
    ("not json", "{oops", "is not JSON"),
    ("no version", {"decisions": []}, 'is not a papeleo decisions file (no "papeleo_decisions": 1)'),
    ("version 2", {"papeleo_decisions": 2, "decisions": []}, "is version 2; this papeleo reads version 1"),
    ("decisions not a list", {"papeleo_decisions": 1, "decisions": {}}, '"decisions" must be a list'),
    (
        "unknown dataset",
        {"dataset": "indicadores"},
        "decisions[1]: dataset 'indicadores' is not one of commitments, findings, indicators, scores",
    ),
    (
        "documents dataset",
        {"dataset": "documents", "key": {"file_name": "x"}, "field": "titulo"},
        "holds no extracted values",
    ),
    (
        "mentions cannot show it",
        {"dataset": "mentions", "key": {"tipo": "monto"}, "field": "numero"},
        "has no corrected or comentario_extraccion",
    ),
    ("not a column", {"field": "alcanzado_t9"}, "field 'alcanzado_t9' is not a column of indicators"),
    ("provenance", {"field": "page", "extracted": 1, "value": 2}, "field page is a provenance or system column"),
    ("system column", {"field": "corrected"}, "field corrected is a provenance or system column"),
    ("key not natural", {"key": {"ente": "x"}}, "key column(s) ente are not in indicators's natural key"),
    ("empty key", {"key": {}}, "key must be an object naming indicators's natural key columns"),
    ("key value type", {"key": {"clave": 2.3}}, "key: 2.3 does not fit clave, which takes text"),
    ("value a text", {"value": "mucho"}, "value: 'mucho' does not fit alcanzado_t2, which takes a number"),
    ("value a bool", {"value": True}, "value: True does not fit alcanzado_t2, which takes a number"),
    ("int field", {"field": "ejercicio", "extracted": 2024, "value": 2024.5}, "which takes a whole number"),
    ("enum", {"field": "nivel", "extracted": "proposito", "value": "meta"}, "value: 'meta' is not one of"),
    ("range", {"field": "trimestre", "extracted": 2, "value": 5}, "value: 5 is outside [1, 4] for trimestre"),
    ("extracted type", {"extracted": "12,815"}, "extracted: '12,815' does not fit alcanzado_t2"),
    (
        "date field",
        {
            "dataset": "scores",
            "key": {"nombre": "X"},
            "field": "periodo_inicio",
            "extracted": None,
            "value": "05/12/2026",
        },
        "which takes a date 'YYYY-MM-DD'",
    ),
    ("doc_id", {"doc_id": "abc"}, "doc_id must be the document's sha256"),
    ("action", {"action": "reject"}, "action must be accept or correct (got 'reject')"),
    ("correct without value", {"value": "DROP"}, "action correct needs a value"),
    ("occurrence", {"occurrence": -1}, "occurrence must be a whole number from 0"),
    ("reviewer", {"reviewer": ""}, "reviewer must be a non-empty text"),
    ("decision date", {"date": "5 dic 2026"}, "date must be 'YYYY-MM-DD'"),
    ("missing extracted", {"extracted": "DROP"}, "extracted missing"),
    ("typo in a key", {"vaule": 1}, "unknown key(s) vaule"),
]


def _malformed_file(path, content, source):
    if isinstance(content, str):
        Path(path).write_text(content, "utf-8")
        return
    if "papeleo_decisions" in content or "decisions" in content:
        Path(path).write_text(json.dumps(content), "utf-8")
        return
    bad = {k: v for k, v in _decision(source, GOOD_SHA, **content).items() if v != "DROP"}
    _write(path, _decision(source, GOOD_SHA), bad)  # the second decision is the bad one


@pytest.mark.parametrize(("content", "says"), [m[1:] for m in MALFORMED], ids=[m[0] for m in MALFORMED])
def test_a_malformed_file_is_refused_in_one_line_and_nothing_is_written(inbox, tmp_path, capsys, content, says):
    bad, out = tmp_path / "bad.json", tmp_path / "out"
    _malformed_file(bad, content, inbox / MIR)
    code, stdout, stderr = _main(capsys, inbox, "--out", out, "--decisions", bad)
    assert code == 2 and stdout == ""
    assert stderr.startswith("papeleo ingest: decisions file ") and stderr.count("\n") == 1, stderr
    assert says in stderr
    if isinstance(content, dict) and "papeleo_decisions" not in content and "decisions" not in content:
        assert "decisions[1]" in stderr  # the index of the decision at fault
    assert not out.exists()  # nothing written, not even the output root


def test_a_malformed_file_in_the_folder_or_a_missing_one_is_refused_too(inbox, tmp_path, capsys):
    out = tmp_path / "out"
    code, _, stderr = _main(capsys, inbox, "--out", out, "--decisions", tmp_path / "nope.json")
    assert code == 2 and "nope.json does not exist" in stderr and not out.exists()
    _write(out / "_decisions" / "b.json", _decision(inbox / MIR, GOOD_SHA, field="ejercicio"))
    code, _, stderr = _main(capsys, inbox, "--out", out)
    assert code == 2 and "b.json, decisions[0]: extracted: 12815.0 does not fit ejercicio" in stderr
    assert sorted(p.name for p in out.iterdir()) == ["_decisions"]  # no dataset, manifest or run record
    with pytest.raises(run.UsageError, match="b.json, decisions"):  # the library refuses it alike
        run.run_ingest([str(inbox)], str(out), progress=False, jobs=1)
    assert sorted(p.name for p in out.iterdir()) == ["_decisions"]


# --- applying to hand-built rows --------------------------------------------------------

DOC = "d" * 64


def _parsed(**over):
    return decisions.parse_decision(_decision("inbox/x.txt", DOC, **over), "test decisions[0]")


def _rows():
    base = {"doc_id": DOC, "record_id": "r", "extractor": "mir_avance.v2", "clave": "1.1", "siglas": "PX"}
    return {
        "indicators": [
            {**base, "record_id": "r2", "page": 2, "top": 10.0, "alcanzado_t2": 7.0},
            {**base, "record_id": "r1", "page": 1, "top": 500.0, "alcanzado_t2": 4885.0, "corrected": None},
            {
                **base,
                "record_id": "r3",
                "page": 1,
                "top": 40.0,
                "clave": "1.2",
                "alcanzado_t2": 3.0,
                "corrected": ["meta_anual:corregido"],
                "comentario_extraccion": "meta_anual=12: de la suma",
            },
        ]
    }


def test_correct_sets_the_value_and_says_so_in_the_row():
    rows = _rows()
    d = _parsed(key={"clave": "1.1", "siglas": "PX"}, extracted=4885, value=4855.0, note="")
    outcome = decisions.apply([d], DOC, rows)
    assert outcome.stale == [] and len(outcome.applied) == 1 and outcome.digest
    first_on_page_1 = rows["indicators"][1]  # occurrence 0: page 1 comes before page 2
    assert first_on_page_1["alcanzado_t2"] == 4855.0
    assert first_on_page_1["corrected"] == ["alcanzado_t2:revisado"]  # created: it was null
    assert first_on_page_1["comentario_extraccion"] == "alcanzado_t2: revisado por ana el 2026-12-05"
    assert rows["indicators"][0]["alcanzado_t2"] == 7.0  # the other occurrence is untouched


def test_accept_keeps_the_value_and_appends_to_what_the_row_said():
    rows = _rows()
    d = _parsed(key={"clave": "1.2"}, extracted=3, action="accept", value=None)
    outcome = decisions.apply([d], DOC, rows)
    row = rows["indicators"][2]
    assert len(outcome.applied) == 1 and row["alcanzado_t2"] == 3.0
    assert row["corrected"] == ["meta_anual:corregido", "alcanzado_t2:revisado"]
    assert row["comentario_extraccion"] == (
        f"meta_anual=12: de la suma; alcanzado_t2: revisado por ana el 2026-12-05: {NOTE}"
    )
    decisions.apply([d], DOC, rows)  # applied twice (never happens in a run): one mark, not two
    assert row["corrected"].count("alcanzado_t2:revisado") == 1


def test_the_second_occurrence_is_the_next_row_by_page_and_top():
    rows = _rows()
    d = _parsed(key={"clave": "1.1"}, occurrence=1, extracted=7, value=8.0)
    assert len(decisions.apply([d], DOC, rows).applied) == 1
    assert rows["indicators"][0]["alcanzado_t2"] == 8.0


def test_a_decision_on_another_reading_is_stale_and_changes_nothing():
    cases = [
        (
            _parsed(key={"clave": "1.1"}, doc_id="e" * 64),
            "the document changed since the decision (sha256 eeeeeeeeeeee then, dddddddddddd now)",
        ),
        (_parsed(key={"clave": "9.9"}), "row gone: no indicators row clave=9.9 in the document now"),
        (_parsed(key={"clave": "1.1"}, occurrence=2), "row gone: no indicators row clave=1.1 (occurrence 2)"),
        (_parsed(key={"clave": "1.1"}, extracted=4886.0), "the reading changed: was 4886, now 4885"),
        (_parsed(key={"clave": "1.1"}, extracted=None), "the reading changed: was empty, now 4885"),
    ]
    for d, why in cases:
        rows = _rows()
        before = copy.deepcopy(rows)
        outcome = decisions.apply([d], DOC, rows)
        assert outcome.applied == [] and len(outcome.stale) == 1
        assert outcome.stale[0]["why"].startswith(why), outcome.stale[0]["why"]
        assert outcome.stale[0]["field"] == "alcanzado_t2" and outcome.stale[0]["reviewer"] == "ana"
        assert rows == before
    unreadable = decisions.apply([_parsed()], None, {})
    assert unreadable.stale[0]["why"] == "the document could not be read this run"


def test_floats_are_compared_with_a_tolerance():
    rows = _rows()
    d = _parsed(key={"clave": "1.1"}, extracted=4885.000000001, value=4855.0)
    assert len(decisions.apply([d], DOC, rows).applied) == 1
    assert decisions.same(0.1 + 0.2, 0.3) and not decisions.same(12815.0, 12816.0) and not decisions.same(0.0, None)


def test_a_value_the_row_schema_refuses_is_stale_and_the_row_is_restored():
    rows = _rows()
    before = copy.deepcopy(rows)
    ok = _parsed(key={"clave": "1.1"})
    d = Decision(**{**ok.__dict__, "field": "trimestre", "extracted": None, "value": 9})  # past load's checks
    outcome = decisions.apply([d], DOC, rows)
    assert (
        outcome.applied == []
        and "breaks the indicators schema: trimestre: 9 is outside [1, 4]" in outcome.stale[0]["why"]
    )
    assert rows == before


def test_later_files_override_earlier_ones_and_the_folder_comes_first(tmp_path):
    out, source = tmp_path / "out", "inbox/x.txt"
    _write(out / "_decisions" / "b.json", _decision(source, DOC, value=2.0))
    _write(
        out / "_decisions" / "a.json",
        _decision(source, DOC, value=1.0),
        _decision(source, DOC, field="alcanzado_t1", value=5.0),
    )
    _write(out / "_decisions" / "_stale.json", {"not": "a decision"})  # "_" files are never decisions
    given = _write(tmp_path / "cli.json", _decision(source, DOC, value=3.0))
    in_force = decisions.load(out)
    assert sorted((d.field, d.value) for d in in_force.values()) == [("alcanzado_t1", 5.0), ("alcanzado_t2", 2.0)]
    in_force = decisions.load(out, [str(given)])
    assert sorted((d.field, d.value) for d in in_force.values()) == [("alcanzado_t1", 5.0), ("alcanzado_t2", 3.0)]
    # the digest is of what the decisions say, not of where they came from
    assert decisions.digest(in_force.values()) == decisions.digest(
        [decisions.parse_decision(d.to_json(), "elsewhere") for d in in_force.values()]
    )
    assert decisions.digest([]) == ""


def test_settings_carry_the_files_to_workers_without_changing_read_or_cache_keys():
    s = Settings(decisions=["/a.json", "/b.json"])  # a list, as JSON and flow parameters give it
    assert s.decisions == ("/a.json", "/b.json") and hash(s)
    assert Settings.from_dict(json.loads(json.dumps(s.to_dict()))) == s
    assert s.read_settings() == Settings().read_settings()
    assert s.read_settings().cache_key == Settings().read_settings().cache_key


# --- end to end through the CLI, over runs ------------------------------------------------


def test_a_decision_holds_on_every_run_and_goes_stale_when_the_document_changes(inbox, tmp_path, capsys):
    mir, out = inbox / MIR, tmp_path / "out"
    file = _write(tmp_path / "revision.json", _decision(mir, _sha256(mir)))
    code, stdout, _ = _main(capsys, inbox, "--out", out, "--decisions", file)
    assert code == 0 and "Decisions: 1 applied, 0 stale" in stdout
    row = _row(out)
    assert row["alcanzado_t2"] == REVIEWED_T2
    assert "alcanzado_t2:revisado" in row["corrected"]
    assert f"alcanzado_t2: revisado por ana el 2026-12-05: {NOTE}" in row["comentario_extraccion"]
    assert _row(out, "2.3.1.1.1")["corrected"] == ["programado_t2:corregido"]  # other rows as extracted
    record = json.loads(Path(stdout.split("Run record: ")[1].strip()).read_text("utf-8"))
    assert [(d["field"], d["value"], d["reviewer"]) for d in record["decisions_applied"]] == [
        ("alcanzado_t2", REVIEWED_T2, "ana")
    ]
    assert record["settings"]["decisions"] == [str(file)]

    # again, unchanged: skipped (no extraction), the value kept
    code, stdout, _ = _main(capsys, inbox, "--out", out, "--decisions", file)
    assert code == 0 and "1 document(s) unchanged" in stdout and "Decisions:" not in stdout
    assert _row(out)["alcanzado_t2"] == REVIEWED_T2
    # a nightly run without --decisions keeps it too: the file was kept in OUT/_decisions
    assert [p.name for p in (out / "_decisions").iterdir()] == ["revision.json"]
    code, stdout, _ = _main(capsys, inbox, "--out", out)
    assert code == 0 and "1 document(s) unchanged" in stdout
    assert _row(out)["alcanzado_t2"] == REVIEWED_T2
    reviewed = _row(out)

    # the same file placed in a fresh root's _decisions folder gives the same row
    out2 = tmp_path / "out2"
    shutil.copy(file, (out2 / "_decisions").mkdir(parents=True) or out2 / "_decisions" / "r.json")
    code, stdout, _ = _main(capsys, inbox, "--out", out2)
    assert code == 0 and "Decisions: 1 applied, 0 stale" in stdout
    assert {k: v for k, v in _row(out2).items()} == reviewed

    # the document changes (one number, 12,815 -> 12,816 where it is printed: the table row and
    # its comment, else the comment's figure wins): stale, and the value is the new reading
    text = mir.read_text("utf-8")
    text = text.replace("10,850 11,032 12,815", "10,850 11,032 12,816")
    mir.write_text(text.replace("atender 12,815 solicitudes", "atender 12,816 solicitudes"), "utf-8")
    code, stdout, _ = _main(capsys, inbox, "--out", out)
    assert code == 0 and "Decisions: 0 applied, 1 stale" in stdout
    assert (
        f"{mir}: indicators clave=2.3.1.1, siglas=PSSA alcanzado_t2: the document changed since the decision" in stdout
    )
    row = _row(out)
    assert row["alcanzado_t2"] == 12816.0 and "alcanzado_t2:revisado" not in (row["corrected"] or [])
    assert "revisado por" not in (row["comentario_extraccion"] or "")
    record = json.loads(Path(stdout.split("Run record: ")[1].strip()).read_text("utf-8"))
    assert record["decisions_applied"] == [] and len(record["decisions_stale"]) == 1
    stale = json.loads((out / "_decisions" / "_stale.json").read_text("utf-8"))
    assert [(s["source"], s["field"], s["doc_id"]) for s in stale["stale"]] == [
        (str(mir), "alcanzado_t2", _sha256(SAMPLES / MIR))
    ]
    assert stale["stale"][0]["why"].startswith("the document changed since the decision")

    # next night, nothing changed: still listed as stale (the document is not re-extracted)
    code, stdout, _ = _main(capsys, inbox, "--out", out)
    assert "1 document(s) unchanged" in stdout and "Decisions: 0 applied, 1 stale" in stdout
    assert "(document not ingested again this run)" in stdout
    again = json.loads((out / "_decisions" / "_stale.json").read_text("utf-8"))
    assert [s["why"] for s in again["stale"]] == [s["why"] for s in stale["stale"]]


def test_a_decision_added_after_a_run_applies_although_the_file_is_unchanged(inbox, tmp_path):
    mir, out = inbox / MIR, tmp_path / "out"
    first = run.run_ingest([str(inbox)], str(out), progress=False, jobs=1)
    assert first.documents == 1 and _row(out)["alcanzado_t2"] == PRINTED_T2
    assert run.run_ingest([str(inbox)], str(out), progress=False, jobs=1).unchanged == [str(mir)]

    _write(out / "_decisions" / "revision.json", _decision(mir, _sha256(mir), action="accept", value=None))
    second = run.run_ingest([str(inbox)], str(out), progress=False, jobs=1)
    assert second.documents == 1 and not second.unchanged  # re-extracted for the decision ...
    assert second.cached_reads == 1 and second.pages_ocr == 0  # ... from the read cache
    assert len(second.decisions_applied) == 1
    row = _row(out)
    assert row["alcanzado_t2"] == PRINTED_T2 and "alcanzado_t2:revisado" in row["corrected"]

    # a changed decision applies too; then it is unchanged again
    _write(out / "_decisions" / "revision.json", _decision(mir, _sha256(mir)))
    third = run.run_ingest([str(inbox)], str(out), progress=False, jobs=1)
    assert third.documents == 1 and _row(out)["alcanzado_t2"] == REVIEWED_T2
    assert run.run_ingest([str(inbox)], str(out), progress=False, jobs=1).unchanged == [str(mir)]

    # withdrawn (the file removed): the document goes back to its reading
    (out / "_decisions" / "revision.json").unlink()
    fourth = run.run_ingest([str(inbox)], str(out), progress=False, jobs=1)
    assert fourth.documents == 1 and _row(out)["alcanzado_t2"] == PRINTED_T2


def test_a_document_process_gets_the_decisions_through_the_settings_dict(inbox, tmp_path):
    """What a pooled or Prefect worker does: settings and job cross as plain values."""
    mir, out = inbox / MIR, tmp_path / "out"
    file = _write(tmp_path / "revision.json", _decision(mir, _sha256(mir)))
    summary = work.ingest_job_from_dicts(
        work.Job(str(mir)).to_dict(), str(out), Settings(decisions=(str(file),)).to_dict()
    )
    assert [d["field"] for d in summary["decisions"]["applied"]] == ["alcanzado_t2"]
    assert summary["decisions"]["digest"] == decisions.digest(decisions.load(None, [str(file)]).values())
    assert _row(out)["alcanzado_t2"] == REVIEWED_T2


def test_a_newer_export_of_the_same_name_is_kept_beside_the_older_and_wins(tmp_path):
    out, first, second = tmp_path / "out", tmp_path / "a" / "d.json", tmp_path / "b" / "d.json"
    _write(first, _decision("x.txt", DOC, value=1.0))
    _write(second, _decision("x.txt", DOC, value=2.0))
    assert [p.name for p in decisions.keep(out, [str(first)])] == ["d.json"]
    assert decisions.keep(out, [str(first)]) == []  # the same bytes: not copied twice
    (kept,) = decisions.keep(out, [str(second)])
    assert kept.name.startswith("d_") and decisions.keep(out, [str(second)]) == []
    assert [d.value for d in decisions.load(out).values()] == [2.0]


def test_the_decisions_error_is_a_value_error_with_one_line():
    assert issubclass(DecisionsError, ValueError)
    with pytest.raises(DecisionsError) as info:
        decisions.parse_file("/nonexistent/d.json")
    assert "\n" not in str(info.value)

"""Nightly runs (issue 13): a document unchanged since its last successful ingestion is
skipped; new bytes, a failed last attempt, a bumped extractor version or ``force`` ingest it
again (a bump from the read cache, no reading again); ``prune`` removes what is no longer in
the inputs and nothing else ever deletes; one run at a time per output root; every run
leaves a record; documents in several processes give the same rows as in one."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from papeleo import cli, manifest, run
from papeleo.store import ParquetStore

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
# two families and the plain-text form: fast, and a version bump of one family must leave the other alone
INPUTS = ("mir_avance_ocr.txt", "dictamen_puntajes_ocr.txt")


@pytest.fixture
def inbox(tmp_path):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in INPUTS:
        shutil.copy(SAMPLES / name, folder / name)
    return folder


def _rows(out, dataset):
    table = ParquetStore(out).read(dataset).to_pandas()
    drop = [c for c in ("extracted_at", "failed_at") if c in table]  # when, not what
    return table.drop(columns=drop).sort_values(list(table.columns.drop(drop))[:3]).reset_index(drop=True)


def _ingest(inbox, out, **kw):
    return run.run_ingest([str(inbox)], str(out), progress=False, jobs=1, **kw)


def test_an_unchanged_document_is_skipped_and_a_changed_one_is_ingested(inbox, tmp_path):
    out = tmp_path / "out"
    first = _ingest(inbox, out)
    assert first.documents == 2 and not first.unchanged
    indicators = _rows(out, "indicators")
    second = _ingest(inbox, out)
    assert second.documents == 0 and sorted(second.unchanged) == sorted(str(inbox / n) for n in INPUTS)
    pd.testing.assert_frame_equal(_rows(out, "indicators"), indicators)

    mir = inbox / INPUTS[0]
    mir.write_text(mir.read_text("utf-8") + "\nNota agregada.\n", "utf-8")
    third = _ingest(inbox, out)
    assert [s for s in third.unchanged] == [str(inbox / INPUTS[1])]
    assert third.documents == 1 and third.replaced[0]["source"] == str(mir)
    assert len(_rows(out, "documents")) == 2  # replaced, not doubled


def test_force_ingests_everything_again(inbox, tmp_path):
    out = tmp_path / "out"
    _ingest(inbox, out)
    again = _ingest(inbox, out, force=True)
    assert again.documents == 2 and not again.unchanged
    assert again.cached_reads == 2  # from the read cache: nothing read twice


def test_a_version_bump_re_extracts_that_family_only_from_the_read_cache(inbox, tmp_path, monkeypatch):
    out = tmp_path / "out"
    _ingest(inbox, out)
    real = manifest.extractor_versions

    def bumped(doc_type):
        names = real(doc_type)
        return [n + "-bumped" if n.startswith("dictamen_puntajes.") else n for n in names]

    monkeypatch.setattr(manifest, "extractor_versions", bumped)
    again = _ingest(inbox, out)
    assert again.unchanged == [str(inbox / "mir_avance_ocr.txt")]
    assert again.documents == 1 and again.cached_reads == 1 and again.pages_ocr == 0
    assert dict(again.by_type_status) == {("dictamen_puntajes", "ok"): 1}


def test_a_failed_document_is_tried_again(inbox, tmp_path):
    out = tmp_path / "out"
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    first = _ingest(inbox, out)
    assert first.failed_documents == 1
    second = _ingest(inbox, out)
    assert second.documents == 1 and second.failed_documents == 1 and len(second.unchanged) == 2
    assert second.outcome == "completed with failures" and second.exit_code == 1


def test_rows_of_a_removed_source_stay_unless_pruned(inbox, tmp_path):
    out = tmp_path / "out"
    _ingest(inbox, out)
    gone = inbox / INPUTS[1]
    gone.unlink()
    kept = _ingest(inbox, out)
    assert kept.pruned == [] and len(_rows(out, "scores")) > 0 and len(_rows(out, "documents")) == 2
    pruned = _ingest(inbox, out, prune=True)
    assert pruned.pruned == [str(gone)]
    assert len(_rows(out, "scores")) == 0 and _rows(out, "documents")["source"].tolist() == [str(inbox / INPUTS[0])]
    assert set(_rows(out, "mentions")["doc_id"]) == set(_rows(out, "documents")["doc_id"])  # no orphan rows
    # the pruned source is forgotten: ingested again if it comes back
    shutil.copy(SAMPLES / INPUTS[1], gone)
    back = _ingest(inbox, out)
    assert back.documents == 1 and len(_rows(out, "scores")) > 0


def test_prune_with_no_document_in_the_inputs_is_refused(tmp_path):
    empty, out = tmp_path / "empty", tmp_path / "out"
    empty.mkdir()
    with pytest.raises(run.UsageError, match="would remove every document"):
        run.run_ingest([str(empty)], str(out), progress=False, prune=True)


def test_a_second_run_on_the_same_output_root_is_refused(inbox, tmp_path, capsys):
    out = tmp_path / "out"
    with run.output_lock(str(out)):
        with pytest.raises(run.OutputLocked, match="another papeleo run .pid \\d+"):
            _ingest(inbox, out)
        assert cli.main(["ingest", str(inbox), "--out", str(out), "--no-progress"]) == 2
    assert "is writing" in capsys.readouterr().err
    assert _ingest(inbox, out).documents == 2  # free again once the holder is done


def test_each_run_leaves_a_record_and_runs_lists_them(inbox, tmp_path, capsys):
    out = tmp_path / "out"
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    first = _ingest(inbox, out)
    second = _ingest(inbox, out)
    records = sorted((out / "_runs").glob("*.json"))
    assert [p.stem for p in records] == [first.run_id, second.run_id]
    rec = json.loads(records[0].read_text("utf-8"))
    assert rec["documents_by_status"] == {"ok": 2, "failed": 1}
    assert rec["outcome"] == "completed with failures"
    assert rec["rows_written"]["scores"] == len(_rows(out, "scores"))
    assert rec["failures"][0]["source"].endswith("broken.pdf") and rec["duration_s"] > 0
    assert json.loads(records[1].read_text("utf-8"))["documents_by_status"] == {"failed": 1, "unchanged": 2}
    assert cli.main(["runs", str(out)]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert len(listing) == 3 and listing[1].startswith(first.run_id) and "completed with failures" in listing[1]


def test_documents_in_two_processes_give_the_rows_of_one(inbox, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    _ingest(inbox, one)
    run.run_ingest([str(inbox)], str(two), progress=False, jobs=2)
    for dataset in ("documents", "indicators", "scores", "mentions", "failures"):
        pd.testing.assert_frame_equal(_rows(one, dataset), _rows(two, dataset))

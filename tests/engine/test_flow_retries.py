"""Both run paths (in-process and the Prefect flow) retry a document whose rows could not be
written, and a document that keeps failing ends as a failures row while the others are ingested."""

import pandas as pd
import pytest

from papeleo import pipeline, run, work


def _flaky_inbox(tmp_path, monkeypatch):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for name in ("a_flaky.txt", "b_broken.txt", "c_fine.txt"):
        (inbox / name).write_text(f"{name}: ver www.ejemplo.org el 1 de enero de 2020\n", "utf-8")
    real = pipeline.process_document
    attempts: dict[str, int] = {}

    def flaky(source, out_root, settings=None, ctx=None, **where):
        name = str(source).rsplit("/", 1)[-1]
        attempts[name] = attempts.get(name, 0) + 1
        if name == "b_broken.txt" or (name == "a_flaky.txt" and attempts[name] == 1):
            raise pipeline.TransientWriteError(f"disk full while writing {name}")
        return real(source, out_root, settings, ctx, **where)

    monkeypatch.setattr(pipeline, "process_document", flaky)
    monkeypatch.setattr(work.pipeline, "process_document", flaky)
    return inbox, out, attempts


def _check(result, out, attempts):
    assert attempts == {"a_flaky.txt": 2, "b_broken.txt": 3, "c_fine.txt": 1}
    by_status = {(t, s): n for t, s, n in result["by_type_status"]}
    assert by_status[("unknown", "ok")] == 2 and by_status[("unknown", "failed")] == 1
    docs = pd.read_parquet(out / "documents")
    assert sorted(docs["file_name"]) == ["a_flaky.txt", "c_fine.txt"]
    failures = pd.read_parquet(out / "failures")
    assert failures["error_type"].tolist() == ["write_failed"]
    assert "b_broken.txt" in failures["source"].iloc[0] and "re-run" in failures["message"].iloc[0]


def test_in_process_run_retries_and_records_a_lost_cause(tmp_path, monkeypatch):
    inbox, out, attempts = _flaky_inbox(tmp_path, monkeypatch)
    monkeypatch.setattr(work, "WRITE_RETRY_DELAYS_S", (0.0, 0.0))
    # jobs=1: documents in this process, where the flaky writer is patched in
    result = run.run_ingest([str(inbox)], str(out), progress=False, jobs=1).to_dict()
    _check(result, out, attempts)


@pytest.mark.prefect
def test_prefect_flow_retries_and_records_a_lost_cause(tmp_path, monkeypatch):
    from flows.ingest import ingest

    inbox, out, attempts = _flaky_inbox(tmp_path, monkeypatch)
    # processes=False: documents in this process's threads, where the flaky writer is patched in
    state = ingest(paths=[str(inbox)], out=str(out), processes=False, return_state=True)
    # a document could not be ingested: the run ends Failed (monitoring sees it), its data kept
    assert state.is_failed() and state.message.startswith("1 of 3 document(s) failed")
    _check(state.result(raise_on_failure=False), out, attempts)
    from prefect.artifacts import Artifact

    artifact = Artifact.get("papeleo-run")  # the run's summary, for the UI
    assert "b_broken.txt [write/write_failed]" in artifact.data and "completed with failures" in artifact.data

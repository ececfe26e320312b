"""A run killed part-way (SIGKILL to its whole process group, as an out-of-memory killer or a
stopped container does) and run again gives exactly the rows of an uninterrupted run: no
duplicates, nothing missing, and the output root's lock does not outlive the killed run."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from papeleo.manifest import MANIFEST_FILE
from papeleo.store import ParquetStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
# text and text-layer forms, several of each family, so the kill lands between and inside documents
INPUTS = sorted(p.name for p in SAMPLES.iterdir() if p.name.endswith(("_ocr.txt", "_texto.pdf")))
# how long the killed run may take to write its first document (a loaded CI machine is slow)
FIRST_DOCUMENT_TIMEOUT_S = 240


def _ingest_cmd(inbox: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "papeleo.cli",
        "ingest",
        str(inbox),
        "--out",
        str(out),
        "--no-progress",
        "--jobs",
        "2",
    ]


def _rows(out: Path, dataset: str) -> pd.DataFrame:
    table = ParquetStore(out).read(dataset).to_pandas()
    drop = [c for c in ("extracted_at", "failed_at") if c in table]  # when, not what
    table = table.drop(columns=drop)
    key = "record_id" if "record_id" in table else "source"  # unique per row in every dataset
    return table.sort_values(key).reset_index(drop=True)


def test_a_killed_run_then_a_new_one_give_the_rows_of_an_uninterrupted_run(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in INPUTS:
        shutil.copy(SAMPLES / name, inbox / name)
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    subprocess.run(_ingest_cmd(inbox, whole), env=env, cwd=ROOT, check=True, capture_output=True)

    proc = subprocess.Popen(
        _ingest_cmd(inbox, killed),
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + FIRST_DOCUMENT_TIMEOUT_S
    manifest = killed / MANIFEST_FILE
    while not (manifest.exists() and manifest.read_text("utf-8").count("\n") >= 1):  # one document done
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "the run wrote no document in time"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = len(ParquetStore(killed).keys("documents"))
    assert 0 < written < len(INPUTS), f"killed after {written} of {len(INPUTS)} documents: not part-way"

    again = subprocess.run(_ingest_cmd(inbox, killed), env=env, cwd=ROOT, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr[-2000:]
    # what was done and recorded is not done again (a document written but not yet in the
    # manifest when the kill came is done again: a replacement, never a duplicate)
    skipped = re.search(r"(\d+) document\(s\) unchanged", again.stdout)
    assert skipped and 0 < int(skipped.group(1)) <= written, again.stdout
    for dataset in ("documents", "indicators", "commitments", "scores", "findings", "mentions", "failures"):
        pd.testing.assert_frame_equal(_rows(killed, dataset), _rows(whole, dataset), obj=dataset)
    assert not (killed / ".staging").exists() or not any((killed / ".staging").iterdir())


def _children(pid: int) -> list[int]:
    """Linux: the pids of ``pid``'s children (every thread's list)."""
    found: list[int] = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{tid}/children") as fh:
            found += [int(c) for c in fh.read().split()]
    return found


def test_a_document_process_killed_mid_run_loses_no_document(tmp_path):
    """One of the run's document processes is killed (as the out-of-memory killer would): its
    pool breaks, the documents in flight go to a new pool, and every document is ingested."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in INPUTS:
        shutil.copy(SAMPLES / name, inbox / name)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        _ingest_cmd(inbox, out), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    deadline = time.monotonic() + FIRST_DOCUMENT_TIMEOUT_S
    workers: list[int] = []
    while not workers:  # the forkserver's children are the document processes
        assert proc.poll() is None and time.monotonic() < deadline, "no document process appeared"
        workers = [w for fs in _children(proc.pid) for w in _children(fs)]
        time.sleep(0.05)
    os.kill(workers[0], signal.SIGKILL)
    stdout, _ = proc.communicate(timeout=FIRST_DOCUMENT_TIMEOUT_S * 2)
    assert proc.returncode == 0, stdout
    assert f"{len(INPUTS)} document(s) ingested" in stdout and "process_died" not in stdout
    assert len(ParquetStore(out).keys("documents")) == len(INPUTS)

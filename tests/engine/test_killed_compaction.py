"""A run killed (SIGKILL) while it compacts leaves every dataset readable, and the next run
finishes the job: the rows are those of an uninterrupted run (issue 15)."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd

import schemas
from papeleo.store import ParquetStore, layout
from papeleo.store import compact as compaction

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "mir_avance_ocr.txt"
# one partition with more small files than the compaction threshold
COPIES = compaction.SMALL_FILES_TO_COMPACT + 1

# The run, with one store function wrapped so the process kills itself (SIGKILL: no cleanup,
# no finally) right after it; sys.argv[1] names the function, the rest are ingest's arguments.
KILLER = """
import os, signal, sys
from papeleo.store import compact
name = sys.argv[1]
real = getattr(compact, name)
def then_die(*args, **kwargs):
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)
setattr(compact, name, then_die)
from papeleo.cli import main
sys.exit(main(["ingest", *sys.argv[2:]]))
"""


def _inbox(tmp_path: Path, edited: tuple[int, ...] = ()) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir(exist_ok=True)
    text = SAMPLE.read_text("utf-8")
    for i in range(COPIES):
        note = f"\nNota {i}{' revisada' if i in edited else ''}.\n"  # distinct bytes per copy
        (inbox / f"mir_{i:02d}.txt").write_text(text + note, "utf-8")
    return inbox


def _ingest(inbox: Path, out: Path, kill_after: str | None = None) -> subprocess.CompletedProcess:
    args = [str(inbox), "--out", str(out), "--no-progress", "--jobs", "1"]
    cmd = (
        [sys.executable, "-c", KILLER, kill_after, *args]
        if kill_after
        else [sys.executable, "-m", "papeleo.cli", "ingest", *args]
    )
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)


def _rows(out: Path) -> dict[str, list]:
    """Every dataset as DuckDB reads it through the folders (what an analyst sees), without
    the columns that say when."""
    got = {}
    for name in schemas.DATASETS:
        rel = duckdb.sql(f"select * from read_parquet('{out}/{name}/**/*.parquet', hive_partitioning=true)")
        rel = rel.select(*[c for c in rel.columns if c not in ("extracted_at", "failed_at")])
        got[name] = sorted(map(repr, rel.fetchall()))
    return got


def test_killed_while_writing_the_new_generation(tmp_path):
    inbox = _inbox(tmp_path)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    assert _ingest(inbox, whole).returncode == 0
    assert len(ParquetStore(whole).files("indicators")) == 1  # compacted: one part

    run = _ingest(inbox, killed, kill_after="_write_parts")
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    half = [p for p in (killed / layout.GEN_DIR).iterdir() if p.name.endswith(".tmp")]
    assert half, "the kill did not land inside compaction"
    # readable now, with every row: the documents were written; only their merge was cut
    assert _rows(killed) == _rows(whole)
    assert len(pd.read_parquet(killed / "indicators")) == len(pd.read_parquet(whole / "indicators"))

    again = _ingest(inbox, killed)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "finished the interrupted compaction" in again.stdout, again.stdout
    assert _rows(killed) == _rows(whole)
    assert len(ParquetStore(killed).files("indicators")) == 1
    assert not [p for p in (killed / layout.GEN_DIR).iterdir() if p.name.endswith(".tmp")]


def test_killed_while_applying_replacements_of_compacted_documents(tmp_path):
    """Second run: three compacted documents changed. Killed mid-compaction, readers still see
    the first run's rows (old versions whole); the next run makes them the new versions."""
    inbox = _inbox(tmp_path)
    first, killed, whole = tmp_path / "first", tmp_path / "killed", tmp_path / "whole"
    assert _ingest(inbox, first).returncode == 0
    shutil.copytree(first, killed, symlinks=True)
    before = _rows(killed)

    _inbox(tmp_path, edited=(1, 4, 7))
    assert _ingest(inbox, whole).returncode == 0  # the uninterrupted second run, from scratch
    run = _ingest(inbox, killed, kill_after="_write_parts")
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]
    assert any((killed / layout.PENDING).iterdir())  # the replacements wait, committed
    assert _rows(killed) == before

    again = _ingest(inbox, killed)
    assert again.returncode == 0, again.stderr[-2000:]
    assert _rows(killed) == _rows(whole)
    assert not any((killed / layout.PENDING).iterdir())


def test_killed_right_after_the_swap(tmp_path):
    inbox = _inbox(tmp_path)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    assert _ingest(inbox, whole).returncode == 0
    run = _ingest(inbox, killed, kill_after="write_schema_file")
    assert run.returncode == -signal.SIGKILL
    assert _ingest(inbox, killed).returncode == 0
    assert _rows(killed) == _rows(whole)

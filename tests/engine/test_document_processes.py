"""Scans through the run's document processes (issue 13): each document process OCRs its
pages in a pool of its own, and must still exit when its last document is done. It once did
not: the process joined its idle OCR workers before anything told them to stop, and the run
waited forever after its last document (fixed in readers.ocr, bcf5267)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from papeleo.store import ParquetStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SCANS = ("dictamen_puntajes_escaneado.pdf", "informe_supervision_escaneado.pdf")
# a guard against the hang, not a speed target: two one-page scans took 31 s on a busy machine
HANG_GUARD_S = 600


@pytest.mark.ocr
def test_a_run_over_scans_in_document_processes_ends_with_their_rows(tmp_path):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    for name in SCANS:
        shutil.copy(SAMPLES / name, inbox / name)
    cmd = [sys.executable, "-m", "papeleo.cli", "ingest", str(inbox), "--out", str(out), "--no-progress", "--jobs", "2"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD_S)
    assert done.returncode == 0, done.stderr[-2000:]
    docs = ParquetStore(out).read("documents").to_pandas()
    assert sorted(docs["file_name"]) == sorted(SCANS)
    assert (docs["text_source"] == "ocr").all() and (docs["pages_ocr"] > 0).all()

"""Constants shared by the nightly benchmarks: where things are, which seeds, the table rows."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
for _p in (ROOT, SAMPLES):
    if str(_p) not in sys.path:
        sys.path.insert(0, str(_p))

BENCHMARKS_MD = ROOT / "BENCHMARKS.md"
TABLE_START, TABLE_END = "<!-- nightly-table:start -->", "<!-- nightly-table:end -->"
PROFILE_START, PROFILE_END = "<!-- nightly-profile:start -->", "<!-- nightly-profile:end -->"

SCAN_SEEDS = range(9000, 9005)  # x 4 families: 20 scanned PDFs, 57 pages
TEXT_SEEDS = range(9000, 9005)  # x 4 families: 20 text-layer PDFs, 57 pages
MEMORY_SEEDS = range(9100, 9350)  # x 4 families: 1,000 OCR'd-text documents
MEMORY_SMALL_SEEDS = range(9100, 9125)  # x 4 families: the 100
SCAN_FORM, TEXT_FORM, OCR_FORM = "escaneado.pdf", "texto.pdf", "ocr.txt"
CORES = os.cpu_count() or 1
PAGE_READ_ARGS = ("--psm", "3", "-c", "thresholding_method=2")  # readers/tesseract_configs.PAGE_READ

# benchmark key -> (name in the table, target, command)
ROWS: dict[str, tuple[str, str, str]] = {
    "scans": ("scanned PDFs: papeleo / tesseract alone", "≤ 1.15", "bench_nightly.py scans"),
    "text": ("text-layer PDFs: papeleo / pdfplumber extract_words alone", "≤ 1.25", "bench_nightly.py text"),
    "fixed": ("fixed cost: `papeleo ingest` of a one-page file", "≤ 2 s", "bench_nightly.py fixed"),
    "speedup": ("scans: speed-up from 1 to 2 processes", "≥ 1.8", "bench_nightly.py speedup"),
    "rerun": ("re-run over unchanged inputs / first run", "≤ 5%", "bench_nightly.py rerun"),
    "bump": ("scans: re-extraction from the read cache (--force) / first run", "≤ 10%", "bench_nightly.py bump"),
    "memory": ("peak memory: 1,000 documents / 100", "≤ 1.10 (no growth beyond 10%)", "bench_nightly.py memory"),
}

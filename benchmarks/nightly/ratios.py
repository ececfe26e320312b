"""The ratio benchmarks of papeleo against its baselines: scans, text, fixed cost, speed-up."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

from .common import CORES, SAMPLES
from .inputs import Inputs, pdf_pages
from .procs import (
    INGEST_WITH_WORKERS,
    fresh_dir,
    ingest,
    pdfplumber_alone,
    run_tree,
    summary_counts,
    tesseract_alone,
    text_processes,
    tree_cpu,
)
from .table import _fmt, median_ratio, report

# --------------------------------------------------------------------------- the benchmarks


def bench_scans(args: argparse.Namespace, inputs: Inputs) -> float:
    scans = sorted(inputs.scans.glob("*.pdf"))
    pngs = inputs.pngs()
    pairs, cpu_pairs = [], []
    for _ in range(args.repeat):
        with fresh_dir(args.work, "scans-") as out:
            ran, watcher = ingest([inputs.scans], out)
            counts = summary_counts(ran.stdout)
            if counts["ocr"] != len(pngs):
                raise RuntimeError(f"papeleo OCR'd {counts['ocr']} pages, expected {len(pngs)}: {ran.stdout[-1500:]}")
        wall, cpu = tesseract_alone(pngs, CORES)
        pairs.append((ran.wall, wall))
        cpu_pairs.append((tree_cpu(watcher), cpu))
    ratio = median_ratio(pairs)
    cpu_ratio = median_ratio(cpu_pairs)
    line = (
        f"scans: papeleo/tesseract {ratio:.2f} wall, {cpu_ratio:.2f} CPU (median of {len(pairs)}; papeleo "
        f"{_fmt([a for a, _ in pairs])} s, tesseract alone {_fmt([b for _, b in pairs])} s; CPU "
        f"{_fmt([a for a, _ in cpu_pairs])} / {_fmt([b for _, b in cpu_pairs])} s; {len(scans)} PDFs, "
        f"{len(pngs)} pages, {CORES} processes)"
    )
    report(
        args,
        "scans",
        line,
        f"{ratio:.2f} ({cpu_ratio:.2f} in CPU seconds)",
        f"{len(pngs)} pages, {len(scans)} PDFs",
        "what an OCR worker does besides the page read: further tesseract passes (sparse, cell and block "
        "re-reads of crops, about 2 a page), rulings, rendering, skew; and the run's document processes and "
        "fixed cost; see the profile",
    )
    return ratio


# papeleo's text-layer reader against pdfplumber's extract_words in one process, document by
# document in turn (A B A B), parsing included on both sides: what reading costs beyond the words
READER_VS_PLUMBER = """
import json, statistics, sys, time
import pdfplumber
from papeleo.readers import read_document
def plumber(path):
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.close()
ours, theirs = [], []
for _ in range(int(sys.argv[1])):
    for path in sys.argv[2:]:
        t = time.perf_counter(); read_document(path); ours.append(time.perf_counter() - t)
        t = time.perf_counter(); plumber(path); theirs.append(time.perf_counter() - t)
print(json.dumps([sum(ours), sum(theirs)]))
"""


def reader_alone(pdfs: Sequence[Path], repeat: int) -> tuple[float, float]:
    """(seconds papeleo's reader took, seconds pdfplumber's extract_words took) over ``pdfs``,
    ``repeat`` times each, interleaved document by document in one process."""
    ran, _ = run_tree([sys.executable, "-c", READER_VS_PLUMBER, str(repeat), *map(str, pdfs)], watch=False)
    if ran.returncode:
        raise RuntimeError(ran.stderr[-2000:])
    ours, theirs = json.loads(ran.stdout.strip().splitlines()[-1])
    return ours, theirs


def bench_text(args: argparse.Namespace, inputs: Inputs) -> float:
    pdfs = sorted(inputs.text.glob("*.pdf"))
    pages = pdf_pages(pdfs)
    processes = text_processes()
    pairs = []
    for _ in range(args.repeat):
        with fresh_dir(args.work, "text-") as out:
            ran, _ = ingest([inputs.text], out, watch=False)
        pairs.append((ran.wall, pdfplumber_alone(pdfs, processes)))
    ratio = median_ratio(pairs)
    ours, theirs = reader_alone(pdfs, args.repeat)
    line = (
        f"text: papeleo/pdfplumber {ratio:.2f} (median of {len(pairs)}; papeleo {_fmt([a for a, _ in pairs])} s, "
        f"extract_words alone {_fmt([b for _, b in pairs])} s; {len(pdfs)} PDFs, {pages} pages, {processes} "
        f"process(es)); the reader alone {ours / theirs:.2f} ({ours:.1f} s / {theirs:.1f} s in one process)"
    )
    report(
        args,
        "text",
        line,
        f"{ratio:.2f} (the reader alone: {ours / theirs:.2f})",
        f"{pages} pages, {len(pdfs)} PDFs",
        "the whole run classifies, extracts and writes, which extract_words does not: per document about as "
        "much again as reading (cProfile, one process: reading 51%, extraction 31%, classification 15%, spaCy's "
        "fuzzy Matcher most of it); and a run's fixed cost (the `fixed` row, plus the document processes' own "
        "imports, about 2 s) over 57 pages. The reader itself, pdfplumber's parse included, is the second figure",
    )
    return ratio


def bench_fixed(args: argparse.Namespace, inputs: Inputs) -> float:
    one_page = SAMPLES / "informe_supervision_ocr.txt"
    walls, cpus, bare = [], [], []
    with fresh_dir(args.work, "fixed-") as tmp:
        single = tmp / "one.txt"
        single.write_text(one_page.read_text("utf-8").split("\f")[0], "utf-8")
        for i in range(max(args.repeat, 3)):
            ran, _ = ingest([single], tmp / f"out-{i}", watch=False)
            walls.append(ran.wall)
            cpus.append(ran.cpu)
            bare.append(run_tree([sys.executable, "-c", "pass"], watch=False)[0].wall)
    wall = statistics.median(walls)
    line = (
        f"fixed: `papeleo ingest` of a one-page file {wall:.2f} s wall, {statistics.median(cpus):.2f} s CPU "
        f"(median of {len(walls)}: {_fmt(walls)} s; a bare `python -c pass` {statistics.median(bare):.2f} s)"
    )
    report(
        args,
        "fixed",
        line,
        f"{wall:.2f} s ({statistics.median(cpus):.2f} s CPU)",
        "1 page, 1 text file",
        "imports: spaCy (1.1 s, half of it its own CLI module, which its package imports) and blank('es'), pandas (0.35 s, imported by pyarrow's "
        "write_table), the extractors; the run's own files are milliseconds. A new root also gets its DuckDB "
        "catalog (0.3 s): at the end of the run it made this 2.20 s; built in a thread while the documents "
        "are read (publish.start_catalog), it costs no wall time here",
    )
    return wall


def bench_speedup(args: argparse.Namespace, inputs: Inputs) -> float:
    scans = inputs.scans
    pages = pdf_pages(sorted(scans.glob("*.pdf")))
    pairs = []
    for _ in range(args.repeat):
        walls = []
        for n in (1, 2):
            with fresh_dir(args.work, f"speedup{n}-") as out:
                ran, _ = run_tree(
                    [sys.executable, "-c", INGEST_WITH_WORKERS, str(out), str(n), str(scans)], watch=False
                )
                if ran.returncode:
                    raise RuntimeError(ran.stderr[-3000:])
                walls.append(ran.wall)
        pairs.append((walls[0], walls[1]))
    speedup = median_ratio(pairs)
    line = (
        f"speedup: 1 -> 2 processes on scans {speedup:.2f}x (median of {len(pairs)}; 1: {_fmt([a for a, _ in pairs])} s, "
        f"2: {_fmt([b for _, b in pairs])} s; {pages} pages)"
    )
    report(
        args,
        "speedup",
        f"{line}",
        f"{speedup:.2f}",
        f"{pages} pages, 20 PDFs",
        "the machine's two cores shared with the main process (text layer, extraction, writes) and the "
        "last pages of a run, when one process waits for the other",
    )
    return speedup

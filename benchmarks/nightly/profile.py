"""Where a scanned page's time goes, and a check that reads are unchanged (sha1 of every read scan)."""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as dt
import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .common import CORES, PROFILE_END, PROFILE_START, ROOT, SAMPLES
from .inputs import Inputs
from .procs import fresh_dir, ingest, run_tree, summary_counts
from .table import write_section

# --------------------------------------------------------------------------- profile


class Timers:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = collections.defaultdict(float)
        self.calls: collections.Counter[str] = collections.Counter()

    def wrap(self, owner: Any, name: str, key: str | Callable[..., str]) -> None:
        original = getattr(owner, name)

        def timed(*a: Any, **k: Any) -> Any:
            label = key(*a, **k) if callable(key) else key
            start = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                self.seconds[label] += time.perf_counter() - start
                self.calls[label] += 1

        setattr(owner, name, timed)


def _tesseract_label(*a: Any, **k: Any) -> str:
    config = str(k.get("config", ""))
    if k.get("extension") == "osd" or "--psm 0" in config:
        return "tesseract: OSD (orientation)"
    for psm, what in (
        ("--psm 3", "page read (the floor)"),
        ("--psm 11", "sparse re-reads"),
        ("--psm 6", "cell/block re-reads"),
    ):
        if psm in config:
            return f"tesseract: {what}"
    return "tesseract: other"


def profile_worker(pdfs: Sequence[Path]) -> tuple[int, float, Timers]:
    """Every page of ``pdfs`` through the OCR worker's own function, in this process, one at a
    time, with the steps timed (wall)."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    import pypdfium2 as pdfium
    import pytesseract.pytesseract as pt
    from PIL import Image

    from papeleo.readers import ocr, ocr_page, tesseract_run

    timers = Timers()
    timers.wrap(pt, "run_tesseract", _tesseract_label)
    # tesseract in-process (the [ocr-api] extra): the same passes, no process of their own
    timers.wrap(tesseract_run, "_api_image_to_data", lambda *a, **k: _tesseract_label(config=a[2]))
    timers.wrap(pt, "file_to_dict", "reading tesseract's TSV")
    timers.wrap(Image.Image, "save", "encoding images for tesseract")  # nothing else saves in a worker
    timers.wrap(pdfium.PdfPage, "render", "rendering (pypdfium2, 300 dpi)")
    timers.wrap(ocr_page, "image_to_unruled_and_rules", "rulings found and erased (readers/rules.py)")
    timers.wrap(ocr_page, "image_to_skew_degrees", "skew measured (readers/skew.py)")
    timers.wrap(ocr_page, "image_to_deskewed", "deskewing")
    timers.wrap(ocr_page, "image_to_ink", "ink mask (fill.py)")
    timers.wrap(ocr_page, "ink_to_unexplained_share", "ink unexplained by words (fill.py)")
    for name in (
        "lines_to_turned_read_lines",
        "lines_to_reread_lines",
        "lines_to_cell_read_lines",
        "lines_to_lone_read_lines",
    ):
        timers.wrap(ocr_page, name, f"[{name}: its own work plus its tesseract passes]")
    pages, total = 0, 0.0
    for pdf_path in pdfs:
        pdf = pdfium.PdfDocument(str(pdf_path))
        n = len(pdf)
        pdf.close()
        for i in range(n):
            start = time.perf_counter()
            outcome = ocr.pdf_page_to_ocr_page(str(pdf_path), i, 300, "spa")
            total += time.perf_counter() - start
            pages += 1
            if outcome.page is None:
                raise RuntimeError(f"{pdf_path.name} page {i + 1}: {outcome.error_type}: {outcome.message}")
    return pages, total, timers


PROFILE_CHILD = """
import json, sys
sys.path.insert(0, sys.argv[1])
from nightly.profile import profile_worker
from pathlib import Path
pages, total, t = profile_worker([Path(p) for p in sys.argv[2:]])
print(json.dumps({"pages": pages, "total": total, "seconds": t.seconds, "calls": t.calls}))
"""


def bench_profile(args: argparse.Namespace, inputs: Inputs) -> None:
    """Two views of a scan run: the OCR worker's wall time per step (every page of a subset in
    one process, so shares are of a worker's time), and the whole `papeleo ingest` run's CPU by
    kind of process, against its wall time on the machine's cores."""
    scans = sorted(inputs.scans.glob("*.pdf"))
    subset = scans[:: max(1, len(scans) // args.profile_docs)][: args.profile_docs]
    ran, _ = run_tree([sys.executable, "-c", PROFILE_CHILD, str(ROOT / "benchmarks"), *map(str, subset)], watch=False)
    if ran.returncode:
        raise RuntimeError(ran.stderr[-3000:])
    data = json.loads(ran.stdout.strip().splitlines()[-1])
    pages, total = data["pages"], data["total"]
    seconds, calls = data["seconds"], data["calls"]
    nested = {k for k in seconds if k.startswith("[")}
    lines = [
        f"OCR worker, {pages} pages of {len(subset)} scanned PDFs read one at a time in one process "
        f"({total / pages:.2f} s a page; shares of that wall time; bracketed rows contain tesseract passes already counted above):",
        "",
        "| step | calls | share of a page's time |",
        "|---|---|---|",
    ]
    counted = 0.0
    for key, value in sorted(seconds.items(), key=lambda kv: (kv[0] in nested, -kv[1])):
        lines.append(f"| {key} | {calls[key]} | {100 * value / total:.1f}% |")
        if key not in nested:
            counted += value
    lines.append(
        f"| everything else (Python between the steps: re-read choices, grouping, process start) | | {100 * (total - counted) / total:.1f}% |"
    )

    # the whole run, as a user runs it
    with fresh_dir(args.work, "profile-") as out:
        run, watcher = ingest([inputs.scans], out)
    run_pages = summary_counts(run.stdout)["pages"] or 1
    kinds: dict[str, float] = collections.defaultdict(float)
    from papeleo.readers import tesseract_run

    # every process's own CPU as psutil last saw it (sampled every 0.1 s: a process's last tenth
    # of a second, or a tesseract pass shorter than that, may be missed); wait4 is no use here, the
    # forkserver's children are reaped by it, not by the command
    tesseract = sum(own for kind, own, _ in watcher.cpu.values() if kind == "tesseract")
    python = sum(own for kind, own, _ in watcher.cpu.values() if kind != "tesseract")
    where = "with tesseract in-process" if tesseract_run.api_usable() else "tesseract passes excluded"
    kinds[f"papeleo's processes: main, document processes, OCR workers ({where})"] = python
    if tesseract:
        kinds["tesseract command-line processes (orientation; every pass without the [ocr-api] extra)"] = tesseract
    used = sum(kinds.values())
    capacity = CORES * run.wall
    lines += [
        "",
        f"Whole run, `papeleo ingest` over the {len(scans)} scanned PDFs ({run_pages} pages): {run.wall:.1f} s wall "
        f"on {CORES} cores ({capacity:.0f} core-seconds); CPU by kind of process (each process's own CPU, psutil, sampled every 0.1 s):",
        "",
        "| process | CPU seconds | per page | share of the core-seconds |",
        "|---|---|---|---|",
    ]
    for kind, value in sorted(kinds.items(), key=lambda kv: -kv[1]):
        lines.append(f"| {kind} | {value:.0f} | {value / run_pages:.2f} | {100 * value / capacity:.1f}% |")
    idle = max(0.0, capacity - used)
    lines.append(
        f"| no process of the run on a core (waiting for one another, or the machine busy with other work) "
        f"| {idle:.0f} | | {100 * idle / capacity:.1f}% |"
    )
    body = "\n".join(lines)
    print(body)
    if not args.no_table:
        stamp = (
            f"Measured {dt.date.today().isoformat()} with `.venv/bin/python benchmarks/bench_nightly.py profile`.\n\n"
        )
        write_section(PROFILE_START, PROFILE_END, stamp + body)


# --------------------------------------------------------------------------- reads (identity check)


def document_sha1(path: Path) -> str:
    from papeleo.readers import read_document

    result = read_document(path)  # no cache_root: read now
    body = {
        "document": dataclasses.asdict(result.document) if result.document is not None else None,
        "failures": [dataclasses.asdict(f) for f in result.failures],
    }
    return hashlib.sha1(json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def bench_reads(args: argparse.Namespace, inputs: Inputs) -> None:
    """sha1 of what the readers make of every sample scan and every generated scan (words,
    boxes, confidences, rulings, reading notes, failures), to show a change left it identical."""
    from papeleo.readers import shutdown_ocr_pools

    files = [*sorted(SAMPLES.glob("*_escaneado.pdf")), *sorted(inputs.scans.glob("*.pdf"))]
    got = {}
    for f in files:
        got[f.name] = document_sha1(f)
        print(f"{got[f.name]}  {f.name}", flush=True)
    shutdown_ocr_pools()
    overall = hashlib.sha1("".join(f"{k}:{v}\n" for k, v in sorted(got.items())).encode()).hexdigest()
    print(f"{overall}  all {len(got)} documents")
    if args.save:
        Path(args.save).write_text(json.dumps({"all": overall, "files": got}, indent=1) + "\n", "utf-8")
    if args.against:
        before = json.loads(Path(args.against).read_text("utf-8"))
        differ = [k for k in got if before["files"].get(k) != got[k]]
        print("identical" if not differ else f"DIFFERENT: {', '.join(differ)}")
        if differ:
            raise SystemExit(1)

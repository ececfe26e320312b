"""Throughput, fixed cost, cache and memory of ingestion, measured (never asserted in tests).

    .venv/bin/python benchmarks/bench_ingest.py throughput        # pages/s, samples/ by form
    .venv/bin/python benchmarks/bench_ingest.py cli               # `papeleo ingest`: in-process vs a Prefect flow run
    .venv/bin/python benchmarks/bench_ingest.py cache             # scanned samples: read+OCR vs from the read cache
    .venv/bin/python benchmarks/bench_ingest.py memory --docs 1000  # peak RSS through the Prefect flow

``cli`` times the whole command as a user runs it (a new process each time), once with no
server (the default) and once with ``--prefect`` (a temporary Prefect server, which is what
every ``papeleo ingest`` did before the run loop moved into the library), on a one-page file
and on ``samples/``; each ingestion goes to a fresh output root so the read cache is cold.
``cache`` ingests the scanned samples into one output root twice: the second run re-extracts
from the read cache, as a new extractor version or ``--force`` would.

``memory`` runs the real flow over N generated small documents (text and text-layer PDF)
in a child process per N and prints the peak resident memory, so 100 and 1000 documents
can be compared: flat means streamed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
log = logging.getLogger("bench")


def throughput() -> None:

    from papeleo import pipeline

    groups = {
        "text_layer": sorted(ROOT.glob("samples/*_texto.pdf")),
        "ocr": sorted(ROOT.glob("samples/*_escaneado.pdf")),
        "plain_text": sorted(ROOT.glob("samples/*_ocr.txt")),
    }
    with tempfile.TemporaryDirectory() as out:
        pipeline.process_document(groups["plain_text"][0], out)  # warm spaCy and the classifier
        for form, files in groups.items():
            pages, start = 0, time.perf_counter()
            for f in files:
                summary = pipeline.process_document(f, out)
                # the pages the pipeline itself counted (its summary of the document)
                pages += summary.pages
            elapsed = time.perf_counter() - start
            log.info(
                "%-10s %2d files %3d pages %6.1f s  %.2f pages/s (read+classify+extract+write)",
                form,
                len(files),
                pages,
                elapsed,
                pages / elapsed,
            )


def _timed_cli(args: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "papeleo.cli", "ingest", *args, "--no-progress"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(done.stderr[-2000:])
    return elapsed


def cli(repeat: int) -> None:
    one_page = ROOT / "samples" / "informe_supervision_ocr.txt"
    with tempfile.TemporaryDirectory() as tmp:
        single = Path(tmp) / "one.txt"
        single.write_text(one_page.read_text("utf-8").split("\f")[0], "utf-8")
        for label, target in (
            ("one-page file", [str(single)]),
            ("samples/ (12 files, 24 pages)", [str(ROOT / "samples")]),
        ):
            times: dict[str, list[float]] = {"in-process": [], "--prefect": []}
            for i in range(repeat):
                for mode, extra in (("in-process", []), ("--prefect", ["--prefect"])):
                    times[mode].append(
                        _timed_cli([*target, "--out", str(Path(tmp) / f"out-{mode}-{label[:3]}-{i}"), *extra])
                    )
            best = {m: min(v) for m, v in times.items()}
            log.info(
                "%-30s in-process %6.2f s   --prefect %6.2f s   ratio %.2f  (best of %d, cold read cache)",
                label,
                best["in-process"],
                best["--prefect"],
                best["--prefect"] / best["in-process"],
                repeat,
            )


def cache() -> None:
    from papeleo import pipeline
    from papeleo.readers import shutdown_ocr_pools

    scans = sorted(ROOT.glob("samples/*_escaneado.pdf"))
    with tempfile.TemporaryDirectory() as out:
        pipeline.process_document(sorted(ROOT.glob("samples/*_ocr.txt"))[0], out)  # warm spaCy and the classifier
        timings = []
        for attempt in ("read + OCR", "from the read cache"):
            start, pages = time.perf_counter(), 0
            for f in scans:
                summary = pipeline.process_document(f, out)
                pages += summary.pages
                assert summary.cached_read == (attempt != "read + OCR")
            timings.append(time.perf_counter() - start)
            log.info("%-20s %d scanned files, %d pages: %6.2f s", attempt, len(scans), pages, timings[-1])
        log.info(
            "re-extraction from the cache takes %.1f%% of the first run (%.0fx faster)",
            100 * timings[1] / timings[0],
            timings[0] / timings[1],
        )
    shutdown_ocr_pools()


def _make_docs(folder: Path, n: int) -> None:
    from reportlab.pdfgen import canvas

    for i in range(n):
        if i % 2:
            (folder / f"doc_{i:05d}.txt").write_text(
                f"Oficio {i}. Visita del {1 + i % 28} de marzo de 2023. Ver https://ejemplo.gob.mx/d/{i}\n" * 20,
                "utf-8",
            )
        else:
            c = canvas.Canvas(str(folder / f"doc_{i:05d}.pdf"), invariant=1)
            for k in range(30):
                c.drawString(72, 760 - 20 * k, f"Documento {i}, renglon {k}: informe del 3 de mayo de 2024")
            c.save()


def memory_child(n: int) -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    from flows.ingest import ingest

    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        _make_docs(inbox, n)
        start = time.perf_counter()
        result = ingest(paths=[str(inbox)], out=str(Path(tmp) / "out"))
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"docs": n, "ingested": result["documents"], "seconds": round(elapsed, 1), "peak_rss_mb": round(peak_mb, 1)}
        )
    )


def memory(sizes: list[int]) -> None:
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "memory-child", "--docs", str(n)], capture_output=True, text=True, cwd=ROOT
        )
        line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-2000:]
        log.info("%s", line)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for noisy in ("prefect", "httpx", "papeleo", "flows"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["throughput", "cli", "cache", "memory", "memory-child"])
    parser.add_argument("--docs", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3, help="cli: runs of each command; the best is reported")
    args = parser.parse_args()
    if args.mode == "throughput":
        throughput()
    elif args.mode == "cli":
        cli(args.repeat)
    elif args.mode == "cache":
        cache()
    elif args.mode == "memory":
        memory(args.docs)
    else:
        memory_child(args.docs[0])

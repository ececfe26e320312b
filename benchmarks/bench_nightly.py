"""The nightly benchmarks of issue 13: each a ratio measured in one run, so a busy machine does
not mislead, on documents the seeded generators write (never the committed samples).

    .venv/bin/python benchmarks/bench_nightly.py scans     # papeleo on scans / tesseract alone on the same pages
    .venv/bin/python benchmarks/bench_nightly.py text      # papeleo on text-layer PDFs / pdfplumber extract_words alone
    .venv/bin/python benchmarks/bench_nightly.py fixed     # wall time of `papeleo ingest` of a one-page file
    .venv/bin/python benchmarks/bench_nightly.py speedup   # scans: 1 process / 2 processes
    .venv/bin/python benchmarks/bench_nightly.py rerun     # a re-run over unchanged inputs / the first run
    .venv/bin/python benchmarks/bench_nightly.py bump      # scans: a --force re-extraction from the read cache / the first run
    .venv/bin/python benchmarks/bench_nightly.py memory    # peak RSS ingesting 1,000 documents / 100
    .venv/bin/python benchmarks/bench_nightly.py all       # every one of the above, in that order
    .venv/bin/python benchmarks/bench_nightly.py profile   # where a scanned page's time goes (not a ratio)
    .venv/bin/python benchmarks/bench_nightly.py reads --save before.json   # sha1 of every read scan
    .venv/bin/python benchmarks/bench_nightly.py reads --against before.json  # ... the same after a change?

Each ratio subcommand prints one line of figures and refreshes its row of the table in
``BENCHMARKS.md`` (``--no-table``: print only). The two sides of a ratio are run in turn, A B A B
... (``--repeat`` pairs), each pair's ratio taken and the median reported, so that load from
other work on the machine falls on both sides alike. ``papeleo ingest`` is always timed as a
user runs it: the installed command in a new process, ``--no-progress``, a fresh ``--out``.

Inputs (written once into ``--inputs``, default ``$TMPDIR/papeleo-nightly``, then reused; the
generators are seeded, so the same seeds give the same documents): every family's generator,
seeds 9000-9004, as scanned PDFs (20 documents, 57 pages) and as text-layer PDFs (20, 57);
seeds 9100-9349 as OCR'd text for memory (1,000 documents; the 100 are seeds 9100-9124). Seeds
from 9000 on are none of the test, development or validation seeds.

The baselines, each on the same pages with the same number of processes:
- scans: every page rendered beforehand (not timed) at papeleo's dpi by pypdfium2, as papeleo
  renders it, to PNG; then ``tesseract PNG - -l spa --psm 3 -c thresholding_method=2 tsv``
  (papeleo's page read, ``readers/tesseract_configs.PAGE_READ``, with TSV output as
  ``image_to_data`` asks), ``OMP_THREAD_LIMIT=1``, in a pool of as many processes as papeleo
  runs tesseract in (one per core);
- text: a new Python process opening each PDF with pdfplumber and calling ``extract_words()``
  on every page, in as many processes as papeleo reads documents in (one per core with
  ``--jobs``, else one).
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures as cf
import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import os
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
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


# --------------------------------------------------------------------------- inputs


def _generate_one(job: tuple[str, int, str, str]) -> str:
    from gen import FAMILIES
    from gen._generated import doc_name

    family, seed, form, folder = job
    target = Path(folder) / doc_name(family, seed, form)
    if not target.exists():
        module = next(f for f in FAMILIES if f.FAMILY == family)
        with tempfile.TemporaryDirectory(dir=folder) as tmp:  # a half-written file is never taken for a document
            written = module.generate(seed, Path(tmp), [form]).files[form]
            os.replace(written, target)
    return target.name


def ensure_generated(folder: Path, seeds: Sequence[int], form: str) -> list[Path]:
    """Every family's document for each seed in ``form``, written into ``folder`` unless it is
    there already; two processes, as the machine has cores."""
    from gen import FAMILIES

    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(f.FAMILY, s, form, str(folder)) for f in FAMILIES for s in seeds]
    missing = [j for j in jobs if not (folder / f"{j[0]}_s{j[1]:05d}_{form}").exists()]
    if missing:
        print(f"generating {len(missing)} document(s) into {folder} ...", file=sys.stderr, flush=True)
        with cf.ProcessPoolExecutor(max_workers=min(CORES, len(missing))) as pool:
            list(pool.map(_generate_one, missing))
    return sorted(folder / f"{j[0]}_s{j[1]:05d}_{form}" for j in jobs)


def pdf_pages(paths: Sequence[Path]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for p in paths:
        pdf = pdfium.PdfDocument(str(p))
        total += len(pdf)
        pdf.close()
    return total


def rendered_pages(scans: Sequence[Path], folder: Path) -> list[Path]:
    """Every page of ``scans`` as papeleo renders it for OCR (pypdfium2, greyscale, at the dpi
    ``readers.pdf.page_size_to_ocr_dpi`` gives), saved as PNG: the baseline's input."""
    import pypdfium2 as pdfium

    from papeleo.readers import ReadSettings
    from papeleo.readers.pdf import page_size_to_ocr_dpi

    settings = ReadSettings()
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for scan in scans:
        pdf = pdfium.PdfDocument(str(scan))
        for i in range(len(pdf)):
            target = folder / f"{scan.stem}_p{i + 1:03d}.png"
            out.append(target)
            if target.exists():
                continue
            page = pdf[i]
            width, height = page.get_size()
            dpi = page_size_to_ocr_dpi(width, height, settings.dpi, settings.max_image_pixels)
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            bitmap.to_pil().save(target.with_suffix(".tmp.png"))
            bitmap.close()
            page.close()
            os.replace(target.with_suffix(".tmp.png"), target)
        pdf.close()
    return out


class Inputs:
    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def scans(self) -> Path:
        ensure_generated(self.root / "scans", SCAN_SEEDS, SCAN_FORM)
        return self.root / "scans"

    @property
    def text(self) -> Path:
        ensure_generated(self.root / "text", TEXT_SEEDS, TEXT_FORM)
        return self.root / "text"

    def pngs(self) -> list[Path]:
        return rendered_pages(sorted(self.scans.glob("*.pdf")), self.root / "scans_png")

    def memory_sets(self) -> tuple[Path, Path]:
        """Folders of 100 and 1,000 OCR'd-text documents (hard links into one pool)."""
        pool = self.root / "ocr_txt"
        files = ensure_generated(pool, MEMORY_SEEDS, OCR_FORM)
        small = {f"_s{s:05d}_" for s in MEMORY_SMALL_SEEDS}
        sets = []
        for name, chosen in (
            ("mem100", [f for f in files if any(k in f.name for k in small)]),
            ("mem1000", files),
        ):
            folder = self.root / name
            if not folder.is_dir() or len(list(folder.iterdir())) != len(chosen):
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                for f in chosen:
                    try:
                        os.link(f, folder / f.name)
                    except OSError:
                        shutil.copy2(f, folder / f.name)
            sets.append(folder)
        return sets[0], sets[1]


# --------------------------------------------------------------------------- running things


@dataclasses.dataclass
class Ran:
    wall: float
    # user + system of the process and the descendants it waited for itself (wait4): all of a
    # one-document run; not the processes a forkserver started (document processes, OCR workers)
    cpu: float
    max_rss_mb: float  # the largest single process of the tree seen (psutil, every 0.1 s)
    tree_peak_mb: float  # the largest sum of the tree's resident memory seen (psutil, every 0.1 s)
    returncode: int
    stdout: str
    stderr: str


class TreeWatch:
    """Polls a process tree with psutil: the peak of its summed RSS, and for every process the
    last CPU times seen (own and of its waited-for children) with its kind."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_rss = 0
        self.peak_single_rss = 0
        self.cpu: dict[int, tuple[str, float, float]] = {}  # pid -> (kind, own cpu, children cpu)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                break
            rss = 0
            for p in procs:
                try:
                    with p.oneshot():
                        one = p.memory_info().rss
                        rss += one
                        self.peak_single_rss = max(self.peak_single_rss, one)
                        t = p.cpu_times()
                        kind = "tesseract" if p.name().startswith("tesseract") else "python"
                        self.cpu[p.pid] = (
                            "main" if p.pid == self.pid else kind,
                            t.user + t.system,
                            t.children_user + t.children_system,
                        )
                except psutil.Error:
                    continue
            self.peak_rss = max(self.peak_rss, rss)
            self._stop.wait(self.interval)


# A run that takes longer than this is stuck (the longest, 1,000 documents, takes minutes):
# its process group is killed and the benchmark fails instead of hanging the night.
RUN_TIMEOUT_S = 3600.0


def run_tree(cmd: Sequence[str], env: dict[str, str] | None = None, watch: bool = True) -> tuple[Ran, TreeWatch | None]:
    """Run ``cmd`` to the end: wall time, and from ``wait4`` the CPU and peak RSS of it and its
    waited-for descendants (every OCR worker and tesseract process of a papeleo run)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(list(cmd), stdout=out, stderr=err, env=env, cwd=ROOT, start_new_session=True)
        watcher = TreeWatch(proc.pid) if watch else None
        timer = threading.Timer(RUN_TIMEOUT_S, _kill_group, [proc.pid])
        timer.start()
        try:
            with watcher or contextlib.nullcontext():
                _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        if wall >= RUN_TIMEOUT_S:
            _kill_group(proc.pid)  # what is left of it
            raise RuntimeError(f"{' '.join(cmd)[:200]} was still running after {RUN_TIMEOUT_S:.0f} s: killed")
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        ran = Ran(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            max_rss_mb=max(usage.ru_maxrss * 1024, watcher.peak_single_rss if watcher else 0) / 2**20,
            tree_peak_mb=(watcher.peak_rss if watcher else 0) / 2**20,
            returncode=proc.returncode,
            stdout=out.read(),
            stderr=err.read(),
        )
    return ran, watcher


def _kill_group(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def papeleo_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("papeleo")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "papeleo.cli"]


def cli_env() -> dict[str, str]:
    """The environment a user's shell gives: no Prefect server named (the in-process run)."""
    return {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}


def ingest(paths: Sequence[Path | str], out: Path, *extra: str, watch: bool = True) -> tuple[Ran, TreeWatch | None]:
    ran, watcher = run_tree(
        [*papeleo_cmd(), "ingest", *map(str, paths), "--out", str(out), "--no-progress", *extra],
        env=cli_env(),
        watch=watch,
    )
    if ran.returncode not in (0, 1):
        raise RuntimeError(f"papeleo ingest exited {ran.returncode}:\n{ran.stderr[-3000:]}")
    return ran, watcher


_SUMMARY = re.compile(
    r"(?P<docs>\d+) document\(s\) ingested .*? \((?P<pages>\d+) page\(s\), (?P<ocr>\d+) OCR'd"
    r"(?:, (?P<cached>\d+) read from the cache)?\)"
)


def summary_counts(stdout: str) -> dict[str, int]:
    """Documents, pages, pages OCR'd and reads taken from the cache, from the run's summary
    (zeros when nothing was ingested: every document unchanged)."""
    m = _SUMMARY.search(stdout)
    if not m:
        return {"docs": 0, "pages": 0, "ocr": 0, "cached": 0}
    return {k: int(v or 0) for k, v in m.groupdict().items()}


def ingest_help() -> str:
    return subprocess.run(
        [*papeleo_cmd(), "ingest", "--help"], capture_output=True, text=True, env=cli_env(), cwd=ROOT
    ).stdout


def text_processes() -> int:
    """How many processes papeleo reads text-layer documents in: one per core with document
    processes (``--jobs``), else its threads share one."""
    return CORES if "--jobs" in ingest_help() else 1


@contextlib.contextmanager
def fresh_dir(parent: Path, prefix: str) -> Iterator[Path]:
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def tesseract_alone(pngs: Sequence[Path], processes: int) -> tuple[float, float]:
    """(wall, CPU seconds) of tesseract's page read over ``pngs``, TSV output, ``processes`` at a time."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)

    def one(png: Path) -> None:
        done = subprocess.run(
            ["tesseract", str(png), "-", "-l", "spa", *PAGE_READ_ARGS, "tsv"], capture_output=True, env=env
        )
        if done.returncode:
            raise RuntimeError(done.stderr.decode(errors="replace")[-2000:])

    start = time.perf_counter()
    with cf.ThreadPoolExecutor(max_workers=processes) as pool:
        list(pool.map(one, pngs))
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def tree_cpu(watcher: TreeWatch | None) -> float:
    """CPU seconds of a watched run's whole tree: every Python process's own, plus the
    tesseract processes through their parents' children times (a short one may never be sampled)."""
    if watcher is None:
        return 0.0
    return sum(
        own + (children if kind == "python" else 0.0)
        for kind, own, children in watcher.cpu.values()
        if kind != "tesseract"
    )


PDFPLUMBER_ALONE = """
import concurrent.futures as cf, sys, pdfplumber
def words(path):
    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words())
            page.close()
    return n
if __name__ == "__main__":
    paths, processes = sys.argv[2:], int(sys.argv[1])
    if processes == 1:
        total = sum(map(words, paths))
    else:
        with cf.ProcessPoolExecutor(processes) as pool:
            total = sum(pool.map(words, paths))
    print(total)
"""


def pdfplumber_alone(pdfs: Sequence[Path], processes: int) -> float:
    ran, _ = run_tree([sys.executable, "-c", PDFPLUMBER_ALONE, str(processes), *map(str, pdfs)], watch=False)
    if ran.returncode:
        raise RuntimeError(ran.stderr[-2000:])
    return ran.wall


INGEST_WITH_WORKERS = """
import inspect, sys
from papeleo.context import Settings
from papeleo.run import run_ingest
out, n, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
kwargs = {"jobs": n} if "jobs" in inspect.signature(run_ingest).parameters else {}
run = run_ingest(paths, out, Settings(ocr_workers=n), progress=False, **kwargs)
print(run.documents, run.pages, run.pages_ocr)
"""


# --------------------------------------------------------------------------- the table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_row(key: str, measured: str, amount: str, command: str, limits: str) -> None:
    """Refresh the row of ``key`` in BENCHMARKS.md's table (created when missing), keeping
    every other row and everything outside the table."""
    name, target, _ = ROWS[key]
    header = [
        "| benchmark | target | measured | pages / docs | command | date | what limits it |",
        "|---|---|---|---|---|---|---|",
    ]
    row = (
        "| "
        + " | ".join(
            _cell(c) for c in (name, target, measured, amount, f"`{command}`", dt.date.today().isoformat(), limits)
        )
        + " |"
    )
    text = BENCHMARKS_MD.read_text("utf-8") if BENCHMARKS_MD.exists() else "# Benchmarks\n\n"
    if TABLE_START not in text:
        text = text.rstrip("\n") + f"\n\n{TABLE_START}\n" + "\n".join(header) + f"\n{TABLE_END}\n"
    before, rest = text.split(TABLE_START, 1)
    table, after = rest.split(TABLE_END, 1)
    rows = {}
    for line in table.strip().splitlines()[2:]:
        first = line.split("|")[1].strip() if line.count("|") > 2 else ""
        found = next((k for k, v in ROWS.items() if _cell(v[0]) == first), None)
        if found:
            rows[found] = line
    rows[key] = row
    ordered = [rows[k] for k in ROWS if k in rows]
    BENCHMARKS_MD.write_text(
        before + TABLE_START + "\n" + "\n".join(header + ordered) + "\n" + TABLE_END + after, "utf-8"
    )


def write_section(start: str, end: str, body: str) -> None:
    text = BENCHMARKS_MD.read_text("utf-8") if BENCHMARKS_MD.exists() else "# Benchmarks\n\n"
    if start not in text:
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    BENCHMARKS_MD.write_text(before + start + "\n" + body.rstrip("\n") + "\n" + end + after, "utf-8")


def report(args: argparse.Namespace, key: str, line: str, measured: str, amount: str, limits: str) -> None:
    print(line, flush=True)
    if not args.no_table:
        command = f".venv/bin/python benchmarks/{ROWS[key][2]}" + (
            f" --repeat {args.repeat}" if key in REPEATED else ""
        )
        write_row(key, measured, amount, command, limits)


REPEATED = {"scans", "text", "fixed", "speedup", "rerun", "bump"}


def median_ratio(pairs: Sequence[tuple[float, float]]) -> float:
    return statistics.median(a / b for a, b in pairs)


def _fmt(values: Sequence[float]) -> str:
    return "/".join(f"{v:.1f}" for v in values)


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
        "in an OCR worker tesseract's page read is 56% of a page's time: rulings found and erased "
        "(readers/rules.py) 26%, further tesseract passes (sparse, cell, block re-reads, each a new process "
        "loading the model) 12%, rendering 3%; see the profile",
    )
    return ratio


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
    line = (
        f"text: papeleo/pdfplumber {ratio:.2f} (median of {len(pairs)}; papeleo {_fmt([a for a, _ in pairs])} s, "
        f"extract_words alone {_fmt([b for _, b in pairs])} s; {len(pdfs)} PDFs, {pages} pages, {processes} process(es))"
    )
    report(
        args,
        "text",
        line,
        f"{ratio:.2f}",
        f"{pages} pages, {len(pdfs)} PDFs",
        "what papeleo does beyond reading words: in one process (cProfile) extraction 37% and classification "
        "15% (spaCy's Matcher) of the run; reading 47%, nearly all pdfplumber's own parse, which the baseline "
        "does too; plus the fixed cost of a run",
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
        "importing spaCy and building blank('es') (about 2 s), pandas (0.5 s, imported by pyarrow's "
        "write_table), the extractors; the run's own files are milliseconds",
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


def bench_rerun(args: argparse.Namespace, inputs: Inputs) -> float:
    folders = [inputs.scans, inputs.text]
    pairs = []
    counts = {}
    for _ in range(args.repeat):
        with fresh_dir(args.work, "rerun-") as out:
            first, _ = ingest(folders, out, watch=False)
            again, _ = ingest(folders, out, watch=False)
            counts = summary_counts(again.stdout)
        pairs.append((again.wall, first.wall))
    share = median_ratio(pairs)
    line = (
        f"rerun: second run {100 * share:.1f}% of the first (median of {len(pairs)}; first {_fmt([b for _, b in pairs])} s, "
        f"again {_fmt([a for a, _ in pairs])} s; the second ingested {counts.get('docs', 0)} document(s))"
    )
    report(
        args,
        "rerun",
        line,
        f"{100 * share:.1f}%",
        "40 PDFs (57 scanned + 57 text-layer pages)",
        "hashing every input again and the fixed cost of a run (`fixed`)",
    )
    return share


def bench_bump(args: argparse.Namespace, inputs: Inputs) -> float | None:
    if "--force" not in ingest_help():
        line = "bump: not measured: `papeleo ingest` has no --force"
        print(line)
        if not args.no_table:
            write_row("bump", "not measured", "", f".venv/bin/python benchmarks/{ROWS['bump'][2]}", "`--force` missing")
        return None
    pairs = []
    counts = {}
    for _ in range(args.repeat):
        with fresh_dir(args.work, "bump-") as out:
            first, _ = ingest([inputs.scans], out, watch=False)
            again, _ = ingest([inputs.scans], out, "--force", watch=False)
            counts = summary_counts(again.stdout)
        pairs.append((again.wall, first.wall))
    share = median_ratio(pairs)
    line = (
        f"bump: --force re-extraction {100 * share:.1f}% of the first run (median of {len(pairs)}; first "
        f"{_fmt([b for _, b in pairs])} s, again {_fmt([a for a, _ in pairs])} s; {counts.get('docs', 0)} documents, "
        f"{counts.get('cached', 0)} from the read cache)"
    )
    report(
        args,
        "bump",
        line,
        f"{100 * share:.1f}%",
        f"{counts.get('pages', 0)} pages, {counts.get('docs', 0)} PDFs",
        "extraction and writes, and the fixed cost of a run: the OCR itself comes from the read cache",
    )
    return share


def bench_memory(args: argparse.Namespace, inputs: Inputs) -> float:
    small, large = inputs.memory_sets()
    got = {}
    for folder in (small, large):
        n = len(list(folder.iterdir()))
        with fresh_dir(args.work, "memory-") as out:
            ran, _ = ingest([folder], out)
        got[n] = ran
    (n_small, r_small), (n_large, r_large) = sorted(got.items())
    growth = r_large.tree_peak_mb / r_small.tree_peak_mb
    line = (
        f"memory: peak RSS of the process tree {r_large.tree_peak_mb:.0f} MB for {n_large} documents, "
        f"{r_small.tree_peak_mb:.0f} MB for {n_small}: {growth:.2f}x (largest single process "
        f"{r_large.max_rss_mb:.0f} / {r_small.max_rss_mb:.0f} MB; {r_large.wall:.0f} s / {r_small.wall:.0f} s)"
    )
    report(
        args,
        "memory",
        line,
        f"{growth:.2f} ({r_large.tree_peak_mb:.0f} / {r_small.tree_peak_mb:.0f} MB)",
        f"{n_large} / {n_small} OCR'd-text documents",
        "what one document in flight holds (its pages, spaCy's vocabulary) times the documents in flight",
    )
    return growth


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

    from papeleo.readers import ocr, ocr_page

    timers = Timers()
    timers.wrap(pt, "run_tesseract", _tesseract_label)
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
from bench_nightly import profile_worker
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
    assert watcher is not None
    for kind, own, children in watcher.cpu.values():
        if kind == "tesseract":
            continue  # counted through its parent's children times (a short process may never be sampled)
        if kind == "python" and children > 0:
            kinds["OCR workers' Python (render, rulings, skew, images to tesseract)"] += own
            kinds["tesseract processes (every pass: page reads, re-reads, OSD)"] += children
        else:
            kinds["main, document and pool-keeping processes (text layer, classify, extract, write)"] += own
    used = sum(kinds.values())
    capacity = CORES * run.wall
    lines += [
        "",
        f"Whole run, `papeleo ingest` over the {len(scans)} scanned PDFs ({run_pages} pages): {run.wall:.1f} s wall "
        f"on {CORES} cores ({capacity:.0f} core-seconds); CPU by kind of process (psutil, sampled every 0.1 s):",
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


# --------------------------------------------------------------------------- main

BENCHES: dict[str, Callable[[argparse.Namespace, Inputs], Any]] = {
    "scans": bench_scans,
    "text": bench_text,
    "fixed": bench_fixed,
    "speedup": bench_speedup,
    "rerun": bench_rerun,
    "bump": bench_bump,
    "memory": bench_memory,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", choices=[*BENCHES, "all", "profile", "reads"])
    parser.add_argument("--repeat", type=int, default=3, help="pairs of runs (A B) whose median ratio is reported")
    parser.add_argument("--inputs", type=Path, default=Path(tempfile.gettempdir()) / "papeleo-nightly")
    parser.add_argument("--no-table", action="store_true", help=f"print only; leave {BENCHMARKS_MD.name} alone")
    parser.add_argument("--profile-docs", type=int, default=8, help="profile: scanned PDFs read in the worker view")
    parser.add_argument("--save", help="reads: write the sha1s to this JSON file")
    parser.add_argument("--against", help="reads: compare with the sha1s saved before; exit 1 when any differs")
    args = parser.parse_args(argv)
    args.inputs.mkdir(parents=True, exist_ok=True)
    args.work = args.inputs / "runs"
    args.work.mkdir(exist_ok=True)
    inputs = Inputs(args.inputs)
    if args.bench == "profile":
        bench_profile(args, inputs)
    elif args.bench == "reads":
        bench_reads(args, inputs)
    else:
        for name in BENCHES if args.bench == "all" else [args.bench]:
            BENCHES[name](args, inputs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

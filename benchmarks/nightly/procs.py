"""Running papeleo and the baselines as a user would, in new processes, with their CPU and memory watched."""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from .common import CORES, PAGE_READ_ARGS, ROOT

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

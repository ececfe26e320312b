"""The run loop: check the inputs, discover the documents, process each, collect a summary.

The same loop serves ``papeleo ingest`` in-process (no server, no Prefect import: ~1 s of
fixed cost instead of ~10 s) and the Prefect flow in ``flows/ingest.py``, which only swaps
how documents are submitted (``Submitter``): here a small thread pool with retries for
transient write errors; there one Prefect task per document with Prefect's retries. Either
way one document's failure never stops the others, and a document whose writes keep failing
becomes a ``write_failed`` failures row.
"""

from __future__ import annotations

import concurrent.futures as cf
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .context import Settings, process_context
from .pipeline import TransientWriteError, process_document, write_crash
from .report import Progress, RunSummary
from .store import ParquetStore

log = logging.getLogger(__name__)

# Two documents in flight keep both cores busy (OCR pages run in their own process pool)
# without holding more than two read documents in memory.
DOCUMENTS_IN_FLIGHT = 2
# Waits before retrying a document whose write failed (disk full, NFS hiccup): long enough
# for a transient condition to pass, short enough not to stall a night.
WRITE_RETRY_DELAYS_S = (2.0, 10.0)

# Inside a folder these are tooling, not documents someone published; anything else is read,
# so a stray .docx or .xlsx becomes a failures row saying how to convert it, not silence.
NOT_DOCUMENTS = frozenset(
    {".py", ".pyc", ".json", ".jsonl", ".toml", ".yaml", ".yml", ".parquet", ".log", ".sha256", ".lock", ".ini", ".cfg"}
)

ProcessOne = Callable[[str], dict[str, Any]]
# Given the sources and the function that ingests one, yield each document's summary as it completes.
Submitter = Callable[[list[str], ProcessOne], Iterable[dict[str, Any]]]


class UsageError(ValueError):
    """A problem with what the user asked for, found before any work: one line, exit 2."""


def check_inputs(paths: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str]) -> None:
    """Raise ``UsageError`` for what the user can fix before a run starts: a missing input,
    an output root that is a file or cannot be written."""
    paths = list(paths)
    if not paths:
        raise UsageError("no input given: name the files or folders to ingest")
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise UsageError(f"input not found: {', '.join(missing)} (check the path, accents and spaces included)")
    out_path = Path(out)
    if out_path.exists() and not out_path.is_dir():
        raise UsageError(f"the output root {out} is a file; give a folder (it is created when missing)")
    existing = out_path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"the output root {out} cannot be written ({existing} is not writable by this user)")


def is_candidate(name: str) -> bool:
    """Inside a folder, the files worth reading: not hidden, not the folder's own README, not
    code or data files. A file named explicitly is always read."""
    return (
        not name.startswith(".")
        and not name.upper().startswith("README")
        and Path(name).suffix.lower() not in NOT_DOCUMENTS
    )


def discover(paths: Iterable[str | os.PathLike[str]], skipped: list[str] | None = None) -> Iterator[str]:
    """Files to ingest, folders walked recursively in name order. Files passed over inside
    folders are appended to ``skipped`` so the summary can name them."""
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield str(raw)
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
            for name in sorted(filenames):
                full = os.path.join(dirpath, name)
                if is_candidate(name):
                    yield full
                elif skipped is not None and not name.startswith("."):
                    skipped.append(full)


def gave_up(source: str, out: str, exc: BaseException) -> dict[str, Any]:
    """The summary (and failures row, if anything can be written) of a document whose
    writes kept failing after the retries."""
    message = f"could not write its rows after retries ({exc}); free space or fix permissions under {out} and re-run"
    log.error("giving up on %s: %s", source, exc)
    try:
        write_crash(source, out, message)
    except OSError:
        pass
    return {
        "source": source,
        "doc_id": None,
        "doc_type": "unknown",
        "status": "failed",
        "rows": {},
        "failures": [{"stage": "write", "error_type": "write_failed", "message": message}],
        "pages": 0,
        "pages_ocr": 0,
        "cached_read": False,
    }


def process_with_retries(
    source: str, out: str, settings: Settings, delays: tuple[float, ...] = WRITE_RETRY_DELAYS_S
) -> dict[str, Any]:
    ctx = process_context(settings)
    for attempt in range(len(delays) + 1):
        try:
            return process_document(source, out, ctx=ctx).to_dict()
        except TransientWriteError as exc:
            if attempt == len(delays):
                return gave_up(source, out, exc)
            log.warning("writing %s failed (%s); retrying in %.0f s", source, exc, delays[attempt])
            time.sleep(delays[attempt])
    raise AssertionError("unreachable")


def thread_submitter(workers: int = DOCUMENTS_IN_FLIGHT) -> Submitter:
    def submit(sources: list[str], one: ProcessOne) -> Iterator[dict[str, Any]]:
        with cf.ThreadPoolExecutor(max_workers=workers, thread_name_prefix="papeleo-doc") as pool:
            futures = [pool.submit(one, s) for s in sources]
            for future in cf.as_completed(futures):
                yield future.result()

    return submit


def run_ingest(
    paths: list[str],
    out: str,
    settings: Settings | None = None,
    *,
    progress: bool | None = None,
    submitter: Submitter | None = None,
    process_one: ProcessOne | None = None,
) -> RunSummary:
    """Ingest ``paths`` into ``out``. Call ``check_inputs`` first for a one-line usage error;
    here a missing input still becomes a failures row, so a scheduled run never stops."""
    settings = settings or Settings()
    started = time.monotonic()
    run = RunSummary()
    run.recovered = ParquetStore(out).prepare()
    sources = list(discover(paths, run.skipped))
    bar = Progress(len(sources), enabled=progress)
    one = process_one or (lambda s: process_with_retries(s, out, settings))

    def tracked(source: str) -> dict[str, Any]:
        bar.start(source)
        return one(source)

    try:
        for summary in (submitter or thread_submitter())(sources, tracked):
            run.add(summary)
            bar.update(summary)
    finally:
        bar.close()
    run.duration_s = round(time.monotonic() - started, 3)
    log.info("%d documents, %d failed, in %.1f s", run.documents, run.failed_documents, run.duration_s)
    return run

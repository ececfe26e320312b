"""The run loop: check the inputs, discover the documents, skip what is unchanged, process
the rest, prune on request, and leave a summary and a run record.

The same loop serves ``papeleo ingest`` in-process (no server, no Prefect import: ~1 s of
fixed cost instead of ~10 s) and the Prefect flow in ``flows/ingest.py``, which only swaps
how documents are submitted (``Submitter``): here a pool of document processes (one per core
by default) with retries for transient write errors; there one Prefect task per document with
Prefect's retries. Either way one document's failure never stops the others, and a document
whose writes keep failing becomes a ``write_failed`` failures row. One run at a time writes an
output root (``output_lock``); what each source looked like when last ingested is in the
manifest (``papeleo.manifest``).
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import contextlib
import itertools
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

import schemas

from . import decisions, runlog, sources, work
from .context import Settings
from .manifest import Entry, Manifest, fingerprint, unchanged_sha256
from .publish import publish, start_catalog
from .readers import ReadSettings
from .report import Progress, RunSummary
from .store import ParquetStore, source_key
from .work import Job

log = logging.getLogger(__name__)
# a small-files threshold no partition reaches: compaction then only applies replacements
COMPACT_NEVER = 1 << 62

# A document in flight when its pool of document processes died this many times is failed
# (process_died): once may be a neighbour's fault (all in flight die together), twice points at
# it; a higher count spends more time re-running a document that kills its process.
POOL_DEATHS_PER_DOCUMENT = 2
# The output root's lock, and the file naming who holds it (read only for the message).
LOCK_FILE = ".papeleo.lock"
LOCK_HOLDER_FILE = ".papeleo.lock.holder"

# Given the jobs, yield each document's summary as it completes.
Submitter = Callable[[list[Job]], Iterable[dict[str, Any]]]


class UsageError(ValueError):
    """A problem with what the user asked for, found before any work: one line, exit 2."""


def check_inputs(paths: Iterable[str | os.PathLike[str]], out: str | os.PathLike[str]) -> None:
    """Raise ``UsageError`` for what the user can fix before a run starts: no input, a missing
    path, a glob matching nothing, a URL papeleo does not fetch (``sources.validate``, no
    network), an output root that is a file or cannot be written."""
    try:
        sources.validate(list(paths))
    except sources.SourceError as exc:
        raise UsageError(str(exc)) from None
    out_path = Path(out)
    if out_path.exists() and not out_path.is_dir():
        raise UsageError(f"the output root {out} is a file; give a folder (it is created when missing)")
    existing = out_path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"the output root {out} cannot be written ({existing} is not writable by this user)")


def discover(paths: Iterable[str | os.PathLike[str]], skipped: list[str] | None = None) -> Iterator[str]:
    """The documents' sources (paths and URLs), in order and each once (``sources.expand``).
    Files passed over inside folders are appended to ``skipped`` so the summary can name them."""
    return (s.uri for s in sources.expand(list(paths), skipped))


def local_submitter(out: str, settings: Settings, jobs: int) -> Submitter:
    """Documents in this process one at a time (``jobs`` 1, or a single document: no pool to
    start), or in a pool of ``jobs`` document processes, so text-layer parsing and extraction
    use every core too (threads would share one: pdfplumber and the extractors are Python).
    ``jobs`` is also the number of documents in memory at once. Each document process OCRs a
    scan's pages in its own pool of single-threaded tesseract processes, so one long scan still
    uses every core while it is the last document in flight."""

    def submit(batch: list[Job]) -> Iterator[dict[str, Any]]:
        if jobs == 1 or len(batch) <= 1:
            for job in batch:
                yield work.ingest_job(job, out, settings)
            return
        yield from pooled(batch, out, settings, min(jobs, len(batch)))

    return submit


def pooled(batch: list[Job], out: str, settings: Settings, workers: int) -> Iterator[dict[str, Any]]:
    """``batch`` through a pool of ``workers`` document processes, never more documents handed
    to it than it has processes: when one dies (killed, out of memory) the pool breaks and
    every document it holds fails with it, so it holds only the ones in flight. Those are
    given to a new pool; a document in flight at ``POOL_DEATHS_PER_DOCUMENT`` deaths is a
    ``process_died`` failure (tried again next run) and the rest of the run goes on."""
    ctx = multiprocessing.get_context("forkserver")  # never fork a process running threads
    queue = collections.deque(batch)
    deaths: collections.Counter[str] = collections.Counter()
    while queue:
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            running: dict[cf.Future[dict[str, Any]], Job] = {}
            broken: list[Job] = []
            while queue or running:
                while queue and len(running) < workers and not broken:
                    job = queue.popleft()
                    running[pool.submit(work.ingest_job_from_dicts, job.to_dict(), out, settings.to_dict())] = job
                if not running:
                    break
                done, _ = cf.wait(running, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    job = running.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken.append(job)
        for job in broken:
            deaths[job.source] += 1
            if deaths[job.source] >= POOL_DEATHS_PER_DOCUMENT:
                yield work.process_died(job.source, out, workers)
            else:
                queue.appendleft(job)


def plan_jobs(
    found: list[sources.Source], out: str, settings: Settings, force: bool
) -> tuple[list[Job], dict[str, Entry]]:
    """A job per source, with the sha256 that lets it be skipped when its last ingestion is
    still current (never with ``force``)."""
    entries = {} if force else Manifest(out).load()
    store = ParquetStore(out)
    read = settings.read_settings()
    digests = decisions.digests_by_source(out, settings.decisions)  # new or changed decisions re-extract
    jobs = []
    for source in found:
        entry = entries.get(source.uri)
        stored = entry is not None and store.has_document(source_key(source.uri))
        skip_if = unchanged_sha256(entry, read, stored, digests.get(source.uri, ""))
        jobs.append(Job(source.uri, skip_if, source.remote))
    return jobs, entries


def split_unchanged(batch: list[Job]) -> tuple[list[Job], list[Job]]:
    """The local sources whose bytes are those of their last, still current, ingestion, told
    apart here by hashing them (a read of the bytes, nothing else), so a night where little
    changed starts no document process and no Prefect task for them; and the rest. Remote
    sources are fetched to be hashed, by whoever ingests them."""
    same, rest = [], []
    for job in batch:
        unchanged = False
        if job.skip_if_sha256 is not None and not job.remote:
            try:
                unchanged = work.file_to_sha256(job.source) == job.skip_if_sha256
            except OSError:
                pass  # vanished or unreadable: ingesting it says so in a failures row
        (same if unchanged else rest).append(job)
    return same, rest


def prune_missing(out: str, keep_sources: list[str]) -> list[str]:
    """Remove the rows of every document whose source is not among ``keep_sources``; returns
    the sources removed. Ingestion never deletes otherwise."""
    store = ParquetStore(out)
    keep = {source_key(s) for s in keep_sources}
    gone = sorted({k for name in schemas.DATASETS for k in store.keys(name)} - keep)
    removed = []
    for key in gone:
        removed.append(store.source_of(key) or key)
        store.replace_document(key, {name: None for name in schemas.DATASETS})
    return removed


def run_ingest(
    paths: list[str],
    out: str,
    settings: Settings | None = None,
    *,
    progress: bool | None = None,
    submitter: Submitter | None = None,
    jobs: int | None = None,
    force: bool = False,
    prune: bool = False,
    run_id: str | None = None,
    report: bool = False,
    compact: bool = True,
) -> RunSummary:
    """Ingest ``paths`` into ``out``: skip what is unchanged since its last ingestion (unless
    ``force``), ingest the rest through ``submitter`` (default: ``jobs`` document processes),
    remove the rows of sources no longer given when ``prune``, and leave a run record in
    ``out/_runs``, beside the catalog and (with ``report``) the report page it links (``papeleo.publish``). Call ``check_inputs`` first for a one-line usage error; here a missing input
    still becomes a failures row, so a scheduled run never stops. Raises ``OutputLocked`` when
    another run holds the output root."""
    settings = settings or Settings()
    try:  # a malformed decisions file is refused before anything changes
        decisions.check(out, settings.decisions)
    except decisions.DecisionsError as exc:
        raise UsageError(str(exc)) from None
    started = time.monotonic()
    run = RunSummary(run_id=run_id or runlog.new_run_id(), started_at=runlog.now_iso())
    with output_lock(out):
        run.recovered = ParquetStore(out).prepare()
        if sources.remove_partial_downloads(out):
            run.recovered.append("removed the partial downloads a killed run left in _raw")
        found = sources.expand(list(paths), run.skipped)
        if prune and not found:
            raise UsageError("--prune with no document in the inputs would remove every document; refused")
        for kept in decisions.keep(out, settings.decisions):  # applied on every later run too
            log.info("decisions kept in %s: applied on this and every later run", kept)
        catalog = start_catalog(out)  # while the documents are read
        batch, entries = plan_jobs(found, out, settings, force)
        manifest = Manifest(out)
        read = settings.read_settings()
        bar = Progress(len(batch), enabled=progress)
        submit = submitter or local_submitter(out, settings, jobs or os.cpu_count() or 1)
        same, batch = split_unchanged(batch)
        try:
            for summary in itertools.chain((work.unchanged_summary(j) for j in same), submit(batch)):
                if summary["status"] == "unchanged":
                    summary["doc_type"] = entries[summary["source"]].doc_type
                else:
                    manifest.append([summary_to_entry(summary, read, run.run_id)])
                run.add(summary)
                bar.update(summary)
            if prune:
                run.pruned = prune_missing(out, [s.uri for s in found])
                manifest.append(runlog.tombstones(run.pruned, run.run_id))
            decisions.finish_run(out, settings.decisions, run, {s.uri for s in found} - set(run.unchanged))
            built = catalog.result()  # before compaction swaps the files its views bind to
            # replacements of compacted documents become visible here (papeleo.store.compact)
            # (without ``compact``, only those: small files wait for a later run or papeleo compact)
            store = ParquetStore(out)
            run.compaction = (store.compact() if compact else store.compact(min_small_files=COMPACT_NEVER)).to_dict()
            run.published = publish(out, report=report, catalog=built)
        finally:
            bar.close()
            manifest.compact()
            run.duration_s = round(time.monotonic() - started, 3)
            run.finished_at = runlog.now_iso()
            runlog.write_record(out, run, paths, settings, force=force, prune=prune)
    log.info(
        "%d documents, %d failed, %d unchanged, in %.1f s",
        run.documents,
        run.failed_documents,
        len(run.unchanged),
        run.duration_s,
    )
    return run


def summary_to_entry(summary: dict[str, Any], read: ReadSettings, run_id: str) -> Entry:
    return Entry(
        source=summary["source"],
        sha256=summary["doc_id"],
        doc_type=summary["doc_type"],
        fingerprint=fingerprint(summary["doc_type"], read),
        status=summary["status"],
        run_id=run_id,
        at=runlog.now_iso(),
        decisions=(summary.get("decisions") or {}).get("digest", ""),
    )


class OutputLocked(UsageError):
    """Another run is writing the output root."""


@contextlib.contextmanager
def output_lock(out: str) -> Iterator[None]:
    """Two runs never write one output root at once: the second is refused at once, with the
    holder's pid. An OS file lock (``filelock``), so a run killed with SIGKILL frees it."""
    Path(out).mkdir(parents=True, exist_ok=True)
    lock = FileLock(os.path.join(out, LOCK_FILE))
    holder = Path(out) / LOCK_HOLDER_FILE
    try:
        lock.acquire(timeout=0)
    except Timeout:
        who = holder.read_text("utf-8").strip() if holder.exists() else "another process"
        raise OutputLocked(
            f"another papeleo run ({who}) is writing {out}; wait for it to finish or give another --out"
        ) from None
    try:
        holder.write_text(f"pid {os.getpid()} since {runlog.now_iso()}", "utf-8")
        yield
    finally:
        lock.release()

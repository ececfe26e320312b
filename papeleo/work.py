"""One source's work, wherever it runs: this process, a document process of the run's pool,
a Prefect task or a Dask worker. Everything it needs travels as plain values (a ``Job`` and
the settings as a dict), so the same function serves every runner.

The order matters for a nightly run: the bytes are hashed (or fetched) first, so a document
unchanged since its last ingestion costs one read of its bytes and nothing else; then the
document goes through ``pipeline.process_document``, retried when its writes fail for a
reason that may pass (disk full, an NFS hiccup), and recorded as a ``write_failed`` failures
row when they keep failing.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

from . import pipeline, sources
from .context import Settings, process_context
from .model import Failure
from .pipeline import TransientWriteError, write_crash, write_failure
from .sources import FetchError, Source, fetch

log = logging.getLogger(__name__)

# Waits before retrying a document whose write failed (disk full, NFS hiccup): long enough
# for a transient condition to pass, short enough not to stall a night.
WRITE_RETRY_DELAYS_S = (2.0, 10.0)
HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Job:
    """A source to ingest and, when its last ingestion is still current, the sha256 its bytes
    must have for it to be skipped (None: ingest it whatever its bytes)."""

    source: str
    skip_if_sha256: str | None = None
    remote: bool = False  # fetched into OUT/_raw first (http, https, s3, file:// URLs)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def file_to_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def unchanged_summary(job: Job, doc_type: str = "unknown") -> dict[str, Any]:
    return {
        "source": job.source,
        "doc_id": job.skip_if_sha256,
        "doc_type": doc_type,
        "status": "unchanged",
        "rows": {},
        "failures": [],
        "pages": 0,
        "pages_ocr": 0,
        "cached_read": False,
    }


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
        **gave_up_summary(source),
        "failures": [{"stage": "write", "error_type": "write_failed", "message": message}],
    }


def process_died(source: str, out: str, jobs: int) -> dict[str, Any]:
    """The summary (and failures row) of a document whose process died under it, or in the
    same pool as it (a dead process breaks the whole pool: the documents in flight with it are
    named too, and ingested again by the next run since their last attempt failed)."""
    message = (
        f"the process ingesting it died (killed, or out of memory with {jobs} documents in flight); "
        "re-run with fewer --jobs, or ingest this file alone to see whether it is the cause"
    )
    log.error("%s: %s", source, message)
    try:
        write_failure(source, out, Failure("read", "process_died", message))
    except OSError:
        pass
    return {
        **gave_up_summary(source),
        "failures": [{"stage": "read", "error_type": "process_died", "message": message}],
    }


def gave_up_summary(source: str) -> dict[str, Any]:
    return {
        "source": source,
        "doc_id": None,
        "doc_type": "unknown",
        "status": "failed",
        "rows": {},
        "failures": [],
        "pages": 0,
        "pages_ocr": 0,
        "cached_read": False,
    }


def process_with_retries(
    source: str,
    out: str,
    settings: Settings,
    delays: tuple[float, ...] | None = None,
    *,
    path: str | None = None,
    file_name: str | None = None,
) -> dict[str, Any]:
    delays = WRITE_RETRY_DELAYS_S if delays is None else delays
    ctx = process_context(settings)
    for attempt in range(len(delays) + 1):
        try:
            return pipeline.process_document(source, out, ctx=ctx, path=path, file_name=file_name).to_dict()
        except TransientWriteError as exc:
            if attempt == len(delays):
                return gave_up(source, out, exc)
            log.warning("writing %s failed (%s); retrying in %.0f s", source, exc, delays[attempt])
            time.sleep(delays[attempt])
    raise AssertionError("unreachable")


def fetch_failed(job: Job, out: str, exc: FetchError) -> dict[str, Any]:
    """The summary of a source that could not be fetched, its failures row written."""
    log.warning("%s: %s", job.source, exc.message)
    write_failure(job.source, out, exc.failure())
    return {
        **gave_up_summary(job.source),
        "failures": [{"stage": "fetch", "error_type": exc.error_type, "message": exc.message}],
        "rows": {"failures": 1},
    }


def ingest_job(job: Job, out: str, settings: Settings, retry_writes: bool = True) -> dict[str, Any]:
    """Fetch a remote source into ``OUT/_raw``; skip the source when its bytes are those of its
    last, still current, ingestion; otherwise ingest it. ``retry_writes`` False leaves write
    retries to the caller (a Prefect task retries with its own policy and shows each attempt)."""
    path, name = None, None
    if job.remote:
        source = Source(job.source, remote=True)
        try:
            fetched = fetch(source, out, settings.fetch_limits())
        except FetchError as exc:
            return fetch_failed(job, out, exc)
        path, name, sha256 = fetched.path, sources.file_name(source), fetched.sha256
    elif job.skip_if_sha256 is not None:
        try:
            sha256 = file_to_sha256(job.source)
        except OSError:
            sha256 = None  # vanished or unreadable: the pipeline says so in a failures row
    if job.skip_if_sha256 is not None and sha256 == job.skip_if_sha256:
        log.info("%s: unchanged since its last ingestion, skipped", job.source)
        return unchanged_summary(job)
    if not retry_writes:
        ctx = process_context(settings)
        return pipeline.process_document(job.source, out, ctx=ctx, path=path, file_name=name).to_dict()
    return process_with_retries(job.source, out, settings, path=path, file_name=name)


_pool: cf.ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()


def ingest_job_isolated(job: Job, out: str, settings: Settings) -> dict[str, Any]:
    """``ingest_job`` in this process's pool of document processes (one per core), for a
    caller that runs documents in threads (the Prefect flow's task runner): text-layer parsing
    and extraction are Python, so threads alone would use one core. Write errors come back
    raised, for the caller's retries."""
    global _pool
    with _pool_lock:
        if _pool is None:
            ctx = multiprocessing.get_context("forkserver")  # never fork a process running threads
            _pool = cf.ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=ctx)
        pool = _pool
    return pool.submit(ingest_job_from_dicts, job.to_dict(), out, settings.to_dict(), False).result()


def ingest_job_from_dicts(
    job: dict[str, Any], out: str, settings: dict[str, Any], retry_writes: bool = True
) -> dict[str, Any]:
    """``ingest_job`` for a worker in another process (plain values only cross)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return ingest_job(Job(**job), out, Settings.from_dict(settings), retry_writes=retry_writes)

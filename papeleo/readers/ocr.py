"""OCR of page images with tesseract, run in worker processes.

Measured on the project's machines (see TOOLCHAIN.md): one tesseract page at 300 dpi takes
2-3 s single-threaded and *longer* with OpenMP, so tesseract runs with
``OMP_THREAD_LIMIT=1`` and the parallelism comes from processes, one page per task. A page
is rendered *inside* the worker from (path, page index): a 300-dpi A4 bitmap is ~9 MB that
never needs to cross a process boundary, and a page that hangs pdfium or tesseract can be
killed with its process instead of taking the caller with it.

What happens to one page image (skew, rulings, tesseract, orientation, the confidence floor)
is :mod:`.ocr_page`'s business; this module runs it in processes and collects the results.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import logging
import multiprocessing
import multiprocessing.util
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium

from papeleo.model import Failure, Page

# pytesseract and the page pipeline of .ocr_page are imported where a page is OCR'd, not here:
# a run, or a document process, that OCRs nothing never needs them. `papeleo ingest` of a
# one-page text file, the two interleaved 8 times: median 0.964 of the time with them imported
# here (about 0.2 s of 4.5-5.6 s). pytesseract also imports pandas, but pyarrow's write_table
# imports it anyway (papeleo.store), so that is no saving.

log = logging.getLogger(__name__)

INSTALL_HINT = "apt-get install tesseract-ocr {packages}"
STUCK_GRACE_S = 3.0


# --------------------------------------------------------------------------- availability


def ocr_unavailable_failure(lang: str) -> Failure | None:
    """None when tesseract and every language in ``lang`` ("spa", "spa+eng") are installed.
    Checked once per process and language, before any page is sent to a worker, so a
    missing install is one clear failure instead of one per page."""
    import pytesseract

    return _ocr_unavailable_failure(pytesseract.pytesseract.tesseract_cmd, lang)


@functools.lru_cache(maxsize=16)
def _ocr_unavailable_failure(tesseract_cmd: str, lang: str) -> Failure | None:
    import pytesseract

    wanted = [part for part in lang.split("+") if part]
    packages = " ".join(f"tesseract-ocr-{part.lower().replace('_', '-')}" for part in wanted)
    fix = INSTALL_HINT.format(packages=packages)
    try:
        installed = set(pytesseract.get_languages())
    except (pytesseract.TesseractNotFoundError, pytesseract.TesseractError, OSError) as exc:
        log.debug("tesseract not runnable: %s", exc)
        return _fail(
            "ocr_unavailable",
            f"This file needs OCR but the tesseract program was not found ({tesseract_cmd!r} is not "
            f"installed or not on PATH). Install it with `{fix}` and run again.",
        )
    missing = [part for part in wanted if part not in installed]
    if missing:
        return _fail(
            "ocr_unavailable",
            f"This file needs OCR in language {lang!r} but tesseract has no data for "
            f"{', '.join(missing)} (installed: {', '.join(sorted(installed)) or 'none'}). "
            f"Install it with `{fix}` and run again.",
        )
    return None


# --------------------------------------------------------------------------- workers


@dataclass(frozen=True)
class OcrOutcome:
    """What a worker sends back. Bad input is reported, never raised, so the only
    exceptions crossing the process boundary are about the pool itself. ``failures`` come
    *with* a page (a low-confidence warning): the page is kept, the failure recorded."""

    page: Page | None = None
    error_type: str | None = None
    message: str | None = None
    failures: tuple[Failure, ...] = ()


def prepare_worker() -> None:
    """Single-threaded tesseract: faster per page than OpenMP on our machines, and the
    processes already use every core."""
    os.environ["OMP_THREAD_LIMIT"] = "1"


def pdf_page_to_ocr_page(
    path: str, page_index: int, dpi: int, lang: str, deadline_epoch: float | None = None
) -> OcrOutcome:
    """Worker: render page ``page_index`` (0-based) at ``dpi`` and OCR it. pdfium renders the
    page as displayed, already turned by its ``/Rotate``; that turn is only recorded."""
    prepare_worker()
    number = page_index + 1
    try:
        pdf = pdfium.PdfDocument(path)
        try:
            page = pdf[page_index]
            stored_rotation = int(page.get_rotation())
            bitmap = page.render(scale=dpi / 72.0, grayscale=True)
            img = bitmap.to_pil()
            bitmap.close()
            page.close()
        finally:
            pdf.close()
    except (pdfium.PdfiumError, OSError, ValueError, IndexError) as exc:
        return OcrOutcome(
            error_type="corrupt_pdf",
            message=f"Page {number} could not be rendered for OCR ({exc}); the PDF looks damaged. "
            "Re-download it or re-export it from the source.",
        )
    except MemoryError:
        return OcrOutcome(
            error_type="ocr_failed",
            message=f"Page {number} is too large to render at {dpi} dpi in the memory available; "
            "lower ReadSettings.dpi or split the page.",
        )
    return run_tesseract_on(img, number, dpi, dpi, lang, deadline_epoch, stored_rotation, os.path.basename(path))


def run_tesseract_on(
    img: Any,
    number: int,
    x_dpi: float,
    y_dpi: float,
    lang: str,
    deadline_epoch: float | None,
    stored_rotation: int = 0,
    name: str = "",
) -> OcrOutcome:
    import pytesseract

    from .ocr_page import image_to_ocr_result

    try:
        result = image_to_ocr_result(img, number, x_dpi, y_dpi, lang, deadline_epoch, stored_rotation, name)
        return OcrOutcome(page=result.page, failures=result.failures)
    except TimeoutError as exc:
        return OcrOutcome(error_type="read_timeout", message=str(exc))
    except RuntimeError as exc:  # pytesseract's own timeout: 'Tesseract process timeout'
        if "timeout" in str(exc).lower():
            return OcrOutcome(
                error_type="read_timeout", message=f"tesseract was stopped at the deadline on page {number}"
            )
        return OcrOutcome(error_type="ocr_failed", message=f"OCR of page {number} failed: {exc}")
    except pytesseract.TesseractNotFoundError:
        return OcrOutcome(
            error_type="ocr_unavailable",
            message=f"tesseract is not installed in the OCR worker; install it with "
            f"`{INSTALL_HINT.format(packages='tesseract-ocr-' + lang)}`.",
        )
    except pytesseract.TesseractError as exc:
        return OcrOutcome(
            error_type="ocr_failed",
            message=f"tesseract failed on page {number} (exit status {exc.status}: {exc.message}). "
            "Check the page image; if it is unusual (huge, blank, 1-pixel high) re-export it.",
        )


# --------------------------------------------------------------------------- process pool

_pools: dict[int, cf.ProcessPoolExecutor] = {}
_pools_lock = threading.Lock()
_exit_hook: multiprocessing.util.Finalize | None = None
# Above multiprocessing's own queue finalizers (10), which stop the thread that feeds a pool's
# tasks to its workers: run after them, the pool's stop messages were never sent.
EXIT_PRIORITY = 100


def get_pool(workers: int | None) -> cf.ProcessPoolExecutor:
    """The shared pool for this worker count, created on first use. Workers come from a
    forkserver, not fork(): forking a process that runs other threads (pipeline, Prefect)
    can copy a lock held by another thread and deadlock the child."""
    n = workers or os.cpu_count() or 1
    with _pools_lock:
        pool = _pools.get(n)
        if pool is None:
            ctx = multiprocessing.get_context("forkserver")
            pool = cf.ProcessPoolExecutor(max_workers=n, mp_context=ctx)
            _pools[n] = pool
            _shut_down_at_process_exit()
            log.debug("started OCR process pool with %d workers", n)
        return pool


def _shut_down_at_process_exit() -> None:
    """In a process that multiprocessing started (a document process of a run's pool), shut the
    OCR pools down when it exits. Such a process joins every child it still has *before* the
    interpreter's exit handlers run (concurrent.futures' among them, which would stop the
    pool), so its idle OCR workers, never told to stop, kept it alive and the run waiting
    forever after its last document (`papeleo ingest` of two sample scans hung at the end)."""
    global _exit_hook
    if _exit_hook is None and multiprocessing.parent_process() is not None:
        # exitpriority >= 0: before multiprocessing joins the children
        _exit_hook = multiprocessing.util.Finalize(None, shutdown_ocr_pools, exitpriority=EXIT_PRIORITY)


def discard_pool(pool: cf.ProcessPoolExecutor, terminate: bool) -> None:
    """Forget ``pool`` so the next caller gets a fresh one; with ``terminate`` also kill
    its processes (a worker stuck in pdfium or tesseract never returns on its own)."""
    with _pools_lock:
        for key, value in list(_pools.items()):
            if value is pool:
                del _pools[key]
    if terminate:
        # ProcessPoolExecutor has no public way to kill workers before Python 3.14.
        for proc in list((getattr(pool, "_processes", None) or {}).values()):
            _kill_children(proc.pid)
            try:
                proc.terminate()
            except (OSError, ValueError, AttributeError):
                pass
    pool.shutdown(wait=False, cancel_futures=True)


def shutdown_ocr_pools() -> None:
    """For callers that want their workers gone now (tests, the end of a CLI run)."""
    with _pools_lock:
        pools = list(_pools.values())
        _pools.clear()
    for pool in pools:
        pool.shutdown(wait=True, cancel_futures=True)


def _kill_children(pid: int | None) -> None:
    """Best effort, Linux only: a terminated worker would leave its tesseract running."""
    if not pid:
        return
    try:
        task_dir = f"/proc/{pid}/task"
        child_pids = set()
        for tid in os.listdir(task_dir):
            with open(f"{task_dir}/{tid}/children") as fh:
                child_pids.update(int(c) for c in fh.read().split())
    except OSError:
        return
    for child in child_pids:
        try:
            os.kill(child, signal.SIGTERM)
        except OSError:
            pass


class OcrBatch:
    """The OCR pages of one document, submitted as soon as they are known (so OCR runs
    while the text layer of later pages is still being read) and collected in order
    against the document's deadline."""

    def __init__(self, workers: int | None, deadline: float, timeout_s: float) -> None:
        self.workers = workers
        self.deadline = deadline  # time.monotonic() value
        self.timeout_s = timeout_s
        self._jobs: dict[int, tuple[Callable[..., OcrOutcome], tuple[Any, ...]]] = {}
        self._futures: dict[int, cf.Future[OcrOutcome]] = {}
        self._pool: cf.ProcessPoolExecutor | None = None

    def __len__(self) -> int:
        return len(self._jobs)

    def deadline_epoch(self) -> float:
        return time.time() + (self.deadline - time.monotonic())

    def submit(self, key: int, fn: Callable[..., OcrOutcome], *args: Any) -> None:
        self._jobs[key] = (fn, args)
        self._futures[key] = self._submit(fn, args)

    def _submit(self, fn: Callable[..., OcrOutcome], args: tuple[Any, ...]) -> cf.Future[OcrOutcome]:
        for attempt in (1, 2):
            self._pool = self._pool or get_pool(self.workers)
            try:
                return self._pool.submit(fn, *args, self.deadline_epoch())
            except (BrokenProcessPool, RuntimeError):  # pool broken or shut down by another thread
                discard_pool(self._pool, terminate=False)
                self._pool = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def collect(self) -> tuple[dict[int, Page], list[Failure]]:
        """Pages by key, plus failures. A page lost with its pool (killed because
        another document timed out, or by the OOM killer) is retried once on a new pool."""
        pages: dict[int, Page] = {}
        failures: list[Failure] = []
        retried = False
        keys = sorted(self._futures)
        i = 0
        while i < len(keys):
            key = keys[i]
            future = self._futures[key]
            remaining = self.deadline - time.monotonic()
            try:
                if remaining <= 0 and not future.done():
                    raise cf.TimeoutError
                outcome = future.result(timeout=max(0.0, remaining))
            except cf.TimeoutError:
                failures.append(self._timeout_failure(len(pages)))
                self._abandon(keys[i:])
                return pages, failures
            except (BrokenProcessPool, cf.CancelledError):
                # CancelledError: another thread's document timed out with a stuck worker
                # and shut the shared pool down, cancelling our queued pages with it.
                if retried:
                    failures.append(
                        _fail(
                            "ocr_failed",
                            "The OCR worker pool was lost twice (a worker ran out of memory?); "
                            f"{len(keys) - i} page(s) were not read. Lower ReadSettings.dpi or split the file.",
                        )
                    )
                    return pages, failures
                retried = True
                log.warning("OCR pool broke; retrying %d page(s) on a fresh pool", len(keys) - i)
                if self._pool is not None:
                    discard_pool(self._pool, terminate=False)
                    self._pool = None
                for k in keys[i:]:
                    if not _finished_cleanly(self._futures[k]):
                        fn, args = self._jobs[k]
                        self._futures[k] = self._submit(fn, args)
                continue
            except Exception as exc:  # a library failing in a way the worker did not expect
                log.error("OCR of item %d failed unexpectedly", key, exc_info=exc)
                failures.append(
                    _fail(
                        "ocr_failed",
                        f"OCR of page {key + 1} failed unexpectedly "
                        f"({type(exc).__name__}: {exc}); the page was skipped.",
                    )
                )
                i += 1
                continue
            if outcome.page is not None:
                pages[key] = outcome.page
                failures.extend(outcome.failures)
            elif outcome.error_type == "read_timeout":
                failures.append(self._timeout_failure(len(pages)))
                self._abandon(keys[i + 1 :])
                return pages, failures
            else:
                failures.append(_fail(outcome.error_type or "ocr_failed", outcome.message or "OCR failed"))
            i += 1
        return pages, failures

    def _abandon(self, keys: Sequence[int]) -> None:
        futures = [self._futures[k] for k in keys]
        for fut in futures:
            fut.cancel()
        # Tasks already handed to a worker cannot be cancelled, but they see the passed
        # deadline and return at once (tesseract itself is killed at the deadline); only
        # one still busy after a short grace is really stuck, in pdfium or tesseract.
        started = [f for f in futures if not f.done()]
        stuck = cf.wait(started, timeout=STUCK_GRACE_S).not_done if started else set()
        if stuck and self._pool is not None:
            log.warning("%d OCR task(s) still running at the deadline; restarting the OCR pool", len(stuck))
            discard_pool(self._pool, terminate=True)
            self._pool = None

    def _timeout_failure(self, done: int) -> Failure:
        return _fail(
            "read_timeout",
            f"Reading stopped at the per-document time limit of {self.timeout_s:g} s; "
            f"{done} of {len(self._jobs)} OCR page(s) were finished. Raise the limit with "
            "`--timeout` (ReadSettings.timeout_s), or split the file into smaller parts.",
        )


def _finished_cleanly(future: cf.Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


def _fail(error_type: str, message: str) -> Failure:
    return Failure(stage="read", error_type=error_type, message=message)

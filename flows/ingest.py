"""The Prefect flow of an ingestion: the run loop of ``papeleo.run`` with one Prefect task
per document, so a scheduled run shows each document, its retries and its logs in the UI.

Thin on purpose: the loop, the discovery and the summary are the library's; this module
only says how a document is submitted. ``process_document`` never raises for bad input, so
a task fails only when writing failed — and only that is retried.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from papeleo import pipeline, run  # noqa: E402
from papeleo.context import Settings, process_context  # noqa: E402


def _is_transient(task, task_run, state) -> bool:
    return isinstance(state.result(raise_on_failure=False), pipeline.TransientWriteError)


@task(
    name="ingest-document",
    retries=len(run.WRITE_RETRY_DELAYS_S),
    retry_delay_seconds=list(run.WRITE_RETRY_DELAYS_S),
    retry_condition_fn=_is_transient,
    task_run_name="ingest {source}",
)
def ingest_document(source: str, out: str, settings: dict) -> dict:
    ctx = process_context(Settings(**settings))
    return pipeline.process_document(source, out, ctx=ctx).to_dict()


def prefect_submitter(out: str, settings: Settings) -> run.Submitter:
    def submit(sources: list[str], one: run.ProcessOne) -> Iterator[dict[str, Any]]:
        futures = {ingest_document.submit(s, out, settings.to_dict()): s for s in sources}
        for future in as_completed(list(futures)):
            try:
                yield future.result()
            except Exception as exc:  # writes kept failing after the retries
                yield run.gave_up(futures[future], out, exc)

    return submit


@flow(
    name="papeleo-ingest",
    task_runner=ThreadPoolTaskRunner(max_workers=run.DOCUMENTS_IN_FLIGHT),
    log_prints=False,
)
def ingest(
    paths: list[str],
    out: str = "output",
    max_pages: int = 300,
    timeout_s: float = 900.0,
    progress: bool = False,
    use_cache: bool = True,
) -> dict:
    """Ingest files and folders (recursively) into the Parquet datasets under ``out``."""
    logger = get_run_logger()
    settings = Settings(max_pages=max_pages, timeout_s=timeout_s, use_cache=use_cache)
    summary = run.run_ingest(paths, out, settings, progress=progress, submitter=prefect_submitter(out, settings))
    for failure in summary.failures:
        logger.warning("%s [%s/%s] %s", failure["source"], failure["stage"], failure["error_type"], failure["message"])
    logger.info("%d documents, %d failed", summary.documents, summary.failed_documents)
    return summary.to_dict()

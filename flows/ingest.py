"""The Prefect flow behind every ingestion: ``papeleo ingest`` and the nightly deployment
take the same path.

Thin on purpose: one task per document calls ``papeleo.pipeline.process_document``, which
never raises for bad input, so a task fails only when writing failed — and only that is
retried. One document's failure never fails the others or the flow.
"""

from __future__ import annotations

import os

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from papeleo import pipeline  # noqa: E402
from papeleo.report import Progress, RunSummary  # noqa: E402

# OCR runs in its own process pool; two documents in flight keep both cores busy
# without holding more than two documents in memory.
DOCUMENTS_IN_FLIGHT = 2


def _is_transient(task, task_run, state) -> bool:
    return isinstance(state.result(raise_on_failure=False), pipeline.TransientWriteError)


@task(name="ingest-document", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=_is_transient,
      task_run_name="ingest {source}")
def ingest_document(source: str, out: str, settings: dict) -> dict:
    return pipeline.process_document(source, out, pipeline.Settings(**settings)).to_dict()


@flow(name="papeleo-ingest", task_runner=ThreadPoolTaskRunner(max_workers=DOCUMENTS_IN_FLIGHT), log_prints=False)
def ingest(paths: list[str], out: str = "output", max_pages: int = 300, timeout_s: float = 900.0,
           progress: bool = False) -> dict:
    """Ingest files and folders (recursively) into the Parquet datasets under ``out``."""
    logger = get_run_logger()
    run = RunSummary()
    run.recovered = pipeline.prepare_output(out)
    settings = {"max_pages": max_pages, "timeout_s": timeout_s}
    sources = list(pipeline.discover(paths, run.skipped))  # paths only; documents stay on disk
    bar = Progress(len(sources), enabled=progress)
    futures = {ingest_document.submit(s, out, settings): s for s in sources}
    for future in as_completed(list(futures)):
        try:
            summary = future.result()
        except Exception as exc:  # writes kept failing after the retries
            source = futures[future]
            logger.error("giving up on %s: %s", source, exc)
            message = f"could not write its rows after retries ({exc}); free space or fix permissions under {out} and re-run"
            try:
                pipeline.write_crash(source, out, message)
            except OSError:
                pass
            summary = {"source": source, "doc_id": None, "doc_type": "unknown", "status": "failed", "rows": {},
                       "failures": [{"stage": "write", "error_type": "write_failed", "message": message}]}
        run.add(summary)
        bar.update(summary)
    bar.close()
    logger.info("%d documents, %d failed", run.documents, run.failed_documents)
    return run.to_dict()

"""The Prefect flow of an ingestion: the run loop of ``papeleo.run`` with one Prefect task
per document, so a scheduled run shows each document, its retries and its logs in the UI.

Thin on purpose: the loop, the discovery, the manifest and the summary are the library's;
this module only says how a document is submitted and how the run's outcome reaches
Prefect. ``process_document`` never raises for bad input, so a task fails only when writing
failed — and only that is retried.

Monitoring: a run in which any document could not be ingested ends **Failed**, with the
message "N of M document(s) failed" and one log line per failure (source, stage, type and
the reason a person can act on); its rows for the other documents are written all the same.
Failed, not a custom "Completed with failures" state, because every Prefect notification and
automation already watches for it. A markdown artifact (key ``papeleo-run``) holds the run's
summary and the run record's path (``<out>/_runs/<run id>.json``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

from prefect import flow, get_run_logger, task  # noqa: E402
from prefect.artifacts import create_markdown_artifact  # noqa: E402
from prefect.context import FlowRunContext  # noqa: E402
from prefect.futures import as_completed  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.states import Completed, Failed  # noqa: E402
from prefect.task_runners import ThreadPoolTaskRunner  # noqa: E402

from papeleo import pipeline, run, runlog, work  # noqa: E402
from papeleo.context import Settings  # noqa: E402
from papeleo.report import RunSummary, format_summary  # noqa: E402


def _is_transient(task, task_run, state) -> bool:
    return isinstance(state.result(raise_on_failure=False), pipeline.TransientWriteError)


@task(
    name="ingest-document",
    retries=len(work.WRITE_RETRY_DELAYS_S),
    retry_delay_seconds=list(work.WRITE_RETRY_DELAYS_S),
    retry_condition_fn=_is_transient,
    task_run_name="ingest {job[source]}",
)
def ingest_document(job: dict, out: str, settings: dict, isolated: bool = False) -> dict:
    """One document; ``isolated`` runs it in the flow process's pool of document processes
    (one per core), so documents in the flow's threads still use every core."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # a Dask or remote worker may not have it
    if isolated:
        return work.ingest_job_isolated(work.Job(**job), out, Settings(**settings))
    return work.ingest_job(work.Job(**job), out, Settings(**settings), retry_writes=False)


def prefect_submitter(out: str, settings: Settings, isolated: bool = False) -> run.Submitter:
    def submit(jobs: list[work.Job]) -> Iterator[dict[str, Any]]:
        futures = {ingest_document.submit(j.to_dict(), out, settings.to_dict(), isolated): j for j in jobs}
        for future in as_completed(list(futures)):
            try:
                yield future.result()
            except Exception as exc:  # writes kept failing after the retries
                yield work.gave_up(futures[future].source, out, exc)

    return submit


def on_threads() -> bool:
    """Whether this flow run's tasks run in threads of this process (the default runner)."""
    ctx = FlowRunContext.get()
    return ctx is None or isinstance(ctx.task_runner, ThreadPoolTaskRunner)


def summary_to_markdown(summary: RunSummary, out: str) -> str:
    links = "".join(
        f"- {name}: [{path}](file://{path})\n" for name, path in summary.published.items() if path.startswith("/")
    )
    return f"# papeleo run {summary.run_id}\n\n{links}\n```\n{format_summary(summary, out)}\n```\n"


@flow(
    name="papeleo-ingest",
    task_runner=ThreadPoolTaskRunner(max_workers=os.cpu_count() or 1),
    log_prints=False,
)
def ingest(
    paths: list[str],
    out: str = "output",
    max_pages: int = 300,
    timeout_s: float = 900.0,
    progress: bool = False,
    use_cache: bool = True,
    force: bool = False,
    prune: bool = False,
    fetch_max_mb: float = 100.0,
    fetch_timeout_s: float = 120.0,
    processes: bool = True,
    decisions: list[str] | None = None,
    compact: bool = True,
):
    """Ingest files, folders, globs, URLs and URL lists into the Parquet datasets under
    ``out``, skipping documents unchanged since their last ingestion unless ``force``;
    ``prune`` removes the rows of sources no longer given. With ``processes`` (and the
    default thread task runner) each document runs in a pool of document processes, one per
    core, which is also how many documents are in memory at once; on Dask the workers are the
    processes."""
    logger = get_run_logger()
    run.check_inputs(paths, out)  # a missing inbox fails the run at once, in one line
    settings = Settings(
        max_pages=max_pages,
        timeout_s=timeout_s,
        use_cache=use_cache,
        fetch_max_mb=fetch_max_mb,
        fetch_timeout_s=fetch_timeout_s,
        decisions=tuple(decisions or ()),
    )
    summary = run.run_ingest(
        paths,
        out,
        settings,
        progress=progress,
        submitter=prefect_submitter(out, settings, isolated=processes and on_threads()),
        force=force,
        prune=prune,
        compact=compact,
        run_id=runlog.new_run_id(flow_run.get_id()),
        report=True,  # the nightly record links the report page (papeleo report OUT)
    )
    for failure in summary.failures:
        logger.warning("%s [%s/%s] %s", failure["source"], failure["stage"], failure["error_type"], failure["message"])
    logger.info(
        "%d documents ingested, %d failed, %d unchanged; record %s",
        summary.documents,
        summary.failed_documents,
        len(summary.unchanged),
        summary.record_path,
    )
    try:
        create_markdown_artifact(
            key="papeleo-run", markdown=summary_to_markdown(summary, out), description="papeleo run summary"
        )
    except Exception as exc:  # an artifact is a convenience; the run record is on disk
        logger.warning("could not create the run's artifact: %s", exc)
    data = summary.to_dict()
    if summary.failed_documents:
        failed = f"{summary.failed_documents} of {summary.documents} document(s) failed; see the log and {out}/failures"
        return Failed(message=failed, data=data)
    return Completed(message=f"{summary.documents} document(s) ingested", data=data)

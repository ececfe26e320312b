"""The ingest flow on Dask: one Prefect task per document, run by Dask worker processes —
on this machine (a ``LocalCluster``) or on a cluster started elsewhere.

What changes against the default thread pool, and why the checks below exist:

- Every worker reads the sources and writes under ``out`` itself. Discovery runs in the flow
  process and each task gets the paths it found, so the inputs and the output root must be
  the same paths on every machine (a shared file system mounted at the same place). The
  store's per-document atomic writes make many writer processes safe.
- Dask's nanny starts workers as daemonic processes, and a daemonic process may not start
  children: the OCR page pool (``papeleo.readers.ocr``) then fails on the first scanned page
  with ``AssertionError: daemonic processes are not allowed to have children``, which
  becomes an ``internal_error`` failures row for every scan. Workers must run non-daemonic.
- Tesseract is fastest single-threaded with the parallelism across processes
  (../shared/notes/TOOLCHAIN.md), so every worker needs ``OMP_THREAD_LIMIT=1``.
- Non-daemonic pool processes outlive a worker that is killed: a nanny closing a worker that
  does not exit within seconds kills it (measured: in 4 of 6 runs), and its OCR pool stayed
  behind, orphaned. ``ShutDownOcrPools`` closes the pools when the worker closes.
- A task on a worker reports its state and logs to the API its flow run was given. Without a
  Prefect server (``PREFECT_API_URL``) there is none, so each worker process starts a
  temporary server of its own (about 10 s each) and reports its task runs there.

An external cluster, started for instance with::

    dask scheduler                                  # tcp://<host>:8786, dashboard on :8787
    OMP_THREAD_LIMIT=1 DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker tcp://<host>:8786 --nthreads 1

is checked before the run (``check_workers``): a daemonic worker is an error, a worker
without ``OMP_THREAD_LIMIT=1`` a warning; ``ShutDownOcrPools`` is registered with its scheduler.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from typing import Any

import dask
import distributed
from prefect.settings import get_current_settings
from prefect_dask import DaskTaskRunner

from flows.ingest import ingest

log = logging.getLogger(__name__)

# Workers of a LocalCluster. Two processes keep both cores of the project's machines busy; one
# thread each because a document is CPU-bound Python (read, classify, extract) that holds the
# GIL: a second thread per process would only interleave two documents, not speed them up.
DEFAULT_WORKERS = 2
DEFAULT_THREADS_PER_WORKER = 1
# The environment every worker needs (an external cluster sets it itself): tesseract single-
# threaded, 2.3 s/page against 5.1 s with OpenMP; parallelism comes from processes instead.
WORKER_ENV = {"OMP_THREAD_LIMIT": "1"}
# Where a LocalCluster serves its dashboard: Dask's usual port, so a bookmark keeps working.
# When it is taken (a second run, another cluster) Dask warns and picks a free port instead.
DASHBOARD_ADDRESS = ":8787"


class ShutDownOcrPools(distributed.WorkerPlugin):
    """Close the worker's OCR process pools when the worker closes, before its nanny may kill
    it: the pools' processes are not daemonic and would outlive it."""

    name = "papeleo-shut-down-ocr-pools"  # registering it twice replaces it

    def teardown(self, worker: distributed.Worker) -> None:
        from papeleo.readers import ocr

        ocr.shutdown_ocr_pools()


class WorkerSetupError(RuntimeError):
    """A Dask worker that would fail documents (e.g. daemonic: no OCR), found before the run."""


def local_cluster(**cluster_kwargs: Any) -> distributed.LocalCluster:
    """A ``LocalCluster`` whose workers may start the OCR process pool.

    Whether the nanny starts a worker as a daemon is read from this process's Dask config each
    time it (re)starts one, so the setting is made here, for the process's lifetime, rather
    than around the constructor: a worker the nanny restarts after a crash stays non-daemonic.
    It only concerns Dask worker processes started from this process.
    """
    dask.config.set({"distributed.worker.daemon": False})
    return distributed.LocalCluster(**cluster_kwargs)


def dask_task_runner(
    address: str | None = None,
    n_workers: int = DEFAULT_WORKERS,
    threads_per_worker: int = DEFAULT_THREADS_PER_WORKER,
) -> DaskTaskRunner:
    """The task runner that sends each document's task to Dask.

    ``address`` (``tcp://host:8786``): connect to that running scheduler; its workers must set
    ``OMP_THREAD_LIMIT=1`` and ``DASK_DISTRIBUTED__WORKER__DAEMON=False`` themselves (see the
    module docstring) and run the same papeleo as this process, since tasks are sent by
    reference to ``flows.ingest``; ``ingest_on_dask`` also checks them and registers
    ``ShutDownOcrPools``, this alone does not. ``None``: a ``LocalCluster`` of ``n_workers``
    processes with ``threads_per_worker`` threads each, started with the flow run and closed
    after it, its workers given ``WORKER_ENV``. ``n_workers`` and ``threads_per_worker`` apply
    only then.
    """
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_class=local_cluster,
        cluster_kwargs={
            "n_workers": n_workers,
            "threads_per_worker": threads_per_worker,
            "processes": True,
            "env": dict(WORKER_ENV),
            "plugins": (ShutDownOcrPools(),),
            "dashboard_address": DASHBOARD_ADDRESS,
        },
    )


def _worker_setup() -> dict[str, Any]:
    """Run on each worker by ``check_workers``."""
    return {
        "pid": os.getpid(),
        "daemon": multiprocessing.current_process().daemon,
        **{name: os.environ.get(name) for name in WORKER_ENV},
    }


def check_workers(client: distributed.Client) -> dict[str, dict[str, Any]]:
    """Each connected worker's setup, by address; raise ``WorkerSetupError`` if one is daemonic
    (every scanned page would fail there), warn if one lacks ``WORKER_ENV`` (tesseract would
    run multi-threaded, slower, unless the task sets it first). Workers that join later are
    not checked."""
    setups = client.run(_worker_setup)
    daemonic = sorted(addr for addr, setup in setups.items() if setup["daemon"])
    if daemonic:
        raise WorkerSetupError(
            f"Dask workers {', '.join(daemonic)} are daemonic processes and cannot start the OCR pool: "
            "start them with DASK_DISTRIBUTED__WORKER__DAEMON=False (or run `dask worker --no-nanny`)"
        )
    for addr, setup in sorted(setups.items()):
        missing = {k: v for k, v in WORKER_ENV.items() if setup.get(k) != v}
        if missing:
            log.warning("Dask worker %s was started without %s: set it where the worker starts", addr, missing)
    return setups


def _absolute(path: str) -> str:
    """A local path made absolute here, so a worker whose working directory differs still
    finds it; URLs (``s3://``, ``https://``) are left alone."""
    return path if "://" in path else os.path.abspath(path)


def ingest_on_dask(address: str | None = None, **flow_params: Any) -> dict:
    """Run the ``ingest`` flow with its document tasks on Dask and return its summary.

    ``address``: as in ``dask_task_runner`` (None: a 2-process LocalCluster for this run).
    ``flow_params``: the parameters of ``flows.ingest.ingest`` (``paths``, ``out``, ...).
    ``out`` must be a folder every worker can write and the sources must be readable from
    every worker at the same paths: a shared file system. Local paths are made absolute in this
    process. An external cluster's workers are checked first (``check_workers``). Returns, or
    raises, what calling ``ingest`` does.
    """
    if "paths" in flow_params:
        flow_params["paths"] = [_absolute(str(p)) for p in flow_params["paths"]]
    flow_params["out"] = _absolute(str(flow_params.get("out", "output")))
    if get_current_settings().api.url is None:
        log.warning(
            "no Prefect server configured (PREFECT_API_URL): each Dask worker will start a temporary "
            "server of its own (about 10 s) and report its document tasks there, not to this flow run's"
        )
    if address:
        with distributed.Client(address, set_as_default=False) as client:
            check_workers(client)
            client.register_plugin(ShutDownOcrPools())
    return ingest.with_options(task_runner=dask_task_runner(address))(**flow_params)

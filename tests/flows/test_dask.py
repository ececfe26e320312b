"""The ingest flow on Dask (``flows.dask``) writes the same rows as the plain in-process run,
and its document tasks really run in Dask worker processes that can start the OCR pool.

Text and text-layer samples only, to stay fast: that a worker can start the OCR process pool
(what failed on daemonic workers) is checked directly on each worker instead of by OCR'ing.
"""

from __future__ import annotations

import os
import shutil
import time

import pyarrow.parquet as pq
import pytest

import schemas
from helpers import SAMPLES

pytestmark = pytest.mark.prefect

SAMPLE_NAMES = ("mir_avance_ocr.txt", "convenio_asm_texto.pdf", "dictamen_puntajes_ocr.txt")
# Columns that legitimately differ between two runs of the same inputs, and why:
RUN_DEPENDENT = {
    "extracted_at": "documents: the wall-clock time the document's rows were written",
    "failed_at": "failures: the wall-clock time the failure was recorded",
}
WORKERS = 2
# The Prefect test server's first start on a fresh database took 18 s with both cores busy
# (../shared/notes/TOOLCHAIN.md); the harness's default limit is 30 s.
SERVER_STARTUP_TIMEOUT_S = 120
# How long an OCR pool shut down by the plugin may take to exit: its processes are idle, so
# well under a second; the margin is for a loaded machine.
POOL_EXIT_WAIT_S = 10.0


def _rows(out, dataset: str) -> list[str]:
    """A dataset's rows without the run-dependent columns, as sorted reprs (a NaN equals
    itself in a repr, not in ``==``)."""
    table = pq.read_table(out / dataset)
    table = table.drop_columns([c for c in RUN_DEPENDENT if c in table.column_names])
    return sorted(repr(sorted(row.items())) for row in table.to_pylist())


def _start_ocr_pool() -> int:
    """On a worker: start papeleo's OCR process pool, left running, and return its process's pid."""
    from papeleo.readers import ocr

    return ocr.get_pool(1).submit(os.getpid).result(timeout=60)


def _plugin_names(dask_worker) -> list[str]:
    return list(dask_worker.plugins)


async def _remove_plugin(name: str, dask_worker) -> str:
    """On a worker: remove a worker plugin, which runs its teardown; "OK", or "error" when the
    worker has no such plugin."""
    return (await dask_worker.plugin_remove(name))["status"]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_flow_on_dask_writes_the_rows_of_a_local_run(tmp_path, monkeypatch):
    import distributed
    from prefect.testing.utilities import prefect_test_harness

    from flows.dask import ShutDownOcrPools, check_workers, dask_task_runner, ingest_on_dask, local_cluster
    from papeleo import run

    # Prove the LocalCluster gives its workers OMP_THREAD_LIMIT, not that they inherit it from
    # this process (conftest sets it here).
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in SAMPLE_NAMES:
        shutil.copy(SAMPLES / name, inbox / name)
    on_dask, local = tmp_path / "on_dask", tmp_path / "local"

    runner = dask_task_runner(None, n_workers=WORKERS)
    assert runner.cluster_class is local_cluster
    # The cluster dask_task_runner(None) would start, but ours, to see its workers; the
    # dashboard on any free port so parallel test runs do not compete for 8787.
    cluster_kwargs = {**runner.cluster_kwargs, "dashboard_address": ":0"}
    # A test harness rather than the ephemeral server: a task on a worker reports to the API
    # URL its flow run had, and the ephemeral server has none, so every worker would start a
    # temporary server of its own (measured: about 10 s each).
    with (
        prefect_test_harness(server_startup_timeout=SERVER_STARTUP_TIMEOUT_S),
        local_cluster(**cluster_kwargs) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        worker_pids = client.run(os.getpid)
        assert len(worker_pids) == WORKERS and os.getpid() not in worker_pids.values()
        setups = check_workers(client)
        assert {(s["OMP_THREAD_LIMIT"], s["daemon"]) for s in setups.values()} == {("1", False)}
        # given by the LocalCluster's worker arguments; ingest_on_dask registers it again below
        assert all(ShutDownOcrPools.name in names for names in client.run(_plugin_names).values())
        with distributed.get_task_stream(client) as stream:
            ingest_on_dask(cluster.scheduler_address, paths=[str(inbox)], out=str(on_dask))
        # After the run, when the workers have imported papeleo already: on a daemonic worker
        # this raised "daemonic processes are not allowed to have children".
        pool_pids = client.run(_start_ocr_pool)
        assert all(pool_pids[w] not in (worker_pids[w], os.getpid()) for w in worker_pids)
        # A worker its nanny kills on close (it happens in some closes, not all) used to leave its
        # pool running. Closing a cluster does not reliably show that, so run the plugin's
        # teardown, as a closing worker does, while the workers live: their pools must go.
        assert set(client.run(_remove_plugin, ShutDownOcrPools.name).values()) == {"OK"}
        deadline = time.monotonic() + POOL_EXIT_WAIT_S
        while any(map(_alive, pool_pids.values())) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(map(_alive, pool_pids.values()))

    # Every document's task ran on a Dask worker process, none in this one: a flow that fell
    # back to its thread pool would leave the task stream empty.
    ran_on = [record["worker"] for record in stream.data]
    assert len(ran_on) == len(SAMPLE_NAMES) and set(ran_on) <= set(worker_pids)

    run.run_ingest([str(inbox)], str(local), progress=False)
    assert len(_rows(local, "documents")) == len(SAMPLE_NAMES)
    for dataset in schemas.DATASETS:
        assert _rows(on_dask, dataset) == _rows(local, dataset), dataset

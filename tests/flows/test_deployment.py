"""The nightly deployment (prefect.yaml, flows/deployment.py, flows/local_server.py, ``make serve``).

The end-to-end test runs ``python -m flows.deployment serve`` — what ``make serve`` runs —
with a temporary Prefect home, a free loopback port and the parameters pointed at a copy of
one sample: it starts a real server, creates the process work pool, deploys prefect.yaml
with ``prefect deploy`` and starts a worker. The test then checks the deployment the server
holds (schedule, time zone, concurrency), triggers a run as a person would (``prefect
deployment run``), waits for its end and reads its rows; then stops everything the way
Ctrl-C does. Expected counts come from the sample's golden, written by the generator.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pandas as pd
import pytest
import yaml

from flows import deployment, local_server
from helpers import ROOT

SAMPLE = ROOT / "samples" / "mir_avance_ocr.txt"
GOLDEN = ROOT / "tests" / "families" / "mir_avance" / "goldens" / "samples" / "mir_avance_ocr.txt.json"
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}

# serve's server, first start on a new database (10 s idle, 40 s measured with both cores busy),
# plus `prefect deploy` (10-20 s) and the worker's start: generous, since a slow machine is no bug
SERVE_READY_TIMEOUT_S = 240.0
# the run: the worker's poll (10 s), a new flow-run process (~10 s), one two-page text document
RUN_TIMEOUT_S = 240.0
# Ctrl-C to the end of serve: the worker and the server each get local_server.STOP_TIMEOUT_S
STOP_TIMEOUT_S = 3 * local_server.STOP_TIMEOUT_S
# one request to the local server
REQUEST_TIMEOUT_S = 10.0
POLL_S = 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(url: str, method: str = "GET", body: dict | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_S) as response:
        return json.load(response)


def serve_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)  # no server configured: serve starts its own
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="120",
        OMP_THREAD_LIMIT="1",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    )
    return env


def test_prefect_yaml_declares_the_nightly_schedule_and_the_flows_parameters():
    spec = deployment.load_deployment()
    assert spec["entrypoint"] == "flows/ingest.py:ingest"
    assert spec["schedules"] == [{"cron": "0 2 * * *", "timezone": "America/Mexico_City", "active": True}]
    assert spec["concurrency_limit"] == {"limit": 1, "collision_strategy": "CANCEL_NEW"}
    assert spec["work_pool"]["name"] == "papeleo-local"
    from flows.ingest import ingest

    assert set(spec["parameters"]) <= set(ingest.parameters.properties)  # names the flow takes
    assert set(spec["parameters"]) >= {"paths", "out", "max_pages", "timeout_s"}
    deployment.check_parameters(spec["parameters"])  # the defaults deploy as they are
    pull = yaml.safe_load(deployment.PREFECT_YAML.read_text("utf-8"))["pull"]
    assert list(pull[0]) == ["prefect.deployments.steps.set_working_directory"]


def test_sources_are_checked_before_deploying(tmp_path):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "a_file").write_text("x")
    ok = {"out": str(tmp_path / "out")}
    for paths in (
        [str(tmp_path / "inbox")],
        ["https://example.org/informe.pdf"],
        [str(tmp_path / "inbox" / "*.pdf")],  # matching nothing yet: the inbox may fill before the night
        [f"file://{tmp_path / 'inbox'}"],
        ["samples"],  # relative: under the project root, where the worker runs the flow
    ):
        deployment.check_parameters({"paths": paths, **ok})
    refused = {
        "input not found": {"paths": [str(tmp_path / "missing")], **ok},
        "input not found: " + str(tmp_path / "no") + " (": {"paths": [str(tmp_path / "no" / "*.pdf")], **ok},
        "file:///nowhere": {"paths": ["file:///nowhere"], **ok},
        "input not found: " + str(ROOT / "~"): {"paths": ["~"], **ok},  # the flow run does not expand ~
        "'ftp:' URLs are not fetched": {"paths": ["ftp://example.org/informe.pdf"], **ok},  # the run's own check
        "non-empty list": {"paths": [], **ok},
        "is a file": {"paths": [str(tmp_path / "inbox")], "out": str(tmp_path / "a_file")},
        "max_pages": {"paths": [str(tmp_path / "inbox")], **ok, "max_pages": 0},
    }
    for expected, parameters in refused.items():
        with pytest.raises(deployment.UsageError, match=re.escape(expected)):
            deployment.check_parameters(parameters)
    assert deployment.parse_param("paths=/data/inbox") == ("paths", ["/data/inbox"])
    assert deployment.parse_param('paths=["a", "b"]') == ("paths", ["a", "b"])
    assert deployment.parse_param("max_pages=50") == ("max_pages", 50)
    assert deployment.parse_param("out=/data/papeleo") == ("out", "/data/papeleo")


@pytest.mark.parametrize("command", ["serve", "deploy"])
def test_a_missing_inbox_is_refused_in_one_line_before_anything_starts(tmp_path, command):
    home = tmp_path / "home"
    missing = tmp_path / "buzón"
    port = ["--port", str(free_port())] if command == "serve" else []
    result = subprocess.run(
        [sys.executable, "-m", "flows.deployment", command, *port, "--param", f"paths={missing}"],
        cwd=ROOT,
        env=serve_env(home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.strip().splitlines() == [
        f"papeleo {command}: the deployment's parameters: input not found: {missing}"
        " (check the path, accents and spaces included)"
    ]
    assert not home.exists()  # no server was started, nothing was written


def test_deploying_without_a_server_is_refused(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "flows.deployment", "deploy"],
        cwd=ROOT,
        env=serve_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no Prefect server: set PREFECT_API_URL" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture
def served(tmp_path):
    """``serve`` in its own process group, so the teardown can kill the server, the worker
    and any flow run it left even if serve's own cleanup failed."""
    home, inbox, out = tmp_path / "home", tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    shutil.copy(SAMPLE, inbox / SAMPLE.name)
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "flows.deployment", "serve", "--port", str(port)]
            + ["--param", f"paths={inbox}", "--param", f"out={out}"],
            cwd=ROOT,
            env=serve_env(home),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    try:
        yield {"process": process, "port": port, "home": home, "inbox": inbox, "out": out, "log": log_path}
    finally:
        try:  # serve, and whatever is left in its group (server, worker, flow run)
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait()


def wait_for(what: str, check, timeout_s: float, served: dict):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if (value := check()) is not None:
            return value
        if served["process"].poll() is not None:
            pytest.fail(f"serve exited ({served['process'].returncode}) before {what}:\n{served['log'].read_text()}")
        time.sleep(POLL_S)
    pytest.fail(f"no {what} within {timeout_s:.0f} s:\n{served['log'].read_text()[-4000:]}")


@pytest.mark.prefect
def test_make_serve_runs_the_deployment_on_a_worker_and_stops_on_ctrl_c(served):
    base = f"http://127.0.0.1:{served['port']}/api"
    wait_for(
        "serve ready",
        lambda: True if "Ctrl-C stops" in served["log"].read_text() else None,
        SERVE_READY_TIMEOUT_S,
        served,
    )

    held = api(f"{base}/deployments/name/papeleo-ingest/papeleo-nightly")
    assert [(s["schedule"]["cron"], s["schedule"]["timezone"], s["active"]) for s in held["schedules"]] == [
        ("0 2 * * *", "America/Mexico_City", True)
    ]
    # Prefect 3.8.8 answers concurrency_limit null and holds the limit in a global limit
    limit = held["concurrency_limit"] or held["global_concurrency_limit"]["limit"]
    assert limit == 1 and held["concurrency_options"]["collision_strategy"] == "CANCEL_NEW"
    assert held["work_pool_name"] == "papeleo-local"
    assert held["pull_steps"] == [{"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
    assert held["parameters"]["paths"] == [str(served["inbox"])]
    assert held["parameters"]["out"] == str(served["out"])
    pool = api(f"{base}/work_pools/papeleo-local")
    assert pool["type"] == "process"

    env = {**serve_env(served["home"]), "PREFECT_API_URL": base}
    triggered = subprocess.run(
        [local_server.PREFECT, "deployment", "run", "papeleo-ingest/papeleo-nightly"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert triggered.returncode == 0, triggered.stdout + triggered.stderr
    run_id = re.search(r"UUID: ([0-9a-f-]{36})", triggered.stdout).group(1)

    def final_state():
        state = api(f"{base}/flow_runs/{run_id}")["state"]
        return state if state and state["type"] in FINAL else None

    state = wait_for("final state of the triggered run", final_state, RUN_TIMEOUT_S, served)
    # a run with a failed document ends Failed by design: the rows say whether it worked
    assert state["type"] != "CANCELLED", state

    golden = json.loads(GOLDEN.read_text("utf-8"))
    documents = pd.read_parquet(served["out"] / "documents")
    source = str(served["inbox"] / SAMPLE.name)
    assert documents["source"].tolist() == [source], (state, served["log"].read_text()[-4000:])
    assert documents["doc_type"].tolist() == [golden["documents"]["doc_type"]]
    indicators = pd.read_parquet(served["out"] / "indicators")
    assert len(indicators) == len(golden["indicators"])

    os.killpg(served["process"].pid, signal.SIGINT)  # Ctrl-C in the terminal reaches the group
    assert served["process"].wait(STOP_TIMEOUT_S) == 0
    with pytest.raises((urllib.error.URLError, OSError)):
        api(f"{base}/health")

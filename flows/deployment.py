"""The nightly deployment: ``prefect.yaml`` applied to a Prefect server, and ``make serve``.

``prefect.yaml`` is the one description of the deployment (schedule, time zone, concurrency
limit, parameters, work pool, pull step). This module does not restate it: after its own
checks it runs ``prefect deploy`` from the project root, so the file is read by Prefect
itself and the deployment ``make serve`` makes is the one ``prefect deploy --name
papeleo-nightly`` makes by hand — a second reading of the file in Python would drift from
Prefect's the first time either changed. What it adds is what ``prefect deploy`` does not do:

- it checks the parameters before deploying: a missing local inbox or an output root that is
  a file is refused in one line (exit 2), instead of a schedule that fails every night;
- it refuses to deploy without a real server (``PREFECT_API_URL``): an ephemeral one vanishes
  with the command and never fires a schedule;
- it creates the process work pool when it is missing;
- ``serve`` starts a local server on loopback when no server is configured, deploys, cancels
  runs left overdue while no worker was polling (they would start at once with the
  parameters they were created with), and runs the pool's worker in the foreground; Ctrl-C
  stops the worker and the server it started.

    python -m flows.deployment serve  [--param KEY=JSON]... [--pool NAME] [--port 4200]
    python -m flows.deployment deploy [--param KEY=JSON]... [--pool NAME]   # PREFECT_API_URL set
    python -m flows.deployment stop                                          # after a killed serve

See docs/nightly.md.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger("papeleo.deployment")

ROOT = Path(__file__).resolve().parents[1]
PREFECT_YAML = ROOT / "prefect.yaml"
FLOW_NAME = "papeleo-ingest"
DEPLOYMENT_NAME = "papeleo-nightly"
PREFECT = str(Path(sys.executable).with_name("prefect"))  # the CLI of this virtualenv

# The local server listens on loopback only: the API has no authentication.
HOST = "127.0.0.1"
PORT = 4200

# How long a new server may take to answer /api/health. Measured: ~10 s on an idle machine,
# 40 s for a first start (new database) with both cores busy. Longer only delays the report
# of a server that will not come up; shorter gives up on a slow first start.
SERVER_STARTUP_TIMEOUT_S = 120.0
# Between two health checks: a quick start is seen quickly, without busy-polling.
HEALTH_POLL_S = 0.5
# One health request: loopback answers in milliseconds; a port held by something that
# accepts and never answers must not hold a check up.
HEALTH_REQUEST_TIMEOUT_S = 2.0
# `prefect deploy` imports the flow and runs the build step: 10-20 s measured. The bound only
# keeps an unresponsive server from hanging `make serve`.
DEPLOY_TIMEOUT_S = 180.0
# After Ctrl-C, how long the worker and the server get to stop by themselves before they are
# killed: enough for a worker to tell the server it is going and for the server to close its
# database, short enough that stopping does not look hung.
STOP_TIMEOUT_S = 20.0
# A scheduled run more overdue than this when the worker starts was left while no worker
# polled; it would start at once with the parameters it was created with, so it is cancelled
# (the next night runs with the current ones). Ten minutes keeps a run someone triggered just
# before restarting `make serve`.
STALE_RUN_AFTER_S = 600.0

URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


class UsageError(ValueError):
    """What the user can fix before anything starts: said in one line, exit 2."""


# --- the deployment's description and its parameters ---------------------------------------


def load_deployment(prefect_yaml: Path = PREFECT_YAML, name: str = DEPLOYMENT_NAME) -> dict[str, Any]:
    """The deployment's entry in prefect.yaml, read only for the checks made before
    ``prefect deploy`` (its parameters and work pool); Prefect reads the file for the rest."""
    spec = yaml.safe_load(prefect_yaml.read_text("utf-8")) or {}
    for deployment in spec.get("deployments") or []:
        if deployment.get("name") == name:
            return deployment
    raise UsageError(f"{prefect_yaml} has no deployment named {name!r}")


def parse_param(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` with VALUE read as JSON when it is JSON (``max_pages=50``,
    ``paths=["/data/inbox"]``) and as a string otherwise (``out=/data/papeleo``), as
    ``prefect deploy --param`` reads it. A lone string for ``paths`` is a list of one."""
    key, sep, raw = text.partition("=")
    if not sep or not key:
        raise UsageError(f"--param {text!r}: write KEY=VALUE, e.g. out=/data/papeleo or 'paths=[\"/data/inbox\"]'")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        value = raw
    if key == "paths" and isinstance(value, str):
        value = [value]
    return key, value


def resolve_local(path: str, root: Path = ROOT) -> Path:
    """Where the worker will look for a local path: the pull step makes the project root the
    flow run's working directory, so a relative path is under it, wherever this runs from."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else root / p


def check_parameters(parameters: dict[str, Any], root: Path = ROOT) -> None:
    """Refuse, in one line, parameters that would fail every night: no sources, a missing
    local source (a glob's folder included: a glob matching nothing tonight is a quiet night,
    under a missing folder it is a typo), an output root that is a file or cannot be written,
    a non-positive page cap or timeout. URLs are not fetched here: they are checked by the run."""
    paths = parameters.get("paths")
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) and p for p in paths):
        raise UsageError(
            f"the deployment's paths must be a non-empty list of files, folders, globs or URLs, got {paths!r}"
        )
    missing = []
    for source in paths:
        if source.startswith("file://"):
            local = Path(urllib.request.url2pathname(source[len("file://") :]))
        elif URL.match(source):
            continue
        else:
            local = resolve_local(source, root)
        if glob.has_magic(str(local)):  # the folder before the first wildcard
            first = next(i for i, part in enumerate(local.parts) if glob.has_magic(part))
            local = Path(*local.parts[:first])
        if not local.exists():
            missing.append(source)
    if missing:
        raise UsageError(
            f"input not found: {', '.join(missing)} (the deployment's paths; relative paths are under {root})"
        )
    out = resolve_local(str(parameters.get("out", "output")), root)
    if out.exists() and not out.is_dir():
        raise UsageError(f"the output root {out} is a file; give a folder (it is created when missing)")
    existing = out
    while not existing.exists():
        existing = existing.parent
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"the output root {out} cannot be written ({existing} is not writable by this user)")
    for key in ("max_pages", "timeout_s"):
        value = parameters.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value <= 0):
            raise UsageError(f"the deployment's {key} must be a positive number, got {value!r}")


# --- a Prefect server ----------------------------------------------------------------------


def configured_api_url() -> str | None:
    """The server Prefect is pointed at (``PREFECT_API_URL``, from the environment or the
    active profile), or None when it would start an ephemeral one."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def prefect_home() -> Path:
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home).expanduser()


def healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=HEALTH_REQUEST_TIMEOUT_S) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def wait_healthy(api_url: str, process: subprocess.Popen | None, log_path: Path | None) -> None:
    """Wait for the server's /api/health, failing early when its process exits (a port in
    use, a broken database) with the end of its log."""
    deadline = time.monotonic() + SERVER_STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if healthy(api_url):
            return
        if process is not None and process.poll() is not None:
            tail = log_path.read_text("utf-8", "replace").strip().splitlines()[-5:] if log_path else []
            raise RuntimeError(f"the Prefect server exited ({process.returncode}): " + " | ".join(tail))
        time.sleep(HEALTH_POLL_S)
    raise RuntimeError(f"the Prefect server at {api_url} did not answer within {SERVER_STARTUP_TIMEOUT_S:.0f} s")


def start_server(port: int, home: Path) -> subprocess.Popen:
    """``prefect server start`` on loopback, its output in ``<PREFECT_HOME>/server.log``. It
    stays in this process group: Ctrl-C in the terminal reaches it too."""
    home.mkdir(parents=True, exist_ok=True)
    with open(home / "server.log", "ab") as log_file:
        return subprocess.Popen(
            [PREFECT, "server", "start", "--host", HOST, "--port", str(port)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=prefect_env(None),
        )


def prefect_env(api_url: str | None) -> dict[str, str]:
    """The environment of the Prefect commands started here: this virtualenv first on PATH
    (the worker starts flow runs with it), the project's settings, and the server to talk to."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    env.setdefault("OMP_THREAD_LIMIT", "1")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    else:
        env.pop("PREFECT_API_URL", None)
    return env


@contextlib.contextmanager
def pointed_at(api_url: str) -> Iterator[None]:
    """Prefect's client in this process aimed at ``api_url`` (settings are read at import)."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        yield


# --- deploying -----------------------------------------------------------------------------


def ensure_work_pool(name: str) -> bool:
    """Create the work pool as a ``process`` pool when it is missing; an existing pool, of
    whatever type, is used as it is. Returns whether it was created."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectNotFound
    from prefect.workers.process import ProcessWorker

    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(name)
            return False
        except ObjectNotFound:
            template = ProcessWorker.get_default_base_job_template()
            client.create_work_pool(WorkPoolCreate(name=name, type="process", base_job_template=template))
            return True


def run_prefect_deploy(api_url: str, overrides: dict[str, Any], pool: str | None) -> None:
    """``prefect deploy`` of this deployment from the project root (where prefect.yaml and the
    entrypoint are, and where its build step takes the path the pull step goes to)."""
    command = [PREFECT, "deploy", "--no-prompt", "--name", DEPLOYMENT_NAME]
    if overrides:
        command += ["--params", json.dumps(overrides)]  # merged over prefect.yaml's parameters
    if pool:
        command += ["--pool", pool]
    result = subprocess.run(
        command,
        cwd=ROOT,
        env=prefect_env(api_url),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=DEPLOY_TIMEOUT_S,
    )
    log.debug("prefect deploy:\n%s%s", result.stdout, result.stderr)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr).strip().splitlines()[-8:]
        raise RuntimeError("prefect deploy failed:\n" + "\n".join(tail))


def deploy(api_url: str, overrides: dict[str, Any], pool: str | None = None, check_sources: bool = True) -> str:
    """Check, create the pool if missing, and deploy. Returns the work pool's name."""
    spec = load_deployment()
    parameters = {**(spec.get("parameters") or {}), **overrides}
    if check_sources:
        check_parameters(parameters)
    pool = pool or (spec.get("work_pool") or {}).get("name")
    if not pool:
        raise UsageError(f"{PREFECT_YAML.name} names no work pool for {DEPLOYMENT_NAME}; pass --pool")
    with pointed_at(api_url):
        if ensure_work_pool(pool):
            log.info("created the process work pool %s", pool)
    run_prefect_deploy(api_url, overrides, pool)
    log.info("deployed %s/%s to %s (pool %s) with %s", FLOW_NAME, DEPLOYMENT_NAME, api_url, pool, parameters)
    return pool


def cancel_stale_runs(api_url: str) -> list[str]:
    """Cancel this deployment's scheduled runs overdue by more than ``STALE_RUN_AFTER_S``:
    left while no worker polled, they would start now with the parameters they were made
    with. Returns their names."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterExpectedStartTime,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.states import Cancelled

    cutoff = datetime.now(UTC) - timedelta(seconds=STALE_RUN_AFTER_S)
    with pointed_at(api_url), get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name(f"{FLOW_NAME}/{DEPLOYMENT_NAME}")
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment.id])),
            flow_run_filter=FlowRunFilter(
                state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED])),
                expected_start_time=FlowRunFilterExpectedStartTime(before_=cutoff),
            ),
        )
        for run in runs:
            message = f"overdue since {run.expected_start_time} while no worker polled; cancelled by make serve"
            client.set_flow_run_state(run.id, Cancelled(message=message), force=True)
            log.warning("cancelled run %s (%s): %s", run.name, run.parameters, message)
    return [run.name for run in runs]


# --- serve and stop --------------------------------------------------------------------------


class Stop(Exception):
    """SIGTERM, handled like Ctrl-C."""


def _raise_stop(signum, frame) -> None:
    raise Stop()


def stop_process(process: subprocess.Popen, name: str, first: int) -> None:
    """Send ``first``, wait ``STOP_TIMEOUT_S``, then kill. The worker gets SIGINT, as from a
    terminal: one whose server had gone was seen to ignore SIGTERM for 15 s and stop on SIGINT."""
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(first)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            log.warning("the %s did not stop within %.0f s; killing it", name, STOP_TIMEOUT_S)
            process.kill()
            process.wait()
    log.info("stopped the %s", name)


def write_pids(home: Path, pids: dict[str, int]) -> None:
    (home / "serve.pids.json").write_text(json.dumps(pids), "utf-8")


def serve(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    """``make serve``: a server (started here on loopback unless one is configured), the work
    pool, the deployment, and the pool's worker in the foreground until Ctrl-C."""
    spec = load_deployment()
    if not args.no_check_sources:  # before starting anything
        check_parameters({**(spec.get("parameters") or {}), **overrides})
    home = prefect_home()
    home.mkdir(parents=True, exist_ok=True)
    api_url = configured_api_url()
    server: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    # Ctrl-C must reach this process and, through it, the server and worker: a shell starting
    # a command in the background makes it ignore SIGINT, and children inherit that.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        if api_url:
            log.info("using the Prefect server at %s (PREFECT_API_URL)", api_url)
            with pointed_at(api_url), _client() as client:  # the client: a shared server may want auth
                if (error := client.api_healthcheck()) is not None:
                    raise UsageError(
                        f"no Prefect server answers at {api_url} (PREFECT_API_URL): {error}; start it, "
                        "or unset PREFECT_API_URL and make serve starts one"
                    )
            ui_url = _ui_url(api_url)
        else:
            api_url = f"http://{HOST}:{args.port}/api"
            ui_url = f"http://{HOST}:{args.port}"
            if healthy(api_url):
                log.info("a Prefect server already answers at %s; using it (it keeps running after this)", api_url)
            else:
                log.info("starting a Prefect server on %s (log: %s)", api_url, home / "server.log")
                server = start_server(args.port, home)
                write_pids(home, {"server": server.pid})
                wait_healthy(api_url, server, home / "server.log")
        pool = deploy(api_url, overrides, args.pool, check_sources=False)
        cancel_stale_runs(api_url)
        worker = subprocess.Popen(
            [PREFECT, "worker", "start", "--pool", pool], cwd=ROOT, env=prefect_env(api_url), stdin=subprocess.DEVNULL
        )
        write_pids(home, {"server": server.pid, "worker": worker.pid} if server else {"worker": worker.pid})
        stops = "the worker and the server" if server else "the worker (the server keeps running)"
        sys.stdout.write(
            f"\npapeleo nightly: {FLOW_NAME}/{DEPLOYMENT_NAME} on pool {pool}\n"
            f"  UI:    {ui_url}\n"
            f"  API:   {api_url}\n"
            f"  a run now: PREFECT_API_URL={api_url} .venv/bin/prefect deployment run '{FLOW_NAME}/{DEPLOYMENT_NAME}'\n"
            f"  Ctrl-C stops {stops}.\n\n"
        )
        sys.stdout.flush()
        code = worker.wait()
        log.error("the worker exited (%s)", code)
        return 1
    except (KeyboardInterrupt, Stop):
        log.info("stopping")
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the cleanup short
        if worker is not None:
            stop_process(worker, "worker", signal.SIGINT)
        if server is not None:
            stop_process(server, "Prefect server", signal.SIGTERM)
        with contextlib.suppress(FileNotFoundError):
            (home / "serve.pids.json").unlink()
        signal.signal(signal.SIGTERM, previous)


def stop(home: Path) -> int:
    """Stop the server and worker a killed ``serve`` left behind (``serve.pids.json``), each
    only while its process is still that Prefect command (a pid can be reused)."""
    path = home / "serve.pids.json"
    if not path.exists():
        sys.stdout.write("papeleo: no server or worker started by make serve is recorded\n")
        return 0
    for name, pid in json.loads(path.read_text("utf-8")).items():
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if "prefect" in command and ("server" in command or "worker" in command):
            os.kill(pid, signal.SIGINT if name == "worker" else signal.SIGTERM)
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(HEALTH_POLL_S)
            if Path(f"/proc/{pid}").exists():
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            log.info("stopped the %s (pid %d)", name, pid)
    path.unlink()
    return 0


def _client():
    from prefect.client.orchestration import get_client

    return get_client(sync_client=True)


def _ui_url(api_url: str) -> str:
    from prefect.settings import get_current_settings

    with pointed_at(api_url):
        return get_current_settings().ui_url or api_url.rstrip("/").removesuffix("/api")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.deployment", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("serve", "server (unless PREFECT_API_URL names one), work pool, deployment and a worker until Ctrl-C"),
        ("deploy", "create or update the deployment on the server PREFECT_API_URL names"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--param", action="append", default=[], metavar="KEY=VALUE", help="override a parameter")
        sub.add_argument(
            "--pool", help="an existing work pool instead of prefect.yaml's (created as process if missing)"
        )
        sub.add_argument(
            "--no-check-sources", action="store_true", help="do not check local paths here (workers elsewhere)"
        )
        if name == "serve":
            sub.add_argument("--port", type=int, default=PORT, help="port of the local server")
    commands.add_parser("stop", help="stop a server and worker a killed serve left running")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="papeleo %(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request of Prefect's client
    try:
        if args.command == "stop":
            return stop(prefect_home())
        overrides = dict(parse_param(p) for p in args.param)
        if args.command == "serve":
            return serve(args, overrides)
        if not args.no_check_sources:  # before asking Prefect anything
            check_parameters({**(load_deployment().get("parameters") or {}), **overrides})
        api_url = configured_api_url()
        if not api_url:
            raise UsageError(
                "no Prefect server: set PREFECT_API_URL (an ephemeral server would forget the deployment "
                "and never fire its schedule), or use make serve"
            )
        deploy(api_url, overrides, args.pool, check_sources=False)
        return 0
    except UsageError as exc:
        sys.stderr.write(f"papeleo {args.command}: {exc}\n")
        return 2
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        log.error("%s", exc)
        return 1


if __name__ == "__main__":
    sys.exit(main())

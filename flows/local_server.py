"""A Prefect server and a worker on this machine, for ``make serve`` and ``make serve-stop``.

``serve`` uses the server Prefect is configured with (``PREFECT_API_URL``) when there is one,
and otherwise starts ``prefect server start`` on loopback (the API has no authentication) with
its database and log under ``PREFECT_HOME``; it then has the deployment made (a function it is
given: what is deployed is ``flows.deployment``'s business, not this module's) and runs the
work pool's worker in the foreground. Ctrl-C or SIGTERM stops the worker and the server it
started, each given ``STOP_TIMEOUT_S`` before it is killed. ``stop`` stops what a killed
``serve`` left running, from the pids it recorded.

Also here, because ``flows.deployment`` (which imports this module, never the reverse) uses
them too: the project root, the Prefect CLI of this virtualenv (``PREFECT``), the environment
Prefect commands run in (``prefect_env``), Prefect's client in this process aimed at a server
(``pointed_at``), the settings naming the server and its home, and ``UsageError``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger("papeleo.local_server")

# The checkout: the worker runs in it, as the deployment's pull step makes its flow runs do.
ROOT = Path(__file__).resolve().parents[1]
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
# After Ctrl-C, how long the worker and the server get to stop by themselves before they are
# killed: enough for a worker to tell the server it is going and for the server to close its
# database, short enough that stopping does not look hung.
STOP_TIMEOUT_S = 20.0


class UsageError(ValueError):
    """What the user can fix before anything starts: said in one line, exit 2."""


# --- which server, and how to talk to it ---------------------------------------------------


def configured_api_url() -> str | None:
    """The server Prefect is pointed at (``PREFECT_API_URL``, from the environment or the
    active profile), or None when it would start an ephemeral one."""
    from prefect.settings import get_current_settings

    return get_current_settings().api.url


def prefect_home() -> Path:
    from prefect.settings import get_current_settings

    return Path(get_current_settings().home).expanduser()


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


# --- a local server ------------------------------------------------------------------------


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


def serve(port: int, deploy: Callable[[str], str], deployment: str) -> int:
    """``make serve``: a server (started here on ``port`` of loopback unless one is
    configured), ``deploy(api_url)`` — which makes the deployment ``deployment`` (flow/name)
    there and returns its work pool — and the pool's worker in the foreground until Ctrl-C."""
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
            api_url = f"http://{HOST}:{port}/api"
            ui_url = f"http://{HOST}:{port}"
            if healthy(api_url):
                log.info("a Prefect server already answers at %s; using it (it keeps running after this)", api_url)
            else:
                log.info("starting a Prefect server on %s (log: %s)", api_url, home / "server.log")
                server = start_server(port, home)
                write_pids(home, {"server": server.pid})
                wait_healthy(api_url, server, home / "server.log")
        pool = deploy(api_url)
        worker = subprocess.Popen(
            [PREFECT, "worker", "start", "--pool", pool], cwd=ROOT, env=prefect_env(api_url), stdin=subprocess.DEVNULL
        )
        write_pids(home, {"server": server.pid, "worker": worker.pid} if server else {"worker": worker.pid})
        stops = "the worker and the server" if server else "the worker (the server keeps running)"
        sys.stdout.write(
            f"\npapeleo nightly: {deployment} on pool {pool}\n"
            f"  UI:    {ui_url}\n"
            f"  API:   {api_url}\n"
            f"  a run now: PREFECT_API_URL={api_url} .venv/bin/prefect deployment run '{deployment}'\n"
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

"""The nightly deployment: ``prefect.yaml`` applied to a Prefect server, and ``make serve``.

``prefect.yaml`` is the one description of the deployment (schedule, time zone, concurrency
limit, parameters, work pool, pull step). This module does not restate it: after its own
checks it runs ``prefect deploy`` from the project root, so the file is read by Prefect
itself and the deployment ``make serve`` makes is the one ``prefect deploy --name
papeleo-nightly`` makes by hand — a second reading of the file in Python would drift from
Prefect's the first time either changed. What it adds is what ``prefect deploy`` does not do:

- it checks the parameters before deploying, with the checks the flow run itself starts with
  (``papeleo.run.check_inputs``): a missing local inbox or an output root that is a file is
  refused in one line (exit 2), instead of a schedule that fails every night;
- it refuses to deploy without a real server (``PREFECT_API_URL``): an ephemeral one vanishes
  with the command and never fires a schedule;
- it creates the process work pool when it is missing;
- ``serve`` deploys to the server ``flows.local_server`` finds or starts on loopback, cancels
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
import glob
import json
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from flows import local_server
from flows.local_server import (
    PORT,
    PREFECT,
    ROOT,
    UsageError,
    configured_api_url,
    pointed_at,
    prefect_env,
    prefect_home,
)

log = logging.getLogger("papeleo.deployment")

PREFECT_YAML = ROOT / "prefect.yaml"
FLOW_NAME = "papeleo-ingest"
DEPLOYMENT_NAME = "papeleo-nightly"

# `prefect deploy` imports the flow and runs the build step: 10-20 s measured. The bound only
# keeps an unresponsive server from hanging `make serve`.
DEPLOY_TIMEOUT_S = 180.0
# A scheduled run more overdue than this when the worker starts was left while no worker
# polled; it would start at once with the parameters it was created with, so it is cancelled
# (the next night runs with the current ones). Ten minutes keeps a run someone triggered just
# before restarting `make serve`.
STALE_RUN_AFTER_S = 600.0


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
    flow run's working directory, so a relative path is under it, wherever this runs from. A
    ``~`` is not expanded: the flow run takes the path as written, and so does this."""
    p = Path(path)
    return p if p.is_absolute() else root / p


def as_the_run_sees(source: str, root: Path = ROOT) -> str:
    """``source`` as the flow run will check it: a local path resolved by ``resolve_local``, a
    URL as it is ('acta:2024.pdf' is a path when that file exists, as ``papeleo.sources``
    decides). A glob is checked by its folder, the part before the first wildcard: one that
    matches nothing yet is accepted, since the inbox may fill before the night (a night it
    still matches nothing, the run refuses it in one line), but its folder must exist."""
    from papeleo import sources

    local = resolve_local(source, root)
    if sources.url_scheme(source) is not None and ("://" in source or not os.path.lexists(local)):
        return source
    if glob.has_magic(str(local)) and not local.exists():
        first = next(i for i, part in enumerate(local.parts) if glob.has_magic(part))
        folder = Path(*local.parts[:first])
        if not folder.is_file():  # a folder, or missing: "input not found" names it
            return str(folder)
    return str(local)


def check_parameters(parameters: dict[str, Any], root: Path = ROOT) -> None:
    """Refuse, in one line, parameters that would fail every night: paths that are not a
    non-empty list of strings; sources and an output root the flow run's own first check
    (``papeleo.run.check_inputs``: a missing path, a URL papeleo does not fetch, an output
    root that is a file or cannot be written) would refuse, each taken as the run will see it
    (``as_the_run_sees``); a non-positive page cap or timeout. URLs are not fetched here."""
    from papeleo import run  # imports the engine (~1 s): only when checking

    paths = parameters.get("paths")
    if not isinstance(paths, list) or not paths or not all(isinstance(p, str) and p for p in paths):
        raise UsageError(
            f"the deployment's paths must be a non-empty list of files, folders, globs or URLs, got {paths!r}"
        )
    out = resolve_local(str(parameters.get("out", "output")), root)
    try:
        run.check_inputs([as_the_run_sees(p, root) for p in paths], out)
    except run.UsageError as exc:
        raise UsageError(f"the deployment's parameters: {exc}") from None
    for key in ("max_pages", "timeout_s"):
        value = parameters.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or value <= 0):
            raise UsageError(f"the deployment's {key} must be a positive number, got {value!r}")


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


# --- the command line ----------------------------------------------------------------------


def serve_command(args: argparse.Namespace, overrides: dict[str, Any]) -> int:
    """``serve`` (``make serve``): the parameters checked before anything starts, then
    ``local_server.serve`` with this deployment made on its server, and the runs left
    overdue while no worker polled cancelled, before its worker starts."""
    spec = load_deployment()
    if not args.no_check_sources:  # before starting anything
        check_parameters({**(spec.get("parameters") or {}), **overrides})

    def deploy_there(api_url: str) -> str:
        pool = deploy(api_url, overrides, args.pool, check_sources=False)
        cancel_stale_runs(api_url)
        return pool

    return local_server.serve(args.port, deploy_there, f"{FLOW_NAME}/{DEPLOYMENT_NAME}")


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
            return local_server.stop(prefect_home())
        overrides = dict(parse_param(p) for p in args.param)
        if args.command == "serve":
            return serve_command(args, overrides)
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

"""The nightly deployment: serve the ingest flow on a cron schedule.

Schedules need a real Prefect server (``prefect server start``) — an ephemeral one never
fires them. Run, with ``PREFECT_API_URL`` pointing at that server:

    .venv/bin/python -m flows.deployment --inbox /data/inbox --out /data/papeleo --cron "0 2 * * *"
"""

from __future__ import annotations

import argparse

from flows.ingest import ingest


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve papeleo's nightly ingestion on a schedule.")
    parser.add_argument("--inbox", action="append", required=True, help="folder (or file) to ingest; repeatable")
    parser.add_argument("--out", default="output", help="output root of the datasets")
    parser.add_argument("--cron", default="0 2 * * *", help="cron schedule (server time zone)")
    parser.add_argument("--name", default="papeleo-nightly")
    args = parser.parse_args(argv)
    ingest.serve(name=args.name, cron=args.cron, parameters={"paths": args.inbox, "out": args.out})


if __name__ == "__main__":
    main()

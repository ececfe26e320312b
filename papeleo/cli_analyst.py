"""The analysts' commands: ``compact``, ``catalog`` and ``report`` (``papeleo.cli`` dispatches)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

COMMANDS = ("compact", "catalog", "report")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    com = sub.add_parser(
        "compact", help="merge an output root's small Parquet files into a few per partition, atomically"
    )
    com.add_argument("out", help="output root")
    com.add_argument(
        "--force", action="store_true", help="merge every partition with more than one file, whatever its count"
    )
    cat = sub.add_parser("catalog", help="(re)build OUT/papeleo.duckdb: views over the datasets, with comments")
    cat.add_argument("out", help="output root")
    rep = sub.add_parser("report", help="write one offline HTML page of charts of what an output root holds")
    rep.add_argument("out", help="output root")
    rep.add_argument("--output", metavar="FILE", help="where to write the page (default: OUT/report.html)")


def _not_a_root(command: str, out: str) -> int | None:
    if not Path(out).is_dir() or not Path(out, "documents").is_dir():
        sys.stderr.write(f"papeleo {command}: {out} is not an output root (run papeleo ingest --out {out} first)\n")
        return 2
    return None


def run(args: argparse.Namespace) -> int:
    refused = _not_a_root(args.command, args.out)
    if refused is not None:
        return refused
    if args.command == "compact":
        return _compact(args.out, args.force)
    if args.command == "catalog":
        from .catalog import build_catalog, catalog_help

        build_catalog(args.out)
        sys.stdout.write(catalog_help(args.out) + "\n")
        return 0
    from .analysis import write_report

    sys.stdout.write(f"{write_report(args.out, args.output)}\n")
    return 0


def _compact(out: str, force: bool) -> int:
    from .run import OutputLocked, output_lock
    from .store import ParquetStore

    try:
        with output_lock(out):
            store = ParquetStore(out)
            for line in store.prepare():
                sys.stdout.write(f"repaired: {line}\n")
            result = store.compact(force=force)
    except OutputLocked as exc:
        sys.stderr.write(f"papeleo compact: {exc}\n")
        return 1
    if result.generation is None:
        sys.stdout.write(f"{out}: nothing to compact ({sum(result.files_before.values())} data file(s))\n")
        return 0
    sys.stdout.write(f"{out}: generation {result.generation}, {len(result.partitions)} partition(s) rewritten\n")
    for name, before in result.files_before.items():
        sys.stdout.write(f"  {name:<12} {before:>6} -> {result.files_after.get(name, 0):>6} file(s)\n")
    return 0

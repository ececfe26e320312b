"""``papeleo`` command line.

``papeleo ingest`` runs the Prefect flow in ``flows.ingest`` — the same path a scheduled
run takes — but imports it only when called, so the library itself never imports prefect.
Exit status: 0 every document ingested, 1 the run completed but some documents failed
(they are in ``failures``), 2 usage error (argparse's own convention). ``papeleo diff``
follows diff(1): 0 no differences, 1 differences, 2 usage error.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path

from . import __version__

log = logging.getLogger("papeleo")

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number of seconds")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="papeleo", description="Typed Parquet datasets from scanned and OCR'd accountability documents.")
    parser.add_argument("--version", action="version", version=f"papeleo {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="ingest files and folders (recursively) into Parquet datasets")
    ing.add_argument("paths", nargs="+", help="files or folders (.pdf, .png, .jpg, .tif, .txt, .md)")
    ing.add_argument("--out", default="output", help="output root; one folder per dataset (default: output)")
    ing.add_argument("--max-pages", type=_positive_int, default=300, help="a document with more pages is not read (default: 300)")
    ing.add_argument("--timeout", type=_positive_float, default=900.0, help="seconds allowed to read one document (default: 900)")
    bar = ing.add_mutually_exclusive_group()
    bar.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show a progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="plain log lines instead of a bar")
    ing.add_argument("-v", "--verbose", action="store_true", help="log every stage")

    dif = sub.add_parser("diff", help="what changed between two output roots (exit 1 when something did)")
    dif.add_argument("old", help="output root of the earlier run")
    dif.add_argument("new", help="output root of the later run")
    dif.add_argument("--limit", type=_positive_int, default=50, help="rows listed per kind of change and dataset (default: 50)")

    sub.add_parser("extractors", help="list the registered extractors")
    cls = sub.add_parser("classify", help="show the family a file is classified as, with its evidence")
    cls.add_argument("path")
    return parser


def _ingest(args: argparse.Namespace) -> int:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    if progress and not args.verbose:  # Prefect's own INFO lines would tear the bar
        os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    missing = [p for p in args.paths if not Path(p).exists()]
    for p in missing:
        log.warning("%s does not exist; it will be reported in failures", p)
    flow_module = importlib.import_module("flows.ingest")
    from .report import RunSummary, format_summary

    result = flow_module.ingest(
        paths=[str(p) for p in args.paths], out=str(args.out), max_pages=args.max_pages,
        timeout_s=args.timeout, progress=progress,
    )
    run = RunSummary.from_dict(result)
    sys.stdout.write(format_summary(run, str(args.out)) + "\n")
    return run.exit_code


def _diff(args: argparse.Namespace) -> int:
    from .diff import diff_outputs, format_diff

    for root in (args.old, args.new):
        if not Path(root).is_dir():
            sys.stderr.write(f"papeleo diff: {root} is not a folder\n")
            return 2
    diffs = diff_outputs(args.old, args.new)
    sys.stdout.write(format_diff(diffs, args.limit) + "\n")
    return 0 if all(d.empty for d in diffs) else 1


def _extractors() -> int:
    from . import registry

    for name in registry.names():
        spec = registry.get(name)
        sys.stdout.write(f"{spec.name:<24} {spec.dataset:<12} {', '.join(spec.doc_types)}\n")
    return 0


def _classify(path: str) -> int:
    from .classify import classify
    from .readers import read_document

    result = read_document(path)
    if result.document is None:
        for f in result.failures:
            sys.stdout.write(f"{f.error_type}: {f.message}\n")
        return 1
    c = classify(result.document)
    sys.stdout.write(f"{c.doc_type} {c.score:.3f}\n")
    for family, strength in sorted(c.strengths.items(), key=lambda kv: -kv[1]):
        sys.stdout.write(f"  {family:<22} {strength:>7.2f}  {', '.join(c.evidence.get(family, []))}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    level = logging.INFO if getattr(args, "verbose", False) or not sys.stderr.isatty() else logging.WARNING
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore"):  # one line per Prefect API call otherwise
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if args.command == "ingest":
        return _ingest(args)
    if args.command == "diff":
        return _diff(args)
    if args.command == "extractors":
        return _extractors()
    return _classify(args.path)


if __name__ == "__main__":
    sys.exit(main())

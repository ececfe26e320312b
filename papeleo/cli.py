"""``papeleo`` command line.

``papeleo ingest`` runs the run loop of ``papeleo.run`` in this process — no server, about a
second of fixed cost. With ``--prefect``, or when ``PREFECT_API_URL`` points at a Prefect
server, it runs the same loop as a Prefect flow run (``flows.ingest``), imported by name only
then, so the library itself never imports prefect or flows.

Exit status: 0 every document ingested, 1 the run completed but some documents failed (they
are in ``failures``), 2 usage error — found before any work, said in one line. ``papeleo
diff`` follows diff(1): 0 no differences, 1 differences, 2 usage error.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import os
import sys
from pathlib import Path

from . import __version__, cli_analyst

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
    parser = argparse.ArgumentParser(
        prog="papeleo", description="Typed Parquet datasets from scanned and OCR'd accountability documents."
    )
    parser.add_argument("--version", action="version", version=f"papeleo {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    ing = sub.add_parser("ingest", help="ingest files and folders (recursively) into Parquet datasets")
    ing.add_argument(
        "paths",
        nargs="+",
        help="files, folders, glob patterns ('inbox/**/*.pdf'), http(s)/file/s3 URLs, or files listing URLs "
        "(one per line); documents are .pdf, .png, .jpg, .tif, .txt, .md",
    )
    ing.add_argument("--out", default="output", help="output root; one folder per dataset (default: output)")
    ing.add_argument(
        "--max-pages", type=_positive_int, default=300, help="a document with more pages is not read (default: 300)"
    )
    ing.add_argument(
        "--timeout", type=_positive_float, default=900.0, help="seconds allowed to read one document (default: 900)"
    )
    ing.add_argument(
        "--no-compact",
        dest="compact",
        action="store_false",
        help="leave this run's small files for a later run or `papeleo compact` (replaced documents are still applied)",
    )
    ing.add_argument(
        "--report",
        action="store_true",
        help="rewrite OUT/report.html, the charts of what the root holds, after the run (a few seconds; "
        "the nightly flow always does)",
    )
    bar = ing.add_mutually_exclusive_group()
    bar.add_argument(
        "--progress", dest="progress", action="store_true", default=None, help="always show a progress bar"
    )
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="plain log lines instead of a bar")
    ing.add_argument(
        "--prefect", action="store_true", help="run as a Prefect flow run (the default when PREFECT_API_URL is set)"
    )
    ing.add_argument(
        "--dask-address",
        metavar="ADDR",
        help="run the flow's documents on a Dask cluster: a scheduler's tcp://host:8786, or 'local' for a "
        "LocalCluster here (implies --prefect; OUT and the inputs must be on a file system every worker sees)",
    )
    ing.add_argument(
        "--no-cache",
        dest="use_cache",
        action="store_false",
        help="read every file again instead of reusing what was read before (OUT/_cache)",
    )
    ing.add_argument(
        "--max-download-mb",
        type=_positive_float,
        default=100.0,
        help="a URL serving more than this is a too_large failure (default: 100)",
    )
    ing.add_argument(
        "--download-timeout",
        type=_positive_float,
        default=120.0,
        help="seconds allowed for one download attempt; slow ones are retried (default: 120)",
    )
    ing.add_argument(
        "--force", action="store_true", help="ingest every document again, also those unchanged since their last run"
    )
    ing.add_argument(
        "--prune",
        action="store_true",
        help="remove the rows of documents no longer in the inputs (without it, ingestion never deletes)",
    )
    ing.add_argument(
        "--jobs",
        type=_positive_int,
        default=None,
        help="documents in flight, each in its own process (default: one per core); also bounds memory",
    )
    ing.add_argument(
        "--decisions",
        action="append",
        metavar="FILE",
        help="a reviewer decisions file (JSON) to apply on this run, after those in OUT/_decisions; repeatable",
    )
    ing.add_argument("-v", "--verbose", action="store_true", help="log every stage")

    dif = sub.add_parser("diff", help="what changed between two output roots (exit 1 when something did)")
    dif.add_argument("old", help="output root of the earlier run")
    dif.add_argument("new", help="output root of the later run")
    dif.add_argument(
        "--limit", type=_positive_int, default=50, help="rows listed per kind of change and dataset (default: 50)"
    )
    dif.add_argument(
        "--format", choices=("text", "md", "json", "html"), default="text", help="output format (default: text)"
    )
    dif.add_argument("--dataset", action="append", metavar="NAME", help="only this dataset (repeatable)")
    dif.add_argument("--doc", metavar="TEXT", help="only documents whose source or file name contains TEXT")
    dif.add_argument("--field", metavar="NAME", help="only changed rows where this field changed")

    runs = sub.add_parser("runs", help="list the runs recorded in an output root (OUT/_runs)")
    runs.add_argument("out", help="output root")

    rev = sub.add_parser(
        "review", help="write one HTML page of every doubtful value beside its page image, for a reviewer's decisions"
    )
    rev.add_argument("out", help="output root")
    rev.add_argument("--output", metavar="FILE", help="where to write the page (default: OUT/review.html)")
    rev.add_argument(
        "--min-confidence",
        type=float,
        default=None,
        help="also list rows read with less confidence than this, 0-1 (default: 0.7)",
    )

    cli_analyst.add_parsers(sub)
    sub.add_parser("extractors", help="list the registered extractors")
    cls = sub.add_parser("classify", help="show the family a file is classified as, with its evidence")
    cls.add_argument("path")
    return parser


def _usage_error(command: str, message: str) -> int:
    sys.stderr.write(f"papeleo {command}: {message}\n")
    return 2


def _ingest(args: argparse.Namespace) -> int:
    from .context import Settings
    from .decisions import DecisionsError, check
    from .report import RunSummary, format_summary
    from .run import UsageError, check_inputs, run_ingest

    decisions = tuple(os.path.abspath(p) for p in args.decisions or ())
    try:
        check_inputs(args.paths, args.out)
        check(str(args.out), decisions)  # a malformed decisions file is refused before any work
    except (UsageError, DecisionsError) as exc:
        return _usage_error("ingest", str(exc))
    progress = sys.stderr.isatty() if args.progress is None else args.progress
    paths = [str(p) for p in args.paths]
    if args.prefect or args.dask_address or os.environ.get("PREFECT_API_URL"):
        for key, value in PREFECT_DEFAULTS.items():
            os.environ.setdefault(key, value)
        if progress and not args.verbose:  # Prefect's own INFO lines would tear the bar
            os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
        try:
            flow_module = importlib.import_module("flows.dask" if args.dask_address else "flows.ingest")
        except ImportError as exc:
            return _usage_error(
                "ingest", f"--prefect needs the flows extra ({exc}); install it with `pip install -e '.[flows]'`"
            )
        if args.dask_address:
            address = None if args.dask_address == "local" else args.dask_address
            flow = functools.partial(flow_module.ingest_on_dask, address)
        else:
            flow = flow_module.ingest
        state = flow(
            paths=paths,
            out=str(args.out),
            max_pages=args.max_pages,
            timeout_s=args.timeout,
            progress=progress,
            use_cache=args.use_cache,
            force=args.force,
            prune=args.prune,
            fetch_max_mb=args.max_download_mb,
            fetch_timeout_s=args.download_timeout,
            decisions=list(decisions),
            compact=args.compact,
            return_state=True,
        )
        result = state.result(raise_on_failure=False)
        if not isinstance(result, dict):  # the flow itself crashed (e.g. the output root is locked)
            return _usage_error("ingest", str(result))
        run = RunSummary.from_dict(result)
    else:
        settings = Settings(
            max_pages=args.max_pages,
            timeout_s=args.timeout,
            use_cache=args.use_cache,
            fetch_max_mb=args.max_download_mb,
            fetch_timeout_s=args.download_timeout,
            decisions=decisions,
        )
        try:
            run = run_ingest(
                paths,
                str(args.out),
                settings,
                progress=progress,
                jobs=args.jobs,
                force=args.force,
                prune=args.prune,
                report=args.report,
                compact=args.compact,
            )
        except UsageError as exc:  # the output root is locked by another run, or --prune with nothing
            return _usage_error("ingest", str(exc))
    sys.stdout.write(format_summary(run, str(args.out)) + "\n")
    return run.exit_code


def _diff(args: argparse.Namespace) -> int:
    import schemas

    from .diff import diff_outputs, format_diff, is_output_root

    for root in (args.old, args.new):
        if not Path(root).is_dir():
            return _usage_error("diff", f"{root} is not a folder (give two output roots)")
        if not is_output_root(root):
            return _usage_error("diff", f"{root} holds no dataset folder (give two output roots)")
    unknown = [n for n in args.dataset or () if n not in schemas.DATASETS]
    if unknown:
        return _usage_error("diff", f"unknown dataset {unknown[0]!r}; known: {', '.join(schemas.DATASETS)}")
    names = args.dataset or list(schemas.DATASETS)
    if args.field and not any(args.field in schemas.get(n).columns for n in names):
        return _usage_error("diff", f"no dataset of {', '.join(names)} has a field {args.field!r}")
    result = diff_outputs(args.old, args.new, datasets=args.dataset, doc=args.doc, field=args.field)
    sys.stdout.write(format_diff(result, args.limit, args.format) + "\n")
    return 0 if result.empty else 1


def _review(args: argparse.Namespace) -> int:
    """The review page of an output root: every corrected, imputed, conflicting or
    low-confidence value with its evidence (papeleo.review)."""
    from .review import DEFAULT_MIN_CONFIDENCE, write_review
    from .store import ParquetStore

    root = Path(args.out)
    if not root.is_dir() or not ParquetStore(root).files("documents"):
        return _usage_error("review", f"{root} is not an output root with documents (run papeleo ingest first)")
    threshold = DEFAULT_MIN_CONFIDENCE if args.min_confidence is None else args.min_confidence
    if not 0 <= threshold <= 1:
        return _usage_error("review", f"--min-confidence must be between 0 and 1, got {threshold}")
    review, path = write_review(root, args.output, threshold)
    docs = len({e.doc for e in review.entries})
    sys.stdout.write(f"{path}: {len(review.entries)} value(s) to review in {docs} document(s)\n")
    return 0


def _extractors() -> int:
    from . import registry

    reg = registry.default_registry()
    for family, spec in registry.specs().items():
        runs = spec.runs or "(no extractor yet)"
        problem = reg.import_family(family) if spec.runs else None
        line = f"{family:<22} {runs:<24} {spec.dataset:<12} {', '.join(spec.doc_types)}"
        sys.stdout.write(line + (f"  UNAVAILABLE: {problem}" if problem else "") + "\n")
    return 0


def _classify(path: str) -> int:
    """The family, its calibrated score and why: each family's strength and probability, the
    evidence items found (with how many times; evidence against a family is marked), the
    'none of these' share and the threshold the decision was taken against."""
    from .classify import classify, load_rules, ranked
    from .readers import read_document

    if not Path(path).is_file():
        return _usage_error("classify", f"{path} is not a file")
    result = read_document(path)
    if result.document is None:
        for f in result.failures:
            sys.stdout.write(f"{f.error_type}: {f.message}\n")
        return 1
    c = classify(result.document)
    rules = load_rules()
    cal = rules.calibration
    out = [f"{c.doc_type} {c.score:.3f}", f"why: {c.reason}"]
    if c.best and c.runner_up:
        lead = c.strengths[c.best] - c.strengths[c.runner_up]
        out.append(
            f"margin: strength {c.strengths[c.best]:.2f} ({c.best}) vs {c.strengths[c.runner_up]:.2f} "
            f"({c.runner_up}), lead {lead:.2f}"
        )
    out.append(f"\n  {'family':<22} {'strength':>8} {'P':>7}  evidence found (times; '-' = against the family)")
    for family, _strength in ranked(c.strengths):
        p, found = c.probabilities[family], c.evidence.get(family, {})
        items = ", ".join(f"{'-' if rules.weights[family][item] < 0 else ''}{item} x{n}" for item, n in found.items())
        out.append(f"  {family:<22} {c.strengths[family]:>8.2f} {p:>7.3f}  {items or '(none)'}")
    p_none = max(0.0, 1 - sum(c.probabilities.values()))
    out.append(f"  {'none of these':<22} {cal.null_strength:>8.2f} {p_none:>7.3f}  (null_strength)")
    out.append(f"\nthreshold: min_probability {cal.min_probability} (papeleo/data/classify.json); scale {cal.scale}")
    sys.stdout.write("\n".join(out) + "\n")
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
    if args.command == "runs":
        from .runlog import format_runs, read_records

        if not Path(args.out).is_dir():
            return _usage_error("runs", f"{args.out} is not a folder (give an output root)")
        sys.stdout.write(format_runs(read_records(args.out)) + "\n")
        return 0
    if args.command == "review":
        return _review(args)
    if args.command in cli_analyst.COMMANDS:
        return cli_analyst.run(args)
    if args.command == "extractors":
        return _extractors()
    return _classify(args.path)


if __name__ == "__main__":
    sys.exit(main())

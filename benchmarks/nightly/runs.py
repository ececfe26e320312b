"""The benchmarks of repeated runs: re-run, re-extraction after a version bump, memory."""

from __future__ import annotations

import argparse

from .common import ROWS
from .inputs import Inputs
from .procs import fresh_dir, ingest, ingest_help, summary_counts
from .table import _fmt, median_ratio, report, write_row


def first_then_again(
    args: argparse.Namespace, prefix: str, folders: list, *again_flags: str
) -> tuple[list[tuple[float, float]], dict]:
    """``--repeat`` pairs of (second run's wall, first run's wall) into a fresh root each,
    and the second run's summary counts (the last pair's)."""
    pairs, counts = [], {}
    for _ in range(args.repeat):
        with fresh_dir(args.work, prefix) as out:
            first, _ = ingest(folders, out, watch=False)
            again, _ = ingest(folders, out, *again_flags, watch=False)
            counts = summary_counts(again.stdout)
        pairs.append((again.wall, first.wall))
    return pairs, counts


def bench_rerun(args: argparse.Namespace, inputs: Inputs) -> float:
    pairs, counts = first_then_again(args, "rerun-", [inputs.scans, inputs.text])
    share = median_ratio(pairs)
    line = (
        f"rerun: second run {100 * share:.1f}% of the first (median of {len(pairs)}; first {_fmt([b for _, b in pairs])} s, "
        f"again {_fmt([a for a, _ in pairs])} s; the second ingested {counts.get('docs', 0)} document(s))"
    )
    report(
        args,
        "rerun",
        line,
        f"{100 * share:.1f}%",
        "40 PDFs (57 scanned + 57 text-layer pages)",
        "hashing every input again and the fixed cost of a run (`fixed`)",
    )
    return share


def bench_bump(args: argparse.Namespace, inputs: Inputs) -> float | None:
    if "--force" not in ingest_help():
        line = "bump: not measured: `papeleo ingest` has no --force"
        print(line)
        if not args.no_table:
            write_row("bump", "not measured", "", f".venv/bin/python benchmarks/{ROWS['bump'][2]}", "`--force` missing")
        return None
    pairs, counts = first_then_again(args, "bump-", [inputs.scans], "--force")
    share = median_ratio(pairs)
    line = (
        f"bump: --force re-extraction {100 * share:.1f}% of the first run (median of {len(pairs)}; first "
        f"{_fmt([b for _, b in pairs])} s, again {_fmt([a for a, _ in pairs])} s; {counts.get('docs', 0)} documents, "
        f"{counts.get('cached', 0)} from the read cache)"
    )
    report(
        args,
        "bump",
        line,
        f"{100 * share:.1f}%",
        f"{counts.get('pages', 0)} pages, {counts.get('docs', 0)} PDFs",
        "extraction and writes, and the fixed cost of a run: the OCR itself comes from the read cache",
    )
    return share


def bench_memory(args: argparse.Namespace, inputs: Inputs) -> float:
    small, large = inputs.memory_sets()
    got = {}
    for folder in (small, large):
        n = len(list(folder.iterdir()))
        with fresh_dir(args.work, "memory-") as out:
            ran, _ = ingest([folder], out)
        got[n] = ran
    (n_small, r_small), (n_large, r_large) = sorted(got.items())
    growth = r_large.tree_peak_mb / r_small.tree_peak_mb
    line = (
        f"memory: peak RSS of the process tree {r_large.tree_peak_mb:.0f} MB for {n_large} documents, "
        f"{r_small.tree_peak_mb:.0f} MB for {n_small}: {growth:.2f}x (largest single process "
        f"{r_large.max_rss_mb:.0f} / {r_small.max_rss_mb:.0f} MB; {r_large.wall:.0f} s / {r_small.wall:.0f} s)"
    )
    report(
        args,
        "memory",
        line,
        f"{growth:.2f} ({r_large.tree_peak_mb:.0f} / {r_small.tree_peak_mb:.0f} MB)",
        f"{n_large} / {n_small} OCR'd-text documents",
        "what one document in flight holds (its pages, spaCy's vocabulary) times the documents in flight",
    )
    return growth

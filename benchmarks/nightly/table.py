"""The figures table and the profile section of BENCHMARKS.md, and the ratio arithmetic."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
from collections.abc import Sequence

from .common import BENCHMARKS_MD, ROWS, TABLE_END, TABLE_START

# --------------------------------------------------------------------------- the table


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_row(key: str, measured: str, amount: str, command: str, limits: str) -> None:
    """Refresh the row of ``key`` in BENCHMARKS.md's table (created when missing), keeping
    every other row and everything outside the table."""
    name, target, _ = ROWS[key]
    header = [
        "| benchmark | target | measured | pages / docs | command | date | what limits it |",
        "|---|---|---|---|---|---|---|",
    ]
    row = (
        "| "
        + " | ".join(
            _cell(c) for c in (name, target, measured, amount, f"`{command}`", dt.date.today().isoformat(), limits)
        )
        + " |"
    )
    text = BENCHMARKS_MD.read_text("utf-8") if BENCHMARKS_MD.exists() else "# Benchmarks\n\n"
    if TABLE_START not in text:
        text = text.rstrip("\n") + f"\n\n{TABLE_START}\n" + "\n".join(header) + f"\n{TABLE_END}\n"
    before, rest = text.split(TABLE_START, 1)
    table, after = rest.split(TABLE_END, 1)
    rows = {}
    for line in table.strip().splitlines()[2:]:
        first = line.split("|")[1].strip() if line.count("|") > 2 else ""
        found = next((k for k, v in ROWS.items() if _cell(v[0]) == first), None)
        if found:
            rows[found] = line
    rows[key] = row
    ordered = [rows[k] for k in ROWS if k in rows]
    BENCHMARKS_MD.write_text(
        before + TABLE_START + "\n" + "\n".join(header + ordered) + "\n" + TABLE_END + after, "utf-8"
    )


def write_section(start: str, end: str, body: str) -> None:
    text = BENCHMARKS_MD.read_text("utf-8") if BENCHMARKS_MD.exists() else "# Benchmarks\n\n"
    if start not in text:
        text = text.rstrip("\n") + f"\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _, after = rest.split(end, 1)
    BENCHMARKS_MD.write_text(before + start + "\n" + body.rstrip("\n") + "\n" + end + after, "utf-8")


def report(args: argparse.Namespace, key: str, line: str, measured: str, amount: str, limits: str) -> None:
    print(line, flush=True)
    if not args.no_table:
        command = f".venv/bin/python benchmarks/{ROWS[key][2]}" + (
            f" --repeat {args.repeat}" if key in REPEATED else ""
        )
        write_row(key, measured, amount, command, limits)


REPEATED = {"scans", "text", "fixed", "speedup", "rerun", "bump"}


def median_ratio(pairs: Sequence[tuple[float, float]]) -> float:
    return statistics.median(a / b for a, b in pairs)


def _fmt(values: Sequence[float]) -> str:
    return "/".join(f"{v:.1f}" for v in values)

"""Issue 15's benchmark: analysts' queries after a year's worth of nightly runs, before and after
compaction, against the same query on one file per dataset.

    .venv/bin/python benchmarks/bench_analyst.py                 # ingest, replay, time, refresh BENCHMARKS.md
    .venv/bin/python benchmarks/bench_analyst.py --repeat 9 --no-table

1,000 generated documents (seeds 9100-9349 of every family, as OCR'd text: the memory
benchmark's inputs, none a test or development seed) are ingested as 10 nightly runs of 100
with ``papeleo ingest --no-compact`` into ``raw``: one small file per document and dataset,
the layout before compaction. The same 10 runs are then replayed, each document's rows as
``raw`` holds them, through ``ParquetStore.replace_document`` into ``nightly``, whose store
compacts after each run as a run does (replaying, not re-extracting: what is measured is the
layout, and the rows are the same). ``one`` holds each dataset as a single Parquet file.

Three queries, each on the three layouts in turn (a fresh DuckDB connection per query, the
files in the OS cache, one untimed warm-up), ``--repeat`` times; the median of each is
reported with its ratio to ``one``. The results must be identical across layouts.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import duckdb  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from nightly.common import BENCHMARKS_MD, MEMORY_SEEDS, OCR_FORM  # noqa: E402
from nightly.inputs import ensure_generated  # noqa: E402

import schemas  # noqa: E402
from papeleo.store import ParquetStore  # noqa: E402
from papeleo.store import compact as compaction  # noqa: E402

log = logging.getLogger("bench_analyst")
RUNS = 10
TABLE_START, TABLE_END = "<!-- analyst-table:start -->", "<!-- analyst-table:end -->"
TARGET = 2.0  # every query on the compacted layout within 2x of one file per dataset

QUERIES = {
    "filter": "select ente, clave, alcanzado_t1, alcanzado_t2 from {indicators} "
    "where ejercicio = {year} and trimestre >= 2 order by all",
    "group-by": "select ente, ejercicio, count(*) as n, round(avg(avance_pct), 6) as avance from {indicators} "
    "group by all order by all",
    "join": "select d.doc_type, m.tipo, count(*) as n from {mentions} m join {documents} d on m.doc_id = d.doc_id "
    "group by all order by all",
}


def _source(root: Path, dataset: str, layout: str) -> str:
    if layout == "one":
        return f"read_parquet('{root / dataset / 'data.parquet'}')"
    return f"read_parquet('{root / dataset}/**/*.parquet', hive_partitioning = true)"


def batches(docs: list[Path]) -> list[list[Path]]:
    """10 runs of 100: run k takes every family's seeds 9100+25k ... 9124+25k."""
    seeds = sorted(MEMORY_SEEDS)
    per_run = len(seeds) // RUNS
    seed_of = {d: int(re.search(r"_s(\d{5})_", d.name).group(1)) for d in docs}
    return [[d for d in docs if seed_of[d] in seeds[k * per_run : (k + 1) * per_run]] for k in range(RUNS)]


def ingest_raw(runs: list[list[Path]], raw: Path, work: Path) -> list[float]:
    took = []
    for k, docs in enumerate(runs):
        inbox = work / f"run{k:02d}"
        inbox.mkdir(parents=True, exist_ok=True)
        for d in docs:
            if not (inbox / d.name).exists():
                os.link(d, inbox / d.name)
        start = time.perf_counter()
        cmd = [
            str(ROOT / ".venv/bin/papeleo"),
            "ingest",
            str(inbox),
            "--out",
            str(raw),
            "--no-progress",
            "--no-compact",
        ]
        subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT)
        took.append(time.perf_counter() - start)
        log.info("raw run %d: %d documents in %.1f s", k + 1, len(docs), took[-1])
    return took


def replay_nightly(runs: list[list[Path]], raw: Path, nightly: Path) -> list[dict]:
    """Each run's documents into ``nightly`` as the run wrote them, then the run's compaction."""
    source, target = ParquetStore(raw), ParquetStore(nightly)
    target.prepare()
    key_of = {row["file_name"]: key for key, t in source.iter_documents("documents") for row in t.to_pylist()}
    out = []
    for k, docs in enumerate(runs):
        for d in docs:
            key = key_of[d.name]
            target.replace_document(key, {ds: source.read_key(ds, key) for ds in schemas.DATASETS})
        start = time.perf_counter()
        result = target.compact()
        out.append(
            {
                "run": k + 1,
                "compact_s": time.perf_counter() - start,
                "files": result.files_after,
                "max_per_partition": _max_per_partition(nightly),
            }
        )
        log.info("nightly run %d: compaction %.2f s, files %s", k + 1, out[-1]["compact_s"], result.files_after)
    return out


def _max_per_partition(root: Path) -> int:
    counts: dict[Path, int] = {}
    for ds in schemas.DATASETS:
        for f in ParquetStore(root).files(ds):
            counts[f.parent] = counts.get(f.parent, 0) + 1
    return max(counts.values(), default=0)


def write_one(raw: Path, one: Path) -> None:
    store = ParquetStore(raw)
    for ds in schemas.DATASETS:
        (one / ds).mkdir(parents=True, exist_ok=True)
        pq.write_table(store.read(ds), one / ds / "data.parquet", compression="zstd")


def time_queries(roots: dict[str, Path], year: int, repeat: int) -> dict[str, dict[str, float]]:
    medians: dict[str, dict[str, float]] = {}
    for name, sql in QUERIES.items():
        times: dict[str, list[float]] = {layout: [] for layout in roots}
        results = {}
        for i in range(repeat + 1):
            for layout, root in roots.items():
                text = sql.format(year=year, **{ds: _source(root, ds, layout) for ds in schemas.DATASETS})
                con = duckdb.connect()
                start = time.perf_counter()
                rows = con.sql(text).fetchall()
                elapsed = time.perf_counter() - start
                con.close()
                if i:  # the first round warms the OS cache
                    times[layout].append(elapsed)
                results[layout] = rows
        first = next(iter(results.values()))
        assert all(r == first for r in results.values()), f"{name}: the layouts disagree"
        medians[name] = {layout: statistics.median(t) for layout, t in times.items()}
        medians[name]["rows"] = len(first)
    return medians


def _table(
    files: dict[str, dict[str, int]], medians: dict, nightly: list[dict], raw_s: list[float], command: str
) -> str:
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} with `{command}` (2 cores). 1,000 documents as 10 nightly runs of 100.",
        "",
        "| dataset | files before compaction | files after (nightly) | one file |",
        "|---|---|---|---|",
    ]
    for ds in schemas.DATASETS:
        lines.append(f"| {ds} | {files['raw'][ds]} | {files['nightly'][ds]} | 1 |")
    lines += [
        "",
        f"Most files in one partition after compaction: {nightly[-1]['max_per_partition']} "
        f"(threshold {compaction.SMALL_FILES_TO_COMPACT} small files). Compaction after each run: "
        + ", ".join(f"{r['compact_s']:.2f}" for r in nightly)
        + " s. Ingest of each run of 100 (raw, `--no-compact`): "
        + ", ".join(f"{s:.0f}" for s in raw_s)
        + " s.",
        "",
        "| query | rows | one file (ms) | before compaction (ms) | ratio | after compaction (ms) | ratio | target |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, m in medians.items():
        before, after = m["raw"] / m["one"], m["nightly"] / m["one"]
        verdict = "met" if after <= TARGET else "missed"
        lines.append(
            f"| {name} | {m['rows']} | {m['one'] * 1000:.1f} | {m['raw'] * 1000:.1f} | {before:.1f}× | "
            f"{m['nightly'] * 1000:.1f} | {after:.2f}× | ≤ {TARGET:.0f}× ({verdict}) |"
        )
    return "\n".join(lines)


def refresh(block: str) -> None:
    text = BENCHMARKS_MD.read_text("utf-8")
    if TABLE_START not in text:
        text = (
            text.rstrip("\n") + f"\n\n## Analysts' queries after compaction (issue 15)\n\n{TABLE_START}\n{TABLE_END}\n"
        )
    before, rest = text.split(TABLE_START, 1)
    after = rest.split(TABLE_END, 1)[1]
    BENCHMARKS_MD.write_text(before + TABLE_START + "\n" + block + "\n" + TABLE_END + after, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=Path, default=Path(tempfile.gettempdir()) / "papeleo-nightly")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "papeleo-analyst")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-table", action="store_true", help="print only; leave BENCHMARKS.md alone")
    parser.add_argument("--reuse", action="store_true", help="keep the raw root of an earlier call (no re-ingest)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    docs = ensure_generated(args.inputs / "ocr", MEMORY_SEEDS, OCR_FORM)
    runs = batches(docs)
    assert [len(r) for r in runs] == [100] * RUNS, [len(r) for r in runs]
    raw, nightly, one = args.work / "raw", args.work / "nightly", args.work / "one"
    times = args.work / "raw_ingest_s.json"  # kept for --reuse
    if not (args.reuse and raw.exists()):
        shutil.rmtree(args.work, ignore_errors=True)
        times.parent.mkdir(parents=True, exist_ok=True)
        times.write_text(json.dumps(ingest_raw(runs, raw, args.work / "inbox")), "utf-8")
    raw_s = json.loads(times.read_text("utf-8")) if times.exists() else []
    shutil.rmtree(nightly, ignore_errors=True)
    shutil.rmtree(one, ignore_errors=True)
    nightly_runs = replay_nightly(runs, raw, nightly)
    write_one(raw, one)
    files = {
        "raw": {ds: len(ParquetStore(raw).files(ds)) for ds in schemas.DATASETS},
        "nightly": {ds: len(ParquetStore(nightly).files(ds)) for ds in schemas.DATASETS},
    }
    years = ParquetStore(raw).read("indicators").column("ejercicio").to_pylist()
    year = max(set(years) - {None}, key=years.count)
    medians = time_queries({"one": one, "raw": raw, "nightly": nightly}, year, args.repeat)
    command = ".venv/bin/python benchmarks/bench_analyst.py" + (f" --repeat {args.repeat}" if args.repeat != 7 else "")
    block = _table(files, medians, nightly_runs, raw_s, command)
    print(block)
    if not args.no_table:
        refresh(block)
    return 0


if __name__ == "__main__":
    sys.exit(main())

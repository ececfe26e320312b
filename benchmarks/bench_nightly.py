"""The nightly benchmarks of issue 13: each a ratio measured in one run, so a busy machine does
not mislead, on documents the seeded generators write (never the committed samples).

    .venv/bin/python benchmarks/bench_nightly.py scans     # papeleo on scans / tesseract alone on the same pages
    .venv/bin/python benchmarks/bench_nightly.py text      # papeleo on text-layer PDFs / pdfplumber extract_words alone
    .venv/bin/python benchmarks/bench_nightly.py fixed     # wall time of `papeleo ingest` of a one-page file
    .venv/bin/python benchmarks/bench_nightly.py speedup   # scans: 1 process / 2 processes
    .venv/bin/python benchmarks/bench_nightly.py rerun     # a re-run over unchanged inputs / the first run
    .venv/bin/python benchmarks/bench_nightly.py bump      # scans: a --force re-extraction from the read cache / the first run
    .venv/bin/python benchmarks/bench_nightly.py memory    # peak RSS ingesting 1,000 documents / 100
    .venv/bin/python benchmarks/bench_nightly.py all       # every one of the above, in that order
    .venv/bin/python benchmarks/bench_nightly.py profile   # where a scanned page's time goes (not a ratio)
    .venv/bin/python benchmarks/bench_nightly.py reads --save before.json   # sha1 of every read scan
    .venv/bin/python benchmarks/bench_nightly.py reads --against before.json  # ... the same after a change?

Each ratio subcommand prints one line of figures and refreshes its row of the table in
``BENCHMARKS.md`` (``--no-table``: print only). The two sides of a ratio are run in turn, A B A B
... (``--repeat`` pairs), each pair's ratio taken and the median reported, so that load from
other work on the machine falls on both sides alike. ``papeleo ingest`` is always timed as a
user runs it: the installed command in a new process, ``--no-progress``, a fresh ``--out``.

Inputs (written once into ``--inputs``, default ``$TMPDIR/papeleo-nightly``, then reused; the
generators are seeded, so the same seeds give the same documents): every family's generator,
seeds 9000-9004, as scanned PDFs (20 documents, 57 pages) and as text-layer PDFs (20, 57);
seeds 9100-9349 as OCR'd text for memory (1,000 documents; the 100 are seeds 9100-9124). Seeds
from 9000 on are none of the test, development or validation seeds.

The baselines, each on the same pages with the same number of processes:
- scans: every page rendered beforehand (not timed) at papeleo's dpi by pypdfium2, as papeleo
  renders it, to PNG; then ``tesseract PNG - -l spa --psm 3 -c thresholding_method=2 tsv``
  (papeleo's page read, ``readers/tesseract_configs.PAGE_READ``, with TSV output as
  ``image_to_data`` asks), ``OMP_THREAD_LIMIT=1``, in a pool of as many processes as papeleo
  runs tesseract in (one per core);
- text: a new Python process opening each PDF with pdfplumber and calling ``extract_words()``
  on every page, in as many processes as papeleo reads documents in (one per core with
  ``--jobs``, else one).
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nightly.common import BENCHMARKS_MD
from nightly.inputs import Inputs
from nightly.profile import bench_profile, bench_reads
from nightly.ratios import bench_fixed, bench_scans, bench_speedup, bench_text
from nightly.runs import bench_bump, bench_memory, bench_rerun

# --------------------------------------------------------------------------- main

BENCHES: dict[str, Callable[[argparse.Namespace, Inputs], Any]] = {
    "scans": bench_scans,
    "text": bench_text,
    "fixed": bench_fixed,
    "speedup": bench_speedup,
    "rerun": bench_rerun,
    "bump": bench_bump,
    "memory": bench_memory,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bench", choices=[*BENCHES, "all", "profile", "reads"])
    parser.add_argument("--repeat", type=int, default=3, help="pairs of runs (A B) whose median ratio is reported")
    parser.add_argument("--inputs", type=Path, default=Path(tempfile.gettempdir()) / "papeleo-nightly")
    parser.add_argument("--no-table", action="store_true", help=f"print only; leave {BENCHMARKS_MD.name} alone")
    parser.add_argument("--profile-docs", type=int, default=8, help="profile: scanned PDFs read in the worker view")
    parser.add_argument("--save", help="reads: write the sha1s to this JSON file")
    parser.add_argument("--against", help="reads: compare with the sha1s saved before; exit 1 when any differs")
    args = parser.parse_args(argv)
    args.inputs.mkdir(parents=True, exist_ok=True)
    args.work = args.inputs / "runs"
    args.work.mkdir(exist_ok=True)
    inputs = Inputs(args.inputs)
    if args.bench == "profile":
        bench_profile(args, inputs)
    elif args.bench == "reads":
        bench_reads(args, inputs)
    else:
        for name in BENCHES if args.bench == "all" else [args.bench]:
            BENCHES[name](args, inputs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

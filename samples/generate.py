#!/usr/bin/env python3
"""Write seeded, varied documents of any family, with their truth, for tests and benchmarks.

    .venv/bin/python samples/generate.py --family mir_avance --seeds 1000-1029 --out /tmp/gen
    .venv/bin/python samples/generate.py --family all --seeds 0-4 --forms texto.pdf ocr.txt --out /tmp/gen

Each document is written in the requested forms (default: text-layer PDF, degraded scan,
OCR'd text) as ``<family>_s<seed>_<form>`` plus ``<family>_s<seed>.truth.json`` — the
generator's own truth, never papeleo's output. The fixed samples in ``samples/`` are made by
``make_samples.py``; this writes elsewhere. Seed sets: see ``gen/_generated.py``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.dont_write_bytecode = True  # `papeleo ingest samples` walks this folder
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from gen import FAMILIES  # noqa: E402
from gen._generated import FORMS, check_forms  # noqa: E402

log = logging.getLogger("generate")


def parse_seeds(text: str) -> list[int]:
    """``1000-1029`` or ``3,5,8`` or a mix: ``0-4,10``."""
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        seeds.extend(range(int(lo), int(hi) + 1) if hi else [int(lo)])
    return seeds


def generators(family: str) -> list:
    chosen = [f for f in FAMILIES if family in ("all", f.FAMILY)]
    if not chosen:
        raise SystemExit(f"unknown family {family!r}; known: {', '.join(f.FAMILY for f in FAMILIES)}")
    missing = [f.FAMILY for f in chosen if not hasattr(f, "generate")]
    if missing:
        raise SystemExit(f"no seeded generator yet for: {', '.join(missing)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--family", default="all", help="a family name or 'all'")
    parser.add_argument("--seeds", required=True, help="e.g. 1000-1029 or 3,5,8")
    parser.add_argument("--forms", nargs="+", default=list(FORMS), help=f"any of {' '.join(FORMS)}")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    forms = check_forms(args.forms)
    args.out.mkdir(parents=True, exist_ok=True)
    for fam in generators(args.family):
        for seed in parse_seeds(args.seeds):
            doc = fam.generate(seed, args.out, forms)
            doc.write_truth(args.out)
            log.info("%s seed %d: %s", fam.FAMILY, seed, ", ".join(p.name for p in doc.files.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""papeleo on the eight real PDFs of ../shared/realworld, against their hand-read goldens.

    .venv/bin/python benchmarks/realworld.py [--out DIR] [-v]

Per document: the family found (and its score) against the golden's, pages turned upright
against the golden's ``pages_rotated``, pages OCR'd, each metadata field right or wrong, and
records found against the golden (scored with tests/scoring.py where rows were extracted;
otherwise whether a ``no_records`` failure says they are missing). ``--out`` keeps the output
root, whose read cache makes a second run skip OCR.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "realworld")]

from evaluate import METADATA_FIELDS, evaluate, goldens, load  # noqa: E402
from helpers import REALWORLD  # noqa: E402

log = logging.getLogger("realworld")


def row(ev) -> str:
    meta = " ".join(f"{f[:5]}:{'ok' if ev.metadata[f][2] else 'NO'}" for f in METADATA_FIELDS)
    turned = {p: r for p, r in ev.rotations.items() if r}
    rot = "ok" if ev.rotation_right else f"NO (got {turned}, expected {ev.rotations_expected})"
    if ev.record_score is not None:
        s = ev.record_score
        records = f"{len(s.pairs)}/{ev.records_expected} rows matched of {ev.records_found} found"
    else:
        records = f"0/{ev.records_expected} found" + (" (no_records said)" if ev.no_records_said else " (SILENT)")
    family = f"{ev.doc_type} {ev.score:.2f}" + ("" if ev.classified_right else f" (golden {ev.family})")
    return f"{ev.file:<42} {family:<30} rot {rot:<8} ocr {len(ev.pages_ocr):>2}p  {meta}  {records}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="output root to keep (default: a temporary folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="each metadata value and record miss")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    if not REALWORLD.is_dir():
        print(f"{REALWORLD} is absent; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        evals = [evaluate(REALWORLD / load(g)["file"], load(g), out) for g in goldens()]
        for ev in evals:
            print(row(ev))
            if args.verbose:
                for name, (want, got, right) in ev.metadata.items():
                    print(f"    {name}: {'ok' if right else 'WRONG'}  got {got!r}  expected {want!r}")
                print(f"    failures: {ev.failures}")
        n = len(evals)
        print(
            f"classified right {sum(e.classified_right for e in evals)}/{n}; rotation right "
            f"{sum(e.rotation_right for e in evals)}/{n}; metadata fields right "
            f"{sum(v[2] for e in evals for v in e.metadata.values())}/{n * len(METADATA_FIELDS)}; "
            f"documents with records {sum(e.records_found > 0 for e in evals)}/{n}; silent empties "
            f"{sum(e.records_found == 0 and not e.no_records_said for e in evals)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

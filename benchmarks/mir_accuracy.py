"""Per-field accuracy of extractors/mir_avance/ against the hand-read goldens.

Run from the repository root:

    .venv/bin/python benchmarks/mir_accuracy.py [-v]

For seed 004 (``../shared/seeds``) and the MIR samples (``samples/mir_avance_*``) it
prints: rows found, determinable numeric fields read exactly, fields flagged, values that
are wrong and unflagged, and values given where the golden says nothing determines one.
Scored with tests/scoring.py: a value is flagged only by its own field in ``corrected`` or a
``=conflict`` check that compares that field. ``-v`` lists every miss.
"""

from __future__ import annotations

import json
import logging
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import os  # noqa: E402

from papeleo import registry  # noqa: E402
from papeleo.context import process_context  # noqa: E402
from papeleo.readers import ReadSettings, read_document  # noqa: E402
from scoring import EXTRA_FLAGGED, EXTRA_UNFLAGGED, MISSING, OK, WRONG_FLAGGED, WRONG_UNFLAGGED  # noqa: E402
from scoring_specs import MIR_NUMERIC, SPECS  # noqa: E402

log = logging.getLogger("mir_accuracy")

NUMERIC = MIR_NUMERIC
SEED = ROOT.parent / "shared" / "seeds" / "004_5ffbe8bd8598b418.txt"
TESTS = ROOT / "tests" / "families" / "mir_avance"
GOLDENS = TESTS / "goldens"
SEED_GOLDEN = GOLDENS / "seeds" / "004_5ffbe8bd8598b418.indicators.json"
SAMPLES = ("mir_avance_texto.pdf", "mir_avance_escaneado.pdf", "mir_avance_ocr.txt")
FIXTURES = TESTS / "fixtures"


def golden_rows(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return data.get("rows") or data.get("indicators") or []


def score(records: list[dict], gold: list[dict], key: str = "clave") -> dict:
    """The shared scorer (tests/scoring.py): rows paired by clave (then siglas), a wrong
    value excused only by a flag on its own field, never by a conflict elsewhere in its row."""
    spec = SPECS["indicators"] if key == "clave" else replace(SPECS["indicators"], key=(key,), fallback_keys=())
    result = spec.score(gold, records)
    c = result.counts(NUMERIC)
    return {
        "rows_golden": len(gold),
        "rows_extracted": len(records),
        "rows_found": len(result.pairs),
        "determinable": result.determinable(NUMERIC),
        "exact": c[OK],
        "missing": c[MISSING],
        "wrong_flagged": c[WRONG_FLAGGED],
        "wrong_unflagged": c[WRONG_UNFLAGGED],
        "extra_values": c[EXTRA_FLAGGED] + c[EXTRA_UNFLAGGED],
        "extra_unflagged": c[EXTRA_UNFLAGGED],
        "flagged_fields": sum(len(r.get("corrected") or []) for r in records),
        "misses": [str(m) for m in result.misses(NUMERIC)],
    }


def run(path: Path) -> list[dict]:
    res = read_document(str(path), ReadSettings())
    if res.document is None:
        raise SystemExit(f"could not read {path}: {res.failures}")
    return registry.get(os.environ.get("MIR_EXTRACTOR", "mir_avance.v2")).func(res.document, process_context()).records


def report(name: str, s: dict, verbose: bool) -> None:
    det = s["determinable"] or 1
    print(f"{name}")
    print(f"  rows found          {s['rows_found']}/{s['rows_golden']} (extracted {s['rows_extracted']})")
    print(f"  numeric exact       {s['exact']}/{s['determinable']} = {100 * s['exact'] / det:.1f}%")
    print(f"  null where determinable {s['missing']}")
    print(f"  wrong, flagged      {s['wrong_flagged']}")
    print(f"  wrong, UNFLAGGED    {s['wrong_unflagged']}")
    print(f"  value where golden null {s['extra_values']}")
    print(f"  value where golden null (unflagged) {s['extra_unflagged']}")
    print(f"  fields in corrected {s['flagged_fields']}")
    if verbose:
        for m in s["misses"]:
            print(f"    - {m}")


def _generated(module: str, builder: str, name: str) -> dict:
    """Score a MIR fixture generated at run time from its authored truth: the differently
    laid-out text PDF (make_fixture_rosa.build) or its scan (make_fixture_rosa_scan.build_scan)."""
    import importlib
    import tempfile

    sys.path.insert(0, str(FIXTURES))
    build = getattr(importlib.import_module(module), builder)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        truth = build(path)
        return score(run(path), truth, key="siglas")


def _unseen() -> dict:
    return _generated("make_fixture_rosa", "build", "mir_rosa.pdf")


def _unseen_scan() -> dict:
    return _generated("make_fixture_rosa_scan", "build_scan", "mir_rosa_scan.pdf")


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING)
    verbose = "-v" in argv
    cases = []
    if SEED.exists() and SEED_GOLDEN.exists():
        cases.append(("seed 004 (OCR'd text)", SEED, SEED_GOLDEN))
    else:
        print(f"seed 004 or its golden absent ({SEED}, {SEED_GOLDEN}); skipped")
    for name in SAMPLES:
        p = ROOT / "samples" / name
        g = GOLDENS / "samples" / f"{name}.json"
        if p.exists() and g.exists():
            cases.append((f"sample {name}", p, g))
    total = {"determinable": 0, "exact": 0, "wrong_unflagged": 0, "extra_unflagged": 0}
    scored = [(name, score(run(path), golden_rows(gpath))) for name, path, gpath in cases]
    scored.append(("unseen fixture make_fixture_rosa (text layer, Q3)", _unseen()))
    scored.append(("unseen fixture make_fixture_rosa_scan (image-only, OCR, Q3)", _unseen_scan()))
    for name, s in scored:
        report(name, s, verbose)
        for k in total:
            total[k] += s[k]
    print(
        f"ALL: exact {total['exact']}/{total['determinable']}, wrong unflagged {total['wrong_unflagged']}, "
        f"value where golden null (unflagged) {total['extra_unflagged']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

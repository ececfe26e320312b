"""Per-field accuracy of extractors/mir_avance/ against the hand-read goldens.

Run from the repository root:

    .venv/bin/python benchmarks/mir_accuracy.py [-v]

For seed 004 (``../shared/seeds``) and the MIR samples (``samples/mir_avance_*``) it
prints: rows found, determinable numeric fields read exactly, fields flagged (in
``corrected`` or under a ``=conflict`` check), values that are wrong and unflagged, and
values given where the golden says nothing determines one. ``-v`` lists every miss.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.mir_avance import extract  # noqa: E402
from papeleo.context import process_context  # noqa: E402
from papeleo.readers import ReadSettings, read_document  # noqa: E402

log = logging.getLogger("mir_accuracy")

NUMERIC = ("meta_anual", "programado_t1", "programado_t2", "programado_t3", "programado_t4",
           "alcanzado_t1", "alcanzado_t2", "alcanzado_t3", "alcanzado_t4", "avance_pct")
SEED = ROOT.parent / "shared" / "seeds" / "004_5ffbe8bd8598b418.txt"
TESTS = ROOT / "tests" / "families" / "mir_avance"
GOLDENS = TESTS / "goldens"
SEED_GOLDEN = GOLDENS / "seeds" / "004_5ffbe8bd8598b418.indicators.json"
SAMPLES = ("mir_avance_texto.pdf", "mir_avance_escaneado.pdf", "mir_avance_ocr.txt")
FIXTURES = TESTS / "fixtures"


def golden_rows(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = data.get("rows") or data.get("indicators") or []
    for r in rows:
        if "determinable" not in r:
            r["determinable"] = [f for f in NUMERIC if r.get(f) is not None]
    return rows


def _flagged(rec: dict, field: str) -> bool:
    corrected = {c.split(":")[0] for c in rec.get("corrected") or []}
    return field in corrected or any(c.endswith("=conflict") for c in rec.get("checks") or [])


def _same(a, b) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) < 1e-6


def pair_rows(records: list[dict], gold: list[dict]) -> list[tuple[dict, dict | None]]:
    """Golden row -> extracted record: by clave, then by siglas, never twice."""
    used: set[int] = set()
    out = []
    for g in gold:
        hit = None
        for key in ("clave", "siglas"):
            if g.get(key) is None:
                continue
            for i, r in enumerate(records):
                if i not in used and r.get(key) == g[key]:
                    hit = i
                    break
            if hit is not None:
                break
        if hit is not None:
            used.add(hit)
        out.append((g, records[hit] if hit is not None else None))
    return out


def score(records: list[dict], gold: list[dict]) -> dict:
    s = {"rows_golden": len(gold), "rows_extracted": len(records), "rows_found": 0,
         "determinable": 0, "exact": 0, "missing": 0, "wrong_flagged": 0, "wrong_unflagged": 0,
         "extra_values": 0, "extra_unflagged": 0, "flagged_fields": 0, "misses": []}
    for g, r in pair_rows(records, gold):
        if r is None:
            s["determinable"] += len(g["determinable"])
            s["missing"] += len(g["determinable"])
            s["misses"].append(f"{g.get('clave')}: row not found")
            continue
        s["rows_found"] += 1
        s["flagged_fields"] += len(r.get("corrected") or [])
        for f in NUMERIC:
            got = r.get(f)
            if f in g["determinable"]:
                s["determinable"] += 1
                if _same(got, g[f]):
                    s["exact"] += 1
                elif got is None:
                    s["missing"] += 1
                    s["misses"].append(f"{g['clave']} {f}: null, golden {g[f]}")
                else:
                    key = "wrong_flagged" if _flagged(r, f) else "wrong_unflagged"
                    s[key] += 1
                    s["misses"].append(f"{g['clave']} {f}: {got}, golden {g[f]} ({key})")
            elif got is not None:
                s["extra_values"] += 1
                if not _flagged(r, f):
                    s["extra_unflagged"] += 1
                s["misses"].append(f"{g['clave']} {f}: {got}, golden null (not determinable)")
    return s


def run(path: Path) -> list[dict]:
    res = read_document(str(path), ReadSettings())
    if res.document is None:
        raise SystemExit(f"could not read {path}: {res.failures}")
    return extract(res.document, process_context()).records


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
        return score(run(path), truth)


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
    print(f"ALL: exact {total['exact']}/{total['determinable']}, wrong unflagged {total['wrong_unflagged']}, "
          f"value where golden null (unflagged) {total['extra_unflagged']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

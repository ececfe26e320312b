"""Accuracy of the ASM extractor on generated agreements and annexes it has never seen, per form.

Run from the repository root (seeds: see samples/gen/_generated.py — report figures come from a
block of seeds never run before, and the closing note says which):

    .venv/bin/python benchmarks/asm_generated.py --seeds 1000-1029 --dir /tmp/asmval
    .venv/bin/python benchmarks/asm_generated.py --seeds 7000-7029 --dir /tmp/asmrep

Documents missing from ``--dir`` are generated there first (text PDF, degraded scan, OCR'd
text, with the generator's truth). Each form is read by papeleo's readers and extracted by the
named registry extractor, then scored with tests/scoring.py (``SPECS["commitments"]``) against
the generator's truth:

* rows found — truth rows paired with an extracted row (by tipo + numero, else by text);
* texts ok — texto / actividad_comprometida at or above the fuzzy floor;
* dates exact — fecha_compromiso and fecha_precision both exact, of the truth rows that have a
  date; an unreadable date reported as a ``failures`` row counts as flagged, not as exact;
* wrong unflagged — a date or precision different from the truth, with no failure for the row;
* refused right — truth rows whose date the generator blotted (``fecha_legible`` false) that came
  out as a ``failures`` row for that record, which is what the issue asks for ("a date that cannot
  be read is a failures row for that record, never a guess"). The targets are checked on rows
  found + refused right and on dates exact + refused right, so a correct refusal is not a miss;
  a failure for a date the truth has legible is never counted as right;
* junk — extracted rows the truth does not have.

``--by`` groups the same figures by a variant axis (``format``, ``reglas``, ``ocr_estilo`` ...);
``-v`` lists every miss; ``--json`` writes the per-document results.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "samples")]

from generated_docs import ensure_generated, parse_seeds, run_jobs  # noqa: E402

from gen._generated import FORMS, doc_name  # noqa: E402
from scoring import OK, WRONG_UNFLAGGED  # noqa: E402
from scoring_specs import SPECS  # noqa: E402

log = logging.getLogger("asm_generated")
FAMILY = "convenio_asm"
TEXT_FIELDS = ("texto", "actividad_comprometida")
DATE_FIELDS = ("fecha_compromiso", "fecha_precision")
# the floors per form: rows found and dates exact
TARGETS = {"texto.pdf": 1.0, "escaneado.pdf": 0.95, "ocr.txt": 0.95}


def score_one(job: tuple[int, str, str, str]) -> dict:
    """Read, extract and score one (seed, form); never raises (a crash is a result)."""
    seed, form, folder, extractor = job
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from papeleo import registry
    from papeleo.context import process_context
    from papeleo.readers import ReadSettings, read_document

    out = Path(folder)
    data = json.loads((out / f"{FAMILY}_s{seed:05d}.truth.json").read_text(encoding="utf-8"))
    truth = data["truth"]["commitments"] if "truth" in data else data["commitments"]
    path = out / doc_name(FAMILY, seed, form)
    result = {"seed": seed, "form": form, "variant": data.get("variant", {})}
    failures = []
    try:
        res = read_document(str(path), ReadSettings(), cache_root=path.parent / "_cache")
        if res.document is None:
            raise RuntimeError(f"not read: {res.failures}")
        ext = registry.get(extractor).func(res.document, process_context())
        records, failures = ext.records, ext.failures
    except Exception as exc:  # a crash is scored as nothing read, and listed
        log.exception("seed %d %s", seed, form)
        result["error"] = f"{type(exc).__name__}: {exc}"
        records = []
    failed = set()
    for f in failures:
        try:
            rec = json.loads(f.record or "{}")
            failed.add((rec.get("tipo"), rec.get("numero")))
        except ValueError:
            pass
    score = SPECS["commitments"].score(truth, records)
    counts: Counter = Counter()
    counts["rows_truth"] = len(truth)
    counts["rows_found"] = len(score.pairs)
    counts["rows_junk"] = len(score.unexpected)
    unpaired = {score.row_label(row) for row in score.unmatched}
    by_row: dict[str, dict[str, str]] = defaultdict(dict)
    for r in score.results:
        by_row[r.row][r.field] = r.outcome
    for t in truth:
        key = (t["tipo"], t["numero"])
        outcomes = by_row.get(score.row_label(t), {})
        for f in TEXT_FIELDS:
            if t.get(f):
                counts["text"] += 1
                counts["text_ok"] += outcomes.get(f) == OK
        if t.get("fecha_compromiso") is not None or t.get("fecha_legible") is False:
            counts["dated"] += 1
            exact = key not in failed and all(outcomes.get(f) == OK for f in DATE_FIELDS) and bool(outcomes)
            counts["date_exact"] += exact
            if key in failed:
                counts["date_failure"] += 1
                if t.get("fecha_legible") is False and score.row_label(t) in unpaired:
                    counts["refused_right"] += 1
            elif not exact and outcomes and any(outcomes.get(f) == WRONG_UNFLAGGED for f in DATE_FIELDS):
                counts["date_wrong_unflagged"] += 1
        counts["page_ok"] += outcomes.get("page") == OK
    result["counts"] = dict(counts)
    result["misses"] = [str(m) for m in score.misses()]
    result["junk"] = [{k: r.get(k) for k in ("tipo", "numero", "page", "texto")} for r in score.unexpected]
    result["failures"] = [f.message for f in failures]
    return result


def pct(a: int, b: int) -> str:
    return f"{a:>5}/{b:<5}{100 * a / max(b, 1):>6.1f}%"


def table(groups: dict[str, Counter]) -> str:
    head = (
        f"{'group':<28}{'docs':>5}{'rows found':>18}{'junk':>6}{'texts ok':>18}{'dates exact':>18}"
        f"{'date fail':>10}{'WRONG unflg':>12}{'page ok':>18}{'rows+refused':>18}{'dates+refused':>18}"
    )
    lines = [head, "-" * len(head)]
    for name, c in groups.items():
        lines.append(
            f"{name:<28}{c['docs']:>5}{pct(c['rows_found'], c['rows_truth'])}{c['rows_junk']:>6}"
            f"{pct(c['text_ok'], c['text'])}{pct(c['date_exact'], c['dated'])}"
            f"{c['date_failure']:>10}{c['date_wrong_unflagged']:>12}{pct(c['page_ok'], c['rows_truth'])}"
            f"{pct(c['rows_found'] + c['refused_right'], c['rows_truth'])}"
            f"{pct(c['date_exact'] + c['refused_right'], c['dated'])}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", required=True)
    p.add_argument("--dir", required=True, type=Path, help="where the generated documents are (or go)")
    p.add_argument("--forms", nargs="+", default=list(FORMS))
    p.add_argument("--extractor", default="convenio_asm.v1")
    # one by default: scans not yet OCR'd start the readers' own OCR pool, and a pool started in
    # a pool's worker hung (generated_docs.run_jobs); more only for read documents (cache hits)
    p.add_argument("--workers", type=int, default=1, help="processes; more than 1 only when the scans' OCR is cached")
    p.add_argument("--by", default="format", help="a variant axis to group by ('' for none)")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    args.dir.mkdir(parents=True, exist_ok=True)
    seeds = parse_seeds(args.seeds)
    for seed in seeds:
        ensure_generated(FAMILY, seed, args.dir, args.forms)
    jobs = [(s, f, str(args.dir), args.extractor) for s in seeds for f in args.forms]
    results = run_jobs(score_one, jobs, args.workers)
    by_form: dict[str, Counter] = defaultdict(Counter)
    by_axis: dict[str, Counter] = defaultdict(Counter)
    for r in results:
        for c in (by_form[r["form"]], by_form["ALL"]):
            c.update(r["counts"])
            c["docs"] += 1
        if args.by:
            by_axis[f"{r['form'][:6]} {r['variant'].get(args.by)}"].update({**r["counts"], "docs": 1})
    print(f"{args.extractor} on {FAMILY} seeds {args.seeds} ({len(seeds)} documents)")
    print(table({k: by_form[k] for k in [*args.forms, "ALL"]}))
    if args.by:
        print(f"\nby {args.by}:")
        print(table(dict(sorted(by_axis.items()))))
    for r in results:
        if r.get("error"):
            print(f"CRASH seed {r['seed']} {r['form']}: {r['error']}")
    if args.verbose:
        for r in results:
            if r["misses"] or r["junk"] or r["failures"]:
                print(f"\n# seed {r['seed']} {r['form']} {r['variant'].get('format')}")
                for m in r["misses"]:
                    print(f"  {m}")
                for j in r["junk"]:
                    print(f"  JUNK ROW {j}")
                for f in r["failures"]:
                    print(f"  FAILURE {f}")
    below = [
        f
        for f in args.forms
        if by_form[f]["rows_found"] + by_form[f]["refused_right"] < TARGETS.get(f, 0) * by_form[f]["rows_truth"]
        or by_form[f]["date_exact"] + by_form[f]["refused_right"] < TARGETS.get(f, 0) * by_form[f]["dated"]
    ]
    print(f"\nbelow target: {below or 'none'}; dates wrong unflagged: {by_form['ALL']['date_wrong_unflagged']}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

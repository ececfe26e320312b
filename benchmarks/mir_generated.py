"""Field accuracy of a MIR extractor on generated reports it has never seen, per form.

Run from the repository root (seeds: see samples/gen/_generated.py — report figures come from a
block of seeds never run before, and the closing note says which):

    .venv/bin/python benchmarks/mir_generated.py --seeds 1000-1029 --dir /tmp/mirval
    .venv/bin/python benchmarks/mir_generated.py --seeds 6000-6049 --dir /tmp/mirrep --extractor mir_avance.v1

Documents missing from ``--dir`` are generated there first (text PDF, degraded scan, OCR'd
text, with the generator's truth). Each form is read by papeleo's readers and extracted by the
named registry extractor, then scored with tests/scoring.py against the generator's truth:

* numeric exact — of the numeric fields the truth gives a value, the share read exactly;
* text ok — resumen_narrativo / indicador / comentario at or above the fuzzy floor;
* wrong flagged / wrong UNFLAGGED — a different value, with or without a flag on its own field
  (``corrected``, or a conflict check naming it); a conflict elsewhere in the row excuses nothing;
* extra unflagged — a value where the truth has none (an alcanzado for a quarter not yet
  reported), and numbers on rows the truth does not have (junk rows), with no flag on their field;
* right flagged — numeric values read exactly that still carry a flag on their field: the
  review burden the flags cost (a flag on every value would make "wrong unflagged" zero);
* to failures — rows the extractor gave with no key (no clave, siglas or unidad): the pipeline
  writes them as ``missing_key`` failures with their cells, never as indicators, so they are
  not scored as rows.

``--by`` groups the same figures by a variant axis (``format``, ``estilo_texto``, ...);
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
from scoring import (  # noqa: E402
    EXTRA_FLAGGED,
    EXTRA_UNFLAGGED,
    MISSING,
    NUMERIC_TOLERANCE,
    OK,
    WRONG_FLAGGED,
    WRONG_UNFLAGGED,
)
from scoring_flags import flags  # noqa: E402
from scoring_specs import MIR_NUMERIC, SPECS  # noqa: E402

log = logging.getLogger("mir_generated")
FAMILY = "mir_avance"
TEXT_FIELDS = ("resumen_narrativo", "indicador", "comentario")
EXACT_FIELDS = ("clave", "nivel", "siglas", "frecuencia", "trimestre", "ejercicio")
# the floors per form: share of numeric fields exact
TARGETS = {"texto.pdf": 0.99, "escaneado.pdf": 0.95, "ocr.txt": 0.90}


def junk_values(rows: list[dict]) -> tuple[int, int]:
    """Numbers on rows the truth does not have: (flagged on their own field, unflagged)."""
    flagged = unflagged = 0
    for r in rows:
        own = flags(r)
        for f in MIR_NUMERIC:
            if r.get(f) is not None:
                flagged += f in own
                unflagged += f not in own
    return flagged, unflagged


def score_one(job: tuple[int, str, str, str, str | None]) -> dict:
    """Read, extract and score one (seed, form); never raises (a crash is a result)."""
    seed, form, folder, extractor, cache = job
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import schemas
    from papeleo import registry
    from papeleo.context import process_context
    from papeleo.readers import ReadSettings, read_document

    out = Path(folder)
    truth = json.loads((out / f"{FAMILY}_s{seed:05d}.truth.json").read_text(encoding="utf-8"))
    path = out / doc_name(FAMILY, seed, form)
    result = {"seed": seed, "form": form, "variant": truth.get("variant", {})}
    try:
        res = read_document(str(path), ReadSettings(), cache_root=cache)
        if res.document is None:
            raise RuntimeError(f"not read: {res.failures}")
        records = registry.get(extractor).func(res.document, process_context()).records
        # what the pipeline writes: a row with no key (no clave, siglas or unidad) becomes a
        # missing_key failure with its cells, never an indicators row (papeleo/pipeline.py)
        keyed = [r for r in records if not schemas.get("indicators").missing_key(r)]
        result["to_failures"] = len(records) - len(keyed)
        records = keyed
    except Exception as exc:  # a crash is scored as nothing read, and listed
        log.exception("seed %d %s", seed, form)
        result["error"] = f"{type(exc).__name__}: {exc}"
        records = []
    spec = SPECS["indicators"]
    score = spec.score(truth["truth"]["indicators"] if "truth" in truth else truth["indicators"], records)
    counts: Counter = Counter()
    for r in score.results:
        kind = "num" if r.field in MIR_NUMERIC else "text" if r.field in TEXT_FIELDS else "exact"
        counts[f"{kind}:{r.outcome}"] += 1
    counts["rows_truth"] = len(score.pairs) + len(score.unmatched)
    counts["rows_found"] = len(score.pairs)
    counts["rows_junk"] = len(score.unexpected)
    counts["num:junk_flagged"], counts["num:junk_values"] = junk_values(score.unexpected)
    counts["rows_to_failures"] = result.get("to_failures", 0)
    counts["num:right_flagged"] = sum(
        1
        for pair in score.pairs
        for f in flags(pair.got)
        if f in MIR_NUMERIC
        and isinstance(pair.got.get(f), (int, float))
        and isinstance(pair.expected.get(f), (int, float))
        and abs(pair.got[f] - pair.expected[f]) <= NUMERIC_TOLERANCE
    )
    result["counts"] = dict(counts)
    result["misses"] = [
        str(m) for m in score.misses() if m.field in MIR_NUMERIC or m.field in TEXT_FIELDS + EXACT_FIELDS
    ]
    result["junk"] = [{k: r.get(k) for k in ("clave", "siglas", "nivel", "page")} for r in score.unexpected]
    return result


def rate(c: Counter, kind: str) -> tuple[int, int]:
    det = sum(c[f"{kind}:{o}"] for o in (OK, MISSING, WRONG_FLAGGED, WRONG_UNFLAGGED))
    return c[f"{kind}:{OK}"], det


def table(groups: dict[str, Counter]) -> str:
    head = (
        f"{'group':<24}{'docs':>5}{'rows':>11}{'junk':>6}{'numeric exact':>22}{'text ok':>18}"
        f"{'exact fields':>18}{'wrong flg':>10}{'WRONG unflg':>12}{'extra unflg':>12}{'right flg':>10}"
        f"{'to failures':>12}"
    )
    lines = [head, "-" * len(head)]
    for name, c in groups.items():
        n_ok, n_det = rate(c, "num")
        t_ok, t_det = rate(c, "text")
        e_ok, e_det = rate(c, "exact")
        wrong_unfl = c[f"num:{WRONG_UNFLAGGED}"]
        extra_unfl = c[f"num:{EXTRA_UNFLAGGED}"] + c["num:junk_values"]
        lines.append(
            f"{name:<24}{c['docs']:>5}{c['rows_found']:>5}/{c['rows_truth']:<5}{c['rows_junk']:>6}"
            f"{n_ok:>7}/{n_det:<6}{100 * n_ok / max(n_det, 1):>6.1f}%"
            f"{t_ok:>6}/{t_det:<5}{100 * t_ok / max(t_det, 1):>5.1f}%"
            f"{e_ok:>6}/{e_det:<5}{100 * e_ok / max(e_det, 1):>5.1f}%"
            f"{c[f'num:{WRONG_FLAGGED}']:>10}{wrong_unfl:>12}{extra_unfl:>12}{c['num:right_flagged']:>10}"
            f"{c['rows_to_failures']:>12}"
        )
        _ = EXTRA_FLAGGED
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", required=True)
    p.add_argument("--dir", required=True, type=Path, help="where the generated documents are (or go)")
    p.add_argument("--forms", nargs="+", default=list(FORMS))
    p.add_argument("--extractor", default="mir_avance.v2")
    # one by default: scans not yet OCR'd start the readers' own OCR pool, and a pool started in
    # a pool's worker hung (generated_docs.run_jobs); more only for read documents (cache hits)
    p.add_argument("--workers", type=int, default=1, help="processes; more than 1 only when the scans' OCR is cached")
    p.add_argument("--by", default="format", help="a variant axis to group by ('' for none)")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--json", type=Path)
    p.add_argument("--cache", type=Path, help="keep the readers' output here (scans are OCR'd once)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    args.dir.mkdir(parents=True, exist_ok=True)
    seeds = parse_seeds(args.seeds)
    for seed in seeds:
        ensure_generated(FAMILY, seed, args.dir, args.forms)
    cache = str(args.cache) if args.cache else None
    jobs = [(s, f, str(args.dir), args.extractor, cache) for s in seeds for f in args.forms]
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
    errors = [r for r in results if r.get("error")]
    for r in errors:
        print(f"CRASH seed {r['seed']} {r['form']}: {r['error']}")
    if args.verbose:
        for r in results:
            if r["misses"] or r["junk"]:
                print(f"\n# seed {r['seed']} {r['form']} {r['variant'].get('format')}")
                for m in r["misses"]:
                    print(f"  {m}")
                for j in r["junk"]:
                    print(f"  JUNK ROW {j}")
    missed_targets = [
        f for f in args.forms if rate(by_form[f], "num")[0] < TARGETS.get(f, 0) * rate(by_form[f], "num")[1]
    ]
    unflagged = sum(by_form[f][f"num:{WRONG_UNFLAGGED}"] for f in args.forms)
    print(f"\nbelow target: {missed_targets or 'none'}; wrong unflagged: {unflagged}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

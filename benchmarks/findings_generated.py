"""Accuracy of the supervision-report extractor on generated reports it has never seen, per form.

Run from the repository root (seeds: see samples/gen/_generated.py — report figures come from a
block of seeds never run before, and the closing note says which):

    .venv/bin/python benchmarks/findings_generated.py --seeds 1000-1029 --dir /tmp/isval
    .venv/bin/python benchmarks/findings_generated.py --seeds 7200-7229 --dir /tmp/isrep --workers 1

Documents missing from ``--dir`` are generated there first (text PDF, degraded scan, OCR'd text,
with the generator's truth). Each form is read by papeleo's readers and extracted by the named
registry extractor, then scored with tests/scoring.py and SPECS["findings"] against the truth:

* items found, per section — truth rows that a row was paired with (by section, addressee and
  number, then by section and text);
* texto ok — the paired row's text at or above the fuzzy floor (scoring_specs.TEXT_FLOOR);
* fecha / subseccion / destinatario / numero / page — exact (subseccion and destinatario at the
  text floor), of the fields the truth gives a value or the row gives one (an extra value counts
  against it);
* junk — rows the truth does not have (a caption, a lead-in, a footnote read as a finding);
* audit summaries — documents whose summary row's ``checks`` hold a conflict exactly when the
  generator printed a count or a total that does not add up (``variant["inconsistencia"]``).

The headline per form is ``all ok``: every compared field of every truth row right, over every
field the truth or the extraction gives a value (rows not found count as missing fields).
``--by`` groups by a variant axis (``style``, ``agrupacion``, ``ocr_estilo``); ``-v`` lists misses.
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
from scoring import BOTH_NULL, OK  # noqa: E402
from scoring_specs import SPECS  # noqa: E402

log = logging.getLogger("findings_generated")
FAMILY = "informe_supervision"
SECTIONS = ("objetivo_general", "objetivo_especifico", "hallazgo", "conclusion", "recomendacion")
FIELDS = ("texto", "fecha", "subseccion", "destinatario", "numero", "page")
# the floors per form: share of all compared fields right
TARGETS = {"texto.pdf": 0.98, "escaneado.pdf": 0.95, "ocr.txt": 0.95}


def score_one(job: tuple[int, str, str, str]) -> dict:
    """Read, extract and score one (seed, form); never raises (a crash is a result)."""
    seed, form, folder, extractor = job
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from papeleo import registry
    from papeleo.context import process_context
    from papeleo.readers import ReadSettings, read_document

    out = Path(folder)
    truth = json.loads((out / f"{FAMILY}_s{seed:05d}.truth.json").read_text(encoding="utf-8"))
    result = {"seed": seed, "form": form, "variant": truth.get("variant", {})}
    try:
        res = read_document(str(out / doc_name(FAMILY, seed, form)), ReadSettings(), cache_root=out / "_cache")
        if res.document is None:
            raise RuntimeError(f"not read: {res.failures}")
        records = registry.get(extractor).func(res.document, process_context()).records
    except Exception as exc:  # a crash is scored as nothing read, and listed
        log.exception("seed %d %s", seed, form)
        result["error"] = f"{type(exc).__name__}: {exc}"
        records = []
    expected = truth["truth"]["findings"]
    score = SPECS["findings"].score(expected, records)
    c: Counter = Counter()
    for s in SECTIONS:
        c[f"truth:{s}"] = sum(1 for r in expected if r["seccion"] == s)
        c[f"found:{s}"] = sum(1 for p in score.pairs if p.expected["seccion"] == s)
        c[f"junk:{s}"] = sum(1 for r in score.unexpected if r.get("seccion") == s)
    for r in score.results:
        if r.field in FIELDS and r.outcome != BOTH_NULL:
            c[f"{r.field}:det"] += 1
            c[f"{r.field}:ok"] += r.outcome == OK
    checks = [x for r in records for x in r.get("checks") or []]
    if checks:  # an audit summary checked: a conflict exactly where the generator made it not add up
        c["checks:det"] += 1
        c["checks:ok"] += any(x.endswith("=conflict") for x in checks) == bool(result["variant"].get("inconsistencia"))
    result["counts"] = dict(c)
    result["misses"] = [str(m) for m in score.misses() if m.field in FIELDS]
    result["junk"] = [
        {k: r.get(k) for k in ("seccion", "numero", "subseccion", "texto", "page")} for r in score.unexpected
    ]
    return result


def all_ok(c: Counter) -> tuple[int, int]:
    ok = sum(c[f"{f}:ok"] for f in FIELDS)
    det = sum(c[f"{f}:det"] for f in FIELDS) + sum(c[f"junk:{s}"] for s in SECTIONS)
    return ok, det


def table(groups: dict[str, Counter]) -> str:
    cols = [f"{s[:12]}" for s in SECTIONS] + ["junk"] + list(FIELDS) + ["all ok"]
    head = f"{'group':<26}{'docs':>5}" + "".join(f"{c:>14}" for c in cols)
    lines = [head, "-" * len(head)]
    for name, c in groups.items():
        cells = [f"{c[f'found:{s}']}/{c[f'truth:{s}']}" for s in SECTIONS]
        cells.append(str(sum(c[f"junk:{s}"] for s in SECTIONS)))
        for f in FIELDS:
            det = c[f"{f}:det"]
            cells.append(f"{100 * c[f'{f}:ok'] / det:.1f}%" if det else "-")
        ok, det = all_ok(c)
        cells.append(f"{100 * ok / max(det, 1):.1f}%")
        lines.append(f"{name:<26}{c['docs']:>5}" + "".join(f"{x:>14}" for x in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", required=True)
    p.add_argument("--dir", required=True, type=Path, help="where the generated documents are (or go)")
    p.add_argument("--forms", nargs="+", default=list(FORMS))
    p.add_argument("--extractor", default="informe_supervision.v1")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--by", default="style", help="a variant axis to group by ('' for none)")
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
    print(f"{args.extractor} on {FAMILY} seeds {args.seeds} ({len(seeds)} documents); found/truth rows per section")
    print(table({k: by_form[k] for k in [*args.forms, "ALL"]}))
    if args.by:
        print(f"\nby {args.by}:")
        print(table(dict(sorted(by_axis.items()))))
    for r in results:
        if r.get("error"):
            print(f"CRASH seed {r['seed']} {r['form']}: {r['error']}")
    if args.verbose:
        for r in results:
            if r["misses"] or r["junk"]:
                print(f"\n# seed {r['seed']} {r['form']} {r['variant'].get('style')}")
                for m in r["misses"]:
                    print(f"  {m}")
                for j in r["junk"]:
                    print(f"  JUNK ROW {j}")
    print(
        "\naudit summaries whose checks conflict exactly when the generator made them not add up: "
        + ", ".join(f"{f} {by_form[f]['checks:ok']}/{by_form[f]['checks:det']}" for f in args.forms)
    )
    below = [f for f in args.forms if all_ok(by_form[f])[0] < TARGETS.get(f, 0) * all_ok(by_form[f])[1]]
    print(f"\nbelow target ({', '.join(f'{k} {v:.0%}' for k, v in TARGETS.items())}): {below or 'none'}")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

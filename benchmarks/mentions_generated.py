"""Precision and recall of mentions.v2 per tipo on generated documents of every family, against
the mentions each generator registers as it prints them (the truth's ``mentions``).

Run from the repository root (report figures from a block of seeds never run before; the
closing note says which):

    .venv/bin/python benchmarks/mentions_generated.py --seeds 3000-3019 --dir /tmp/mentions_gen
    .venv/bin/python benchmarks/mentions_generated.py --seeds 3000-3019 --dir /tmp/mentions_gen --forms ocr.txt -v

Documents missing from ``--dir`` are generated there first. Each form is read by papeleo's
readers, run through ``mentions.v2`` and scored with tests/mention_scoring.py; the truth is taken
as complete for every tipo (a row it does not hold is counted wrong): each generator registers
every mention it prints, as docs/mentions.md defines them. Targets (issue 12) on the
text layer: precision >= 0.95 and recall >= 0.90 per tipo.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "samples")]

from generated_docs import ensure_generated, parse_seeds, run_jobs  # noqa: E402
from mention_scoring import score  # noqa: E402

from gen._generated import doc_name  # noqa: E402

log = logging.getLogger("mentions_generated")
FAMILIES = ("convenio_asm", "dictamen_puntajes", "informe_supervision", "mir_avance")
TIPOS = ("persona", "organizacion", "referencia_legal", "monto", "cantidad", "fecha", "url")
TARGET_PRECISION, TARGET_RECALL = 0.95, 0.90


def truth_to_golden(mentions: list[dict]) -> dict:
    """The generator's mentions as a golden: one entry per distinct thing, every tipo complete."""
    entries: dict[tuple, dict] = {}
    for m in mentions:
        entry = {"tipo": m["tipo"], "valor": str(m["valor"])}
        if m["tipo"] == "cantidad":
            entry["unidad"] = m.get("unidad") or ""
        if m["tipo"] == "monto":
            entry["moneda"] = m.get("moneda")
        if m.get("cargo"):
            entry["cargo"] = [m["cargo"]]
        key = (entry["tipo"], entry["valor"].lower(), entry.get("unidad"), entry.get("moneda"))
        if m.get("persona_id") is not None:  # one person printed several ways (table and prose)
            key = ("persona", m["persona_id"])
            if key in entries and entry["valor"] != entries[key]["valor"]:
                entries[key].setdefault("also", []).append(entry["valor"])
                if m.get("cargo") and not entries[key].get("cargo"):
                    entries[key]["cargo"] = [m["cargo"]]
                continue
        entries.setdefault(key, entry)
    return {"mentions": list(entries.values()), "complete": list(TIPOS), "tolerated": []}


def score_one(job: tuple[str, int, str, str]) -> dict:
    family, seed, form, folder = job
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    from extractors import mentions
    from papeleo.context import process_context
    from papeleo.readers import ReadSettings, read_document

    out = Path(folder)
    truth = json.loads((out / f"{family}_s{seed:05d}.truth.json").read_text(encoding="utf-8"))
    result = {"family": family, "seed": seed, "form": form}
    try:
        res = read_document(str(out / doc_name(family, seed, form)), ReadSettings(), cache_root=out / "_cache")
        if res.document is None:
            raise RuntimeError(f"not read: {res.failures}")
        rows = mentions.extract(res.document, process_context()).records
    except Exception as exc:  # a crash is scored as nothing read, and listed
        log.exception("%s seed %d %s", family, seed, form)
        result["error"] = f"{type(exc).__name__}: {exc}"
        rows = []
    result["score"] = score(truth_to_golden(truth["truth"].get("mentions", [])), rows)
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seeds", required=True)
    p.add_argument("--dir", required=True, type=Path, help="where the generated documents are (or go)")
    p.add_argument("--forms", nargs="+", default=["texto.pdf"])
    p.add_argument("--families", nargs="+", default=list(FAMILIES))
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("-v", "--verbose", action="store_true", help="list what is missed and what is wrong")
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args.dir.mkdir(parents=True, exist_ok=True)
    seeds = parse_seeds(args.seeds)
    for family in args.families:
        for seed in seeds:
            ensure_generated(family, seed, args.dir, args.forms)
    jobs = [(f, s, form, str(args.dir)) for form in args.forms for f in args.families for s in seeds]
    results = run_jobs(score_one, jobs, args.workers)
    for form in args.forms:
        totals: dict[str, dict] = defaultdict(lambda: defaultdict(int))
        by_family: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
        for r in (r for r in results if r["form"] == form):
            for tipo, s in r["score"].items():
                for t in (totals[tipo], by_family[(r["family"], tipo)]):
                    for k in ("found", "expected", "right", "extracted"):
                        t[k] += s[k]
                if args.verbose and (s["missed"] or s["wrong"]):
                    log.info("%s s%d %s missed %s wrong %s", r["family"], r["seed"], tipo, s["missed"], s["wrong"])
        log.info(f"\n{form}: {len(seeds)} seeds x {len(args.families)} families")
        log.info(f"{'tipo':18}{'recall':>18}{'precision':>18}")
        for tipo in TIPOS:
            t = totals.get(tipo)
            if not t:
                continue
            rec = f"{t['found'] / t['expected']:.3f} ({t['found']}/{t['expected']})" if t["expected"] else "-"
            pre = f"{t['right'] / t['extracted']:.3f} ({t['right']}/{t['extracted']})" if t["extracted"] else "-"
            log.info(f"{tipo:18}{rec:>18}{pre:>18}")
        if args.verbose:
            for (family, tipo), t in sorted(by_family.items()):
                log.info(
                    f"  {family:20} {tipo:17} recall {t['found']}/{t['expected']} precision {t['right']}/{t['extracted']}"
                )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

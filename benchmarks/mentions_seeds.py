"""mentions.v2 against the hand-read goldens of the seeds (precision and recall per tipo), and
the time of 100 KB of text through the whole extractor.

    .venv/bin/python benchmarks/mentions_seeds.py [--seeds ../shared/seeds] [--kb 100]

Targets (issue 12): precision >= 0.90 and recall >= 0.85 per tipo on the seeds; 100 KB in < 0.5 s.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from mention_scoring import load_golden, score  # noqa: E402

from extractors import mentions  # noqa: E402
from helpers import make_document  # noqa: E402
from papeleo.context import process_context  # noqa: E402

log = logging.getLogger("benchmarks.mentions")
GOLDENS = ROOT / "tests" / "families" / "mentions" / "goldens" / "seeds"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=Path, default=ROOT.parent / "shared" / "seeds")
    ap.add_argument("--kb", type=int, default=100)
    ap.add_argument("-v", action="store_true", help="list what is missed and what is wrong")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ctx = process_context()
    totals: dict[str, dict] = defaultdict(lambda: defaultdict(int))
    texts = []
    for path in sorted(GOLDENS.glob("*.json")):
        golden = load_golden(path)
        text = (args.seeds / golden["seed"]).read_text("utf-8")
        texts.append(text)
        rows = mentions.extract(make_document(text), ctx).records
        for tipo, s in score(golden, rows).items():
            line = f"{path.stem[:3]} {tipo:17} recall {s['found']}/{s['expected']}"
            if s["precision"] is not None:
                line += f"  precision {s['right']}/{s['extracted']}"
            if s["cargo_expected"]:
                line += f"  cargo {s['cargo_right']}/{s['cargo_expected']}"
            log.info(line)
            if args.v:
                log.info("    missed %s\n    wrong %s", s["missed"], s["wrong"])
            t = totals[tipo]
            for k in ("found", "expected", "right", "extracted"):
                t[k] += s[k] if s["precision"] is not None or k in ("found", "expected") else 0
    log.info("\nper tipo over the seeds:")
    for tipo, t in sorted(totals.items()):
        p = f"{t['right'] / t['extracted']:.2f} ({t['right']}/{t['extracted']})" if t["extracted"] else "-"
        log.info(f"  {tipo:17} recall {t['found'] / t['expected']:.2f} ({t['found']}/{t['expected']})  precision {p}")
    corpus = "\n".join(texts)
    big = (corpus * (args.kb * 1024 // len(corpus) + 1))[: args.kb * 1024]
    doc = make_document(big)
    mentions.extract(make_document(texts[0][:2000]), ctx)  # build the rules once, as a run does
    t0 = time.perf_counter()
    n = len(mentions.extract(doc, ctx).records)
    log.info(f"\n{args.kb} KB of seed text through mentions.v2: {time.perf_counter() - t0:.2f} s ({n} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""What OCR returns at all, on generated MIR scans or OCR'd texts: an upper bound for any reading of them.

Run from the repository root, after ``benchmarks/mir_generated.py`` has read the scans into
the same cache (otherwise they are read here first, at 300 dpi, one at a time):

    .venv/bin/python benchmarks/mir_ocr_ceiling.py --seeds 0-29 --dir /tmp/mirdevscan --cache /tmp/mircache16

or, for the OCR'd-text form (``ocr.txt``: the damage channel, or tesseract's own text for the
documents the generator sends down the real path), grouped by damage level and ``real``:

    .venv/bin/python benchmarks/mir_ocr_ceiling.py --seeds 7010-7049 --dir /tmp/mirblock --form ocr.txt

For each numeric value of the generator's truth (meta anual, programados, alcanzados, % avance)
it asks whether its digits appear among the OCR'd words of the document, anywhere, each word
used once: '1130' is found as '1,130', '1130.00' or '1,130.00'; '25.79' as '25.79%'. The bound
is lenient on purpose: a value found this way may still sit under the wrong column, and a value
not found can only be imputed from the row's arithmetic. The gap between this share and the
numbers placed exactly (``mir_generated.py``) is what the reading of the table loses; the rest
is what OCR loses. Grouped by the generator's scan damage level (``nivel_escaneo``). On the
OCR'd-text form the bound is looser still: the text keeps no geometry, so where tesseract wrote
a row's column blocks out of order the arithmetic pins the meta and the set of programados, not
which quarter each is.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from papeleo.readers import ReadSettings, read_document  # noqa: E402
from scoring_specs import MIR_NUMERIC  # noqa: E402

# a run of digits with its separators, as OCR prints a number: '1,130.00', '25.79%'
NUMBER = re.compile(r"\d[\d,\.]*")


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def value_to_printed_digits(value: float) -> set[str]:
    """The digit strings a value may be printed as: 1130 -> '1130', '11300', '113000'
    (1,130.00); 25.79 -> '2579'; 25.5 -> '255', '2550'."""
    if float(value) == int(value):
        whole = str(int(value))
        return {whole, whole + "0", whole + "00"}
    return {digits(f"{value:.{k}f}") for k in (1, 2) if float(f"{value:.{k}f}") == value}


def document_to_found(truth: dict, words: Counter) -> tuple[int, int]:
    """(values in the truth, values whose digits the OCR'd words hold, each word used once)."""
    total = found = 0
    for row in truth["truth"]["indicators"]:
        for field in MIR_NUMERIC:
            value = row.get(field)
            if value is None:
                continue
            total += 1
            # shortest form first, so that runs give the same figure whatever the set's order
            hit = next((s for s in sorted(value_to_printed_digits(value), key=len) if words[s] > 0), None)
            if hit:
                words[hit] -= 1
                found += 1
    return total, found


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--seeds", required=True, help="A-B")
    p.add_argument("--dir", type=Path, required=True, help="where the generated scans are")
    p.add_argument("--cache", type=Path, help="the reads' cache (as mir_generated.py --cache); scans only")
    p.add_argument("--form", choices=("escaneado.pdf", "ocr.txt"), default="escaneado.pdf")
    args = p.parse_args()
    a, b = (int(x) for x in args.seeds.split("-"))
    by: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for seed in range(a, b + 1):
        truth = json.loads((args.dir / f"mir_avance_s{seed:05d}.truth.json").read_text(encoding="utf-8"))
        variant = truth.get("variant") or {}
        path = args.dir / f"mir_avance_s{seed:05d}_{args.form}"
        if args.form == "ocr.txt":
            words = Counter(digits(m.group()) for m in NUMBER.finditer(path.read_text(encoding="utf-8")))
            level = "real" if variant.get("ocr_real") else variant.get("nivel_dano", "?")
        else:
            doc = read_document(str(path), ReadSettings(), cache_root=args.cache).document
            if doc is None:
                continue
            words = Counter(
                digits(m.group()) for page in doc.pages for w in page.words for m in NUMBER.finditer(w.text)
            )
            level = variant.get("nivel_escaneo", "?")
        total, found = document_to_found(truth, words)
        for key in ("all", level):
            by[key][0] += found
            by[key][1] += total
    for key, (found, total) in sorted(by.items()):
        print(f"{key:8} {found:6}/{total:<6} {found / max(total, 1):6.1%}")


if __name__ == "__main__":
    main()

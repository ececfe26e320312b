#!/usr/bin/env python3
"""Regenerate papeleo's synthetic sample documents and their golden truth files.

    .venv/bin/python samples/make_samples.py           # rewrite samples/ and the goldens
    .venv/bin/python samples/make_samples.py --check   # regenerate elsewhere and compare

For each of the four document families (mir_avance, convenio_asm, dictamen_puntajes,
informe_supervision) this writes three forms of the same fictional document:

* samples/<family>_texto.pdf      PDF with a text layer, drawn with reportlab's canvas
                                  (every table cell is positioned text inside a ruled grid)
* samples/<family>_escaneado.pdf  image-only PDF: the pages above rendered with pypdfium2
                                  at 200 dpi and degraded to look scanned (no text layer)
* samples/<family>_ocr.txt        the same content as an already-OCR'd text export, with
                                  seed-like OCR damage, a running header on every page and
                                  a form feed between pages (none after the last page)

and tests/families/<family>/goldens/samples/<file>.json with the AUTHORED truth: the values
come from the family modules' data (the same structures the drawing code reads), never from
an extractor. This script is the only writer of those goldens: a test that disagrees with
one is fixed in the program or, for a deliberate change of a sample, in samples/gen/ — never
by writing the program's output into the golden. The families live in
samples/gen/<family>.py (see its __init__); this file only drives them.

``--check`` exists so CI can prove the committed files are what the generator makes: it
writes everything into a temporary folder and fails if any file differs byte for byte, is
missing, or is committed without the generator producing it.

Everything is deterministic: fixed random seeds, reportlab ``invariant=1``, fixed PDF dates.
All people, bodies, places, domains and figures are fictional.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES = ROOT / "samples"
# goldens of family F are written to GOLDENS / F / GOLDEN_DIR / "<file>.json"
GOLDENS = ROOT / "tests" / "families"
GOLDEN_DIR = Path("goldens", "samples")

# samples/ is not an installed package, so make gen/ importable however this file is run;
# and leave no __pycache__ behind, because `papeleo ingest samples` walks this folder.
sys.dont_write_bytecode = True
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from gen import FAMILIES  # noqa: E402
from gen._common import Mentions, check_mentions  # noqa: E402
from gen._layout import layout  # noqa: E402
from gen._scan import scan  # noqa: E402

log = logging.getLogger("make_samples")

# (file-name suffix, golden text_source) of the three forms of every family
FORMS = (("texto.pdf", "text_layer"), ("escaneado.pdf", "ocr"), ("ocr.txt", "plain_text"))
# what --check treats as generator-owned under each committed root (globs relative to it);
# a family's goldens/samples/ folder is the generator's, the rest of tests/families/ is not
SAMPLE_PATTERNS = ("*.pdf", "*.txt")
GOLDEN_PATTERNS = ((Path("*") / GOLDEN_DIR / "*.json").as_posix(),)


def write_golden(
    goldens: Path, name: str, family: str, pages: int, source: str, docmeta: dict, rows: dict, M: Mentions
) -> None:
    g = {"file": name, "documents": dict({"doc_type": family, "pages": pages, "text_source": source}, **docmeta)}
    g.update(rows)
    g["mentions"] = M.as_json()
    (goldens / f"{name}.json").write_text(json.dumps(g, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def make_family(fam, samples: Path, goldens: Path) -> int:
    """The text PDF is drawn first because the scan is rendered from it and the OCR'd text
    and the truth are read from what its layout recorded; returns the page count."""
    M = Mentions()
    data: dict = {}
    family_goldens = goldens / fam.FAMILY / GOLDEN_DIR
    family_goldens.mkdir(parents=True, exist_ok=True)
    builder = fam.build(M, data)
    pdf_path = samples / f"{fam.FAMILY}_texto.pdf"
    doc = layout(builder, pdf_path)
    check_mentions(doc, M)
    rows = fam.truth(doc, data)
    scan(pdf_path, samples / f"{fam.FAMILY}_escaneado.pdf", fam.SCAN_SEED, fam.SCAN_QUALITY)
    txt = fam.ocr(doc)
    assert txt.count("\f") == doc.page - 1
    (samples / f"{fam.FAMILY}_ocr.txt").write_text(txt, encoding="utf-8")
    for suffix, source in FORMS:
        write_golden(family_goldens, f"{fam.FAMILY}_{suffix}", fam.FAMILY, doc.page, source, fam.DOC, rows, M)
    return doc.page


def generate(samples: Path, goldens: Path) -> None:
    samples.mkdir(parents=True, exist_ok=True)
    goldens.mkdir(parents=True, exist_ok=True)
    for fam in FAMILIES:
        pages = make_family(fam, samples, goldens)
        log.info("%-22s %d page(s)", fam.FAMILY, pages)


def _owned(folder: Path, patterns) -> set[str]:
    """Generator-owned files under ``folder``, as paths relative to it."""
    return {p.relative_to(folder).as_posix() for pat in patterns for p in folder.glob(pat) if p.is_file()}


def compare(fresh: Path, committed: Path, patterns) -> tuple[int, list[str]]:
    """Byte comparison of one freshly generated folder with its committed counterpart."""
    problems = []
    made = _owned(fresh, patterns)
    for name in sorted(made):
        old = committed / name
        if not old.is_file():
            problems.append(f"missing:    {old.relative_to(ROOT)}")
        elif old.read_bytes() != (fresh / name).read_bytes():
            hint = (
                "  (scan bytes also depend on the pdfium/Pillow/libjpeg versions)"
                if name.endswith("_escaneado.pdf")
                else ""
            )
            problems.append(f"differs:    {old.relative_to(ROOT)}{hint}")
    for name in sorted(_owned(committed, patterns) - made):
        problems.append(
            f"unexpected: {(committed / name).relative_to(ROOT)} (committed, but the generator does not write it)"
        )
    return len(made), problems


def check() -> int:
    with tempfile.TemporaryDirectory(prefix="papeleo-samples-") as tmp:
        fresh_samples, fresh_goldens = Path(tmp, "samples"), Path(tmp, "goldens")
        generate(fresh_samples, fresh_goldens)
        n1, p1 = compare(fresh_samples, SAMPLES, SAMPLE_PATTERNS)
        n2, p2 = compare(fresh_goldens, GOLDENS, GOLDEN_PATTERNS)
    problems = p1 + p2
    for p in problems:
        log.error("%s", p)
    if problems:
        log.error("%d problem(s): run `make samples` and review the diff before committing", len(problems))
        return 1
    log.info("ok: %d samples and %d goldens are byte-identical to the committed files", n1, n2)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--check",
        action="store_true",
        help="regenerate into a temporary folder and exit 1 if any sample or "
        "golden differs byte-for-byte from the committed files",
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.check:
        return check()
    generate(SAMPLES, GOLDENS)
    return 0


if __name__ == "__main__":
    sys.exit(main())

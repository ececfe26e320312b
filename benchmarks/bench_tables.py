"""Speed of the shared table reader on text-layer pages, measured (never asserted in tests).

    .venv/bin/python benchmarks/bench_tables.py [--repeat 20]

For each text-layer sample in ``samples/`` and for authored one-table pages in the four
ruling styles (drawn by the table tests' helper), the PDF is read once with papeleo's reader
(not timed), then ``papeleo.tables.page_to_tables`` is timed per page (median of
``--repeat`` runs). On the same pages pdfplumber's own table finder
(``page.find_tables()`` with explicit line settings, plus the text strategy for tables
without rulings) is timed too, as a reference: it works on the PDF's objects only, so it
cannot serve scans, which is why the reader works on ``papeleo.model.Page``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "engine" / "tables"))

LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3, "join_tolerance": 3}
TEXT = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def authored_pdfs(folder: Path) -> list[Path]:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    from table_pdfs import FINDINGS, SCORES, Authored, TableDrawer

    out = []
    for style in ("grid", "rows", "booktabs", "none"):
        for name, base in (("scores", SCORES), ("findings", FINDINGS)):
            path = folder / f"{name}_{style}.pdf"
            c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
            TableDrawer(c).table(Authored(**{**base.__dict__, "style": style}), 80)
            c.save()
            out.append(path)
    return out


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    import pdfplumber

    from papeleo.readers import read_document
    from papeleo.tables import page_to_tables

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted((ROOT / "samples").glob("*_texto.pdf")) + authored_pdfs(Path(tmp))
        print(f"{'file':34} {'page':>4} {'rules':>5} {'tables':>6} {'papeleo ms':>10} {'plumber ms':>10}  sources")
        ours_all, theirs_all = [], []
        for path in files:
            doc = read_document(path).document
            assert doc is not None, path
            with pdfplumber.open(path) as pdf:
                for page, plumber_page in zip(doc.pages, pdf.pages):
                    plumber_page.extract_words()  # parse the page once, as the reader already did
                    tables = page_to_tables(page)
                    ours = median_ms(lambda p=page: page_to_tables(p), args.repeat)
                    theirs = median_ms(lambda p=plumber_page: (p.find_tables(LINES), p.find_tables(TEXT)), args.repeat)
                    ours_all.append(ours)
                    theirs_all.append(theirs)
                    print(
                        f"{path.name:34} {page.number:>4} {len(page.rules):>5} {len(tables):>6} {ours:>10.2f} {theirs:>10.2f}  "
                        + ", ".join(t.source for t in tables)
                    )
        print(
            f"median over {len(ours_all)} pages: papeleo.tables {statistics.median(ours_all):.2f} ms/page, "
            f"pdfplumber find_tables (lines + text) {statistics.median(theirs_all):.2f} ms/page"
        )


if __name__ == "__main__":
    main()

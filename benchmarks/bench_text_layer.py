"""Text layers that lose their spaces: papeleo's words against ``pdftotext -layout``, before
and after the re-spacing (papeleo.readers.spacing), and what it costs per page.

    .venv/bin/python benchmarks/bench_text_layer.py [--pages-of FILE.pdf ...]

For every text-layer page of the real PDFs in ../shared/realworld (those with a text layer)
and of the generated cases drawn by tests/engine/test_text_layer_spacing.py, the page's
words are compared with pdftotext's words for the same page as multisets:

- recall: share of pdftotext's words that papeleo's line text reproduces;
- precision: share of papeleo's words that pdftotext also has.

"before" is pdfplumber's default ``extract_words`` (what papeleo read until now), "after"
is ``plumber_page_to_page``. For the generated cases the words the case drew are the truth
and are scored too. Timing is wall-clock on this machine, reported, never asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "engine"))

REALWORLD = ROOT.parent / "shared" / "realworld"
REAL = (
    "hgo_aseh_informe_excepcional_2023.pdf",
    "camp_itse_auditoria_matricula_2023.pdf",
    "chis_icatech_poa_avance_2018t2.pdf",
)


@dataclass
class Score:
    """Matched words and the two totals, summed over pages."""

    matched: int = 0
    reference: int = 0
    read: int = 0

    def add(self, reference: list[str], read: list[str]) -> None:
        self.matched += sum((Counter(reference) & Counter(read)).values())
        self.reference += len(reference)
        self.read += len(read)

    @property
    def recall(self) -> float:
        return self.matched / self.reference if self.reference else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.read if self.read else 1.0


@dataclass
class DocResult:
    name: str
    pages: int = 0
    repaired: list[int] = field(default_factory=list)
    left: list[int] = field(default_factory=list)
    before: Score = field(default_factory=Score)
    after: Score = field(default_factory=Score)
    truth_before: Score = field(default_factory=Score)
    truth_after: Score = field(default_factory=Score)
    ms_read: list[float] = field(default_factory=list)  # default extract_words, parsing included
    ms_added_clean: list[float] = field(default_factory=list)  # detection on pages left alone
    ms_added_repaired: list[float] = field(default_factory=list)  # detection + re-extraction
    per_page: list[tuple[int, float, float]] = field(default_factory=list)


def pdftotext_words(path: Path, number: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.split()


def lines_to_words(lines: list[str]) -> list[str]:
    return [w for line in lines for w in line.split()]


def measure(path: Path, name: str, truth: list[str] | None = None) -> DocResult:
    import pdfplumber

    from papeleo.readers.layout import words_to_lines
    from papeleo.readers.pdf import WORD_SETTINGS, plumber_page_to_page, plumber_words_to_words
    from papeleo.readers.spacing import page_words_to_respacing

    result = DocResult(name)
    # A second handle so that the first timing includes parsing the page, as a real read does.
    with pdfplumber.open(path) as pdf, pdfplumber.open(path) as cold:
        for index, plumber_page in enumerate(pdf.pages):
            number = index + 1
            page, note = plumber_page_to_page(plumber_page, number)
            if page is None or not page.lines:
                continue  # OCR'd or blank: no text layer to compare
            result.pages += 1
            if note is not None:
                (result.repaired if note.action == "respaced" else result.left).append(number)
            timed = cold.pages[index]
            start = time.perf_counter()
            timed.extract_words(**WORD_SETTINGS)
            result.ms_read.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            default = timed.extract_words(**WORD_SETTINGS)
            middle = time.perf_counter()
            raw = timed.extract_words(return_chars=True, **WORD_SETTINGS)
            page_words_to_respacing(timed, raw, **WORD_SETTINGS)
            added = (time.perf_counter() - middle) * 1000 - (middle - start) * 1000
            (result.ms_added_repaired if note is not None else result.ms_added_clean).append(added)
            before = lines_to_words([ln.text for ln in words_to_lines(plumber_words_to_words(default))])
            after = lines_to_words([ln.text for ln in page.lines])
            reference = pdftotext_words(path, number)
            result.before.add(reference, before)
            result.after.add(reference, after)
            page_before, page_after = Score(), Score()
            page_before.add(reference, before)
            page_after.add(reference, after)
            result.per_page.append((number, page_before.recall, page_after.recall))
            if truth is not None:
                result.truth_before.add(truth, before)
                result.truth_after.add(truth, after)
    return result


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def print_table(results: list[DocResult], with_truth: bool) -> None:
    head = "| document | text pages | repaired | recall before → after | precision before → after |"
    rule = "|---|---|---|---|---|"
    if with_truth:
        head += " recall vs drawn words before → after |"
        rule += "---|"
    print(head)
    print(rule)
    for r in results:
        repaired = f"{len(r.repaired)}" + (f" (pages {', '.join(map(str, r.repaired))})" if r.repaired else "")
        if r.left:
            repaired += f"; left as read: {', '.join(map(str, r.left))}"
        row = (
            f"| {r.name} | {r.pages} | {repaired} | {r.before.recall:.1%} → {r.after.recall:.1%} "
            f"| {r.before.precision:.1%} → {r.after.precision:.1%} |"
        )
        if with_truth:
            row += f" {r.truth_before.recall:.1%} → {r.truth_after.recall:.1%} |"
        print(row)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages-of", nargs="*", default=[], help="also print per-page recall for these real PDFs")
    args = parser.parse_args()

    from test_text_layer_spacing import generated_cases, write_pdf

    real = [measure(REALWORLD / name, name) for name in REAL if (REALWORLD / name).is_file()]
    print("## Real PDFs (reference: pdftotext -layout)\n")
    print_table(real, with_truth=False)

    generated = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, (draw, lines)) in enumerate(generated_cases().items()):
            path = write_pdf(Path(tmp) / f"case{i}.pdf", draw)
            generated.append(measure(path, name, truth=[w for line in lines for w in line]))
    print("\n## Generated PDFs (reference: pdftotext -layout; truth: the words drawn)\n")
    print_table(generated, with_truth=True)

    for r in real:
        if r.name in args.pages_of:
            print(f"\n### {r.name} per page (recall vs pdftotext before → after)\n")
            for number, before, after in r.per_page:
                print(f"- page {number}: {before:.1%} → {after:.1%}")

    print("\n## Cost per page (median ms)\n")
    print("| document | default extract_words, parsing included | added on clean pages | added on repaired pages |")
    print("|---|---|---|---|")
    for r in real:
        print(
            f"| {r.name} | {median(r.ms_read):.0f} | {median(r.ms_added_clean):.1f} "
            f"({len(r.ms_added_clean)} pages) | {median(r.ms_added_repaired):.1f} ({len(r.ms_added_repaired)} pages) |"
        )


if __name__ == "__main__":
    main()

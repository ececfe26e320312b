"""Per-field accuracy of the ``documents`` metadata (emisor, titulo, clave_documento, fecha_documento).

Run from the repository root:

    .venv/bin/python benchmarks/metadata_accuracy.py [--extractor metadata.v2] [--seeds 1000-1029]
        [--forms texto.pdf escaneado.pdf ocr.txt] [--families ...] [--sets real seeds samples generated]
        [--cache DIR] [--keep DIR] [-v]

Four sets, each against values nobody took from papeleo's output:

* real       the eight PDFs of ../shared/realworld against tests/realworld/goldens (read by hand);
* seeds      the four seed texts against tests/families/metadata/goldens/seeds.json (read by hand);
* samples    samples/* against tests/families/<family>/goldens/samples (the samples' authored truth);
* generated  documents written now by each family's seeded generator (samples/gen/<family>), scored
             against the truth the generator drew; validation seeds 1000-1029 by default (see
             ../shared/notes/GENERALITY.md: look at these in aggregate, tune on development seeds).
             A family whose generator has no ``generate`` yet is skipped with a line saying so.

Fields are judged by tests/families/metadata/metadata_scoring.py (ok / partial / wrong / missing /
extra / both_null); accuracy counts ok and both_null as right over all cases. Real and seed
documents are listed one by one; generated ones by form and by family, with misses grouped by
field and outcome (``-v`` lists each). Reads go through papeleo's read cache (``--cache``), so a
second run OCRs nothing it has read before.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "families" / "metadata"), str(ROOT / "samples")]

from metadata_scoring import BOTH_NULL, FIELDS, OK, OUTCOMES, accuracy, compare  # noqa: E402

from helpers import REALWORLD, SEEDS  # noqa: E402
from papeleo import registry  # noqa: E402
from papeleo.readers import ReadSettings, read_document  # noqa: E402

log = logging.getLogger("metadata_accuracy")

REAL_GOLDENS = ROOT / "tests" / "realworld" / "goldens"
SEED_GOLDENS = ROOT / "tests" / "families" / "metadata" / "goldens" / "seeds.json"
SAMPLES = ROOT / "samples"
FAMILY_TESTS = ROOT / "tests" / "families"
SETS = ("real", "seeds", "samples", "generated")


@dataclass
class Case:
    """One document judged: its set, group (form or family), name, and per-field outcome."""

    set: str
    name: str
    family: str
    form: str
    expected: dict
    got: dict
    outcomes: dict


def parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        seeds.extend(range(int(lo), int(hi) + 1) if hi else [int(lo)])
    return seeds


def extract_fields(path: Path, extractor: str, settings: ReadSettings, cache: Path) -> dict:
    read = read_document(str(path), settings, cache_root=cache)
    if read.document is None:
        log.warning("%s could not be read: %s", path.name, [f.error_type for f in read.failures])
        return {}
    return registry.get(extractor).func(read.document, None).document


def judge(set_name: str, name: str, family: str, form: str, expected: dict, got: dict) -> Case:
    want = {f: expected.get(f) for f in FIELDS}
    have = {f: got.get(f) for f in FIELDS}
    return Case(set_name, name, family, form, want, have, {f: compare(f, want[f], have[f]) for f in FIELDS})


def form_of(name: str) -> str:
    return next((f for f in ("texto.pdf", "escaneado.pdf", "ocr.txt") if name.endswith(f)), Path(name).suffix[1:])


# --- the four sets ---------------------------------------------------------------------------


def real_cases(extractor: str, settings: ReadSettings, cache: Path) -> list[Case]:
    if not REALWORLD.is_dir():
        print(f"real: {REALWORLD} is absent; skipped")
        return []
    out = []
    for golden_path in sorted(REAL_GOLDENS.glob("*.json")):
        golden = json.loads(golden_path.read_text(encoding="utf-8"))
        got = extract_fields(REALWORLD / golden["file"], extractor, settings, cache)
        out.append(judge("real", golden["file"], golden["family"], "pdf", golden["documents"], got))
    return out


def seed_cases(extractor: str, settings: ReadSettings, cache: Path) -> list[Case]:
    if not SEEDS.is_dir():
        print(f"seeds: {SEEDS} is absent; skipped")
        return []
    goldens = json.loads(SEED_GOLDENS.read_text(encoding="utf-8"))["seeds"]
    return [
        judge("seeds", name, "", "ocr.txt", expected, extract_fields(SEEDS / name, extractor, settings, cache))
        for name, expected in sorted(goldens.items())
    ]


def sample_cases(extractor: str, settings: ReadSettings, cache: Path) -> list[Case]:
    out = []
    for golden_path in sorted(FAMILY_TESTS.glob("*/goldens/samples/*.json")):
        golden = json.loads(golden_path.read_text(encoding="utf-8"))
        name = golden_path.name.removesuffix(".json")
        family = golden_path.parents[2].name
        got = extract_fields(SAMPLES / name, extractor, settings, cache)
        out.append(judge("samples", name, family, form_of(name), golden["documents"], got))
    return out


def _generated(fam, seed: int, folder: Path, forms: tuple[str, ...], reuse: bool) -> tuple[dict[str, Path], dict]:
    """The forms of one generated document and its ``documents`` truth: written now, or with
    ``reuse`` taken from a previous run's files in ``folder`` (only while the generator is unchanged)."""
    from gen._generated import doc_name, load_truth

    truth_path = folder / f"{fam.FAMILY}_s{seed:05d}.truth.json"
    files = {form: folder / doc_name(fam.FAMILY, seed, form) for form in forms}
    if reuse and truth_path.exists() and all(p.exists() for p in files.values()):
        return files, dict(load_truth(truth_path)["truth"].get("documents", {}))
    doc = fam.generate(seed, folder, forms)
    doc.write_truth(folder)
    return dict(doc.files), dict(doc.truth.get("documents", {}))


def generated_cases(
    extractor: str,
    settings: ReadSettings,
    cache: Path,
    seeds: list[int],
    forms: tuple[str, ...],
    families,
    keep,
    reuse: bool = False,
) -> list[Case]:
    from gen import FAMILIES  # samples/gen: the generators, not part of papeleo

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(keep) if keep else Path(tmp)
        for fam in FAMILIES:
            if families and fam.FAMILY not in families:
                continue
            if not hasattr(fam, "generate"):
                print(f"generated: {fam.FAMILY} has no seeded generator yet (samples/gen/{fam.FAMILY}); skipped")
                continue
            folder = root / fam.FAMILY
            folder.mkdir(parents=True, exist_ok=True)
            for seed in seeds:
                files, truth = _generated(fam, seed, folder, forms, reuse)
                for form, path in files.items():
                    got = extract_fields(path, extractor, settings, cache)
                    out.append(judge("generated", path.name, fam.FAMILY, form, truth, got))
                log.info("%s seed %d done", fam.FAMILY, seed)
    return out


# --- the report ------------------------------------------------------------------------------


def _accuracy(cases: Iterable[Case], field: str) -> tuple[int, int]:
    return accuracy(case.outcomes[field] for case in cases)


def field_table(title: str, cases: list[Case]) -> None:
    print(f"\n{title} ({len(cases)} documents)")
    print(f"  {'field':<16}" + "".join(f"{o:>10}" for o in OUTCOMES) + "   accuracy")
    for field in FIELDS:
        c = Counter(case.outcomes[field] for case in cases)
        right, n = _accuracy(cases, field)
        print(
            f"  {field:<16}"
            + "".join(f"{c[o]:>10}" for o in OUTCOMES)
            + f"   {right}/{n} = {100 * right / max(n, 1):.0f}%"
        )


def grouped_table(title: str, cases: list[Case], key) -> None:
    groups: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        groups[key(case)].append(case)
    print(f"\n{title}")
    print(f"  {'group':<24}{'n':>5}" + "".join(f"{f:>18}" for f in FIELDS))
    for group, members in sorted(groups.items()):
        cells = []
        for field in FIELDS:
            right, n = _accuracy(members, field)
            cells.append(f"{right}/{n} {100 * right / max(n, 1):3.0f}%")
        print(f"  {group:<24}{len(members):>5}" + "".join(f"{c:>18}" for c in cells))


def document_table(cases: list[Case]) -> None:
    for case in cases:
        marks = "  ".join(f"{f[:6]}:{case.outcomes[f]}" for f in FIELDS)
        print(f"  {case.name:<44} {marks}")


def misses(cases: list[Case], verbose: bool) -> None:
    wrong = [(case, f) for case in cases for f in FIELDS if case.outcomes[f] not in (OK, BOTH_NULL)]
    by_cause = Counter((case.family, f, case.outcomes[f]) for case, f in wrong)
    if not by_cause:
        return
    print("  misses by family, field and outcome:")
    for (family, field, outcome), n in by_cause.most_common():
        print(f"    {n:>4}  {family or '-':<20} {field:<16} {outcome}")
    if verbose:
        for case, f in wrong:
            print(f"    - {case.name} {f} [{case.outcomes[f]}]: got {case.got[f]!r}  expected {case.expected[f]!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--extractor", default="metadata.v2", help="versioned extractor name (metadata.v1 to compare)")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    parser.add_argument("--seeds", default="1000-1029", help="generator seeds, e.g. 1000-1029 (validation set)")
    parser.add_argument("--forms", nargs="+", default=["texto.pdf", "escaneado.pdf", "ocr.txt"])
    parser.add_argument("--families", nargs="*", help="generator families (default: all)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "papeleo_cache")
    parser.add_argument("--keep", type=Path, help="write generated documents here (default: a temporary folder)")
    parser.add_argument(
        "--reuse", action="store_true", help="take documents already in --keep instead of generating them again"
    )
    parser.add_argument("--ocr-workers", type=int, default=1, help="OCR processes (2 shared cores: default 1)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    settings = ReadSettings(ocr_workers=args.ocr_workers)
    print(f"extractor {args.extractor}; read cache {args.cache}")
    if "real" in args.sets and (cases := real_cases(args.extractor, settings, args.cache)):
        field_table("real PDFs (hand-read goldens)", cases)
        document_table(cases)
        misses(cases, args.verbose)
    if "seeds" in args.sets and (cases := seed_cases(args.extractor, settings, args.cache)):
        field_table("seed texts (hand-read goldens)", cases)
        document_table(cases)
        misses(cases, args.verbose)
    if "samples" in args.sets and (cases := sample_cases(args.extractor, settings, args.cache)):
        field_table("samples (authored goldens)", cases)
        grouped_table("samples by form", cases, lambda c: c.form)
        misses(cases, args.verbose)
    if "generated" in args.sets:
        seeds = parse_seeds(args.seeds)
        cases = generated_cases(
            args.extractor, settings, args.cache, seeds, tuple(args.forms), args.families, args.keep, args.reuse
        )
        if cases:
            field_table(f"generated, seeds {args.seeds} (generator truth)", cases)
            grouped_table("generated by form", cases, lambda c: c.form)
            grouped_table("generated by family", cases, lambda c: c.family)
            grouped_table("generated by family and form", cases, lambda c: f"{c.family[:14]} {c.form}")
            misses(cases, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

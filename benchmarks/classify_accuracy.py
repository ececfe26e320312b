"""How often papeleo classifies a document into the right family, per form, and how well its score is calibrated.

    .venv/bin/python benchmarks/classify_accuracy.py                       # validation seeds 1000-1029
    .venv/bin/python benchmarks/classify_accuracy.py --seeds 1000-1099 --no-scans
    .venv/bin/python benchmarks/classify_accuracy.py --calibrate --seeds 0-29 --unrelated-seeds 0-299 [--write]  # development

Documents: the 12 samples (``samples/``), the 4 seeds (``../shared/seeds``), the real PDFs
(``../shared/realworld``, family from their hand-read goldens), unrelated documents
(``samples/gen/_unrelated.py``: novel, invoice, CFDI, bank statement, oficio — all must be
``unknown``) and the seeded documents of every family whose ``samples/gen/<family>`` has a
``generate`` (the others are skipped with a line saying so), in three forms: text PDF, scan and
OCR'd text. A document is right when its doc_type is its family (or ``unknown`` for unrelated ones).

Prints the real PDFs and seeds one by one (family, score, runner-up), accuracy per set and form,
every miss, and a reliability table: documents grouped by score, the share of them that is right
(a calibrated score has the two close), with log loss and Brier score.

``--calibrate`` fits the two numbers of the score (``scale``, ``null_strength`` in
papeleo/data/classify.json) by maximum likelihood on the documents of the run: the probability
the classifier gives the right answer (a family, or "none of these" for unrelated documents) is
maximised with a small L2 prior on the scale (``PRIOR``) that keeps the fit finite when the
documents are separable, and the unrelated documents weighted to ``UNRELATED_SHARE`` of the total. Fit on development seeds (0-99), report on validation seeds (1000-1099); the samples,
seeds and real PDFs are in both (say so). ``--write`` stores the fit in classify.json.

Reads are cached under ``--work`` (by file hash), so a second run OCRs nothing.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "samples")]
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`

from gen._generated import FORMS, OCR_TEXT, SCAN_PDF, TEXT_PDF, GeneratedDoc  # noqa: E402
from papeleo.classify import (  # noqa: E402
    UNKNOWN,
    Calibration,
    counts_to_strength,
    decide,
    load_calibration,
    load_rules,
    ranked,
    text_to_evidence,
)
from papeleo.readers import ReadSettings, read_document  # noqa: E402

log = logging.getLogger("classify_accuracy")

SHARED = ROOT.parent / "shared"
SEEDS, REALWORLD = SHARED / "seeds", SHARED / "realworld"
GOLDENS = ROOT / "tests" / "realworld" / "goldens"
CLASSIFY_JSON = ROOT / "papeleo" / "data" / "classify.json"
FORM_NAMES = {TEXT_PDF: "text PDF", SCAN_PDF: "scan", OCR_TEXT: "OCR'd text"}
NONE = "(none)"  # the class of unrelated documents in the calibration
# L2 prior on the scale only: without it a separable set drives the scale to infinity and every
# score to 0 or 1; larger shrinks scores towards 1/(families + 1). null_strength gets no prior (the
# unrelated documents and the weakest family documents place it), so it is not pulled towards 0.
PRIOR = 1.0
# The share of unrelated documents the score assumes an inbox holds: the fit weights the unrelated
# documents to this share of the total, however many were generated. More makes every score lower
# and the classifier stricter (null_strength rises); fewer, the reverse. Transparency inboxes hold
# mostly the families' documents, with cover letters, invoices and the like beside them.
UNRELATED_SHARE = 0.2
RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 0.9, 0.95, 0.99, 1.0001)
FAMILY_PACKAGES = ("mir_avance", "convenio_asm", "dictamen_puntajes", "informe_supervision")


@dataclass
class Case:
    group: str  # samples, seeds, realworld, unrelated, generated:<family>
    name: str
    form: str
    truth: str  # a family, or "unknown"
    path: Path


@dataclass
class Outcome:
    case: Case
    strengths: dict[str, float]
    doc_type: str
    score: float
    runner_up: str
    runner_score: float

    @property
    def right(self) -> bool:
        return self.doc_type == self.case.truth


def parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        seeds.extend(range(int(lo), int(hi) + 1) if hi else [int(lo)])
    return seeds


def form_of(name: str) -> str:
    return next(f for f in FORMS if name.endswith(f))


def fixed_cases() -> list[Case]:
    """The committed samples, the seed texts and the real PDFs, each with its family."""
    cases = [
        Case("samples", p.name, form_of(p.name), p.name.rsplit("_", 1)[0], p)
        for p in sorted((ROOT / "samples").iterdir())
        if p.is_file() and p.name.endswith(FORMS)
    ]
    if SEEDS.is_dir():
        families = dict(line.split(" | ")[:2] for line in seed_table())
        cases += [Case("seeds", name, OCR_TEXT, fam, SEEDS / name) for name, fam in sorted(families.items())]
    if REALWORLD.is_dir():
        for golden in sorted(GOLDENS.glob("*.json")):
            data = json.loads(golden.read_text("utf-8"))
            scanned = len(data.get("scanned_pages", [])) > len(data.get("text_layer_pages", []))
            path = REALWORLD / data["file"]
            cases.append(Case("realworld", data["file"], SCAN_PDF if scanned else TEXT_PDF, data["family"], path))
    return cases


def seed_table() -> list[str]:
    """'file | family' from the table of ../shared/seeds/README.md (the seeds' families as read by hand)."""
    rows = []
    for line in (SEEDS / "README.md").read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) >= 2 and cells[0].endswith(".txt"):
            rows.append(f"{cells[0]} | {cells[1].split()[0]}")
    return rows


def reused(family: str, seed: int, gen_dir: Path, forms: tuple[str, ...]) -> GeneratedDoc | None:
    """The document written by an earlier run (its truth file lists its forms), or None."""
    path = gen_dir / f"{family}_s{seed:05d}.truth.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    files = {f: gen_dir / name for f, name in data["files"].items() if f in forms}
    if set(files) != set(forms) or not all(p.is_file() for p in files.values()):
        return None
    return GeneratedDoc(family, seed, files, data["truth"], data.get("variant", {}))


def make(module, family: str, seed: int, gen_dir: Path, forms: tuple[str, ...], reuse: bool) -> GeneratedDoc:
    doc = reused(family, seed, gen_dir, forms) if reuse else None
    if doc is None:
        doc = module.generate(seed, gen_dir, forms)
        doc.write_truth(gen_dir)
    return doc


def generated_cases(
    seeds: list[int], unrelated_seeds: list[int], forms: tuple[str, ...], work: Path, unrelated_scans: bool, reuse: bool
) -> list[Case]:
    cases: list[Case] = []
    gen_dir = work / "generated"
    gen_dir.mkdir(parents=True, exist_ok=True)
    for family in FAMILY_PACKAGES:
        try:
            module = importlib.import_module(f"gen.{family}")
        except Exception as exc:  # another engineer's generator may be half-written
            print(f"skip {family}: samples/gen/{family} does not import ({type(exc).__name__}: {exc})")
            continue
        if not hasattr(module, "generate"):
            print(f"skip {family}: samples/gen/{family} has no generate() yet")
            continue
        for seed in seeds:
            try:
                doc = make(module, family, seed, gen_dir, forms, reuse)
            except Exception as exc:  # a generator being written: say so, measure the rest
                print(f"skip {family} seed {seed}: generate() failed ({type(exc).__name__}: {exc})")
                continue
            truth = doc.truth.get("documents", {}).get("doc_type") or family
            cases += [Case(f"generated:{family}", p.name, form, truth, p) for form, p in doc.files.items()]
    from gen import _unrelated

    scanned: set[str] = set()
    for seed in unrelated_seeds:
        kind = _unrelated.kind_for(seed)
        # a scan of the first document of each scanned kind (OCR is slow; the text forms cover every kind)
        scan = unrelated_scans and SCAN_PDF in forms and kind in _unrelated.SCANNED_KINDS and kind not in scanned
        scanned |= {kind} if scan else set()
        want = tuple(f for f in forms if f != SCAN_PDF or scan)
        doc = make(_unrelated, _unrelated.FAMILY, seed, gen_dir, want, reuse)
        cases += [Case("unrelated", p.name, form, UNKNOWN, p) for form, p in doc.files.items()]
    return cases


def case_to_strengths(case: Case, cache: Path) -> dict[str, float]:
    result = read_document(case.path, ReadSettings(), cache_root=cache)
    text = "\n".join(p.text for p in result.document.pages) if result.document else ""
    rules = load_rules()
    counts = text_to_evidence(text, rules)
    return {f: counts_to_strength(rules.weights[f], found, rules.caps[f]) for f, found in counts.items()}


def outcome(case: Case, strengths: dict[str, float], cal: Calibration) -> Outcome:
    """The decision, and the strongest other candidate: the runner-up family, or for an
    unknown document the family that came closest."""
    doc_type, score, probs, _ = decide(strengths, cal)
    other, p_other = next(((f, p) for f, p in ranked(probs) if f != doc_type), ("", 0.0))
    return Outcome(case, strengths, doc_type, score, other, round(p_other, 3))


# --- calibration ----------------------------------------------------------------------------
def design(outcomes: list[Outcome]) -> tuple[np.ndarray, np.ndarray]:
    """Per document the strengths of the families (columns in a fixed order) and the index of the
    right class: 0 for 'none of these', 1 + the family's column otherwise."""
    families = sorted(outcomes[0].strengths)
    s = np.array([[o.strengths[f] for f in families] for o in outcomes])
    y = np.array([0 if o.case.truth == UNKNOWN else 1 + families.index(o.case.truth) for o in outcomes])
    return s, y


def probabilities(theta: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Rows: P(none), P(family...) with logits (theta[1], theta[0] * s)."""
    z = np.concatenate([np.full((len(s), 1), theta[1]), theta[0] * s], axis=1)
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def class_weights(y: np.ndarray, unrelated_share: float = UNRELATED_SHARE) -> np.ndarray:
    """Each document's weight in the fit: 1 for a family's, and for the unrelated ones whatever
    makes them ``unrelated_share`` of the total, however many were generated."""
    unrelated = y == 0
    w = np.ones(len(y))
    if unrelated.any() and (~unrelated).any():
        w[unrelated] = unrelated_share / (1 - unrelated_share) * (~unrelated).sum() / unrelated.sum()
    return w


def fit(s: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, prior: float = PRIOR) -> np.ndarray:
    """Newton's method on the weighted, penalised negative log likelihood (convex in theta)."""
    n = len(s)
    w = np.ones(n) if w is None else w
    x = np.zeros((n, s.shape[1] + 1, 2))  # feature vector of each class: none = (0, 1), family = (s, 0)
    x[:, 0, 1] = 1.0
    x[:, 1:, 0] = s
    theta = np.array([0.1, 0.5])
    for _ in range(100):
        p = probabilities(theta, s)
        mean = np.einsum("nk,nkd->nd", p, x)
        penalty = np.array([prior, 0.0])
        grad = (w[:, None] * (mean - x[np.arange(n), y])).sum(axis=0) + penalty * theta
        centred = x - mean[:, None, :]
        hess = np.einsum("n,nk,nkd,nke->de", w, p, centred, centred) + np.diag(penalty)
        step = np.linalg.solve(hess, grad)
        theta = theta - step
        if np.abs(step).max() < 1e-9:
            break
    return theta


def theta_to_calibration(theta: np.ndarray, min_probability: float) -> Calibration:
    return Calibration(min_probability, round(float(theta[0]), 4), round(float(theta[1] / theta[0]), 3))


def write_calibration(cal: Calibration, note: str) -> None:
    data = json.loads(CLASSIFY_JSON.read_text("utf-8"))
    data.update(scale=cal.scale, null_strength=cal.null_strength, _calibration=note)
    CLASSIFY_JSON.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# --- report -----------------------------------------------------------------------------------
def print_documents(outcomes: list[Outcome], groups: tuple[str, ...]) -> None:
    print(f"\n{'document':<46} {'golden':<20} {'classified':<20} {'score':>6}  runner-up")
    for o in outcomes:
        if o.case.group in groups:
            mark = "" if o.right else "  <-- WRONG"
            print(
                f"{o.case.name:<46} {o.case.truth:<20} {o.doc_type:<20} {o.score:>6.3f}  "
                f"{o.runner_up} {o.runner_score:.3f}{mark}"
            )


def print_accuracy(outcomes: list[Outcome]) -> None:
    table: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for o in outcomes:
        table[(o.case.group, o.case.form)].append(o.right)
        table[("all", o.case.form)].append(o.right)
    groups = sorted({g for g, _ in table} - {"all"}) + ["all"]
    print(f"\n{'set':<34}" + "".join(f"{FORM_NAMES[f]:>18}" for f in FORMS))
    for g in groups:
        cells = []
        for f in FORMS:
            r = table.get((g, f), [])
            cells.append(f"{sum(r)}/{len(r)} {100 * sum(r) / len(r):5.1f}%" if r else "-")
        print(f"{g:<34}" + "".join(f"{c:>18}" for c in cells))


def print_misses(outcomes: list[Outcome]) -> None:
    wrong = [o for o in outcomes if not o.right]
    causes = Counter((o.case.truth, o.doc_type) for o in wrong)
    print(f"\nmisses: {len(wrong)}" + "".join(f"\n  {t} -> {d}: {n}" for (t, d), n in causes.most_common()))
    for o in wrong:
        top = ", ".join(f"{f} {s:.1f}" for f, s in ranked(o.strengths)[:3])
        print(f"    {o.case.name:<44} {FORM_NAMES[o.case.form]:<10} got {o.doc_type} {o.score:.3f}  strengths {top}")


def print_strengths(outcomes: list[Outcome]) -> None:
    """Where null_strength has to fall: the weakest strength of the right family per set, and the
    strongest family of the unrelated documents."""
    by_group: dict[str, list[float]] = defaultdict(list)
    for o in outcomes:
        if o.case.truth == UNKNOWN:
            by_group[o.case.group].append(max(o.strengths.values(), default=0.0))
        else:
            by_group[o.case.group].append(o.strengths.get(o.case.truth, 0.0))
    print("\nstrength of the right family (unrelated: of the strongest family)  min / 5% / median / max")
    for g, values in sorted(by_group.items()):
        q = np.percentile(values, [0, 5, 50, 100])
        print(f"  {g:<32} " + " / ".join(f"{v:6.1f}" for v in q))


def print_reliability(outcomes: list[Outcome]) -> None:
    """Score of the decision against being right. For an unknown decision the score is the best
    family's probability and 'right' means the document is unrelated, so it is read as 1 - score."""
    conf = np.array([o.score if o.doc_type != UNKNOWN else 1 - o.score for o in outcomes])
    right = np.array([o.right for o in outcomes], dtype=float)
    eps = 1e-6
    print(f"\n{'decision confidence':<22}{'docs':>6}{'mean':>8}{'right':>8}")
    for lo, hi in zip(RELIABILITY_BINS, RELIABILITY_BINS[1:], strict=False):
        sel = (conf >= lo) & (conf < hi)
        if sel.any():
            print(
                f"[{lo:.2f}, {min(hi, 1):.2f}){'':<9}{int(sel.sum()):>6}{conf[sel].mean():>8.3f}{right[sel].mean():>8.3f}"
            )
    loss = -np.mean(right * np.log(np.clip(conf, eps, 1)) + (1 - right) * np.log(np.clip(1 - conf, eps, 1)))
    print(f"log loss {loss:.4f}   Brier {np.mean((conf - right) ** 2):.4f}   ({len(conf)} documents)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", default="1000-1029", help="generator seeds (default: validation 1000-1029)")
    parser.add_argument(
        "--unrelated-seeds",
        help="seeds of the unrelated documents (default: --seeds); they are cheap, so calibrate on many",
    )
    parser.add_argument("--no-scans", action="store_true", help="skip the scanned form of generated documents (no OCR)")
    parser.add_argument(
        "--work", type=Path, default=Path("/tmp/papeleo_classify_bench"), help="generated files and read cache"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep documents generated by an earlier run (faster; stale if a generator changed)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="list every document, not only the real PDFs and seeds"
    )
    parser.add_argument("--calibrate", action="store_true", help="fit scale and null_strength on this run's documents")
    parser.add_argument(
        "--write", action="store_true", help="with --calibrate: store the fit in papeleo/data/classify.json"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    forms = tuple(f for f in FORMS if not (args.no_scans and f == SCAN_PDF))
    seeds = parse_seeds(args.seeds)
    unrelated_seeds = parse_seeds(args.unrelated_seeds or args.seeds)
    cases = fixed_cases() + generated_cases(seeds, unrelated_seeds, forms, args.work, not args.no_scans, args.reuse)
    cache = args.work / "cache"
    strengths = []
    for i, case in enumerate(cases):
        strengths.append(case_to_strengths(case, cache))
        log.info("%d/%d %s", i + 1, len(cases), case.name)
    cal = load_calibration()
    if args.calibrate:
        prior = [Outcome(c, s, "", 0, "", 0) for c, s in zip(cases, strengths, strict=True)]
        s, y = design(prior)
        theta = fit(s, y, class_weights(y))
        cal = theta_to_calibration(theta, cal.min_probability)
        note = (
            "maximum likelihood of the right answer (its family, or 'none of these' for an unrelated document), "
            f"L2 prior {PRIOR} on scale, unrelated documents weighted to {UNRELATED_SHARE:.0%} of the total; "
            f"benchmarks/classify_accuracy.py --calibrate --seeds {args.seeds}"
            f"{' --unrelated-seeds ' + args.unrelated_seeds if args.unrelated_seeds else ''}"
            f"{' --no-scans' if args.no_scans else ''} on {len(cases)} documents "
            f"({', '.join(f'{g} {n}' for g, n in sorted(Counter(c.group for c in cases).items()))})"
        )
        print(f"\nfitted: scale {cal.scale}  null_strength {cal.null_strength}\n  {note}")
        if args.write:
            write_calibration(cal, note)
            print(f"written to {CLASSIFY_JSON.relative_to(ROOT)}")
    outcomes = [outcome(c, s, cal) for c, s in zip(cases, strengths, strict=True)]
    print(f"\nscale {cal.scale}, null_strength {cal.null_strength}, min_probability {cal.min_probability}")
    groups = tuple(sorted({c.group for c in cases})) if args.verbose else ("realworld", "seeds")
    print_documents(outcomes, groups)
    print_accuracy(outcomes)
    print_misses(outcomes)
    print_strengths(outcomes)
    print_reliability(outcomes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

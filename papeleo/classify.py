"""Decide a document's family from the evidence its formats print, with a calibrated score.

Every family lists the phrases and layout features that give its formats away
(``classify.evidence`` in each family's ``spec.json``: the municipal MIR report and the state
PbR indicator results are both ``mir_avance``). A family's *strength* is the sum of the weights
of its items found — repetition counts a little, evidence against a family subtracts. The
strengths become probabilities with a softmax that includes a "none of these" class of fixed
strength, so a document with no family's vocabulary scores low (it is not ``unknown 1.000``)
and two families close to each other share the probability between them. The two numbers of
that model are fitted on labelled documents (``benchmarks/classify_accuracy.py --calibrate``),
so ``doc_type_score`` reads as the probability that the family is right. Below
``min_probability`` the document is ``unknown``: it still gets a ``documents`` row and its
mentions, and its score is the best family's (low) probability.

Phrases are matched with spaCy's Matcher on accent-stripped lowercase tokens with per-word
edit distances, because OCR writes 'Meta Trimesiral' for 'Meta Trimestral'; multi-word phrases
are also looked for with the spaces optional, because text layers of justified lines lose them
('Resultado1sinobservación').
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import regex

from .context import Context, process_context
from .model import Document
from .registry import Registry, default_registry
from .text.normalize import strip_accents

log = logging.getLogger(__name__)

UNKNOWN = "unknown"
# Enough text to see a family's vocabulary; a 500-page file need not be tokenised whole.
MAX_CHARS = 200_000
# Repetition is weak extra evidence (a running header repeats a phrase on every page): an
# item found n times counts 0.5 + sqrt(min(n, cap)) / 2 of its weight, 1.0 once, 1.5 at this cap.
# An item may set its own "cap": the rows of a table are separate observations of its layout,
# so a layout regex may let 16 rows count 2.5 times (more rows never count more).
REPEAT_CAP = 4
# A phrase is also looked for in the text with every space removed — which finds it in lines
# that lost their spaces ('Resultado1sinobservación') and in letter-spaced titles
# ('I N F O R M E  D E  A U D I T O R Í A') alike — when it is at least this long without
# spaces: shorter ones ('meta anual', 'asm') would turn up inside unrelated words.
GLUED_MIN_CHARS = 10
# 'near' items: the phrases must all be found within this many tokens of the first one,
# unless the item sets its own "window". About two lines of a table header.
NEAR_WINDOW = 30
SPACES = regex.compile(r"\s+")


@dataclass(frozen=True)
class Classification:
    doc_type: str
    score: float  # probability that doc_type is right; for unknown, the best family's (low) probability
    evidence: dict[str, dict[str, int]] = field(default_factory=dict)  # family -> evidence id -> times found
    strengths: dict[str, float] = field(default_factory=dict)
    probabilities: dict[str, float] = field(default_factory=dict)  # family -> P(family); the rest is P(none)
    best: str = ""  # the strongest family, even when the document is unknown
    runner_up: str = ""
    reason: str = ""  # why this decision, in one line


@dataclass(frozen=True)
class Calibration:
    """The classifier's numbers from ``data/classify.json``; see its comments for what each trades."""

    min_probability: float
    scale: float  # log-odds per unit of strength
    null_strength: float  # strength at which a lone family is as likely as "none of these"


@dataclass(frozen=True)
class _Rules:
    calibration: Calibration
    weights: dict[str, dict[str, float]]  # doc type -> evidence id -> weight (negative: against)
    caps: dict[str, dict[str, int]]  # doc type -> evidence id -> repetitions that still add strength
    regexes: dict[str, list[tuple[str, Any]]]  # doc type -> [(id, compiled)] on raw text
    glued: dict[str, list[tuple[str, str]]]  # doc type -> [(id, phrase without spaces)] on text without spaces
    near: dict[str, list[tuple[str, int, int]]]  # doc type -> [(id, parts, window)]
    matcher: Any  # spacy Matcher keyed "doc_type|id" (or "doc_type|id|k" for part k of a near item)
    nlp: Any


def load_calibration() -> Calibration:
    data = json.loads(resources.files("papeleo").joinpath("data/classify.json").read_text("utf-8"))
    return Calibration(float(data["min_probability"]), float(data["scale"]), float(data["null_strength"]))


def _token_pattern(word: str, fuzzy: int) -> dict[str, Any]:
    # Two-letter words ('de', 'la') would match almost anything with one edit.
    if fuzzy <= 0 or len(word) <= 2:
        return {"ORTH": word}
    edits = min(fuzzy, 1) if len(word) <= 5 else fuzzy
    return {"ORTH": {f"FUZZY{edits}": word}}


def fold_words(phrase: str) -> list[str]:
    return strip_accents(phrase).lower().split()


def phrase_to_glued(words: list[str]) -> str | None:
    """The phrase without its spaces, or None when it is too short to be looked for that way."""
    glued = "".join(words)
    return glued if len(glued) >= GLUED_MIN_CHARS else None


def evidence_to_rules(evidence: dict[str, tuple[dict[str, Any], ...]], nlp: Any) -> _Rules:
    """Compile the families' declared evidence once: phrases (and the parts of 'near' items)
    into one spaCy Matcher on ``nlp``'s vocabulary, regexes into compiled patterns."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    weights: dict[str, dict[str, float]] = {}
    caps: dict[str, dict[str, int]] = {}
    regexes: dict[str, list[tuple[str, Any]]] = {}
    glued: dict[str, list[tuple[str, str]]] = {}
    near: dict[str, list[tuple[str, int, int]]] = {}
    for doc_type, items in evidence.items():
        weights[doc_type], caps[doc_type], regexes[doc_type], glued[doc_type], near[doc_type] = {}, {}, [], [], []
        for item in items:
            weights[doc_type][item["id"]] = float(item["weight"])
            caps[doc_type][item["id"]] = int(item.get("cap", REPEAT_CAP))
            fuzzy = item.get("fuzzy", 1)
            if "phrase" in item:
                words = fold_words(item["phrase"])
                matcher.add(f"{doc_type}|{item['id']}", [[_token_pattern(w, fuzzy) for w in words]])
                pattern = phrase_to_glued(words)
                if pattern is not None:
                    glued[doc_type].append((item["id"], pattern))
            elif "near" in item:
                for k, part in enumerate(item["near"]):
                    pattern = [_token_pattern(w, fuzzy) for w in fold_words(part)]
                    matcher.add(f"{doc_type}|{item['id']}|{k}", [pattern])
                near[doc_type].append((item["id"], len(item["near"]), int(item.get("window", NEAR_WINDOW))))
            else:
                regexes[doc_type].append((item["id"], regex.compile(item["regex"], regex.MULTILINE)))
    return _Rules(load_calibration(), weights, caps, regexes, glued, near, matcher, nlp)


_rules_cache: dict[tuple[int, int], _Rules] = {}


def load_rules(ctx: Context | None = None, reg: Registry | None = None) -> _Rules:
    """The compiled rules for this registry and this process's ``Language`` (compiled once)."""
    ctx = ctx or process_context()
    reg = reg or default_registry()
    key = (id(reg), id(ctx.nlp))
    rules = _rules_cache.get(key)
    if rules is None:
        rules = _rules_cache[key] = evidence_to_rules(reg.evidence(), ctx.nlp)
    return rules


def near_count(positions: list[list[int]], window: int) -> int:
    """How many places of the first part have every other part within ``window`` tokens."""
    return sum(1 for p in positions[0] if all(any(abs(q - p) <= window for q in part) for part in positions[1:]))


def phrase_counts(
    folded: str, rules: _Rules
) -> tuple[dict[str, dict[str, int]], dict[tuple[str, str], list[list[int]]]]:
    """Phrase items found by the Matcher, per family; and for each 'near' item the token
    positions of each of its parts."""
    counts: dict[str, dict[str, int]] = {f: {} for f in rules.weights}
    parts: dict[tuple[str, str], dict[int, list[int]]] = {}
    for match_id, start, _end in rules.matcher(rules.nlp.make_doc(folded)):
        family, item, *k = rules.nlp.vocab.strings[match_id].split("|")
        if k:
            parts.setdefault((family, item), {}).setdefault(int(k[0]), []).append(start)
        else:
            counts[family][item] = counts[family].get(item, 0) + 1
    positions = {key: [found.get(k, []) for k in range(max(found) + 1)] for key, found in parts.items()}
    return counts, positions


def glued_counts(folded: str, rules: _Rules) -> dict[str, dict[str, int]]:
    """Phrase items found in the text with every space removed."""
    despaced = SPACES.sub("", folded)
    return {family: {item: despaced.count(glued) for item, glued in items} for family, items in rules.glued.items()}


def text_to_evidence(text: str, rules: _Rules | None = None) -> dict[str, dict[str, int]]:
    """Counts of each evidence item found in ``text``, per family. A phrase counts the larger of
    its token matches (fuzzy) and its matches with spaces removed (exact), never both."""
    rules = rules or load_rules()
    text = text[:MAX_CHARS]
    folded = strip_accents(text).lower()
    counts, positions = phrase_counts(folded, rules)
    for family, found in glued_counts(folded, rules).items():
        for item, n in found.items():
            if n > counts[family].get(item, 0):
                counts[family][item] = n
    for family, near_items in rules.near.items():
        for item, n_parts, window in near_items:
            parts = positions.get((family, item), [])
            n = near_count(parts, window) if len(parts) == n_parts and all(parts) else 0
            if n:
                counts[family][item] = n
    for family, items in rules.regexes.items():
        for item, pattern in items:
            n = sum(1 for _ in pattern.finditer(text))
            if n:
                counts[family][item] = n
    return counts


def scaled(weight: float, count: int, cap: int = REPEAT_CAP) -> float:
    return weight * (0.5 + math.sqrt(min(count, cap)) / 2)


def counts_to_strength(weights: dict[str, float], found: dict[str, int], caps: dict[str, int] | None = None) -> float:
    """Evidence for minus evidence against, never below zero: a family cannot be less likely
    than one whose words are absent."""
    caps = caps or {}
    total = sum(scaled(weights[item], n, caps.get(item, REPEAT_CAP)) for item, n in found.items())
    return round(max(0.0, total), 3)


def strengths_to_probabilities(strengths: dict[str, float], cal: Calibration) -> dict[str, float]:
    """Softmax over the families plus a 'none of these' class of strength ``null_strength``."""
    logits = {f: cal.scale * s for f, s in strengths.items()}
    null = cal.scale * cal.null_strength
    top = max([null, *logits.values()])
    z = math.exp(null - top) + sum(math.exp(v - top) for v in logits.values())
    return {f: math.exp(v - top) / z for f, v in logits.items()}


def ranked(values: dict[str, float]) -> list[tuple[str, float]]:
    return sorted(values.items(), key=lambda kv: (-kv[1], kv[0]))


def decide(strengths: dict[str, float], cal: Calibration) -> tuple[str, float, dict[str, float], str]:
    """(doc_type, score, probabilities, reason)."""
    probs = strengths_to_probabilities(strengths, cal)
    order = ranked(probs)
    if not order:
        return UNKNOWN, 0.0, probs, "no family declares evidence"
    (best, p1), p2 = order[0], (order[1][1] if len(order) > 1 else 0.0)
    p_none = max(0.0, 1.0 - sum(probs.values()))
    lead = f"P={p1:.3f} (runner-up {p2:.3f}, none of these {p_none:.3f})"
    if p1 < cal.min_probability:
        return (
            UNKNOWN,
            round(p1, 3),
            probs,
            f"unknown: best family {best} has {lead}, below min_probability {cal.min_probability}",
        )
    return best, round(p1, 3), probs, f"{best}: {lead}, at or above min_probability {cal.min_probability}"


def evidence_to_classification(counts: dict[str, dict[str, int]], rules: _Rules | None = None) -> Classification:
    rules = rules or load_rules()
    strengths = {f: counts_to_strength(rules.weights[f], found, rules.caps[f]) for f, found in counts.items()}
    doc_type, score, probs, reason = decide(strengths, rules.calibration)
    order = [f for f, _ in ranked(probs)]
    return Classification(
        doc_type=doc_type,
        score=score,
        evidence={f: dict(sorted(found.items())) for f, found in counts.items() if found},
        strengths=strengths,
        probabilities={f: round(p, 4) for f, p in probs.items()},
        best=order[0] if order else "",
        runner_up=order[1] if len(order) > 1 else "",
        reason=reason,
    )


def classify_text(text: str, ctx: Context | None = None) -> Classification:
    rules = load_rules(ctx)
    return evidence_to_classification(text_to_evidence(text, rules), rules)


def classify(doc: Document, ctx: Context | None = None) -> Classification:
    result = classify_text("\n".join(p.text for p in doc.pages), ctx)
    log.info("%s classified as %s (%.3f): %s", doc.file_name, result.doc_type, result.score, result.reason)
    return result

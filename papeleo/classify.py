"""Decide a document's family from keyword and layout evidence.

invoice2data-style: every family lists the phrases and layout features that give it away
(``classify.evidence`` in each family's ``spec.json``), and the family with the most evidence wins — but only when the
evidence is strong and clearly ahead of the runner-up, otherwise the document is
``unknown`` (it still gets a ``documents`` row and its mentions). Phrases are matched with
spaCy's Matcher on accent-stripped lowercase tokens with per-word edit distances, because
OCR writes 'Meta Trimesiral' and 'Mata Trimestral' for 'Meta Trimestral'.
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


@dataclass(frozen=True)
class Classification:
    doc_type: str
    score: float
    evidence: dict[str, list[str]] = field(default_factory=dict)  # family -> evidence ids found
    strengths: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class _Rules:
    min_evidence: float
    min_margin: float
    weights: dict[str, dict[str, float]]  # doc type -> evidence id -> weight
    regexes: dict[str, list[tuple[str, Any]]]  # doc type -> [(id, compiled)]
    matcher: Any  # spacy Matcher keyed "doc_type|id"
    nlp: Any


def _token_pattern(word: str, fuzzy: int) -> dict[str, Any]:
    # Two-letter words ('de', 'la') would match almost anything with one edit.
    if fuzzy <= 0 or len(word) <= 2:
        return {"ORTH": word}
    edits = min(fuzzy, 1) if len(word) <= 5 else fuzzy
    return {"ORTH": {f"FUZZY{edits}": word}}


def thresholds() -> dict[str, float]:
    data = json.loads(resources.files("papeleo").joinpath("data/classify.json").read_text("utf-8"))
    return {"min_evidence": float(data["min_evidence"]), "min_margin": float(data["min_margin"])}


def evidence_to_rules(evidence: dict[str, tuple[dict[str, Any], ...]], nlp: Any) -> _Rules:
    """Compile the families' declared evidence once: phrases into one spaCy Matcher on
    ``nlp``'s vocabulary, regexes into compiled patterns."""
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab)
    weights: dict[str, dict[str, float]] = {}
    regexes: dict[str, list[tuple[str, Any]]] = {}
    for doc_type, items in evidence.items():
        weights[doc_type] = {}
        regexes[doc_type] = []
        for item in items:
            weights[doc_type][item["id"]] = float(item["weight"])
            if "phrase" in item:
                words = strip_accents(item["phrase"]).lower().split()
                matcher.add(f"{doc_type}|{item['id']}", [[_token_pattern(w, item.get("fuzzy", 1)) for w in words]])
            else:
                regexes[doc_type].append((item["id"], regex.compile(item["regex"], regex.MULTILINE)))
    limits = thresholds()
    return _Rules(limits["min_evidence"], limits["min_margin"], weights, regexes, matcher, nlp)


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


def _scaled(weight: float, count: int) -> float:
    # Repetition is weak extra evidence: a running header repeats a word on every page.
    return weight * (0.5 + math.sqrt(min(count, 4)) / 2)


def text_to_evidence(text: str, rules: _Rules | None = None) -> dict[str, dict[str, int]]:
    """Counts of each evidence item found in ``text``, per family."""
    rules = rules or load_rules()
    text = text[:MAX_CHARS]
    counts: dict[str, dict[str, int]] = {f: {} for f in rules.weights}
    doc = rules.nlp.make_doc(strip_accents(text).lower())
    for match_id, _start, _end in rules.matcher(doc):
        family, item = rules.nlp.vocab.strings[match_id].split("|", 1)
        counts[family][item] = counts[family].get(item, 0) + 1
    for family, items in rules.regexes.items():
        for item, pattern in items:
            n = sum(1 for _ in pattern.finditer(text))
            if n:
                counts[family][item] = n
    return counts


def evidence_to_classification(counts: dict[str, dict[str, int]], rules: _Rules | None = None) -> Classification:
    rules = rules or load_rules()
    strengths = {
        family: round(sum(_scaled(rules.weights[family][item], n) for item, n in found.items()), 3)
        for family, found in counts.items()
    }
    ranked = sorted(strengths.items(), key=lambda kv: kv[1], reverse=True)
    (best, s1), (_, s2) = ranked[0], ranked[1] if len(ranked) > 1 else ("", 0.0)
    evidence = {f: sorted(found) for f, found in counts.items() if found}
    # Confidence grows with the amount of evidence and with the lead over the runner-up.
    amount = 1 - math.exp(-s1 / (2 * rules.min_evidence))
    lead = s1 / (s1 + s2) if s1 + s2 > 0 else 0.0
    confidence = round(amount * lead, 3)
    if s1 < rules.min_evidence or (s2 > 0 and s1 / s2 < rules.min_margin):
        return Classification(UNKNOWN, round(1 - confidence, 3), evidence, strengths)
    return Classification(best, confidence, evidence, strengths)


def classify_text(text: str, ctx: Context | None = None) -> Classification:
    rules = load_rules(ctx)
    return evidence_to_classification(text_to_evidence(text, rules), rules)


def classify(doc: Document, ctx: Context | None = None) -> Classification:
    result = classify_text("\n".join(p.text for p in doc.pages), ctx)
    log.info("%s classified as %s (%.2f) %s", doc.file_name, result.doc_type, result.score, result.strengths)
    return result

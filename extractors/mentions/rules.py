"""mentions.v2's spaCy rule components, built once per process on ``ctx.nlp``'s vocabulary from
the pattern data in ``patterns/``.

- ``fuzzy_heads.jsonl``: one ``FUZZY1`` token pattern per word that opens a name (``FUZZY2``
  from ten letters: two edits on a shorter word reach another word, 'Función' -> 'Fundación')
  (``Dirección``, ``Oficialía``, ``Reglamento``). OCR prints 'Direccién', 'Oficizlia'; the
  Matcher finds which head a damaged word stands for. It runs on a Doc of the page's distinct
  capitalised words, not on the running text: FUZZY compares every token with every pattern
  (0.7 s for 100 KB of text with 30 heads), and a word type seen once is remembered for the
  process, so each new word is compared once.
- ``acronyms.jsonl``: an ``EntityRuler`` of the acronyms of national and international bodies
  with their long form as the pattern's id (``SHCP`` -> 'Secretaría de Hacienda y Crédito
  Público'), so an acronym and its long form share one ``valor``.
- ``vocabulary.json``: head nouns of bodies and laws, the posts printed next to a name, and
  currencies.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from rapidfuzz.distance import Levenshtein

from papeleo.text.normalize import fold

PATTERNS = Path(__file__).with_name("patterns")
VOCABULARY = json.loads((PATTERNS / "vocabulary.json").read_text(encoding="utf-8"))
# a word OCR may have damaged inside a name: capitalised, letters only, long enough that one
# or two edits do not reach another word ('Consejo' and 'Concejo' are both heads anyway)
MIN_FUZZY_WORD = 6
# 'Direccién', 'OFICIZLIA', 'Secretaria'
CAPITAL_WORD = regex.compile(r"(?<![\w])\p{Lu}[\p{L}]{5,}(?![\w])")
# the most word types remembered per process (a word's head, or that it has none)
MAX_REMEMBERED = 200_000


@dataclass
class Rules:
    nlp: Any
    fuzzy: Any  # spacy Matcher
    ruler: Any  # spacy EntityRuler (not added to the shared pipeline)
    canonical: dict[str, str]  # folded head -> as printed in the patterns
    exact: frozenset[str]  # folded words that are vocabulary as they stand


_cache: dict[int, Rules] = {}
_lock = threading.Lock()
_remembered: dict[str, str | None] = {}


def _jsonl(name: str) -> list[dict]:
    with (PATTERNS / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def rules_for(nlp: Any) -> Rules:
    """The components for ``nlp`` (one per process and Language)."""
    key = id(nlp)
    with _lock:
        if key not in _cache:
            from spacy.matcher import Matcher
            from spacy.pipeline import EntityRuler

            fuzzy = Matcher(nlp.vocab)
            heads = _jsonl("fuzzy_heads.jsonl")
            for p in heads:
                # compared folded, both sides: OCR drops and adds accents ('Oficizlia' is one edit
                # from 'oficialia', two from 'oficialía')
                folded = [
                    {attr: {op: fold(v) for op, v in ops.items()} for attr, ops in tok.items()} for tok in p["pattern"]
                ]
                fuzzy.add(p["id"], [folded])
            ruler = EntityRuler(nlp, name="papeleo_mentions_acronyms", phrase_matcher_attr="ORTH")
            ruler.add_patterns(_jsonl("acronyms.jsonl"))
            canonical = {fold(p["id"]): p["id"] for p in heads}
            words = [*VOCABULARY["cargo_heads"], *VOCABULARY["body_heads"], *VOCABULARY["law_heads"]]
            exact = frozenset(fold(w) for phrase in words for w in phrase.split()) | frozenset(canonical)
            _cache[key] = Rules(nlp, fuzzy, ruler, canonical, exact)
        return _cache[key]


def _heads_of(rules: Rules, words: list[str]) -> None:
    """Remember, for each new word, the head it is a damaged printing of (or None)."""
    from spacy.tokens import Doc

    doc = Doc(rules.nlp.vocab, words=[fold(w) for w in words])
    found: dict[int, list[str]] = {}
    for match_id, start, _end in rules.fuzzy(doc):
        found.setdefault(start, []).append(rules.nlp.vocab.strings[match_id])
    if len(_remembered) > MAX_REMEMBERED:
        _remembered.clear()
    for i, word in enumerate(words):
        folded = fold(word)
        best = sorted((Levenshtein.distance(folded, fold(h)), h) for h in found.get(i, []))
        # two heads equally near: the word is no one head's damage
        tie = len(best) > 1 and best[0][0] == best[1][0]
        _remembered[folded] = None if not best or tie else best[0][1]


def _is_derived_from(folded: str, head: str) -> bool:
    """'direcciones' of 'direccion', 'constitucional' of 'constitucion', 'departamental' of
    'departamento': the head's stem with another, longer ending is a word of its own; OCR damage
    does not lengthen a word."""
    return len(folded) > len(head) and folded.startswith(head[:-1])


def repair_heads(lines: list[str], nlp: Any) -> tuple[list[str], int]:
    """The lines with each capitalised word OCR damaged in a name's head word spelled right, in
    the printed case ('Direccién de Servicios' -> 'Dirección de Servicios', 'OFICIZLIA' ->
    'OFICIALÍA'), and how many words were repaired. Lines keep their count and order."""
    rules = rules_for(nlp)
    new = sorted(
        {
            w
            for line in lines
            for w in CAPITAL_WORD.findall(line)
            if fold(w) not in rules.exact and fold(w) not in _remembered
        }
    )
    if new:
        _heads_of(rules, new)
    repaired = 0

    def fix(m: regex.Match) -> str:
        nonlocal repaired
        word = m.group(0)
        folded = fold(word)
        if folded in rules.exact:
            return word
        head = _remembered.get(folded)
        if head is None or _is_derived_from(folded, fold(head)):
            return word
        repaired += 1
        return head.upper() if word.isupper() else head[:1].upper() + head[1:]

    out = [CAPITAL_WORD.sub(fix, line) for line in lines]
    return out, repaired


def acronym_long_forms(words: list[str], nlp: Any) -> dict[str, str]:
    """The acronyms among ``words`` that the acronym patterns know, with their long form."""
    from spacy.tokens import Doc

    rules = rules_for(nlp)
    doc = rules.ruler(Doc(nlp.vocab, words=words))
    return {ent.text: ent.ent_id_ for ent in doc.ents if ent.ent_id_}

"""Fuzzy vocabularies: which canonical term an OCR'd word or phrase stands for.

Every family matches words against a closed list — MIR levels ('Actividad' read as
'Aclividad'), frequencies, column headers, section headings ('Recomendaciones'), quarter
ordinals ('sequndo') — and OCR damages them all the same way. A :class:`Vocabulary` holds
canonical terms with the spellings seen for them; both sides are folded (accents off,
lowercase, edge punctuation trimmed) and compared with rapidfuzz, and a reading below the
score floor is no match: a wrong term is worse than none.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz, process

from .normalize import TOKEN_PUNCT, digits_to_letters, fold, fold_spaces, trim_punct

log = logging.getLogger(__name__)

# rapidfuzz ratio (0-100) a reading needs to be taken for a term. 85 lets one OCR error
# through in a seven-letter word ('sequndo' for 'segundo' scores 85.7) but not two; lower
# admits neighbouring words of the vocabulary ('componente' / 'competente'), higher loses
# the damaged readings the vocabulary exists for.
DEFAULT_FLOOR = 85.0
# a run of non-space characters: one word of a phrase, with its offsets
WORD = regex.compile(r"\S+")


def fold_term(text: str, accents: bool = False) -> str:
    """A word or phrase as vocabularies compare it: folded, edge punctuation trimmed.
    ``accents`` keeps accents (lowercase and whitespace are still folded)."""
    folded = fold_spaces(text).lower() if accents else fold(text)
    return trim_punct(folded, TOKEN_PUNCT + " ")


def word_digits_as_letters(folded: str) -> str:
    """A folded word with the digits OCR set among its letters read back as letters ('f1n' ->
    'fin', 'trime5tral' -> 'trimestral'); a token with no more letters than digits ('12', 'a1')
    is left as it is. Only tried after the word as printed matched nothing: an ordinal the
    vocabulary spells with its digit ('1er') matches as printed first."""
    letters = sum(c.isalpha() for c in folded)
    digits = sum(c.isdigit() for c in folded)
    if not digits or letters <= digits or " " in folded:
        return folded
    return digits_to_letters(folded.upper()).lower()


@dataclass(frozen=True)
class Found:
    """A vocabulary phrase found in a text: the term, its score and where it was read."""

    term: str
    score: float
    start: int
    end: int
    text: str


class Vocabulary:
    """Canonical terms, each with the spellings it is printed in.

    floor: the score a reading needs (see :data:`DEFAULT_FLOOR`).
    min_len: readings shorter than this (folded) match nothing, not even exactly.
    exact_below: readings or variants shorter than this match only exactly — on short
        words one edit is a different word ('meta' / 'neta').
    scorer: a rapidfuzz scorer; ``fuzz.ratio`` (edit similarity of the whole string).
    accents: compare with accents kept ('razón' and 'razon' then differ by one edit);
        by default accents are folded away, as OCR drops and adds them at random.
    """

    def __init__(
        self,
        terms: Mapping[str, Iterable[str]] | Iterable[str],
        *,
        floor: float = DEFAULT_FLOOR,
        min_len: int = 0,
        exact_below: int = 0,
        scorer: Callable[..., float] = fuzz.ratio,
        accents: bool = False,
    ) -> None:
        if not isinstance(terms, Mapping):
            terms = {t: () for t in terms}
        self.floor, self.min_len, self.exact_below, self.scorer = floor, min_len, exact_below, scorer
        self.accents = accents
        self._exact: dict[str, str] = {}
        variants: list[tuple[str, str]] = []
        for term, spellings in terms.items():
            for v in (term, *spellings):
                f = fold_term(v, accents)
                if f and f not in self._exact:
                    self._exact[f] = term
                    variants.append((f, term))
        self._variants = variants
        self._fuzzy = [(v, t) for v, t in variants if len(v) >= exact_below]
        self.terms = tuple(terms)

    def __contains__(self, text: str) -> bool:
        return self.match(text) is not None

    def match(self, text: str) -> tuple[str, float] | None:
        """(term, score) for a word or a whole phrase, or None below the floor.

        An exact spelling wins outright; otherwise the best-scoring spelling, the first
        listed on a tie."""
        q = fold_term(text, self.accents)
        if not q or len(q) < self.min_len:
            return None
        found = self._match_folded(q)
        if found is None and (letters := word_digits_as_letters(q)) != q:
            # 'F1N' for 'FIN': in a short word one misread is below any floor that keeps
            # neighbouring words apart, but a digit inside a word is OCR's, never the word's
            found = self._match_folded(letters)
        return found

    def _match_folded(self, q: str) -> tuple[str, float] | None:
        if q in self._exact:
            return self._exact[q], 100.0
        if len(q) < self.exact_below or not self._fuzzy:
            return None
        best = process.extractOne(q, [v for v, _ in self._fuzzy], scorer=self.scorer, score_cutoff=self.floor)
        if best is None:
            return None
        _, score, i = best
        return self._fuzzy[i][1], float(score)

    def term_of(self, text: str) -> str | None:
        """The term alone, for callers that need no score."""
        m = self.match(text)
        return m[0] if m else None

    def find(self, text: str) -> list[Found]:
        """Every occurrence of a vocabulary phrase in running text, in reading order; of two
        overlapping readings the better-scoring one is kept. OCR splits and joins words ('Meta Trimes
        tral', 'MetaTrimestral'), so windows of one word more or fewer than the phrase are
        compared with their spaces removed."""
        words = [(m.start(), m.end(), fold_term(m.group(0), self.accents)) for m in WORD.finditer(text)]
        hits: list[Found] = []
        for variant, term in self._variants:
            n = variant.count(" ") + 1
            flat = variant.replace(" ", "")
            for size in {max(1, n - 1), n, n + 1}:
                for i in range(len(words) - size + 1):
                    window = "".join(w for _, _, w in words[i : i + size])
                    if not window or len(window) < self.min_len:
                        continue
                    fuzzy_ok = len(window) >= self.exact_below and len(flat) >= self.exact_below
                    score = 100.0 if window == flat else (self.scorer(window, flat) if fuzzy_ok else 0.0)
                    if score >= self.floor:
                        s, e = words[i][0], words[i + size - 1][1]
                        hits.append(Found(term, float(score), s, e, text[s:e]))
        hits.sort(key=lambda h: (-h.score, h.start, -(h.end - h.start)))
        kept: list[Found] = []
        for h in hits:
            if all(h.end <= k.start or h.start >= k.end for k in kept):
                kept.append(h)
        return sorted(kept, key=lambda h: h.start)

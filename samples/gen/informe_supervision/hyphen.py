"""Line-end hyphenation, the way a word processor breaks Spanish words in justified text.

The truth's ``texto`` is the text with hyphenation repaired; the PDF shows 'reasig-' at a
line end and 'nación' on the next line. Two kinds of break are drawn: a word split between
syllables with an added hyphen (to be removed on repair) and a compound that already holds a
hyphen split after it ('hemato-' / 'oncología', 'SFP-DGA-01-02-' / '2019': to be kept). Both
are what an extractor meets in the seed and the real audit report.

It works on the text before layout: the paragraph is wrapped exactly as ``Doc.para`` will
wrap it; where the next line's first word could start on this line, it is split there
('reasig- nación' as two words), and the paragraph is wrapped again.
"""

from __future__ import annotations

import random

from reportlab.pdfbase.pdfmetrics import stringWidth

from .._text import parse_rich, word_w, wrap

VOWELS = set("aeiouáéíóúü")
# consonant pairs a Spanish syllable may start with: never split between them
ONSETS = {"bl", "br", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "pl", "pr", "tr", "ch", "ll", "rr"}
MIN_PART = 3  # letters on each side of a syllable break (no 'a-' or '-te')


def syllable_breaks(word: str) -> list[int]:
    """Positions k where ``word[:k] + '-'`` / ``word[k:]`` is a plausible Spanish break."""
    low = word.lower()
    out = []
    for k in range(MIN_PART, len(low) - MIN_PART + 1):
        a, b = low[k - 1], low[k]
        nxt = low[k + 1] if k + 1 < len(low) else ""
        if a in VOWELS and b not in VOWELS and nxt in VOWELS:  # V-CV
            out.append(k)
        elif a not in VOWELS and b not in VOWELS and (nxt in VOWELS or low[k : k + 2] in ONSETS):
            if low[k - 1 : k + 1] not in ONSETS:  # VC-CV, never inside 'ch', 'll', 'tr'
                out.append(k)
    return out


def candidate_splits(word: str) -> list[tuple[str, str]]:
    """(head as drawn at the line end, tail) pairs, longest head last."""
    if "^" in word or "*" in word:
        return []
    if "-" in word.strip("-"):  # a compound: break after one of its own hyphens
        parts = word.split("-")
        return [("-".join(parts[:i]) + "-", "-".join(parts[i:])) for i in range(1, len(parts)) if parts[i]]
    core = word.rstrip(".,;:)")
    if len(core) < 2 * MIN_PART + 1 or not core.isalpha() or not core.islower():
        return []
    return [(word[:k] + "-", word[k:]) for k in syllable_breaks(core)]


def line_width(line, size: float) -> float:
    return sum(word_w(w, size) for w in line) + stringWidth(" ", "Helvetica", size) * max(0, len(line) - 1)


def hyphenate(text: str, size: float, width: float, rng: random.Random, rate: float) -> tuple[str, int]:
    """The text with some line-end words split as 'head- tail', and how many were split."""
    if rate <= 0:
        return text, 0
    words = text.split(" ")
    done, line_no, n = 0, 0, 0
    space = stringWidth(" ", "Helvetica", size)
    while True:
        lines = wrap(parse_rich(" ".join(words)), size, width)
        if line_no >= len(lines) - 1 or len(lines) < 2:
            return " ".join(words), n
        done += len(lines[line_no])
        line_no += 1
        if done >= len(words) or rng.random() >= rate:
            continue
        room = width - line_width(lines[line_no - 1], size) - space
        fits = [(h, t) for h, t in candidate_splits(words[done]) if stringWidth(h, "Helvetica", size) <= room]
        if fits:
            head, tail = fits[-1]
            words[done : done + 1] = [head, tail]
            done += 1
            n += 1

"""Which words of a row are scores: numbers, OCR-damaged numbers and 'not applicable' marks.

Why a module of its own: when a row's cells were not kept apart (single-space text, a cell
the OCR merged with its neighbour) the scores are found by what they look like, and a name
or a post never looks like one, so the boundary between the text and the scores is the first
score-like word.
"""

from __future__ import annotations

import regex

from papeleo.text.normalize import fold, is_digitlike, letters_to_digits
from papeleo.text.numbers import DIGIT_GROUPS, MISSING_MARKS

# a score as printed or as OCR damages it: '9,583', '10.00', '|0,000', '9,S81', '1O', '869'
# (digits, look-alike letters and separators, at least one real digit)
SCOREISH = regex.compile(r"^[\d|Il\]OoSBZ(]{1,3}(?:[.,][\dOoSBZl|Il\]]{1,3})?$")
# marks of a factor that does not apply, one word each ('No aplica' is two: see NA_PAIRS)
NA_WORDS = frozenset(m for m in MISSING_MARKS if m and " " not in m)
NA_PAIRS = frozenset(tuple(m.split()) for m in MISSING_MARKS if " " in m)


def is_na(text: str) -> bool:
    """'N/A', 'NA', 'No aplica', '—' (an empty cell is not: it may be a value OCR lost)."""
    t = fold(text.strip())
    return bool(t) and t in MISSING_MARKS


def is_score(token: str) -> bool:
    """A word that reads as a score (possibly damaged) or a not-applicable mark."""
    t = token.strip().strip("*")
    if not t:
        return False
    if fold(t) in MISSING_MARKS:  # 'N/A', '—', 'No aplica' (joined by score_words)
        return True
    if DIGIT_GROUPS.match(t):
        return True
    if any(c.isdigit() for c in t) and SCOREISH.match(t) and is_digitlike(t.replace(",", "").replace(".", "")):
        return True
    return False


def is_loose_score(token: str) -> bool:
    """Among a row's scores, a word damaged past reading ('8,a33', '10 (]00'): mostly digits
    and separators. Only used after the first clean score, where no name or post is left."""
    t = token.strip()
    digits = sum(c.isdigit() for c in t)
    return digits >= 1 and digits + sum(c in ".,|]([" for c in t) >= max(2, len(t) - 1)


def score_words(words: list[str]) -> list[str]:
    """Words with 'No aplica' and friends joined into one token."""
    out: list[str] = []
    i = 0
    while i < len(words):
        pair = (fold(words[i]), fold(words[i + 1])) if i + 1 < len(words) else None
        if pair in NA_PAIRS:
            out.append(f"{words[i]} {words[i + 1]}")
            i += 2
            continue
        out.append(words[i])
        i += 1
    return out


def join_split_numbers(tokens: list[str], want: int, decimals: int | None) -> list[str]:
    """'9 856' read as two words where one score stands: join a 1–3 digit integer with the next
    token when it has exactly the column's decimals, until ``want`` tokens are left."""
    if decimals is None:
        return tokens
    out = list(tokens)
    i = 0
    while len(out) > want and i < len(out) - 1:
        a, b = out[i], out[i + 1]
        fa, fb = letters_to_digits(a) or a, letters_to_digits(b) or b
        if fa.isdigit() and len(fa) <= 3 and fb.isdigit() and len(fb) == decimals:
            out[i : i + 2] = [f"{a},{b}"]
            continue
        i += 1
    return out

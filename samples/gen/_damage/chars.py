"""Character and number-separator damage: what tesseract does to one word of these documents.

The look-alike tables come from the real OCR seeds and samples (``../shared/seeds``): digits
read as letters ('1,6OO', 'a1' for 31, '€00' for 600, '(]' for 0, '1]'), letters read as digits
or as other letters ('Municipa1es', 'AYUNTAMlENTO', 'mela' for 'meta', 'organisrno',
'cornpromisos'), accents lost or turned into other glyphs ('Atencion', 'Judrez', 's6lidos',
'renovacién'), and the separators of numbers swapped, lost, doubled or read as spaces
('1.216,904', '1,206528', '1 206 528', '3000', '19.2' → '192').

Damage works token by token (a token is a run of non-space characters) so every log entry can
show the whole word before and after; a number's separators are damaged first, then its
characters. At most one separator damage per number, and a character once damaged is not
damaged again, so each logged entry is one visible change.
"""

from __future__ import annotations

import random
import re

from .log import DamageLog, Where
from .profile import CHAR_KINDS, SEPARATOR_KINDS, DamageProfile

# digit -> what OCR of these documents reads instead ('4' and '9' were not seen misread)
DIGIT_LOOKALIKES: dict[str, tuple[str, ...]] = {
    "0": ("O", "o", "(]"),
    "1": ("l", "I", "]", "|"),
    "2": ("Z",),
    "3": ("a", "8"),
    "5": ("S", "s"),
    "6": ("€", "b", "8"),
    "7": ("1",),
    "8": ("B", "3"),
}
# letter (or letter pair, tried first) -> look-alikes; the pairs are tesseract's classic kerning errors
LETTER_LOOKALIKES: dict[str, tuple[str, ...]] = {
    "rn": ("m",),
    "cl": ("d",),
    "m": ("rn",),
    "d": ("cl",),
    "l": ("1", "I", "|"),
    "I": ("l", "1"),
    "i": ("l",),
    "t": ("l",),
    "e": ("a", "c"),
    "O": ("0",),
    "S": ("5",),
    "B": ("8",),
    "Z": ("2",),
    "b": ("6",),
}
ACCENT_PLAIN = dict(zip("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN"))
ACCENT_GLYPHS: dict[str, tuple[str, ...]] = {
    "á": ("d", "é"),
    "é": ("c", "ó"),
    "í": ("l", "f"),
    "ó": ("é", "d", "6"),
    "ú": ("d", "ü"),
    "ñ": ("fi", "ii"),
}
ACUTE = dict(zip("aeiouAEIOU", "áéíóúÁÉÍÓÚ"))

# A number with separators. us: '1,216,904' / '1,216.50'; eu: '1.216.904' / '1.216,50';
# dec: '2.00', '94.83', '9,5'. Never inside a word or a code like '2.3.1.1' (the look-arounds).
NUMBER = re.compile(
    r"(?<![\w.,])(?:(?P<us>\d{1,3}(?:,\d{3})+(?:\.\d+)?)|(?P<eu>\d{1,3}(?:\.\d{3})+(?:,\d+)?)|(?P<dec>\d+[.,]\d+))"
    r"(?!\w|[.,]\d)"
)
SPACES = re.compile(r"(\s+)")


def number_to_separators(number: str, alt: str) -> tuple[list[int], int | None]:
    """(positions of grouping separators, position of the decimal separator) in a NUMBER match."""
    seps = [i for i, c in enumerate(number) if c in ",."]
    if alt == "dec":
        return [], seps[0]
    group_char = "," if alt == "us" else "."
    groups = [i for i in seps if number[i] == group_char]
    decimal = next((i for i in seps if number[i] != group_char), None)
    return groups, decimal


def damage_number(number: str, alt: str, rng: random.Random, profile: DamageProfile) -> tuple[str, str] | None:
    """At most one separator damage for one number: (kind, damaged number) or None.
    Kinds are tried in a fixed order so a seed always gives the same damage."""
    groups, decimal = number_to_separators(number, alt)
    every = groups + ([decimal] if decimal is not None else [])
    eligible = {
        "decimal_lost": decimal is not None,
        "sep_dropped": bool(groups),
        "sep_space": bool(groups),
        "sep_swapped": bool(every),
        "sep_doubled": bool(every),
    }
    for kind in SEPARATOR_KINDS:
        if not eligible[kind] or not profile.hits(rng, kind):
            continue
        if kind == "decimal_lost":
            return kind, number[:decimal] + number[decimal + 1 :]
        if kind == "sep_dropped":
            i = rng.choice(groups)
            return kind, number[:i] + number[i + 1 :]
        if kind == "sep_space":
            return kind, "".join(" " if i in groups else c for i, c in enumerate(number))
        i = rng.choice(every)
        if kind == "sep_swapped":
            return kind, number[:i] + ("." if number[i] == "," else ",") + number[i + 1 :]
        return kind, number[: i + 1] + number[i:]  # sep_doubled
    return None


def token_to_separator_damage(
    token: str, rng: random.Random, profile: DamageProfile, log: DamageLog, where: Where
) -> str:
    pieces, last = [], 0
    for m in NUMBER.finditer(token):
        alt = m.lastgroup or "dec"
        damaged = damage_number(m.group(0), alt, rng, profile)
        pieces.append(token[last : m.start()])
        if damaged is None:
            pieces.append(m.group(0))
        else:
            kind, new = damaged
            before = "".join(pieces) + m.group(0) + token[m.end() :]
            after = "".join(pieces) + new + token[m.end() :]
            log.add(kind, where, before, after)
            pieces.append(new)
        last = m.end()
    pieces.append(token[last:])
    return "".join(pieces)


def other_vowels(chars: list[str], i: int, done: set[int]) -> list[int]:
    return [j for j, c in enumerate(chars) if j != i and j not in done and c in ACUTE]


def accent_damage(chars: list[str], i: int, rng: random.Random, profile: DamageProfile, done: set[int]) -> str | None:
    """Damage the accented letter at ``i`` in place (dropped, misread or moved: one at most)."""
    c = chars[i]
    if profile.hits(rng, "accent_dropped"):
        chars[i] = ACCENT_PLAIN[c]
        return "accent_dropped"
    if c in ACCENT_GLYPHS and profile.hits(rng, "accent_misread"):
        chars[i] = rng.choice(ACCENT_GLYPHS[c])
        return "accent_misread"
    vowels = other_vowels(chars, i, done) if c.lower() in "áéíóú" else []
    if vowels and profile.hits(rng, "accent_moved"):
        j = min(vowels, key=lambda v: (abs(v - i), v))  # the nearest vowel: accents slide, not jump
        chars[i], chars[j] = ACCENT_PLAIN[c], ACUTE[chars[j]]
        done.add(j)
        return "accent_moved"
    return None


def token_to_char_damage(token: str, rng: random.Random, profile: DamageProfile, log: DamageLog, where: Where) -> str:
    chars, done = list(token), set()
    i = 0
    while i < len(chars):
        if i in done:
            i += 1
            continue
        pair = chars[i] + chars[i + 1] if i + 1 < len(chars) and i + 1 not in done else ""
        before = "".join(chars)
        kind, width = None, 1
        if pair in LETTER_LOOKALIKES:
            width = 2
            if profile.hits(rng, "char_letter"):
                chars[i], chars[i + 1], kind = rng.choice(LETTER_LOOKALIKES[pair]), "", "char_letter"
        elif chars[i] in DIGIT_LOOKALIKES:
            if profile.hits(rng, "char_digit"):
                chars[i], kind = rng.choice(DIGIT_LOOKALIKES[chars[i]]), "char_digit"
        elif chars[i] in LETTER_LOOKALIKES:
            if profile.hits(rng, "char_letter"):
                chars[i], kind = rng.choice(LETTER_LOOKALIKES[chars[i]]), "char_letter"
        elif chars[i] in ACCENT_PLAIN:
            kind = accent_damage(chars, i, rng, profile, done)
        if kind is not None:
            done.update(range(i, i + width))
            log.add(kind, where, before, "".join(chars))
        i += width
    return "".join(chars)


def damages_characters(profile: DamageProfile) -> bool:
    return any(profile.rate(k) for k in CHAR_KINDS + SEPARATOR_KINDS)


def line_to_damaged(line: str, rng: random.Random, profile: DamageProfile, log: DamageLog, where: Where) -> str:
    """One printed line with its character and separator damage applied and logged at ``where``."""
    if not line or not damages_characters(profile):
        return line
    parts = SPACES.split(line)
    for k, part in enumerate(parts):
        if part and not part.isspace():
            part = token_to_separator_damage(part, rng, profile, log, where)
            parts[k] = token_to_char_damage(part, rng, profile, log, where)
    return "".join(parts)

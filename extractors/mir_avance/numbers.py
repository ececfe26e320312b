"""Numbers as MIR reports print them, and as OCR mangles them.

Mexican reports group thousands with commas (``1,206,528``) or not at all (``3500000``) and
use the dot for decimals, but OCR swaps the two (``1.216,904``) and reads digits as letters
(``a1`` for 31, ``€00`` for 600, ``(]`` for 0). A mangled reading is never trusted on its
own: this module only proposes *candidates* and says whether a value a check demands is a
plausible misreading of what was printed; the checks decide.
"""

from __future__ import annotations

import itertools
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

import regex

log = logging.getLogger(__name__)

_DATA = json.loads(Path(__file__).with_name("numbers.json").read_text(encoding="utf-8"))
# the digits each character OCR prints may stand for: 'a' -> '34' ('a1' is 31 or 41)
DIGIT_CONFUSIONS: dict[str, str] = _DATA["digit_confusions"]
# what OCR prints for a lone 0 in a ruled cell: '(]', '1]', '[]'
ZERO_GLYPHS: frozenset[str] = frozenset(_DATA["zero_glyphs"])

# '1,206,528' / '3,603,489' (seed 004, line 'Trimestral 3,603,489 700,712 ...'); also the OCR
# mix '1.216,904' from the same report, where one comma was read as a dot.
GROUPED = regex.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
# '3500000', '2846', '72' — plain digit runs
PLAIN = regex.compile(r"^\d+$")
# '85.5' (a decimal target) or '129,56' (decimal comma, '129,56%)|' in seed 004)
DECIMAL = regex.compile(r"^\d+[.,]\d{1,2}$|^\d+\.\d{4,}$")
# a percentage inside prose: 'Se logra el 120.55% de la meta', '129,56%)', '124 28%,'
PERCENT = regex.compile(r"(?<![\d.,])(\d{1,4}(?:[.,]\d{1,2})?|\d{1,3} \d{2})\s?%")
# the separators inside a grouped number: '1,216,904' -> '1' '216' '904'
SEPARATOR = regex.compile(r"[.,]")
# the printed decimals of a percentage: '84.35%' -> '35', '124 28%' -> '28'
DECIMALS_TAIL = regex.compile(r"[., ](\d{1,2})\s?%?$")
_SEP = ",."

# Values tried per mangled token: each confusable character multiplies the readings, and
# every reading is a chance for a check to confirm a wrong one by coincidence.
MAX_GARBLED_CANDIDATES = 16
# A token longer than this is prose or a code, not a mangled cell ('€00', 'a1', '1,2l6').
MAX_GARBLED_LEN = 6
# Digits a misreading may have lost ('50' for 950, '00' for 600); more would let a short
# token stand for almost any value.
MAX_DROPPED_DIGITS = 2
# Slack on top of half a unit of the last printed decimal: reports round half-up, half-even
# or truncate, which moves the printed X% by up to this much.
PERCENT_ROUNDING_SLACK = 0.0051
# Float noise allowed when comparing a computed percentage with a printed one.
EPSILON = 1e-9

# Digit pairs tesseract and older OCR engines swap for one another on degraded scans
# (open/closed loops and a lost serif): 5/6, 3/8, 6/8, 0/8, 0/6, 1/7, 1/4.
COMMON_CONFUSIONS = frozenset(frozenset(p) for p in ("56", "38", "68", "08", "06", "17", "14"))


@dataclass(frozen=True)
class NumTok:
    """One cell-sized token of a numeric run: its clean value if it reads as a number,
    else the values its characters could stand for."""

    raw: str
    value: float | None
    cands: tuple[float, ...] = ()
    conf: float = 1.0
    line: int = -1
    shape: bool = False  # read by its shape ('(]' is a 0), not printed as digits

    @property
    def clean(self) -> bool:
        return self.value is not None

    @property
    def digits(self) -> str:
        return "".join(c for c in self.raw if c.isdigit())


@dataclass
class Percent:
    """A percentage printed in a commentary, with the decimals it was rounded to."""

    value: float
    decimals: int
    raw: str
    cands: tuple[float, ...] = field(default_factory=tuple)


def value_of(tok: NumTok | None) -> float | None:
    """The token's clean value; None for no token or a mangled one (its candidates are
    evidence only once a check picks one)."""
    return tok.value if tok is not None and tok.clean else None


def parse_amount(raw: str) -> float | None:
    """A clean Mexican-format number, or None when the token is not one."""
    s = raw.strip().strip("$").rstrip("%").strip()
    if not s:
        return None
    if PLAIN.match(s):
        return float(int(s))
    if GROUPED.match(s):
        parts = SEPARATOR.split(s)
        if len(parts) == 2 and "." in s:
            # '1.216' alone: a dot is the Mexican decimal point, keep it as such
            return float(s)
        return float(int("".join(parts)))
    if DECIMAL.match(s):
        return float(s.replace(",", "."))
    return None


def parse_percent(raw: str) -> float | None:
    s = raw.replace("%", "").strip()
    if " " in s:  # '124 28' — the decimal point lost
        a, b = s.split(" ", 1)
        s = f"{a}.{b}"
    try:
        return float(s.replace(",", "."))
    except ValueError:
        return None


def decimals_of(raw: str) -> int:
    m = DECIMALS_TAIL.search(raw.strip())
    return len(m.group(1)) if m else 0


def percent_matches(n: float, m: float, x: float, decimals: int) -> bool:
    """Does the document's rounded X% equal N/M? Reports round to the printed decimals."""
    if m == 0:
        return n == 0 and x == 0
    pct = 100.0 * n / m
    tol = 0.5 * 10 ** (-decimals) + EPSILON
    return abs(pct - x) <= tol + PERCENT_ROUNDING_SLACK


def percent_variants(p: Percent) -> list[tuple[float, bool]]:
    """The printed percentage first, then single-digit misreadings of it ('84.35' for 94.35)."""
    out = [(p.value, False)]
    s = f"{p.value:.{p.decimals}f}"
    for i, ch in enumerate(s):
        if not ch.isdigit():
            continue
        for d in "0123456789":
            if d != ch:
                try:
                    out.append((float(s[:i] + d + s[i + 1 :]), True))
                except ValueError:
                    continue
    return out


def garbled_candidates(raw: str, limit: int = MAX_GARBLED_CANDIDATES) -> tuple[float, ...]:
    """Values a mangled token could stand for: confusable characters mapped to digits,
    everything else dropped. Only ever used where a check then confirms one of them."""
    s = raw.strip()
    if s in ZERO_GLYPHS:
        return (0.0,)
    opts: list[str] = []
    for ch in s:
        if ch in _SEP:
            continue
        o = ch if ch.isdigit() else DIGIT_CONFUSIONS.get(ch)
        if o is not None:
            opts.append(o)
    if not opts:
        return ()
    out: list[float] = []
    for combo in itertools.islice(itertools.product(*opts), limit):
        out.append(float(int("".join(combo))))
    digits = "".join(c for c in s if c.isdigit())
    if digits and float(int(digits)) not in out:
        out.append(float(int(digits)))
    return tuple(dict.fromkeys(out))


# a zero glyph is a 0 read from its shape, not its digits: a little less sure than a digit
ZERO_GLYPH_CONFIDENCE = 0.8


def make_token(raw: str, conf: float = 1.0, line: int = -1) -> NumTok:
    if raw.strip() in ZERO_GLYPHS:
        return NumTok(raw, 0.0, (), conf * ZERO_GLYPH_CONFIDENCE, line, shape=True)
    v = parse_amount(raw)
    if v is not None:
        return NumTok(raw, v, (), conf, line)
    return NumTok(raw, None, garbled_candidates(raw), conf, line)


def looks_garbled_number(raw: str) -> bool:
    """A short token that is more digit-like than word-like: 'a1', '1]', '(]', '€00'."""
    s = raw.strip()
    if not s or len(s) > MAX_GARBLED_LEN:
        return False
    if s in ZERO_GLYPHS:
        return True
    digitish = sum(1 for c in s if c.isdigit() or c in DIGIT_CONFUSIONS or c in _SEP)
    return any(c.isdigit() for c in s) and digitish * 2 >= len(s)


def _plain(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v}"


def misread_reason(tok: NumTok, value: float) -> str | None:
    """Why the printed token could be a misreading of ``value``; None when it could not.

    Plausible: a mangled token whose candidates include the value; one digit swapped
    ('780' for 790, '3800' for 3600); digits dropped ('50' for 950, '00' for 600)."""
    want = _plain(value)
    if not tok.clean:
        if value in tok.cands:
            return f"'{tok.raw}' leído como {want} (caracteres confundidos por el OCR)"
    have = tok.digits
    if not have:
        return None
    if not want.isdigit():
        return None
    if len(have) == len(want) and sum(a != b for a, b in zip(have, want)) == 1:
        return f"'{tok.raw}' por {want} (un dígito confundido)"
    if have != "0" and len(have) < len(want) <= len(have) + MAX_DROPPED_DIGITS and _is_subsequence(have, want):
        # (a lone printed 0 is a statement — nothing planned — not digits lost)
        return f"'{tok.raw}' por {want} (dígitos omitidos)"
    return None


def is_dropped_digits(reason: str) -> bool:
    """A ``misread_reason`` of digits lost: the one misreading a sum may repair even
    against a second source, since OCR drops digits far more often than it invents them."""
    return "omitidos" in reason


def is_common_confusion(tok: NumTok, value: float) -> bool:
    """True when ``tok`` differs from ``value`` by one digit that OCR commonly swaps."""
    have, want = tok.digits, _plain(value)
    if not want.isdigit() or len(have) != len(want):
        return False
    diffs = [(a, b) for a, b in zip(have, want) if a != b]
    return len(diffs) == 1 and frozenset(diffs[0]) in COMMON_CONFUSIONS


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def fmt(v: float | None) -> str:
    """A value as the notes print it: '1,206,528', '85.5', 'null'."""
    if v is None:
        return "null"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"

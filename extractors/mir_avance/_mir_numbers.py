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
from functools import lru_cache
from pathlib import Path

import regex

log = logging.getLogger(__name__)

DATA = Path(__file__).with_name("rules.json")


@lru_cache(maxsize=1)
def rules() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


# '1,206,528' / '3,603,489' (seed 004, line 'Trimestral 3,603,489 700,712 ...'); also the OCR
# mix '1.216,904' from the same report, where one comma was read as a dot.
GROUPED = regex.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
# '3500000', '2846', '72' — plain digit runs
PLAIN = regex.compile(r"^\d+$")
# '85.5' (a decimal target) or '129,56' (decimal comma, '129,56%)|' in seed 004)
DECIMAL = regex.compile(r"^\d+[.,]\d{1,2}$|^\d+\.\d{4,}$")
# a percentage inside prose: 'Se logra el 120.55% de la meta', '129,56%)', '124 28%,'
PERCENT = regex.compile(r"(?<![\d.,])(\d{1,4}(?:[.,]\d{1,2})?|\d{1,3} \d{2})\s?%")
# digits, separators and the characters OCR substitutes for digits
_SEP = ",."


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


def parse_amount(raw: str) -> float | None:
    """A clean Mexican-format number, or None when the token is not one."""
    s = raw.strip().strip("$").rstrip("%").strip()
    if not s:
        return None
    if PLAIN.match(s):
        return float(int(s))
    if GROUPED.match(s):
        parts = regex.split(r"[.,]", s)
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
    m = regex.search(r"[., ](\d{1,2})\s?%?$", raw.strip())
    return len(m.group(1)) if m else 0


def percent_matches(n: float, m: float, x: float, decimals: int) -> bool:
    """Does the document's rounded X% equal N/M? Reports round to the printed decimals."""
    if m == 0:
        return n == 0 and x == 0
    pct = 100.0 * n / m
    tol = 0.5 * 10 ** (-decimals) + 1e-9
    return abs(pct - x) <= tol + 0.0051  # half-up vs half-even printing


def _char_options(ch: str) -> str | None:
    if ch.isdigit():
        return ch
    conf = rules()["digit_confusions"]
    return conf.get(ch)


def garbled_candidates(raw: str, limit: int = 16) -> tuple[float, ...]:
    """Values a mangled token could stand for: confusable characters mapped to digits,
    everything else dropped. Only ever used where a check then confirms one of them."""
    s = raw.strip()
    if s in rules()["zero_glyphs"]:
        return (0.0,)
    opts: list[str] = []
    for ch in s:
        if ch in _SEP:
            continue
        o = _char_options(ch)
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


def make_token(raw: str, conf: float = 1.0, line: int = -1) -> NumTok:
    if raw.strip() in rules()["zero_glyphs"]:
        return NumTok(raw, 0.0, (), conf * 0.8, line, shape=True)
    v = parse_amount(raw)
    if v is not None:
        return NumTok(raw, v, (), conf, line)
    return NumTok(raw, None, garbled_candidates(raw), conf, line)


def is_numeric_word(raw: str) -> bool:
    return parse_amount(raw) is not None


def looks_garbled_number(raw: str) -> bool:
    """A short token that is more digit-like than word-like: 'a1', '1]', '(]', '€00'."""
    s = raw.strip()
    if not s or len(s) > 6:
        return False
    if s in rules()["zero_glyphs"]:
        return True
    digitish = sum(1 for c in s if c.isdigit() or c in rules()["digit_confusions"] or c in _SEP)
    return any(c.isdigit() for c in s) and digitish * 2 >= len(s)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v}"


def misread_reason(tok: NumTok, value: float) -> str | None:
    """Why the printed token could be a misreading of ``value``; None when it could not.

    Plausible: a mangled token whose candidates include the value; one digit swapped
    ('780' for 790, '3800' for 3600); digits dropped ('50' for 950, '00' for 600)."""
    want = _fmt(value)
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
    if have != "0" and len(have) < len(want) <= len(have) + 2 and _is_subsequence(have, want):
        # (a lone printed 0 is a statement — nothing planned — not digits lost)
        return f"'{tok.raw}' por {want} (dígitos omitidos)"
    return None


# Digit pairs tesseract and older OCR engines swap for one another on degraded scans
# (open/closed loops and a lost serif): 5/6, 3/8, 6/8, 0/8, 0/6, 1/7, 1/4.
COMMON_CONFUSIONS = frozenset(frozenset(p) for p in ("56", "38", "68", "08", "06", "17", "14"))


def is_common_confusion(tok: NumTok, value: float) -> bool:
    """True when ``tok`` differs from ``value`` by one digit that OCR commonly swaps."""
    have, want = tok.digits, _fmt(value)
    if not want.isdigit() or len(have) != len(want):
        return False
    diffs = [(a, b) for a, b in zip(have, want) if a != b]
    return len(diffs) == 1 and frozenset(diffs[0]) in COMMON_CONFUSIONS


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


@dataclass
class Percent:
    value: float
    decimals: int
    raw: str
    cands: tuple[float, ...] = field(default_factory=tuple)


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
                    out.append((float(s[:i] + d + s[i + 1:]), True))
                except ValueError:
                    continue
    return out


def fmt(v: float | None) -> str:
    if v is None:
        return "null"
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"

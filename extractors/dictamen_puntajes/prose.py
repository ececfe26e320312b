"""What the dictamen's prose says about its table: the evaluated period, the weighting, the bands.

Why from the prose: the table prints only scores; the period every row belongs to, the weights
the final score is computed with and the score bands of each level are stated in the title,
the considerandos or a small table beside them, and the checks need them.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass

import regex

from papeleo.text.dates import DateMatch, Precision, find_dates
from papeleo.text.normalize import fold_keep_offsets
from papeleo.text.numbers import DECIMAL_COMMA, MX, parse_number

from .header import SCORE_ROLES, roles_of_label

log = logging.getLogger(__name__)

# where the evaluated period is named: 'CORRESPONDIENTE AL PERIODO SEPTIEMBRE 2018 A AGOSTO 2019',
# 'del periodo del 1 de enero al 31 de diciembre de 2021', 'correspondiente al ejercicio 2020'
PERIOD_CUE = regex.compile(r"(?<!\w)(?:periodo|ejercicio|evaluado|semestre|correspondiente)(?!\w)")
# how far after a cue (characters) its period may start: 'periodo del mes de septiembre 2018'
PERIOD_WINDOW = 60
# two single months read as one period when this joins them: 'septiembre 2018 dos mil dieciocho
# al mes de agosto 2019' (the seed's glossary); number words between are allowed
MONTHS_JOIN = regex.compile(r"^[\sa-z]{0,40}?\b(?:a|al|hasta)\b(?:\s+(?:el\s+)?mes\s+de)?\s*$")
# a factor with its weight: 'Metas individuales 40%', 'Competencias (30 %)', 'Metas colectivas: 30%'
WEIGHT = regex.compile(r"(?P<label>[\p{L}][\p{L} .]{2,60}?)[\s:(]*(?P<pct>\d{1,3}(?:[.,]\d+)?)\s?%")
# a level with its band: 'Excelente de 9.500 a 10.000', 'Alto: 8,50 - 10,00', 'Bueno 8.0 a 8.9'
BAND = regex.compile(
    r"(?P<label>\p{Lu}[\p{L} ]{1,40}?)[\s:]*(?:de\s+)?(?P<lo>\d{1,3}(?:[.,]\d{1,3})?)\s*(?:a|-|–|al)\s*"
    r"(?P<hi>\d{1,3}(?:[.,]\d{1,3})?)(?!\s?%)"
)


@dataclass(frozen=True)
class Period:
    inicio: dt.date
    fin: dt.date
    raw: str


def _joined_months(matches: list[DateMatch], folded: str) -> list[tuple[int, dt.date, dt.date, str]]:
    """Periods as (offset, start, end, raw): ranges as found, and two months joined by 'al mes de'."""
    # a period is a range, a year ('ejercicio 2020') or a half year; a lone month is an endpoint
    whole = (Precision.YEAR, Precision.SEMESTER)
    out = [(m.span[0], m.period_start, m.value, m.raw) for m in matches if m.is_range or m.precision in whole]
    for a, b in zip(matches, matches[1:]):
        if a.is_range or b.is_range or a.value >= b.period_start:
            continue
        if MONTHS_JOIN.match(folded[a.span[1] : b.span[0]]):
            out.append((a.span[0], a.period_start, b.value, f"{a.raw} … {b.raw}"))
    return out


def find_period(text: str) -> Period | None:
    """The evaluated period: of the periods named right after a cue ('periodo', 'ejercicio',
    'correspondiente al'), the one named most often (the title repeats it; the previous cycle a
    glossary recalls is named once), the first named on a tie."""
    folded = fold_keep_offsets(text)
    matches = find_dates(text)
    cues = [m.end() for m in PERIOD_CUE.finditer(folded)]
    found: list[tuple[int, dt.date, dt.date, str]] = []
    for off, start, end, raw in _joined_months(matches, folded):
        if start >= end or not any(0 <= off - c <= PERIOD_WINDOW for c in cues):
            continue
        found.append((off, start, end, raw))
    if not found:
        return None
    count = Counter((s, e) for _, s, e, _ in found)
    best = max(count.values())
    off, start, end, raw = next(f for f in found if count[(f[1], f[2])] == best)
    log.debug("period %s..%s from %r (named %d times)", start, end, raw, best)
    return Period(start, end, raw)


def _percent(text: str) -> float | None:
    r = parse_number(text, DECIMAL_COMMA if "," in text else MX)
    return r.value


def stated_weights(text: str) -> list[dict[str, float]]:
    """Every weighting the document states, as {role: share}: each run of factor labels with
    percentages that sum to 100 ('Metas individuales 40%, Metas colectivas 30%, Competencias
    30%'; a weights table read as text gives the same). A second run is the weighting for staff
    without one factor ('Para quienes no tuvieron metas individuales, ... 70% y ... 30%')."""
    runs: list[dict[str, float]] = []
    current: dict[str, float] = {}
    last_end = -1
    for m in WEIGHT.finditer(text):
        roles = [r for r in roles_of_label(m.group("label")) if r in SCORE_ROLES and r != "final"]
        pct = _percent(m.group("pct"))
        if not roles or pct is None:
            continue
        if current and (m.start() - last_end > 120 or roles[-1] in current):
            current = {}
        current[roles[-1]] = pct / 100
        last_end = m.end()
        if abs(sum(current.values()) - 1) < 1e-6 and len(current) >= 2:
            runs.append(dict(current))
            current = {}
    return runs


@dataclass(frozen=True)
class Band:
    label: str
    lo: float
    hi: float


def stated_bands(text: str, levels: set[str]) -> list[Band]:
    """The score band of each printed level, when the document states them ('Excelente de 9.500
    a 10.000'; a bands table read as text gives 'Excelente 9.500 a 10.000'). Only labels that are
    levels the table prints count, so an article's 'fracciones I a III' is no band."""
    folded_levels = {lv.casefold(): lv for lv in levels}
    out: dict[str, Band] = {}
    for m in BAND.finditer(text):
        label = m.group("label").strip()
        words = label.split()
        # the level is the label's last words: 'rangos siguientes: Excelente de 9.5 a 10'
        for k in range(min(4, len(words)), 0, -1):  # longest first: 'Altamente competente', not 'competente'
            cand = " ".join(words[-k:]).casefold()
            if cand in folded_levels:
                lo, hi = _percent(m.group("lo")), _percent(m.group("hi"))
                if lo is not None and hi is not None and lo <= hi:
                    out.setdefault(folded_levels[cand], Band(folded_levels[cand], lo, hi))
                break
    return list(out.values())

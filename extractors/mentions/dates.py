"""Dates a document names: days and months in prose, both ends of a period, and a table
cell's date whose year wrapped to the cell's next line."""

from __future__ import annotations

import regex

from papeleo.model import Page
from papeleo.text.dates import MONTHS, DateMatch, Precision, find_dates, parse_date
from papeleo.text.pagetext import PageText


def _date_value(d: DateMatch, years: bool = False, start_of: DateMatch | None = None) -> str | None:
    """A day as ISO, a month as YYYY-MM and, with ``years``, a year named as such ('ejercicio
    2019') as YYYY; quarters, semesters and years taken from context are no mentions, but for a
    period's first end, ``start_of`` the period, that takes the year printed at its end ('enero –
    junio 2023')."""
    if d.year_inferred and (start_of is None or start_of.year_inferred):
        return None
    if d.precision is Precision.DAY:
        return d.value.isoformat()
    if d.precision is Precision.MONTH:
        return f"{d.value:%Y-%m}"
    if years and d.precision is Precision.YEAR:
        return f"{d.value:%Y}"
    return None


# what joins the two ends of a period: 'septiembre 2018 a agosto 2019', 'enero – marzo 2020'
PERIOD_JOINER = regex.compile(r"[\s,]*(?:al|a|hasta|y|[-–—])?\s*", regex.IGNORECASE)


def page_to_dates(pt: PageText, years: bool = False, quarters: bool = True) -> list[tuple[str, str, int, int]]:
    """(value, text as printed, start, end) for each date in the page's text; both ends of a
    period ('septiembre 2018 a agosto 2019') are dates of their own."""
    out = []
    for d in find_dates(pt.text, quarters=quarters):
        parts = [(d, d.span[0])]
        if d.range_from is not None:
            joiner = PERIOD_JOINER.match(pt.text, d.range_from.span[1], d.span[1])
            parts = [(d.range_from, d.range_from.span[0]), (d, joiner.end() if joiner else d.range_from.span[1])]
        for part, start in parts:
            value = _date_value(part, years, d if part is d.range_from else None)
            if value is not None:
                end = part.span[1]
                out.append((value, pt.text[start:end], start, end))
    return sorted(out, key=lambda t: t[2])


# '31 de octubre de' closing a table cell whose '2024' wraps to the cell's next line
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
CELL_DATE_HEAD = regex.compile(rf"^(?P<day>[0-3]?\d)\s+de\s+(?P<month>{_MONTH_ALT})(?:\s+de[l]?)?$", regex.IGNORECASE)
YEAR_WORD = regex.compile(r"^(?:19|20)\d\d[.,;]?$")
CELL_GAP = 12.0  # points between two words that belong to different table cells
YEAR_LOOKAHEAD = 4  # lines


def _word_runs(words):
    """Split a line's words where the gap between two words says a new cell starts."""
    run = [words[0]]
    for w in words[1:]:
        if w.bbox.x0 - run[-1].bbox.x1 > CELL_GAP:
            yield run
            run = [w]
        else:
            run.append(w)
    yield run


def page_to_cell_dates(page: Page) -> list[tuple[str, str, int, int]]:
    """Dates whose year wrapped to the next line of the same table cell, found by geometry:
    the year word starts under the date's first word. (value, original, line, year line)."""
    out = []
    for i, line in enumerate(page.lines):
        words = [w for w in line.words if w.bbox is not None]
        if not words:
            continue
        for run in _word_runs(words):
            for k in range(max(0, len(run) - 4), len(run)):
                tail = run[k:]
                m = CELL_DATE_HEAD.match(" ".join(w.text for w in tail))
                if not m:
                    continue
                left, right = tail[0].bbox.x0, tail[-1].bbox.x1
                for j in range(i + 1, min(i + 1 + YEAR_LOOKAHEAD, len(page.lines))):
                    year = next(
                        (
                            w
                            for w in page.lines[j].words
                            if w.bbox is not None and YEAR_WORD.match(w.text) and left - CELL_GAP <= w.bbox.x0 <= right
                        ),
                        None,
                    )
                    if year is not None:
                        date = parse_date(f"{m['day']} de {m['month']} de {year.text[:4]}")
                        if date is not None and date.precision is Precision.DAY:
                            out.append((date.value.isoformat(), f"{m.group(0)} {year.text[:4]}", i, j))
                        break
                break
    return out

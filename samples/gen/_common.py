"""Helpers every sample family shares: authored dates and URLs, and the OCR-export tools.

Dates and URLs go through ``Mentions`` so the golden ``mentions`` lists are the authored
truth by construction; ``check_mentions`` then re-reads everything the layout drew and fails
if a date or URL was printed without being registered (or registered and never printed).
The OCR exports are built from the drawn ``Block`` record and get their misreadings through
``damage``, which refuses a substitution that does not hit, so editing a text can never
silently drop a damage case the README promises.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._layout import Doc

MESES = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
]
# Numbers in words, only the ones used by the dictamen ("12 doce de febrero de 2024 dos mil ...").
DIA_PALABRAS = {12: "doce", 18: "dieciocho", 29: "veintinueve"}
ANIO_PALABRAS = {2022: "dos mil veintidós", 2024: "dos mil veinticuatro"}


class Mentions:
    """The dates and URLs one document prints, recorded as they are written into its text."""

    def __init__(self) -> None:
        self.url: list[str] = []
        self.fecha: list[str] = []
        self.fecha_mes: list[str] = []

    @staticmethod
    def _add(lst: list[str], v: str) -> None:
        if v not in lst:
            lst.append(v)

    def f(self, d: date, palabras: bool = False) -> str:
        """A full date with a year, e.g. '15 de marzo de 2024'."""
        self._add(self.fecha, d.isoformat())
        if palabras:
            return f"{d.day} {DIA_PALABRAS[d.day]} de {MESES[d.month - 1]} de {d.year} {ANIO_PALABRAS[d.year]}"
        return f"{d.day} de {MESES[d.month - 1]} de {d.year}"

    def mes(self, y: int, m: int, cap: bool = False, de: bool = False) -> str:
        """A month-only date, e.g. 'Agosto 2024' (recorded as '2024-08')."""
        self._add(self.fecha_mes, f"{y}-{m:02d}")
        name = MESES[m - 1].capitalize() if cap else MESES[m - 1]
        return f"{name} {'de ' if de else ''}{y}"

    def u(self, url: str) -> str:
        self._add(self.url, url)
        return url

    def as_json(self) -> dict:
        return {"url": sorted(self.url), "fecha": sorted(self.fecha), "fecha_mes": sorted(self.fecha_mes)}


def last_day(y: int, m: int) -> date:
    """A month-only commitment date ('Agosto 2024') means the end of that month."""
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def join_by_y(items, tol=3.0) -> list[str]:
    """Read positioned strings the way an OCR engine reads a table: line by line, left to right."""
    rows: list[list] = []
    for it in sorted(items, key=lambda t: (-t[1], t[0])):
        if rows and abs(rows[-1][0][1] - it[1]) <= tol:
            rows[-1].append(it)
        else:
            rows.append([it])
    return [" ".join(t[2] for t in sorted(r, key=lambda t: t[0])) for r in rows]


def damage(text: str, subs) -> str:
    """Apply (old, new) replacements once each, in order; assert each one applied."""
    for old, new in subs:
        assert old in text, f"damage target not found: {old!r}"
        text = text.replace(old, new, 1)
    return text


def join_pages(pages: list[str]) -> str:
    """A form feed between pages and none after the last, as the seeds' exports do, so that
    ``pages = text.count("\\f") + 1``."""
    return "\f".join(p.rstrip("\n") + "\n" for p in pages)


_MES = "|".join(MESES)
# "12 doce de febrero de 2024", "30 de junio del 2023" -> (day, month name, year)
FULL_DATE = re.compile(rf"\b(\d{{1,2}})(?:\s+[a-záéíóúñ]+)?\s+de\s+({_MES})\s+de(?:l)?\s+(\d{{4}})", re.I)
# "Agosto 2024", "noviembre de 2022" -> (month name, year); also matches inside a full date
MONTH_DATE = re.compile(rf"\b({_MES})\s+(?:de(?:l)?\s+)?(\d{{4}})", re.I)
# "en https://ieevalleverde.org.mx/x." -> "https://ieevalleverde.org.mx/x." (trailing
# punctuation is stripped by the caller)
URL = re.compile(r"https?://[^\s)]+")


def check_mentions(d: Doc, M: Mentions) -> None:
    """Re-read the authored (undamaged) text the layout drew, so a date or URL typed straight
    into a string instead of through ``Mentions`` fails the build instead of the golden."""
    text = "\n".join(d.sources)
    full, spans = set(), []
    for m in FULL_DATE.finditer(text):
        full.add(date(int(m.group(3)), MESES.index(m.group(2).lower()) + 1, int(m.group(1))).isoformat())
        spans.append(m.span())
    months = set()
    for m in MONTH_DATE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        months.add(f"{m.group(2)}-{MESES.index(m.group(1).lower()) + 1:02d}")
    urls = {u.rstrip(".,;") for u in URL.findall(text)}
    assert full == set(M.fecha), (sorted(full), sorted(M.fecha))
    assert months == set(M.fecha_mes), (sorted(months), sorted(M.fecha_mes))
    assert urls == set(M.url), (sorted(urls), sorted(M.url))

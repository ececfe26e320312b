"""Commitment dates as the agreements print them, and what each one means.

Real agreements write the same kind of date many ways: ``31 de Julio de 2019``, ``30 de agosto
2019``, ``Julio 2019``, ``Julio de 2019``, ``septiembre 2019``, a quarter, a range of months,
a date printed white on black or not printed at all. The truth keeps the printed text
(``fecha_texto``) beside the ISO date it means and its precision: a day is ``dia``; a month,
quarter, semester or a range ending in a month is the last day of that period with ``mes``;
a range ending on a day is that day with ``dia``; an absent or unreadable date is null.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from .._common import MESES, last_day

# kinds of printed commitment date
DIA, DIA_SIN_DE, DIA_DEL, DIA_NUM = "dia", "dia_sin_de", "dia_del", "dia_num"
MES, MES_DE, MES_DEL = "mes", "mes_de", "mes_del"
TRIMESTRE, SEMESTRE, RANGO_MES, RANGO_DIA = "trimestre", "semestre", "rango_mes", "rango_dia"
AUSENTE, ILEGIBLE = "ausente", "ilegible"
KINDS = (DIA, DIA_SIN_DE, DIA_DEL, DIA_NUM, MES, MES_DE, MES_DEL, TRIMESTRE, SEMESTRE, RANGO_MES, RANGO_DIA)
# a document's main way of writing its dates, weighted by how often the real ones do: whole days
# and bare months dominate (seed, Campeche annexes); quarters and ranges are rarer but real
KIND_WEIGHTS = {
    DIA: 22,
    DIA_SIN_DE: 8,
    DIA_DEL: 6,
    DIA_NUM: 5,
    MES: 20,
    MES_DE: 12,
    MES_DEL: 4,
    TRIMESTRE: 8,
    SEMESTRE: 4,
    RANGO_MES: 7,
    RANGO_DIA: 4,
}
# how month names are capitalised in a document: 'Julio' (seed), 'julio', 'JULIO'
CAPS = ("titulo", "minusculas", "mayusculas")
CAPS_WEIGHTS = (5, 4, 1)
# per row, the date is written another way than the document's main one: the sample mixes
# 'Agosto 2024' and '30 de junio de 2024'; more would make every document a date zoo
MIXED_ROW_SHARE = 0.25
# per row, the date is absent (empty cell, 'Por definir') or unreadable (a blot over it): rare in
# real agreements, but an extractor must leave them null rather than borrow a neighbour's date
ABSENT_ROW_SHARE = 0.03
ILLEGIBLE_ROW_SHARE = 0.02
AUSENTE_TEXTOS = ("", "Por definir", "N/A", "S/F")
ORDINALES = ("primer", "segundo", "tercer", "cuarto")
RANGE_DASHES = (" – ", " - ", " a ")


# the ``extremos`` of a quarter or a semester: it names no date mention
PERIODO: tuple[tuple[str, str, str], ...] = (("", "", ""),)


@dataclass(frozen=True)
class FechaImpresa:
    """One printed commitment date: ``texto`` as printed, ``iso``/``precision`` what it means."""

    kind: str
    texto: str
    iso: str | None
    precision: str | None
    # the dates a range names: (valor, precision, text as printed) of each end, the first taking
    # the year printed at the range's end (docs/mentions.md: 'marzo a junio de 2020' names 2020-03
    # and 2020-06); empty for a single date (the mention is ``iso``/``precision``, a month as
    # 'YYYY-MM'); a quarter or a semester names a period, not a date: no mention (``PERIODO``)
    extremos: tuple[tuple[str, str, str], ...] = ()

    @property
    def legible(self) -> bool:
        return self.kind != ILEGIBLE


def month_name(m: int, caps: str) -> str:
    name = MESES[m - 1]
    return {"titulo": name.capitalize(), "mayusculas": name.upper()}.get(caps, name)


def day_text(d: date, kind: str, caps: str) -> str:
    """A whole date: '31 de Julio de 2019', '30 de agosto 2019', '31 de julio del 2019', '31/07/2019'."""
    mes = month_name(d.month, caps)
    if kind == DIA_SIN_DE:
        return f"{d.day} de {mes} {d.year}"
    if kind == DIA_DEL:
        return f"{d.day} de {mes} del {d.year}"
    if kind == DIA_NUM:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day} de {mes} de {d.year}"


def month_text(y: int, m: int, kind: str, caps: str) -> str:
    mes = month_name(m, caps)
    return {MES_DE: f"{mes} de {y}", MES_DEL: f"{mes} del {y}"}.get(kind, f"{mes} {y}")


def period_text(ordinal: str, unit: str, y: int, rng: random.Random, caps: str) -> str:
    """'primer trimestre de 2020', 'Segundo Semestre 2019'."""
    words = f"{ordinal} {unit}"
    if caps == "titulo":
        words = words.title()
    elif caps == "mayusculas":
        words = words.upper()
    return f"{words} {'de ' if rng.random() < 0.6 else ''}{y}"


def draw_fecha(rng: random.Random, kind: str, around: date, caps: str) -> FechaImpresa:
    """A commitment date of ``kind`` falling 1–14 months after ``around`` (the signing)."""
    months = around.year * 12 + around.month - 1 + rng.randint(1, 14)
    y, m = divmod(months, 12)
    m += 1
    end = last_day(y, m)
    if kind in (DIA, DIA_SIN_DE, DIA_DEL, DIA_NUM):
        d = end if rng.random() < 0.6 else date(y, m, rng.choice((1, 15, 28, min(30, end.day))))
        return FechaImpresa(kind, day_text(d, kind, caps), d.isoformat(), "dia")
    if kind in (MES, MES_DE, MES_DEL):
        return FechaImpresa(kind, month_text(y, m, kind, caps), end.isoformat(), "mes")
    if kind == TRIMESTRE:
        q = (m - 1) // 3
        end = last_day(y, q * 3 + 3)
        return FechaImpresa(kind, period_text(ORDINALES[q], "trimestre", y, rng, caps), end.isoformat(), "mes", PERIODO)
    if kind == SEMESTRE:
        s = (m - 1) // 6
        end = last_day(y, s * 6 + 6)
        return FechaImpresa(kind, period_text(ORDINALES[s], "semestre", y, rng, caps), end.isoformat(), "mes", PERIODO)
    start = months - rng.randint(2, 5)
    y0, m0 = divmod(start, 12)
    m0 += 1
    if kind == RANGO_MES:
        dash = rng.choice(RANGE_DASHES)
        if y0 == y and dash == " a ":
            a, b = month_name(m0, caps), month_text(y, m, MES_DE, caps)
            ends = ((f"{y}-{m0:02d}", "mes", a), (f"{y}-{m:02d}", "mes", b))
        else:
            a, b = month_text(y0, m0, MES, caps), month_text(y, m, MES, caps)
            ends = ((f"{y0}-{m0:02d}", "mes", a), (f"{y}-{m:02d}", "mes", b))
        return FechaImpresa(kind, f"{a}{dash}{b}", end.isoformat(), "mes", ends)
    if kind == RANGO_DIA:
        first = date(y0, m0, 1)
        head = f"{first.day} de {month_name(m0, caps)}" + (f" de {y0}" if y0 != y else "")
        tail = day_text(end, DIA, caps)
        ends = ((first.isoformat(), "dia", head), (end.isoformat(), "dia", tail))
        return FechaImpresa(kind, f"{head} al {tail}", end.isoformat(), "dia", ends)
    raise ValueError(f"unknown date kind {kind!r}")


def fecha_ausente(rng: random.Random) -> FechaImpresa:
    return FechaImpresa(AUSENTE, rng.choice(AUSENTE_TEXTOS), None, None)


def fecha_ilegible(real: FechaImpresa) -> FechaImpresa:
    """Printed, but under a blot: no form of the document lets anyone read it, so the truth is null."""
    return FechaImpresa(ILEGIBLE, real.texto, None, None)


def firma_text(d: date, rng: random.Random) -> str:
    """The signing date in the closing sentence: 'el 3 de junio de 2019', 'a los 3 días del mes de ...'."""
    form = rng.randrange(4)
    mes = MESES[d.month - 1]
    if form == 0:
        return f"el {d.day} de {mes} de {d.year}"
    if form == 1:
        return f"a los {d.day} días del mes de {mes} de {d.year}"
    if form == 2:
        return f"a {d.day} de {mes} de {d.year}"
    return f"el día {d.day} de {mes} del {d.year}"


def prose_date(d: date) -> str:
    """A date inside running prose: '23 de febrero de 2017'."""
    return f"{d.day} de {MESES[d.month - 1]} de {d.year}"


def oficio_date(d: date, rng: random.Random) -> str:
    """The dateline of a cover letter: '28 /Marzo/2019', '06/abril/2022', '28 de marzo de 2019'."""
    form = rng.randrange(3)
    mes = MESES[d.month - 1]
    if form == 0:
        return f"{d.day:02d} /{mes.capitalize()}/{d.year}"
    if form == 1:
        return f"{d.day:02d}/{mes}/{d.year}"
    return prose_date(d)

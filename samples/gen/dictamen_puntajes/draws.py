"""Small drawing helpers shared by the spec modules: weighted choices, dates, Spanish number words."""

from __future__ import annotations

import random
from datetime import date, timedelta

MESES = (
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
)
_UNITS = (
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
)
_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}


def pick(rng: random.Random, weighted: dict):
    """One key of ``{value: weight}``; the weights need not sum to one."""
    keys = list(weighted)
    return rng.choices(keys, weights=[weighted[k] for k in keys])[0]


def words(n: int) -> str:
    """0 ≤ n < 100 in Spanish words ('veinticuatro', 'treinta y uno')."""
    if n < 30:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f" y {_UNITS[unit]}" if unit else "")


def year_words(year: int) -> str:
    """2000 ≤ year < 2100: 'dos mil veinte'."""
    rest = year - 2000
    return "dos mil" + (f" {words(rest)}" if rest else "")


def last_day(y: int, m: int) -> date:
    return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)


def add_days(d: date, lo: int, hi: int, rng: random.Random) -> date:
    return d + timedelta(days=rng.randint(lo, hi))


def weekday_date(d: date) -> date:
    """The nearest working day on or after ``d``: sessions are not held at weekends."""
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d

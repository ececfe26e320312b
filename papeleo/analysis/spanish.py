"""Numbers and dates as the page's readers write them, in its tables and in its charts.

The documents are Mexican and so are most readers: ``1,234.5`` (Mexico writes the decimal
point, as the MIR tables print it), ``31 jul 2019``, ``12.5 %``. The conventions come from one
place, the d3 locale vl-convert ships for ``LOCALE``, so the numbers written here in Python and
the ones Vega writes on the axes and tooltips agree; switching the page to ``es-ES``
(``1.234,5``) is changing that one constant.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Any

import vl_convert

LOCALE = "es-MX"


@functools.cache
def format_locale() -> dict[str, Any]:
    """d3-format locale (decimal and thousands marks), given to Vega too."""
    return vl_convert.get_format_locale(LOCALE)


@functools.cache
def time_format_locale() -> dict[str, Any]:
    """d3-time-format locale (month and day names), given to Vega too."""
    return vl_convert.get_time_format_locale(LOCALE)


def _marks(text: str) -> str:
    """Python's ``,`` and ``.`` marks turned into the locale's."""
    loc = format_locale()
    return text.translate({ord(","): loc["thousands"], ord("."): loc["decimal"]})


def integer(n: int | float | None) -> str:
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "—"
    return _marks(f"{int(n):,}")


def number(x: float | None, digits: int = 2) -> str:
    """Up to ``digits`` decimals, trailing zeros dropped (``9.5``, ``1,200``)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return _marks(text)


def percent(share: float | None, digits: int = 1) -> str:
    """A share (0-1) as a percentage, with the space Spanish style puts before ``%``."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{number(share * 100, digits)} %"


def day(value: dt.date | None) -> str:
    if value is None:
        return "—"
    months = time_format_locale()["shortMonths"]
    return f"{value.day} {months[value.month - 1]} {value.year}"


def month(value: dt.date) -> str:
    return f"{time_format_locale()['months'][value.month - 1]} {value.year}"


def short_month(value: dt.date) -> str:
    return f"{time_format_locale()['shortMonths'][value.month - 1]} {value.year}"


def instant(value: dt.datetime) -> str:
    value = value.astimezone(dt.UTC)
    return f"{day(value.date())}, {value:%H:%M} UTC"

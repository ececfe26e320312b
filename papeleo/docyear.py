"""The fiscal year a document reports on (``documents.ejercicio``).

Analysts filter by year, and the store files a document's rows under a ``year=`` folder, so
every document needs one year, also when its rows disagree (a misread year on one row of a
MIR report). The family says which of its columns carry a year (``year_from`` in its
``spec.json``); the most common year among them wins, because one misread cell cannot
outvote the rest of the table. A document without such rows falls back on the year of its
own date (``fecha_documento``); without either it has no year and is filed as ``unknown``.
"""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

# Years outside this range are misreadings, not years (an OCR'd "2O21" read as 221); they
# never decide a document's year. Matches the documents.ejercicio range in schemas.documents.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def value_to_year(value: Any) -> int | None:
    """A cell's year: an int year as is, a date's year; anything else has none."""
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.date):
        year = value.year
    elif isinstance(value, int):
        year = value
    else:
        return None
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def records_to_year(records: Iterable[Mapping[str, Any]], columns: Iterable[str], fallback: Any = None) -> int | None:
    """The most common year in the first of ``columns`` that has any; ties go to the latest
    year (a report that covers the turn of a year is filed under the later one). Without any,
    the year of ``fallback`` (the document's date)."""
    rows = list(records)
    for column in columns:
        counts = collections.Counter(y for y in (value_to_year(r.get(column)) for r in rows) if y is not None)
        if counts:
            return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return value_to_year(fallback)

"""How a ``documents`` row's metadata is judged against a golden: one comparator for the metadata
tests and benchmarks/metadata_accuracy.py.

Outcomes per field:

* ``ok``         the value is the golden's: texts equal at ``TEXT_FLOOR`` (rapidfuzz token_sort_ratio on
                 case- and accent-folded text: an issuer's parts in another order still match, a
                 different body or a table header does not); claves equal ignoring case and spaces;
                 dates exactly.
* ``partial``    close but not it: a text one of whose word sets holds the other (a Secretaría without
                 its state, a title without its subtitle: token_set_ratio ≥ ``TEXT_FLOOR``, which is
                 what tests/realworld/evaluate.py accepts as right), or a clave at ``CLAVE_NEAR``
                 (one OCR-damaged character). Counted apart, never as ok.
* ``wrong``      another value; ``missing`` null where the golden has one; ``extra`` a value where
                 the golden says the document gives none; ``both_null``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from rapidfuzz import fuzz

from papeleo.text.normalize import fold

FIELDS = ("emisor", "titulo", "clave_documento", "fecha_documento")
TEXT_FIELDS = ("emisor", "titulo")
# token_sort_ratio (0-100) of folded texts for a text field to be right: 85 lets an OCR error in
# every other long word through and the order of an issuer's parts change, not another body
TEXT_FLOOR = 85
# a clave this close (rapidfuzz ratio on the code without spaces) is a near miss, not right
CLAVE_NEAR = 90

OK, PARTIAL, WRONG, MISSING, EXTRA, BOTH_NULL = "ok", "partial", "wrong", "missing", "extra", "both_null"
OUTCOMES = (OK, PARTIAL, WRONG, MISSING, EXTRA, BOTH_NULL)


def _iso(value: Any) -> str:
    return value.isoformat()[:10] if isinstance(value, (dt.date, dt.datetime)) else str(value)[:10]


def _code(value: Any) -> str:
    return "".join(str(value).split()).upper()


def compare(field: str, expected: Any, got: Any) -> str:
    if expected is None:
        return BOTH_NULL if got is None else EXTRA
    if got is None:
        return MISSING
    if field == "fecha_documento":
        return OK if _iso(got) == _iso(expected) else WRONG
    if field == "clave_documento":
        if _code(got) == _code(expected):
            return OK
        return PARTIAL if fuzz.ratio(_code(got), _code(expected)) >= CLAVE_NEAR else WRONG
    a, b = fold(str(got)), fold(str(expected))
    if fuzz.token_sort_ratio(a, b) >= TEXT_FLOOR:
        return OK
    return PARTIAL if fuzz.token_set_ratio(a, b) >= TEXT_FLOOR else WRONG


def compare_all(expected: Mapping[str, Any], got: Mapping[str, Any]) -> dict[str, str]:
    return {f: compare(f, expected.get(f), got.get(f)) for f in FIELDS}


def accuracy(outcomes: Iterable[str]) -> tuple[int, int]:
    """(right, judged): ``ok`` and ``both_null`` are right — a value given where the document has
    none counts against, as a missing one does."""
    c = Counter(outcomes)
    return c[OK] + c[BOTH_NULL], sum(c.values())

"""Cross-checks an agreement's own text allows on its rows, recorded in ``checks``.

A convenio states, besides its tables, how many findings and recommendations it commits to
('se compromete a atender los cinco (5) hallazgos y las seis (6) recomendaciones') and the date
no commitment may pass ('no podrán exceder del 31 de diciembre de 2020'). Each is checked
against the rows read:

* ``conteo=ok|conflict`` on every row of a kind whose stated count the rows read do not match
  (a row lost or read twice, or a clause that disagrees with its own table: either way a
  reviewer must look);
* ``fecha_limite=ok|conflict`` on each dated row, against the limit (a date past it was misread,
  '2028' for '2023', or the agreement breaks its own clause);
* ``fecha_pae=ok|conflict`` on each dated row of an agreement that names its PAE year: a
  commitment follows the evaluation, so a date in a year before the PAE's was misread ('2011'
  for '2017', dev OCR'd text 123) or the document contradicts itself;
* ``secuencia=ok|conflict`` on each row, against the number of the next row of its kind: a
  number skipped after it (5, then 7), or a last row under the stated count, is a row whose
  number OCR lost — and whose text, activity and date were read into this one (dev ASM scans
  13, 16, 29: two findings in one row, and nothing said so); the first row read, when its
  number is not 1, for the rows before it that were not read.

Where the document states no count or no limit, the check is not made and not written.
"""

from __future__ import annotations

import datetime as dt

import regex

from papeleo.text import find_dates, fold_keep_offsets
from papeleo.text.numwords import words_to_number

# 'no podrán exceder del 31 de diciembre de 2020.', 'no podrán exceder del mes de julio y de
# septiembre del 2019, de acuerdo a ...' (seed 002): the sentence after it holds the limit
LIMIT = regex.compile(r"no\s+podr[aá]n\s+exceder\s+(?:del?|el)\s+(?P<rest>[^.;]{4,120})", regex.I)
# 'se compromete a atender los cinco (5) hallazgos y las seis (6) recomendaciones que se enlistan'
COUNTS = regex.compile(r"se\s+compromete\s+a\s+atender\s+(?P<rest>[^:]{4,200}?)\s+que\s+se\s+enlistan", regex.I)
# 'cinco (5) hallazgos', 'las 3 recomendaciones', 'una (1) recomendación', 'ha|lazgos' (folded)
COUNT = regex.compile(
    r"(?:(?P<words>[a-z]+(?:\s+y\s+[a-z]+)?)\s+)?(?:\((?P<paren>\d{1,3})\)|(?P<digits>\d{1,3}))?\s*"
    r"(?P<kind>ha\S{1,2}azgos?|recomendaci\S{1,2}n(?:es)?)\b"  # a letter OCR misread: 'ha|lazgos'
)
OK, CONFLICT = "ok", "conflict"


def stated_limit(text: str) -> dt.date | None:
    """The latest date the agreement lets a commitment have, when it states one."""
    flat = " ".join(text.replace("\f", "\n").split())
    m = LIMIT.search(flat)
    if m is None:
        return None
    found = [d for d in find_dates(m["rest"]) if not d.year_inferred]
    return max((d.value for d in found), default=None)


def stated_counts(text: str) -> dict[str, int]:
    """{'hallazgo': 5, 'recomendacion': 6}: the counts the agreement states, in digits or words."""
    flat = " ".join(text.replace("\f", "\n").replace("**", "").split())
    m = COUNTS.search(flat)
    if m is None:
        return {}
    out: dict[str, int] = {}
    for c in COUNT.finditer(fold_keep_offsets(m["rest"])):
        kind = "hallazgo" if c["kind"].startswith("ha") else "recomendacion"
        n = c["paren"] or c["digits"]
        if n is None and c["words"]:
            value = words_to_number(c["words"].split()[-1])
            n = None if value is None else str(int(value))
        if n is not None:
            out[kind] = int(n)
    return out


def _sequence(numero: int, numbers: list[int], stated: int | None) -> str:
    """'ok' when the next number read of the row's kind follows it (or it is the last, and the
    stated count, if any, says so), else 'conflict'; the first row read is in conflict too when
    it is not row 1 (the rows before it were lost: a scan's row 1 whose number OCR dropped as
    a speck, and its cells with it, dev ASM scan 86)."""
    if numbers and numero == min(numbers) and numero > 1:
        return CONFLICT
    later = [n for n in numbers if n > numero]
    if later:
        return OK if min(later) == numero + 1 else CONFLICT
    return CONFLICT if stated is not None and numero < stated else OK


def check_rows(records: list[dict], text: str, numbers: dict[str, list[int]]) -> None:
    """Add the checks the agreement's text allows to each record's ``checks``. ``numbers``: the
    row numbers read per kind, rows that became failures included (a failed row is no gap)."""
    limit, counts = stated_limit(text), stated_counts(text)
    read: dict[str, int] = {}
    for r in records:
        read[r["tipo"]] = read.get(r["tipo"], 0) + 1
    for r in records:
        checks = list(r.get("checks") or [])
        if r["tipo"] in counts:
            checks.append(f"conteo={OK if counts[r['tipo']] == read[r['tipo']] else CONFLICT}")
        if limit is not None and r.get("fecha_compromiso") is not None:
            checks.append(f"fecha_limite={OK if r['fecha_compromiso'] <= limit else CONFLICT}")
        if r.get("pae") and r.get("fecha_compromiso") is not None:
            checks.append(f"fecha_pae={OK if r['fecha_compromiso'].year >= r['pae'] else CONFLICT}")
        checks.append(f"secuencia={_sequence(r['numero'], numbers.get(r['tipo'], []), counts.get(r['tipo']))}")
        r["checks"] = checks

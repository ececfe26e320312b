"""Levels and states read back to the spelling the document itself uses most.

Why: a level or a state is one of a handful of values the table repeats row after row
('Excelente', 'Valle Verde'); OCR damages some of the repeats ('Excalaráa', 'Rio Claro'). The
spelling the document prints most (in the table and, for a state, in its prose too) is the
reading; a cell within a fuzzy floor of it is read back to it and says so in ``corrected``.
A name is never touched: people's names are printed once and are what the table says.
"""

from __future__ import annotations

import logging

from rapidfuzz import fuzz

from papeleo.text.normalize import fold

from .solve import Person

log = logging.getLogger(__name__)

# rapidfuzz ratio (folded) a damaged cell needs against the document's own spelling to be read
# back to it: 'Excalaráa' / 'Excelente' is 67, 'Rio Claro' / 'Río Claro' 100 folded; lower reads
# one level as another
SNAP_FLOOR = 65.0
# ... and their lengths may differ by at most this many characters: 'Competente' is no damaged
# 'Altamente competente' (67 too), a damaged reading keeps its word's length give or take a letter
LENGTH_SLACK = 2
# a spelling is a misreading of another only when the document prints the other this many times
# as often (table and prose): two levels both printed often are both real
MISREAD_RATIO = 3
EDGE_PUNCT = " ,;:.|_-*'\""


def clean_cell(text: str | None) -> str | None:
    if text is None:
        return None
    t = " ".join(text.split()).strip(EDGE_PUNCT)
    return t or None


def _canonical(value: str, counts: dict[str, int]) -> str | None:
    """The spelling ``value`` misreads: close to it, of its length, and printed far more often."""
    best = None
    # the most printed spelling first, so that a tie goes to it (and never to a set's order)
    for form, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if form == value or abs(len(form) - len(value)) > LENGTH_SLACK or n < MISREAD_RATIO * counts[value]:
            continue
        score = fuzz.ratio(fold(value), fold(form))
        if score >= SNAP_FLOOR and (best is None or score > best[0]):
            best = (score, form)
    return best[1] if best else None


def snap(people: list[Person], field: str, text: str) -> None:
    """Read each row's ``field`` ('nivel' or 'entidad') back to the document's own spelling."""
    values = [_get(p, field) for p in people]
    counts = {v: max(text.count(v), 1) for v in set(values) if v}
    for p, v in zip(people, values):
        if not v:
            continue
        form = _canonical(v, counts)
        if form is None:
            _set(p, field, v)
            continue
        _set(p, field, form)
        name = "nivel_desempeno" if field == "nivel" else field
        p.corrected[name] = "corregido"
        p.notes.append(f"{name} '{v}' leído '{form}': la forma que el documento imprime")


def _get(p: Person, field: str) -> str | None:
    return clean_cell(p.raw.nivel if field == "nivel" else p.raw.texts.get(field))


def _set(p: Person, field: str, value: str) -> None:
    if field == "nivel":
        p.raw.nivel = value
    else:
        p.raw.texts[field] = value

"""Commentary printed under the table ('4.3.1 Meta Trimestral: Se logra el 133% …') -> the row
it speaks of, by the code or acronym it starts with.

A commentary column is read with its row; this module is for reports that print the
commentary as notes after the table. A note is tied to a row only by what it prints: its code
or acronym; or, for notes printed without a key, one per row in the table's order, or the
row's own figures ('un resultado de 89.43 frente a una meta de 71.47': the one row printing
both). A note that matches no row, or two rows, is left unattached.
"""

from __future__ import annotations

import regex

from papeleo.model import Document
from papeleo.text.numbers import MX, Status, parse_number

from .fields import TextFields, nivel_of, split_code
from .table import RowCells

# '4.3.1 Meta Trimestral: Se logra …', 'PCCPP Meta Anual: …', '(1.2) Meta Semestral: …'
NOTE = regex.compile(
    r"^\s*\(?(?P<key>[\w.,]{0,24}?)\)?\s*[-:–]?\s*(?P<text>(?:meta\s+(?:trimestral|semestral|anual|mensual)){e<=2}\s*:.*)$",
    regex.I | regex.BESTMATCH,
)


# a note wraps over at most this many further lines; more would swallow the text under the notes
MAX_NOTE_LINES = 4
# a note without a key names at least this many of its row's figures (its result and its
# target); one figure is too common ('100', '0') to tell rows apart
MIN_SHARED_FIGURES = 2
# a figure in a note: '89.43', '1,250', '125%'
FIGURE = regex.compile(r"\d+(?:[,.]\d+)*")


def attach_commentary(doc: Document, rows: list[RowCells], texts: list[TextFields]) -> None:
    if not rows or all(t.comentario for t in texts):
        return
    by_clave: dict[str, list[int]] = {}
    by_siglas: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if t.clave:
            by_clave.setdefault(t.clave, []).append(i)
        if t.siglas:
            by_siglas.setdefault(t.siglas, []).append(i)
    by_nivel: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        if t.nivel:
            by_nivel.setdefault(t.nivel, []).append(i)
    notes = notes_of(doc.text)
    if notes and all(not key for key, _ in notes) and len(notes) == len(rows):
        # notes printed without a key, one per row: in the table's order
        for t, (_, text) in zip(texts, notes):
            t.comentario = t.comentario or text
        return
    for key, text in notes:
        if not key:
            hit = _row_by_figures(text, rows, texts)
            if hit is not None:
                texts[hit].comentario = text
            continue
        code, rest, _ = split_code(key)
        if code and not rest:
            hits = by_clave.get(code, [])
        else:
            hits = by_siglas.get(key, []) or by_nivel.get(nivel_of(key) or "", [])
        if len(hits) == 1 and not texts[hits[0]].comentario:
            texts[hits[0]].comentario = text


def _figures(tokens) -> set[float]:
    out = set()
    for t in tokens:
        r = parse_number(t.strip().rstrip("%"), MX)
        if r.status is Status.CLEAN and r.value is not None:
            out.add(r.value)
    return out


def _row_by_figures(note: str, rows: list[RowCells], texts: list[TextFields]) -> int | None:
    """The one row without commentary that prints MIN_SHARED_FIGURES of the note's figures."""
    said = _figures(FIGURE.findall(note))
    hits = [
        i
        for i, rc in enumerate(rows)
        if not texts[i].comentario and len(said & _figures(rc.numbers.values())) >= MIN_SHARED_FIGURES
    ]
    return hits[0] if len(hits) == 1 else None


def notes_of(text: str) -> list[tuple[str, str]]:
    """(key, note) for every note in the text; a note goes on over the next lines until it
    ends a sentence, another note starts or MAX_NOTE_LINES is reached."""
    lines = text.splitlines()
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        m = NOTE.match(lines[i])
        i += 1
        if not m:
            continue
        body = m.group("text").strip()
        extra = 0
        while not body.endswith(".") and i < len(lines) and extra < MAX_NOTE_LINES and lines[i].strip():
            if NOTE.match(lines[i]):
                break
            body = f"{body} {lines[i].strip()}"
            i += 1
            extra += 1
        out.append((m.group("key"), body))
    return out

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
from rapidfuzz import fuzz

from papeleo.model import Document
from papeleo.text.normalize import fold
from papeleo.text.numbers import MX, Status, parse_number

from .fields import TextFields, nivel_of, split_code
from .ordered import pairs_in_order
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
# ... and a note paired by its place between two such notes must still share one figure with
# its row (its N or its M): a note with none of the row's figures is another row's, misplaced
MIN_FILL_FIGURES = 1
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
            # (a row's 'comentario' that is no note is the debris of its wrapped cells)
            t.comentario = t.comentario if NOTE.match(t.comentario or "") else text
        return
    if notes and all(not key for key, _ in notes):
        # ... one per row but for rows or notes OCR lost: in order, anchored by the figures a
        # note shares with its row's numbers (``ordered.pairs_in_order``)
        named = [i for i, t in enumerate(texts) if (t.clave or t.siglas) and not NOTE.match(t.comentario or "")]
        said = [_figures(FIGURE.findall(text)) for _, text in notes]
        shared = [[float(len(f & _figures(rows[i].numbers.values()))) for f in said] for i in named]
        pairs = pairs_in_order(shared, MIN_SHARED_FIGURES, fill_floor=MIN_FILL_FIGURES)
        for r, n in pairs:
            texts[named[r]].comentario = notes[n][1]
        # the others, each to the one row printing its figures, in whatever order they stand
        used = {n for _, n in pairs}
        notes = [note for n, note in enumerate(notes) if n not in used]
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


# the object a note reports on: 'al atender 18 reportes de emergencia al número único de un total
# de 18 programados' -> 'reportes de emergencia al número único'
NOTE_OBJECT = regex.compile(r"\bal\s+\p{L}+\s+[\d.,]+\s+(?P<o>.+?)\s+de\s+un\s+total\b")
# a note speaks of another row when its object matches that row's indicator and objective at
# least this well
# (token_set_ratio: the words of the shorter within the longer) ...
OTHER_ROW_MIN_RATIO = 80
# ... and this much better than its own row's: a note's object paraphrases the indicator's name
# ('establecimientos comerciales' for 'Porcentaje de establecimientos comerciales
# inspeccionados' scores 100), so only a clear lead names another row; less would doubt the
# rows whose names OCR damaged
OTHER_ROW_MARGIN = 20


def note_of_another_row(rec: dict, records: list[dict]) -> str | None:
    """The key of the row whose indicator the row's note names, when that is clearly another
    row's: the note was placed by a code OCR shifted onto the next note ('3.4.3.1:6 Meta
    Trimestral:' over 3.4.3.1.7's '… al atender 18 reportes de emergencia …', generated report
    6589's tesseract text), and a check of the row's cells against it proves nothing — the line
    stream had taken 3.4.3.1.7's cells too, and the two shifts agreed (18 of 18, 100%)."""
    m = NOTE_OBJECT.search(rec.get("comentario") or "")
    if not m:
        return None
    obj, named = fold(m.group("o")), _named(rec)
    own = fuzz.token_set_ratio(obj, named) if named else 0.0
    best, key = 0.0, None
    for other in records:
        if other is rec or not _named(other):
            continue
        score = fuzz.token_set_ratio(obj, _named(other))
        if score > best:
            best, key = score, other.get("clave") or other.get("siglas")
    return key if best >= OTHER_ROW_MIN_RATIO and best - own >= OTHER_ROW_MARGIN else None


def _named(rec: dict) -> str:
    """What a row says it measures: its indicator's name and its objective (the line stream may
    have read only one of them)."""
    return fold(" ".join(t for t in (rec.get("indicador"), rec.get("resumen_narrativo")) if t))

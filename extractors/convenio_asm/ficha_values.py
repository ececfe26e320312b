"""A label/value box's labels given their values when OCR wrote them apart.

OCR'd text of a CONEVAL ASM sheet often writes a label alone on its line with its value on the
lines below ('Aspecto Susceptible de Mejora:' / blank / 'Conciliación de ...'), and sometimes
writes the whole label column first and the value column after it (dev OCR'd text 46, 7918,
110). ``ficha.ficha_rows`` reads a box as a list of pieces — labels with their value on the line,
labels alone, value lines, continuations — and ``settle_box`` gives each label its lines:

* by place: the lines after one or more labels alone are theirs, cut into one run per label
  where a value most likely ends (``runs``);
* by order, when by place leaves a label with nothing while the box has as many value runs as
  labels alone (tesseract wrote a value before its label: dev OCR'd text 70) — said on the
  record, since the order is the only evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from papeleo.model import Line

from .labels import PHRASE_JOINING_WORDS
from .raw_row import RawRow

# a gap this many line heights wider than the narrowest between the lines is a blank line: a
# value ends there more likely than between lines written together (a list's items, a wrap)
WIDE_GAP = 0.5
# and it weighs more than a sentence's end: a list's items end in full stops and are written
# together; less cuts a list between two fields when a blank line ends the value before it
WIDE_GAP_SCORE = 3
APART = (
    "ficha: el OCR escribió las etiquetas de la ficha aparte de sus valores; cada valor se "
    "devolvió a su etiqueta por orden (revisar contra el documento)"
)


@dataclass
class Piece:
    """One line of a box as read: a label with its value after it on the line (``inline``, the
    value from word ``start``), a label alone (``alone``), a line under labels alone (``value``)
    or a line going on with the last label's value (``cont``)."""

    kind: str
    role: str | None
    page: int
    line: Line
    start: int = 0


def add_line(row: RawRow, role: str, line: Line, start: int, page: int) -> None:
    """The line's words from ``start`` on into the row's cell of ``role``."""
    row.boxes.append((page, line.bbox))
    if line.words[start:]:
        row.add_words(role, line.words[start:])


def settle_box(row: RawRow, pieces: list[Piece]) -> None:
    """Each piece of the box into its cell: by place, or by order when place leaves a label
    alone with no value and the order accounts for every value."""
    alone = [p.role for p in pieces if p.kind == "alone"]
    values = [p for p in pieces if p.kind == "value"]
    plan, apart = _by_place(pieces)
    if alone and any(not lines for _, lines in plan) and values:
        by_order = runs([p.line for p in values], len(alone))
        if len(by_order) == len(alone) and all(by_order):
            plan = [(role, [values[k] for k in run]) for role, run in zip(alone, by_order)]
            apart = True
    if apart:
        row.note = APART
        row.ordered = True
    for p in pieces:
        if p.kind in ("inline", "cont"):
            add_line(row, p.role, p.line, p.start, p.page)
        elif p.kind == "alone":
            row.boxes.append((p.page, p.line.bbox))
    for role, lines in plan:
        for p in lines:
            add_line(row, role, p.line, 0, p.page)


def _by_place(pieces: list[Piece]) -> tuple[list[tuple[str, list[Piece]]], bool]:
    """Each label alone with the value lines after it: the lines under a run of labels alone
    cut into one run per label. Whether a run had several labels: their values were then given
    by order, not by place."""
    plan: list[tuple[str, list[Piece]]] = []
    pending: list[str] = []
    waiting: list[Piece] = []
    apart = False

    def flush() -> None:
        nonlocal apart
        apart = apart or (len(pending) > 1 and bool(waiting))
        cut = runs([p.line for p in waiting], len(pending)) if waiting else []
        for k, role in enumerate(pending):
            plan.append((role, [waiting[i] for i in cut[k]] if k < len(cut) else []))
        pending.clear()
        waiting.clear()

    for p in pieces:
        if p.kind == "alone":
            if waiting:
                flush()
            pending.append(p.role)
        elif p.kind == "value":
            waiting.append(p)
        elif p.kind == "inline":
            flush()
    flush()
    return plan, apart


def runs(lines: list[Line], k: int) -> list[list[int]]:
    """``lines`` cut into ``k`` runs in order at the ``k - 1`` likeliest ends of a value (ties:
    the earlier cut, so a last field's list stays whole); fewer lines than runs give one line
    to each of the first labels."""
    if len(lines) <= k:
        return [[i] for i in range(len(lines))]
    gaps = [b.bbox.top - a.bbox.bottom for a, b in zip(lines, lines[1:])]
    narrow = min(gaps)
    height = max(min(ln.bbox.height for ln in lines), 1.0)
    scores = [
        _break_score(a.text, b.text) + WIDE_GAP_SCORE * (gap > narrow + WIDE_GAP * height)
        for a, b, gap in zip(lines, lines[1:], gaps)
    ]
    cuts = sorted(sorted(range(len(scores)), key=lambda i: -scores[i])[: k - 1])
    bounds = [0] + [c + 1 for c in cuts] + [len(lines)]
    return [list(range(a, b)) for a, b in zip(bounds, bounds[1:])]


def goes_on(before: Line | None, after: Line) -> bool:
    """The value of ``before`` surely goes on in ``after``: it ends in a joining word or the next
    line opens in lower case ('... de la satisfacción' / 'de la población atendida.')."""
    return before is not None and _break_score(before.text, after.text) < 0


def _break_score(before: str, after: str) -> int:
    """How likely a value ends between two lines: the first ends a sentence, the second opens
    with a capital; a line ending in a joining word or a next one in lower case goes on."""
    words = before.split()
    last = words[-1].lower() if words else ""
    score = 0
    if before.rstrip().endswith((".", ";", ")")):
        score += 2
    if after.lstrip()[:1].isupper():
        score += 1
    if last in PHRASE_JOINING_WORDS or after.lstrip()[:1].islower():
        score -= 3
    return score

"""Label/value sheets: one box per ASM under 'Aspecto No. N.', no table header, no dates.

CONEVAL's 'Identificación de Aspectos Susceptibles de Mejora (ASM) Interinstitucionales' (and
sheets like it) print each ASM as a two-column box: a bold label ('Aspecto Susceptible de
Mejora:', 'Acción a emprender:', 'Áreas que intervienen:', 'Resultados esperados:', 'Productos
y/o evidencias:') and its value, which may wrap or list items on further lines. There is no
header for ``grid`` to anchor on, so the sheet is read by its labels: 'Aspecto No. N' opens a
row, a line that opens with a label starts that field, and a line with no label, indented past
the labels and right under the line before, continues the field. Anything else (the next
heading, prose, a signature sheet's 'NOMBRE:') closes the row. The labels are the same table
labels ``labels.role_of`` knows, so OCR slips are matched the same way.
"""

from __future__ import annotations

import logging
from statistics import median

import regex

from papeleo.model import Line

from .ficha_values import Piece, goes_on, settle_box
from .labels import ACTIVIDAD, AREA_COORD, AREA_RESP, EVIDENCIAS, FECHA, RESULTADOS, TEXTO, role_of, row_number
from .pagelines import PAGE_NUMBER
from .raw_row import RawRow

log = logging.getLogger(__name__)

# 'Aspecto No. 1.', 'ASPECTO NÚM. 2', 'Aspecto No 3' (folded by hand: accents kept optional)
ASPECTO_NO = regex.compile(r"^\W*aspecto\s+n(?:o|[uú]m|[uú]mero)?\s*[.:°º]?\s*(?P<n>[0-9lIO]{1,2})\b\W*$", regex.I)
# a label is printed in its first words: 'Productos y/o evidencias:' is four
LABEL_WORDS = 6
ROLES = (TEXTO, ACTIVIDAD, AREA_RESP, AREA_COORD, RESULTADOS, EVIDENCIAS, FECHA)
# a continuation sits at most this many line heights under the line before it; a box's rows
# are tight, the gap to the next box or heading wider
CONTINUATION_GAP = 1.2
# a continuation starts this many line heights right of its row's label (in the value column);
# less takes prose printed from the margin as part of the last value
VALUE_INDENT = 1.0
# a page whose usual line step is at least this many line heights is written a blank line apart
# (OCR'd text); there a value's next line sits up to ``SPACED_STEPS`` steps under the one before,
# so one blank line goes on and two close the box. Lower takes single-spaced scans for spaced text
SPACED_PAGE = 1.8
SPACED_STEPS = 1.25
# under labels read alone, their values' lines may sit this many line heights apart while
# fewer runs of lines than labels are read (OCR'd text writes a value two blank lines below
# another); more takes the prose after the box as a value
WAITING_GAP = 3.0


def _label(line: Line) -> tuple[str, int] | None:
    """(role, index of the first value word) when the line opens with a label."""
    words = [w.text for w in line.words]
    for j in range(min(LABEL_WORDS, len(words))):
        if words[j].endswith(":"):
            role = role_of(" ".join(words[: j + 1]))
            return (role, j + 1) if role in ROLES else None
    return None


def _line_step(lines: list[Line]) -> float:
    """The usual distance from one line's top to the next one's on the page."""
    tops = sorted({ln.bbox.top for ln in lines if ln.words and ln.bbox is not None})
    steps = [b - a for a, b in zip(tops, tops[1:]) if b > a]
    return median(steps) if steps else 0.0


def _near(line: Line, prev: Line | None, height: float, step: float) -> bool:
    """The line sits right under the one before: at most ``CONTINUATION_GAP`` line heights apart,
    or, on a page whose lines are written a blank line apart (OCR'd text), at most
    ``SPACED_STEPS`` of the page's usual line steps."""
    if prev is None:
        return False
    if line.bbox.top - prev.bbox.bottom <= CONTINUATION_GAP * height:
        return True
    return step >= SPACED_PAGE * height and line.bbox.top - prev.bbox.top <= SPACED_STEPS * step


def ficha_rows(pages: list[tuple[int, list[Line]]]) -> list[RawRow]:
    """Every ASM box on the pages (page number, lines with word boxes, in reading order).

    A box is read as pieces (``ficha_values.Piece``): labels with their value on the line,
    labels alone with their values on the lines below (OCR'd text), and the lines that go on
    with a value; ``ficha_values.settle_box`` gives each label its lines when the box closes."""
    rows: list[RawRow] = []
    current: RawRow | None = None
    pieces: list[Piece] = []
    role: str | None = None
    label_x0 = 0.0
    prev: Line | None = None
    pending = 0  # labels alone since the last label with its value on the line
    groups = 0  # runs of lines read under them (a blank line or more apart)
    page_right: dict[int, float] = {}

    def close() -> None:
        if current is not None:
            settle_box(current, pieces)
        pieces.clear()

    for number, lines in pages:
        page_right[number] = max((ln.bbox.x1 for ln in lines if ln.bbox is not None), default=0.0)
        step = _line_step(lines)
        for line in lines:
            if not line.words or line.bbox is None or PAGE_NUMBER.match(line.text):
                continue  # a page number inside a box that crosses the page break
            height = max(median(w.bbox.height for w in line.words), 1.0)
            m = ASPECTO_NO.match(line.text)
            n = row_number(m["n"]) if m else None
            if n is not None:
                close()
                current, role, pending, groups = RawRow("hallazgo", n, number), None, 0, 0
                rows.append(current)
                current.boxes.append((number, line.bbox))
                prev = line
                continue
            if current is None:
                continue
            lab = _label(line)
            near = _near(line, prev, height, step)
            if lab is not None:
                role, start = lab
                label_x0 = line.bbox.x0
                if start >= len(line.words):
                    pieces.append(Piece("alone", role, number, line))
                    pending, role = pending + 1, None
                else:
                    pieces.append(Piece("inline", role, number, line, start))
                    pending, groups = 0, 0
            elif pending and (
                near or (groups < pending or goes_on(prev, line)) and _within(line, prev, height, WAITING_GAP)
            ):
                # a new run of value lines: the first under the labels, or one a blank line below
                first = not pieces or pieces[-1].kind != "value"
                groups += first or not _within(line, prev, height, CONTINUATION_GAP)
                pieces.append(Piece("value", None, number, line))
            elif role is not None and near and line.bbox.x0 >= label_x0 + VALUE_INDENT * height:
                pieces.append(Piece("cont", role, number, line))
            else:
                close()
                current, role, pending, groups = None, None, 0, 0
            prev = line
    close()
    for r in rows:  # a box spans the text's width: its value column ends at the page's right edge
        r.right = {role: max(page_right[r.page], x) for role, x in r.right.items()}
    log.debug("ficha: %d rows", len(rows))
    return rows


def _within(line: Line, prev: Line | None, height: float, gap: float) -> bool:
    return prev is not None and line.bbox.top - prev.bbox.bottom <= gap * height


# a label's colon as OCR reads it: 'Acción a emprender;'
LABEL_END = (":", ";")


def _labels_at(line: Line) -> tuple[str, int] | None:
    """(role, index of the label's last word) when the line opens with a label (colon or OCR's ';')."""
    words = [w.text for w in line.words]
    for j in range(min(LABEL_WORDS, len(words))):
        if words[j].endswith(LABEL_END):
            role = role_of(" ".join(words[: j + 1]).rstrip(";"))
            return (role, j) if role in ROLES else None
    return None


def ficha_cells(pages: list[tuple[int, list[Line], list[float]]]) -> list[RawRow]:
    """Label/value boxes whose labels sit apart from their values (a scan's OCR lines a label
    centred in its cell on its own line, the value's lines above and below it): each label owns
    the value-column lines between the horizontal rulings around it, else those nearer to it
    than to the labels above and below. A box starts at its ASM label; its number is the
    'Aspecto No. N' heading above it, or its place when OCR lost the heading."""
    rows: list[RawRow] = []
    for number, lines, hrules in pages:
        labels = []
        for k, ln in enumerate(lines):
            if ln.words and ln.bbox is not None and (lab := _labels_at(ln)) is not None:
                labels.append((k, lab[0], lab[1]))
        if not any(role == TEXTO for _, role, _ in labels):
            continue
        edge = max(lines[k].words[j].bbox.x1 for k, _, j in labels)
        mids = [(lines[k].bbox.top + lines[k].bbox.bottom) / 2 for k, _, _ in labels]
        heading: int | None = None
        current: RawRow | None = None
        for ln in lines:
            m = ASPECTO_NO.match(ln.text) if ln.words else None
            if m and row_number(m["n"]) is not None:
                heading = row_number(m["n"])
        for idx, (k, role, j) in enumerate(labels):
            if role == TEXTO:
                numero = heading if heading is not None and not rows else len(rows) + 1
                current = RawRow("hallazgo", numero, number)
                rows.append(current)
            if current is None:
                continue
            top, bottom = _band(mids, idx, hrules)
            label_words = {id(w) for w in lines[k].words[: j + 1]}
            for ln in lines:
                if ln.bbox is None or not top <= (ln.bbox.top + ln.bbox.bottom) / 2 < bottom:
                    continue
                ws = [w for w in ln.words if id(w) not in label_words and w.bbox.x0 > edge]
                if ws:
                    current.add_words(role, ws)
                    current.boxes.append((number, ln.bbox))
    log.debug("ficha cells: %d rows", len(rows))
    return rows


def _band(mids: list[float], idx: int, hrules: list[float]) -> tuple[float, float]:
    """The height a label's cell spans: between the rulings around its middle, else halfway to
    the labels above and below."""
    mid = mids[idx]
    above = [y for y in hrules if y < mid]
    below = [y for y in hrules if y > mid]
    half_up = (mid - mids[idx - 1]) / 2 if idx else (mids[1] - mid) / 2 if len(mids) > 1 else 50.0
    half_down = (mids[idx + 1] - mid) / 2 if idx + 1 < len(mids) else half_up
    top = max(above) if above and mid - max(above) < 2 * half_up + 1 else mid - half_up
    bottom = min(below) if below and min(below) - mid < 2 * half_down + 1 else mid + half_down
    return top, bottom

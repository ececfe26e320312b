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

from .grid import CellLine, RawRow
from .labels import ACTIVIDAD, AREA_COORD, AREA_RESP, EVIDENCIAS, FECHA, RESULTADOS, TEXTO, role_of, row_number

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


def _label(line: Line) -> tuple[str, int] | None:
    """(role, index of the first value word) when the line opens with a label."""
    words = [w.text for w in line.words]
    for j in range(min(LABEL_WORDS, len(words))):
        if words[j].endswith(":"):
            role = role_of(" ".join(words[: j + 1]))
            return (role, j + 1) if role in ROLES else None
    return None


def ficha_rows(pages: list[tuple[int, list[Line]]]) -> list[RawRow]:
    """Every ASM box on the pages (page number, lines with word boxes, in reading order)."""
    rows: list[RawRow] = []
    current: RawRow | None = None
    role: str | None = None
    label_x0 = 0.0
    prev: Line | None = None
    page_right: dict[int, float] = {}
    for number, lines in pages:
        page_right[number] = max((ln.bbox.x1 for ln in lines if ln.bbox is not None), default=0.0)
        for line in lines:
            if not line.words or line.bbox is None:
                continue
            height = max(median(w.bbox.height for w in line.words), 1.0)
            m = ASPECTO_NO.match(line.text)
            n = row_number(m["n"]) if m else None
            if n is not None:
                current, role = RawRow("hallazgo", n, number), None
                rows.append(current)
                current.boxes.append((number, line.bbox))
                prev = line
                continue
            if current is None:
                continue
            lab = _label(line)
            if lab is not None:
                role, start = lab
                label_x0 = line.bbox.x0
                _add(current, role, line, start, number)
            elif (
                role is not None
                and prev is not None
                and line.bbox.top - prev.bbox.bottom <= CONTINUATION_GAP * height
                and line.bbox.x0 >= label_x0 + VALUE_INDENT * height
            ):
                _add(current, role, line, 0, number)
            else:
                current, role = None, None
            prev = line
    for r in rows:  # a box spans the text's width: its value column ends at the page's right edge
        r.right = {role: max(page_right[r.page], x) for role, x in r.right.items()}
    log.debug("ficha: %d rows", len(rows))
    return rows


def _add(row: RawRow, role: str, line: Line, start: int, page: int) -> None:
    ws = line.words[start:]
    row.boxes.append((page, line.bbox))
    if not ws:
        return
    cl = CellLine(" ".join(w.text for w in ws), ws[0].bbox.x0, ws[-1].bbox.x1)
    if role == FECHA:
        row.fecha_lines.append(cl.text)
    else:
        row.add(role, cl)
        row.right[role] = max(row.right.get(role, 0.0), cl.x1)


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
                    cl = CellLine(" ".join(w.text for w in ws), ws[0].bbox.x0, ws[-1].bbox.x1)
                    current.add(role, cl) if role != FECHA else current.fecha_lines.append(cl.text)
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

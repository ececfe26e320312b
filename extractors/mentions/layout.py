"""Where a page's layout says what its text alone cannot: a line that ended on purpose (a
heading, a cell, a signature) rather than wrapping, a table cell's name that wrapped to the next
line, and the post printed under a name in a row of signatures. Pages with word boxes only;
plain text keeps what its text says."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import replace

import regex

from papeleo.model import Line
from papeleo.text.normalize import fold
from papeleo.text.pagetext import PageText

from .people import CARGO_HEAD, FIGURE_CELL, Person, is_name_cell, tidy_name

# words a line that ended on purpose does not end with
ENDS_UNFINISHED = frozenset({"de", "del", "la", "las", "los", "el", "y", "e", "para", "en", "al", "a"})
# a wrapped cell's next line starts this close to the cell's own left edge (points)
CELL_ALIGN = 3.0


def _word_starts(line: Line) -> list[int]:
    """Where each word of a line starts in its cell text (line_to_cell_text joins them by one
    character)."""
    starts, pos = [], 0
    for w in line.words:
        starts.append(pos)
        pos += len(w.text) + 1
    return starts


# a wrapped name cell's rest may sit this many lines below (a row's figures centred on the line between)
WRAP_LOOKAHEAD = 2


def wrapped_cell_name(pt: PageText, person: Person) -> Person:
    """A name read from a table cell with the rest of it from under it: 'Díaz de León Valdés' /
    'Arturo Pedro', or 'Arellano Orozco' / (the row's figures) / 'Antonio Marco' — the first
    cell found under the name's left edge within two lines, holding only name words, and no row
    of its own (no post or figures beside it)."""
    i = bisect.bisect_right(pt.starts, person.start) - 1
    lines = pt.page.lines
    if not lines[i].words or any(w.bbox is None for w in lines[i].words):
        return person
    col = person.start - pt.starts[i]
    starts = _word_starts(lines[i])
    if col not in starts:
        return person
    x0 = lines[i].words[starts.index(col)].bbox.x0
    for j in range(i + 1, min(i + 1 + WRAP_LOOKAHEAD, len(lines))):
        if not lines[j].words or any(w.bbox is None for w in lines[j].words):
            return person
        cells = _cells_with_x(pt, j)
        under = next((k for k, (cx0, _cx1, _c) in enumerate(cells) if abs(cx0 - x0) <= CELL_ALIGN), None)
        if under is None:
            if any(cx0 < x0 - CELL_ALIGN and not FIGURE_CELL.match(c) for cx0, _cx1, c in cells):
                return person  # words to the left of the name: prose or another table, not this row
            continue
        text = cells[under][2]
        others = [c for k, (_a, _b, c) in enumerate(cells) if k != under]
        if not is_name_cell(text) or (others and CARGO_HEAD.match(fold(others[0]))):
            return person
        if any(FIGURE_CELL.match(c) for c in others):
            return person  # the next row: figures beside its name
        k = pt.text.find(text, pt.starts[j])
        printed = f"{person.printed} {text}"
        return replace(person, name=tidy_name(printed), printed=printed, end=k + len(text))
    return person


def _cells_with_x(pt: PageText, i: int) -> list[tuple[float, float, str]]:
    """The cells of line ``i`` (tab-separated cell text) with the left and right edge of each."""
    line = pt.page.lines[i]
    text = pt.line_text(i)
    out, k = [], 0
    for cell in text.split("\t"):
        n = len(cell.split())
        words = line.words[k : k + n]
        if words and all(w.bbox is not None for w in words):
            out.append((words[0].bbox.x0, words[-1].bbox.x1, cell.strip()))
        k += n
    return out


def post_below(pt: PageText, person: Person, title_start: int) -> Person:
    """The post printed under a name in a row of signatures ('Arq. Mónica Ramírez Uribe<TAB>Mtro.
    ...' / 'Presidenta del Comité<TAB>Integrante ...'): the cell of the next line whose middle
    stands under the name's own cell (signatures are centred or set flush left), when it opens
    with a post."""
    i = bisect.bisect_right(pt.starts, title_start) - 1
    lines = pt.page.lines
    if i + 1 >= len(lines) or not lines[i].words:
        return person
    col = title_start - pt.starts[i]
    starts = _word_starts(lines[i])
    if col not in starts or lines[i].words[starts.index(col)].bbox is None:
        return person
    x = lines[i].words[starts.index(col)].bbox.x0
    own = next(((x0, x1) for x0, x1, _ in _cells_with_x(pt, i) if x0 <= x + 0.5 and x <= x1), None)
    if own is None:
        return person
    for j in (i + 1, i + 2):
        if j >= len(lines) or any(w.bbox is None for w in lines[j].words):
            break
        cell = next((c for x0, x1, c in _cells_with_x(pt, j) if own[0] <= (x0 + x1) / 2 <= own[1]), None)
        if cell and CARGO_HEAD.match(fold(cell)):
            return replace(person, cargo=tidy_name(cell))
        if lines[j].words:
            break
    return person


def hard_breaks(pt: PageText) -> list[int]:
    """Offsets of the line breaks after lines that did not wrap: the next line's first word would
    have fit in the room the line left before the text's right edge (a heading, a table cell, a
    signature line end so). Pages with geometry only: plain text has no right edge to tell by,
    and any of its breaks may be a wrap."""
    lines = pt.page.lines
    boxes = [line.bbox for line in lines if line.bbox is not None]
    if not boxes:
        return []
    right = max(b.x1 for b in boxes)
    out = []
    for i, (line, nxt) in enumerate(zip(lines, lines[1:])):
        first = next((w for w in nxt.words if w.bbox is not None), None)
        if line.bbox is None or first is None:
            continue
        if line.words and line.words[-1].text.lower() in ENDS_UNFINISHED:
            continue  # 'Gobierno del Estado de' / 'Llanos del Norte': a line does not end on a particle
        if first.text in ENDS_UNFINISHED or first.text[:1].islower():
            # '... del Estado de Lagos' / 'del Poniente', '... de trabajadoras y trabajadores' /
            # 'administrativos de confianza': a line that ended on purpose opens no sentence's rest
            continue
        room = right - line.bbox.x1
        # a space is about a third of the text's height
        if room > first.bbox.width + first.bbox.height / 3:
            out.append(pt.starts[i + 1] - 1)
            continue
        cells = _cells_with_x(pt, i)
        if len(cells) > 1 and abs(first.bbox.x0 - cells[-1][0]) > CELL_ALIGN:
            # a row's last cell reached the edge, and the next line starts under another cell: the
            # next row, not the rest of this cell
            out.append(pt.starts[i + 1] - 1)
    return out


def cut_at_break(text: str, start: int, end: int, breaks: list[int]) -> int:
    """``end``, or the first hard line break inside ``start``..``end`` with the particles and
    punctuation before it trimmed."""
    i = bisect.bisect_right(breaks, start)
    if i < len(breaks) and breaks[i] < end:
        cut = text[start : breaks[i]].rstrip(" ,;:.")
        words = cut.split()
        while words and words[-1].lower() in TRAILING_PARTICLES:
            words.pop()
        return start + len(" ".join(words)) if words and cut.startswith(words[0]) else start
    return end


TRAILING_PARTICLES = ENDS_UNFINISHED | {"contra"}


# the most words a body's name may wrap to its cell's next line when only the column's width,
# not the row's next cell, says the line was full
REST_BY_COLUMN_WIDTH = 1
# a word that may go on a body's name on its cell's next line: capitalised, or a particle
CONTINUATION_WORD = regex.compile(r"^(?:\p{Lu}[\p{L}.'’-]+\)?|de|del|la|las|los|y|e|para|en|a|al)$")


def cell_continuation(pt: PageText, start: int, end: int, opens_name: Callable[[str], bool]) -> tuple[str, int] | None:
    """The rest of a body's name that its table cell wrapped to the next line: the name ends its
    cell, the cell is full (the next line's first word would not have fitted before the next
    cell), and the next line has a cell that starts at the same left edge and holds only words a
    name goes on with ('Dirección de Seguridad' / 'Pública'), not a name of its own (``opens_name``:
    'Tesorería Municipal' under it is the next row's). (text, its end offset) or None."""
    i = bisect.bisect_right(pt.starts, start) - 1
    lines = pt.page.lines
    line_end = pt.starts[i] + len(pt.line_text(i))
    if i + 1 >= len(lines) or end > line_end:
        return None
    rest = pt.text[end:line_end].split("\t")[0]  # what the cell holds after the name
    if any(w.lower() not in ENDS_UNFINISHED for w in rest.strip(" .,;:").split()):
        return None
    lead = " ".join(rest.split())  # 'Juzgado Mixto' + ' de' / 'Primera Instancia'
    if any(w.bbox is None for w in (*lines[i].words, *lines[i + 1].words)):
        return None
    cells = _cells_with_x(pt, i)
    if len(cells) < 2:
        return None  # a line of one cell is prose or a heading: the text's flow reads its wraps
    k_own = next((k for k, (x0, x1, _) in enumerate(cells) if x0 - 0.5 <= _x_at(pt, i, start) <= x1), None)
    if k_own is None:
        return None
    own = cells[k_own]
    # the cell's right edge: where the next cell of the row starts, or the text's right edge, or
    # the furthest any cell flush with this one reaches (the column's width, where rows say it)
    right = cells[k_own + 1][0] if k_own + 1 < len(cells) else max(ln.bbox.x1 for ln in lines if ln.bbox is not None)
    column_right = _column_right(pt, own[0], i)
    # the rest may sit a line further down: a row's other cells are centred on the line between
    for j, x0, x1, cell, k in _cells_below(pt, i):
        # under the cell: flush with its left edge, or its middle under the cell (a centred column)
        if abs(x0 - own[0]) > CELL_ALIGN and not own[0] <= (x0 + x1) / 2 <= own[1]:
            continue
        words = cell.split()
        first = next((w for w in lines[j].words if w.bbox is not None and abs(w.bbox.x0 - x0) < 0.5), None)
        # a cell ending on a particle ('Juzgado Mixto de') is unfinished whatever room it left;
        # one word left to wrap may have been pushed by the column's width, as the fullest rows
        # of the column show it ('... Prerrogativas y Partidos' / 'Políticos'); more words than
        # that under a full cell are a line of their own ('UNIDAD MÓVIL SAN ANDRÉS' / 'ZONA II ...')
        room = min(right, column_right) if len(words) <= REST_BY_COLUMN_WIDTH else right
        unfinished = bool(lead) and lead.split()[-1].lower() in ENDS_UNFINISHED
        wrapped = unfinished or (first is not None and room - own[1] < first.bbox.width + first.bbox.height)
        if wrapped and words and all(CONTINUATION_WORD.match(w) for w in words) and not opens_name(cell):
            return f"{lead} {cell}".strip(), k + len(cell)
        return None
    return None


def _column_right(pt: PageText, x0: float, i: int) -> float:
    """The furthest right any cell of the page that starts flush with ``x0`` reaches: a column's
    width, as its fullest rows show it (a wrapped cell filled it before wrapping)."""
    reach = 0.0
    for j in range(len(pt.page.lines)):
        if j != i and pt.page.lines[j].words and all(w.bbox is not None for w in pt.page.lines[j].words):
            reach = max([reach, *(cx1 for cx0, cx1, _ in _cells_with_x(pt, j) if abs(cx0 - x0) <= CELL_ALIGN)])
    return reach or float("inf")


def _x_at(pt: PageText, i: int, offset: int) -> float:
    """The left edge of the word of line ``i`` that starts at (or holds) ``offset``."""
    col = offset - pt.starts[i]
    starts = _word_starts(pt.page.lines[i])
    k = max(0, bisect.bisect_right(starts, col) - 1)
    return pt.page.lines[i].words[k].bbox.x0


def unfinished_cells(pt: PageText) -> list[tuple[str, int, int]]:
    """Table cells a line break cut inside a name, joined with the rest of the cell under them:
    'Coordinación de' / 'Operación del Programa', 'Departamento de Vinculación y' / 'Extensión'.
    A cell is cut when it ends on a particle or a comma, or leaves a parenthesis open (no cell
    ends so on purpose: '(Sistema' / 'Municipal DIF)'); its rest is
    the cell flush with its left edge within the next two lines (a row's other cells are centred
    on the line between). (joined text, start, end) in the page's text; the text between the two
    parts is not part of the name."""
    lines = pt.page.lines
    out = []
    for i in range(len(lines)):
        if len(pt.line_text(i).split("\t")) < 2 or any(w.bbox is None for w in lines[i].words):
            continue  # a table's line has cells; prose wraps are read as running text
        cell_start = pt.starts[i]
        for x0, x1, cell in _cells_with_x(pt, i):
            start = pt.text.find(cell, cell_start)
            cell_start = start + len(cell)
            if start < 0 or not _is_cut(cell):
                continue
            joined, end, j, cx0, cx1 = cell, start + len(cell), i, x0, x1
            while (under := _cell_under(pt, j, cx0, cx1)) is not None:
                rest, end, j, cx0, cx1 = under
                joined = f"{joined} {rest}"
                if not _is_cut(joined):
                    break  # 'Departamento de' / 'Programación y' / 'Presupuesto'
            if joined != cell:
                out.append((joined, start, end))
    return out


def _is_cut(cell: str) -> bool:
    """Whether a cell's text stops inside a name: on a particle, a comma, or inside parentheses
    ('(Sistema' / 'Municipal DIF)')."""
    words = cell.split()
    return bool(words) and (
        words[-1].lower() in ENDS_UNFINISHED or cell.endswith(",") or cell.count("(") > cell.count(")")
    )


def _cells_below(pt: PageText, i: int):
    """(line, left, right, text, offset) of each cell in the lines after line ``i``, as far as a
    wrapped cell's rest may sit (WRAP_LOOKAHEAD), up to a line without word boxes."""
    lines = pt.page.lines
    for j in range(i + 1, min(i + 1 + WRAP_LOOKAHEAD, len(lines))):
        if any(w.bbox is None for w in lines[j].words):
            return
        cell_start = pt.starts[j]
        for cx0, cx1, cell in _cells_with_x(pt, j):
            k = pt.text.find(cell, cell_start)
            cell_start = k + len(cell) if k >= 0 else cell_start
            yield j, cx0, cx1, cell, k


def _cell_under(pt: PageText, i: int, x0: float, x1: float) -> tuple[str, int, int, float, float] | None:
    """The cell under ``x0``..``x1`` in the next lines of a table, flush with its left edge or
    centred on its middle (a centred column): its text, end offset, line and edges."""
    for j, cx0, cx1, cell, k in _cells_below(pt, i):
        if k >= 0 and cell and (abs(cx0 - x0) <= CELL_ALIGN or abs(cx0 + cx1 - x0 - x1) / 2 <= CELL_ALIGN):
            return cell, k + len(cell), j, cx0, cx1
    return None


def is_role_cell(text: str, start: int, end: int) -> bool:
    """Whether ``start``..``end`` is a row's first cell in a list of roles: the whole cell, before
    a tab or the post of whoever holds the role, with the first cell of the row above or below a post ('Presidente', 'Integrante' /
    'Secretaría Técnica<TAB>Titular de la Escuela Judicial'): a role in a commission named like a
    body, no body of its own."""
    begin = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    after = text[end : line_end if line_end >= 0 else len(text)]
    if text[begin:start].strip() or not (after.startswith("\t") or CARGO_HEAD.match(fold(after.strip()))):
        return False  # not a row's first cell, or no post of its own beside it
    above = text[text.rfind("\n", 0, max(begin - 1, 0)) + 1 : max(begin - 1, 0)]
    stop = text.find("\n", end)
    below = (
        text[stop + 1 : text.find("\n", stop + 1) if text.find("\n", stop + 1) >= 0 else len(text)] if stop >= 0 else ""
    )
    return any("\t" in row and CARGO_HEAD.match(fold(row.split("\t")[0].strip())) for row in (above, below) if row)


# a cell's line ending on a figure whose noun the cell's next line holds: 'al distribuir 1,740' /
# 'desayunos escolares calientes de un' (a comment column's running text)
ENDS_ON_FIGURE = regex.compile(r"\s(?P<figure>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")
OPENS_LOWER = regex.compile(r"^\p{Ll}")


def figures_continued(pt: PageText) -> list[tuple[str, int, int]]:
    """Table cells whose line ends on a figure and whose next line (in the same cell: flush or
    centred under it, within two lines) opens in lower case: (the figure and the next line's
    text, start of the figure, end of that text) for a count cut by the cell's wrap."""
    lines = pt.page.lines
    out = []
    for i in range(len(lines)):
        if len(pt.line_text(i).split("\t")) < 2 or any(w.bbox is None for w in lines[i].words):
            continue
        cell_start = pt.starts[i]
        for x0, x1, cell in _cells_with_x(pt, i):
            start = pt.text.find(cell, cell_start)
            cell_start = start + len(cell) if start >= 0 else cell_start
            m = ENDS_ON_FIGURE.search(cell)
            if start < 0 or m is None:
                continue
            under = _cell_under(pt, i, x0, x1)
            if under is not None and OPENS_LOWER.match(under[0]):
                out.append((f"{m['figure']} {under[0]}", start + m.start("figure"), under[1]))
    return out

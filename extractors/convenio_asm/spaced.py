"""ASM tables in OCR'd text whose cells are joined by single spaces, one row per line.

Some OCR tools write a table row as its cells one after the other with one space between
('1 No existe un padrón único ... Integrar el padrón ... 30 de Noviembre 2025'), and the
header the same way ('Núm. Hallazgo Actividades comprometidas Fecha comprometida'). No
column survives, so the cells are cut by what they are: the number opens the line, a date
column (when the header names one last) is the date that closes it, and the finding and
its activity meet where a sentence ends and an infinitive starts — an agreement words its
activities as orders ('Integrar', 'Elaborar', 'Implementar') or as a list ('• Depurar').
A 'Fecha comprometida ...:' line under a row is its date. Only tables of number, text,
activity and date are read this way: with more text columns the cut is a guess.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import regex

from papeleo.text import fold, parse_date

from .coneval_line import COMMENT, UNCUT, cut_row
from .grid import LEAD_IN
from .interleaved import FOR_ITS, ORDER_TAIL, first_cut, interleaved_cells
from .labels import (
    ACTIVIDAD,
    AREA_RESP,
    FECHA,
    TEXTO,
    fecha_label_end,
    role_of,
    row_number,
)
from .pagelines import PAGE_NUMBER
from .paragraphs import RUNNING_QUOTE
from .raw_row import CellLine, RawRow
from .spaced_dates import (
    LABEL_REST,
    NO_DATE_CELL,
    date_goes_on,
    dates_close_rows,
    is_date,
    is_date_line,
    opens_with_date,
    split_date,
    took_label_date,
)
from .spaced_head import CLAUSE_HEADING, HeadReader
from .spaced_numbers import (
    LOOKALIKE_DIGIT,
    MAX_LINES_BEFORE_NUMBER,
    MAX_ROW_SKIP,
    ahead_after_date,
    confusable,
    first_lone,
    misread_next,
)
from .stacked import (
    CLOSED_DATE,
    LEADING_NOISE,
    LIST_ITEM,
    first_line_from_right,
    is_date_piece,
    looks_stacked,
    next_rows_start,
    opens_without_finding,
    row_starts,
    stacked_cells,
)

log = logging.getLogger(__name__)

# where a finding ends and its activity starts: after '.', ':' or ';', before an infinitive
# ('... del FASP. Implementar un plan'), 'Para su atención ...', or a list mark ('... delincuencia.
# • Detectar', '... transparencia. a) Publicar', dev OCR'd text 41); an 'I' OCR read as 'l'
# before 'm' or 'n' still opens one ('... al FAM. lmpartir cursos', ASM 7725)
ACTIVITY_START = regex.compile(
    r"(?<=[.:;])\s+(?=(?:[•▪●◦\-–—]\s*|[a-e]\)\s*)?(?:\p{Lu}|l(?=[mn]))"
    + ORDER_TAIL
    + "|"
    + FOR_ITS
    + r"|[•▪●◦]\s|[\-–—]\s+\p{Lu})"
)
# else where a sentence ends and a capital starts ('... vigente. Alinear')
SENTENCE_END = regex.compile(r"(?<=\.)\s+(?=\p{Lu})")
# a line with a letter or a digit: one of specks only ('“') is no piece of a row
HAS_TEXT = regex.compile(r"[\p{L}\d]")
# lines that are neither rows nor date rows a table may hold in a run (a page's running lines and
# a repeated header printed one label per line); more is prose after the table
MAX_WAIT = 6


def split_cells(text: str) -> tuple[str, str]:
    m = ACTIVITY_START.search(text) or SENTENCE_END.search(text)
    if m is None:
        return text, ""
    return text[: m.start()], text[m.end() :]


@dataclass
class _Open:
    """The row being read: its first line and the lines under it with no blank between (a row
    read across, ``interleaved``), or, after a lone number, one cell per paragraph."""

    row: RawRow
    lines: list[str] = field(default_factory=list)
    by_paragraph: bool = False
    cell: int = 1  # by paragraph: the role the next paragraph fills
    in_paragraph: bool = False  # by paragraph: the last line was not blank
    # by paragraph: its lines, and whether a blank line came between them; with none, the row may
    # be written one piece per line, the columns taking turns (``stacked``)
    raw: list[str] = field(default_factory=list)
    blank_seen: bool = False
    gap: bool = False  # a blank line came after the last of ``raw`` (the row's end, or between cells)
    more: list[RawRow] = field(default_factory=list)  # rows whose number OCR lost, read in its lines


def _paragraph_line(o: _Open, text: str, roles: list[str]) -> bool:
    """One line of a row written one cell per paragraph; False when it is more paragraphs than
    the row has cells (prose after the table)."""
    if o.in_paragraph:
        role = roles[o.cell - 1]
    elif o.cell > 1 and text[:1].islower() and roles[o.cell - 1] not in (None, FECHA):
        role = roles[o.cell - 1]  # a cell's lines split by a blank line
        if o.cell < len(roles) and roles[o.cell] == FECHA and (is_date(text) or is_date_piece(text)):
            # 'tercer trimestre de 2019', 'segundo semestre de' (its year next, ASM 7812): the date due next
            role, o.cell = FECHA, o.cell + 1
    elif o.cell < len(roles):
        role, o.cell = roles[o.cell], o.cell + 1
        whole_date = parse_date(text) is not None or NO_DATE_CELL.match(text) is not None
        if role != FECHA and FECHA in roles[o.cell :] and o.row.cells and whole_date:
            # a paragraph that is a whole date, or says there is none ('Por definir'), is the
            # date: the cells before it were read as one (dev seed 48, row 11; ASM 7812 row 1)
            role, o.cell = FECHA, roles.index(FECHA) + 1
    elif roles[-1] == FECHA and o.row.fecha_lines and date_goes_on(o.row):
        # the date's last words a paragraph of their own ('segundo semestre de' / '2020', ASM 7812)
        if not is_date_line(text):
            return False
        role = FECHA
    else:
        return False
    o.in_paragraph = True
    if role == FECHA:
        o.row.fecha_lines.append(text)
    elif role is not None:
        o.row.add(role, CellLine(text, 0.0, float(len(text))))
    return True


def _whole(lines: list[str], roles: list[str]) -> bool:
    """A row's one line holds the whole row: its date closes it (when the table has a date
    column) and a sentence's end parts the finding from the activity. The line under such a row
    is not more of it (a row read across shows neither on its first line)."""
    if len(lines) != 1:
        return False
    if AREA_RESP in roles:
        return cut_row(lines[0], roles) is not None
    rest, fecha = split_date(lines[0]) if FECHA in roles else (lines[0], "x")
    texto, actividad = split_cells(rest.strip())
    return bool(fecha.strip() and texto.strip() and actividad.strip())


def _undated(row: RawRow | None) -> RawRow | None:
    """The row while it has no date."""
    return row if row is not None and not any(t.strip() for t in row.fecha_lines) else None


def _date_due(o: _Open | None, roles: list[str]) -> bool:
    """The open row, written by paragraph, has its date column next."""
    return o is not None and o.by_paragraph and o.cell < len(roles) and roles[o.cell] == FECHA


def _close(o: _Open | None, roles: list[str]) -> None:
    """Fill a single-spaced row's cells from its lines; a row written by paragraph whose date
    closes its activity's paragraph (two cells OCR read as one) gets the date back."""
    if o is not None and o.by_paragraph and not o.blank_seen and len(o.raw) > 1:
        if AREA_RESP in roles:
            # a CONEVAL row written one piece per line: seven columns taking turns are not cut by
            # guess (real-path ASM 7721 gave each row's areas and results to its finding, flagged)
            o.row.cells, o.row.fecha_lines = {}, []
            o.row.note = f"{UNCUT}: '{' / '.join(o.raw)}'"
            return
        cells = _stacked(o, o.raw, roles)
        if cells is not None:
            o.row.cells, o.row.fecha_lines = {}, []
            _put(o.row, cells)
            return
    if o is not None and o.by_paragraph and o.row.cells.get(TEXTO) and not o.row.cells.get(ACTIVIDAD):
        # the finding and its activity in one paragraph ('... educación básica. Documentar los
        # criterios ...', ASM 7812 row 1): cut where the activity starts
        joined = " ".join(c.text for c in o.row.cells[TEXTO])
        texto, actividad = split_cells(joined)
        if texto.strip() and actividad.strip():
            o.row.cells[TEXTO] = [CellLine(texto.strip(), 0.0, float(len(texto.strip())))]
            o.row.cells[ACTIVIDAD] = [CellLine(actividad.strip(), 0.0, float(len(actividad.strip())))]
    if o is not None and o.by_paragraph and FECHA in roles and not o.row.fecha_lines and o.row.cells.get(ACTIVIDAD):
        last = o.row.cells[ACTIVIDAD][-1]
        rest, fecha = split_date(last.text)
        if fecha and rest.strip():
            o.row.cells[ACTIVIDAD][-1] = CellLine(rest.strip(), last.x0, last.x0 + len(rest.strip()))
            o.row.fecha_lines.append(fecha)
    if o is None or o.by_paragraph or not o.lines:
        return
    if AREA_RESP in roles and len(o.lines) > 1:
        # a CONEVAL row read across its wrapped cells: seven columns are not cut by guess
        o.row.note = f"{UNCUT}: '{' / '.join(o.lines)}'"
        return
    if (
        FECHA in roles
        and len(o.lines) > 2
        and is_date_line(o.lines[0])
        and CLOSED_DATE.search(o.lines[0])  # a date cut over lines ('30 de noviembre de') is read in turn
        and not o.row.fecha_lines
    ):
        # the date's cell first: tesseract wrote the row's first visual line from the right
        # ('Noviembre del 2025' / 'Se recomienda programar ... Realizar las gestiones ...', dev 65)
        o.row.fecha_lines.append(o.lines.pop(0))
        roles = [r for r in roles if r != FECHA]
    cells = interleaved_cells(o.lines, roles) if len(o.lines) > 1 else None
    if len(o.lines) > 1 and (cells is None or looks_stacked(o.lines, roles)):
        cells = _stacked(o, o.lines, roles) or cells
    if cells is None:
        _fill(o.row, " ".join(o.lines), roles)
        return
    o.row.pieced = True  # lines holding pieces of two cells each, cut by content: said
    _put(o.row, cells)


def _stacked(o: _Open, lines: list[str], roles: list[str]) -> dict[str, list[str]] | None:
    """The cells of a row written one piece per line (``stacked``); rows whose number OCR lost
    in its lines go to ``o.more`` as tentative rows. None when the row is not written so."""
    pieces = [ln.strip() for ln in lines if ln.strip()]
    bounds = [0, *row_starts(pieces, FECHA in roles), len(pieces)]
    parts = [stacked_cells(pieces[a:b], roles) for a, b in zip(bounds, bounds[1:])]
    if len(parts) == 1 or any(p is None for p in parts):
        cells = stacked_cells(pieces, roles)
        o.row.pieced = cells is not None
        return cells
    o.row.pieced = True
    for cells in parts[1:]:
        row = RawRow(o.row.tipo, o.row.numero, o.row.page, tentative=True, pieced=True)
        _put(row, cells or {})
        o.more.append(row)
    return parts[0]


def _put(row: RawRow, cells: dict[str, list[str]]) -> None:
    for role, texts in cells.items():
        for t in texts:
            if role == FECHA:
                row.fecha_lines.append(t)
            elif t:
                row.add(role, CellLine(t, 0.0, float(len(t))))


def _rows_lost_before(o: _Open | None, roles: list[str], k: int) -> bool:
    """The open row, written one piece per line, holds ``k`` rows more whose numbers OCR lost:
    then a number ``k`` ahead is read as printed, not as the due one misread ('6' after row 4
    and row 5's pieces, real-path ASM 197; '6' for '5' is a misreading OCR makes)."""
    if o is None or not o.by_paragraph or k < 1:
        return False
    pieces = _pieces(o)
    return pieces is not None and len(row_starts(pieces, FECHA in roles)) == k


def _date_before_label(o: _Open | None) -> str | None:
    """The date a bare date label follows: the open row's last piece, when it is a date line
    ('Octubre del 2025' / 'Fecha de cumplimiento:', tesseract writing the line from the right,
    dev OCR'd text 65); taken off the row's pieces."""
    if o is None:
        return None
    pieces = o.raw if o.by_paragraph else o.lines
    if len(pieces) < 2 or not is_date_line(pieces[-1]):
        return None
    return pieces.pop()


def _pieces(o: _Open) -> list[str] | None:
    """The open row's lines, read across or one piece per line (the list itself: a caller may
    take the next row's first lines off it); None for a row written by paragraph whose
    paragraphs a blank line parted (its cells are already placed)."""
    if o.by_paragraph:
        return None if o.blank_seen else o.raw
    return o.lines


def _carried(o: _Open | None, pending: list[str], roles: list[str], first: str, lone: bool) -> list[str]:
    """The lines before a row's number that are its first (taken off the row above, or off the
    lines after the header or after the row above's date row): asked when the row's first piece
    opens its activity, or, after a lone number with no row open, goes on in lower case — the
    number centred on a row read across comes after its first line ('No se documenta ...
    Integrar expedientes ...' / '1' / 'de las acciones ...', dev OCR'd text 59)."""
    if o is None:
        if opens_without_finding(first):
            return pending[-1:] if pending and pending[-1][:1].isupper() else []
        opening = pending and (pending[0][:1].isupper() or LIST_ITEM.match(pending[0]) is not None)
        if not opening or len(pending) > MAX_LINES_BEFORE_NUMBER:
            return []
        # what follows the number goes on a row: in lower case, or with no activity opening on it
        return list(pending) if lone and (first[:1].islower() or first_cut(first) is None) else []
    lines = _pieces(o)
    if not opens_without_finding(first) or lines is None:
        return []
    k = next_rows_start(lines, roles)
    carried = lines[k:]
    del lines[k:]
    return carried


def _carried_from_right(o: _Open | None, pending: list[str], lone: bool) -> list[str]:
    """In a table written from its last column, the pieces before a row's number that are its
    first visual line (``first_line_from_right``), taken off the row above or off the lines
    after the header."""
    if o is None:
        k = first_line_from_right(pending, lone)
        return pending[len(pending) - k :] if k else []
    lines = _pieces(o)
    if lines is None:
        return []
    k = first_line_from_right(lines, lone)
    if not k or k == len(lines):
        return []  # the row above keeps a first line of its own
    carried = lines[len(lines) - k :]
    del lines[len(lines) - k :]
    return carried


def spaced_rows(pages: list[tuple[int, list[str]]]) -> list[RawRow]:
    """Rows of the single-spaced ASM tables on the pages (page number, line texts)."""
    opened: list[_Open] = []  # every row opened at its number, in order
    roles: list[str] | None = None
    tipo = "hallazgo"
    open_row: _Open | None = None
    waiting = 0
    head = HeadReader()  # the header being read, over one line or several
    last = 0  # the number of the table's last row
    pending: list[str] = []  # lines after a header while no row is open
    date_for: RawRow | None = None  # a row whose date label stood alone: its date comes next
    right = False  # the table's header was written from its last column (``HeadReader``)
    for number, lines in pages:
        skip: int | None = None  # a line read with the one before it (a label's end)
        for i, raw in enumerate(lines):
            if i == skip:
                continue
            text = raw.strip()
            if not text:
                pending = []
                if open_row is not None:
                    if open_row.by_paragraph:
                        open_row.in_paragraph = False
                        open_row.gap = bool(open_row.raw)
                    elif open_row.lines:  # a blank line ends a row read across
                        _close(open_row, roles or [])
                        open_row = None
                continue
            if (PAGE_NUMBER.match(text) and row_number(text) is None) or RUNNING_QUOTE.match(text):
                continue  # a page's number, or its running motto in quotes
            if CLAUSE_HEADING.match(text) or LEAD_IN.match(fold(text)):
                # a clause, or the next table's lead-in ('b) De las recomendaciones:'): this one ended
                _close(open_row, roles or [])
                roles, open_row, head = None, None, HeadReader()
                continue
            j = next((k for k in range(i + 1, len(lines)) if lines[k].strip()), None)
            following = lines[j].strip() if j is not None else ""  # the next non-blank line
            step = head.read(text, following)
            heading = step.heading
            if heading is not None and FECHA not in heading[0] and dates_close_rows(lines[i + 1 :]):
                heading = ([*heading[0], FECHA], heading[1])  # its date's label lost ('Ad :', ASM 7957)
            # a header repeated over a row cut by the page break: the row goes on under it (7957)
            goes_on = heading == (roles, tipo) and open_row is not None and bool(open_row.lines)
            if step.close and not goes_on:
                _close(open_row, roles or [])
                open_row = None
            if heading is not None:
                last = last if heading == (roles, tipo) else 0  # a header repeated on a new page goes on
                roles, tipo = heading
                right = step.from_right or (right and goes_on)
            if step.consumed:
                continue
            if roles is None:
                continue
            if date_for is not None:
                if LABEL_REST.match(text) and not date_for.fecha_lines[-1].strip():
                    continue  # the label's end on a line of its own ('Fecha comprometida de' / 'cumplimiento:')
                # the date under its bare label ('Fecha de cumplimiento:'), cut over paragraphs
                # until its year ('Mayo' / 'del 2022', ASM 7950)
                if took_label_date(date_for, text):
                    date_for = date_for if date_goes_on(date_for) else None
                    continue
                # no date under its label: an empty cell, or a date OCR lost; the row says so
                date_for.date_lost = not any(t.strip() for t in date_for.fecha_lines)
                date_for = None
            end = fecha_label_end(text)
            if end is None and fold(text).strip(" :") == "fecha":
                # the label cut over two paragraphs ('Fecha' / 'comprometida:', ASM 7822)
                joined = f"{text} {following}"
                whole = fecha_label_end(joined)
                if j is not None and whole is not None and not joined[whole:].strip():
                    text, end, skip = joined, whole, j
            if end is not None:
                before = _date_before_label(open_row) if LABEL_REST.match(text[end:]) else None
                _close(open_row, roles)
                # the open row's date; with none open (a blank line or a repeated header ended it:
                # ASM 7950), the last row's, while it has no date of its own
                target = open_row.row if open_row is not None else _undated(opened[-1].row if opened else None)
                if target is not None:
                    value = before or ("" if LABEL_REST.match(text[end:]) else text[end:])
                    target.fecha_lines.append(value)
                    date_for = target if not value.strip() else None
                open_row, pending = None, []
                continue
            first, _, rest = text.partition(" ")
            rest = LEADING_NOISE.sub("", rest)  # '5 . Se recomienda ...': a speck after the number
            n = row_number(first)
            lone_ok = False  # a lone number out of sequence taken as a row's all the same
            if n is None and not rest and LOOKALIKE_DIGIT.get(first) == last + 1 > 1:
                n = last + 1  # a lone 'B' where row 8 is due (ASM 7941): its number, flagged
                misread = first
            elif (
                n is not None
                and last
                and n != last + 1
                and confusable(first, last + 1)
                and not opens_with_date(text)
                and not _rows_lost_before(open_row, roles or [], n - last - 1)
            ):
                n, misread = last + 1, first  # '3 También ...' where row 8 is due (ASM 7828)
            elif (
                n is not None
                and n != last + 1
                and misread_next(n, rest, opened[-1].row if opened else None, open_row is not None, number, following)
            ):
                if not last + 1 < n <= last + 1 + MAX_ROW_SKIP:
                    n, misread = last + 1, first  # '8' where row 3 is due, after row 2's date row (7822)
                else:
                    misread = None  # '7' after row 5: row 6's number lost (dev OCR'd text 87)
                lone_ok = True
            else:
                misread = None
                # a lone number inside a row written one piece per line, after its whole date (197)
                lone_ok = (
                    n is not None
                    and open_row is not None
                    and ahead_after_date(n, rest, open_row.raw or open_row.lines, last, number, following)
                )
            if (
                n is not None
                and n != last + 1
                and (not rest or opens_with_date(text) or 0 < last < n - MAX_ROW_SKIP)
                and not first_lone(n, rest, last, open_row is not None, pending)
                and not lone_ok
            ):
                n = None  # out of sequence: a page's number, or a date's day ('31 de Agosto de 2020')
            if n is not None and ((_date_due(open_row, roles) and is_date(text)) or (right and opens_with_date(text))):
                # '30 de Abrll de 2024': the date paragraph the open row is waiting for; in a table
                # written from the right, a row's first line opens with its date, its number last
                n = None
            if n is not None:
                first = rest or following
                # a table written from the right writes its rows' first lines so, when they show it
                carried = (_carried_from_right(open_row, pending, lone=not rest) if right else []) or _carried(
                    open_row, pending, roles, first, lone=not rest
                )
                _close(open_row, roles)
                last, pending = n, []
                start = carried + ([rest] if rest else [])
                open_row = _Open(RawRow(tipo, n, number, read_numero=misread), start, by_paragraph=not start)
                opened.append(open_row)
                waiting = 0
                continue
            if open_row is not None and open_row.by_paragraph:
                if _paragraph_line(open_row, text, roles):
                    open_row.raw.append(text)
                    open_row.blank_seen |= open_row.gap
                    continue
                open_row = None
            elif (
                open_row is not None
                and open_row.lines
                and (not _whole(open_row.lines, roles) or (FECHA not in roles and text[:1].islower()))
            ):
                # the row goes on: read across its wrapped cells. With no date column to close a
                # row's line, a line in lower case goes on a sentence of the row's, even under a
                # line that looked whole ('... resultados • Registrar ...' / 'e impacto tanto a
                # nivel estatal ...', dev OCR'd text 192); with one, a row whose line closed with its
                # date has ended (the findings may come after the table: ASM 7815)
                open_row.lines.append(LEADING_NOISE.sub("", text))
                continue
            if role_of(text) is not None:
                continue  # a header's label on a line of its own (a header repeated on a new page)
            if HAS_TEXT.search(text):
                pending.append(text)
            waiting += 1
            if waiting > MAX_WAIT:
                roles, open_row = None, None  # prose: the table has ended
    _close(open_row, roles or [])
    # a lone number whose paragraphs held no finding was no row (a page's number in sequence)
    rows = [r for o in opened for r in (o.row, *o.more)]
    log.debug("spaced: %d rows", len(rows))
    return [r for r in rows if r.cells or r.fecha_lines or r.note]


def _fill(row: RawRow, rest: str, roles: list[str]) -> None:
    if AREA_RESP in roles:  # a CONEVAL annex's row: cut by content, or left without cells (a failure)
        cells = cut_row(rest, roles)
        if cells is not None:
            row.fecha_lines.append(cells.pop(FECHA))
            for role, cell in cells.items():
                if cell:
                    row.add(role, CellLine(cell, 0.0, float(len(cell))))
            row.note = COMMENT
        else:
            row.note = f"{UNCUT}: '{rest.strip()}'"
        return
    fecha = ""
    if FECHA in roles:
        rest, fecha = split_date(rest)
        row.fecha_lines.append(fecha)
    texto, actividad = split_cells(rest.strip())
    for role, cell in ((TEXTO, texto), (ACTIVIDAD, actividad)):
        if cell.strip():
            row.add(role, CellLine(cell.strip(), 0.0, float(len(cell.strip()))))

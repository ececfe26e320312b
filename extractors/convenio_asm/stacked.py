"""An ASM row whose cells OCR wrote one piece per line, the columns taking turns.

Tesseract's plain text of a scanned table, when it finds each column's lines as blocks of their
own, writes a row's visual lines one cell piece at a time: line k of the finding, line k of the
activity, line k of the date, then line k+1 of each, a column dropping out once its cell ends
(real-path OCR'd text, generated ASM 7713 and 7719):

    3
    De igual manera, se encontró que no se
    a) Capacitar a las unidades operativas en su
    1 de Enero al 31 de
    documentan los criterios para seleccionar a los
    aplicación
    Marzo de 2024

Nothing marks the column of a piece, so each is given one from what it is and where the turn
stands: a piece made of a date's words is the date's; the first piece is the finding's; the
activity opens at an order ('Capacitar', 'Para su') or a list mark; a column whose last piece
closed a sentence has ended, so the piece is the other one's; with both open, the turn goes
finding → activity (the same visual line) and back to the finding on the next one.
"""

from __future__ import annotations

import regex

from papeleo.text import Precision, find_dates, fold, parse_date
from papeleo.text.dates import DE_LOOKALIKE, damaged_month_of

from .interleaved import BULLET_READ, DATE_WORD, FOR_ITS, ORDER, date_tail
from .labels import ACTIVIDAD, FECHA, TEXTO

# an activity's first piece: an order in the infinitive ('Implementar un plan', 'Diseñar e
# implementar'), 'Para su atención ...', or a list item opening with a capital ('a) Capacitar',
# '- Celebrar', '• Diseñar', 'Cc) Elaborar' where OCR doubled the item's letter)
ACTIVITY_OPENING = regex.compile(rf"^(?:(?:{BULLET_READ}|[A-Za-z]{{1,2}}\))\s*)?" + ORDER + "|^" + FOR_ITS)
# a list item: its mark and the capital that opens it ('b) Emitir', '- Suscribir'); '- de los
# servicios' is a finding's line OCR gave a stray dash, not an item
LIST_ITEM = regex.compile(rf"^(?:{BULLET_READ}|[A-Za-z]{{1,2}}\))\s*\p{{Lu}}")
# what OCR leaves around a date's piece: a rule's bar, a stray dash ('1 de Noviembre de-', 'S/F |')
PIECE_NOISE = regex.compile(r"^[\s|\-–—_'\"`.,;:]+|[\s|\-–—_'\"`,;:]+$")
# a stray mark OCR put before a piece ('6 . No existe un padrón': the piece after the number)
LEADING_NOISE = regex.compile(r"^[.,;:|]+\s+")
# a quote between two letters where a space was ("abril'del")
QUOTE_JOINED = regex.compile(r"(?<=\p{L})['’`](?=\p{L})")
# a piece that closes its cell's sentence: '... financiados con el FONE.'
CLOSES = regex.compile(r"[.!?][\"”’)]?$")
# the 'de' after a day, as OCR may read it ('de', 'dc', 'ce')
DE_WORD = regex.compile(rf"^{DE_LOOKALIKE}$")
# a date cell that is whole: it has its year, or says there is none ('S/F', 'N/A', 'Por definir')
CLOSED_DATE = regex.compile(r"(?i)\b[12Z][0-9oOlIZSB]{3}\b|s\s*/\s*f|n\s*/\s*a|definir")
# a quarter's or a half's word in a date ('Primer Trimestre 2019')
QUARTER = regex.compile(r"^(?:trimestre|semestre)$")
# a date's piece that is its year alone: the last of a date cut over lines, not a date's opening
YEAR_ONLY = regex.compile(r"^(?:de\s+|del\s+)?\d{4}$", regex.I)
# a word of a date's piece that carries it (not only 'de', 'al'): a number, a month, a quarter
DATE_CARRIER = regex.compile(r"\d|trimestre|semestre|s/f|n/a|definir")


def is_date_piece(text: str) -> bool:
    """The line is a piece of a date cell: every word is a word dates are made of (a month OCR
    damaged counts), and one of them carries the date ('Marzo de 2024', '2019', 'S/F |')."""
    core = PIECE_NOISE.sub("", text)
    if not core or (core.endswith(".") and parse_date(core) is None):
        return False  # '... del ejercicio 2024.' closes a sentence; a date cell does not
    # a quote OCR put between two of its words is a space ('30 de abril'del 2020', ASM 7910)
    words = [fold(w).strip("()") for w in QUOTE_JOINED.sub(" ", core).split()]
    if len(words) >= 3 and len(words[0]) <= 2 and DE_WORD.match(words[1]) and damaged_month_of(words[2]) is not None:
        words = words[1:]  # a day OCR garbled into letters ('Se de Junio de 2025' for '30'): the date's
    if not all(DATE_WORD.match(w) or damaged_month_of(w) for w in words):
        return False
    return any(DATE_CARRIER.search(w) or damaged_month_of(w) for w in words)


def _role(text: str, out: dict[str, list[str]], last: str | None, nxt: str | None, right: bool = False) -> str:
    """The finding's or the activity's: whose turn it is and which of them can still go on.
    The first piece is the finding's, unless it opens the activity and the next piece does not:
    tesseract wrote the visual line from the right ('Instalar un comité técnico ...' / 'Como
    resultado de la evaluación, se identificó que no' / '1', dev OCR'd text 65)."""
    opens = ACTIVITY_OPENING.match(text) is not None
    if not out[TEXTO] and not out[ACTIVIDAD]:
        after = nxt is not None and not ACTIVITY_OPENING.match(nxt) and not is_date_piece(nxt)
        return ACTIVIDAD if opens and after else TEXTO
    if not out[TEXTO]:
        return ACTIVIDAD if LIST_ITEM.match(text) else TEXTO
    if not out[ACTIVIDAD]:
        return ACTIVIDAD if opens else TEXTO
    if LIST_ITEM.match(text):
        return ACTIVIDAD
    finding_open = not CLOSES.search(out[TEXTO][-1])
    activity_open = not CLOSES.search(out[ACTIVIDAD][-1])
    if not finding_open:
        return ACTIVIDAD
    if right:
        # written from the right, a visual line goes date → activity → finding: the finding's
        # piece after the activity's, the next line's activity after the finding's or the date's
        if (not activity_open and not opens) or last == ACTIVIDAD:
            return TEXTO
        return ACTIVIDAD
    if last == TEXTO and (activity_open or opens):
        return ACTIVIDAD  # the activity's piece on the finding's visual line
    return TEXTO


def assign(lines: list[str], dated: bool) -> list[str]:
    """Each piece's column (TEXTO, ACTIVIDAD or FECHA), in order. A date's piece may open the
    row: written from the right, its visual line starts with the date's cell (ASM 7946)."""
    out: dict[str, list[str]] = {TEXTO: [], ACTIVIDAD: [], FECHA: []}
    roles: list[str] = []
    last: str | None = None
    right = False
    for k, text in enumerate(lines):
        # the next piece not a date's: a date's piece may stand between the activity's and the
        # finding's first pieces ('Establecer ...' / '1 de mayo de 2024' / 'No se da ...', dev 51)
        nxt = next((t for t in lines[k + 1 :] if not (dated and is_date_piece(t))), None)
        role = FECHA if dated and is_date_piece(text) else _role(text, out, last, nxt, right)
        if k == 0:
            # a row whose first piece is its date's or its activity's was written from the right
            right = role != TEXTO
        out[role].append(text)
        roles.append(role)
        last = role
    return roles


def _whole(out: dict[str, list[str]], dated: bool) -> bool:
    """A row's finding and activity have closed their sentences and its date has its year."""
    closed = all(out[r] and CLOSES.search(out[r][-1]) for r in (TEXTO, ACTIVIDAD))
    if not closed or not dated:
        return closed
    if out[FECHA]:
        return CLOSED_DATE.search(" ".join(out[FECHA])) is not None
    return _date_at_end(out[ACTIVIDAD]) is not None or _date_at_end(out[TEXTO]) is not None


def row_starts(lines: list[str], dated: bool) -> list[int]:
    """Where, in a row written one piece per line, rows whose number OCR lost start. Each
    becomes a tentative row, numbered from its neighbours or joined back (``numbering.placed``).
    A row starts at a sentence opening once the row has its finding and activity closed and its
    date whole ('problema.' / 'Además, no se publican los informes de' after row 3's date), or,
    when a second date comes ('30 de abril del 2019' ... '30 de enero del 2020', real-path ASM
    7910), at the finding's opening line just before it."""
    pieces = [ln.strip() for ln in lines if ln.strip()]
    roles = assign(pieces, dated)
    out: dict[str, list[str]] = {TEXTO: [], ACTIVIDAD: [], FECHA: []}
    for k, (text, role) in enumerate(zip(pieces, roles, strict=True)):
        start = None
        if _opens_finding(text) and _whole(out, dated):
            start = k
        elif role == FECHA and _second_date(out[FECHA], text):
            start = next(
                (
                    j
                    for j in range(k - 1, max(k - MAX_PIECES_BEFORE_DATE, 0) - 1, -1)
                    if j > 0 and roles[j] == TEXTO and _opens_finding(pieces[j])
                ),
                None,
            )
        if start is not None:
            return [start, *(start + s for s in row_starts(pieces[start:], dated))]
        out[role].append(text)
    return []


# a row's date comes on its first visual line: its finding's and its activity's first pieces at
# most before it (a later one is a date of the same row's, or none)
MAX_PIECES_BEFORE_DATE = 2
# a date's piece that opens a date: a day and its 'de', a month, a quarter's ordinal
DATE_OPENING = regex.compile(r"^\d{1,2}\s+(?:de|d[ec]l?)\b|^(?:primer|segundo|tercer|cuarto)\b", regex.I)
# a date's piece that leaves the date open: a range's dash or word ('diciembre 2019 –', '... al')
OPEN_RANGE = regex.compile(r"(?:[-–—]|\bal?|\by)\s*$", regex.I)


def _opens_finding(text: str) -> bool:
    """A piece that can open a finding: a capital, no order or list mark, no date's piece."""
    return text[:1].isupper() and not ACTIVITY_OPENING.match(text) and not is_date_piece(text)


def _second_date(dates: list[str], text: str) -> bool:
    """``text`` opens a date where the row's date is already whole."""
    so_far = " ".join(dates)
    return (
        bool(dates)
        and CLOSED_DATE.search(so_far) is not None
        and not OPEN_RANGE.search(so_far)
        and (DATE_OPENING.match(text) is not None)
    )


def _date_at_end(texts: list[str]) -> tuple[int, int] | None:
    """(which piece, where) a date closing a piece starts, for a row whose date pieces were all
    read on its activity's or finding's lines ('Rediseñar la MIR incorporando indicadores de 31
    de octubre del 2019', real-path ASM 7910). A year alone is no such date ('del ejercicio
    2024'); nor is one followed by more of the sentence."""
    for k, text in enumerate(texts):
        dates = find_dates(text)
        if dates and dates[-1].precision != Precision.YEAR and not text[dates[-1].span[1] :].strip(" .,;|"):
            if dates[-1].span[0] > 0:
                return k, dates[-1].span[0]
    return None


def stacked_cells(lines: list[str], roles: list[str | None]) -> dict[str, list[str]] | None:
    """The finding's, activity's and date's pieces of a row written one piece per line; None
    when no activity opens (the row is not written so)."""
    pieces = [ln.strip() for ln in lines if ln.strip()]
    dated = FECHA in roles
    cells: dict[str, list[str]] = {TEXTO: [], ACTIVIDAD: [], FECHA: []}
    for text, role in zip(pieces, assign(pieces, dated), strict=True):
        cells[role].append(PIECE_NOISE.sub("", text) if role == FECHA else LEADING_NOISE.sub("", text))
    if not cells[ACTIVIDAD]:
        return None
    if dated and not cells[FECHA]:
        for role in (ACTIVIDAD, TEXTO):
            at = _date_at_end(cells[role])
            if at is not None:
                k, start = at
                text = cells[role][k]
                cells[role][k], cells[FECHA] = text[:start].rstrip(), [text[start:].strip(" .,;|")]
                break
            cells[FECHA] = _month_tails(cells[role])
            if cells[FECHA]:
                break
    if dated:
        cells[FECHA] = [" ".join(cells[FECHA])] if cells[FECHA] else []
    else:
        del cells[FECHA]
    return cells


def _month_tails(texts: list[str]) -> list[str]:
    """A date read across the ends of a cell's pieces, taken off them: a tail of date words with
    a month or a quarter ('Alinear ... con el Programa Junio a Octubre de'), and, while the date
    has no year, the year ending the next piece ('Sectorial vigente. 2019'; dev OCR'd text 132:
    the finding's first line alone, then each activity line with the date's piece after it).
    Nothing when no such tail is there; a year alone opens no date ('del ejercicio 2024.')."""
    out: list[str] = []
    for k, text in enumerate(texts):
        words = text.split()
        n = date_tail(words)
        tail = words[len(words) - n :] if n else []
        if not out and not any(damaged_month_of(fold(w)) is not None or QUARTER.match(fold(w)) for w in tail):
            continue
        if out and not (len(tail) == 1 and YEAR_ONLY.match(tail[0])):
            break
        out.append(" ".join(tail))
        texts[k] = " ".join(words[: len(words) - n])
        if CLOSED_DATE.search(" ".join(out)):
            break
    return [" ".join(out)] if out else []


def looks_stacked(lines: list[str], roles: list[str | None]) -> bool:
    """A date's piece on a line of its own with the row's text going on under it: only a row
    written one piece per line does that (read across, a line holding only the date's piece
    comes after the finding and the activity have ended)."""
    if FECHA not in roles:
        return False
    pieces = [ln.strip() for ln in lines if ln.strip()]
    marks = [is_date_piece(t) for t in pieces]
    return any(m and not nxt for m, nxt in zip(marks[1:], marks[2:]))


def next_rows_start(lines: list[str], roles: list[str | None]) -> int:
    """Where the row's trailing piece that opens the next row's finding is (``len(lines)`` for
    none). OCR may write a finding's first line before its row's number ('Además, los
    indicadores de la Matriz de' / '3' / 'Rediseñar la MIR ...'): the caller asks only when the
    next row opens with its activity, and the piece is that finding's when it starts a sentence
    after this row's finding has closed its own."""
    pieces = [ln.strip() for ln in lines]
    k = len(pieces)
    last = pieces[-1] if pieces else ""
    if k < 2 or not last[:1].isupper() or ACTIVITY_OPENING.match(last) or is_date_piece(last):
        return k
    got = assign(pieces[:-1], FECHA in roles)
    finding = [p for p, r in zip(pieces[:-1], got, strict=True) if r == TEXTO]
    return k - 1 if finding and CLOSES.search(finding[-1]) else k


def opens_without_finding(text: str) -> bool:
    """A row's first piece is its activity's: its finding's first line came before its number."""
    return ACTIVITY_OPENING.match(text.strip()) is not None


def first_line_from_right(pieces: list[str], lone: bool) -> int:
    """How many of the last pieces before a row's number are that row's first visual line, in a
    table whose header OCR wrote from its last column ('Fecha compromiso' / 'Actividad
    comprometida' / 'Descripción del hallazgo', dev OCR'd text 51): each row's first line comes
    out so, its date's piece and its activity's (in either order: '30 de noviembre de' /
    'Impartir cursos ...', 'Establecer un tablero ...' / '1 de mayo de 2024'), then its
    finding's, the number last ('4 Se observa que ...'). The finding's piece is before a lone
    number; the activity's must be there, an order or a list item; the date's piece must open
    a date (a year alone ends the row above's). 0 when they are not so."""
    k = len(pieces)
    if lone:
        if not k or not _opens_finding(pieces[k - 1]):
            return 0
        k -= 1
    activity = dated = False
    while k and not (activity and dated):
        text = pieces[k - 1]
        if not activity and ACTIVITY_OPENING.match(text):
            activity = True
        elif not dated and _opens_date(text):
            dated = True
        else:
            break
        k -= 1
    return len(pieces) - k if activity else 0


def _opens_date(text: str) -> bool:
    """A date's piece that opens its date: a day or a quarter first, or a whole date; not a
    year alone, which ends a date cut over lines."""
    core = PIECE_NOISE.sub("", text)
    if not is_date_piece(text) or YEAR_ONLY.match(core):
        return False
    return DATE_OPENING.match(core) is not None or CLOSED_DATE.search(core) is not None

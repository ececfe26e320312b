"""A read row -> a ``commitments`` record: cells joined, lists flattened, the date resolved.

A list in a cell (bullets, 'a)' items, or items on their own lines) is the contract's
'; '-separated text: an item starts at a bullet, after a line ending in ':' (the list's
opening paragraph), after a sentence's full stop when a capital follows, or where the
previous line stopped short although the first word of the next would have fitted (the
writer broke the line, not the typesetter). The date is read with its precision; a date
cell that holds text but no date is a failure for that record, never a guess.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass

from papeleo.model import BBox, Failure
from papeleo.text import DateMatch, Precision, dehyphenate, find_dates, fold, parse_damaged_date, parse_date

from .detached import REATTACHED
from .labels import ACTIVIDAD, AREA_COORD, AREA_RESP, EVIDENCIAS, RESULTADOS, TEXTO
from .raw_row import CellLine, RawRow

log = logging.getLogger(__name__)

# '• Implementar', '- Elaborar', '– Registrar', 'a) Depurar', '1. Diseñar', '▪ Publicar', and a
# bullet as tesseract reads it on a scan: '+» Someter el manual a autorización.', '-— Detectar'
BULLET = re.compile(r"^\s*(?:[•●▪■◦·*\-–—]{1,2}|[+»«]{1,2}|[a-z]\)|\d{1,2}[.)])\s+")
# ' • ' inside one line: a list flattened onto one line by an OCR tool
INLINE_BULLET = re.compile(r"\s+[•●▪■◦]\s+")
# 'a) Publicar', ' b) Suscribir' inside one line: a lettered item opening with a capital
INLINE_LETTER = re.compile(r"(?:^|(?<=\s))(?P<letter>[a-j])\)\s+(?=[A-ZÁÉÍÓÚÑ])")
# ' - ' inside one line, when the cell itself starts with that bullet
INLINE_DASH = re.compile(r"\s+[-–—]\s+")
# the end of a list's opening paragraph inside one line: '... lo siguiente: Implementar'
INTRO_END = re.compile(r"(?<=:)\s+(?=[A-ZÁÉÍÓÚÑ])")
# what is left before a month in a date cell when its day was printed there but OCR garbled it:
# 'Z8 de' in 'Z8 de julio de 2022', 'l de' in 'l de octubre 2017', or a digit with a connector
# the date layer does not know ('15 ce Julio'), or a 'de' alone opening the cell ('de Junio de 2019',
# its day dropped as a speck, dev ASM scan 31): the day is lost, the month alone would be a guess
LOST_DAY = re.compile(r"(?:^|\S)\s*\bde\s*$|\d\S*\s+\S{1,4}\s*$", re.I)
# words a date cell may hold beside its date ('(fecha límite)', 'a más tardar el'); more and the
# text is another cell's or the prose after the table that fell into the date's place (ASM dev
# OCR'd text: a clause 'CUARTA. Cumplimiento ... no podrán exceder del 31 de julio de 2022.' read
# as a recommendation's date). Higher lets such text give a date; lower fails dated notes
MAX_DATE_EXTRA_WORDS = 4
# specks OCR reads inside a date: a lone mark between words ('31 de diciembre de . 2022'), a
# quote glued to a word's end ("28 de julio' de 2022") or start ('30 de noviembre de “2022', dev
# scan 12); no digit or letter is touched
SPECKS = re.compile(r"(?<=\S)['’`´\"“”]+(?=\s|$)|(?<=\s)['’`´\"“”]+(?=\S)|(?<=\s)[.,;:'’`´\"“”|]+\s")
# marks before a date cell's first word that are no part of a date
LEAD_DEBRIS = "-–—•·*|:;,.'\"_~ "
# an empty or deferred date: '', 'Por definir', 'N/A', 'S/F', '-' (folded); 'NA', the slash lost
# or never printed (dev scan 36)
NO_DATE = re.compile(r"^\W*(?:por\s+definir|n\s*/?\s*a|s\s*/\s*f|sin\s+fecha|no\s+aplica)?\W*$")
# a line's right edge this far (points) short of the column's right edge, with room for the next
# line's first word, is a break the writer made; smaller splits text a typesetter wrapped
SPACE_W = 3.0
# a line ending in an article, a preposition or a conjunction ends no list item: the item goes on
# on the next line, capital or not ('Alinear los objetivos del programa con el' / 'Programa
# Sectorial vigente.'), however short the line stopped
CANNOT_END = re.compile(r"\b(?:de|del|el|la|las|los|un|una|y|e|o|u|a|al|con|en|para|por|que|su|sus)$", re.I)
PRECISION = {Precision.DAY: "dia", Precision.MONTH: "mes", Precision.QUARTER: "mes", Precision.SEMESTER: "mes"}
LIST_ROLES = (ACTIVIDAD, EVIDENCIAS)
EXTRA = {AREA_RESP: "area_responsable", AREA_COORD: "area_coordinadora", RESULTADOS: "resultados_esperados"}


@dataclass
class Flat:
    text: str
    items: int


# what a row says whose date label has nothing after it in the text: the cell may be empty as
# printed (agreements leave some blank), or OCR may have lost the date; the text cannot tell
DATE_LABEL_ONLY = (
    "fecha_compromiso: la etiqueta de la fecha no va seguida de ninguna fecha en el texto (celda vacía "
    "en el documento, o una fecha que el OCR perdió): revisar contra el documento"
)
# what a row whose cells OCR interleaved says (``RawRow.pieced``)
DATE_MOVED = (
    "fecha_compromiso: leída al final de la actividad, adonde el OCR la corrió al perder el borde de "
    "su celda (revisar contra el documento)"
)
# the text fields a label/value box fills (``RawRow.ordered``)
ORDERED_FIELDS = ("texto", "actividad_comprometida", *EXTRA.values(), "evidencias")
PIECED = (
    "texto, actividad_comprometida: el OCR escribió las celdas de la fila mezcladas (una pieza por línea "
    "alternando columnas, o piezas de dos celdas en cada línea); cada pieza se devolvió a su columna por "
    "su contenido (revisar contra el documento)"
)


def _join(parts: list[str]) -> str:
    return " ".join(dehyphenate("\n".join(p.strip() for p in parts if p.strip())).split())


def _word_w(text: str, line: CellLine) -> float:
    """A word's width, in the units of its line (points, or text's character grid)."""
    per_char = (line.x1 - line.x0) / max(len(line.text), 1)
    return per_char * len(text)


def _lettered_items(text: str) -> list[str] | None:
    """'a) Publicar el documento. b) Suscribir los acuerdos.' — items lettered in order on one
    line (an export that joined a cell's lines; dev OCR'd text 41), each an item, with the
    words before 'a)' the list's opening; None unless the marks run in order (a), b), ...)."""
    marks = list(INLINE_LETTER.finditer(text))
    letters = "abcdefghij"
    if len(marks) < 2 or (marks[0]["letter"] != "a" and marks[0].start() > 0):
        return None  # from 'a', or from the mark opening the line ('b) Emitir ... c) Publicar')
    first = letters.index(marks[0]["letter"])
    if [m["letter"] for m in marks] != list(letters[first : first + len(marks)]):
        return None
    cuts = [m.start() for m in marks] + [len(text)]
    head = text[: cuts[0]].strip()
    items = [text[marks[k].end() : cuts[k + 1]].strip() for k in range(len(marks))]
    return [head, *items] if head else items


def flatten(lines: list[CellLine], right: float | None) -> str:
    """The cell's lines as one text, list items joined with '; '."""
    items: list[list[str]] = []
    prev: CellLine | None = None
    for ln in lines:
        text = ln.text.strip()
        if not text:
            continue
        pieces = [p for p in INLINE_BULLET.split(text) if p.strip()]
        if len(pieces) == 1 and "; " in text:  # the shared reader's flattened <ul>: items joined by '; '
            pieces = text.split("; ")
        if len(pieces) > 1:  # '<p>... lo siguiente:</p>' joined to the first item by a space
            pieces = [*INTRO_END.split(pieces[0], maxsplit=1), *pieces[1:]]
        if BULLET.match(text) and len(pieces) == 1 and INLINE_DASH.search(text):
            pieces = [p for p in INLINE_DASH.split(BULLET.sub("", text, count=1)) if p.strip()]
        if len(pieces) == 1:
            pieces = _lettered_items(text) or pieces
        # an OCR'd line that opens with the separator ('; Capacitar al …') splits into an empty first item
        pieces = [p for p in pieces if p.strip()]
        for k, piece in enumerate(pieces):
            new = k > 0 or prev is None or text.startswith(";") or BULLET.match(piece) is not None
            if not new and prev is not None:
                p = prev.text.rstrip()
                first = piece.split()[0]
                if p.endswith(":") or (p.endswith(".") and first[:1].isupper()):
                    new = True
                elif CANNOT_END.search(p):
                    new = False  # 'con el' / 'Programa Sectorial vigente.': one item (ASM 7728)
                elif right is not None and first[:1].isupper():
                    per_char = (prev.x1 - prev.x0) / max(len(prev.text), 1)
                    new = prev.x1 + per_char + _word_w(first, prev) < right - SPACE_W
            piece = BULLET.sub("", piece, count=1)
            if new or not items:
                items.append([piece])
            else:
                items[-1].append(piece)
        prev = ln
    return "; ".join(_join(i) for i in items if _join(i))


@dataclass(frozen=True)
class Fecha:
    """A date cell read: its value and precision, whether it could be read at all (an empty or
    deferred date is readable and null), and each glyph OCR damaged that was read back."""

    value: dt.date | None
    precision: str | None
    readable: bool
    repairs: tuple[tuple[str, str], ...] = ()
    why: str = "letras que el OCR confunde con dígitos, o un nombre de mes con una letra mal leída"


# what follows a period's start when its end was printed too: ' - Febrero 20Z5', ' al 3l de mayo'
# (dev OCR'd text 167 read the start, 'Noviembre 2024', as the date, unflagged)
RANGE_GOES_ON = re.compile(r"^\s*(?:-|–|—|a|al|hasta)\s+\w", re.I)


def _fits(d: DateMatch, text: str) -> bool:
    """The date is the cell's: a kind of date a commitment has, its year printed, no day lost
    before its month, and no more beside it than a date cell holds."""
    if d.precision not in PRECISION or d.year_inferred:
        return False
    if d.precision == Precision.MONTH and LOST_DAY.search(text[: d.start]):
        return False  # a day was printed before the month and cannot be read
    if d.range_from is None and RANGE_GOES_ON.match(text[d.span[1] :]):
        return False  # a period's start whose end OCR damaged ('Noviembre 2024 - Febrero 20Z5'): not the date
    # the words beside the date, the date itself read twice aside (a cell's line that two
    # readings of a row both kept: '31 de octubre de 2017 31 de octubre de 2017')
    found = find_dates(text)
    rest = text if found else text[: d.start] + " " + text[d.span[1] :]
    for other in sorted(found, key=lambda o: -o.span[0]):
        if (other.value, other.precision) == (d.value, d.precision):
            rest = rest[: other.start] + " " + rest[other.span[1] :]
    return len(rest.split()) <= MAX_DATE_EXTRA_WORDS


def read_fecha(text: str) -> Fecha:
    """The date cell read as printed, else with the glyphs OCR damaged read back ('20Z1',
    'Z8 de julio', 'A6ril'), else unreadable: never a guess."""
    # a speck or a rule's stroke OCR read before the day ('-28 de Noviembre de 2023', dev scan 1)
    clean = SPECKS.sub("", " ".join(text.split()).lstrip(LEAD_DEBRIS))
    if NO_DATE.match(fold(clean)):
        return Fecha(None, None, True)
    d = parse_date(clean)
    if d is not None and _fits(d, clean):
        return Fecha(d.value, PRECISION[d.precision], True)
    repaired = parse_damaged_date(clean)
    if repaired is not None and _fits(repaired.match, repaired.text):
        return Fecha(repaired.match.value, PRECISION[repaired.match.precision], True, repaired.repairs)
    return _dashless_range(clean) or _despeckled(clean) or Fecha(None, None, False)


# signs OCR left among a date's words, each undone: a dash after 'de' ('31 de - octubre', 'de-
# 2018', 'del-2023'), 'al' glued to its day ('al31'), a point after a day ('31.de', '31. de'), a
# space inside the year ('Agosto de 201 9', dev ASM scan 8504), a lone
# letter before the year ('de l 2018') or closing the cell ('Por definir A', '... 2022 y')
DATE_SPECKS = (
    (re.compile(r"\b(del?)\s*[-–—]\s*", re.I), r"\1 "),
    (re.compile(r"\bal(?=\d)", re.I), "al "),
    (re.compile(r"(?<=\d)\.(?=de\b)", re.I), " "),
    (re.compile(r"\b(\d{1,2})\.(?=\s+de\b)", re.I), r"\1"),
    (re.compile(r"\b((?:19|20)\d)\s(?=\d\b)"), r"\1"),
    (re.compile(r"(?<=\bde)\.?\s+[lI|]\s+(?=[12]\d{3}\b)", re.I), " "),
    (re.compile(r"(?<=\w)\.(?=\s+[12]\d{3}\b)"), ""),
    (re.compile(r"\s+\S\W*$"), ""),
)
# why a date so read was taken
DESPECKLED = "signos sueltos que el OCR dejó entre las palabras de la fecha, quitados"


def _despeckled(text: str) -> Fecha | None:
    """The date read with the signs OCR left among its words undone (``DATE_SPECKS``), said as a
    repair; None when it still does not read ('1 de junio al 31 de - octubre de 2019', scan 7518)."""
    fixed = text
    for pattern, repl in DATE_SPECKS:
        fixed = pattern.sub(repl, fixed)
    fixed = " ".join(fixed.split())
    if fixed == text:
        return None
    if NO_DATE.match(fold(fixed)):
        return Fecha(None, None, True, ((text, fixed),), DESPECKLED)
    d = parse_date(fixed)
    if d is None or not _fits(d, fixed):
        return None
    return Fecha(d.value, PRECISION[d.precision], True, ((text, fixed),), DESPECKLED)


# why a dashless range was read as one
DASHLESS_RANGE = "dos meses seguidos, el segundo posterior: un periodo cuyo guion el OCR perdió; se toma su fin"


def _dashless_range(text: str) -> Fecha | None:
    """Two months back to back, the second later: a range whose dash OCR dropped as a speck
    ('Julio 2018 Noviembre 2018' for 'Julio 2018 – Noviembre 2018', ASM scan 7802), read as the
    range (its end) and said as a repair. Two days are no such range: two rows' dates that a
    lost number ran together are as likely, and stay a failure."""
    dates = find_dates(text)
    if len(dates) != 2 or any(d.range_from is not None or d.precision != Precision.MONTH for d in dates):
        return None
    first, second = dates
    if first.span[0] != 0 or text[first.span[1] : second.span[0]].strip() or text[second.span[1] :].strip(" ."):
        return None
    if second.value <= first.value:
        return None
    printed = f"{text[: first.span[1]]} – {text[second.span[0] : second.span[1]]}"
    d = parse_date(printed)
    if d is None:
        return None
    return Fecha(d.value, PRECISION[d.precision], True, ((text, printed),), DASHLESS_RANGE)


# the words a date's first part ends with when its cell goes on ('1 de enero al 31 de' / '. mayo
# de 2017', a speck between them): such words before a date are its start, not an activity's
DATE_CUT_END = re.compile(r"\b\d{1,2}\s+(?:\S+\s+){0,4}?(?:de|al|a)\s*$", re.I)


def _spilled_date_cell(raw: RawRow) -> str:
    """The date cell's text, without the activity OCR ran into it: a cell that ends with its
    date after more words than a date cell holds ('la evidencia fotográfica y documental de
    cada acción. Enero 2018', ASM dev OCR'd text 96) hands those words back to the activity
    cell on its left, when that cell is empty or stops short of a full stop (it lost them);
    otherwise the text stays whole and ``read_fecha`` makes the row a failure."""
    text = " ".join(" ".join(raw.fecha_lines).split())
    d = parse_date(text)
    if d is None:
        # a date OCR damaged closing the cell ('... pendientes 30 de abril de Z024', dev OCR'd
        # text 8527): found on the repaired text, when the repairs kept every offset
        repaired = parse_damaged_date(text)
        if repaired is not None and len(repaired.text) == len(text):
            d = repaired.match
    if d is None or text[d.span[1] :].strip(" .;"):
        return text
    start = d.start
    spill = text[:start].strip()
    if len(spill.split()) <= MAX_DATE_EXTRA_WORDS or DATE_CUT_END.search(spill.rstrip(" .,;:'")):
        return text  # (dev ASM scan 8523: '1 de enero al 31 de . mayo de 2017' is one date)
    left = raw.cells.get(ACTIVIDAD, [])
    if left and left[-1].text.rstrip().endswith((".", ":", ";")):
        return text
    raw.add(ACTIVIDAD, CellLine(spill, 0.0, float(len(spill))))
    return text[start:]


# where a date OCR ran into the activity's cell may start: the cell's start, after a list's or
# paragraph's closing tag or after a sentence's end ('... </ul> 5egundo Semestre 2022', '... de
# los proyectos. 28 de Septiembre de 2022')
TAIL_START = re.compile(r"</(?:ul|ol|li|p)>|[.;:](?=\s)")


def _whole_date(text: str) -> bool:
    """The text is a date and nothing else (a full stop aside), as printed or read back from
    OCR's damage."""
    d = parse_date(text)
    if d is None:
        repaired = parse_damaged_date(text)
        if repaired is None:
            return False
        d, text = repaired.match, repaired.text
    return not (text[: d.start] + text[d.span[1] :]).strip(" .")


def _date_run_into_activity(raw: RawRow) -> str:
    """A row with no date whose activity's last line ends with one, alone, after a full stop or
    after its list ('... de los proyectos. 28 de Septiembre de 2022', '30 de Noviembre de 2026'
    under the activity's lines, '... </ul> 5egundo Semestre 2022'): OCR lost the bar before the
    date cell and the date moved into the activity's (dev OCR'd text 34, 88, 7911). The date is
    taken back from the activity and the row says so; an activity that ends with a date inside
    its sentence ('... en diciembre de 2020') or after it ('... 2020.') keeps it."""
    lines = raw.cells.get(ACTIVIDAD, [])
    if raw.fecha_lines and any(t.strip() for t in raw.fecha_lines) or not lines:
        return ""
    last = lines[-1].text.rstrip(" |")
    for start in [0] + [m.end() for m in TAIL_START.finditer(last)]:
        tail = last[start:].strip()
        if tail and _whole_date(tail):
            before = last[:start].rstrip().removesuffix(";").rstrip()
            if before:
                lines[-1] = CellLine(before, lines[-1].x0, lines[-1].x1)
            else:
                lines.pop()
            raw.date_moved = True
            return tail
    return ""


def to_record(raw: RawRow, rights: dict[str, float], meta: dict) -> tuple[dict | None, Failure | None]:
    fecha_text = _spilled_date_cell(raw) or _date_run_into_activity(raw)
    rec: dict = {
        "tipo": raw.tipo,
        "numero": raw.numero,
        "texto": _join([c.text for c in raw.cells.get(TEXTO, [])]),
        "actividad_comprometida": flatten(raw.cells.get(ACTIVIDAD, []), rights.get(ACTIVIDAD)) or None,
        "programa_evaluado": meta.get("programa_evaluado"),
        "sujeto_evaluado": meta.get("sujeto_evaluado"),
        "tipo_evaluacion": meta.get("tipo_evaluacion"),
        "pae": meta.get("pae"),
        "page": raw.page,
    }
    for role, col in EXTRA.items():
        if role in raw.cells:
            rec[col] = _join([c.text for c in raw.cells[role]])
    if EVIDENCIAS in raw.cells:
        rec["evidencias"] = flatten(raw.cells[EVIDENCIAS], rights.get(EVIDENCIAS))
    box = BBox.union(b for p, b in raw.boxes if p == raw.page)
    if box is not None:
        rec.update(x0=box.x0, top=box.top, x1=box.x1, bottom=box.bottom)
    fecha = read_fecha(fecha_text)
    rec["fecha_compromiso"], rec["fecha_precision"] = fecha.value, fecha.precision
    rec["fecha_texto"] = " ".join(fecha_text.split()) or None
    corrected, comments = [], []
    if raw.read_numero is not None:
        corrected.append("numero:corregido")
        read = f"leído '{raw.read_numero}'" if raw.read_numero else "no leído"
        comments.append(
            f"numero: {read}, entre filas que piden {raw.numero} (la numeración de la tabla es consecutiva; "
            "el OCR confunde o pierde dígitos)"
        )
    if fecha.repairs:
        corrected.append("fecha_compromiso:corregido")
        read = ", ".join(f"'{a}' como '{b}'" for a, b in fecha.repairs)
        comments.append(
            f"fecha_compromiso: impresa '{rec['fecha_texto']}', dañada por el OCR; leído {read} ({fecha.why})"
        )
    if raw.date_moved:
        corrected.append("fecha_compromiso:corregido")
        comments.append(DATE_MOVED)
    if raw.reattached:
        corrected.append("texto:corregido")
        comments.append(REATTACHED)
    if raw.ordered:
        corrected += [f"{f}:corregido" for f in ORDERED_FIELDS if rec.get(f)]
    if raw.pieced:
        corrected += [f"{f}:corregido" for f in ("texto", "actividad_comprometida") if rec.get(f)]
        comments.append(PIECED)
    if raw.date_lost and fecha.value is None and not fecha_text.strip():
        comments.append(DATE_LABEL_ONLY)
    if raw.note:
        comments.append(raw.note)
    if corrected:
        rec["corrected"] = corrected
    if comments:
        rec["comentario_extraccion"] = "; ".join(comments)
    if raw.covered and fecha.value is None:
        return None, Failure(
            "extract",
            "unreadable_date",
            f"{raw.tipo} {raw.numero} (page {raw.page}): the committed date is covered by a mark (a blot or a "
            "stamp) and cannot be read; check the original document and enter it by hand",
            json.dumps({**rec, "fecha_texto": None}, ensure_ascii=False, default=str),
        )
    if raw.date_column_lost and fecha.value is None and not fecha_text.strip():
        return None, Failure(
            "extract",
            "unreadable_date",
            f"{raw.tipo} {raw.numero} (page {raw.page}): the table is a CONEVAL follow-up form, which prints a "
            "date column ('Fecha de término'), and no date column was found in it (its label was lost); "
            "check the row in the document and enter its date by hand",
            json.dumps({**rec, "fecha_texto": None}, ensure_ascii=False, default=str),
        )
    if not fecha.readable:
        failure = Failure(
            "extract",
            "unreadable_date",
            f"{raw.tipo} {raw.numero} (page {raw.page}): the committed date {fecha_text!r} could not be read as a "
            "date; check the cell in the document and enter it by hand",
            json.dumps({**rec, "fecha_texto": fecha_text}, ensure_ascii=False, default=str),
        )
        return None, failure
    if not rec["texto"]:
        return None, Failure(
            "extract",
            "empty_row",
            f"{raw.tipo} {raw.numero} (page {raw.page}): "
            + (raw.note if raw.note else "a numbered row with no text was found; check the table"),
            json.dumps(rec, ensure_ascii=False, default=str),
        )
    return rec, None

"""A single-spaced ASM row whose wrapped cells OCR read line by line across the row.

Tesseract reads a row of wrapped cells the way the eye crosses it: output line k holds line k of
the finding, then line k of the activity, then line k of the date, each cut where its column
wraps:

    7 Por su parte, se observa que el Realizar las gestiones correspondientes para cuarto trimestre de
    subprograma de los servicios de salud a la lograr la asignación de presupuesto en el 2025
    población sin seguridad social no cuenta ejercicio fiscal subsecuente.
    con presupuesto asignado.

Nothing marks where one cell's piece ends and the next one's starts, so the cut is made from what
the pieces are: the date's pieces close their lines and are words a date is made of; the first
line's activity starts at an order ('Realizar', 'Implementar') or a list mark; and every line of
the finding, but its last, is about as long as the first, because they wrap at the same column
edge. The finding ends on the line whose piece of that length closes a sentence.
"""

from __future__ import annotations

import regex

from papeleo.text import fold
from papeleo.text.dates import DE_LOOKALIKE, MONTHS

from .labels import ACTIVIDAD, FECHA, GARBLED_DAY, TEXTO

# an activity is worded as an order: a capitalised infinitive ('Implementar', 'Diseñar',
# 'Establecer', 'Difundir'); the readers of every text form open an activity at one (as a
# pattern's piece: each reader puts its own bullets and context around it)
ORDER_TAIL = r"\p{Ll}+(?:ar|er|ir)\b"
ORDER = r"\p{Lu}" + ORDER_TAIL
# ... or at 'Para su atención se realizarán las siguientes acciones:'
FOR_ITS = r"Para\s+su\b"
# a list mark opening an item, as printed or as tesseract reads a bullet off a scan: '+ Publicar',
# '» Someter', '« Actualizar', '-* Impartir' (real-path ASM 7910)
BULLET_READ = r"[•▪●◦+»«*\-–—]{1,2}"
# where the activity starts on the row's first line: a capitalised infinitive after a word of the
# finding ('... que el Realizar las gestiones'), 'Para su atención ...', or a list mark (also a
# bullet as tesseract reads it off a scan: '+ Publicar', '» Someter')
FIRST_ACTIVITY = regex.compile(
    r"(?<=\S)\s+(?=(?:[•▪●◦+»\-–—]\s*)?" + ORDER + "|" + FOR_ITS + r"|[•▪●◦+»]\s|[\-–—]\s+\p{Lu}|[a-e]\)\s)"
)
# a list item of the activity opening a piece: '- Publicar', '• Depurar', 'b) Verificar'
ITEM_START = regex.compile(r"^(?:[•▪●◦+»\-–—]\s|[a-e]\)\s)")
# words a date cell is made of ('cuarto trimestre de', '2025', '30 de junio', 'N/A', '–')
DATE_WORD = regex.compile(
    rf"^(?:{'|'.join(MONTHS)}|\d{{1,4}}[.,]?|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|primer|segundo|tercer|cuarto|trimestre"
    rf"|semestre|{DE_LOOKALIKE}|del|al|a|[-–—]|n/a|s/f|por|definir)$"
)
# a word that is a day OCR garbled ('l de enero')
GARBLED_DAY_WORD = regex.compile(rf"^{GARBLED_DAY}$")
# words that cannot open a date's piece on its own ('de 2025' is the activity's 'de' + a year)
DATE_JOINER = regex.compile(rf"^(?:{DE_LOOKALIKE}|del|al|a|[-–—])$")
# the finding's column is narrower than its first line with the next line's first word (that
# word did not fit); a line may run this much over that in characters (proportional type: the
# column holds more narrow letters); more takes the activity's first words into the finding
WIDTH_SLACK = 1.05
# the first line's finding must hold this many words before an activity can start on it
MIN_FIRST_WORDS = 3


def date_tail(words: list[str]) -> int:
    """How many of the line's last words are a piece of its date cell."""
    k = len(words)
    while k > 0 and DATE_WORD.match(fold(words[k - 1]).strip("()")):
        k -= 1
    while k < len(words) and DATE_JOINER.match(fold(words[k])):
        k += 1  # a piece does not start with 'de': that word ends the activity's line
    if k >= 2 and DATE_JOINER.match(fold(words[k - 1])) and GARBLED_DAY_WORD.match(words[k - 2]):
        k -= 2  # 'l de enero del 2023': a day OCR garbled stays with its date (a failure, not a month)
    return len(words) - k


def first_cut(line: str) -> int | None:
    """Where the activity starts on the row's first line (an offset), or None."""
    for m in FIRST_ACTIVITY.finditer(line):
        if len(line[: m.start()].split()) >= MIN_FIRST_WORDS:
            return m.end()
    return None


def _finding_piece(words: list[str], width: float) -> int:
    """How many of a line's words are the finding's piece: the longest run that fits the finding's
    width and closes a sentence (the first whose next word is in lower case: 'vigente. vigente.',
    dev OCR'd text 59), else the longest that fits; an item mark ends it early, and a
    piece ending in ':' is the activity's opening ('... las siguientes acciones:'), not a finding's."""
    best, closing = 0, None
    for k in range(1, len(words) + 1):
        if len(" ".join(words[:k])) > width:
            break
        if k < len(words) and ITEM_START.match(" ".join(words[k:])):
            best = k
            break
        if not words[k - 1].endswith(":"):
            best = k
        if words[k - 1].endswith("."):
            closing = k
            if k < len(words) and words[k][:1].islower():
                break  # a sentence does not go on in lower case: the words after are the activity's
    return closing if closing is not None else best


def interleaved_cells(lines: list[str], roles: list[str | None]) -> dict[str, list[str]] | None:
    """The finding's, activity's and date's lines of a row read across (its lines, the number
    taken off the first); None when the first line shows no start of an activity."""
    dated = FECHA in roles
    rows = [ln.split() for ln in lines]
    dates: list[str] = []
    if dated:
        for words in rows:
            k = date_tail(words)
            if k:
                dates.append(" ".join(words[len(words) - k :]))
                del words[len(words) - k :]
    first = " ".join(rows[0])
    cut = first_cut(first)
    if cut is None:
        return None
    out: dict[str, list[str]] = {TEXTO: [first[:cut].strip()], ACTIVIDAD: [first[cut:].strip()]}
    nxt = next((words[0] for words in rows[1:] if words), "")
    width = (len(out[TEXTO][0]) + 1 + len(nxt)) * WIDTH_SLACK
    open_finding = not out[TEXTO][0].endswith(".")
    for words in rows[1:]:
        if not words:
            continue
        k = _finding_piece(words, width) if open_finding else 0
        if k:
            out[TEXTO].append(" ".join(words[:k]))
            open_finding = not words[k - 1].endswith(".")
        if k < len(words):
            out[ACTIVIDAD].append(" ".join(words[k:]))
    if dated:
        out[FECHA] = [" ".join(dates)] if dates else []
    return out

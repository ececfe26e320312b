"""Where a table's head stands in OCR'd text, as lines: the head above the first row that has
one, printed on one line, over several (group labels over quarter labels), or one label per
line; and which lines open a row (a level word first).

Split from ``lines.py``, which reads the rows under the head this finds.
"""

from __future__ import annotations

import regex

from papeleo.text.normalize import fold

from .columns import WORDS, name_to_labels
from .fields import nivel_of
from .row_tokens import numeric_run

# a head line names at least this many kinds of column; fewer is a sentence that happens to
# say 'meta' or 'indicador' (more would miss heads split over several lines)
MIN_HEAD_LABELS = 3
# the group labels of a head ('Meta programada  Alcanzado' over 'Ene-Mar … Oct-Dic Ene-Mar …')
# may stand on at most this many lines above its first line of three kinds; without them a
# head read by tesseract from a scan gave no alcanzado column (dev MIR OCR'd text 101: 1 of 246
# numbers). More would reach the title block, which names 'indicadores' and 'meta'
MAX_GROUP_LINES = 2
# a long line is head when labels cover at least this share of its words: one misread sub-label
# in eight ('Mela' for 'Meta', dev MIR OCR'd text 131) no longer hides a head printed one cell
# per line above it; lower would let a sentence naming 'meta' and 'avance' pass for head
MIN_LABEL_SHARE = 0.75
# an OCR stray among head labels: a word of at most this many letters or digits ('A', 'i', '.')
MAX_STRAY_LEN = 1
STRAY = regex.compile(r"[^\p{L}\p{N}]")
# a head is read from at most this many lines before the first row (cells one per line print
# a head over many lines; more would take the title block for a head)
MAX_HEAD_LINES = 40
# a head printed one cell per line has at most this many words on a line ('Frecuencia de
# medición', 'Meta anual programada'); a longer line is the title block above the head
MAX_HEAD_CELL_WORDS = 6
# the labels a head printed one per line starts with: a title line above it may name an
# indicator ('Avance de Indicadores de la MIR'), not a level, a code or an objective
HEAD_OPENERS = frozenset({"nivel", "clave", "resumen"})
# a run of this many numbers after text is a row's, never a head's: a head prints at most a
# year or two among its labels ('Avance 2023'); at 2 a head line 'Meta 2023 2024' would be a row
MIN_HEAD_ROW_NUMBERS = 3
# a word of text: 'Contribuir', 'F1N' (a level word OCR damaged)
WORD_TOKEN = regex.compile(r"^\p{L}[\p{L}\p{N}]*")
# a Markdown table line: '| FIN | 1 Contribuir a impulsar el desarrollo | PPJMRM= Promedio de | …'
PIPED = regex.compile(r"^\s*\|")
PIPE = regex.compile(r"\s*\|\s*")


def unpipe(line: str) -> str:
    """A Markdown table line without its pipes: '| FIN | 1 Contribuir … |' -> 'FIN  1 Contribuir …'."""
    return PIPE.sub("  ", line).strip() if PIPED.match(line) else line


def row_start(line: str) -> bool:
    """A line a row opens with: its first word a level word ('Fin', 'ACTIVIDAD', '| FIN |')."""
    words = unpipe(line).split()
    return bool(words) and nivel_of(words[0]) is not None


def kinds_of(line: str) -> set[str]:
    """The kinds of column a line names as a head would ('nivel', 'meta', 'prog'; quarters aside)."""
    return {lb.kind for lb in name_to_labels(line) if lb.kind != "q"}


def _all_labels(line: str) -> bool:
    """Whether every word of a line is a head label: a row of sub-labels ('Ene-Mar Abr-Jun
    Jul-Sep Oct-Dic Ene-Mar Abr-Jun Jul-Sep') is head however many cells it prints."""
    labels = name_to_labels(line)
    return bool(labels) and sum(lb.end - lb.start for lb in labels) == len(WORDS.findall(fold(line)))


def mostly_labels(line: str) -> bool:
    """Whether the head labels of a line cover at least MIN_LABEL_SHARE of its words: a row of
    sub-labels with one misread ('Mela Real Meta Real Meta Real Meta Real') is still head."""
    labels = name_to_labels(line)
    words = len(WORDS.findall(fold(line)))
    return bool(labels) and sum(lb.end - lb.start for lb in labels) >= MIN_LABEL_SHARE * words


def _labels_only(line: str) -> bool:
    """A line of head labels and OCR strays only ('. A i i Meta programada Alcanzado'): the group
    labels over a head's quarter labels, which name too few kinds to be a head line themselves."""
    kept = " ".join(w for w in line.split() if len(STRAY.sub("", w)) > MAX_STRAY_LEN)
    return bool(kept) and _all_labels(kept)


def find_head(lines: list[str]) -> tuple[int, int] | None:
    """(first, end) line indexes of the head above the first row start that has one: a line
    naming MIN_HEAD_LABELS kinds within MAX_HEAD_LINES above it, or — a head printed one
    label per line (cells one per line) — the short lines just above it, naming
    MIN_HEAD_LABELS kinds between them (a line of labels only among them, however long)."""
    kinds = [kinds_of(ln) for ln in lines]
    for j, line in enumerate(lines):
        if not row_start(line):
            continue
        window = range(max(0, j - MAX_HEAD_LINES), j)
        # a row is never the head, however many kinds its text names ('Fin 6.4 Contribuir …
        # PRENUA= Porcentaje … Unidad de medida: …' read as the head of the rows below it)
        full = [i for i in window if len(kinds[i]) >= MIN_HEAD_LABELS and not row_start(lines[i])]
        if full:
            first = full[0]
            while (
                first > 0 and full[0] - first < MAX_GROUP_LINES and kinds[first - 1] and _labels_only(lines[first - 1])
            ):
                first -= 1
            return first, j
        block = []
        for i in range(j - 1, max(-1, j - MAX_HEAD_LINES), -1):
            if len(lines[i].split()) > MAX_HEAD_CELL_WORDS and not mostly_labels(lines[i]):
                break
            block.append(i)
        named = sorted(i for i in block if kinds[i])
        openers = [i for i in named if kinds[i] & HEAD_OPENERS]
        named = [i for i in named if i >= openers[0]] if openers else named
        if named and len(set().union(*(kinds[i] for i in named))) >= MIN_HEAD_LABELS:
            return named[0], j
    return None


def row_in_head(line: str) -> bool:
    """A row the head's span took in: text, then a run of MIN_HEAD_ROW_NUMBERS numbers, on a line
    that is not mostly head labels. Its level word OCR damaged ('F1N 5.5 Contribuir a … 798 545
    1128 562 513 545 3033 100%', validation MIR OCR'd text 1018), the first row start found is
    the next row's, and every line before it was read as head: the Fin lost, and the head's
    columns grown by the labels its text names ('programados', 'meta')."""
    tokens = unpipe(line).split()
    start, stop = numeric_run(tokens)
    return (
        stop - start >= MIN_HEAD_ROW_NUMBERS
        and any(WORD_TOKEN.match(t) for t in tokens[:start])
        and not mostly_labels(line)
    )

"""Words of a page → visual lines, and what a line is: a header's labels, a wrapped cell, prose.

Why apart from the table reader: OCR groups words by column, so a table's row comes back as
several OCR lines; rebuilt from the words' boxes they are one line again, and a line's gaps and
words say whether it can be a header (labels far apart), a cell's wrapped words or prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from papeleo.model import Page, Word
from papeleo.text.normalize import fold

from .header import GROUP_WORDS, HEADER_WORD
from .text_header import LABEL_FILLERS, role_of_word
from .tokens import is_score, score_words

# words whose vertical centres are within this share of the median word height are on one line
LINE_TOLERANCE = 0.5
# a header line's labels stand at least this many word heights apart; prose words are one space apart
LABEL_GAP = 1.5
# a line of this many words or fewer may be a header line whatever its gaps ('Metas', 'final desempeño')
SHORT_LINE_WORDS = 4
# share of a line's words (fillers left out) that name columns ('Evaluado(a) Plaza Desempeño') for
# it to be read as a header line; a first row's wrapped line above its scores ('Berenice Teresa
# Karla Olvera Enlace de Alto Nivel de') or a running header ('... DEL ESTADO DE LOS CEDROS') has
# one such word, and would place a column
LABEL_LINE_SHARE = 0.5
# a line of single-spaced words running over this share of the table's width is prose (a wrapped
# cell's words, even five of them, span one column)
PROSE_SPAN = 0.6


@dataclass(frozen=True)
class VLine:
    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(w.bbox.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bbox.bottom for w in self.words)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def n_scores(self) -> int:
        return sum(is_score(w) for w in score_words([w.text for w in self.words]))


def visual_lines(page: Page) -> tuple[list[VLine], float]:
    """The page's words as lines by their vertical centres, and the median word height."""
    words = sorted((w for w in page.words if w.bbox is not None and w.text.strip()), key=lambda w: w.bbox.y_center)
    if not words:
        return [], 0.0
    height = median(w.bbox.height for w in words)
    lines: list[list[Word]] = []
    for w in words:
        if lines and abs(w.bbox.y_center - median(x.bbox.y_center for x in lines[-1])) <= LINE_TOLERANCE * height:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [VLine(tuple(sorted(ln, key=lambda w: w.bbox.x0))) for ln in lines], height


def tabular(line: VLine) -> bool:
    """A header line: its labels stand apart (wide gaps) or it is a label or two; a line of prose
    ('... la calificación final y las competencias ...') runs on with single spaces."""
    if len(line.words) <= SHORT_LINE_WORDS:
        return True
    height = median(w.bbox.height for w in line.words)
    gaps = [b.bbox.x0 - a.bbox.x1 for a, b in zip(line.words, line.words[1:])]
    return max(gaps) > LABEL_GAP * height


def label_words(line: VLine) -> list[str]:
    return [m.group() for w in line.words if (m := HEADER_WORD.search(w.text))]


def label_share(line: VLine) -> float:
    """Share of a line's words, label fillers ('de', 'la', 'alcanzado') left out, that name a
    column or a group of columns: 1 for a header line, little for a running header ('LOS CEDROS
    CONSEJO DE LA JUDICATURA DEL ESTADO ...': one of five) or a row's wrapped words."""
    words = [w for w in label_words(line) if fold(w) not in LABEL_FILLERS or role_of_word(w)]
    if not words:
        return 1.0 if label_words(line) else 0.0
    labels = [w for w in words if role_of_word(w) or fold(w) in GROUP_WORDS]
    return len(labels) / len(words)


def width_of(rows: list[VLine]) -> float:
    return max(w.bbox.x1 for ln in rows for w in ln.words) - min(w.bbox.x0 for ln in rows for w in ln.words)


def is_prose(line: VLine, table_width: float) -> bool:
    """Single-spaced words across most of the table's width: a line of prose, no wrapped cell
    (a cell's wrapped words, 'Navarro Sánchez con el Instituto Nacional', span a column or two)."""
    span = line.words[-1].bbox.x1 - line.words[0].bbox.x0
    return not tabular(line) and span > PROSE_SPAN * table_width

"""The header of an ASM table in single-spaced OCR'd text: on one line, or one label per line.

A header names the table's columns and its kind (findings or recommendations). OCR writes it
on one line ('Núm. Hallazgo Actividades comprometidas Fecha comprometida'), one label per line
('No.' / 'Hallazgo' / ...), the number's label alone over the rest, or with the date's label
above it ('Fecha de' over the header's line). It may also lose the number's label, which is
small and stands over a narrow column: tesseract drops a lone '#' or reads it as another sign
('$', '1'), and writes 'Hallazgo' on a line of its own over 'Acción de mejora comprometida
Fecha compromiso' (real-path ASM 7910). The rows below are still numbered; only their label
is gone, so the header is read as if it had it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex
from rapidfuzz import fuzz, process

from .coneval_line import SHAPES
from .labels import (
    ACTIVIDAD,
    FECHA,
    LABEL_FLOOR,
    LABELS,
    NUMERO,
    RECOMENDACION,
    TEXTO,
    clean_label,
    role_of,
    role_of_fragments,
    row_number,
)

# an agreement's clause heading ('CUARTA. Cumplimiento. “LAS PARTES” determinarán ...'): the
# table above it has ended, whatever row is open (ASM 7719: its last row took the clause)
CLAUSE_HEADING = regex.compile(
    r"^(?:PRIMERA|SEGUNDA|TERCERA|CUARTA|QUINTA|SEXTA|S[ÉE]PTIMA|OCTAVA|NOVENA|D[ÉE]CIMA)\b[^.]{0,20}\.\s"
)
# a header label on a line of its own is short ('Descripción de la recomendación')
MAX_LABEL_CHARS = 40
# a header's '#' OCR read as another lone sign ('$ Hallazgos Actividades comprometidas', ASM dev
# OCR'd text 85 lost its two tables): one sign alone before the labels is the number's label
NUMBER_SIGN_READ = regex.compile(r"^\s*[^\w\s#](?=\s+\p{L})")
# the number's label OCR read as one or two other characters ('1 Recomendación Acción de mejora
# comprometida Fecha compromiso', real-path ASM 7910; '$H Hallazgo Acción ...', 'E Recomendación
# ...', 7957; 'NP? Descripción de la recomendación ...' for 'N°', real-path ASM 197; 'Ndm.' for
# 'Núm.', dev 192; four characters only with the abbreviation's period: 'Cada hallazgo ...' is
# prose): kept only when the finding's or the recommendation's label comes right after it and the
# rest is labels
NUMBER_LABEL_READ = regex.compile(r"^\s*(?:\S{1,3}|\S{3}\.)(?=\s+\p{L})")
# the number's label, alone on its line, as OCR garbled it ('LN?' for 'N°', real-path ASM 161)
NUMBER_LABEL_GARBLED = regex.compile(r"^\s*\S{1,3}\s*$")
# words of the labels, for a header's second line that holds only the ends of its two-line labels
# ('comprometida' under 'Fecha', '9 J p comprometida' where OCR read rules as letters, 7957)
LABEL_WORDS = frozenset(w for stems in LABELS.values() for stem in stems for w in stem.split() if len(w) > 2)
# a word this short beside a header's labels is a rule's or a speck's reading ('ESE j', 'AN'),
# or a label's article ('de', 'la', 'del'); longer, it is a word of a sentence, not a header's
MAX_SPECK_CHARS = 3
NUMBER_LABELS = ("no", "num", "n", "#", "nº", "n°")


def _named(words: list[str]) -> dict[str, tuple[int, str]]:
    """Each role a label of which the words hold: (where its label starts, the label's stem).
    Each label is matched on a window of as many words as it has, as fuzzily as a header cell
    ('Recomenclacíon')."""
    found: dict[str, tuple[int, str]] = {}
    for role, stems in LABELS.items():
        if role == NUMERO:
            continue
        for stem in stems:
            size = len(stem.split())
            for k in range(1, len(words) - size + 1):
                if fuzz.ratio(" ".join(words[k : k + size]), stem) >= LABEL_FLOOR:
                    if k < found.get(role, (len(words), ""))[0]:
                        found[role] = (k, stem)
                    break
    return found


def header_roles(text: str) -> tuple[list[str], str] | None:
    """The roles a single-spaced header names, in the order it names them, and the table's kind;
    None if it is not a number / text / activity (/ date) header."""
    if NUMBER_SIGN_READ.match(text):
        text = "#" + text.lstrip()[1:]
    words = clean_label(text).split()
    if not words:
        return None
    lost = words[0] not in NUMBER_LABELS
    if lost and NUMBER_LABEL_READ.match(text):
        words = ["#", *clean_label(text[NUMBER_LABEL_READ.match(text).end() :]).split()]
    elif lost:
        words = ["#", *words]  # no label before the finding's: the number's was dropped
    found = _named(words)
    if lost and (found.get(TEXTO, (0, ""))[0] != 1 or not header_tail(" ".join(words[1:]))):
        return None  # without its number's label, a header opens with the finding's, and says no more
    roles = [r for r, _ in sorted(found.items(), key=lambda kv: kv[1][0])]
    if roles not in ([TEXTO, ACTIVIDAD], [TEXTO, ACTIVIDAD, FECHA]) and tuple(roles) not in SHAPES:
        return None
    tipo = "recomendacion" if RECOMENDACION.search(found[TEXTO][1]) else "hallazgo"
    return [NUMERO, *roles], tipo


def _garbled_number_label(text: str) -> bool:
    """The number's label alone on its line as OCR garbled it ('LN?', 'N*'), not a row's number."""
    return NUMBER_LABEL_GARBLED.match(text) is not None and row_number(text) is None


def header_tail(text: str) -> bool:
    """A line that holds only the ends of a header's two-line labels, and specks: the header's
    second line ('comprometida', '9 J p comprometida')."""
    words = [w for w in clean_label(text).split() if len(w) > MAX_SPECK_CHARS]
    return bool(words) and all(
        w in LABEL_WORDS or process.extractOne(w, LABEL_WORDS, scorer=fuzz.ratio, score_cutoff=LABEL_FLOOR)
        for w in words
    )


def with_date_above(roles: list[str], above: bool) -> list[str]:
    """A header's roles with the date's when its label stood above the header's lines (``above``)
    and the header named none itself: the date column, last."""
    return [*roles, FECHA] if above and FECHA not in roles else roles


# the columns of an agreement's table and of the CONEVAL annexes, in the order each prints them
KNOWN_ORDERS = ((NUMERO, TEXTO, ACTIVIDAD, FECHA), *((NUMERO, *shape) for shape in SHAPES))


@dataclass
class Step:
    """What a line did to the header being read."""

    heading: tuple[list[str], str] | None = None  # a header ended: its roles and the table's kind
    consumed: bool = False  # the line was the header's: it is no row's
    close: bool = False  # the row open above has ended
    from_right: bool = False  # the header was written from its last column: so are its rows' lines


@dataclass
class HeadReader:
    """Reads headers line by line; keeps what a header written over several lines has named."""

    labels: list[str] = field(default_factory=list)
    label_texts: list[str] = field(default_factory=list)
    label_tipo: str = "hallazgo"
    date_above: bool = False  # the line above was the date's label
    after_header: bool = False  # the line above was a header read on one line
    # labels read from the right, one per line ('Acción de mejora comprometida' / 'Hallazgos' /
    # 'Núm.'): tesseract wrote the header's line from its last column (dev OCR'd text 65, ASM 7946)
    from_right: list[str] = field(default_factory=list)
    header_date_above: bool = False  # the date's label stood above the labels being read

    def read(self, text: str, following: str) -> Step:
        """The step ``text`` makes; ``following`` is the next non-blank line (a finding's label
        alone is a header's only when the activity's comes next)."""
        hdr = header_roles(text) if len(clean_label(text).split()) > 1 else None
        if hdr is not None:
            hdr = (with_date_above(hdr[0], self.date_above), hdr[1])
            self.date_above, self.after_header = False, True
            return Step(hdr, consumed=True, close=True)
        if self.after_header and (header_tail(text) or (len(text) <= MAX_LABEL_CHARS and role_of(text) == NUMERO)):
            # the header's second line: its labels' ends, or the number's label centred under
            # the line ('Descripción de la recomendación Actividad comprometida' / 'No.' /
            # 'cumplimiento', dev OCR'd text 59)
            return Step(consumed=True)
        self.after_header = False
        short = len(text) <= MAX_LABEL_CHARS
        label = role_of(text) if short else None
        if label is None and self.labels and short:
            # while a header is read: a label half garbled ('Fecha comporome: EM'), or cut over
            # its lines ('Fecha de' / ... / 'cumplimiento'), or the number's as signs ('N*'
            # after 'Descripción del hallazgo', real-path ASM 7820)
            label = FECHA if role_of_fragments(text, whole=True) == FECHA else None
            if _garbled_number_label(text):
                label = NUMERO
        # the date's label cut over the head's lines: its first words above ('Fecha de')
        above = label == FECHA or (not self.labels and short and role_of_fragments(text, whole=True) == FECHA)
        # ... not a row's date label, which a colon closes ('Fecha comprometida de cumplimiento:'
        # under a row, over the header a new page repeats: ASM 7929)
        above = above and not text.endswith(":")
        was_date_above, self.date_above = self.date_above, above
        if above and not self.labels and header_roles(following) is not None:
            return Step(consumed=True)  # the header's, not a cell's: 'Fecha' over a row cut by the page (7957)
        step = self._from_right(text, label, following, was_date_above)
        if step is not None:
            return step
        if self.labels[:1] == [NUMERO] and ACTIVIDAD not in self.labels and label is None:
            # the number's label on its own line, the others on the next ('NO.' / 'Descripción
            # del hallazgo Actividad comprometida', dev OCR'd text 59)
            rest = header_roles(" ".join(["#", *self.label_texts[1:], text]))
            if rest is not None:
                roles = with_date_above(rest[0], self.header_date_above)
                self.labels, self.label_texts = [], []
                return Step((roles, rest[1]), consumed=True, close=True)
        if label == TEXTO and not self.labels and self._opens_header(text, following):
            self.labels, self.label_texts = [NUMERO], ["#"]
            self.header_date_above = was_date_above
        if label == NUMERO or (self.labels and label is not None):
            if not self.labels:
                self.header_date_above = was_date_above
            if label not in self.labels:  # a label's second line names it again: one column
                self.labels.append(label)
                self.label_texts.append(text)
            if label == TEXTO:
                self.label_tipo = "recomendacion" if RECOMENDACION.search(clean_label(text)) else "hallazgo"
            return Step(consumed=True, close=True)
        if not self.labels:
            return Step()
        labels, self.labels, self.label_texts = self.labels, [], []
        if TEXTO not in labels:
            return Step()
        order = next((o for o in KNOWN_ORDERS if set(labels) <= set(o)), None)
        if order is not None:
            # a form's columns come in its fixed order: a two-line date label starts above the
            # others and OCR writes it before the activity's ('No. Recomendación' / 'Fecha
            # compromiso de' / 'Actividad comprometida SaCÍóN', dev OCR'd text 132; 'Fecha de'
            # before 'Aspecto Susceptible de Mejora' in a CONEVAL annex, real-path ASM 7721)
            labels = sorted(labels, key=order.index)
        return Step((with_date_above(labels, self.header_date_above), self.label_tipo))

    def _from_right(self, text: str, label: str | None, following: str, date_above: bool) -> Step | None:
        """A header's labels one per line from its last column to the number's, or None when the
        line is not one of them. It opens with the activity's or the date's label followed by
        another label, and ends at the number's once the finding's and the activity's came."""
        if not self.from_right:
            starts = label in (ACTIVIDAD, FECHA) and not self.labels and not text.endswith(":")
            if not starts or len(following) > MAX_LABEL_CHARS or role_of(following) not in (TEXTO, ACTIVIDAD):
                return None
            self.from_right = [label, FECHA] if date_above else [label]  # 'Fecha de' over them (dev 65)
            return Step(consumed=True, close=True)
        if label in (TEXTO, ACTIVIDAD, FECHA) and label not in self.from_right:
            self.from_right.append(label)
            if label == TEXTO:
                self.label_tipo = "recomendacion" if RECOMENDACION.search(clean_label(text)) else "hallazgo"
            return Step(consumed=True, close=True)
        named, self.from_right = self.from_right, []
        if TEXTO not in named or ACTIVIDAD not in named:
            return None
        roles = [NUMERO, TEXTO, ACTIVIDAD] + ([FECHA] if FECHA in named else [])
        if label == NUMERO or (_garbled_number_label(text)):
            self.after_header = True
            return Step((roles, self.label_tipo), consumed=True, close=True, from_right=True)
        # the number's label lost: the header ended at the finding's; the line is the table's
        return Step((roles, self.label_tipo), close=True, from_right=True)

    @staticmethod
    def _opens_header(text: str, following: str) -> bool:
        """A finding's label alone opens a header whose number's label OCR lost when the next
        line is the activity's label, or the rest of the header; a label a colon closes is a
        label/value sheet's (ASM 7716), not a table's."""
        if text.endswith(":"):
            return False  # a sheet's label ('Aspecto Susceptible de Mejora:' over 'Acción a emprender:')
        short = len(following) <= MAX_LABEL_CHARS
        # the activity's label next, the date's first line (a two-line label starts higher), or
        # the number's (tesseract wrote the finding's first: 'Descripción del hallazgo' / 'N*')
        return (short and role_of(following) in (ACTIVIDAD, FECHA, NUMERO)) or header_roles(
            f"# {text} {following}"
        ) is not None

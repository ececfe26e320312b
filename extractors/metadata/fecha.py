"""The document's date, from the formula that dates it, with the basis it was read from.

Documents date themselves in a few set ways, and a reader trusts them in this order:

1. signing or approval of the document itself: 'El presente Convenio se firma por triplicado
   ... el 3 de junio de 2019', 'El presente Acuerdo fue aprobado ... celebrada con fecha 24 de
   octubre de 2020', 'Fecha de elaboración: 12 de julio de 2024';
2. a dateline: 'San Francisco de Campeche, Campeche, a 21 de abril de 2025', 'San Bartolomé,
   17 de abril de 2023.' — a place, a comma, the date;
3. a printed date in the page furniture: 'rptResultadoIndicadores FECHA: 23/04/2025 03:20:09 p. m.';
4. a cut-off: 'Fecha de corte: 30 de junio de 2024', 'Con fecha de corte al 27 de marzo de 2023'.

Dates the text narrates ('con fecha 21 de agosto del año 2023, se presentó ...', 'oficio ... de
fecha 30 de octubre de 2023') date other things and are never taken; nor is a date read inside
a reference number ('SFP-DGA-01-02-2019': papeleo.text.dates keeps those out). Only a full day
counts: a document dated 'Abril 2023' has no day a reader could give.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

import regex

from papeleo.text.dates import MONTHS, DateMatch, Precision, find_dates, month_of
from papeleo.text.normalize import fold_keep_offsets, is_digitlike, letters_to_digits
from papeleo.text.vocab import Vocabulary

from .layout import HEAD_LINES, Layout, PageView

log = logging.getLogger(__name__)

# strengths of a date's basis (higher wins)
SIGNING, DATELINE, PRINTED, CUTOFF = 4, 3, 2, 1
BASIS_NAMES = {SIGNING: "firma", DATELINE: "lugar_y_fecha", PRINTED: "fecha_impresa", CUTOFF: "fecha_de_corte"}

# how far after its cue a formula's date may start, in characters: a signing formula names the
# place and the copies first ('se firma por triplicado en la ciudad de Toluca de Lerdo, Estado de México, el')
SIGNING_REACH = 160
LABEL_REACH = 6

# 'se firma por triplicado', 'lo firman', 'firmado en', 'se suscribe', 'dado en la ciudad' (folded)
SIGNING_CUE = regex.compile(
    r"\b(?:se\s+firma|lo\s+firman|firman\s+(?:de\s+conformidad|al\s+calce|por\s+\w+)|firmad[oa]s?\s+en|se\s+suscribe"
    r"|lo\s+suscriben|suscrit[oa]\s+en|dad[oa]\s+en\s+(?:la\s+ciudad|el\s+(?:salon|recinto))|se\s+expide|expedid[oa]\s+en)\b"
)
# 'El presente Acuerdo, fue aprobado en Sesión ... celebrada con fecha', 'La presente hoja de firmas
# corresponde al Convenio ..., celebrado entre ..., el' (folded; no full stop in between)
APPROVAL_CUE = regex.compile(
    r"\b(?:el|la)\s+present[e]\s+\w+[^.]{0,250}?\b(?:aprobad[oa]|emitid[oa]|celebrad[oa]|firmad[oa]|suscrit[oa])\b"
)
# 'Fecha de elaboración: 12 de julio de 2024', and as OCR leaves it: 'Fecha da elaboracíon:', 'Fecha de
# e1aboración:' (folded); the kind of date is the label's word, read through OCR slips (DATE_KINDS)
DATE_LABEL = regex.compile(r"\bfecha\s+d[aeo]\s+(?P<word>[^\s:]{4,14})\s*:?\s*")
DATE_KINDS = Vocabulary(
    {
        "firma": ["elaboracion", "emision", "firma", "aprobacion", "expedicion", "suscripcion", "publicacion"],
        "corte": ["corte"],
    },
    floor=75,
    exact_below=5,
)
# 'FECHA: 23/04/2025', 'Fecha de impresión:' (folded) — in a page's header or footer
PRINTED_LABEL = regex.compile(r"(?:^|\s)fecha\s*(?:de\s+(?:impresion|generacion|reporte))?\s*:\s*")
# 'con corte al 30 de junio', 'cifras al 30 de junio' (folded); 'Fecha de corte:' is a DATE_LABEL
CUTOFF_LABEL = regex.compile(r"\b(?:con\s+corte|cifras|informacion)\s*(?:al|:)\s*")
# the place before a dateline's date: 'San Francisco de Campeche, Camp. a ', 'Toluca, México, a ',
# 'San Bartolomé, ' — capitalised words and particles, at least one comma, an optional 'a'/'el'
_PLACE_WORD = r"(?:[A-ZÁÉÍÓÚÑ][\w.'’]*|de|del|la|las|los|y)"
DATELINE_PREFIX = regex.compile(
    rf"^[\s\"“'*•-]*[A-ZÁÉÍÓÚÑ][\w.'’]*(?:[ ]+{_PLACE_WORD})*(?:\s*[,.]\s*{_PLACE_WORD}(?:[ ]+{_PLACE_WORD})*)*"
    r"\s*,\s*(?:[A-ZÁÉÍÓÚÑ][\w.'’]*\.?\s+)?(?:a\s+(?:los\s+)?|el\s+(?:d[ií]a\s+)?)?"
    r"(?:(?:lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo),?\s+)?$"
)
# '13 /Agosto/2025', '06/abril/2022', '28-Marzo-2019': a day, a month's name and a year between slashes
SLASHED_MONTH_DATE = regex.compile(
    r"(?<![\w/])(?P<day>[0-3]?\d)\s*[/-]\s*(?P<month>[A-Za-zÁÉÍÓÚáéíóú]{3,10})\.?\s*[/-]\s*(?P<year>(?:19|20)\d\d)(?!\d)"
)
# 'de' and 'del' as OCR reads them: '2 de mayo cle 2019', 'Villa Canales de1 Norte' (same length back)
OCR_DE = regex.compile(r"(?<![\w])(?:cle(?:l)?|de1)(?![\w])")
# 'a los 9 días del mes de agosto de 2017': the legal formula of a signing date
DAYS_OF_MONTH_DATE = regex.compile(
    r"(?<!\d)(?P<day>[0-3]?\d)\s+d[ií]as?\s+del\s+mes\s+de\s+(?P<month>[A-Za-zÁÉÍÓÚáéíóú]{4,10})\s+"
    r"(?:de|del)\s+(?:a[ñn]o\s+)?(?P<year>(?:19|20)\d\d)(?!\d)"
)
# marks OCR sprinkles between words: 'celebrada el 4 de «septiembre de 2020'
STRAY_MARKS = regex.compile(r"[«»“”|]")
# 'de junio da 2022', 'de marzo dc 2020': OCR's 'de' before a year
OCR_DE_BEFORE_YEAR = regex.compile(r"(?<=\s)d[acoe](?=\s+(?:19|20)\d\d(?!\d))")
# a word of a month's length before ' de 2017': 'septiembra de 2017', 'marzc del 2020'
MONTH_WORD = regex.compile(r"(?<![\w])[A-Za-zÁÉÍÓÚáéíóú]{4,10}(?=\s+(?:de|del)\s+(?:19|20)\d\d(?!\d))")
# months through one OCR slip ('septiembra', 'novlembre'); five letters or more, so 'marzo'/'mayo' stay exact
MONTH_VOCABULARY = Vocabulary([m for m in MONTHS if m != "setiembre"], exact_below=5, floor=80)
# a token made of digits and the letters OCR prints for them: 'Z018', '2O19', 'l5'
DIGITISH_TOKEN = regex.compile(r"(?<![\w])[0-9OoQDlIiZzSsGbTBgq|]{2,4}(?![\w])")
# a page number alone on its line: '- 3 -', '12', 'Página 2 de 9' (never a year: '2020.' ends a date)
FOLIO = regex.compile(r"\W*\d{1,3}\W*|(?:p[aá]gina|hoja)\s+\d{1,3}(?:\s+de\s+\d{1,3})?|\d{1,3}\s+de\s+\d{1,3}", regex.I)
# furniture: a page's first lines and its last lines hold headers and footers
FOOT_LINES = 3


@dataclass(frozen=True)
class FechaCandidate:
    date: DateMatch
    strength: int
    page: int
    offset: int
    basis: str

    @property
    def fuente(self) -> str:
        """What the ``fecha_documento_fuente`` column would hold: the basis and the words read."""
        return f"{BASIS_NAMES[self.strength]}: {self.basis}"


def _day(d: DateMatch) -> bool:
    return d.precision is Precision.DAY and not d.year_inferred and not d.is_range


def _digits_for_letters(text: str) -> str:
    """Years and days OCR printed with a look-alike letter read back as digits, one for one:
    'de Z018' -> 'de 2018', '2O19' -> '2019' (only tokens that are mostly digits are touched); 'cle'
    read back as 'de'; stray marks blanked. Offsets are kept: every repair is as long as the text."""

    def repair(m: regex.Match) -> str:
        token = m.group(0)
        fixed = letters_to_digits(token) if is_digitlike(token) else None
        return fixed if fixed is not None and len(fixed) == len(token) else token

    text = OCR_DE.sub(
        lambda m: {"cle": " de", "clel": " del", "de1": "del"}[m.group(0)], DIGITISH_TOKEN.sub(repair, text)
    )
    text = OCR_DE_BEFORE_YEAR.sub("de", text)
    text = MONTH_WORD.sub(_month_read_back, text)
    return STRAY_MARKS.sub(" ", text)


def _month_read_back(m: regex.Match) -> str:
    """'septiembra' -> 'septiembre': a word one OCR slip from a month's name, read as that month
    when as long (so offsets hold) and followed by its year."""
    word = m.group(0)
    found = MONTH_VOCABULARY.match(word)
    if found and len(found[0]) == len(word):
        return found[0] if word.islower() else found[0].capitalize()
    return word


def dates_in(text: str) -> list[DateMatch]:
    """papeleo's dates of a text, after the repairs above, with two forms the shared parser leaves
    out, which win where they overlap one of its readings ('agosto de 2017' inside 'a los 9 días del
    mes de agosto de 2017'): day/month-name/year between slashes ('13 /Agosto/2025') and the legal
    formula of a signing date."""
    text = _digits_for_letters(text)
    local: list[DateMatch] = []
    for m in (*SLASHED_MONTH_DATE.finditer(text), *DAYS_OF_MONTH_DATE.finditer(text)):
        month = month_of(m["month"])
        try:
            day = dt.date(int(m["year"]), month, int(m["day"])) if month else None
        except ValueError:
            day = None
        if day is not None:
            local.append(DateMatch(day, Precision.DAY, day, m.span(), m.group(0)))
    shared = [d for d in find_dates(text) if not any(_overlap(d.span, x.span) for x in local)]
    return sorted(local + shared, key=lambda d: d.span[0])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _first_date_after(text: str, start: int, reach: int) -> DateMatch | None:
    window = text[start : start + reach + 40]
    found = [d for d in dates_in(window) if d.span[0] <= reach]
    return found[0] if found and _day(found[0]) else None


def _page_lines(page: PageView, layout: Layout) -> list[str]:
    """The page's lines, its running headers and footers left out: a sentence cut by a page break
    ('El presente Acuerdo fue aprobado en Sesión ...,' / [footer, page number, header] /
    'celebrada el 4 cuatro de marzo de 2020') reads on across them."""
    running = {s.line_no for s in page.segments if layout.is_running(s) or FOLIO.fullmatch(s.text.strip())}
    return [t for n, t in sorted(page.lines_text().items()) if n not in running]


def _cue_candidates(layout: Layout) -> list[FechaCandidate]:
    """Formulas and labels, searched over the whole document's text, page breaks bridged."""
    pieces, page_at = [], []
    offset = 0
    for page in layout.text_pages:
        text = "\n".join(_page_lines(page, layout)) + "\n"
        pieces.append(text)
        page_at.append((offset, page.number))
        offset += len(text)
    text = "".join(pieces)
    folded = fold_keep_offsets(text)
    out = []
    for cue, strength, reach in (
        (SIGNING_CUE, SIGNING, SIGNING_REACH),
        (APPROVAL_CUE, SIGNING, SIGNING_REACH),
        (DATE_LABEL, None, LABEL_REACH),
        (CUTOFF_LABEL, CUTOFF, LABEL_REACH),
    ):
        for m in cue.finditer(folded):
            basis = strength
            if basis is None:  # a 'Fecha de ...:' label: its word says which date it is
                kind = DATE_KINDS.term_of(m["word"].replace("1", "l"))
                if kind is None:
                    continue
                basis = SIGNING if kind == "firma" else CUTOFF
            d = _first_date_after(text, m.end(), reach)
            if d is not None:
                page = max((p for o, p in page_at if o <= m.start()), default=1)
                snippet = " ".join(text[m.start() : m.end() + d.span[1]].split())
                out.append(FechaCandidate(d, basis, page, m.start(), f"'{snippet}' (p. {page})"))
    return out


def _line_candidates(page: PageView, title_page: int | None) -> list[FechaCandidate]:
    """Datelines ('Puerto Serena, Bahía Serena,' may end its line with the date on the next), and
    printed dates in the page's header and footer lines."""
    out = []
    lines = [t for _, t in sorted(page.lines_text().items())]
    furniture = set(range(min(HEAD_LINES, len(lines)))) | set(range(max(0, len(lines) - FOOT_LINES), len(lines)))
    for i, line in enumerate(lines):
        for d in dates_in(line):
            if not _day(d):
                continue
            prefix = line[: d.span[0]]
            place_above = not prefix.strip() and i > 0 and DATELINE_PREFIX.match(lines[i - 1].rstrip() + " ")
            # a letter's dateline, under its letterhead, dates it before any later page's
            rank = -1 if page.number == title_page and i < HEAD_LINES else i
            if DATELINE_PREFIX.match(prefix) or place_above:
                shown = (lines[i - 1].strip() + " " if place_above else "") + line.strip()
                out.append(FechaCandidate(d, DATELINE, page.number, rank, f"'{shown}' (p. {page.number})"))
            elif i in furniture and PRINTED_LABEL.search(fold_keep_offsets(prefix)[-30:]):
                out.append(FechaCandidate(d, PRINTED, page.number, rank, f"'{line.strip()}' (p. {page.number})"))
    return out


def layout_to_fecha(layout: Layout) -> FechaCandidate | None:
    """The candidate with the strongest basis; of equals, a letter's dateline under its letterhead,
    else the last in the document (the closing formula)."""
    title = layout.heading_pages()[0].number if layout.heading_pages() else None
    candidates = _cue_candidates(layout)
    for page in layout.text_pages:
        candidates += _line_candidates(page, title)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.strength, c.offset < 0, c.page, c.offset))
    log.debug("fecha_documento %s — fecha_documento_fuente %s", best.date.iso, best.fuente)
    return best

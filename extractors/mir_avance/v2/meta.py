"""The report's own facts: who reports (ente), the fiscal year and the quarter reported.

Each is taken from what the document labels first ('Ente público:', 'Ejercicio Fiscal 2018',
'Periodo: Julio - Septiembre 2018', 'Avance al 30 de junio de 2025', 'segundo trimestre'),
then by vote over the whole text. A quarter is never assumed: without any statement of the
period it stays unknown and the rows say so.
"""

from __future__ import annotations

from collections import Counter

import regex

from papeleo.model import Document
from papeleo.tables.words import words_to_word_lines
from papeleo.text.dates import damaged_month_of, find_dates, month_of
from papeleo.text.normalize import fold, fold_spaces, letters_to_digits
from papeleo.text.quarters import find_quarters

# 'Ente público: H. Ayuntamiento Constitucional de San Lorenzo de la Cañada, Altiplano Sur'
# (the state after the comma is where it is, not who); OCR 'Enle publico:'
ENTE_LABEL = regex.compile(r"(?:ente\s+p[uú]blico){e<=2}\s*:\s*(?P<n>[^,\n]+)", regex.I | regex.BESTMATCH)
# 'Ejercicio Fiscal 2018', 'Ejercicio: 2024', 'EJERCICIO FISCAL 20Z5' (a look-alike digit)
EJERCICIO = regex.compile(r"(?:ejercicio(?:\s+fiscal)?){e<=2}\s*:?\s*(?P<y>[12][0-9OZ][0-9OZlI]{2})\b", regex.I)
# a year anywhere: 'Periodo: Julio - Septiembre 2018'
YEAR = regex.compile(r"(?<![\d.,/])(20[0-4]\d)(?![\d.,/])")
# 'Periodo: Julio - Septiembre 2018', 'Periodo: Abril-Junio de 2020'
PERIOD_MONTHS = regex.compile(
    r"(?P<a>enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\s*[-–a]\s*"
    r"(?P<b>enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)",
    regex.I,
)
# the same period with its month names OCR damaged, each word then matched by edit similarity:
# 'Trimestre: Octubre - Diciem6re' (generated PbR OCR'd text 151)
DAMAGED_PERIOD = regex.compile(r"(?<![^\s:])(?P<a>[^\s\-–:]{5,12})\s*[-–]\s*(?P<b>[^\s\-–]{5,12})(?!\S)")
# 'Avance al 30 de junio de 2025', 'Fecha de corte: 30 de septiembre de 2018': the period's end
CUTOFF = regex.compile(r"(?:avance\s+al|corte\s*:?|al\s+cierre\s+de)\s*(?P<d>.{0,40})", regex.I)
# the words after the cut-off label where its month is looked for when the date does not parse
# ('31 de diciembre da 2020': day, 'de', month): more would reach words of the next line
CUTOFF_MONTH_WORDS = 4


def document_meta(text: str) -> dict:
    return {"ente": ente_of(text), "ejercicio": ejercicio_of(text), "trimestre": trimestre_of(text)}


def ente_of(text: str) -> str | None:
    m = ENTE_LABEL.search(text)
    if m:
        return fold_spaces(m.group("n")).strip(" .;:") or None
    return None


def ejercicio_of(text: str) -> int | None:
    m = EJERCICIO.search(text)
    if m:
        return int(letters_to_digits(m.group("y")) or m.group("y"))
    years = Counter(int(y) for y in YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def trimestre_of(text: str) -> int | None:
    """The quarter a period of months, a cut-off date or a quarter ordinal names — the first the
    document states, as a report states its period in its heading."""
    head = text[:3000]
    m = PERIOD_MONTHS.search(fold(head))
    if m:
        end = month_of(m.group("b"))
        if end is not None and end % 3 == 0:
            return end // 3
    damaged = _damaged_period_end(head)
    if damaged is not None:
        return damaged // 3
    cut = CUTOFF.search(head)
    if cut:
        dates = find_dates(cut.group("d"))
        if dates and dates[0].value is not None:
            return (dates[0].value.month - 1) // 3 + 1
        # a date OCR damaged past parsing still names its month: 'Avance al 31 de diciembre da
        # 2020' (dev MIR OCR'd text 284, read as the first quarter from the head's labels), or
        # its month's name: 'Avance al 30 de septiembra de 2023' (report block 451)
        month = next((m for w in cut.group("d").split()[:CUTOFF_MONTH_WORDS] if (m := damaged_month_of(w))), None)
        if month is not None:
            return (month - 1) // 3 + 1
    quarters = Counter(q.quarter for q in find_quarters(text)).most_common(2)
    if not quarters or (len(quarters) > 1 and quarters[0][1] == quarters[1][1]):
        # quarters named equally often are a table's column labels ('1er Trim. 2do Trim. ...'
        # printed once per group), not the period reported: no evidence, no quarter
        return None
    return quarters[0][0]


def _damaged_period_end(head: str) -> int | None:
    """The last month of a period whose two month names OCR damaged, when both words are
    months, in order, and the end closes a quarter: two words a dash apart that merely
    resemble months ('Diciem6re' alone, a hyphenated name) are not a period."""
    for m in DAMAGED_PERIOD.finditer(head):
        start, end = damaged_month_of(m.group("a")), damaged_month_of(m.group("b"))
        if start is not None and end is not None and start <= end and end % 3 == 0:
            return end
    return None


def trimestre_of_visual_lines(doc: Document) -> int | None:
    """The quarter read from the pages' visual lines, where the reading order did not give
    it: tesseract may set the two halves of one printed line in separate blocks, 'Diciembre'
    before 'Trimestre: Octubre -' (dev MIR scan 536, a PbR heading), which no period pattern
    matches until the words are put back on their row. Only a fallback: a visual line also
    joins the heading's other column ('… Diciembre PAGINAS: 1/3'), harmless to a period but
    not to labels read to the end of their line (the ente)."""
    pages = [p for p in doc.pages if p.text_source != "plain_text" and p.words]
    if not pages:
        return None
    # specks kept: the dash between the months is one
    lines = [" ".join(w.text for w in line) for p in pages for line in words_to_word_lines(p.words, keep_specks=True)]
    return trimestre_of("\n".join(lines))

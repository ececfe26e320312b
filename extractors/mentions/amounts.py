"""Sums of money and counts of things a document names.

Money: a currency sign or code before a figure ('$59,208,069.10', 'Q 1,500.00'), or a
currency word after it, in figures or in words ('3.5 millones de pesos', 'cien mil
quetzales'), read with the shared number readers (``papeleo.text.numbers``; words with
text2num through ``papeleo.text.numwords``). '$' is taken for pesos, the sign Mexican
documents use; 'US$' and 'dólares' are dollars.

Counts: a number, in figures or words, before the noun it counts ('15 camas', 'dos
aislamientos', '21000 infusiones'). A number that is part of a date, a sum, an article or a
code is not a count; 'un'/'una' are articles before they are numbers, and are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from papeleo.text.dates import MONTHS
from papeleo.text.numbers import MX, Status, parse_number
from papeleo.text.numwords import words_to_number
from papeleo.text.pagetext import line_around, line_start

from .rules import VOCABULARY
from .spans import Spans

CURRENCY = VOCABULARY["currencies"]
_words = "|".join(
    regex.escape(w) for w in sorted((c for c in CURRENCY if c[0].isalpha() and c.islower()), key=len, reverse=True)
)
_signs = "|".join(regex.escape(w) for w in sorted((c for c in CURRENCY if not c.islower()), key=len, reverse=True))
FIGURE = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER_WORDS = (
    r"dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciséis|dieciseis|"
    r"diecisiete|dieciocho|diecinueve|veinte|veinti\w+|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|"
    r"noventa|cien|ciento|doscientos|trescientos|cuatrocientos|quinientos|seiscientos|setecientos|"
    r"ochocientos|novecientos|mil|millones|millón|y"
)
# a count in words is one word ('dos aislamientos'); 'y', 'mil' only join the words of a number
COUNT_WORDS = NUMBER_WORDS.replace("|mil|millones|millón|y", "")
SCALE = r"(?:\s+(?P<scale>mil\s+millones|millones|millón|mil))?"
# '$59,208,069.10', 'Q 1,500.00', 'US$ 3.5 millones' ('Q' needs grouping or cents: 'Q2 2024' is a quarter)
SIGN_AMOUNT = regex.compile(
    rf"(?<![\p{{L}}\d])(?P<cur>{_signs})\s?(?P<num>{FIGURE}){SCALE}(?:\s+(?:de\s+)?(?P<cur2>{_words}))?(?!\d)"
)
# '3.5 millones de pesos', '1,500 quetzales'
WORD_AMOUNT = regex.compile(rf"(?<![\w$.,])(?P<num>{FIGURE}){SCALE}\s+(?:de\s+)?(?P<cur>{_words})\b", regex.IGNORECASE)
# 'cien mil quetzales', 'tres millones de pesos'
SPELLED_AMOUNT = regex.compile(
    rf"(?<!\w)(?P<words>(?:(?:{NUMBER_WORDS}|un|uno)\s+)*(?:{NUMBER_WORDS}))\s+(?:de\s+)?(?P<cur>{_words})\b",
    regex.IGNORECASE,
)
CURRENCY_WORD = regex.compile(rf"(?<!\w)(?:{_words})\b", regex.IGNORECASE)
# how far before its currency word a sum in words may start ('novecientos noventa y nueve mil
# novecientos noventa y nueve pesos' is 62 characters)
SPELLED_REACH = 160
# a figure with grouping or cents: 'Q 1,500.00', 'L 1,465,000.00' (lempiras), not the 'Q2' of a
# quarter nor a 'L 3' of a list: a currency of one letter needs them, or three figures ('Q250')
GROUPED = regex.compile(r"[,.]\d")
SCALES = {"mil": 1e3, "millón": 1e6, "millones": 1e6, "mil millones": 1e9}

# a count: a figure or a number word, then a noun ('15 camas', 'dos aislamientos', 'emitió 4
# Recomendaciones') on the same line or the next (never across a tab: a table's next cell); the number may be said
# twice, in figures and in words ('trece (13) hallazgos', '5 cinco servidoras')
COUNT = regex.compile(
    rf"(?<![\w.,/$-])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{COUNT_WORDS})(?P<echo>[ ]*\(\d+\)|(?:[ ]+(?:{COUNT_WORDS}))+)?(?: +| *\n *)(?P<unit>\p{{L}}[\p{{Ll}}]{{2,}})\b"
)
# words after a number that are no unit: particles, number words, months, currency (a sum)
NOT_UNITS = (
    frozenset(
        "de del y e o u a al en por para con que se los las la el lo su sus mil millones millón "
        "puntos punto por ciento https http www sin entre hasta desde sobre bajo tras contra durante "
        "mediante menos como cuando donde más".split()
    )
    | frozenset(MONTHS)
    | frozenset(c for c in CURRENCY if c.islower())
)
# words before a number that make it a label, not a count: 'artículo 41', 'fracción 3', 'página 7'
LABELS = regex.compile(
    r"(?i)(?:art[íi]culos?|fracci[óo]n(?:es)?|numeral(?:es)?|p[áa]gina|inciso|anexo|cap[íi]tulo|punto|"
    r"no\.|n[úu]m\.?|n[úu]mero|tel\.?|c\.\s?p\.|cp|año|ejercicio|unidad|sala|nivel|tomo|folio)\s*$"
)
# 'programados', 'atendidas', 'establecidos': a participle standing for a noun said before it
PARTICIPLE = regex.compile(r"(?:ad|id)[oa]s$")
OF_BEFORE = regex.compile(r"\bde\s+$")
# running text before a number on its line: a capitalised noun counts only there ('se emitieron
# 4 Recomendaciones'), never after a number opening a line ('2 Objetivos', a numbered heading)
RUNNING_TEXT = regex.compile(r"\p{Ll}{2,}")
# what ends the text before a number that is no count: another figure (a table row's cells run
# together, '... 148 149 familias' where 'familias' opens the next column) or a form label's
# colon before a code ('Ramo Administrativo: 24 Organismos Descentralizados')
CELL_BEFORE = regex.compile(r"(?:\d[ \t]+|:[ \t]*)$")
# a year: counts of that size are rarer in reports than years read as counts ('2000 personas' is lost)
YEAR = regex.compile(r"^(?:19|20)\d\d$")
NUMBER_WORD = regex.compile(rf"^(?:{NUMBER_WORDS})$", regex.IGNORECASE)


@dataclass
class Quantity:
    tipo: str  # monto or cantidad
    numero: float
    unidad: str | None  # the currency code of a monto, the noun of a cantidad
    printed: str
    start: int
    end: int


def _figure(raw: str) -> float | None:
    r = parse_number(raw, MX)
    return r.value if r.status in (Status.CLEAN, Status.REPAIRED) else None


def page_to_amounts(text: str) -> list[Quantity]:
    out: list[Quantity] = []

    def add(value: float | None, cur: str, m: regex.Match) -> None:
        if value is None or any(q.start <= m.start() < q.end for q in out):
            return
        out.append(
            Quantity(
                "monto",
                value,
                CURRENCY.get(cur, CURRENCY.get(cur.lower())),
                " ".join(m.group(0).split()),
                m.start(),
                m.end(),
            )
        )

    for m in SIGN_AMOUNT.finditer(text):
        if (
            len(m["cur"].rstrip(".")) == 1
            and m["cur"][0].isalpha()
            and not GROUPED.search(m["num"])
            and len(m["num"]) < 3
        ):
            continue
        value = _figure(m["num"])
        value = value * SCALES[m["scale"]] if value is not None and m["scale"] else value
        add(value, m["cur2"] or m["cur"], m)
    for m in WORD_AMOUNT.finditer(text):
        value = _figure(m["num"])
        value = value * SCALES[m["scale"].lower()] if value is not None and m["scale"] else value
        add(value, m["cur"], m)
    for cur in CURRENCY_WORD.finditer(text):  # sums in words end on a currency word: search only before one
        for m in SPELLED_AMOUNT.finditer(text, max(0, cur.start() - SPELLED_REACH), cur.end()):
            if m.end() == cur.end():
                add(words_to_number(m["words"]), m["cur"], m)
    return sorted(out, key=lambda q: q.start)


def page_to_counts(text: str, taken: Spans) -> list[Quantity]:
    """Counts outside the spans already read as something else (dates, sums, codes)."""
    out = []
    for m in COUNT.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        unit = m["unit"]
        if (
            unit.lower() in NOT_UNITS
            or NUMBER_WORD.match(unit)
            or LABELS.search(text[max(0, m.start() - 16) : m.start()])
        ):
            continue
        start = line_start(text, m.start())
        if CELL_BEFORE.search(text, max(start, m.start() - 3), m.start()):
            continue
        if unit[0].isupper() and not RUNNING_TEXT.search(text, start, m.start()):
            continue
        num = m["num"]
        if PARTICIPLE.search(unit) and (
            OF_BEFORE.search(text, max(0, m.start() - 4), m.start())
            or not text[max(start, text.rfind("\t", start, m.start()) + 1) : m.start()].strip()
        ):
            # '542 desayunos de 458 programados': the second number counts the first's noun; so
            # does one opening its cell's line ('de un total de' / '344 programadas')
            continue
        if YEAR.match(num):
            continue  # 'en 2014 esta área': a year, not a count
        value = _figure(num) if num[0].isdigit() else words_to_number(num)
        if "\n" in m.group(0) and "\t" in line_around(text, m.start()):
            continue  # '88.27' closing a table row, 'establecidos' opening the next: cells, no count
        if value is None or (value != 1 and not unit.endswith("s")):
            continue  # a count of more than one names a plural noun: '12 duermen', '90 frente a' are none
        out.append(Quantity("cantidad", value, unit.lower(), " ".join(m.group(0).split()), m.start(), m.end()))
    return out

"""Dates, periods, amounts and references as a dictamen prints them, each registered as a mention.

Why here: the seed writes dates with number words (``24 veinticuatro de octubre de 2020 dos mil
veinte``) and periods in several spellings in one document (``septiembre 2018 a agosto 2019``,
``del mes de septiembre 2018 al mes de agosto 2019``); every such phrase is made by one function
that registers what it printed, with its canonical value and precision.
"""

from __future__ import annotations

from datetime import date

from .axes import Period
from .bodies import named
from .draws import MESES, words, year_words
from .model import Mentions

# the incentive amounts the spec draws, in words ('quince mil pesos 00/100 M.N.')
MONTO_WORDS = {
    5000: "cinco mil",
    7500: "siete mil quinientos",
    8000: "ocho mil",
    10000: "diez mil",
    12500: "doce mil quinientos",
    15000: "quince mil",
    20000: "veinte mil",
}


def fecha(m: Mentions, d: date, style: str, upper: bool = False) -> str:
    """A full date in the document's style, registered (precision: day)."""
    mes = MESES[d.month - 1]
    if style == "palabras":
        text = f"{d.day} {words(d.day)} de {mes} de {d.year} {year_words(d.year)}"
    elif style == "del":
        text = f"{d.day} de {mes} del {d.year}"
    else:
        text = f"{d.day} de {mes} de {d.year}"
    text = text.upper() if upper else text
    return m.add("fecha", d.isoformat(), text, precision="dia")


def mes(m: Mentions, d: date, with_year: bool = True, de: bool = False, upper: bool = False) -> str:
    """'septiembre 2018' / 'septiembre de 2018' / 'enero' (the year printed once, after the range)."""
    text = MESES[d.month - 1] + ((" de " if de else " ") + str(d.year) if with_year else "")
    text = text.upper() if upper else text
    return m.add("fecha", f"{d.year}-{d.month:02d}", text, precision="mes")


def periodo(m: Mentions, p: Period, date_style: str, upper: bool = False) -> str:
    """The evaluated period as the phrase that follows 'correspondiente al': 'periodo septiembre
    2018 a agosto 2019', 'periodo del 1 de septiembre de 2018 al 31 de agosto de 2019',
    'ejercicio 2021'. Registered endpoint by endpoint."""
    lead = "PERIODO " if upper else "periodo "
    if p.style == "ejercicio":
        text = f"{'EJERCICIO' if upper else 'ejercicio'} {p.inicio.year}"
        m.add("fecha", str(p.inicio.year), text, precision="anio")
        return text
    if p.style == "dias":
        a = fecha(m, p.inicio, "plain", upper)
        b = fecha(m, p.fin, "plain", upper)
        return f"{lead}{'DEL' if upper else 'del'} {a} {'AL' if upper else 'al'} {b}"
    if p.style == "del_mes":
        a, b = mes(m, p.inicio, upper=upper), mes(m, p.fin, upper=upper)
        return lead + (f"DEL MES DE {a} AL MES DE {b}" if upper else f"del mes de {a} al mes de {b}")
    same_year = p.inicio.year == p.fin.year
    de = p.style == "meses_de" or same_year
    a = mes(m, p.inicio, with_year=not same_year, de=de, upper=upper)
    b = mes(m, p.fin, de=de, upper=upper)
    return f"{lead}{a} {'A' if upper else 'a'} {b}"


def previous(p: Period) -> Period:
    """The cycle before ``p`` (the seed's glossary names it by mistake for the evaluated one)."""
    if p.kind == "semestre":
        ini = date(p.inicio.year - (p.inicio.month == 1), 7 if p.inicio.month == 1 else 1, 1)
        fin = date(ini.year, ini.month + 5, 31 if ini.month == 7 else 30)
        return Period(p.kind, ini, fin, p.style, True)
    return Period(p.kind, p.inicio.replace(year=p.inicio.year - 1), p.fin.replace(year=p.fin.year - 1), p.style, True)


MASCULINE_HEADS = frozenset({"Comité", "Consejo", "Pleno", "Órgano", "Instituto", "Poder", "Tribunal", "Organismo"})
ARTICLES = {"el": ("el", "la"), "del": ("del", "de la"), "al": ("al", "a la"), "": ("", "")}


def art(case: str, name: str, head: str | None = None) -> str:
    """'del Comité Técnico …' / 'de la Comisión …': Spanish articles follow the body's head noun
    (``head``: the noun an acronym stands for, 'Instituto' for 'IEEVV')."""
    masc, fem = ARTICLES[case]
    word = masc if (head or name).split()[0] in MASCULINE_HEADS else fem
    return f"{word} {name}" if word else name


def monto(m: Mentions, amount: int) -> str:
    text = f"${amount:,.2f}"
    m.add("monto", float(amount), text, moneda="MXN")
    return f"{text} ({MONTO_WORDS[amount]} pesos 00/100 M.N.)"


def acuerdo(m: Mentions, key: str, lower: bool = False) -> str:
    text = f"{'acuerdo' if lower else 'Acuerdo'} {key}"
    return m.add("referencia_legal", f"Acuerdo {key}", text)


def articulo(m: Mentions, n: int, norma: str) -> str:
    """'artículo 110 del Estatuto …' as printed (the seed's 'del' before a feminine 'Ley' included):
    the article, and the instrument it names, each a mention."""
    text = f"artículo {n} del {norma}" if not norma.startswith(("los ", "la ", "el ")) else f"artículo {n} de {norma}"
    ley(m, norma.removeprefix("los ").removeprefix("la ").removeprefix("el "))
    return m.add("referencia_legal", text, text)


def ley(m: Mentions, name: str, upper: bool = False) -> str:
    """A legal or normative instrument by name (Estatuto, Ley, Reglamento, Lineamientos), and the
    bodies its name names ('Ley Orgánica del Poder Judicial del Estado'); returns it as printed."""
    for body in named(name, itself=False):
        org(m, body, body.upper() if upper else None)
    return m.add("referencia_legal", name, name.upper() if upper else name)


def clave(m: Mentions, key: str) -> str:
    """The document's own code, printed at the top of page 1 (and in the running header)."""
    return m.add("referencia_legal", key, key, where=("page", 1))


def org(m: Mentions, name: str, printed: str | None = None, where: tuple | None = None, **extra) -> str:
    return m.add("organizacion", name, printed or name, where=where, **extra)


def persona(m: Mentions, name: str, printed: str | None = None, where: tuple | None = None, **extra) -> str:
    return m.add("persona", name, printed or name, where=where, **extra)


def cantidad(m: Mentions, value: int, noun: str, figure: bool = True) -> str:
    """A count in running text, as the seed writes it (figure then words, '5 cinco', or words
    alone: 'dos meses'), registered as the number and the noun it counts ('cinco miembros':
    docs/mentions.md, a number followed by the noun it counts). Returns the number as printed;
    the noun is the caller's to print right after it."""
    said = words(value) if value < 100 else str(value)
    m.add("cantidad", value, f"{said} {noun}", unidad=noun.lower())
    return number(value) if figure else said


def url(m: Mentions, site: str, scheme: bool, where: tuple | None = None) -> str:
    text = f"https://{site}" if scheme else site
    return m.add("url", text, text, where=where)


def number(value: int) -> str:
    """'3 tres' as the seed writes counts in prose."""
    return f"{value} {words(value)}" if value < 100 else str(value)

"""Things a report names — dates, URLs, legal references, people, bodies, amounts, counts —
written into its text and recorded with their canonical value in the same breath.

The truth's ``mentions`` must list exactly what the generator printed, with the value an
extractor should return (an ISO date for '27 de mayo del 2022', the whole URL for one wrapped
at '/', the amount as a number). So nothing that is a mention is typed straight into a
string: it goes through ``Marks``, which returns the printed form and keeps a ``Mention``
until the paragraph it was written into is added to the plan (``take``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre"]
MESES += ["noviembre", "diciembre"]
DIAS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]

# how a full date is printed; "sin_anio" only where the year comes from the report
DATE_FORMATS = ("de", "del", "numerico", "dia_semana", "mes_mayuscula")
DATE_FORMAT_WEIGHTS = (0.4, 0.25, 0.15, 0.1, 0.1)


def date_text(d: date, fmt: str) -> str:
    """'27 de mayo de 2022', '27 de mayo del 2022', '27/05/2022', 'viernes 27 de mayo de 2022',
    '27 de Mayo de 2022' or, without the year, '27 de mayo'."""
    mes = MESES[d.month - 1]
    if fmt == "de":
        return f"{d.day} de {mes} de {d.year}"
    if fmt == "del":
        return f"{d.day} de {mes} del {d.year}"
    if fmt == "numerico":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if fmt == "dia_semana":
        return f"{DIAS[d.weekday()]} {d.day} de {mes} de {d.year}"
    if fmt == "mes_mayuscula":
        return f"{d.day} de {mes.capitalize()} de {d.year}"
    if fmt == "sin_anio":
        return f"{d.day} de {mes}"
    raise ValueError(f"unknown date format {fmt!r}")


# docs/mentions.md, "Bodies named inside other names": a name that names another body after 'de',
# 'del' or 'de la' is one mention as printed, and the body inside it, from its head noun to the
# end, is another. The bodies these reports print inside other names: their facilities ('Gerencia
# de la Junta Administradora de Agua de …', 'Consejo Técnico del Hospital Departamental de …')
# and a commissioner inside its office ('Oficina del Comisionado Nacional para la Defensa de …').
# A place ('Secretaría de Salud del Departamento de …', '… del Estado de …'), a system ('Dirección
# General del Sistema Penitenciario') and a bare head, the facility's generic reference ('Dirección
# del Centro'), are no body inside a name: a head counts only followed by the rest of a name.
INNER_HEADS = ("Hospital", "Centro", "Granja", "Escuela", "Instituto", "Telesecundaria", "Albergue", "Casa")
INNER_HEADS += ("Estación", "Empresa", "Planta", "Junta", "Sistema de Agua Potable", "Comisionado")
INNER_BODY = re.compile(r" (?:de|del|de la) (?=(?:" + "|".join(INNER_HEADS) + r") \S)")


def inner_bodies(name: str) -> list[str]:
    """The bodies a body's name names inside it, outermost first: 'Dirección de la Escuela
    Primaria «Tomás Ochoa Rivas» de Las Cumbres' -> ['Escuela Primaria «Tomás Ochoa Rivas» de Las
    Cumbres']; [] for 'Secretaría de Salud del Departamento de Las Cumbres'."""
    return [name[m.end() :] for m in INNER_BODY.finditer(name)]


def money_text(value: float, symbol: str, spaced: bool) -> str:
    """'$3,999,029.12', 'Q 150,000.00', 'US$12,500.00' (the real reports use US separators)."""
    return f"{symbol}{' ' if spaced else ''}{value:,.2f}"


@dataclass
class Mention:
    tipo: str  # persona | organizacion | referencia_legal | monto | cantidad | fecha | url
    valor: object  # canonical: ISO date, whole URL, number, full name
    texto: str  # as printed (before any line wrapping)
    extra: dict = field(default_factory=dict)  # cargo, moneda, precision, unidad

    def to_truth(self, page: int) -> dict:
        return {"tipo": self.tipo, "valor": self.valor, "texto": self.texto, "page": page, **self.extra}


class Marks:
    """The mentions written since the last ``take``: each builder writes one paragraph's text
    through these methods, then adds the paragraph, which takes its mentions with it."""

    def __init__(self) -> None:
        self.pending: list[Mention] = []

    def _add(self, tipo: str, valor, texto: str, **extra) -> str:
        self.pending.append(Mention(tipo, valor, texto, extra))
        return texto

    def take(self) -> list[Mention]:
        out, self.pending = self.pending, []
        return out

    def fecha(self, d: date, fmt: str) -> str:
        """A full date printed with its year ('sin_anio' is printed with ``date_text`` alone)."""
        if fmt == "sin_anio":
            raise ValueError("a date without its year is no mention")
        return self._add("fecha", d.isoformat(), date_text(d, fmt), precision="dia")

    def mes(self, y: int, m: int, cap: bool = False, de: bool = False, with_year: bool = True) -> str:
        """'Junio 2022', 'junio 2022' or 'junio de 2022': a month-only date; without its year
        ('enero' in 'enero – junio 2023') when the year is printed once, after a range."""
        name = MESES[m - 1].capitalize() if cap else MESES[m - 1]
        printed = f"{name} {'de ' if de else ''}{y}" if with_year else name
        return self._add("fecha", f"{y}-{m:02d}", printed, precision="mes")

    def anio(self, y: int, printed: str | None = None) -> str:
        """A year named as such: 'Desde 2021', 'ejercicio fiscal 2023', 'Cuenta Pública 2023'."""
        return self._add("fecha", str(y), printed or str(y), precision="anio")

    def url(self, u: str) -> str:
        return self._add("url", u, u)

    def ley(self, valor: str, texto: str | None = None) -> str:
        return self._add("referencia_legal", valor, texto or valor)

    def cita(self, ref: tuple[str, str, str | None]) -> str:
        """A legal reference (canonical, printed, instrument): an article citation also names
        its instrument, a referencia_legal of its own ('artículo 12 de la Ley de Migración'
        names 'Ley de Migración')."""
        valor, texto, instrumento = ref
        printed = self.ley(valor, texto)
        if instrumento:
            self.ley(instrumento)
        return printed

    def persona(self, nombre: str, printed: str, cargo: str | None = None) -> str:
        return self._add("persona", nombre, printed, **({"cargo": cargo} if cargo else {}))

    def org(self, nombre: str, printed: str | None = None) -> str:
        """A body as printed (``printed``: the name, or the name in capitals), and each body
        named inside it (``inner_bodies``), printed where the name prints it."""
        out = org_mentions(nombre, printed or nombre)
        self.pending += out
        return out[0].texto

    def monto(self, value: float, symbol: str, moneda: str, spaced: bool = False) -> str:
        return self._add("monto", round(value, 2), money_text(value, symbol, spaced), moneda=moneda)

    def cantidad(self, n: int, unidad: str, printed: str | None = None) -> str:
        """'34 expedientes'; ``printed`` when the number is in words or the noun capitalised
        ('dos aulas', '3 Recomendaciones'): ``unidad`` is the noun in lower case."""
        return self._add("cantidad", n, printed or f"{n} {unidad}", unidad=unidad)


def org_mentions(nombre: str, printed: str) -> list[Mention]:
    """The ``organizacion`` mentions of one printed body's name: the whole name, then the bodies
    inside it, each with the part of ``printed`` (the name, or the name in capitals) that is it."""
    if len(printed) != len(nombre):
        raise ValueError(f"{printed!r} does not print {nombre!r}")
    whole = Mention("organizacion", nombre, printed)
    return [whole] + [Mention("organizacion", b, printed[len(nombre) - len(b) :]) for b in inner_bodies(nombre)]

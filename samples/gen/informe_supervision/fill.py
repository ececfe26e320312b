"""Template slots: a topic's sentence templates filled with drawn numbers, nouns and names.

A slot that names something (``{n:camas}``, ``{el_centro}``, ``{persona}``, ``{ley}``) is
written through ``Marks``, so what it prints is a mention with its canonical value. Numbers
are drawn afresh for each template (``Slots.fresh``) with the relations the templates rely on
(``k`` of ``n``, ``j`` of ``k``, occupancy ``m`` above capacity ``n``), so a sentence like
'18 camas, de las cuales 4 no tienen colchón y 2 …' is always possible.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from string import Formatter

from .marks import Marks
from .vocab import APELLIDOS, FEMENINOS, NOMBRES_F, NOMBRES_M, TRATAMIENTO

# words that make a facility or body feminine ("la Casa del Migrante", "la obra de ...")
FEMENINOS_CENTRO = FEMENINOS + ("Planta", "Granja", "Casa", "Estación", "Escuela", "Telesecundaria", "obra")


def article(name: str) -> tuple[str, str]:
    """('el', 'del') or ('la', 'de la') for a body or facility, from its first word."""
    first = name.split()[0]
    return ("la", "de la") if first in FEMENINOS_CENTRO else ("el", "del")


def addressee_article(name: str) -> str:
    """'Al' or 'A la' in front of an addressee line."""
    return "A la" if name.split()[0] in FEMENINOS_CENTRO else "Al"


def legal_article(printed: str) -> str:
    """'la Acción Constitucional de Amparo …', 'el artículo 12 …', 'el Recurso de Amparo …'."""
    return "la" if printed.split()[0] in ("Acción", "Recomendación") else "el"


# 'Jefe del Departamento de Medicina Interna', 'Presidente del Comité de Padres', 'Encargado del
# Área Médica' -> the body named inside the post (docs/mentions.md: a post names the body in it);
# a bare head noun ('Presidenta de la Comisión', 'Director del Centro') is a generic reference
POST_BODY = re.compile(r"^(?:Jef[ea]|President[ea]|Encargad[oa]) (?:del|de la) (?P<body>[A-ZÁÉÍÓÚÑ]\S* \S.*)$")
# numbers printed in words before the noun they count ('dos aulas'): slot '{dos:aulas}'
WORD_NUMBERS = {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6}


def post_body(cargo: str) -> str | None:
    """The body a post names ('Jefa de la Unidad de Supervisión Hospitalaria' -> 'Unidad de
    Supervisión Hospitalaria'), an ``organizacion`` of its own; None for 'Jefe de Seguridad' or
    'Presidente de la Comisión'."""
    m = POST_BODY.match(cargo)
    return m["body"] if m else None


def cargo_gender(cargo: str) -> str:
    """'f' for 'Jefa de Enfermería', 'Coordinadora ...', else 'm' (the reports' posts are gendered)."""
    return "f" if cargo.split()[0].endswith("a") else "m"


@dataclass
class Person:
    nombre: str
    tratamiento: str
    cargo: str
    gender: str

    @property
    def printed_name(self) -> str:
        return f"{self.tratamiento} {self.nombre}".strip()


def draw_person(rng: random.Random, cargo: str, used: set[str]) -> Person:
    """A fictional official with a post; never the same name twice in one report."""
    g = cargo_gender(cargo)
    while True:
        nombre = f"{rng.choice(NOMBRES_F if g == 'f' else NOMBRES_M)} {rng.choice(APELLIDOS)}"
        if rng.random() < 0.5:
            nombre += f" {rng.choice(APELLIDOS)}"
        if nombre not in used:
            used.add(nombre)
            return Person(nombre, rng.choice(TRATAMIENTO[g]), cargo, g)


@dataclass
class Slots:
    """Everything a template may name, for one report. ``nouns`` holds the topic's plain nouns
    and lists (a list slot draws one of its values); ``ctx`` the report's facility, place,
    region, year and its legal references."""

    rng: random.Random
    M: Marks
    nouns: dict
    ctx: dict
    used_names: set = field(default_factory=set)
    nums: dict = field(default_factory=dict)

    def fresh(self) -> None:
        r = self.rng
        n = r.randint(12, 120)
        k = r.randint(2, max(3, n // 3))
        self.nums = dict(
            n=n,
            m=n + r.randint(5, n),
            k=k,
            j=r.randint(1, max(1, k - 1)),
            w=r.randint(2, 8),
            pct=r.randint(20, 65),
        )
        self.nums["pct2"] = self.nums["pct"] + r.randint(10, 30)

    def person(self) -> Person:
        return draw_person(self.rng, self.rng.choice(self.nouns["cargos"]), self.used_names)

    def persona_text(self, form: str) -> str:
        """'el Dr. Jorge Flores, Director Ejecutivo' (object), 'El Director Ejecutivo, Dr. Jorge
        Flores,' (subject), 'del Dr. …' (after 'de'); the name is the mention."""
        p = self.person()
        art = "la" if p.gender == "f" else "el"
        name = self.M.persona(p.nombre, p.printed_name, p.cargo)
        if body := post_body(p.cargo):
            self.M.org(body)
        if form == "Persona":
            return f"{art.capitalize()} {p.cargo}, {name},"
        if form == "de_persona":
            return f"{'de la' if p.gender == 'f' else 'del'} {name}, {p.cargo}"
        return f"{art} {name}, {p.cargo}"

    def get(self, name: str, spec: str) -> str:
        if name in self.nums:
            value = self.nums[name]
            return self.M.cantidad(value, spec) if spec else str(value)
        if name in ("persona", "Persona", "de_persona"):
            return self.persona_text(name)
        centro = self.ctx["centro"]
        if name in ("centro", "el_centro", "del_centro"):
            el, de = article(centro)
            # a public work ('obra de pavimentación de …') is no body: printed, not registered
            org = self.M.org(centro) if self.nouns.get("centro_es_organismo", True) else centro
            return {"centro": org, "el_centro": f"{el} {org}", "del_centro": f"{de} {org}"}[name]
        if name == "ley":
            ref = self.rng.choice(self.ctx["leyes"])
            return f"{legal_article(ref[1])} {self.M.cita(ref)}"
        if name in ("los_usuarios", "Los_usuarios"):
            users = self.nouns["usuarios"]
            text = f"{'las' if users.startswith('personas') else 'los'} {users}"
            return text[0].upper() + text[1:] if name[0] == "L" else text
        if name == "monto":  # in the country's currency: 'Q150,000.00', 'L 84,500.00', 'US$12,500.00'
            value = round(self.rng.uniform(25_000, 2_500_000), self.rng.choice((-3, 2)))
            return self.M.monto(value, self.ctx["symbol"], self.ctx["moneda"], spaced=self.rng.random() < 0.3)
        if name == "visitas":
            n = self.ctx["nvis"]
            return self.M.cantidad(n, "visita" if n == 1 else "visitas")
        if name == "anio_prev":  # 'Desde 2021 esta institución …': a year named as such
            return self.M.anio(self.ctx[name])
        if name == "area" and self.ctx[name] in self.nouns.get("areas_organismo", ()):
            return self.M.org(self.ctx[name])  # 'Unidad de Hemodiálisis', not 'Comedor'
        if name in WORD_NUMBERS:  # '{dos:aulas}' -> 'dos aulas', a count in words
            return self.M.cantidad(WORD_NUMBERS[name], spec, f"{name} {spec}")
        if name in self.ctx:
            return str(self.ctx[name])
        if name == "Usuarios":
            return self.nouns["usuarios"].capitalize()
        value = self.nouns[name]
        return self.rng.choice(value) if isinstance(value, list) else value


def fill(template: str, slots: Slots) -> str:
    """The template with every ``{slot[:unit]}`` filled; numbers drawn afresh per template."""
    slots.fresh()
    out = []
    for literal, name, spec, _ in Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append(slots.get(name, spec or ""))
    return "".join(out)

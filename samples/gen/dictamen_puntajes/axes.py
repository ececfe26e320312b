"""The parts of a dictamen's spec and how each is drawn: body, period, format, columns, look, text forms.

Every function takes the document's ``random.Random`` and draws from the named distributions in
``shares``; nothing here knows the order ``spec.draw_spec`` calls them in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from . import bodies, scores, vocab
from . import labels as L
from . import shares as S
from .draws import add_days, last_day, pick, weekday_date
from .names import draw_person, titled

STOP = frozenset({"de", "del", "la", "las", "los", "y", "el", "en", "a", "al"})


def acronym(name: str) -> str:
    """'Instituto Electoral del Estado de Valle Verde' → 'IEEVV'."""
    return "".join(w[0] for w in name.replace(",", "").split() if w.lower() not in STOP).upper()


@dataclass(frozen=True)
class Institute:
    kind: str
    nombre: str
    acronimo: str
    estado: str
    ciudad: str
    servicio: str
    servicio_acr: str
    miembros: str
    miembros_acr: str
    comision: str
    organo: str
    enlace: str
    nacional: str | None
    estatuto: str
    incentivo: str
    sitio: str
    direccion: str


@dataclass(frozen=True)
class Period:
    kind: str  # sept_ago | anual | semestre
    inicio: date
    fin: date
    style: str
    stated: bool


@dataclass(frozen=True)
class Format:
    top: int
    decimals: int
    sep: str
    na: str
    rounding: str
    nivel_case: str
    name_order: str
    name_case: str


@dataclass(frozen=True)
class Columns:
    keys: tuple[str, ...]  # printed order: numero nombre cargo entidad ind col comp final nivel
    labels: dict
    grouped: bool  # ind/col under a group label (two header lines)
    group_label: str
    sub_labels: tuple[str, str]


@dataclass(frozen=True)
class Look:
    rules: str
    header_fill: bool
    zebra: bool
    num_align: str
    num_valign: str
    size: float
    landscape: bool
    repeat_header: bool
    pagesize: str
    header_style: str
    footer_style: str


@dataclass(frozen=True)
class TextForm:
    damage_level: str
    scan_level: str
    ocr_path: str  # channel | tesseract
    table_style: str
    paragraphs: str


def draw_institute(rng: random.Random, kind_name: str) -> Institute:
    kind = bodies.KINDS[kind_name]
    estado, ciudad = rng.choice(vocab.ESTADOS), rng.choice(vocab.CIUDADES)
    nombre = rng.choice(kind["nombres"]).format(E=estado, C=ciudad)
    acr = acronym(nombre)
    suffix = {"universidad": ".edu.mx", "ople": ".org.mx"}.get(kind_name, ".gob.mx")
    calle = f"{rng.choice(vocab.CALLES)} No. {rng.randint(10, 1500)}"
    cp = f"{rng.randint(20, 99)}{rng.randint(0, 999):03d}"
    direccion = f"{calle}, Col. {rng.choice(vocab.COLONIAS)}, C.P. {cp}, {ciudad}, {estado}"
    return Institute(
        kind=kind_name,
        nombre=nombre,
        acronimo=acr,
        estado=estado,
        ciudad=ciudad,
        servicio=kind["servicio"][0],
        servicio_acr=kind["servicio"][1],
        miembros=kind["miembros"][0],
        miembros_acr=kind["miembros"][1],
        comision=rng.choice(kind["comisiones"]),
        organo=kind["organo"],
        enlace=rng.choice(kind["enlace"]),
        nacional=kind["nacional"],
        estatuto=kind["estatuto"],
        incentivo=kind["incentivo"],
        sitio=f"www.{acr.lower()}{suffix}",
        direccion=direccion,
    )


def draw_period(rng: random.Random, kind: str) -> Period:
    """Sept–Aug for the electoral service (the seed), else a calendar year or a semester."""
    if kind in ("ople", "nacional"):
        y = rng.randint(2016, 2023)
        return Period("sept_ago", date(y, 9, 1), last_day(y + 1, 8), rng.choice(S.PERIOD_STYLES["sept_ago"]), True)
    y = rng.randint(2016, 2024)
    if rng.random() < S.SEMESTER_SHARE:
        m0 = rng.choice((1, 7))
        return Period("semestre", date(y, m0, 1), last_day(y, m0 + 5), rng.choice(S.PERIOD_STYLES["semestre"]), True)
    return Period("anual", date(y, 1, 1), date(y, 12, 31), rng.choice(S.PERIOD_STYLES["anual"]), True)


def draw_label(rng: random.Random, labels: tuple[str, ...]) -> str:
    if len(labels) == 1 or rng.random() < S.FIRST_LABEL_SHARE:
        return labels[0]
    return rng.choice(labels[1:])


def draw_columns(rng: random.Random, kind: str, scheme: scores.Scheme, nivel: bool) -> Columns:
    ident = ["nombre"]
    if rng.random() < S.CARGO_COLUMN_SHARE:
        ident.append("cargo")
    if rng.random() < S.ENTIDAD_COLUMN_SHARE.get(kind, S.ENTIDAD_OTHER_SHARE):
        ident.append("entidad")
    order = pick(rng, S.IDENTITY_ORDER).split("-")
    ident = sorted(ident, key=order.index)
    if rng.random() < S.NUMERO_COLUMN_SHARE:
        ident.insert(0, "numero")
    factors = [f for f in pick(rng, S.FACTOR_ORDER).split("-") if f in scheme.full]
    grouped = "ind" in factors and "col" in factors and rng.random() < S.GROUPED_HEADER_SHARE
    if grouped:  # a group's columns sit side by side
        k = min(factors.index("ind"), factors.index("col"))
        rest = [f for f in factors if f not in ("ind", "col")]
        factors = rest[:k] + [f for f in factors if f in ("ind", "col")] + rest[k:]
    tail = ["final"] + (["nivel"] if nivel else [])
    if nivel and rng.random() < S.NIVEL_BEFORE_FINAL_SHARE:
        tail = ["nivel", "final"]
    labels = {
        "numero": rng.choice(L.LABEL_NUMERO),
        "nombre": draw_label(rng, L.LABEL_NOMBRE),
        "cargo": draw_label(rng, L.LABEL_CARGO),
        "entidad": draw_label(rng, L.LABEL_ENTIDAD),
        "ind": draw_label(rng, L.LABEL_IND),
        "col": draw_label(rng, L.LABEL_COL),
        "comp": draw_label(rng, L.LABEL_COMP),
        "final": draw_label(rng, L.LABEL_FINAL),
        "nivel": draw_label(rng, L.LABEL_NIVEL),
    }
    return Columns(
        tuple(ident + factors + tail),
        labels,
        grouped,
        rng.choice(L.LABEL_GRUPO_METAS),
        rng.choice(L.LABEL_SUB_METAS),
    )


def draw_look(rng: random.Random) -> Look:
    rules = pick(rng, S.TABLE_RULES)
    return Look(
        rules=rules,
        header_fill=rng.random() < S.HEADER_FILL_SHARE,
        zebra=rules != "ruled" and rng.random() < S.ZEBRA_SHARE,
        num_align=pick(rng, S.NUM_ALIGN),
        num_valign=pick(rng, S.NUM_VALIGN),
        size=rng.choice(S.TABLE_SIZES),
        landscape=rng.random() < S.LANDSCAPE_TABLE_SHARE,
        repeat_header=rng.random() < S.REPEAT_HEADER_SHARE,
        pagesize=pick(rng, S.PAGE_SIZES),
        header_style=pick(rng, S.HEADER_STYLE),
        footer_style=pick(rng, S.FOOTER_STYLE),
    )


def draw_clave(rng: random.Random, inst: Institute, year: int) -> str:
    com = acronym(inst.comision)
    n = rng.randint(1, 60)
    patterns = (
        f"{inst.acronimo}/{com}/{inst.servicio_acr}/{n:02d}/{year}",
        f"{inst.acronimo}-{acronym(inst.organo)}-{n:03d}/{year}",
        f"{com}-{inst.acronimo}-{n:02d}-{year}",
        f"ACU-{inst.acronimo}-{com}-{n:03d}-{year}",
        f"{inst.acronimo}/{acronym(inst.organo)}/DICT/{n:02d}/{year}",
    )
    return rng.choice(patterns)


def draw_dates(rng: random.Random, period: Period) -> tuple[date, dict]:
    """The approval date and the earlier dates the prose cites, in the order things happened."""
    lineamientos = weekday_date(add_days(period.inicio, -60, -5, rng))
    programa = weekday_date(add_days(period.inicio, 20, 150, rng))
    resultados = weekday_date(add_days(period.fin, 90, 330, rng))
    integracion = weekday_date(add_days(resultados, -200, -30, rng))
    fecha = weekday_date(add_days(resultados, 15, 90, rng))
    estatuto = weekday_date(add_days(period.inicio, -2500, -800, rng))
    enlace = weekday_date(add_days(estatuto, 60, 500, rng))
    metas = weekday_date(add_days(period.inicio, 10, 90, rng))
    return fecha, {
        "estatuto": estatuto,
        "enlace": enlace,
        "metas": metas,
        "lineamientos": lineamientos,
        "programa": programa,
        "resultados": resultados,
        "integracion": integracion,
    }


def draw_commission(rng: random.Random, taken: set[str]) -> tuple[list, tuple]:
    members = []
    for i in range(rng.randint(3, 5)):
        p = draw_person(rng, taken)
        role = ("Presidenta" if p.femenino else "Presidente") if i == 0 else "Integrante"
        members.append((role, p, titled(rng, p)))
    sec = draw_person(rng, taken)
    return members, (sec, titled(rng, sec))


def draw_text_form(rng: random.Random) -> TextForm:
    return TextForm(
        damage_level=pick(rng, S.DAMAGE_LEVEL),
        scan_level=pick(rng, S.SCAN_LEVEL),
        ocr_path="tesseract" if rng.random() < S.REAL_OCR_SHARE else "channel",
        table_style=pick(rng, S.OCR_TABLE_STYLE),
        paragraphs=pick(rng, S.OCR_PARAGRAPHS),
    )

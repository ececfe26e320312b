"""The references a report leans on: legal actions and articles, its own earlier reports and
the press, cited in footnotes whose long URLs wrap at '/' and '-'.

Legal references get one canonical value however they are printed ('Acción Constitucional de
Amparo 1177-2017' and 'Amparo 1177-2017' are both ``Amparo 1177-2017``), which is what an
extractor's ``referencia_legal`` mention should return.
"""

from __future__ import annotations

import random

from .frame import slug
from .marks import MESES, Marks

AMPARO_FORMS = {
    "gt": ["Acción Constitucional de Amparo {num}", "Amparo {num}", "Amparo No. {num}"],
    "hn": ["Recurso de Amparo No. {num}", "Amparo {num}"],
    "sv": ["Proceso de Amparo {num}", "Amparo {num}"],
    "mx": ["Amparo en Revisión {num}", "Juicio de Amparo {num}"],
}
CONSTITUCION = {
    "gt": ("93", "Constitución Política de la República"),
    "hn": ("145", "Constitución de la República"),
    "sv": ("65", "Constitución de la República"),
    "mx": ("4", "Constitución Política de los Estados Unidos Mexicanos"),
}
LEYES_TEMA = {
    "hospital": ["Código de Salud", "Ley General de Salud", "Ley de Atención Integral del Cáncer"],
    "prision": ["Ley del Régimen Penitenciario", "Ley Nacional de Ejecución Penal", "Reglamento de Centros Penales"],
    "escuela": ["Ley de Educación Nacional", "Ley General de Educación", "Ley de Alimentación Escolar"],
    "albergue": ["Ley de Migración", "Código de Migración", "Ley de Protección a Personas Refugiadas"],
    "agua": ["Ley de Aguas", "Código Municipal", "Reglamento de Calidad del Agua para Consumo Humano"],
    "obra": ["Ley de Contrataciones del Estado", "Ley de Obras Públicas y Servicios Relacionados con las Mismas"],
}
NEWS = ["diarioelcentinela.com", "noticiasdelistmo.net", "periodicolaverdad.com.mx", "elobservadorregional.com"]
NEWS_SECTIONS = ["nacional", "comunitario", "sociedad", "departamentales", "estados"]
HEADLINES = [
    "denuncian desabastecimiento de medicamentos en {lugar}",
    "inauguran sala de atencion especializada en {lugar}",
    "vecinos de {lugar} reclaman falta de servicio",
    "reportan hacinamiento y falta de personal en {lugar}",
    "autoridades anuncian nuevo protocolo ante descenso de casos",
    "organizaciones exigen cumplimiento de sentencia de amparo",
]


def amparo(rng: random.Random, country: str, year: int) -> tuple[str, str]:
    """(canonical, printed) of a fictional constitutional action filed before ``year``."""
    sep = "/" if country == "mx" else "-"
    num = f"{rng.randint(101, 4999)}{sep}{rng.randint(year - 9, year - 1)}"
    printed = rng.choice(AMPARO_FORMS[country]).format(num=num)
    canonical = f"Amparo en Revisión {num}" if printed.startswith("Amparo en Revisión") else f"Amparo {num}"
    return canonical, printed


def article_ref(rng: random.Random, country: str, topic: str) -> tuple[str, str, str]:
    """(canonical, printed, instrument): 'artículo 12 de la Ley de Migración' (canonical as
    printed, 'artículo' in lower case) and the instrument it names, 'Ley de Migración'."""
    if rng.random() < 0.35:
        num, law = CONSTITUCION[country]
    else:
        num, law = str(rng.randint(3, 160)), rng.choice(LEYES_TEMA[topic])
    art = "del" if law.split()[0] in ("Código", "Reglamento") else "de la"
    return f"artículo {num} {art} {law}", f"artículo {num} {art} {law}", law


def legal_refs(rng: random.Random, ctx: dict) -> list[tuple[str, str, str | None]]:
    """Two to four references one report keeps citing: actions (no instrument named) and
    articles, as (canonical, printed, instrument) for ``Marks.cita``."""
    refs: list[tuple[str, str, str | None]] = [
        (*amparo(rng, ctx["country"], ctx["year"]), None) for _ in range(rng.randint(1, 2))
    ]
    refs += [article_ref(rng, ctx["country"], ctx["topic"]) for _ in range(rng.randint(1, 2))]
    return refs


def own_report_url(rng: random.Random, ctx: dict, year: int) -> str:
    mes = MESES[rng.randint(0, 11)]
    title = f"informe de supervision {ctx['servicio']} {ctx['centro']} {mes} {year}"
    return (
        f"https://www.{ctx['domain']}/documentos/seccion-de-informes/supervision-y-monitoreo/"
        f"{slug(ctx['unidad'])}/ano-{year}-{rng.randint(2, 14)}/{rng.randint(1000, 9999)}-{slug(title)}/file.html"
    )


def news_url(rng: random.Random, ctx: dict) -> str:
    head = rng.choice(HEADLINES).format(lugar=ctx["lugar"])
    return f"https://www.{rng.choice(NEWS)}/{rng.choice(NEWS_SECTIONS)}/{slug(head)}-0-{rng.randint(10**9, 10**10)}/"


def footnote_text(rng: random.Random, fM: Marks, ctx: dict) -> str:
    """One footnote: a bare URL, a cited report with its URL, or legal actions."""
    kind = rng.choice(("url", "cita", "cita", "legal", "noticia"))
    year = ctx["year"] - rng.randint(0, 4)
    if kind == "legal":
        refs = [fM.ley(*amparo(rng, ctx["country"], ctx["year"])) for _ in range(rng.randint(1, 3))]
        return ". ".join(refs) + "."
    if kind == "noticia":
        return fM.url(news_url(rng, ctx))
    url = fM.url(own_report_url(rng, ctx, year))
    if kind == "url":
        return url
    what = rng.choice(("Informe Anual Circunstanciado", "Informe de supervisión", "Investigación de denuncias"))
    return f"{fM.org(ctx['emisor'])}, {what}, {fM.anio(year)}. {url}"

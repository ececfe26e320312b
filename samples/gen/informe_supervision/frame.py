"""What every report of the family has around its body: who issues it, the page, the running
header and footer, the cover, the title block, section headings and the signature.

These are drawn the same way for the ombudsman and the audit styles, so an extractor meets
the same furniture variety whichever body it reads: a heading may be 'IV. HALLAZGOS',
'3. Situación encontrada:' or an unnumbered line broken in two; the issuer may sit in the
running header, on a cover, or only in the signature.
"""

from __future__ import annotations

import random
import unicodedata
from datetime import date, timedelta

from reportlab.lib.pagesizes import A4, legal, letter

from .fill import article, draw_person, post_body
from .marks import DATE_FORMAT_WEIGHTS, DATE_FORMATS, Marks, Mention, org_mentions
from .model import Page, Plan
from .vocab import (
    COUNTRY_OF,
    CURRENCY,
    EMISORES,
    ESTADOS_MX,
    FIRMANTES,
    HEADING_NUMBERING,
    HEADING_NUMBERING_WEIGHTS,
    LUGARES_CA,
    LUGARES_MX,
    ROMANOS,
    SECCIONES,
    SECCIONES_LARGAS,
    UNIDADES,
    UNIDADES_AUDITORIA,
    UNIDADES_NO_ORGANISMO,
    VISITADURIAS,
)

PAGE_SIZES = {"carta": letter, "oficio": legal, "a4": A4}
PAGE_SIZE_WEIGHTS = {"carta": 0.65, "oficio": 0.15, "a4": 0.2}
HEADERS = ("emisor_unidad", "emisor_centrado", "titulo_entidad", "logo", "ninguno")
FOOTERS = ("{n}", "Página {n} de {t}", "{n} de {t}", "- {n} -", None)
# share of reports with a cover page; of those, the share followed by a blank page (the real
# audit report has one). Covers move every record one page on, which a page-1 heuristic misses.
COVER_SHARE = 0.25
BLANK_AFTER_COVER_SHARE = 0.4
# share of reports whose justified lines end in hyphenated words; the rate per line end is
# drawn in HYPHEN_RATE. More exercises dehyphenation; a rate near 1 is what narrow columns show.
HYPHENATED_SHARE = 0.55
HYPHEN_RATE = (0.3, 0.9)
# share of reports with one section heading printed over two lines
SPLIT_HEADING_SHARE = 0.2
# share of reports that print their reference number
CLAVE_SHARE = 0.5


def slug(text: str) -> str:
    """'Defensoría de la Salud' -> 'defensoria-de-la-salud' (the reports' URL paths)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "-".join("".join(c if c.isalnum() else " " for c in plain).split())


def initials(name: str) -> str:
    """'Procuraduría Ciudadana de Derechos Humanos' -> 'PCDH'."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(w[0] for w in plain.replace(",", " ").split() if w[0].isupper())


def weighted(rng: random.Random, options, weights):
    return rng.choices(list(options), weights=list(weights))[0]


def context(rng: random.Random, style: str, topic: str) -> dict:
    """The report's world: issuer, place, region, currency, year and its unit."""
    country = COUNTRY_OF[style]
    estado, est_slug = rng.choice(ESTADOS_MX)
    lugar = rng.choice(LUGARES_MX if country == "mx" else LUGARES_CA)
    emisor_t, domain_t = rng.choice(EMISORES[style])
    emisor = emisor_t.format(estado=estado)
    unidad = rng.choice(UNIDADES[topic])
    if style == "comision_estatal":
        unidad = rng.choice(VISITADURIAS).format(lugar=lugar)
    elif style in UNIDADES_AUDITORIA:
        unidad = rng.choice(UNIDADES_AUDITORIA[style])
    symbol, moneda = CURRENCY[country]
    return dict(
        style=style,
        topic=topic,
        country=country,
        lugar=lugar,
        estado=estado,
        region=f"Estado de {estado}" if country == "mx" else f"Departamento de {lugar}",
        emisor=emisor,
        abbr=initials(emisor),
        domain=domain_t.format(slug=est_slug),
        unidad=unidad,
        symbol=symbol,
        moneda=moneda,
        year=rng.randint(2019, 2024),
    )


def page_setup(rng: random.Random, hyphenated: bool) -> tuple[str, Page]:
    name = weighted(rng, PAGE_SIZE_WEIGHTS, PAGE_SIZE_WEIGHTS.values())
    body = rng.choice((9.0, 9.5, 10.0, 10.5, 11.0))
    margins = (rng.randint(50, 85), rng.randint(50, 80), rng.randint(40, 62), rng.randint(40, 60))
    rate = rng.uniform(*HYPHEN_RATE) if hyphenated else 0.0
    page = Page(PAGE_SIZES[name], margins, body, round(body * rng.uniform(1.2, 1.45), 2), rng.random() < 0.7, rate)
    return name, page


def visit_dates(rng: random.Random, year: int, n: int) -> tuple[list[date], date]:
    """``n`` visit dates in one calendar year, in order, and the report date after them (same
    year, so a visit printed without its year takes the report's)."""
    start = date(year, rng.randint(1, 9), rng.randint(1, 28))
    days = [start]
    for _ in range(n - 1):
        days.append(days[-1] + timedelta(days=rng.randint(1, 21)))
    report = days[-1] + timedelta(days=rng.randint(3, 30))
    if report.year != year:  # pull everything back into the year
        shift = report - date(year, 12, rng.randint(10, 30))
        days, report = [d - shift for d in days], report - shift
    return days, report


def doc_date_format(rng: random.Random) -> str:
    return weighted(rng, DATE_FORMATS, DATE_FORMAT_WEIGHTS)


class Headings:
    """Section headings of one report: one numbering (I., 1., A. or none), one case, an
    optional colon, and maybe one long heading broken over two lines."""

    def __init__(self, rng: random.Random, split_key: str | None):
        self.numbering = weighted(rng, HEADING_NUMBERING, HEADING_NUMBERING_WEIGHTS)
        self.upper = rng.random() < 0.4
        self.colon = rng.random() < 0.25
        self.rng = rng
        self.split_key = split_key
        self.count = 0

    def label(self) -> str:
        self.count += 1
        i = self.count
        return {"romano": f"{ROMANOS[i - 1]}. ", "arabigo": f"{i}. ", "letra": f"{'ABCDEFGHIJKL'[i - 1]}. "}.get(
            self.numbering, ""
        )

    def add(self, plan: Plan, M: Marks, key: str, name: str | None = None) -> str:
        """Append the heading of section ``key``; returns its name as printed (no number)."""
        split = key == self.split_key
        name = name or self.rng.choice(SECCIONES_LARGAS[key] if split else SECCIONES[key])
        text = self.label() + (name.upper() if self.upper else name) + (":" if self.colon else "")
        lines = [text]
        if split:
            words = text.split()
            cut = len(words) // 2 + self.rng.randint(-1, 1)
            lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        plan.add(M, "heading", text, opts={"lines": lines})
        return name


def header_footer(rng: random.Random, ctx: dict, titulo: str, entidad: str) -> tuple[dict | None, str | None]:
    style = rng.choice(HEADERS)
    header = None
    if style in ("emisor_unidad", "logo"):
        header = {"style": style, "left": ctx["emisor"].upper(), "right": ctx["unidad"]}
    elif style == "emisor_centrado":
        header = {"style": style, "left": ctx["emisor"], "right": ctx["unidad"]}
    elif style == "titulo_entidad":
        header = {"style": style, "left": entidad, "right": titulo}
    return header, rng.choice(FOOTERS)


def header_mentions(header: dict | None, bodies: list[str | None]) -> list[Mention]:
    """The bodies the running header prints on every page it is drawn on: the issuer (maybe in
    capitals), its unit, or the audited entity / facility, and any body named inside one of
    them. ``bodies`` are the candidates in name case; a unit that is no body ('Socio a cargo')
    is never registered."""
    out: list[Mention] = []
    if header is None:
        return out
    for printed in (header["left"], header["right"]):
        for name in bodies:
            if name and name not in UNIDADES_NO_ORGANISMO and printed in (name, name.upper()):
                out += org_mentions(name, printed)
                break
    return out


def post_bodies(M: Marks, cargo: str, known: tuple[str, ...] = ()) -> None:
    """Register the body a printed post names: a known one ('Defensor de Defensoría del
    Ambiente' names the unit) or the one a head post names ('Jefa de la Dirección de …')."""
    body = next((k for k in known if k in cargo), None) or post_body(cargo)
    if body:
        M.org(body)


def signatory(rng: random.Random, ctx: dict, used: set[str]):
    key = "ombudsman" if ctx["style"].startswith("ombudsman") else ctx["style"]
    m, f = rng.choice(FIRMANTES[key])
    unidad = ctx["unidad"]
    if "{unidad_tema}" in m and not unidad.startswith("Defensoría"):
        de = article(unidad)[1]
        m, f = f"Jefe {de} {unidad}", f"Jefa {de} {unidad}"
    cargo = rng.choice((m, f)).format(unidad_tema=unidad.split(" de ", 1)[-1], lugar=ctx["lugar"])
    return draw_person(rng, cargo, used)


def month_line(M: Marks, rng: random.Random, d: date) -> str:
    """'Junio 2022' (a month-only date) or 'junio de 2022' as printed under a title."""
    if rng.random() < 0.5:
        return M.mes(d.year, d.month, cap=True)
    return M.mes(d.year, d.month, de=rng.random() < 0.5)

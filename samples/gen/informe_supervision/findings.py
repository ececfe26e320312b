"""The findings section of an ombudsman report: what was found, when, and where.

A finding's ``fecha`` is the date of the visit heading above it — printed with or without
its year ('Acciones realizadas 1 de junio:' takes the report's year) — and its
``subseccion`` the area heading above it ('Área de Encamamiento (II Nivel)'), or null when
the report prints none (a visit heading is the finding's date, not its sub-section). Lead-in
paragraphs ('Se resalta la siguiente información:') and photo captions sit among the
findings and are not findings; a follow-up visit may hold one unbulleted paragraph, which is.
"""

from __future__ import annotations

import random

from . import frame
from .fill import Slots, fill
from .marks import Marks, date_text
from .model import Plan, plain_text
from .topics import CAPTIONS, GENERICOS, T
from .vocab import BULLET_WEIGHTS, BULLETS, LEADINS, SEGUIMIENTO_HEADS, VISITA_HEADS

NUMBERINGS = ("vinetas", "numerado", "numerado_por_grupo")
NUMBERING_WEIGHTS = (0.6, 0.25, 0.15)
# per visit after the first: printed without its year (the year comes from the report)
NO_YEAR_SHARE = 0.35
# per visit after the first: a follow-up holding one unbulleted paragraph (one finding)
FOLLOW_UP_SHARE = 0.35
# per group of findings: a lead-in paragraph before the bullets (not a finding)
LEADIN_SHARE = 0.25
CAPTION_STYLES = ("Fotografía {n}. ", "Foto {n}: ", "Imagen {n}. ", "")
PHOTO_COUNTS, PHOTO_WEIGHTS = (0, 1, 2, 3), (0.3, 0.35, 0.2, 0.15)
FOLLOW_UP_TEXTS = [
    "Se sostuvo comunicación con {persona}, quien refirió que a la fecha no se ha tomado ninguna decisión "
    "definitiva en atención a la {servicio}.",
    "Vía telefónica, {persona} informó que la solicitud de {insumo} continúa en trámite y que no se tiene fecha "
    "estimada de entrega.",
    "Se verificó nuevamente {el_centro} y se constató que las condiciones descritas en la visita anterior "
    "persisten sin cambios.",
    "{Persona} remitió información en la que indica que se iniciaron las gestiones para atender lo señalado, "
    "sin presentar documentos de respaldo.",
]


def group_sizes(rng: random.Random, grouping: str, visits: list, areas_pool: list) -> list[dict]:
    """The skeleton: one dict per group of findings with its visit index, area and size."""
    groups: list[dict] = []
    if grouping == "ninguna":
        return [{"visit": None, "area": None, "n": rng.randint(3, 10)}]
    if grouping == "areas":
        return [{"visit": None, "area": a, "n": rng.randint(1, 5)} for a in rng.sample(areas_pool, rng.randint(2, 4))]
    for vi in range(len(visits)):
        if vi > 0 and rng.random() < FOLLOW_UP_SHARE:
            groups.append({"visit": vi, "area": None, "n": 1, "follow_up": True})
        elif grouping == "visitas":
            groups.append({"visit": vi, "area": None, "n": rng.randint(1, 6)})
        else:
            for a in rng.sample(areas_pool, rng.randint(1, 3)):
                groups.append({"visit": vi, "area": a, "n": rng.randint(1, 4)})
    return groups


def trim(groups: list[dict], cap: int) -> list[dict]:
    """Keep the total within the template pool (no finding printed twice); each group keeps one."""
    while sum(g["n"] for g in groups) > cap:
        big = max(groups, key=lambda g: g["n"])
        if big["n"] == 1:
            groups.pop()
        else:
            big["n"] -= 1
    return groups


def visit_heading(rng: random.Random, M: Marks, d, vi: int, follow_up: bool, fmt: str, head: str, colon: bool):
    """'Acciones realizadas 27 de mayo del 2022', 'Seguimiento telefónico del 4 de abril:' ..."""
    no_year = vi > 0 and rng.random() < NO_YEAR_SHARE
    # a date printed without its year is no mention (docs/mentions.md): printed, not registered
    fecha = date_text(d, "sin_anio") if no_year else M.fecha(d, fmt)
    template = rng.choice(SEGUIMIENTO_HEADS) if follow_up else head
    text = template.format(fecha=fecha)
    return text + (":" if colon and ":" not in template else ""), no_year


def add_findings(plan: Plan, M: Marks, rng: random.Random, slots: Slots, v: dict, grouping: str, visits) -> None:
    topic = slots.ctx["topic"]
    pool = rng.sample(T[topic]["hallazgos"] + GENERICOS, len(T[topic]["hallazgos"]) + len(GENERICOS))
    groups = trim(group_sizes(rng, grouping, visits, T[topic]["areas"]), len(pool))
    numbering = frame.weighted(rng, NUMBERINGS, NUMBERING_WEIGHTS)
    glyph = frame.weighted(rng, BULLETS, BULLET_WEIGHTS)
    fmt, head, colon = frame.doc_date_format(rng), rng.choice(VISITA_HEADS), rng.random() < 0.4
    area_colon = rng.random() < 0.6
    n_items = sum(g["n"] for g in groups)
    photos = min(rng.choices(PHOTO_COUNTS, weights=PHOTO_WEIGHTS)[0], n_items)
    caption_style = rng.choice(CAPTION_STYLES)
    v.update(hallazgos_numeracion=numbering, vineta=glyph or "ninguna", visitas=len(visits), fotos=photos)
    v.update(pie_de_foto=caption_style.strip() or "sin_rotulo", hallazgos=n_items)
    counts = dict(sin_anio=0, seguimientos=0, introducciones=0)
    numero, last_visit, remaining = 0, None, n_items
    for g in groups:
        fecha = None
        if g["visit"] is not None:
            d = visits[g["visit"]]
            fecha = d.isoformat()
            if g["visit"] != last_visit:
                text, no_year = visit_heading(rng, M, d, g["visit"], g.get("follow_up", False), fmt, head, colon)
                plan.add(M, "visita", text)
                counts["sin_anio"] += no_year
                last_visit = g["visit"]
        if g["area"]:
            area = M.org(g["area"]) if g["area"] in T[topic].get("areas_organismo", ()) else g["area"]
            plan.add(M, "subheading", area + (":" if area_colon else ""))
        if g.get("follow_up"):  # bulleted reports print it as a plain paragraph, numbered ones number it
            numero += 1
            text = fill(rng.choice(FOLLOW_UP_TEXTS), slots)
            printed = numero if numbering == "numerado" else 1
            r = finding_row(numero, printed, text, g, fecha, numbering)
            if numbering == "vinetas":
                plan.add(M, "parrafo_item", text, row=r)
            else:
                plan.add(M, "item", text, label=f"{printed}.", row=r)
            counts["seguimientos"] += 1
            remaining -= 1
            continue
        if rng.random() < LEADIN_SHARE:
            plan.add(M, "para", fill(rng.choice(LEADINS), slots))
            counts["introducciones"] += 1
        for i in range(1, g["n"] + 1):
            numero += 1
            printed = numero if numbering == "numerado" else i
            label = glyph if numbering == "vinetas" else f"{printed}."
            text = fill(pool.pop(), slots)
            plan.add(M, "item", text, label=label or None, row=finding_row(numero, printed, text, g, fecha, numbering))
            remaining -= 1
            if photos and rng.random() < photos / max(1, remaining + 1):
                photos -= 1
                add_photo(plan, M, rng, slots, caption_style, g, d if fecha else None, v)
    v.update(counts)
    v.pop("_foto_n", None)


def finding_row(order: int, printed: int, text: str, g: dict, fecha, numbering: str = "vinetas") -> dict:
    numero = order if numbering == "vinetas" else printed
    return dict(
        seccion="hallazgo",
        subseccion=g["area"],
        numero=numero,
        texto=plain_text(text),
        fecha=fecha,
        destinatario=None,
    )


def add_photo(plan, M, rng, slots, style, g, day, v) -> None:
    v["_foto_n"] = n = v.get("_foto_n", 0) + 1
    slots.ctx["area"] = g["area"] or rng.choice(T[slots.ctx["topic"]]["areas"])
    caption = fill(rng.choice(CAPTIONS), slots)
    if day is not None and rng.random() < 0.3:
        caption += f", {M.fecha(day, 'de')}"
    plan.add(M, "figure", style.format(n=n) + caption + ".", opts={"seed": rng.randint(0, 10**6)})

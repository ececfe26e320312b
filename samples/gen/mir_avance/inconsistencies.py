"""Deliberate inconsistencies: real reports print totals that do not add up, percentages that
do not match their figures and commentary that quotes another number. A small share of
generated documents does the same, so an extractor's arithmetic checks can be tested both ways
(``variant["inconsistencias"]`` says where). The truth keeps what is printed.
"""

from __future__ import annotations

import random
from decimal import Decimal

from .content import Fila, set_meta

# share of documents with one or two printed values that break the report's own arithmetic;
# more would teach a benchmark that conflicts are normal, fewer would leave the checks untested
INCONSISTENT_SHARE = 0.12
TIPOS = ("meta_anual", "avance", "comentario", "componente")


def eligible(f: Fila, i: int, filas: list[Fila], ej, componente_suma: bool) -> list[str]:
    """The inconsistencies row ``i`` can carry where the document would show them."""
    out = []
    if f.acumulacion == "suma":
        out.append("meta_anual")
    if f.avance is not None and (ej.avance_col or ej.comentario != "ausente"):
        out.append("avance")
    if f.avance is not None and ej.comentario != "ausente":
        out.append("comentario")
    others = [k for k in range(4) if f.prog[k] is not None and k != ej.trimestre - 1]
    if componente_suma and f.nivel == "componente" and others and any(h.padre == i for h in filas):
        out.append("componente")
    return out


def draw_inconsistencias(rng: random.Random, filas: list[Fila], ej, componente_suma: bool) -> list[tuple[int, str]]:
    if rng.random() >= INCONSISTENT_SHARE:
        return []
    options = [(i, t) for i, f in enumerate(filas) for t in eligible(f, i, filas, ej, componente_suma)]
    picked: list[tuple[int, str]] = []
    for _ in range(rng.randint(1, 2)):
        # a kind first, uniformly among those the document can show, then a row: every kind is
        # exercised as often as documents allow it, whatever its number of eligible rows
        free = [o for o in options if all(o[0] != i for i, _ in picked)]
        kinds = sorted({t for _, t in free})
        if not kinds:
            break
        kind = rng.choice(kinds)
        picked.append(rng.choice([o for o in free if o[1] == kind]))
    return sorted(picked)


def off_by(rng: random.Random, value: Decimal, places: int) -> Decimal:
    """A different value of the same printed precision: a few percent away, never negative."""
    unit = Decimal(1).scaleb(-places)
    step = max(unit, (abs(value) * Decimal(str(rng.uniform(0.01, 0.1)))).quantize(unit))
    new = value + step if rng.random() < 0.5 or value - step < 0 else value - step
    return new.quantize(unit)


def places(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


def apply_inconsistencias(rng: random.Random, filas: list[Fila], fallas: list[tuple[int, str]], ej) -> None:
    for i, tipo in fallas:
        f = filas[i]
        f.inconsistencias.append(tipo)
        if tipo == "componente":
            k = rng.choice([k for k in range(4) if f.prog[k] is not None and k != ej.trimestre - 1])
            f.prog[k] = off_by(rng, f.prog[k], places(f.prog[k]))
            set_meta(f)
        elif tipo == "meta_anual":
            f.meta_anual = off_by(rng, f.meta_anual, places(f.meta_anual))
        elif tipo == "avance":
            f.avance = off_by(rng, f.avance, ej.avance_decimales)
        elif tipo == "comentario":
            f.alc_comentario = off_by(rng, f.alc_comentario, places(f.alc_comentario))

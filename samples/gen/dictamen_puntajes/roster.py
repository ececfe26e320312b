"""The evaluated people of one document: posts, scores, levels, order, the prose's spellings.

Drawn after the document's format (scale, decimals, weighting, bands) because every number here
follows from it. What a real dictamen holds together is held here: the final score is the
weighting of the factors (except the recorded rows that break it), the level follows the bands
(except a recorded row), the universe of eligibles is the stated share of the members, rounded
as stated, and the people the prose names are the best scores of the table, never tied at the cut.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from . import scores
from .draws import pick
from .names import Person, draw_person, garble_name

# ranks of posts: the first post of a kind is the highest; staff are mostly in the lower ranks
RANK_WEIGHT_DECAY = 0.75
# a drawn share of documents print one or two finals that break the weighting (recorded);
# enough for a benchmark to see an extractor flag them, few enough that checking pays off
FINAL_BROKEN_SHARE = 0.12
BROKEN_FINAL_ROWS = (1, 1, 2)  # rows broken in such a document: mostly one, sometimes two
LEVEL_BROKEN_SHARE = 0.05  # documents with one level that is not its score's band (recorded)
# documents whose prose spells some named people differently from the table (the seed does)
GARBLED_DOC_SHARE = 0.55
GARBLED_PERSON_SHARE = 0.5  # in such a document, per person the prose names
GARBLE_TABLE_SIDE_SHARE = 0.7  # the table is the misspelt side (as in the seed), else the prose
# documents whose members-count in the eligible-universe table is not the table's row count,
# as the seed's '15' against its 16 rows and its own 'un total de 16 miembros' (recorded)
UNIVERSE_MISMATCH_SHARE = 0.1
UNIVERSE_PCTS = {20: 0.45, 10: 0.15, 15: 0.15, 25: 0.15, 30: 0.1}
UNIVERSE_ROUNDING = {"abajo": 0.5, "arriba": 0.3, "cercano": 0.2}
MAX_TIE_REDRAWS = 50


@dataclass
class Row:
    person: Person
    cargo: str
    rank: int
    entidad: str
    values: dict[str, Decimal | None]
    computed: Decimal  # the weighting's final score
    final: Decimal  # the printed final score (== computed unless the row breaks the weighting)
    nivel: str  # the printed level
    nombre_tabla: str = ""
    nombre_prosa: str = ""
    garble: dict | None = None  # {"lado": "tabla"|"prosa", "ops": [...]}


@dataclass(frozen=True)
class Universe:
    """'Número de MSPEN | Porcentaje | Universo de Elegibles': 15 | 20% | 3."""

    miembros: int
    pct: int
    ue: int
    rounding: str
    consistent: bool


@dataclass
class Roster:
    rows: list[Row]
    universe: Universe
    named: list[int]  # indexes (in printed order) of the people the prose names, best first
    broken: list[dict] = field(default_factory=list)  # recorded inconsistencies


def draw_cargo(rng: random.Random, kind: dict, femenino: bool) -> tuple[str, int]:
    posts = kind["puestos"]
    weights = [RANK_WEIGHT_DECAY ** (len(posts) - 1 - i) for i in range(len(posts))]
    rank = rng.choices(range(len(posts)), weights=weights)[0]
    fem, masc = posts[rank]
    text = (fem if femenino else masc).format(
        area=rng.choice(kind["areas"]), area2=rng.choice(kind.get("areas2", kind["areas"]))
    )
    return text, rank


def universe_size(miembros: int, pct: int, rounding: str) -> int:
    exact = miembros * pct / 100
    if rounding == "abajo":
        n = math.floor(exact)
    elif rounding == "arriba":
        n = math.ceil(exact)
    else:
        n = math.floor(exact + 0.5)
    return max(1, n)


def ranked(rows: list[Row]) -> list[int]:
    return sorted(range(len(rows)), key=lambda i: rows[i].final, reverse=True)


def tie_at(rows: list[Row], k: int) -> int | None:
    """The index of the first person left out when the k-th and (k+1)-th best are tied."""
    order = ranked(rows)
    if k < len(order) and rows[order[k - 1]].final == rows[order[k]].final:
        return order[k]
    return None


def score_row(row: Row, fmt, scheme, bands) -> None:
    row.computed = scores.final_score(row.values, scheme, fmt.decimals, fmt.rounding)
    row.final = row.computed
    row.nivel = scores.level_of(row.final, bands, fmt.top)


def draw_rows(rng: random.Random, n: int, kind: dict, fmt, scheme, na, low_share, bands, entidades) -> list[Row]:
    taken: set[str] = set()
    rows = []
    for _ in range(n):
        person = draw_person(rng, taken)
        cargo, rank = draw_cargo(rng, kind, person.femenino)
        entidad = rng.choice(entidades) if len(entidades) > 1 else entidades[0]
        values = scores.draw_values(rng, scheme, na, low_share, fmt.top, fmt.decimals)
        row = Row(person, cargo, rank, entidad, values, Decimal(0), Decimal(0), "")
        score_row(row, fmt, scheme, bands)
        rows.append(row)
    return rows


def order_rows(rng: random.Random, rows: list[Row], how: str) -> list[Row]:
    if how == "cargo":
        return sorted(rows, key=lambda r: (r.rank, r.cargo, r.person.paterno))
    if how == "alfabetico":
        return sorted(rows, key=lambda r: r.person.apellidos_primero if r.person else "")
    return sorted(rows, key=lambda r: r.final, reverse=True)


def break_rows(rng: random.Random, rows: list[Row], fmt, bands, keep: set[int], nivel_shown: bool) -> list[dict]:
    """The recorded rows whose printed final or level breaks the document's own rules. The
    people the prose names are spared, so breaking a row never changes who is named."""
    broken = []
    free = [i for i in range(len(rows)) if i not in keep]
    if free and rng.random() < FINAL_BROKEN_SHARE:
        for i in rng.sample(free, min(len(free), rng.choice(BROKEN_FINAL_ROWS))):
            r = rows[i]
            printed = scores.nudged(r.computed, rng, fmt.decimals, fmt.top)
            if keep and printed >= min(rows[j].final for j in keep):
                continue  # would overtake a named person; leave this row consistent
            r.final = printed
            r.nivel = scores.level_of(printed, bands, fmt.top)
            broken.append(
                {"fila": i, "campo": "calificacion_final", "impreso": str(printed), "calculado": str(r.computed)}
            )
    if free and nivel_shown and rng.random() < LEVEL_BROKEN_SHARE:
        i = rng.choice(free)
        labels = [label for label, _ in bands]
        k = labels.index(rows[i].nivel)
        other = labels[k + 1] if k + 1 < len(labels) else labels[k - 1]
        broken.append({"fila": i, "campo": "nivel_desempeno", "impreso": other, "calculado": rows[i].nivel})
        rows[i].nivel = other
    return broken


def spell_names(rng: random.Random, rows: list[Row], named: list[int], fmt) -> None:
    """Table and prose spellings; some named people get one side misspelt (recorded)."""
    garbled_doc = rng.random() < GARBLED_DOC_SHARE
    chosen = {i for i in named if rng.random() < GARBLED_PERSON_SHARE}
    if garbled_doc and named and not chosen:
        chosen = {rng.choice(named)}
    for i, r in enumerate(rows):
        table, prose = r.person.ordered(fmt.name_order), r.person.natural
        if garbled_doc and i in chosen:
            side = "tabla" if rng.random() < GARBLE_TABLE_SIDE_SHARE else "prosa"
            if side == "tabla":
                table, ops = garble_name(table, rng)
            else:
                prose, ops = garble_name(prose, rng)
            r.garble = {"lado": side, "ops": ops} if ops else None
        r.nombre_tabla = table.upper() if fmt.name_case == "upper" else table
        r.nombre_prosa = prose


def draw_universe(rng: random.Random, n: int, shown: bool) -> Universe:
    """The eligible universe; its members-count can disagree with the table only where it is printed."""
    pct, rounding = pick(rng, UNIVERSE_PCTS), pick(rng, UNIVERSE_ROUNDING)
    consistent = rng.random() >= UNIVERSE_MISMATCH_SHARE or not shown
    miembros = n if consistent else n - 1
    return Universe(miembros, pct, universe_size(miembros, pct, rounding), rounding, consistent)


def draw_roster(
    rng: random.Random, n: int, kind: dict, fmt, scheme, na, low_share, bands, entidades, purpose, row_order, shown
):
    """``shown``: which of the table's checkable parts are printed ({'nivel', 'universo'})."""
    rows = draw_rows(rng, n, kind, fmt, scheme, na, low_share, bands, entidades)
    universe = draw_universe(rng, n, "universo" in shown)
    k = universe.ue if purpose == "incentivos" else rng.randint(1, 3)
    for _ in range(MAX_TIE_REDRAWS):  # the prose names the k best: no tie at the cut
        loser = tie_at(rows, k)
        if loser is None:
            break
        r = rows[loser]
        r.values = scores.draw_values(rng, scheme, na, low_share, fmt.top, fmt.decimals)
        score_row(r, fmt, scheme, bands)
    rows = order_rows(rng, rows, row_order)
    named = ranked(rows)[:k]
    broken = break_rows(rng, rows, fmt, bands, set(named), "nivel" in shown)
    if not universe.consistent:
        broken.append({"campo": "universo_miembros", "impreso": universe.miembros, "calculado": n})
    spell_names(rng, rows, named, fmt)
    return Roster(rows, universe, named, broken)

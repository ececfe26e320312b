"""The content of a municipal MIR report, drawn before anything is laid out: the hierarchy, the
indicators and their numbers, with the report's own arithmetic built in.

Why drawn first and apart from the drawing: the two-pass layout calls the page builder twice,
so every random choice must already be made; and the truth must come from these values, never
from what a reader makes of the page. Numbers are ``Decimal`` so a percentage printed as
``95.58`` is exactly the half-up rounding of alcanzado/programado.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from . import vocab as V

NIVELES = ("fin", "proposito", "componente", "actividad")
FRECUENCIAS = ("trimestral", "semestral", "anual")
# quarters (0-based) a frequency programs: a semestral indicator has targets only in Q2/Q4,
# an anual one only in Q4
PROGRAMADOS = {"trimestral": (0, 1, 2, 3), "semestral": (1, 3), "anual": (3,)}
# frequency weights by level: Fin and Propósito are measured less often than the operational rows
FRECUENCIA_PESOS = {
    "fin": (0.3, 0.3, 0.4),
    "proposito": (0.5, 0.3, 0.2),
    "componente": (0.8, 0.15, 0.05),
    "actividad": (0.85, 0.1, 0.05),
}
# share of documents that print some rows with two decimals (rates, averages), and the share
# of rows that do in those documents; more would make every number ambiguous with a lost
# decimal point, fewer would leave that path untested
DOC_DECIMALS_SHARE = 0.5
ROW_DECIMALS_SHARE = 0.2
# share of rows whose quarters each repeat the annual target (a percentage kept all year)
# instead of adding up to it: the Σ programado = meta anual check must not be applied to them
CONSTANT_SHARE = 0.12
# share of reported quarters where alcanzado equals programado exactly (100 %, as real reports
# often print); the rest vary around the target
EXACT_SHARE = 0.25
# magnitude classes of a quarterly target: (weight, low, high); the seed runs from 1 to 1.2 M
MAGNITUDES = ((0.35, 1, 50), (0.45, 50, 5000), (0.2, 5000, 1_500_000))
INDICADOR_TIPOS = (  # (weight, name pattern, unit)
    (0.7, "Porcentaje de {o} {p}", "Porcentaje"),
    (0.12, "Número de {o} {p}", None),
    (0.06, "Tasa de variación de {o} {p}", "Tasa"),
    (0.06, "Promedio de {o} {p} por mes", "Promedio"),
    (0.06, "Índice de {o} {p}", "Índice"),
)
SIGLAS_STOP = {"de", "la", "las", "los", "el", "en", "y", "a", "con", "del", "para", "por", "al", "e"}
CENT = Decimal("0.01")


@dataclass
class Plantilla:
    """One indicator template of ``vocab.AREAS``."""

    sustantivo: str
    verbo: str
    participio: str
    genero: str
    objeto: str

    @classmethod
    def parse(cls, spec: str) -> Plantilla:
        return cls(*spec.split("|"))

    def part(self) -> str:
        return self.participio + ("as" if self.genero == "f" else "os")


@dataclass
class Fila:
    """One MIR row: what the report prints for one indicator, as numbers (truth)."""

    clave: str
    nivel: str
    area: str
    resumen: str
    indicador: str
    siglas: str
    unidad: str
    frecuencia: str
    plantilla: Plantilla
    decimales: int = 0
    acumulacion: str = "suma"  # "suma": quarters add up to meta anual; "constante": each equals it
    prog: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    alc: list[Decimal | None] = field(default_factory=lambda: [None] * 4)
    meta_anual: Decimal = Decimal(0)
    avance: Decimal | None = None  # as printed (column and commentary)
    alc_comentario: Decimal | None = None  # the alcanzado the commentary states
    linea_base: Decimal = Decimal(0)
    sentido: str = "Ascendente"
    dimension: str = "Eficacia"
    inconsistencias: list[str] = field(default_factory=list)
    clave_impresa: bool = True
    padre: int | None = None  # index of the Componente an Actividad belongs to


def q(value: float, decimales: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimales), ROUND_HALF_UP)


def pct(alc: Decimal, prog: Decimal, decimales: int, truncar: bool = False) -> Decimal:
    """alcanzado/programado·100, rounded half-up (or truncated, as some reports do) to the
    decimals the report prints."""
    raw = alc / prog * 100
    return raw.quantize(Decimal(1).scaleb(-decimales), ROUND_DOWN if truncar else ROUND_HALF_UP)


def weighted(rng: random.Random, pairs):
    """A value from (weight, value...) tuples; returns the tuple's remainder."""
    total = sum(p[0] for p in pairs)
    x = rng.random() * total
    for p in pairs:
        x -= p[0]
        if x <= 0:
            return p[1:] if len(p) > 2 else p[1]
    return pairs[-1][1:] if len(pairs[-1]) > 2 else pairs[-1][1]


def siglas_of(nombre: str, usadas: set[str]) -> str:
    """Initials of the indicator's significant words (``PSAL``), made unique in the document."""
    base = "".join(w[0] for w in nombre.replace(",", "").split() if w.lower() not in SIGLAS_STOP).upper()[:6]
    base = base.translate(str.maketrans("ÁÉÍÓÚÑ", "AEIOUN"))
    s, k = base, 2
    while s in usadas:
        s, k = f"{base}{k}", k + 1
    usadas.add(s)
    return s


def claves(rng: random.Random, n_rows: int) -> list[tuple[str, str, int | None]]:
    """(clave, nivel, parent index) for every row: a Fin of 1–4 code levels, its Propósito, and
    Componentes with Actividades below, ``n_rows`` in all (at least 4)."""
    fin = ".".join(str(rng.randint(1, 6)) for _ in range(rng.randint(1, 4)))
    prop = f"{fin}.{1 if rng.random() < 0.8 else rng.randint(2, 3)}"
    rest = n_rows - 2
    n_comp = rng.randint(1, max(1, min(8, rest // 2)))
    acts = [0] * n_comp
    for _ in range(rest - n_comp):
        acts[rng.randrange(n_comp)] += 1
    out: list[tuple[str, str, int | None]] = [(fin, "fin", None), (prop, "proposito", None)]
    for i in range(n_comp):
        comp = f"{prop}.{i + 1}"
        ci = len(out)
        out.append((comp, "componente", None))
        out.extend((f"{comp}.{j + 1}", "actividad", ci) for j in range(acts[i]))
    return out


def indicador_de(rng: random.Random, pl: Plantilla) -> tuple[str, str]:
    """(indicator name, unit) from a template."""
    patron, unidad = weighted(rng, INDICADOR_TIPOS)
    nombre = patron.format(o=pl.objeto, p=pl.part())
    return nombre, unidad or pl.objeto.split()[0].capitalize()


def resumen_de(rng: random.Random, nivel: str, pl: Plantilla) -> str:
    if nivel == "fin":
        return f"Contribuir a {rng.choice(V.FINES)} mediante {rng.choice(V.MEDIOS)}."
    if nivel == "proposito":
        return f"{rng.choice(V.POBLACIONES)} {rng.choice(V.LOGROS)}."
    if nivel == "componente":
        return f"{pl.objeto[0].upper()}{pl.objeto[1:]} {pl.part()}{rng.choice(V.COMPLEMENTOS)}."
    return f"{pl.sustantivo} de {pl.objeto}{rng.choice(V.COMPLEMENTOS)}."


def draw_filas(rng: random.Random, n_rows: int) -> list[Fila]:
    """The hierarchy and the words of every row (numbers come later)."""
    areas = list(V.AREAS)
    rng.shuffle(areas)
    pool = [(a, Plantilla.parse(s)) for a in V.AREAS for s in V.AREAS[a]]
    usadas: set[str] = set()
    usados: set[str] = set()
    filas: list[Fila] = []
    comp_area = ""
    row_decimals = ROW_DECIMALS_SHARE if rng.random() < DOC_DECIMALS_SHARE else 0.0
    planeacion = rng.choice(("Unidad de Planeación", "UIPPE", "Dirección de Planeación", "Presidencia Municipal"))
    for clave, nivel, padre in claves(rng, n_rows):
        if nivel == "componente":
            comp_area = areas[len([f for f in filas if f.nivel == "componente"]) % len(areas)]
        area = comp_area if nivel in ("componente", "actividad") else planeacion
        libres = [p for p in pool if p[1].objeto not in usados]
        own = [p for p in libres if p[0] == comp_area]
        area_pl, pl = rng.choice(own or libres or pool)
        usados.add(pl.objeto)
        nombre, unidad = indicador_de(rng, pl)
        filas.append(
            Fila(
                clave=clave,
                nivel=nivel,
                area=area,
                resumen=resumen_de(rng, nivel, pl),
                indicador=nombre,
                siglas=siglas_of(nombre, usadas),
                unidad=unidad,
                frecuencia=rng.choices(FRECUENCIAS, FRECUENCIA_PESOS[nivel])[0],
                plantilla=pl,
                decimales=2 if rng.random() < row_decimals else 0,
                acumulacion="constante" if rng.random() < CONSTANT_SHARE else "suma",
                sentido=rng.choice(V.SENTIDOS),
                dimension=rng.choice(V.DIMENSIONES),
                padre=padre,
            )
        )
    return filas


def draw_numbers(rng: random.Random, f: Fila, trimestre: int) -> None:
    """Quarterly targets, achievements up to the reported quarter, and the annual target."""
    if f.acumulacion == "constante":
        meta = q(rng.choice((100, 100, 95, 90, 85, 80)) - (rng.random() * 10 if f.decimales else 0), f.decimales)
        f.prog = [meta if i in PROGRAMADOS[f.frecuencia] else None for i in range(4)]
    else:
        lo, hi = weighted(rng, MAGNITUDES)
        base = lo * (hi / lo) ** rng.random()
        f.prog = [
            max(q(base * rng.uniform(0.5, 1.5), f.decimales), Decimal(1)) if i in PROGRAMADOS[f.frecuencia] else None
            for i in range(4)
        ]
    for i in range(trimestre):
        p = f.prog[i]
        if p is None:
            continue
        f.alc[i] = p if rng.random() < EXACT_SHARE else max(q(float(p) * rng.uniform(0.55, 1.35), f.decimales), 0)
    set_meta(f)
    f.linea_base = q(float(f.meta_anual) * rng.uniform(0.8, 1.1), f.decimales)


def set_meta(f: Fila) -> None:
    programados = [p for p in f.prog if p is not None]
    f.meta_anual = programados[-1] if f.acumulacion == "constante" else sum(programados, Decimal(0))


def sum_componentes(filas: list[Fila]) -> None:
    """Componente = Σ its Actividades, quarter by quarter (a drawn share of documents)."""
    for ci, comp in enumerate(filas):
        hijos = [f for f in filas if f.padre == ci]
        if comp.nivel != "componente" or not hijos:
            continue
        comp.acumulacion = "suma"
        comp.decimales = max(h.decimales for h in hijos)
        freqs = {h.frecuencia for h in hijos}
        comp.frecuencia = next(fr for fr in FRECUENCIAS if fr in freqs)
        for i in range(4):
            for attr in ("prog", "alc"):
                vals = [getattr(h, attr)[i] for h in hijos if getattr(h, attr)[i] is not None]
                getattr(comp, attr)[i] = sum(vals, Decimal(0)) if vals else None
        set_meta(comp)


def set_avance(f: Fila, trimestre: int, decimales: int, truncar: bool = False) -> None:
    p, a = f.prog[trimestre - 1], f.alc[trimestre - 1]
    f.avance = pct(a, p, decimales, truncar) if p and a is not None else None
    f.alc_comentario = a

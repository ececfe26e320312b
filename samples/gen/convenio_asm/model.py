"""The content of one generated ASM document, drawn from a seed before anything is drawn on paper.

Drawing and the truth both read this model, so the truth is what was drawn by construction.
The model holds the parties and their representatives, the fund or programme, the evaluation,
the rows (findings and recommendations, or CONEVAL's ASM with their areas, results and
evidence) and the dates; the layout axes live in ``axes.py``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from . import dates as D
from . import vocab_asm as VA
from . import vocab_parties as VP

# formats of the family (variant["format"])
CONVENIO = "convenio"  # state/municipal agreement with clauses and ASM tables (seed 002)
TRABAJO = "documento_trabajo"  # CONEVAL Anexo B "Documento de Trabajo" (ASM específicos)
INSTITUCIONAL = "documento_institucional"  # CONEVAL Anexo D "Documento Institucional" (ASM institucionales)
FICHA = "ficha_interinstitucional"  # label/value ASM sheets without dates (interinstitutional ASM)
FORMATS = (CONVENIO, TRABAJO, INSTITUCIONAL, FICHA)
# the convenio is the family's main document (seed, fixed sample); the annexes and sheets are
# the near relatives on real portals; weights keep every format frequent enough to benchmark
FORMAT_WEIGHTS = (60, 14, 14, 12)
# findings per document (issue: 3–15) and recommendations in a convenio (0 = no second table)
N_HALLAZGOS = (3, 15)
N_RECOMENDACIONES = (0, 6)
# share of convenios without a recommendations table (the agreement lists findings only)
NO_RECS_SHARE = 0.15
# per row, the committed activity is a list (bullets / <ul>) rather than one sentence
LIST_ACTIVITY_SHARE = 0.22
# per list activity, an opening paragraph precedes its items (seed's cell 7)
LIST_INTRO_SHARE = 0.4
# share of convenios where every row carries the same date (the seed: all '31 de Julio de 2019')
UNIFORM_DATES_SHARE = 0.35
# share of state agreements signed with a municipality instead (FAIS/FORTAMUN municipal)
MUNICIPAL_SHARE = 0.2
# share of convenios signed by two parties only (no separate control body)
TWO_PARTIES_SHARE = 0.2
# share of documents where the CONEVAL annex prints one of the ASM items with a period kept
ITEM_PERIOD_SHARE = 0.5


@dataclass(frozen=True)
class Persona:
    nombre: str  # canonical: 'Roberto Inda González'
    mujer: bool
    cargo: str  # the post in the signer's gender
    organizacion: str
    prefijo: str  # 'CP.', 'Mtra.' (printed in the CONEVAL annexes)


@dataclass(frozen=True)
class Parte:
    organizacion: str  # as printed: 'Secretaría de Finanzas'
    alias: str  # 'LA SECRETARÍA'
    persona: Persona


@dataclass(frozen=True)
class Actividad:
    """A committed activity: one sentence, or an optional intro and a list of items."""

    intro: str | None
    items: tuple[str, ...]

    @property
    def is_list(self) -> bool:
        return len(self.items) > 1

    def flat(self) -> str:
        """The contract's flattening: the printed parts joined with '; '."""
        parts = ([self.intro] if self.intro else []) + list(self.items)
        return "; ".join(parts)


@dataclass
class Fila:
    """One ASM row (a finding, a recommendation or a CONEVAL aspect)."""

    tipo: str  # 'hallazgo' | 'recomendacion'
    numero: int
    texto: str
    actividad: Actividad
    fecha: D.FechaImpresa | None  # None: the format prints no date
    area_responsable: str | None = None
    area_coordinadora: str | None = None
    resultados: str | None = None
    evidencias: tuple[str, ...] = ()


@dataclass
class Modelo:
    format: str
    estado: str
    ciudad: str
    dominio: str
    municipio: str | None
    sigla: str
    programa: str  # as printed: 'Fondo de Aportaciones para la Seguridad Pública (FASP)'
    ambito: str
    evaluacion: str
    pae: int
    firma: date
    partes: list[Parte]  # coordinating [, control], evaluated (last)
    hallazgos: list[Fila]
    recomendaciones: list[Fila]
    lema: str
    evaluador: str
    lineamientos: tuple[str, str]
    gaceta: str
    f_lineamientos: date
    f_pae: date
    referencias: tuple[str, ...]
    responsables: list[Persona] = field(default_factory=list)  # designated for the sessions
    firmantes: list[Persona] = field(default_factory=list)  # CONEVAL annex signers
    caps: str = "titulo"
    fecha_kind: str = D.DIA
    uniform_dates: bool = False
    mixed_dates: bool = False
    monto: float | None = None

    @property
    def sujeto(self) -> Parte:
        return self.partes[-1]

    @property
    def filas(self) -> list[Fila]:
        return self.hallazgos + self.recomendaciones


def draw_persona(rng: random.Random, used: set[str], cargo: VP.Cargo, organizacion: str) -> Persona:
    """A fictional person not yet in this document, with the post in their gender."""
    while True:
        mujer = rng.random() < 0.45
        nombre = rng.choice(VP.NOMBRES_M if mujer else VP.NOMBRES_H)
        a1, a2 = rng.sample(VP.APELLIDOS, 2)
        full = f"{nombre} {a1} {a2}"
        if full not in used:
            used.add(full)
            prefijo = rng.choice(VP.PREFIJOS_M if mujer else VP.PREFIJOS_H)
            return Persona(full, mujer, cargo[1] if mujer else cargo[0], organizacion, prefijo)


def fill(template: str, **kw: str) -> str:
    for k, v in kw.items():
        template = template.replace("{" + k + "}", v)
    return template


def capitalize_first(s: str) -> str:
    return s[:1].upper() + s[1:]


def draw_fund(rng: random.Random, estado: str, ciudad: str, municipal: bool) -> tuple[dict, str, tuple]:
    """The fund (or budget programme) and the body that exercises it: (fund, programme name, sujeto).
    A budget programme is one its body runs (a hospital programme for the health secretariat)."""
    pool = [f for f in VP.FONDOS if f["municipal"]] if municipal else [f for f in VP.FONDOS if f["sujetos"]]
    fondo = rng.choice(pool)
    sujeto = rng.choice(fondo["sujetos"]) if not municipal else rng.choice(VP.SUJETOS_MUN)
    programa = fondo["nombre"]
    if fondo["sigla"] == "Pp":
        owner = next(k for k in VP.PROGRAMAS_PP if sujeto[0].startswith(k))
        clave, nombre = rng.choice(VP.PROGRAMAS_PP[owner])
        programa = fill(programa, clave=clave, programa=nombre)
    return fondo, programa, sujeto


def draw_actividad(rng: random.Random, topic: dict, ambito: str, sigla: str, period: bool) -> Actividad:
    if rng.random() < LIST_ACTIVITY_SHARE:
        items = rng.sample(topic["items"], rng.randint(2, len(topic["items"])))
        if period:
            items = [i + "." for i in items]
        intro = rng.choice(VA.INTRO_LISTA) if rng.random() < LIST_INTRO_SHARE else None
        return Actividad(intro, tuple(items))
    return Actividad(None, (fill(rng.choice(topic["actividad"]), ambito=ambito, sigla=sigla),))


def hallazgo_text(rng: random.Random, topic: dict, i: int, n: int, m: Modelo) -> str:
    problem = fill(rng.choice(topic["hallazgo"]), ambito=m.ambito, sigla=m.sigla)
    if i == 0:
        lead = rng.choice(VA.CONECTORES_PRIMERO)
    elif i == n - 1 and n > 2 and rng.random() < 0.5:
        lead = rng.choice(VA.CONECTORES_ULTIMO)
    else:
        lead = rng.choice(VA.CONECTORES)
    lead = fill(lead, evaluacion=m.evaluacion, sigla=m.sigla)
    return (f"{lead} {problem}" if lead else capitalize_first(problem)) + "."


def recomendacion_text(rng: random.Random, topic: dict, m: Modelo) -> str:
    body = fill(rng.choice(topic["recomendacion"]), ambito=m.ambito, sigla=m.sigla)
    return f"{rng.choice(VA.RECOMENDACION_INICIO)} {body}."


def draw_fechas(rng: random.Random, m: Modelo, n: int) -> list[D.FechaImpresa]:
    """The rows' dates: one for all (uniform), or each its own, some in another kind (mixed)."""
    shared = D.draw_fecha(rng, m.fecha_kind, m.firma, m.caps)
    out = []
    for _ in range(n):
        if m.uniform_dates:
            f = shared
        else:
            kind = m.fecha_kind
            if m.mixed_dates and rng.random() < D.MIXED_ROW_SHARE:
                kind = rng.choice([k for k in D.KINDS if k != m.fecha_kind])
            f = D.draw_fecha(rng, kind, m.firma, m.caps)
        r = rng.random()
        if r < D.ABSENT_ROW_SHARE:
            f = D.fecha_ausente(rng)
        elif r < D.ABSENT_ROW_SHARE + D.ILLEGIBLE_ROW_SHARE:
            f = D.fecha_ilegible(f)
        out.append(f)
    return out


def draw_rows(rng: random.Random, m: Modelo, n_h: int, n_r: int) -> None:
    """Findings and recommendations, each from its own topic (no topic twice in a table)."""
    coneval = m.format in (TRABAJO, INSTITUCIONAL, FICHA)
    period = rng.random() < ITEM_PERIOD_SHARE
    topics = rng.sample(VA.TOPICOS, min(n_h, len(VA.TOPICOS)))
    topics += [rng.choice(VA.TOPICOS) for _ in range(n_h - len(topics))]
    dates_h = draw_fechas(rng, m, n_h) if m.format != FICHA else [None] * n_h
    area_all = rng.choice(VA.AREAS)
    for i, topic in enumerate(topics):
        texto = fill(topic["asm"], ambito=m.ambito, sigla=m.sigla) if coneval else hallazgo_text(rng, topic, i, n_h, m)
        fila = Fila("hallazgo", i + 1, texto, draw_actividad(rng, topic, m.ambito, m.sigla, period), dates_h[i])
        if coneval:
            fila.area_responsable = area_all if rng.random() < 0.5 else rng.choice(VA.AREAS)
            fila.resultados = rng.choice(topic["resultado"])
            fila.evidencias = tuple(rng.sample(topic["evidencia"], rng.randint(1, len(topic["evidencia"]))))
            if m.format == INSTITUCIONAL:
                fila.area_coordinadora = rng.choice(VA.AREAS_COORDINADORAS)
        m.hallazgos.append(fila)
    dates_r = draw_fechas(rng, m, n_r)
    for i, topic in enumerate(rng.sample(VA.TOPICOS, n_r)):
        act = draw_actividad(rng, topic, m.ambito, m.sigla, period)
        m.recomendaciones.append(Fila("recomendacion", i + 1, recomendacion_text(rng, topic, m), act, dates_r[i]))


def draw_partes(rng: random.Random, m: Modelo, used: set[str], municipal: bool, sujeto: tuple) -> list[Parte]:
    """The parties: the coordinating body, (often) the control body, and the evaluated body last."""
    coords = VP.COORDINADORAS_MUN if municipal else VP.COORDINADORAS
    ctrls = VP.CONTRALORIAS_MUN if municipal else VP.CONTRALORIAS
    name, posts = rng.choice(coords)
    partes = [Parte(name, "LA SECRETARÍA" if name.startswith("Secretar") else "LA COORDINADORA",
                    draw_persona(rng, used, rng.choice(posts), name))]  # fmt: skip
    if rng.random() >= TWO_PARTIES_SHARE:
        name, posts = rng.choice(ctrls)
        partes.append(Parte(name, "LA CONTRALORÍA", draw_persona(rng, used, rng.choice(posts), name)))
    org = fill(sujeto[0], estado=m.estado, ciudad=m.ciudad, municipio=m.municipio or "")
    partes.append(Parte(org, "EL SUJETO EVALUADO", draw_persona(rng, used, sujeto[1], org)))
    return partes


def draw_modelo(rng: random.Random) -> Modelo:
    fmt = rng.choices(FORMATS, FORMAT_WEIGHTS)[0]
    estado, ciudad, dominio = rng.choice(VP.ESTADOS)
    municipal = fmt == CONVENIO and rng.random() < MUNICIPAL_SHARE
    municipio = rng.choice(VP.MUNICIPIOS) if municipal else None
    fondo, programa, sujeto = draw_fund(rng, estado, ciudad, municipal)
    ambito = sujeto[2] if len(sujeto) > 2 else fondo["ambito"]
    firma_year = rng.randint(2017, 2025)
    firma = date(firma_year, rng.randint(1, 12), rng.randint(1, 28))
    pae = firma_year - rng.choice((1, 1, 2))
    m = Modelo(
        format=fmt,
        estado=estado,
        ciudad=ciudad,
        dominio=dominio,
        municipio=municipio,
        sigla=fondo["sigla"],
        programa=programa,
        ambito=ambito,
        evaluacion=rng.choice(VP.TIPOS_EVALUACION),
        pae=pae,
        firma=firma,
        partes=[],
        hallazgos=[],
        recomendaciones=[],
        lema=f"{firma_year}. " + fill(rng.choice(VP.LEMAS), estado=estado, ciudad=ciudad),
        evaluador=rng.choice(VP.EVALUADORES),
        lineamientos=rng.choice(VP.LINEAMIENTOS),
        gaceta=rng.choice(VP.GACETAS),
        f_lineamientos=date(pae - rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28)),
        f_pae=date(pae, rng.randint(1, 5), rng.randint(1, 28)),
        referencias=tuple(rng.sample(VP.REFERENCIAS_LEGALES, rng.randint(1, 3))),
    )
    m.caps = rng.choices(D.CAPS, D.CAPS_WEIGHTS)[0]
    m.fecha_kind = rng.choices(list(D.KIND_WEIGHTS), list(D.KIND_WEIGHTS.values()))[0]
    m.uniform_dates = fmt != FICHA and rng.random() < UNIFORM_DATES_SHARE
    m.mixed_dates = not m.uniform_dates and rng.random() < 0.5
    used: set[str] = set()
    m.partes = draw_partes(rng, m, used, municipal, sujeto)
    n_h = rng.randint(*N_HALLAZGOS) if fmt == CONVENIO else rng.randint(1, 7)
    n_r = 0
    if fmt == CONVENIO and rng.random() >= NO_RECS_SHARE:
        n_r = rng.randint(max(1, N_RECOMENDACIONES[0]), N_RECOMENDACIONES[1])
    draw_rows(rng, m, n_h, n_r)
    org = m.sujeto.organizacion
    m.responsables = [
        draw_persona(rng, used, VP.cargo("Director de Evaluación del Desempeño", "Directora de Evaluación del Desempeño"),
                     m.partes[0].organizacion),
        draw_persona(rng, used, VP.cargo("Titular del Órgano Interno de Control"), org),
        draw_persona(rng, used, VP.cargo("Jefe de la Unidad de Planeación", "Jefa de la Unidad de Planeación"), org),
    ]  # fmt: skip
    m.firmantes = [
        draw_persona(rng, used, VP.cargo("Responsable de la Información"), org),
        draw_persona(rng, used, VP.cargo("Enlace de Evaluación"), org),
        draw_persona(rng, used, VP.cargo("Titular de la Dependencia"), org),
    ]
    if rng.random() < 0.5:
        m.monto = round(rng.uniform(2e6, 9e8), 2)
    return m

"""The convenio's legal prose, as pieces of text and mentions (``flow.Ment``).

The prose is where an agreement names its parties, the fund, the evaluation, the PAE, the
rules it obeys, the count of commitments and the signing date; each of those is a ``Ment`` so
the truth's mentions are what was printed, on the page it was printed. The wording follows
the state agreements (ANTECEDENTES / DECLARACIONES / CLÁUSULAS) with alternatives for every
fixed phrase.
"""

from __future__ import annotations

import random
import re
from datetime import date

from . import dates as D
from .flow import Mark, Ment, ment
from .model import Modelo, Parte, Persona

ORDINALES = (
    "PRIMERA", "SEGUNDA", "TERCERA", "CUARTA", "QUINTA", "SEXTA", "SÉPTIMA", "OCTAVA", "NOVENA", "DÉCIMA",
    "DÉCIMA PRIMERA", "DÉCIMA SEGUNDA", "DÉCIMA TERCERA",
)  # fmt: skip
NUM_PALABRAS = (
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
    "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte",
)  # fmt: skip
TITULOS = (
    "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES",
    "CONVENIO PARA LA ATENCIÓN DE LOS ASPECTOS SUSCEPTIBLES DE MEJORA",
    "CONVENIO DE COLABORACIÓN PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS GUBERNAMENTALES",
    "CONVENIO DE COMPROMISOS DE MEJORA DEL DESEMPEÑO",
)
TITULO_MUNICIPAL = "CONVENIO PARA LA MEJORA DEL DESEMPEÑO Y RESULTADOS MUNICIPALES"


MASCULINOS = ("Sistema", "Instituto", "Organismo", "Secretariado", "Colegio", "Órgano")
# a body named inside a post, from its head noun: 'Titular de la *Unidad de Evaluación del
# Desempeño*', 'Jefa de la *Unidad de Planeación*' (a system in a post, 'del Sistema Estatal de
# Seguridad Pública', is no body; nor is a post's own subject, 'Director de Evaluación del Desempeño')
BODY_IN_POST = re.compile(r"\b(?:de la|del) ((?:Unidad|Órgano|Dirección|Subdirección|Departamento|Coordinación)\b.*)$")
# the instrument an article cites: 'artículo 49 de la *Ley de Coordinación Fiscal*'
CITED = re.compile(r"^(artículo \S+ (?:de la|del) )(.+)$")


def upper(s: str) -> str:
    return s.upper()


def articulo(org: str) -> tuple[str, str]:
    """('EL', 'REPRESENTADO') for 'Instituto ...', ('LOS', 'REPRESENTADOS') for 'Servicios ...'."""
    first = org.split()[0]
    if first in MASCULINOS:
        return "EL", "REPRESENTADO"
    if first == "Servicios":
        return "LOS", "REPRESENTADOS"
    return "LA", "REPRESENTADA"


def persona_ment(p: Persona, texto: str) -> Ment:
    return ment("persona", p.nombre, texto, cargo=p.cargo, organizacion=p.organizacion)


def org_ment(name: str, texto: str) -> Ment:
    return ment("organizacion", name, texto)


def fecha_ment(d: date, texto: str) -> Ment:
    return ment("fecha", d.isoformat(), texto, precision="dia")


def anio_ment(year: int, texto: str) -> Ment:
    """A year named as such: 'Ejercicio Fiscal 2019', the PAE's '2019', the motto's '2019.'."""
    return ment("fecha", str(year), texto, precision="anio")


def ref_ment(ref: str) -> Ment:
    return ment("referencia_legal", ref, ref)


def ref_pieces(ref: str) -> list:
    """An article and, inside it, the instrument it cites: both are mentions."""
    art = ref_ment(ref)
    cited = CITED.match(ref)
    if cited is None:
        return [art]
    return [Mark(art), cited[1], ref_ment(cited[2])]


def cargo_pieces(p: Persona, texto: str) -> list:
    """A post printed on its own (``texto``: the post, upper-cased or not) with the body it names
    as a mention, even when that is the person's own party under a longer name ('Titular del
    *Órgano Interno de Control*' of the 'Órgano Interno de Control Municipal': printed alone,
    the unit is a mention as printed)."""
    found = BODY_IN_POST.search(p.cargo)
    if found is None:
        return [texto]
    k = found.start(1)
    assert texto.upper() == p.cargo.upper(), (texto, p.cargo)
    return [texto[:k], org_ment(found[1], texto[k:])]


def cargo_de_pieces(p: Persona) -> list:
    """A post followed by the body it belongs to, upper-cased: 'JEFA DE LA UNIDAD DE PLANEACIÓN
    DE COMISIÓN ESTATAL DEL AGUA DE COSTA DORADA'. docs/mentions.md, bodies named inside other
    names: the unit the post names and its body are one chain, a mention as printed ('Unidad de
    Planeación de Comisión Estatal del Agua de Costa Dorada'), and the body inside it another;
    the unit alone is not printed here, so it is no mention here. A post that names no unit
    ('DIRECTORA DE EVALUACIÓN DEL DESEMPEÑO DE …') names only the body."""
    texto, org = p.cargo.upper(), p.organizacion
    body = org_ment(org, org.upper())
    found = BODY_IN_POST.search(p.cargo)
    if found is None:
        return [texto, " DE ", body]
    k = found.start(1)
    chain = org_ment(f"{found[1]} de {org}", f"{texto[k:]} DE {body.texto}")
    return [texto[:k], Mark(chain), texto[k:], " DE ", body]


def cargo_ments(p: Persona, texto: str) -> list[Ment]:
    """The mentions ``cargo_pieces`` finds, for a post printed on its own line."""
    return [x for x in cargo_pieces(p, texto) if isinstance(x, Ment)]


def gobierno(m: Modelo) -> str:
    """The government a convenio's antecedentes speak of: the state's, or the municipality's."""
    return f"Ayuntamiento de {m.municipio}" if m.municipio else f"Gobierno del Estado de {m.estado}"


def fondo(m: Modelo) -> str | None:
    """The fund a programme names ('Fondo de Aportaciones Múltiples' of '… (FAM)'); None for a
    budget programme ('Programa presupuestario E014 …': a programme, no body)."""
    tail = f" ({m.sigla})"
    return m.programa[: -len(tail)] if m.programa.endswith(tail) else None


def programa_pieces(m: Modelo) -> list:
    """The programme as printed, its fund a mention."""
    name = fondo(m)
    if name is None:
        return [m.programa]
    return [org_ment(name, name), m.programa[len(name) :]]


def lema_ments(m: Modelo) -> list[Ment]:
    """What the running motto names: its year ('2019. Año del …') and a constitution it honours."""
    out = [anio_ment(m.firma.year, str(m.firma.year))]
    k = m.lema.find("Constitución")
    if k >= 0:
        out.append(ref_ment(m.lema[k:]))
    return out


def cantidad_ment(n: int, noun: str, femenino: bool = False) -> Ment:
    """'trece (13) hallazgos': the number, and the noun as printed."""
    return ment("cantidad", n, f"{cantidad(n, femenino)} {noun}", unidad=noun)


def cantidad(n: int, femenino: bool = False) -> str:
    """'trece (13)'; 'una (1)' before a feminine noun."""
    if n >= len(NUM_PALABRAS):
        return str(n)
    word = "una" if femenino and n == 1 else NUM_PALABRAS[n]
    return f"{word} ({n})"


def titulo_pieces(m: Modelo, titulo: str, separado: bool) -> list:
    """The title paragraph: who agrees with whom, represented by whom, and the aliases."""
    out: list = [] if separado else [f"**{titulo}, "]
    out.append("QUE CELEBRAN POR UNA PARTE " if not separado else "**QUE CELEBRAN POR UNA PARTE ")
    partes = m.partes
    for i, p in enumerate(partes):
        if i == len(partes) - 1:
            out.append("; Y POR LA OTRA PARTE, ")
        elif i > 0:
            out.append(" Y ")
        art, rep = articulo(p.organizacion)
        out += [
            f"{art} ",
            org_ment(p.organizacion, upper(p.organizacion)),
            f" {rep} POR ",
            persona_ment(p.persona, upper(p.persona.nombre)),
            ", ",
            *cargo_pieces(p.persona, upper(p.persona.cargo)),
        ]
    aliases = [f"“{p.alias}”" for p in partes]
    out.append(
        "; A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ "
        + (", ".join(aliases[:-1]) + " Y " + aliases[-1])
        + ", Y ACTUANDO EN CONJUNTO COMO “LAS PARTES”, AL TENOR DE LOS SIGUIENTES:**"
    )
    return out


def antecedentes(m: Modelo, rng: random.Random, url_pae: str) -> list[list]:
    gob = gobierno(m)
    lin, disp = m.lineamientos
    paras = [
        [
            "El ",
            org_ment(gob, gob),
            " tiene el objeto de consolidar una gestión orientada a resultados, cuyas "
            "acciones puedan evaluarse en un entorno de transparencia, sustentadas en indicadores "
            "verificables, tal y como lo dispone el Plan de Desarrollo vigente.",
        ],
        [
            "Por este motivo, el ",
            org_ment(gob, gob),
            " publicó en fecha ",
            fecha_ment(m.f_lineamientos, D.prose_date(m.f_lineamientos)),
            ", los “",
            ref_ment(lin),
            f"” en el periódico oficial “{m.gaceta}”; en cumplimiento de dichos lineamientos, en fecha ",
            fecha_ment(m.f_pae, D.prose_date(m.f_pae)),
            ", se emitió el “Programa Anual de Evaluación para el ",
            anio_ment(m.pae, f"Ejercicio Fiscal {m.pae}"),
            "” (PAE), en el cual "
            "los sujetos evaluados deberán atender los Aspectos Susceptibles de Mejora (ASM) mediante la "
            "celebración de un convenio, publicado en el sitio ",
            ment("url", url_pae, url_pae),
            ".",
        ],
        [
            "El Programa Anual de Evaluación ",
            anio_ment(m.pae, str(m.pae)),
            f" establece la {m.evaluacion} al **",
            *programa_pieces(m),
            "**",
        ],
    ]
    if m.monto is not None:
        texto = f"${m.monto:,.2f}"
        paras[2] += [", cuyos recursos ejercidos ascendieron a ", ment("monto", m.monto, texto, moneda="MXN")]
    paras[2].append(".")
    if rng.random() < 0.5:
        paras[2] += [
            " La evaluación fue realizada por la instancia evaluadora externa ",
            org_ment(m.evaluador, m.evaluador),
            "" if m.evaluador.endswith(".") else ".",
        ]
    return paras


def declaracion(p: Parte, k: int, ref: str, calle: str, ciudad: str, estado: str) -> list[list]:
    """'1.1. Que es una Dependencia ...' and the address, for one party."""
    return [
        [
            f"{k}.1. Que es {'un organismo' if articulo(p.organizacion)[0] != 'LA' else 'una dependencia'}"
            " de la Administración Pública con atribuciones en materia de planeación, programación, "
            "supervisión y evaluación, de conformidad con lo establecido en el ",
            *ref_pieces(ref),
            ".",
        ],
        [
            f"{k}.2. Que su ",
            *cargo_pieces(p.persona, p.persona.cargo),
            " cuenta con las facultades y capacidad legal para suscribir el presente instrumento.",
        ],
        [
            f"{k}.3. Que para efectos del presente instrumento señala como domicilio el ubicado en {calle}, {ciudad}, {estado}."
        ],
    ]


def objeto(m: Modelo, clause: str) -> list:
    return [
        f"**{clause}. Objeto.** El presente Convenio tiene por objeto establecer los compromisos de “EL SUJETO "
        f"EVALUADO” que permitirán atender los Aspectos Susceptibles de Mejora que se derivan de la **{m.evaluacion} "
        "al ",
        *programa_pieces(m),
        "**, correspondiente al PAE ",
        anio_ment(m.pae, str(m.pae)),
        ".",
    ]


def obligaciones(clause: str) -> list:
    return [
        f"**{clause}. Obligaciones y responsabilidades.** “LAS PARTES” darán seguimiento al cumplimiento de los "
        "Aspectos Susceptibles de Mejora conforme al plazo establecido; “EL SUJETO EVALUADO” atenderá los "
        "compromisos en los plazos pactados y remitirá la evidencia documental que acredite su cumplimiento."
    ]


def asm_clause(clause: str, n_h: int, n_r: int) -> list:
    """The clause that introduces the tables, with the counts it states (``cantidad`` mentions)."""
    out: list = [
        f"**{clause}. De los Aspectos Susceptibles de Mejora.** “EL SUJETO EVALUADO” se compromete a atender los ",
        cantidad_ment(n_h, "hallazgos"),
    ]
    if n_r == 1:
        out += [" y ", cantidad_ment(1, "recomendación", True)]
    elif n_r:
        out += [" y las ", cantidad_ment(n_r, "recomendaciones", True)]
    out.append(" que se enlistan a continuación:")
    return out


def cumplimiento(clause: str, limite: date | None, limite_texto: str | None) -> list:
    out: list = [
        f"**{clause}. Cumplimiento.** “LAS PARTES” determinarán si las acciones y los compromisos realizados por "
        "“EL SUJETO EVALUADO” cumplen de manera suficiente y clara con lo solicitado."
    ]
    if limite is not None and limite_texto is not None:
        out += [
            " Las fechas de cumplimiento de los Aspectos Susceptibles de Mejora no podrán exceder del ",
            ment("fecha", limite.isoformat(), limite_texto, precision="dia"),
            ".",
        ]
    return out


def clausulas_finales(first: int, url_pub: str) -> list[list]:
    c = ORDINALES
    return [
        [
            f"**{c[first]}. Prórroga.** Cuando existan acciones que no hayan alcanzado la totalidad de su "
            "cumplimiento, “EL SUJETO EVALUADO” podrá solicitar una prórroga que no deberá ser mayor a ",
            ment("cantidad", 30, "30 días", unidad="días"),
            " naturales.",
        ],
        [
            f"**{c[first + 1]}. Publicidad.** El presente instrumento es público y se difundirá en ",
            ment("url", url_pub, url_pub),
            ".",
        ],
        [
            f"**{c[first + 2]}. Vigencia.** El presente Convenio surtirá efecto a partir del día de su firma y "
            "hasta su total cumplimiento."
        ],
    ]


def cierre(m: Modelo, rng: random.Random) -> list:
    lugar = f"{m.municipio}, {m.estado}" if m.municipio else f"{m.ciudad}, {m.estado}"
    texto = D.firma_text(m.firma, rng)
    return [
        f"El presente Convenio se firma por triplicado en la ciudad de {lugar}, ",
        fecha_ment(m.firma, texto),
        ".",
    ]


def responsables_intro(clause: str) -> str:
    return (
        f"De conformidad con la cláusula **{clause}** del presente Convenio, “LAS PARTES” designan como "
        "responsables para acudir a las sesiones de cumplimiento de los Aspectos Susceptibles de Mejora a los "
        "servidores públicos:"
    )


def hoja_firmas(m: Modelo, rng: random.Random) -> list:
    """The closing line of the designations sheet; the parties it lists ('celebrado entre A, B y C')
    are each a mention."""
    bodies: list = []
    for i, p in enumerate(m.partes):
        if i:
            bodies.append(" y " if i == len(m.partes) - 1 else ", ")
        bodies.append(org_ment(p.organizacion, p.organizacion))
    return [
        "La presente hoja de firmas corresponde al Convenio para la Mejora del Desempeño y Resultados "
        "Gubernamentales del “",
        *programa_pieces(m),
        "”, celebrado entre ",
        *bodies,
        ", el ",
        fecha_ment(m.firma, D.prose_date(m.firma)),
        ".",
    ]

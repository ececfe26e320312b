"""The convenio's legal prose, as pieces of text and mentions (``flow.Ment``).

The prose is where an agreement names its parties, the fund, the evaluation, the PAE, the
rules it obeys, the count of commitments and the signing date; each of those is a ``Ment`` so
the truth's mentions are what was printed, on the page it was printed. The wording follows
the state agreements (ANTECEDENTES / DECLARACIONES / CLÁUSULAS) with alternatives for every
fixed phrase.
"""

from __future__ import annotations

import random
from datetime import date

from . import dates as D
from .flow import Ment, ment
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
            f", {upper(p.persona.cargo)}",
        ]
    aliases = [f"“{p.alias}”" for p in partes]
    out.append(
        "; A QUIENES EN LO SUCESIVO SE LES DENOMINARÁ "
        + (", ".join(aliases[:-1]) + " Y " + aliases[-1])
        + ", Y ACTUANDO EN CONJUNTO COMO “LAS PARTES”, AL TENOR DE LOS SIGUIENTES:**"
    )
    return out


def antecedentes(m: Modelo, rng: random.Random, url_pae: str) -> list[list]:
    gob = f"el Ayuntamiento de {m.municipio}" if m.municipio else f"el Gobierno del Estado de {m.estado}"
    lin, disp = m.lineamientos
    paras = [
        [
            f"{gob[0].upper()}{gob[1:]} tiene el objeto de consolidar una gestión orientada a resultados, cuyas "
            "acciones puedan evaluarse en un entorno de transparencia, sustentadas en indicadores "
            "verificables, tal y como lo dispone el Plan de Desarrollo vigente."
        ],
        [
            f"Por este motivo, {gob} publicó en fecha ",
            fecha_ment(m.f_lineamientos, D.prose_date(m.f_lineamientos)),
            f", los “{lin}” en el periódico oficial “{m.gaceta}”; en cumplimiento de dichos lineamientos, en fecha ",
            fecha_ment(m.f_pae, D.prose_date(m.f_pae)),
            f", se emitió el “Programa Anual de Evaluación para el Ejercicio Fiscal {m.pae}” (PAE), en el cual "
            "los sujetos evaluados deberán atender los Aspectos Susceptibles de Mejora (ASM) mediante la "
            "celebración de un convenio, publicado en el sitio ",
            ment("url", url_pae, url_pae),
            ".",
        ],
        [f"El Programa Anual de Evaluación {m.pae} establece la {m.evaluacion} al **{m.programa}**"],
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
            ment("referencia_legal", ref, ref),
            ".",
        ],
        [
            f"{k}.2. Que su {p.persona.cargo} cuenta con las facultades y capacidad legal para suscribir el presente "
            "instrumento."
        ],
        [
            f"{k}.3. Que para efectos del presente instrumento señala como domicilio el ubicado en {calle}, {ciudad}, {estado}."
        ],
    ]


def objeto(m: Modelo, clause: str) -> list:
    return [
        f"**{clause}. Objeto.** El presente Convenio tiene por objeto establecer los compromisos de “EL SUJETO "
        f"EVALUADO” que permitirán atender los Aspectos Susceptibles de Mejora que se derivan de la **{m.evaluacion} "
        f"al {m.programa}**, correspondiente al PAE {m.pae}."
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
        ment("cantidad", n_h, cantidad(n_h), unidad="hallazgos"),
        " hallazgos",
    ]
    if n_r == 1:
        out += [" y ", ment("cantidad", 1, cantidad(1, True), unidad="recomendaciones"), " recomendación"]
    elif n_r:
        out += [" y las ", ment("cantidad", n_r, cantidad(n_r, True), unidad="recomendaciones"), " recomendaciones"]
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
            "cumplimiento, “EL SUJETO EVALUADO” podrá solicitar una prórroga que no deberá ser mayor a 30 días "
            "naturales."
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
    bodies = ", ".join(p.organizacion for p in m.partes[:-1])
    return [
        "La presente hoja de firmas corresponde al Convenio para la Mejora del Desempeño y Resultados "
        f"Gubernamentales del “{m.programa}”, celebrado entre {bodies} y {m.sujeto.organizacion}, el ",
        fecha_ment(m.firma, D.prose_date(m.firma)),
        ".",
    ]

"""The kinds of body that publish score dictámenes, each with its own vocabulary.

Electoral institutes (the seed's kind), a fictional national electoral service, judiciaries,
human-rights commissions, universities, state civil services and prosecutors' offices: each names
its service, commission, approving body, posts and incentives in its own words, so an extractor
keyed on one kind's words fails on the others.
"""

from __future__ import annotations

import re

# ---- kinds of issuing body --------------------------------------------------------------------
# Each kind: how its bodies are named ({E} = state), its professional service, the commission that
# signs, the body that approves, its posts ((feminine, masculine) pairs, {area} filled from areas),
# the incentive word and the framework documents it cites. The share of each kind is drawn in spec.
KINDS: dict[str, dict] = {
    "ople": {
        "nombres": (
            "Instituto Electoral del Estado de {E}",
            "Instituto Estatal Electoral de {E}",
            "Instituto Electoral de {E}",
            "Instituto Electoral y de Participación Ciudadana de {E}",
            "Instituto de Elecciones y Participación Ciudadana de {E}",
        ),
        "servicio": ("Servicio Profesional Electoral Nacional", "SPEN"),
        "miembros": ("miembros del Servicio Profesional Electoral Nacional", "MSPEN"),
        "comisiones": (
            "Comisión de Vinculación y Servicio Profesional Electoral",
            "Comisión de Seguimiento al Servicio Profesional Electoral Nacional",
            "Comisión Permanente del Servicio Profesional Electoral",
            "Comisión del Servicio Profesional Electoral Nacional",
        ),
        "organo": "Consejo General",
        "enlace": ("Órgano de Enlace", "Dirección Ejecutiva de Vinculación y Servicio Profesional Electoral"),
        "nacional": "Instituto Nacional Electoral",
        "puestos": (
            ("Coordinadora de {area}", "Coordinador de {area}"),
            ("Técnica de {area}", "Técnico de {area}"),
            ("Jefa de Departamento de {area}", "Jefe de Departamento de {area}"),
            ("Subcoordinadora de {area}", "Subcoordinador de {area}"),
        ),
        "areas": (
            "Educación Cívica",
            "Organización Electoral",
            "Participación Ciudadana",
            "lo Contencioso Electoral",
            "Prerrogativas y Partidos Políticos",
            "Vinculación con el Instituto Nacional Electoral",
            "Capacitación Electoral",
            "Igualdad de Género y No Discriminación",
            "Sistemas Informáticos Electorales",
            "Oficialía Electoral",
        ),
        "estatuto": "Estatuto del Servicio Profesional Electoral Nacional y del Personal de la Rama Administrativa",
        "incentivo": "incentivos",
    },
    "nacional": {
        "nombres": (
            "Instituto Federal de Servicios Electorales",
            "Comisión Nacional del Servicio Civil Electoral",
            "Instituto Nacional de Organización Comicial",
        ),
        "servicio": ("Servicio Profesional de Carrera Comicial", "SPCC"),
        "miembros": ("miembros del Servicio Profesional de Carrera", "MSPC"),
        "comisiones": ("Comisión del Servicio Profesional de Carrera", "Comisión de Evaluación y Profesionalización"),
        "organo": "Junta General Ejecutiva",
        "enlace": ("Dirección Ejecutiva del Servicio Profesional", "Dirección de Evaluación del Desempeño"),
        "nacional": None,
        "puestos": (
            ("Vocal Ejecutiva de Junta Distrital", "Vocal Ejecutivo de Junta Distrital"),
            ("Vocal de {area} de Junta Local", "Vocal de {area} de Junta Local"),
            ("Jefa de Oficina de Seguimiento y Análisis", "Jefe de Oficina de Seguimiento y Análisis"),
            ("Vocal Secretaria de Junta Distrital", "Vocal Secretario de Junta Distrital"),
        ),
        "areas": (
            "Organización Electoral",
            "Capacitación Electoral y Educación Cívica",
            "Registro Federal de Electores",
        ),
        "estatuto": "Estatuto del Servicio Profesional de Carrera Comicial",
        "incentivo": "incentivos",
    },
    "judicial": {
        "nombres": (
            "Poder Judicial del Estado de {E}",
            "Consejo de la Judicatura del Estado de {E}",
            "Tribunal Superior de Justicia del Estado de {E}",
        ),
        "servicio": ("Carrera Judicial", "CJ"),
        "miembros": ("servidoras y servidores públicos de carrera judicial", "SPCJ"),
        "comisiones": (
            "Comisión de Carrera Judicial",
            "Comisión de Administración y Carrera Judicial",
            "Comisión de Evaluación y Disciplina",
        ),
        "organo": "Pleno del Consejo de la Judicatura",
        "enlace": ("Escuela Judicial", "Unidad de Evaluación del Desempeño Judicial"),
        "nacional": None,
        "puestos": (
            ("Secretaria de Acuerdos del Juzgado {area}", "Secretario de Acuerdos del Juzgado {area}"),
            ("Actuaria Judicial del Juzgado {area}", "Actuario Judicial del Juzgado {area}"),
            ("Secretaria Proyectista de Sala", "Secretario Proyectista de Sala"),
            ("Jueza de Primera Instancia en Materia {area2}", "Juez de Primera Instancia en Materia {area2}"),
            ("Oficial Judicial", "Oficial Judicial"),
        ),
        "areas": (
            "Primero Civil",
            "Segundo Familiar",
            "Tercero Penal",
            "Mixto de Primera Instancia",
            "Primero Mercantil",
            "de Control y Enjuiciamiento",
        ),
        "areas2": ("Civil", "Familiar", "Penal", "Mercantil", "Laboral"),
        "estatuto": "Ley Orgánica del Poder Judicial del Estado",
        "incentivo": "estímulos",
    },
    "derechos_humanos": {
        "nombres": (
            "Comisión Estatal de Derechos Humanos de {E}",
            "Comisión de Derechos Humanos del Estado de {E}",
            "Defensoría de los Derechos Humanos de {E}",
        ),
        "servicio": ("Servicio Profesional en Derechos Humanos", "SPDH"),
        "miembros": ("integrantes del Servicio Profesional en Derechos Humanos", "ISPDH"),
        "comisiones": ("Comité del Servicio Profesional", "Comité de Evaluación y Estímulos"),
        "organo": "Consejo Consultivo",
        "enlace": ("Dirección de Administración", "Secretaría Ejecutiva"),
        "nacional": None,
        "puestos": (
            ("Visitadora Adjunta de {area}", "Visitador Adjunto de {area}"),
            ("Visitadora Auxiliar", "Visitador Auxiliar"),
            ("Jefa de Departamento de Orientación y Quejas", "Jefe de Departamento de Orientación y Quejas"),
            ("Analista Jurídica", "Analista Jurídico"),
            ("Coordinadora de Capacitación en Derechos Humanos", "Coordinador de Capacitación en Derechos Humanos"),
        ),
        "areas": ("la Primera Visitaduría General", "la Segunda Visitaduría General", "Atención a Grupos Vulnerables"),
        "estatuto": "Reglamento del Servicio Profesional en Derechos Humanos",
        "incentivo": "estímulos",
    },
    "universidad": {
        "nombres": (
            "Universidad Autónoma de {E}",
            "Universidad Tecnológica de {C}",
            "Universidad Intercultural del Estado de {E}",
            "Instituto Tecnológico Superior de {C}",
        ),
        "servicio": ("Programa de Evaluación del Desempeño del Personal Administrativo", "PEDPA"),
        "miembros": ("trabajadoras y trabajadores administrativos de confianza", "TAC"),
        "comisiones": (
            "Comisión Dictaminadora del Programa de Estímulos al Desempeño",
            "Comité de Evaluación del Desempeño Administrativo",
        ),
        "organo": "Consejo Universitario",
        "enlace": ("Dirección de Recursos Humanos", "Secretaría Administrativa"),
        "nacional": None,
        "puestos": (
            ("Jefa del Departamento de {area}", "Jefe del Departamento de {area}"),
            ("Coordinadora de {area}", "Coordinador de {area}"),
            ("Analista de {area}", "Analista de {area}"),
            ("Auxiliar Administrativa", "Auxiliar Administrativo"),
        ),
        "areas": ("Servicios Escolares", "Bibliotecas", "Sistemas", "Control Presupuestal", "Vinculación", "Posgrado"),
        "estatuto": "Reglamento de Estímulos al Desempeño del Personal Administrativo",
        "incentivo": "estímulos",
    },
    "carrera_estatal": {
        "nombres": (
            "Secretaría de Administración del Gobierno del Estado de {E}",
            "Secretaría de Finanzas y Planeación del Estado de {E}",
            "Secretaría de la Función Pública del Estado de {E}",
        ),
        "servicio": ("Servicio Profesional de Carrera de la Administración Pública Estatal", "SPC"),
        "miembros": ("servidoras y servidores públicos de carrera", "SPC"),
        "comisiones": ("Comité Técnico de Profesionalización", "Comité Técnico de Profesionalización y Selección"),
        "organo": "Comité Técnico de Profesionalización",
        "enlace": ("Dirección General de Recursos Humanos", "Unidad de Desarrollo Organizacional"),
        "nacional": None,
        "puestos": (
            ("Directora de {area}", "Director de {area}"),
            ("Subdirectora de {area}", "Subdirector de {area}"),
            ("Jefa de Departamento de {area}", "Jefe de Departamento de {area}"),
            ("Enlace de Alto Nivel de Responsabilidad", "Enlace de Alto Nivel de Responsabilidad"),
        ),
        "areas": (
            "Contabilidad Gubernamental",
            "Recursos Humanos",
            "Control Presupuestal",
            "Adquisiciones y Servicios Generales",
            "Ingresos Coordinados",
            "Planeación y Evaluación",
        ),
        "estatuto": "Ley del Servicio Profesional de Carrera en la Administración Pública del Estado",
        "incentivo": "reconocimientos",
    },
    "fiscalia": {
        "nombres": ("Fiscalía General del Estado de {E}", "Procuraduría General de Justicia del Estado de {E}"),
        "servicio": ("Servicio Profesional de Carrera Ministerial, Policial y Pericial", "SPCMPP"),
        "miembros": ("integrantes del Servicio Profesional de Carrera", "ISPC"),
        "comisiones": ("Consejo de Profesionalización", "Comisión del Servicio Profesional de Carrera"),
        "organo": "Consejo de Profesionalización",
        "enlace": ("Instituto de Formación Profesional", "Dirección General de Servicios Periciales"),
        "nacional": None,
        "puestos": (
            ("Agente del Ministerio Público", "Agente del Ministerio Público"),
            ("Perita en {area}", "Perito en {area}"),
            ("Agente de la Policía de Investigación", "Agente de la Policía de Investigación"),
            ("Oficial Secretaria", "Oficial Secretario"),
        ),
        "areas": ("Criminalística", "Medicina Forense", "Contabilidad", "Genética Forense", "Informática"),
        "estatuto": "Reglamento del Servicio Profesional de Carrera de la Fiscalía",
        "incentivo": "estímulos",
    },
}

# ---- what these names name, for the truth's mentions (docs/mentions.md) ------------------------
# Names above that are not a body by its proper name: a role the document defines ('Órgano de
# Enlace', as 'LA CONTRALORÍA' is), a career and a program (docs/mentions.md leaves programs out).
NOT_A_BODY = frozenset(
    {
        "Órgano de Enlace",
        "Carrera Judicial",
        "Programa de Evaluación del Desempeño del Personal Administrativo",
    }
)
# Bodies named inside another name (docs/mentions.md, 'Bodies named inside other names'): a body's,
# a post's, a law's or the members' phrase. Each starts at a head noun that follows a preposition
# ('Pleno del *Consejo de la Judicatura del Tribunal …*', 'Jefa de *Departamento de Vinculación con
# el Instituto …*', 'Comisión de Seguimiento al *Servicio Profesional Electoral Nacional*') and runs
# to the end of the name, so it keeps the body it belongs to; the outer part alone is no mention.
# A place ('Estado de …'), a subject ('Evaluación del Desempeño', 'Administración Pública') and a
# program ('Programa de Estímulos …') start with no head noun here, so they name none.
HEADS = (
    "Comisión",
    "Comité",
    "Consejo",
    "Pleno",
    "Junta",
    "Instituto",
    "Tribunal",
    "Poder",
    "Juzgado",
    "Servicio",  # a career service ('Servicio Profesional Electoral Nacional') is a body in this truth
    "Secretaría",
    "Dirección",
    "Unidad",
    "Departamento",
    "Oficina",
    "Escuela",
    "Fiscalía",
    "Procuraduría",
    "Defensoría",
    "Universidad",
    "Gobierno",
    "Ministerio",
    "Policía",
    "Primera Visitaduría",
    "Segunda Visitaduría",
)
PREPOSITIONS = ("de la", "de los", "de las", "del", "de", "al", "a la", "con el", "con la", "en el", "en la")
INNER = re.compile(rf"(?<!\S)(?:{'|'.join(PREPOSITIONS)}) (?=(?:{'|'.join(HEADS)})\b)")
# a list goes on ('Estatuto del *Servicio Profesional Electoral Nacional* y del Personal de la Rama
# Administrativa'): the body ends there; a 'y' with no article stays inside one name
LIST_GOES_ON = re.compile(r" y (?:del|de la|de los|de las|al|a la) ")
# what the heads above start but that names no one body: a generic reference (one word, 'la
# Fiscalía'; 'Servicio Profesional', how the document says 'the service'), a district's or
# state's board of no name ('Vocal Ejecutivo de Junta Distrital')
GENERIC = frozenset({"Servicio Profesional", "Junta Distrital", "Junta Local"})
# the noun a count of the members counts ('un total de 16 dieciséis *miembros* del Servicio …')
COUNTED = re.compile(r"^(?:\w+ y \w+|\w+)")


def is_body(name: str) -> bool:
    return name not in NOT_A_BODY


def named(name: str, itself: bool = True) -> list[str]:
    """The bodies a printed name names, as values: itself when it is a body (``itself``: a post,
    a law or the members' phrase is not), then each body inside it, outermost first, from its
    head noun to the end ('Pleno del Consejo de la Judicatura del Tribunal Superior de Justicia
    del Estado de X' names itself, 'Consejo de la Judicatura del Tribunal …' and 'Tribunal …')."""
    out = [name] if itself and is_body(name) else []
    for found in INNER.finditer(name):
        body = LIST_GOES_ON.split(name[found.end() :])[0].rstrip(".,;: ")
        if is_body(body) and body not in GENERIC and " " in body and body not in out:
            out.append(body)
    return out


def counted_noun(miembros: str) -> str:
    """'miembros' of 'miembros del Servicio …', 'servidoras y servidores' of 'servidoras y servidores públicos …'."""
    return COUNTED.match(miembros).group(0)

"""Who writes supervision and audit reports, about whom, and how they head their sections.

Every list is wide on purpose: the seed is one Guatemalan ombudsman report, and an extractor
keyed on its words ("Acciones realizadas", "Hallazgos", "Dirección Ejecutiva") would pass
on it and fail on the next office's report. Bodies, places and people are fictional; the
vocabulary is the ordinary public-administration Spanish of Mexico and Central America.
"""

from __future__ import annotations

# -- the issuing styles --------------------------------------------------------------------
# ombudsman offices (Guatemala, Honduras, El Salvador styles), Mexican state commissions,
# state audit offices (results with/without observation) and external audit firms
STYLES = ("ombudsman_gt", "ombudsman_hn", "ombudsman_sv", "comision_estatal", "auditoria", "auditoria_externa")
# drawn weights: the ombudsman offices are the family's core (the seed is one); the audit
# styles are near relatives that must not be mistaken for another family
STYLE_WEIGHTS = (0.2, 0.14, 0.14, 0.2, 0.2, 0.12)
AUDIT_STYLES = ("auditoria", "auditoria_externa")

COUNTRY_OF = {
    "ombudsman_gt": "gt",
    "ombudsman_hn": "hn",
    "ombudsman_sv": "sv",
    "comision_estatal": "mx",
    "auditoria": "mx",
    "auditoria_externa": "mx",
}
CURRENCY = {"gt": ("Q", "GTQ"), "hn": ("L", "HNL"), "sv": ("US$", "USD"), "mx": ("$", "MXN")}

EMISORES = {
    "ombudsman_gt": [
        ("Procuraduría Ciudadana de Derechos Humanos", "pcdh.org.gt"),
        ("Procuraduría Nacional de los Derechos Humanos", "pndh.gob.gt"),
        ("Procuraduría de Derechos Humanos del Pueblo", "pdhp.org.gt"),
    ],
    "ombudsman_hn": [
        ("Comisionado Ciudadano de los Derechos Humanos", "ccdh.hn"),
        ("Oficina del Comisionado Nacional para la Defensa de los Derechos Humanos", "conadef.hn"),
        ("Comisionado Nacional de Protección de los Derechos Humanos", "cnpdh.gob.hn"),
    ],
    "ombudsman_sv": [
        ("Procuraduría para la Defensa de los Derechos Ciudadanos", "pddc.gob.sv"),
        ("Procuraduría para la Tutela de los Derechos Humanos", "ptdh.gob.sv"),
        ("Procuraduría General para la Defensa de los Derechos Humanos", "pgddh.gob.sv"),
    ],
    "comision_estatal": [
        ("Comisión Estatal de Derechos Humanos de {estado}", "cedh{slug}.org.mx"),
        ("Comisión de Derechos Humanos del Estado de {estado}", "cdhe{slug}.org.mx"),
        ("Defensoría de los Derechos Humanos del Estado de {estado}", "ddh{slug}.gob.mx"),
    ],
    "auditoria": [
        ("Auditoría Superior del Estado de {estado}", "ase{slug}.gob.mx"),
        ("Órgano Superior de Fiscalización del Estado de {estado}", "osfe{slug}.gob.mx"),
        ("Entidad de Fiscalización Superior del Estado de {estado}", "efse{slug}.gob.mx"),
    ],
    "auditoria_externa": [
        ("Grupo Consultor Alvarado Meneses, S.C.", "gcam.com.mx"),
        ("Auditores Asociados del Sureste, S.C.", "aasureste.mx"),
        ("Despacho Ruiz Paredes y Asociados, S.C.", "ruizparedes.com.mx"),
        ("Consultoría Integral Barragán Ochoa", "cibo-consultores.mx"),
    ],
}
# the office's unit that runs the supervision (printed beside the emisor, never the emisor)
UNIDADES = {
    "hospital": ["Defensoría de la Salud", "Unidad de Supervisión Hospitalaria", "Dirección de Derechos Sociales"],
    "prision": [
        "Defensoría de las Personas Privadas de Libertad",
        "Mecanismo de Prevención de la Tortura",
        "Unidad de Supervisión Penitenciaria",
    ],
    "escuela": ["Defensoría de la Niñez y Adolescencia", "Unidad de Derechos Educativos", "Dirección de Supervisión"],
    "albergue": [
        "Defensoría de las Personas Migrantes",
        "Unidad de Movilidad Humana",
        "Dirección de Grupos Vulnerables",
    ],
    "agua": ["Defensoría del Ambiente", "Unidad de Servicios Públicos", "Dirección de Derechos Económicos y Sociales"],
    "obra": ["Unidad de Servicios Públicos", "Dirección de Supervisión de Obra", "Defensoría de la Vivienda"],
}
# the audit body's unit in charge (an audit body has no 'Defensoría')
UNIDADES_AUDITORIA = {
    "auditoria": [
        "Dirección General de Fiscalización Superior Estatal",
        "Auditoría Especial de Cumplimiento Financiero",
        "Dirección de Auditoría a Municipios",
    ],
    "auditoria_externa": ["Área de Auditoría Gubernamental", "Dirección de Auditoría Externa", "Socio a cargo"],
}
VISITADURIAS = ["Primera Visitaduría General", "Segunda Visitaduría General", "Visitaduría Regional de {lugar}"]
# what stands where a unit is printed but names a post, not a body (never an ``organizacion``)
UNIDADES_NO_ORGANISMO = ("Socio a cargo",)

# -- places (fictional) --------------------------------------------------------------------
LUGARES_CA = [
    "San Bartolomé",
    "Santa Lucía Las Flores",
    "San Juan del Valle",
    "Villa Canales del Norte",
    "Puerto San Felipe",
    "Las Cumbres",
    "Río Hondo Alto",
    "Santa Catarina Ixtán",
    "San Andrés Chivac",
    "El Naranjal",
    "Nueva Concepción del Lago",
    "San Marcos La Vega",
]
ESTADOS_MX = [
    ("Valle Verde", "vv"),
    ("Sierra Alta", "sa"),
    ("Costa Esmeralda", "ce"),
    ("Río Bravo del Sur", "rbs"),
    ("Altiplano Central", "ac"),
    ("Lagos del Poniente", "lp"),
]
LUGARES_MX = [
    "San Isidro del Valle",
    "Santa Catalina",
    "Villa de Arroyo Seco",
    "Tierra Blanca del Monte",
    "Ciudad Nopalera",
    "San Pedro Tlacotepec",
    "Mineral de la Cañada",
    "Puerto Escondido del Golfo",
    "Ixtlán de los Olivos",
    "Cuautla de las Flores",
]

# -- people (fictional) --------------------------------------------------------------------
NOMBRES_M = ["Jorge", "Carlos Enrique", "Luis Alberto", "Mario", "Óscar", "Julio César", "Héctor", "Raúl", "Edgar"]
NOMBRES_M += ["Francisco Javier", "Rubén", "Sergio Iván", "Manuel", "Andrés"]
NOMBRES_F = ["Karla", "Sandra", "María José", "Ana Lucía", "Marta Eugenia", "Claudia", "Rosa Elvira", "Gabriela"]
NOMBRES_F += ["Patricia", "Lorena", "Silvia Marisol", "Verónica", "Alejandra", "Ingrid"]
APELLIDOS = ["López", "Almengor", "Flores", "Coyoy", "Sical", "Méndez", "Orellana", "Barrios", "Pérez", "Cifuentes"]
APELLIDOS += ["Guzmán", "Hernández", "Ochoa", "Zelaya", "Ramírez", "Quiñónez", "Villatoro", "Escobar", "Matus"]
APELLIDOS += ["Castellanos", "Argueta", "Maldonado", "Sandoval", "Núñez", "Rivas", "Tzoc", "Chacón", "Beltrán"]
TRATAMIENTO = {"m": ["Dr.", "Lic.", "Ing.", "Mtro.", "Arq.", ""], "f": ["Dra.", "Licda.", "Lic.", "Ing.", "Mtra.", ""]}

# signatory posts, by style; (masculine, feminine)
FIRMANTES = {
    "ombudsman": [
        ("Defensor de {unidad_tema}", "Defensora de {unidad_tema}"),
        ("Procurador Adjunto", "Procuradora Adjunta"),
        ("Delegado Departamental de {lugar}", "Delegada Departamental de {lugar}"),
        ("Coordinador de Supervisión", "Coordinadora de Supervisión"),
    ],
    "comision_estatal": [
        ("Primer Visitador General", "Primera Visitadora General"),
        ("Visitador Adjunto", "Visitadora Adjunta"),
        ("Presidente de la Comisión", "Presidenta de la Comisión"),
    ],
    "auditoria": [
        ("Auditor Superior del Estado", "Auditora Superior del Estado"),
        ("Auditor Especial de Cumplimiento Financiero", "Auditora Especial de Cumplimiento Financiero"),
        ("Director General de Fiscalización Superior", "Directora General de Fiscalización Superior"),
    ],
    "auditoria_externa": [("Director General", "Directora General"), ("Socio Director", "Socia Directora")],
}
AUDIT_STAFF_POSTS = [("Jefe de Departamento", "Jefa de Departamento"), ("Auditor", "Auditora")]
AUDIT_STAFF_POSTS += [("Supervisor", "Supervisora"), ("Coordinador de Auditoría", "Coordinadora de Auditoría")]

# -- section headings ----------------------------------------------------------------------
# section key -> printed names (the first word is what a reader will match; the rest varies)
SECCIONES = {
    "antecedentes": ["Antecedentes", "Antecedentes del caso", "Contexto", "Introducción"],
    "justificacion": ["Justificación", "Justificación de la supervisión", "Motivo de la intervención"],
    "marco": ["Marco legal", "Fundamento legal", "Marco jurídico aplicable"],
    "objetivos": ["Objetivos", "Objetivos de la supervisión", "Objetivos de la visita"],
    "metodologia": ["Metodología", "Metodología empleada", "Acciones de verificación"],
    "hallazgos": [
        "Hallazgos",
        "Resultados de la supervisión",
        "Situación encontrada",
        "Hallazgos de la verificación",
        "Hechos constatados",
    ],
    "conclusiones": ["Conclusiones", "Consideraciones finales", "Conclusiones de la supervisión"],
    "recomendaciones": ["Recomendaciones", "Recomendaciones y acciones a seguir", "Recomendaciones a las autoridades"],
}
# headings long enough to be printed over two lines (the brief's "heading split over two lines")
SECCIONES_LARGAS = {
    "hallazgos": ["Hallazgos identificados durante las visitas de supervisión realizadas al establecimiento"],
    "recomendaciones": ["Recomendaciones dirigidas a las autoridades responsables de la atención de las personas"],
    "conclusiones": ["Conclusiones derivadas de la verificación realizada por el personal de la institución"],
}
OBJ_GENERAL = ["General", "Objetivo general", "Objetivo General:", "General:"]
OBJ_ESPECIFICOS = ["Específicos", "Objetivos específicos", "Objetivos Específicos:", "Específicos:"]

HEADING_NUMBERING = ("romano", "arabigo", "letra", "ninguno")
HEADING_NUMBERING_WEIGHTS = (0.5, 0.2, 0.1, 0.2)
HEADING_CASE = ("mayusculas", "titulo")
ROMANOS = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

# -- items ---------------------------------------------------------------------------------
BULLETS = ("•", "-", "»", "–", "")  # "" = no glyph, the item only indented
BULLET_WEIGHTS = (0.4, 0.2, 0.15, 0.1, 0.15)
# labels of numbered lists: how each style prints item n
NUMBER_LABELS = {
    "punto": lambda n: f"{n}.",
    "parentesis": lambda n: f"{n})",
    "letra": lambda n: f"{'abcdefghijklmnopqrstuvwxyz'[n - 1]})",
}
ORDINALES = ["PRIMERA", "SEGUNDA", "TERCERA", "CUARTA", "QUINTA", "SEXTA", "SÉPTIMA", "OCTAVA", "NOVENA", "DÉCIMA"]
ORDINALES += ["DÉCIMA PRIMERA", "DÉCIMA SEGUNDA"]

# visit headings: {fecha} is the printed date; a trailing colon is drawn separately
VISITA_HEADS = [
    "Acciones realizadas {fecha}",
    "Visita del {fecha}",
    "Supervisión realizada el {fecha}",
    "Visita de supervisión {fecha}",
    "Monitoreo del {fecha}",
    "Fecha de la visita: {fecha}",
    "Verificación in situ del {fecha}",
]
SEGUIMIENTO_HEADS = ["Seguimiento telefónico del {fecha}", "Acciones realizadas {fecha}", "Comunicación del {fecha}"]
SEGUIMIENTO_HEADS += ["Seguimiento realizado el {fecha}"]

# lead-in paragraphs under a sub-heading: not findings, they introduce the bullets
LEADINS = [
    "En acompañamiento {de_persona}, se realizó un recorrido por las instalaciones. Se resalta la siguiente información:",
    "Se sostuvo reunión con {persona} para abordar el tema. Se informó lo siguiente:",
    "Durante la entrevista con {persona} se documentó lo siguiente:",
    "Con el apoyo {de_persona} se verificaron las áreas que se describen a continuación:",
]

# the article in front of an addressee ("Al Ministerio ...", "A la Dirección ...")
FEMENINOS = ("Dirección", "Secretaría", "Gerencia", "Coordinación", "Contraloría", "Junta", "Comisión", "Fiscalía")
FEMENINOS += ("Subdirección", "Jefatura", "Administración", "Presidencia", "Empresa", "Unidad")

"""Who signs an ASM agreement, and about what: fictional states, bodies, people, posts, funds.

Every list is wide on purpose (GENERALITY.md): an extractor keyed on one agreement's words —
"Secretaría de Finanzas", "FASP", "Subsecretario de Planeación" — must fail on generated
documents, so each role is filled from several real-sounding alternatives. All names are
fictional; the funds and evaluation types are the real federal categories (their names are
public vocabulary, not one document's).
"""

from __future__ import annotations

# (state, capital, short name used in domains)
ESTADOS: tuple[tuple[str, str, str], ...] = (
    ("Valle Verde", "Santa Catalina", "valleverde"),
    ("Sierra Alta", "San Mateo de la Sierra", "sierraalta"),
    ("Costa Dorada", "Puerto Alegre", "costadorada"),
    ("Río Claro", "Villa del Río", "rioclaro"),
    ("Tierra Nueva", "Ciudad Tierra Nueva", "tierranueva"),
    ("Los Cerros", "San Jerónimo de los Cerros", "loscerros"),
    ("Bahía Serena", "Puerto Serena", "bahiaserena"),
    ("Llanos del Norte", "Villa de los Llanos", "llanosnorte"),
)
# municipalities for the municipal agreements (FORTAMUN, FAIS municipal)
MUNICIPIOS: tuple[str, ...] = (
    "San Isidro del Valle",
    "Santa Rosa de las Palmas",
    "San Pedro Tlalnepantla del Monte",
    "Villa Hermosa del Sur",
    "Zacatepec de la Loma",
    "San Andrés Ocotlán",
    "Ixtapan de la Cañada",
    "Santiago Tepeyolo",
)

NOMBRES_H = (
    "Roberto", "Mario Alberto", "Héctor Iván", "José Gabriel", "Víctor Manuel", "Luis Ramón", "Julio César",
    "Arturo", "Fernando", "Jorge Luis", "Miguel Ángel", "Raúl", "Sergio", "Ernesto", "Gustavo Adolfo",
    "Francisco Javier", "Alejandro", "Ricardo", "Óscar", "Hugo", "Máximo Alberto", "Salvador", "Ramiro",
    "Eduardo", "Juan Carlos", "Tomás", "Efraín", "Gilberto", "Rogelio", "Andrés",
)  # fmt: skip
NOMBRES_M = (
    "Adriana", "Larissa", "Erika", "María Eugenia", "Gabriela", "Lucía", "Patricia", "Claudia Ivonne",
    "Verónica", "Rocío", "Martha Elena", "Ana Laura", "Norma", "Silvia", "Leticia", "Guadalupe",
    "Mónica", "Diana Karina", "Beatriz", "Alma Delia", "Yolanda", "Rosa María", "Elsa", "Itzel",
    "Karla Paola", "Margarita", "Irma", "Sofía", "Araceli", "Teresa",
)  # fmt: skip
APELLIDOS = (
    "Quiroz", "Ledesma", "Solís", "Becerra", "Palacios", "Nava", "Inda", "Carreño", "Aguilar", "Talavera",
    "Ayala", "Evia", "León", "Arce", "Torres", "Muñoz", "Rivera", "Granados", "Córdoba", "Carrillo",
    "Ortegón", "Montero", "Sarmiento", "Viveros", "Moreno", "Enríquez", "Reyes", "Ortega", "García",
    "Villaseñor", "Trejo", "Beltrán", "Estrada", "Zamudio", "Peña", "Olvera", "Cisneros", "Galindo",
    "Bautista", "Salgado", "Medina", "Castañeda", "Arriaga", "Ibarra", "Lozano", "Pineda", "Rosales",
    "Serrano", "Valdés", "Zúñiga", "Escobedo", "Fuentes", "Gallegos", "Herrera", "Jiménez", "Lara",
    "Mendoza", "Núñez", "Ochoa", "Ponce", "Quintero", "Rangel", "Sandoval", "Tovar", "Urbina", "Vega",
)  # fmt: skip
# academic or professional prefix printed before a name in the CONEVAL annexes' signatures
PREFIJOS_H = ("CP.", "Lic.", "Mtro.", "Ing.", "Dr.", "LI.", "Arq.")
PREFIJOS_M = ("CP.", "Lic.", "Licda.", "Mtra.", "Ing.", "Dra.", "C.P.")

# A post is (masculine, feminine): the agreements print the signer's post in the signer's gender.
Cargo = tuple[str, str]


def cargo(m: str, f: str | None = None) -> Cargo:
    return (m, f or m)


# --- state agreements: the coordinating (finance/planning) body -------------------------------
# (name of the body, the posts that sign for it)
COORDINADORAS: tuple[tuple[str, tuple[Cargo, ...]], ...] = (
    (
        "Secretaría de Finanzas",
        (
            cargo("Subsecretario de Planeación y Presupuesto", "Subsecretaria de Planeación y Presupuesto"),
            cargo("Director de Evaluación del Desempeño", "Directora de Evaluación del Desempeño"),
        ),
    ),
    (
        "Secretaría de Planeación y Finanzas",
        (
            cargo("Subsecretario de Egresos", "Subsecretaria de Egresos"),
            cargo("Director General de Presupuesto", "Directora General de Presupuesto"),
        ),
    ),
    (
        "Secretaría de Hacienda",
        (
            cargo("Subsecretario de Planeación", "Subsecretaria de Planeación"),
            cargo("Titular de la Unidad de Evaluación del Desempeño"),
        ),
    ),
    (
        "Secretaría de Administración y Finanzas",
        (
            cargo("Subsecretario de Programación y Presupuesto", "Subsecretaria de Programación y Presupuesto"),
            cargo("Director de Seguimiento y Evaluación", "Directora de Seguimiento y Evaluación"),
        ),
    ),
    (
        "Coordinación General de Planeación y Evaluación",
        (
            cargo("Coordinador General", "Coordinadora General"),
            cargo("Director de Evaluación de Programas", "Directora de Evaluación de Programas"),
        ),
    ),
)
# the control body (second party in three-party agreements)
CONTRALORIAS: tuple[tuple[str, tuple[Cargo, ...]], ...] = (
    (
        "Secretaría de la Contraloría",
        (cargo("Subsecretario de Control y Evaluación", "Subsecretaria de Control y Evaluación"),),
    ),
    (
        "Secretaría de la Función Pública",
        (cargo("Subsecretario de Control Gubernamental", "Subsecretaria de Control Gubernamental"),),
    ),
    (
        "Secretaría de Transparencia y Rendición de Cuentas",
        (cargo("Director General de Control y Auditoría", "Directora General de Control y Auditoría"),),
    ),
    (
        "Secretaría Anticorrupción y Buen Gobierno",
        (cargo("Subsecretario de Auditoría Gubernamental", "Subsecretaria de Auditoría Gubernamental"),),
    ),
)
# municipal agreements: (coordinating, control) bodies of the municipality
COORDINADORAS_MUN = (
    ("Tesorería Municipal", (cargo("Tesorero Municipal", "Tesorera Municipal"),)),
    ("Unidad de Información, Planeación, Programación y Evaluación", (cargo("Titular de la UIPPE"),)),
    ("Dirección de Planeación Municipal", (cargo("Director de Planeación", "Directora de Planeación"),)),
)
CONTRALORIAS_MUN = (
    ("Contraloría Municipal", (cargo("Contralor Municipal", "Contralora Municipal"),)),
    ("Órgano Interno de Control Municipal", (cargo("Titular del Órgano Interno de Control"),)),
)

# --- the funds and programmes, each with the bodies that exercise it ----------------------------
# sigla, full name as the agreements print it, the context the findings speak of, and the evaluated
# bodies (name, signing post[, their own context]) that plausibly exercise it; "{estado}" and
# "{ciudad}" are filled with the state and its capital. Municipal funds also go to SUJETOS_MUN.
FONDOS: tuple[dict, ...] = (
    {
        "sigla": "FASP",
        "nombre": "Fondo de Aportaciones para la Seguridad Pública (FASP)",
        "ambito": "los programas de prevención social de la violencia y la delincuencia",
        "sujetos": (
            ("Secretaría de Seguridad", cargo("Secretario Ejecutivo del Sistema Estatal de Seguridad Pública",
                                              "Secretaria Ejecutiva del Sistema Estatal de Seguridad Pública")),
            ("Secretariado Ejecutivo del Sistema Estatal de Seguridad Pública",
             cargo("Secretario Ejecutivo", "Secretaria Ejecutiva")),
        ),
        "municipal": False,
    },
    {
        "sigla": "FAM",
        "nombre": "Fondo de Aportaciones Múltiples (FAM)",
        "ambito": "los programas alimentarios y de asistencia social",
        "sujetos": (
            ("Sistema para el Desarrollo Integral de la Familia del Estado de {estado}",
             cargo("Director General", "Directora General")),
            ("Instituto de la Infraestructura Física Educativa del Estado de {estado}",
             cargo("Director General", "Directora General"), "la infraestructura física educativa"),
        ),
        "municipal": False,
    },
    {
        "sigla": "FAIS",
        "nombre": "Fondo de Aportaciones para la Infraestructura Social (FAIS)",
        "ambito": "las obras de infraestructura social básica",
        "sujetos": (
            ("Secretaría de Bienestar", cargo("Secretario de Bienestar", "Secretaria de Bienestar")),
            ("Comisión Estatal del Agua de {estado}", cargo("Vocal Ejecutivo", "Vocal Ejecutiva")),
        ),
        "municipal": True,
    },
    {
        "sigla": "FORTAMUN",
        "nombre": "Fondo de Aportaciones para el Fortalecimiento de los Municipios y de las Demarcaciones "
        "Territoriales del Distrito Federal (FORTAMUN)",
        "ambito": "las acciones de seguridad pública y de saneamiento financiero municipal",
        "sujetos": (),
        "municipal": True,
    },
    {
        "sigla": "FASSA",
        "nombre": "Fondo de Aportaciones para los Servicios de Salud (FASSA)",
        "ambito": "los servicios de salud a la población sin seguridad social",
        "sujetos": (
            ("Instituto de Salud del Estado de {estado}", cargo("Director General", "Directora General")),
            ("Secretaría de Salud", cargo("Secretario de Salud", "Secretaria de Salud")),
        ),
        "municipal": False,
    },
    {
        "sigla": "FONE",
        "nombre": "Fondo de Aportaciones para la Nómina Educativa y Gasto Operativo (FONE)",
        "ambito": "los servicios de educación básica",
        "sujetos": (
            ("Servicios Educativos Integrados al Estado de {estado}", cargo("Director General", "Directora General")),
            ("Secretaría de Educación", cargo("Secretario de Educación", "Secretaria de Educación")),
        ),
        "municipal": False,
    },
    {
        "sigla": "FAETA",
        "nombre": "Fondo de Aportaciones para la Educación Tecnológica y de Adultos (FAETA)",
        "ambito": "los servicios de educación para adultos y de educación tecnológica",
        "sujetos": (
            ("Instituto Estatal de Educación para Adultos", cargo("Director General", "Directora General")),
            ("Colegio de Educación Profesional Técnica del Estado de {estado}",
             cargo("Director General", "Directora General")),
        ),
        "municipal": False,
    },
    {
        "sigla": "FAFEF",
        "nombre": "Fondo de Aportaciones para el Fortalecimiento de las Entidades Federativas (FAFEF)",
        "ambito": "la inversión en infraestructura y el saneamiento de las finanzas estatales",
        "sujetos": (
            ("Secretaría de Obra Pública", cargo("Secretario de Obra Pública", "Secretaria de Obra Pública")),
        ),
        "municipal": False,
    },
    {
        "sigla": "Pp",
        "nombre": "Programa presupuestario {clave} {programa}",
        "ambito": "los servicios que entrega el programa",
        "sujetos": (
            ("Instituto Tecnológico Superior de {ciudad}", cargo("Director General", "Directora General"),
             "los servicios de educación superior tecnológica"),
            ("Comisión Estatal de Vivienda", cargo("Director General", "Directora General"),
             "los apoyos para la vivienda social"),
            ("Secretaría de Desarrollo Agropecuario", cargo("Secretario de Desarrollo Agropecuario",
                                                            "Secretaria de Desarrollo Agropecuario"),
             "los apoyos a pequeños productores"),
            ("Secretaría de Salud", cargo("Secretario de Salud", "Secretaria de Salud"),
             "los servicios de atención médica de segundo nivel"),
            ("Colegio de Bachilleres del Estado de {estado}", cargo("Director General", "Directora General"),
             "los servicios de educación media superior"),
        ),
        "municipal": False,
    },
)  # fmt: skip
# budget programmes for the "Pp" entry, by the first word(s) of the body that runs them: (clave, name)
PROGRAMAS_PP: dict[str, tuple[tuple[str, str], ...]] = {
    "Instituto": (("E014", "Educación Superior Tecnológica"), ("107", "Educación Superior Tecnológica en el Estado")),
    "Comisión": (("E027", "Vivienda Social"), ("S031", "Mejoramiento de la Vivienda")),
    "Secretaría de Desarrollo": (("S052", "Apoyo a Pequeños Productores"), ("S060", "Fomento Agrícola")),
    "Secretaría de Salud": (("E031", "Atención Médica de Segundo Nivel"), ("E036", "Salud Materna y Perinatal")),
    "Colegio": (("U014", "Fortalecimiento de la Educación Media Superior"), ("E012", "Bachillerato General")),
}
# municipal bodies exercising FAIS/FORTAMUN in municipal agreements
SUJETOS_MUN: tuple[tuple[str, Cargo], ...] = (
    ("Dirección de Obras Públicas del Municipio de {municipio}", cargo("Director de Obras Públicas",
                                                                    "Directora de Obras Públicas")),
    ("Dirección de Seguridad Pública Municipal de {municipio}", cargo("Director de Seguridad Pública",
                                                                   "Directora de Seguridad Pública")),
    ("Organismo Público Descentralizado de Agua Potable de {municipio}", cargo("Director General",
                                                                          "Directora General")),
)  # fmt: skip

TIPOS_EVALUACION = (
    "Evaluación Específica de Desempeño",
    "Evaluación de Consistencia y Resultados",
    "Evaluación de Diseño",
    "Evaluación de Procesos",
    "Evaluación Específica",
    "Evaluación de Indicadores",
    "Evaluación Estratégica de Coordinación",
)

# the yearly motto printed as running header: "“2019. Año del ...”"
LEMAS = (
    "Año del Centenario de la Constitución Política del Estado de {estado}",
    "Año del Bicentenario de la Erección del Estado Libre y Soberano de {estado}",
    "Año de la Consolidación del Sistema Estatal Anticorrupción",
    "Año del Respeto a los Derechos de las Niñas, Niños y Adolescentes",
    "Año de la Cultura de la Legalidad y la Rendición de Cuentas",
    "Año del Sesquicentenario de la Fundación de {ciudad}",
    "Año de la Igualdad Sustantiva entre Mujeres y Hombres",
    "Año del Agua y del Cuidado del Medio Ambiente",
)

# external evaluators named in the prose or the Anexo F references
EVALUADORES = (
    "Consultores en Evaluación y Políticas Públicas del Centro, S.C.",
    "Instituto de Estudios para el Desarrollo Regional, A.C.",
    "Grupo Consultor en Gestión para Resultados, S.C.",
    "Evaluación y Desempeño Gubernamental Integral, S.A. de C.V.",
    "Centro de Investigación en Políticas Sociales del Pacífico, A.C.",
)

# legal references the prose cites (canonical value = as printed)
REFERENCIAS_LEGALES = (
    "artículo 134 de la Constitución Política de los Estados Unidos Mexicanos",
    "artículo 49 de la Ley de Coordinación Fiscal",
    "artículo 79 de la Ley General de Contabilidad Gubernamental",
    "artículo 110 de la Ley Federal de Presupuesto y Responsabilidad Hacendaria",
    "artículo 85 de la Ley Federal de Presupuesto y Responsabilidad Hacendaria",
    "artículo 327 del Código Financiero del Estado",
)
# the state rules that order the agreement: (name, provision)
LINEAMIENTOS = (
    ("Lineamientos Generales para la Evaluación de los Programas Presupuestarios", "VIGÉSIMA QUINTA"),
    ("Lineamientos para el Seguimiento de los Aspectos Susceptibles de Mejora", "DÉCIMA SEGUNDA"),
    ("Mecanismo para el Seguimiento a los Aspectos Susceptibles de Mejora", "TRIGÉSIMA"),
    ("Lineamientos Generales del Sistema de Evaluación del Desempeño", "DÉCIMA OCTAVA"),
)
GACETAS = ("Gaceta del Gobierno", "Periódico Oficial del Estado", "Boletín Oficial", "Diario Oficial del Estado")

# addresses for the DECLARACIONES (fictional streets)
CALLES = (
    "Avenida de los Fresnos número 410, colonia Centro",
    "calle Colorín número 101, colonia Lomas Altas",
    "Boulevard Revolución número 1203, colonia Reforma",
    "Avenida Independencia número 88, colonia San Sebastián",
    "Circuito Gubernamental número 5, colonia Centro Cívico",
    "calle Hidalgo Poniente número 300, Zona Centro",
)

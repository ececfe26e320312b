"""The words the generated MIR reports are made of: places, bodies, areas, objectives, indicators.

Wide on purpose (GENERALITY.md): an extractor rule keyed on one document's words must not
pass, so every list holds many more entries than any document uses, and the objective and
indicator texts are composed from parts instead of copied whole. All bodies, places and people
are fictional; the public-administration Spanish is what Mexican municipal MIR reports use.
"""

from __future__ import annotations

# --- places and bodies ---------------------------------------------------------------------
SANTOS = (
    "San Isidro",
    "Santa Lucía",
    "San Bartolomé",
    "Santa Catalina",
    "San Gregorio",
    "Santa Rosalía",
    "San Mateo",
    "Santa Inés",
    "San Cristóbal",
    "Santa Clara",
    "San Jerónimo",
    "Santo Tomás",
    "San Andrés",
    "Santa Engracia",
    "San Lorenzo",
    "Santa Úrsula",
    "San Nicolás",
    "San Felipe",
)
LUGARES = (
    "del Valle",
    "de la Sierra",
    "de las Flores",
    "del Río",
    "de los Altos",
    "del Monte",
    "de la Laguna",
    "de la Cañada",
    "del Mirador",
    "de las Palmas",
    "del Llano",
    "de la Presa",
    "de los Pinos",
)
NOMBRES_PROPIOS = (
    "Tlaxcomulco",
    "Ixtlahuatepec",
    "Chicomitlán",
    "Tepozcuautla",
    "Huitzilapan",
    "Xochicalpan",
    "Villa Alcántara",
    "Ciudad Almazán",
    "Nuevo Saltillejo",
    "Puerto Arcelia",
    "Real de Guadalcázar",
    "Ejido Las Ánimas",
    "Villa Corregidora",
    "Mineral de Peñasco",
    "Tenextepango",
    "Coyotlán",
)
ESTADOS = (
    "Valle Verde",
    "Sierra Alta",
    "Costa Esmeralda",
    "Río Claro",
    "Tierra Blanca",
    "Lagos del Norte",
    "Bahía Serena",
    "Altiplano Sur",
)
# how the municipal government names itself at the top of its report
CUERPOS_MUNICIPALES = (
    "H. Ayuntamiento de {m}",
    "Municipio de {m}",
    "Gobierno Municipal de {m}",
    "H. Ayuntamiento Constitucional de {m}",
    "Ayuntamiento de {m}",
)
# state agencies (PbR, SEVAC and POA formats): (name, acronym stem)
ORGANISMOS = (
    ("Instituto Tecnológico Superior de {m}", "ITS"),
    ("Instituto de Capacitación para el Trabajo del Estado de {e}", "ICATE"),
    ("Colegio de Estudios Científicos y Tecnológicos del Estado de {e}", "CECYTE"),
    ("Instituto de Vivienda del Estado de {e}", "IVE"),
    ("Comisión Estatal del Agua de {e}", "CEA"),
    ("Instituto del Deporte del Estado de {e}", "INDE"),
    ("Universidad Politécnica de {m}", "UP"),
    ("Sistema Estatal para el Desarrollo Integral de la Familia de {e}", "DIFE"),
    ("Instituto Estatal de las Mujeres de {e}", "IEM"),
    ("Consejo Estatal de Ciencia y Tecnología de {e}", "COECYT"),
)
SECRETARIAS_ESTATALES = (
    "Secretaría de la Contraloría",
    "Secretaría de Finanzas",
    "Secretaría de Planeación y Finanzas",
    "Secretaría de Administración e Innovación Gubernamental",
)

# --- people -----------------------------------------------------------------------------------
NOMBRES_F = (
    "Rosaura",
    "Leticia",
    "Guadalupe",
    "Araceli",
    "Yolanda",
    "Maricela",
    "Itzel",
    "Dulce María",
    "Beatriz",
    "Graciela",
    "Nayeli",
    "Verónica",
    "Elvira",
    "Brenda",
    "Ximena",
    "Consuelo",
)
NOMBRES_M = (
    "Julián",
    "Marco Antonio",
    "Efraín",
    "Saúl",
    "Héctor",
    "Rigoberto",
    "Fernando",
    "Octavio",
    "Arturo",
    "Ismael",
    "Ramiro",
    "Joaquín",
    "Tomás",
    "Humberto",
    "Gilberto",
    "Emiliano",
)
APELLIDOS = (
    "Méndez",
    "Ibarra",
    "Cortés",
    "Alvarado",
    "Prado",
    "Solís",
    "Villaseñor",
    "Zamudio",
    "Ocampo",
    "Trejo",
    "Bustamante",
    "Quiroz",
    "Salgado",
    "Arriaga",
    "Montiel",
    "Cárdenas",
    "Espinoza",
    "Lozano",
    "Rentería",
    "Valdivia",
    "Orozco",
    "Betancourt",
    "Galindo",
    "Nava",
    "Ruelas",
    "Zepeda",
    "Padilla",
    "Gámez",
)
TITULOS = {  # by the person's gender
    "f": ("Lic.", "Ing.", "Mtra.", "C.P.", "Arq.", "Dra.", "L.A.E.", "C."),
    "m": ("Lic.", "Ing.", "Mtro.", "C.P.", "Arq.", "Dr.", "L.A.E.", "C."),
}
FIRMAS = ("ELABORÓ", "REVISÓ", "AUTORIZÓ", "Vo. Bo.", "VALIDÓ")
CARGOS_FIRMA = (  # (masculine, feminine)
    ("Titular de la Unidad de Planeación", "Titular de la Unidad de Planeación"),
    ("Director de Planeación y Evaluación", "Directora de Planeación y Evaluación"),
    ("Tesorero Municipal", "Tesorera Municipal"),
    ("Contralor Municipal", "Contralora Municipal"),
    ("Presidente Municipal", "Presidenta Municipal"),
    ("Enlace de Evaluación del Desempeño", "Enlace de Evaluación del Desempeño"),
    ("Coordinador de la UIPPE", "Coordinadora de la UIPPE"),
    ("Secretario del Ayuntamiento", "Secretaria del Ayuntamiento"),
    ("Jefe del Departamento de Programación", "Jefa del Departamento de Programación"),
    ("Director General", "Directora General"),
    ("Subdirector de Planeación y Desarrollo", "Subdirectora de Planeación y Desarrollo"),
    ("Jefe de la Unidad de Evaluación", "Jefa de la Unidad de Evaluación"),
)

# --- documents ----------------------------------------------------------------------------------
TITULOS_MIR = (
    "Matriz de Indicadores para Resultados — Avance Trimestral",
    "Avance de Indicadores de la Matriz de Indicadores para Resultados",
    "Seguimiento a la Matriz de Indicadores para Resultados (MIR)",
    "Informe de Avance de Metas e Indicadores del Programa Presupuestario",
    "Evaluación Trimestral del Desempeño — Indicadores de la MIR",
    "Reporte de Avance Físico de Indicadores (MIR)",
    "Formato de Seguimiento de Indicadores de Desempeño",
)
PROGRAMAS = (
    ("E014", "Servicios Públicos Municipales de Calidad"),
    ("E021", "Seguridad Pública y Tránsito"),
    ("K008", "Infraestructura Urbana Sostenible"),
    ("P003", "Planeación y Evaluación del Desempeño"),
    ("M001", "Gestión Administrativa Eficiente"),
    ("E032", "Desarrollo Social Incluyente"),
    ("F015", "Fomento Económico y Turismo"),
    ("E040", "Agua Potable y Saneamiento"),
    ("O002", "Transparencia y Rendición de Cuentas"),
    ("E055", "Cultura, Deporte y Juventud"),
    ("S017", "Asistencia Social a Grupos Vulnerables"),
    ("E062", "Protección Civil y Gestión de Riesgos"),
)
EJES_PMD = (
    "1. Gobierno eficiente y transparente",
    "2. Municipio ordenado y sustentable",
    "3. Bienestar social",
    "4. Seguridad y paz social",
    "5. Desarrollo económico incluyente",
    "6. Servicios públicos de calidad",
)
FORMATOS_PIE = ("Formato PbR-02a", "Formato SED-MIR-03", "MIR-AV-01", "Formato UIPPE-04", "F-EVAL-07")
NOTAS = (
    "Las cifras del trimestre son preliminares y se consolidan en la Cuenta Pública municipal.",
    "La información fue proporcionada por las unidades responsables y validada por la unidad de evaluación.",
    "Los avances se reportan conforme a la calendarización autorizada de metas.",
    "Las metas fueron ajustadas con la actualización del Plan Municipal de Desarrollo.",
)
REFERENCIAS_LEGALES = (
    ("Ley General de Contabilidad Gubernamental", "79"),
    ("Ley de Presupuesto, Contabilidad y Gasto Público Municipal", "41"),
    ("Ley Federal de Presupuesto y Responsabilidad Hacendaria", "110"),
    ("Ley de Fiscalización Superior del Estado", "27"),
)
DOMINIOS = ("transparencia.{s}.gob.mx", "{s}.gob.mx", "www.{s}.gob.mx", "portal.{s}.gob.mx")

# --- MIR content -------------------------------------------------------------------------
# One indicator template: "sustantivo|verbo|participio stem|género|objeto (plural)".
# Actividad: "<sustantivo> de <objeto>"; componente: "<Objeto> <participio>";
# indicador: "Porcentaje de <objeto> <participio>"; comentario: "al <verbo> N <objeto>".
AREAS: dict[str, tuple[str, ...]] = {
    "Dirección de Servicios Públicos": (
        "Atención|atender|atendid|f|solicitudes de reparación de luminarias",
        "Recolección|recolectar|recolectad|f|toneladas de residuos sólidos urbanos",
        "Limpieza|limpiar|limpiad|m|tiraderos clandestinos en la vía pública",
        "Rehabilitación|rehabilitar|rehabilitad|m|parques y jardines municipales",
        "Poda|podar|podad|m|árboles en camellones y áreas verdes",
    ),
    "Dirección de Obras Públicas": (
        "Bacheo|bachear|bachead|m|metros cuadrados de vialidades",
        "Construcción|construir|construid|f|obras de infraestructura básica",
        "Supervisión|supervisar|supervisad|f|obras públicas en proceso",
        "Pavimentación|pavimentar|pavimentad|f|calles en colonias populares",
    ),
    "Dirección de Seguridad Pública": (
        "Atención|atender|atendid|m|reportes de emergencia al número único",
        "Realización|realizar|realizad|m|operativos de vigilancia preventiva",
        "Capacitación|capacitar|capacitad|m|elementos policiales",
        "Impartición|impartir|impartid|f|pláticas de prevención del delito",
    ),
    "Sistema Municipal DIF": (
        "Entrega|entregar|entregad|f|despensas a familias en situación vulnerable",
        "Otorgamiento|otorgar|otorgad|f|consultas de terapia física y rehabilitación",
        "Distribución|distribuir|distribuid|m|desayunos escolares calientes",
        "Atención|atender|atendid|m|adultos mayores en estancias de día",
    ),
    "Tesorería Municipal": (
        "Emisión|emitir|emitid|m|recibos de impuesto predial",
        "Recuperación|recuperar|recuperad|m|créditos fiscales en rezago",
        "Actualización|actualizar|actualizad|m|padrones de contribuyentes",
        "Registro|registrar|registrad|f|pólizas contables en el sistema armonizado",
    ),
    "Dirección de Catastro": (
        "Actualización|actualizar|actualizad|m|valores catastrales de predios",
        "Expedición|expedir|expedid|f|constancias de no adeudo",
        "Levantamiento|levantar|levantad|m|deslindes de predios urbanos",
    ),
    "Contraloría Municipal": (
        "Realización|realizar|realizad|f|auditorías a dependencias municipales",
        "Atención|atender|atendid|f|quejas y denuncias ciudadanas",
        "Revisión|revisar|revisad|f|declaraciones patrimoniales de servidores públicos",
    ),
    "Oficialía Mayor": (
        "Atención|atender|atendid|f|solicitudes administrativas y de logística",
        "Integración|integrar|integrad|m|expedientes de personal",
        "Suministro|suministrar|suministrad|m|litros de combustible al parque vehicular",
        "Reparación|reparar|reparad|m|vehículos oficiales",
    ),
    "Dirección de Protección Civil": (
        "Inspección|inspeccionar|inspeccionad|m|establecimientos comerciales",
        "Atención|atender|atendid|m|siniestros reportados",
        "Realización|realizar|realizad|m|simulacros en escuelas y oficinas",
    ),
    "Dirección de Desarrollo Social": (
        "Entrega|entregar|entregad|m|apoyos económicos a estudiantes",
        "Integración|integrar|integrad|m|comités de participación ciudadana",
        "Realización|realizar|realizad|f|jornadas comunitarias de servicios",
    ),
    "Dirección de Agua Potable": (
        "Reparación|reparar|reparad|f|fugas en la red de distribución",
        "Instalación|instalar|instalad|f|tomas domiciliarias nuevas",
        "Desazolve|desazolvar|desazolvad|m|metros lineales de drenaje sanitario",
        "Cloración|clorar|clorad|m|pozos de abastecimiento",
    ),
    "Dirección de Ecología": (
        "Plantación|plantar|plantad|m|árboles nativos en áreas de reforestación",
        "Atención|atender|atendid|f|denuncias ambientales",
        "Verificación|verificar|verificad|f|fuentes fijas de emisiones",
    ),
    "Dirección de Desarrollo Económico": (
        "Otorgamiento|otorgar|otorgad|m|microcréditos a emprendedores",
        "Vinculación|vincular|vinculad|f|personas buscadoras de empleo",
        "Expedición|expedir|expedid|f|licencias de funcionamiento",
    ),
    "Instituto Municipal de la Juventud": (
        "Realización|realizar|realizad|m|talleres de orientación vocacional",
        "Entrega|entregar|entregad|f|becas de transporte a jóvenes",
    ),
    "Dirección de Cultura y Deporte": (
        "Organización|organizar|organizad|m|eventos culturales en plazas públicas",
        "Impartición|impartir|impartid|f|clases en escuelas deportivas municipales",
        "Mantenimiento|mantener|mantenid|f|unidades deportivas",
    ),
    "Unidad de Transparencia": (
        "Atención|atender|atendid|f|solicitudes de acceso a la información",
        "Actualización|actualizar|actualizad|f|fracciones de obligaciones de transparencia",
    ),
}
AREA_SIGLAS = {  # how the Nivel cell names the responsible area when it abbreviates
    a: "".join(w[0] for w in a.replace("Municipal", "").split() if w[0].isupper()) for a in AREAS
}
FINES = (
    "mejorar la calidad de vida de los habitantes del municipio",
    "fortalecer la gobernanza y la confianza ciudadana en las instituciones municipales",
    "consolidar un municipio ordenado, seguro y sustentable",
    "reducir las brechas de desigualdad social en las localidades del municipio",
    "impulsar el desarrollo económico local y la generación de empleo",
    "garantizar finanzas públicas sanas y una administración eficiente",
)
MEDIOS = (
    "la prestación oportuna de los servicios a cargo del ayuntamiento",
    "la modernización de los procesos administrativos",
    "la atención eficiente de las demandas ciudadanas",
    "la ejecución de programas con enfoque de resultados",
    "la coordinación con los órdenes de gobierno estatal y federal",
)
POBLACIONES = (  # singular subjects: LOGROS conjugate in the singular
    "La población del municipio",
    "La ciudadanía del municipio",
    "La población de las colonias y localidades",
    "La población vulnerable del municipio",
    "La población usuaria de los servicios municipales",
    "Cada hogar del municipio",
)
LOGROS = (
    "recibe servicios públicos suficientes y de calidad",
    "cuenta con atención oportuna a sus solicitudes",
    "optimiza sus recursos para una administración eficiente",
    "accede a programas y apoyos que mejoran su bienestar",
    "dispone de infraestructura en buenas condiciones",
)
COMPLEMENTOS = (
    "",
    "",
    " en el municipio",
    " en colonias y localidades",
    " conforme al programa anual",
    " en los tiempos establecidos",
    " de acuerdo con la demanda ciudadana",
)
RAZONES = (
    "",
    "",
    "",
    "; el excedente obedece a una mayor demanda ciudadana",
    "; no se alcanzó la meta por falta de insumos",
    "; la variación se debe a la temporada de lluvias",
    "; se reprogramaron acciones para el siguiente trimestre",
    "; la meta se cumplió conforme a lo programado",
)
LOGRA = ("Se logra el", "Se alcanza el", "Se obtuvo un", "En este trimestre se logra el", "Se cumple el")
SENTIDOS = ("Ascendente", "Descendente", "Constante")
DIMENSIONES = ("Eficacia", "Eficiencia", "Calidad", "Economía")
TIPOS_INDICADOR = ("Estratégico", "Gestión")
# quarter names as column heads print them
TRIMESTRE_ETIQUETAS = {
    "T": ("T1", "T2", "T3", "T4"),
    "trim": ("1er Trim.", "2do Trim.", "3er Trim.", "4to Trim."),
    "meses": ("Ene-Mar", "Abr-Jun", "Jul-Sep", "Oct-Dic"),
    "ordinal": ("Primero", "Segundo", "Tercero", "Cuarto"),
}
TRIMESTRE_NOMBRE = ("Primer", "Segundo", "Tercer", "Cuarto")
TRIMESTRE_MESES = ("Enero - Marzo", "Abril - Junio", "Julio - Septiembre", "Octubre - Diciembre")

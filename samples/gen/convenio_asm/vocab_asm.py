"""What the agreements commit to: findings, recommendations, activities, areas, results, evidence.

Each topic is one kind of weakness evaluations of Mexican funds and programmes keep finding
(no diagnosis of the population, a MIR that does not measure, undocumented criteria ...),
written several ways and filled with the fund's own context (``{ambito}``, ``{sigla}``), so the
same topic reads differently in a FASP and a FAM agreement and no extractor rule can key on a
sentence. A topic gives every column a row can have: the finding, the recommendation, the
ASM as CONEVAL's annexes word it, single activities, list items, responsible areas, expected
results and evidence.
"""

from __future__ import annotations

TOPICOS: tuple[dict, ...] = (
    {
        "hallazgo": (
            "no se cuenta con un diagnóstico actualizado que cuantifique a la población potencial y "
            "objetivo de {ambito}",
            "el diagnóstico de {ambito} no define ni cuantifica a la población que presenta el problema",
        ),
        "recomendacion": (
            "elaborar un diagnóstico que identifique y cuantifique a la población potencial, objetivo "
            "y atendida de {ambito}",
        ),
        "asm": "Validación de la Población Potencial, Objetivo y Atendida de {ambito}",
        "actividad": (
            "Elaborar y publicar el diagnóstico de la población potencial, objetivo y atendida de {ambito}.",
            "Actualizar el diagnóstico situacional conforme a las características de operación y cobertura "
            "del {sigla}.",
        ),
        "items": (
            "Integrar las fuentes estadísticas oficiales disponibles",
            "Definir la metodología de cuantificación de la población objetivo",
            "Someter el diagnóstico a validación del área de planeación",
            "Publicar el diagnóstico en el portal institucional",
        ),
        "resultado": ("Contar con información fidedigna de la población que atiende el programa",),
        "evidencia": ("Diagnóstico actualizado", "Nota metodológica de cuantificación"),
    },
    {
        "hallazgo": (
            "los indicadores de la Matriz de Indicadores para Resultados no permiten medir el logro de "
            "los objetivos de {ambito}",
            "la MIR del {sigla} carece de indicadores de resultados e impacto tanto a nivel estatal como municipal",
        ),
        "recomendacion": (
            "rediseñar la Matriz de Indicadores para Resultados incorporando indicadores de resultados "
            "con metas verificables",
            "construir indicadores que permitan conocer el impacto de {ambito}",
        ),
        "asm": "Implementación de indicadores de resultados monitoreables en la MIR (modificación de la MIR)",
        "actividad": (
            "Rediseñar la MIR incorporando indicadores de resultados y registrarla ante el área de "
            "programación y presupuesto.",
            "Modificar los indicadores de la MIR y sus fichas técnicas.",
        ),
        "items": (
            "Revisar la lógica vertical y horizontal de la MIR",
            "Elaborar las fichas técnicas de los nuevos indicadores",
            "Registrar la MIR modificada en el sistema de presupuesto",
            "Capacitar a las áreas ejecutoras en el reporte de avances",
        ),
        "resultado": ("Monitorear el impacto real del programa", "Indicadores que midan los resultados"),
        "evidencia": ("MIR modificada", "Fichas técnicas de indicadores"),
    },
    {
        "hallazgo": (
            "no se documentan los criterios para seleccionar a los beneficiarios de {ambito}",
            "los criterios de elegibilidad y focalización de {ambito} no se encuentran formalizados",
        ),
        "recomendacion": ("emitir y publicar criterios de focalización y elegibilidad de los beneficiarios",),
        "asm": "Formalización de los criterios de elegibilidad y focalización de beneficiarios",
        "actividad": (
            "Emitir los criterios de focalización y publicarlos en el portal institucional.",
            "Documentar los criterios de selección en los lineamientos de operación del programa.",
        ),
        "items": (
            "Emitir los criterios de focalización",
            "Publicar los criterios en el portal institucional",
            "Capacitar a las unidades operativas en su aplicación",
            "Verificar su aplicación mediante una muestra de expedientes",
        ),
        "resultado": ("Beneficiarios seleccionados con criterios transparentes",),
        "evidencia": ("Lineamientos de operación publicados", "Acta de aprobación de criterios"),
    },
    {
        "hallazgo": (
            "los padrones de beneficiarios no se encuentran depurados ni integrados en un sistema de información",
            "no existe un padrón único de beneficiarios de {ambito} con claves de identificación homogéneas",
        ),
        "recomendacion": ("integrar un padrón único de beneficiarios con la Clave Única de Registro de Población",),
        "asm": "Integración y depuración del padrón de beneficiarios",
        "actividad": (
            "Depurar los padrones de beneficiarios y completar el registro de la CURP en el sistema de información.",
            "Integrar el padrón único de beneficiarios y publicarlo conforme a la normatividad de transparencia.",
        ),
        "items": (
            "Depurar los registros duplicados",
            "Completar la CURP de las personas beneficiarias",
            "Migrar el padrón al sistema institucional",
        ),
        "resultado": ("Padrón confiable y verificable",),
        "evidencia": ("Padrón de beneficiarios depurado", "Reporte del sistema de información"),
    },
    {
        "hallazgo": (
            "no se cuenta con manuales de procedimientos que identifiquen el ámbito de operación de los "
            "responsables de {ambito}",
            "los procesos de planeación, ejecución y seguimiento del {sigla} no están documentados",
        ),
        "recomendacion": ("elaborar y autorizar los manuales de procedimientos de los procesos sustantivos",),
        "asm": "Elaboración de los manuales de procedimientos del programa",
        "actividad": (
            "Documentar los principales procedimientos de planeación, ejecución y seguimiento.",
            "Elaborar el manual de procedimientos y someterlo a autorización.",
        ),
        "items": (
            "Levantar el inventario de procesos",
            "Elaborar los diagramas de flujo",
            "Someter el manual a autorización",
            "Difundir el manual entre el personal",
        ),
        "resultado": ("Contar con procesos establecidos apegados a la normatividad vigente",),
        "evidencia": ("Manual de Procedimientos", "Oficio de autorización del manual"),
    },
    {
        "hallazgo": (
            "existen deficiencias en los controles de los procesos de adjudicación, seguimiento y "
            "cumplimiento de los proyectos financiados con el {sigla}",
            "no se da seguimiento sistemático al cumplimiento de las metas de los proyectos concertados",
        ),
        "recomendacion": ("implementar mecanismos de control y seguimiento de los proyectos financiados",),
        "asm": "Implementación de controles de seguimiento a los proyectos financiados",
        "actividad": (
            "Implementar una base de datos de seguimiento a los proyectos, procesos adquisitivos y metas.",
            "Establecer un tablero de control del avance físico y financiero de los proyectos.",
        ),
        "items": (
            "Diseñar la base de datos de seguimiento",
            "Registrar los proyectos concertados y sus metas",
            "Emitir reportes trimestrales de avance",
            "Verificar los entregables finales de cada proyecto",
        ),
        "resultado": ("Seguimiento oportuno del avance de los proyectos",),
        "evidencia": ("Base de datos de seguimiento", "Reportes trimestrales de avance"),
    },
    {
        "hallazgo": (
            "no se documenta la evidencia del cumplimiento de las acciones realizadas con recursos del {sigla}",
            "hace falta integrar los comprobables de las estrategias y acciones de los proyectos realizados",
        ),
        "recomendacion": ("integrar expedientes con la evidencia documental de cada acción realizada",),
        "asm": "Integración de expedientes de evidencia de las acciones realizadas",
        "actividad": (
            "Integrar expedientes con la evidencia fotográfica y documental de cada acción.",
            "Revisar el cumplimiento de metas contra los contratos y verificar los entregables finales.",
        ),
        "items": (
            "Definir el contenido mínimo de cada expediente",
            "Integrar la evidencia fotográfica y documental",
            "Resguardar los expedientes en el archivo de trámite",
        ),
        "resultado": ("Expedientes completos y verificables",),
        "evidencia": ("Expedientes integrados", "Relación de entregables verificados"),
    },
    {
        "hallazgo": (
            "los resultados de las evaluaciones del {sigla} no se difunden en el portal de transparencia",
            "no se publican los informes de evaluación ni los documentos de seguimiento de los ASM",
        ),
        "recomendacion": ("difundir los resultados de las evaluaciones en la página de internet institucional",),
        "asm": "Publicación de los resultados de la evaluación y de su seguimiento",
        "actividad": (
            "Publicar el informe final de la evaluación y el presente instrumento en el portal de transparencia.",
            "Habilitar en la página de internet un apartado de evaluación del desempeño.",
        ),
        "items": (
            "Publicar el informe final de la evaluación",
            "Publicar el documento de seguimiento de los ASM",
            "Actualizar trimestralmente el apartado de evaluación",
        ),
        "resultado": ("Transparencia en los resultados de la evaluación",),
        "evidencia": ("Captura de pantalla del portal", "Liga electrónica de publicación"),
    },
    {
        "hallazgo": (
            "no existen mecanismos de coordinación entre las instancias que participan en {ambito}",
            "la coordinación con los municipios para la ejecución de {ambito} no se encuentra formalizada",
        ),
        "recomendacion": ("establecer mecanismos formales de coordinación con las instancias participantes",),
        "asm": "Formalización de los mecanismos de coordinación interinstitucional",
        "actividad": (
            "Suscribir acuerdos de coordinación que definan calendarios de entrega y reportes trimestrales.",
            "Instalar un comité técnico de seguimiento con las instancias participantes.",
        ),
        "items": (
            "Suscribir los acuerdos de coordinación",
            "Instalar el comité técnico de seguimiento",
            "Celebrar sesiones trimestrales de seguimiento",
        ),
        "resultado": ("Mejor vinculación interinstitucional",),
        "evidencia": ("Acuerdos de coordinación firmados", "Minutas de las sesiones"),
    },
    {
        "hallazgo": (
            "se identificaron deficiencias en el proceso de capacitación del personal que opera {ambito}",
            "el personal operativo no ha recibido capacitación en la normatividad aplicable al {sigla}",
        ),
        "recomendacion": ("diseñar un programa anual de capacitación para el personal operativo",),
        "asm": "Diseño e implementación de un programa de capacitación del personal",
        "actividad": (
            "Diseñar e implementar un programa anual de capacitación para el personal operativo.",
            "Impartir cursos sobre la normatividad del fondo al personal de las áreas ejecutoras.",
        ),
        "items": (
            "Detectar las necesidades de capacitación",
            "Elaborar el programa anual de capacitación",
            "Impartir los cursos programados",
            "Evaluar la eficacia de la capacitación",
        ),
        "resultado": ("Personal capacitado en la operación del programa",),
        "evidencia": ("Programa de capacitación", "Listas de asistencia y constancias"),
    },
    {
        "hallazgo": (
            "una parte de los recursos del {sigla} no se ejerció dentro del ejercicio fiscal y se reintegró",
            "el subprograma de {ambito} no cuenta con presupuesto asignado",
        ),
        "recomendacion": (
            "realizar las gestiones necesarias para asignar presupuesto al subprograma en el ejercicio subsecuente",
            "programar el ejercicio de los recursos para evitar reintegros a la Tesorería de la Federación",
        ),
        "asm": "Programación oportuna del ejercicio de los recursos del fondo",
        "actividad": (
            "Realizar las gestiones correspondientes para lograr la asignación de presupuesto en el ejercicio "
            "fiscal subsecuente.",
            "Elaborar un calendario de ejercicio del gasto y darle seguimiento mensual.",
        ),
        "items": (
            "Elaborar el calendario de ejercicio del gasto",
            "Conciliar mensualmente el avance financiero",
            "Informar a las áreas ejecutoras de los recursos pendientes",
        ),
        "resultado": ("Ejercicio oportuno de los recursos",),
        "evidencia": ("Calendario de ejercicio del gasto", "Conciliaciones mensuales"),
    },
    {
        "hallazgo": (
            "no se aplica un instrumento para conocer la satisfacción de la población atendida por {ambito}",
            "no se cuenta con un procedimiento de retroalimentación de los usuarios de los servicios",
        ),
        "recomendacion": ("aplicar una encuesta de satisfacción a la población atendida",),
        "asm": "Implementación de un estudio del grado de satisfacción de los usuarios",
        "actividad": (
            "Implementar una encuesta del grado de satisfacción de los usuarios.",
            "Diseñar y aplicar un instrumento de medición de la satisfacción de la población atendida.",
        ),
        "items": (
            "Diseñar el cuestionario",
            "Definir la muestra representativa",
            "Aplicar la encuesta",
            "Publicar el informe de resultados",
        ),
        "resultado": ("Medir la percepción del usuario",),
        "evidencia": ("Informe de encuesta", "Instrumento de medición aplicado"),
    },
    {
        "hallazgo": (
            "la información que se reporta en el Sistema de Recursos Federales Transferidos presenta "
            "inconsistencias con los registros contables del {sigla}",
            "los reportes trimestrales del ejercicio del {sigla} no coinciden con los cierres presupuestarios",
        ),
        "recomendacion": ("conciliar la información reportada con los registros contables y presupuestarios",),
        "asm": "Conciliación de la información reportada con los registros contables",
        "actividad": (
            "Conciliar trimestralmente la información reportada con los registros contables y presupuestarios.",
            "Establecer un procedimiento de validación previa de los reportes trimestrales.",
        ),
        "items": (
            "Establecer el calendario de conciliaciones",
            "Validar los reportes antes de su envío",
            "Documentar las diferencias y su corrección",
        ),
        "resultado": ("Información financiera consistente",),
        "evidencia": ("Conciliaciones trimestrales", "Reportes validados"),
    },
    {
        "hallazgo": (
            "no se cuenta con un plan estratégico de mediano plazo que oriente {ambito}",
            "los objetivos del {sigla} no están vinculados con el Plan Estatal de Desarrollo vigente",
        ),
        "recomendacion": ("elaborar un plan estratégico que vincule los objetivos con la planeación estatal",),
        "asm": "Elaboración del plan estratégico del programa",
        "actividad": (
            "Elaborar un plan estratégico con metas de mediano plazo alineado al Plan Estatal de Desarrollo.",
            "Alinear los objetivos del programa con el Programa Sectorial vigente.",
        ),
        "items": (
            "Elaborar el análisis de alineación",
            "Definir metas de mediano plazo",
            "Someter el plan a aprobación del órgano de gobierno",
        ),
        "resultado": ("Programa alineado a la planeación estatal",),
        "evidencia": ("Plan estratégico aprobado", "Matriz de alineación"),
    },
)

# how a finding opens: the first row names the evaluation, the others are joined by connectors
CONECTORES_PRIMERO = (
    "Derivado de la {evaluacion} al {sigla}, se observa que",
    "Como resultado de la evaluación, se identificó que",
    "Del análisis realizado se desprende que",
    "",
)
CONECTORES = (
    "Asimismo, se identificó que",
    "Además,",
    "De igual manera, se encontró que",
    "Por su parte, se observa que",
    "También se detectó que",
    "Se observa que",
    "",
    "",
)
CONECTORES_ULTIMO = ("Finalmente,", "Por último, se observó que")
# how a recommendation opens
RECOMENDACION_INICIO = (
    "Se recomienda",
    "Es necesario",
    "Se sugiere",
    "Derivado del resultado de la evaluación, se recomienda",
)
# an activity that opens with a paragraph before its list (the seed's cell 7)
INTRO_LISTA = (
    "Establecer una estrategia de atención, para lo cual se llevará a cabo lo siguiente:",
    "Para su atención se realizarán las siguientes acciones:",
    "Implementar un plan de trabajo que comprenda:",
)
# responsible areas (CONEVAL annexes)
AREAS = (
    "Planeación",
    "Dirección de Planeación y Evaluación",
    "Departamento de Vinculación y Extensión",
    "Subdirección Académica",
    "Unidad de Información, Planeación, Programación y Evaluación",
    "Dirección Administrativa",
    "Departamento de Programación y Presupuesto",
    "Coordinación de Operación del Programa",
    "Jefaturas de División",
    "Dirección de Finanzas",
)
AREAS_COORDINADORAS = (
    "Subdirección de Planeación y Vinculación",
    "Dirección General",
    "Unidad de Evaluación del Desempeño",
    "Secretaría Técnica",
)
# responsible areas that name no body: a bare subject ('Planeación') and a plural of units
# ('Jefaturas de División'); every other area is a unit named by its proper name (an organizacion)
AREAS_SIN_NOMBRE = ("Planeación", "Jefaturas de División")
# bodies named inside the findings, recommendations and activities (organizacion mentions of the cells)
ORGANIZACIONES_EN_TEXTO = ("Tesorería de la Federación",)

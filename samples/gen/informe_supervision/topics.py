"""What is supervised: hospitals, prisons, schools, migrant shelters, water services, public works.

Each topic gives the nouns a report of that kind uses (who is served, who serves, what runs
out, which areas are visited) and sentence templates for its findings, objectives,
conclusions and recommendations. Templates are filled by ``fill.py``: ``{n:camas}`` prints a
drawn number with its unit (and records it as a ``cantidad``; ``{dos:aulas}`` one in words),
``{centro}`` the facility's name (an ``organizacion``, except a public work: ``obra`` sets
``centro_es_organismo`` false), ``{persona}`` an official met during the visit (a
``persona``, and the body its post names: 'Presidente del Comité de Padres' names 'Comité de
Padres'), ``{anio_prev}`` a year (a ``fecha``). An area in ``areas_organismo`` is a unit of the
facility ('Dirección Ejecutiva', 'Dirección del Plantel'), registered wherever it is printed; the
other areas are places and services ('Comedor', 'Consulta Externa').
Generic templates (``GENERICOS``) use the topic's nouns, so every topic gets the shared
phrasing of the genre as well as its own.
"""

from __future__ import annotations

TOPICS = ("hospital", "prision", "escuela", "albergue", "agua", "obra")

T: dict[str, dict] = {}

T["hospital"] = dict(
    centros=[
        "Hospital General {lugar}",
        "Hospital Regional de {lugar}",
        "Hospital Nacional de {lugar}",
        "Hospital Departamental de {lugar}",
        "Hospital General de Zona de {lugar}",
    ],
    servicio=["atención a pacientes oncológicos", "atención a pacientes con enfermedad renal crónica"],
    servicio_extra=["atención materno infantil", "atención de emergencias de adultos", "atención en salud mental"],
    usuarios="pacientes",
    personal="personal de enfermería",
    insumo=["eritropoyetina", "soluciones para diálisis", "quimioterapias", "antibióticos", "jeringas y catéteres"],
    areas=[
        "Área de Encamamiento (II Nivel)",
        "Unidad de Hemodiálisis",
        "Farmacia Interna",
        "Emergencia de Adultos",
        "Área de Hemato-Oncología",
        "Dirección Ejecutiva",
        "Consulta Externa",
        "Unidad de Cuidados Intensivos",
    ],
    # the areas that are units of the hospital (an ``organizacion``), not places in it
    areas_organismo=["Unidad de Hemodiálisis", "Dirección Ejecutiva", "Unidad de Cuidados Intensivos"],
    cargos=["Director Ejecutivo", "Jefa de Enfermería", "Jefe del Departamento de Medicina Interna", "Administrador"],
    destinos=[
        "Ministerio de Salud Pública y Asistencia Social",
        "Dirección Ejecutiva {del_centro}",
        "Secretaría de Salud del {region}",
        "Consejo Técnico {del_centro}",
        "Dirección de Área de Salud de {lugar}",
    ],
    hallazgos=[
        "El área cuenta con {n:camas}, de las cuales {k} no tienen colchón y {j} carecen de barandales.",
        "Se observaron filtraciones de agua en el techo y {k:ventanas} con vidrios rotos cubiertas con cartón.",
        "No había existencia de {insumo} desde hacía {w:semanas}; los familiares adquieren el medicamento por su cuenta.",
        "De las {n:máquinas} de hemodiálisis con que cuenta la unidad, solo {k} se encontraban en funcionamiento.",
        "Los pacientes con neutropenia se encuentran diseminados en los servicios de medicina interna, sin "
        "aislamiento y en riesgo de infecciones asociadas a la atención.",
        "Las áreas que anteriormente se utilizaban para trabajo administrativo fueron convertidas en sanitarios "
        "y duchas para el personal que atendía pacientes COVID-19.",
        "El área de hemato-oncología fue utilizada durante la emergencia sanitaria para la atención de pacientes "
        "COVID-19 moderados y graves, y a la fecha no ha sido devuelta a la especialidad.",
        "Al momento de la supervisión se encontraban {n:pacientes} ingresados en los diversos encamamientos del hospital.",
        "Cada cama cuenta con esfigmomanómetro y lámpara; sin embargo, los canceles no corren, los bombillos están "
        "quemados y el área necesita una limpieza profunda.",
        "La lista de espera para cirugía programada asciende a {n:pacientes}, algunos con más de {w:meses} de espera.",
    ],
    objetivo_general=[
        "Verificar las condiciones en que se brinda la {servicio} en {el_centro}.",
        "Determinar los espacios hospitalarios asignados para la {servicio} en {el_centro}.",
    ],
)

T["prision"] = dict(
    centros=[
        "Centro Preventivo para Hombres de {lugar}",
        "Centro de Reinserción Social de {lugar}",
        "Centro Penal de {lugar}",
        "Granja Penal de {lugar}",
        "Centro Penitenciario Femenil de {lugar}",
    ],
    servicio=["atención a las personas privadas de libertad", "custodia de las personas privadas de libertad"],
    servicio_extra=["atención médica en el área de enfermería", "visita familiar e íntima"],
    usuarios="personas privadas de libertad",
    personal="personal de custodia",
    insumo=["medicamentos básicos", "colchonetas", "alimentos", "artículos de higiene personal", "agua potable"],
    areas=[
        "Área de Ingreso",
        "Dormitorio General (Sector B)",
        "Clínica Médica",
        "Cocina y Comedor",
        "Área de Visita Familiar",
        "Módulo de Máxima Seguridad",
        "Dirección del Centro",
        "Talleres Productivos",
    ],
    areas_organismo=["Dirección del Centro"],  # the prison's directorate, a unit as a hospital's is
    cargos=["Director del Centro", "Jefe de Seguridad", "Coordinadora Técnica", "Encargado del Área Médica"],
    destinos=[
        "Dirección General del Sistema Penitenciario",
        "Secretaría de Seguridad Pública del {region}",
        "Dirección {del_centro}",
        "Juzgado de Ejecución Penal de {lugar}",
    ],
    hallazgos=[
        "El centro tiene capacidad para {n:personas} y al momento de la visita albergaba a {m:personas}.",
        "En el dormitorio visitado conviven {n:internos} en un espacio diseñado para {k}; {j} duermen en el suelo.",
        "La clínica no cuenta con médico permanente; la atención la brinda un auxiliar de enfermería {w:días} por semana.",
        "La dotación de alimentos es de {dos:tiempos} al día y no se proporciona dieta especial a personas con "
        "enfermedades crónicas.",
        "El suministro de agua se limita a {w:horas} diarias, por lo que las personas almacenan agua en recipientes "
        "sin tapadera.",
        "Se documentaron {k:quejas} por presuntos cobros indebidos para el ingreso de alimentos durante la visita familiar.",
        "El área de ingreso carece de registro de las lesiones que presentan las personas al momento de su llegada.",
        "Las instalaciones eléctricas se encuentran expuestas y se observaron conexiones improvisadas en los pasillos.",
        "El personal de custodia asignado por turno es de {k:agentes} para la totalidad de la población.",
    ],
    objetivo_general=[
        "Verificar las condiciones de internamiento de las personas privadas de libertad en {el_centro}.",
        "Constatar el respeto a los derechos humanos de las personas recluidas en {el_centro}.",
    ],
)

T["escuela"] = dict(
    centros=[
        "Escuela Oficial Rural Mixta No. {num} de {lugar}",
        "Instituto Nacional de Educación Básica de {lugar}",
        "Escuela Primaria «{prócer}» de {lugar}",
        "Telesecundaria No. {num} de {lugar}",
        "Centro Escolar de {lugar}",
    ],
    servicio=["prestación del servicio educativo", "alimentación escolar"],
    servicio_extra=["educación especial", "transporte escolar"],
    usuarios="estudiantes",
    personal="personal docente",
    insumo=["libros de texto", "alimentos para la refacción escolar", "mobiliario", "material didáctico"],
    areas=["Aulas del Primer Ciclo", "Servicios Sanitarios", "Cocina Escolar", "Dirección del Plantel", "Patio Cívico"],
    areas_organismo=["Dirección del Plantel"],
    cargos=["Director del plantel", "Subdirectora académica", "Presidente del Comité de Padres", "Maestra de grado"],
    destinos=[
        "Ministerio de Educación",
        "Secretaría de Educación del {region}",
        "Dirección Departamental de Educación de {lugar}",
        "Dirección {del_centro}",
    ],
    hallazgos=[
        "El establecimiento atiende a {n:estudiantes} en {k:aulas}, por lo que algunos grados reciben clases en el corredor.",
        "De los {n:sanitarios} existentes, {k} se encuentran fuera de servicio y no hay agua entubada en el plantel.",
        "La refacción escolar no se ha entregado desde hace {w:semanas} por atraso en la transferencia de fondos.",
        "El techo de {dos:aulas} presenta láminas dañadas y en época de lluvia se suspenden las clases.",
        "No se cuenta con rampas ni barandales para el acceso de estudiantes con discapacidad.",
        "Los libros de texto del ciclo escolar fueron recibidos para {k:grados} de los seis que atiende la escuela.",
        "El personal docente es contratado por períodos de {w:meses} y a la fecha no ha recibido su salario.",
        "El mobiliario es insuficiente: se contabilizaron {k:pupitres} para {n:estudiantes}.",
    ],
    objetivo_general=[
        "Verificar las condiciones en que se garantiza el derecho a la educación en {el_centro}.",
        "Constatar la {servicio} a los estudiantes {del_centro}.",
    ],
)

T["albergue"] = dict(
    centros=[
        "Albergue para Personas Migrantes de {lugar}",
        "Casa del Migrante San {santo}",
        "Estación Migratoria de {lugar}",
        "Centro de Atención Integral al Migrante de {lugar}",
    ],
    servicio=["atención a personas migrantes en tránsito", "atención a niñas, niños y adolescentes migrantes"],
    servicio_extra=["atención psicológica", "asesoría jurídica"],
    usuarios="personas migrantes",
    personal="personal del albergue",
    insumo=["colchonetas", "kits de higiene", "alimentos", "medicamentos", "ropa de abrigo"],
    areas=["Dormitorio de Mujeres", "Área de Niñez no Acompañada", "Comedor", "Área de Registro", "Enfermería"],
    cargos=["Coordinadora del albergue", "Encargado de turno", "Delegado de Migración", "Psicóloga"],
    destinos=[
        "Instituto de Atención al Migrante",
        "Dirección General de Migración",
        "Coordinación {del_centro}",
        "Sistema para el Desarrollo Integral de la Familia de {lugar}",
    ],
    hallazgos=[
        "El albergue tiene capacidad para {n:personas} y al momento de la visita se encontraban {m:personas}.",
        "Se identificó a {k:niños} no acompañados alojados en el mismo espacio que personas adultas.",
        "Las personas entrevistadas refirieron no haber recibido información sobre su derecho a solicitar refugio.",
        "Los servicios sanitarios son {k} para toda la población y no cuentan con puertas.",
        "La alimentación es proporcionada por organizaciones de la sociedad civil, sin aporte institucional.",
        "No existe registro de las personas que egresan del albergue ni del lugar al que son trasladadas.",
        "El área de enfermería no cuenta con {insumo} desde hace {w:semanas}.",
    ],
    objetivo_general=[
        "Verificar las condiciones de estancia de las personas migrantes en {el_centro}.",
        "Constatar la {servicio} en {el_centro}.",
    ],
)

T["agua"] = dict(
    centros=[
        "Empresa Municipal de Agua de {lugar}",
        "Sistema de Agua Potable y Alcantarillado de {lugar}",
        "Planta de Tratamiento de Agua Potable de {lugar}",
        "Junta Administradora de Agua de {lugar}",
    ],
    servicio=["prestación del servicio de agua potable", "calidad del agua distribuida"],
    servicio_extra=["atención de reclamos de usuarios", "tratamiento de aguas residuales"],
    usuarios="usuarios del servicio",
    personal="personal operativo",
    insumo=["cloro", "sulfato de aluminio", "repuestos para las bombas", "reactivos de laboratorio"],
    areas=["Tanque de Distribución", "Planta Potabilizadora", "Pozo Mecánico No. 3", "Oficina de Atención al Usuario"],
    areas_organismo=["Oficina de Atención al Usuario"],
    cargos=["Gerente General", "Jefe de Operación", "Síndico Municipal", "Encargada de Laboratorio"],
    destinos=[
        "Concejo Municipal de {lugar}",
        "Gerencia {del_centro}",
        "Ministerio de Ambiente y Recursos Naturales",
        "Ayuntamiento de {lugar}",
    ],
    hallazgos=[
        "El servicio se presta por turnos de {w:horas} cada tercer día en {k:colonias} del municipio.",
        "La planta no dosifica {insumo} desde hace {w:semanas} por falta de presupuesto.",
        "De los {n:pozos} que abastecen al municipio, {k} se encuentran fuera de servicio.",
        "No existen análisis bacteriológicos del agua distribuida durante el presente año.",
        "Se documentaron {n:reclamos} de usuarios por cobros sin servicio en el último trimestre.",
        "El tanque de distribución presenta fisuras y fugas visibles en su base.",
        "Las tuberías de conducción tienen más de {w:años} de antigüedad y registran fugas constantes.",
    ],
    objetivo_general=[
        "Verificar la {servicio} a los habitantes atendidos por {el_centro}.",
        "Constatar las condiciones de operación {del_centro}.",
    ],
)

T["obra"] = dict(
    centros=[
        "obra de pavimentación de la calle principal de {lugar}",
        "obra de construcción del mercado municipal de {lugar}",
        "obra de rehabilitación del puente vehicular de {lugar}",
        "obra de ampliación del drenaje sanitario de {lugar}",
    ],
    centro_es_organismo=False,  # a public work is what is supervised, not a body
    servicio=["ejecución de la obra pública", "calidad de la obra pública contratada"],
    servicio_extra=["seguridad de los trabajadores", "atención de quejas vecinales"],
    usuarios="vecinos",
    personal="personal de supervisión",
    insumo=["concreto", "acero de refuerzo", "material de relleno", "señalización"],
    areas=["Frente de Trabajo Norte", "Bodega de Materiales", "Residencia de Obra", "Tramo 2+300 a 2+800"],
    cargos=["Director de Obras Públicas", "Supervisor de obra", "Residente de obra", "Presidente del Comité Vecinal"],
    destinos=[
        "Dirección de Obras Públicas de {lugar}",
        "Contraloría Municipal de {lugar}",
        "Ayuntamiento de {lugar}",
        "Secretaría de Infraestructura del {region}",
    ],
    hallazgos=[
        "El avance físico de la obra es de {pct} % cuando el programa de ejecución establece {pct2} %.",
        "No se encontró bitácora de obra en el sitio y el residente no pudo mostrar los reportes de supervisión.",
        "Se observaron {k:tramos} con agrietamiento prematuro del pavimento.",
        "La obra carece de señalización y de cercado perimetral, lo que expone a los vecinos a accidentes.",
        "Los trabajadores no cuentan con equipo de protección personal.",
        "Se documentaron {n:quejas} vecinales por cierre de accesos sin aviso previo.",
        "El material almacenado en bodega no coincide con las cantidades reportadas en las estimaciones pagadas.",
    ],
    objetivo_general=[
        "Verificar la {servicio} correspondiente a {el_centro}.",
        "Constatar el avance y la calidad {del_centro}.",
    ],
)

# Generic templates every topic uses with its own nouns ({usuarios}, {personal}, {insumo} ...)
GENERICOS = [
    "Al momento de la supervisión no se contaba con un plan de contingencia para la {servicio}.",
    "El {personal} asignado no ha recibido capacitación específica en los últimos {w:años}.",
    "Las autoridades indicaron que la solicitud de {insumo} se encuentra en proceso de adjudicación, sin fecha "
    "estimada de entrega.",
    "En las entrevistas, {los_usuarios} refirieron malos tratos y falta de información sobre los servicios disponibles.",
    "No existe un documento oficial que asigne de forma definitiva las áreas destinadas a la {servicio}.",
    "Se constató que {k:expedientes} no contaban con la documentación mínima requerida por la normativa.",
    "A la fecha no existe un plan estratégico de reacondicionamiento de los espacios físicos; solamente se han "
    "limitado a resolver en función de las necesidades.",
    "{Persona} informó que el presupuesto asignado para el presente año es de {monto}, inferior al del año anterior.",
    "El área fue remodelada con una donación de {monto}, facilitada por la iniciativa privada; el establecimiento "
    "no invirtió recursos propios.",
    "El área se encuentra descuidada, con paredes húmedas, iluminación deficiente y sin mantenimiento preventivo.",
    "{Los_usuarios} no cuentan con un mecanismo accesible para presentar quejas o denuncias.",
    "{Persona} indicó que no se ha tomado ninguna decisión definitiva respecto a la solicitud planteada.",
    "El número de {usuarios} que reciben atención aumenta cada año, lo que obliga a contar con áreas específicas.",
]
ESPECIFICOS = [
    "Determinar los avances realizados por las autoridades para garantizar la {servicio}.",
    "Establecer el número de {usuarios} que reciben atención y la capacidad instalada del establecimiento.",
    "Conocer las condiciones de infraestructura de las áreas destinadas a la {servicio}.",
    "Determinar la existencia de {insumo} en cantidad suficiente para la {servicio}.",
    "Verificar la disponibilidad de {personal} suficiente y capacitado.",
    "Identificar las acciones de seguimiento a las recomendaciones emitidas en supervisiones anteriores.",
    "Constatar la existencia de protocolos para la {servicio_extra}.",
]
CONCLUSIONES = [
    "Las condiciones de infraestructura observadas en {el_centro} no garantizan que la {servicio} se preste "
    "en condiciones dignas.",
    "El desabastecimiento de {insumo} vulnera los derechos de {los_usuarios}, en contravención de las "
    "obligaciones del Estado.",
    "La falta de {personal} suficiente y capacitado compromete la calidad de la atención brindada.",
    "Las autoridades no cuentan con un plan estratégico que permita dar respuesta a la demanda de {los_usuarios}.",
    "Persisten las deficiencias señaladas en supervisiones anteriores, sin que se hayan adoptado medidas correctivas.",
    "La ausencia de registros confiables impide conocer la magnitud real de la situación de {los_usuarios}.",
    "La {servicio} se presta en condiciones que exponen a {los_usuarios} a riesgos para su salud e integridad.",
]
RECOMENDACIONES = [
    "Asignar de forma urgente los recursos necesarios para reparar la infraestructura deteriorada y elaborar "
    "un plan de mantenimiento preventivo.",
    "Garantizar el abastecimiento continuo de {insumo}.",
    "Implementar un plan de acción que determine una ruta clara y consensuada para la {servicio}.",
    "Programar la capacitación del {personal} en materia de derechos humanos.",
    "Emitir de forma oficial los acuerdos de asignación de espacios, para contar con el respaldo legal necesario.",
    "Establecer un mecanismo accesible de quejas para {los_usuarios} y dar seguimiento a cada caso.",
    "Dar cumplimiento a lo dispuesto en {ley} para garantizar la {servicio}.",
    "Propiciar espacios de diálogo entre las autoridades involucradas, buscando alternativas de solución.",
    "Informar a esta institución, en un plazo de {w:días} hábiles, las acciones adoptadas para atender la "
    "presente recomendación.",
]
CAPTIONS = [
    "Área de {area} durante la supervisión",
    "Condiciones de infraestructura observadas en {area}",
    "{Usuarios} en espera de atención",
    "Instalaciones de {area} que fueron reconvertidas",
    "Estado de las instalaciones al momento de la visita",
]
ANTECEDENTES = [
    "La {servicio} en el país enfrenta limitaciones históricas de presupuesto, infraestructura y personal "
    "especializado, que se han documentado a lo largo de los años.",
    "Desde {anio_prev} esta institución ha recibido denuncias relacionadas con la {servicio} en {el_centro}, "
    "principalmente por falta de {insumo} y por las condiciones de las instalaciones.",
    "En su informe anual, la institución señaló que las autoridades no cuentan con un plan integral para "
    "la {servicio}, lo que limita la respuesta ante el aumento de la demanda.",
    "Las resoluciones y normas aplicables, entre ellas {ley}, obligan a las autoridades a garantizar la {servicio} "
    "en condiciones dignas.",
    "Esta situación ha sido expuesta en audiencias públicas y en comunicaciones a las autoridades competentes, "
    "sin que a la fecha se hayan adoptado medidas suficientes.",
    "Con la disminución de la emergencia sanitaria, los establecimientos han buscado retomar las funciones para "
    "las que fueron creados, dentro de esto la recuperación de espacios para la {servicio_extra}.",
]
JUSTIFICACION = [
    "Ante la persistencia de las denuncias y en cumplimiento del mandato constitucional de esta institución, "
    "es necesario verificar las condiciones de la {servicio} en {el_centro}.",
    "La {servicio} es compleja, debido a múltiples factores que afectan de forma directa a {los_usuarios}, "
    "entre ellos la centralización de los servicios y la falta de políticas públicas.",
]
METODOLOGIA = [
    "El equipo efectuó {visitas} in situ, entrevistas con autoridades y {usuarios}, y revisión documental.",
    "La supervisión comprendió {visitas} al establecimiento, recorridos por las áreas, entrevistas "
    "semiestructuradas y registro fotográfico.",
]
PROCERES = ["Juana Ixcoy", "Rafael Landívar Méndez", "Leona Vicario", "Tomás Ochoa Rivas", "Dolores Bedoya"]
SANTOS = ["José", "Martín de Porres", "Judas Tadeo", "Francisco", "Benito"]

"""How a score table labels its columns, the performance bands, and the numbering of the prose.

The first label of each list is the seed's; the others are what other bodies print.
"""

from __future__ import annotations

# ---- the score table's labels -------------------------------------------------------------------
# Labels of each contract column as printed; the first of each list is the seed's (and the most
# frequent, by the weights drawn in spec), the rest what other bodies print.
LABEL_NOMBRE = (
    "Nombre completo",
    "Nombre",
    "Nombre del servidor público",
    "Persona evaluada",
    "Miembro del Servicio",
    "Nombre de la persona evaluada",
    "Evaluado(a)",
)
LABEL_CARGO = ("Cargo/Puesto", "Cargo", "Puesto", "Cargo o puesto", "Plaza", "Cargo que ocupa")
LABEL_ENTIDAD = ("Entidad", "Entidad federativa", "Estado", "Adscripción estatal")
LABEL_IND = (
    "Metas Individuales",
    "Metas individuales",
    "Metas de desempeño individual",
    "Objetivos individuales",
    "Metas de productividad individual",
)
LABEL_COL = ("Metas Colectivas", "Metas colectivas", "Metas de equipo", "Objetivos colectivos", "Metas institucionales")
LABEL_COMP = ("Competencias", "Evaluación de competencias", "Competencias laborales", "Factor competencias")
LABEL_FINAL = (
    "Calificación final",
    "Calificación global",
    "Calificación total",
    "Resultado final",
    "Puntaje final",
    "Promedio ponderado",
)
LABEL_NIVEL = ("Nivel de desempeño", "Nivel alcanzado", "Nivel", "Desempeño", "Nivel de desempeño alcanzado")
LABEL_NUMERO = ("No.", "Núm.", "#", "Consecutivo")
# the group label printed over the two goal columns when the header is split over two lines
LABEL_GRUPO_METAS = ("Metas", "Logro de metas", "Objetivos")
# the sub-labels under that group: (individual, collective)
LABEL_SUB_METAS = (("Individuales", "Colectivas"), ("Individual", "Colectiva"), ("Ind.", "Col."))

# ---- performance levels -------------------------------------------------------------------------
# (name, ((label, lower bound on a 0–10 scale), ...) highest first; the last bound is 0). The
# bounds are inclusive; a 0–100 document multiplies them by ten.
BANDAS: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = (
    (
        "spen",
        (
            ("Excelente", 9.5),
            ("Altamente competente", 8.5),
            ("Competente", 7.0),
            ("Suficiente", 6.0),
            ("No aprobatorio", 0.0),
        ),
    ),
    (
        "cinco",
        (("Excelente", 9.0), ("Destacado", 8.0), ("Satisfactorio", 7.0), ("Suficiente", 6.0), ("No aprobatorio", 0.0)),
    ),
    ("sobresaliente", (("Sobresaliente", 9.0), ("Bueno", 8.0), ("Regular", 7.0), ("Deficiente", 0.0))),
    ("optimo", (("Óptimo", 9.0), ("Satisfactorio", 7.5), ("Mínimo aceptable", 6.0), ("No satisfactorio", 0.0))),
    ("alto", (("Alto", 8.5), ("Medio", 7.0), ("Bajo", 0.0))),
)

# ordinal headings of antecedentes/considerandos/puntos de acuerdo
ORDINALES = (
    "PRIMERO",
    "SEGUNDO",
    "TERCERO",
    "CUARTO",
    "QUINTO",
    "SEXTO",
    "SÉPTIMO",
    "OCTAVO",
    "NOVENO",
    "DÉCIMO",
    "DÉCIMO PRIMERO",
    "DÉCIMO SEGUNDO",
    "DÉCIMO TERCERO",
    "DÉCIMO CUARTO",
    "DÉCIMO QUINTO",
    "DÉCIMO SEXTO",
    "DÉCIMO SÉPTIMO",
    "DÉCIMO OCTAVO",
    "DÉCIMO NOVENO",
    "VIGÉSIMO",
)
ROMANOS = (
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
)
TIPOS_SESION = (
    "Sesión Ordinaria",
    "Sesión Extraordinaria",
    "Sesión Ordinaria Virtual",
    "Sesión Extraordinaria Urgente",
)

"""``commitments``: ASM improvement-agreement rows (convenio_asm documents)."""

from ._base import DATE, INT, STRING, STRINGS, Dataset, col, record_schema

SCHEMA = record_schema(
    col(
        "tipo",
        STRING,
        "hallazgo or recomendacion; a CONEVAL annex's 'Aspecto Susceptible de Mejora' is a hallazgo (the finding "
        "the body commits to fix)",
    ),
    col("numero", INT, "number of the row in its table"),
    col("texto", STRING, "the finding or recommendation"),
    col("actividad_comprometida", STRING, "committed activity (lists flattened to '; '-separated text)"),
    col("fecha_compromiso", DATE, "committed date; a month-only date is the month's last day"),
    col("fecha_precision", STRING, "dia or mes"),
    col("fecha_texto", STRING, "the committed date as read from the document, before it was interpreted"),
    col(
        "corrected",
        STRINGS,
        "fields whose value is not the raw reading: campo:corregido (a date whose digits OCR misread, read "
        "back; a row number read back from its neighbours)",
    ),
    col(
        "checks",
        STRINGS,
        "cross-checks the agreement's text allows, with their outcome (name=ok|conflict): conteo (the rows of "
        "this kind read against the count the agreement states), fecha_limite (the date against the latest "
        "the agreement allows), secuencia (the next row's number follows this one's: a number skipped means a "
        "row OCR lost, whose text may have been read into this row)",
    ),
    col("comentario_extraccion", STRING, "human-readable explanation of every correction"),
    col("programa_evaluado", STRING, "programme or fund evaluated (e.g. FASP)"),
    col("sujeto_evaluado", STRING, "body that commits"),
    col(
        "tipo_evaluacion",
        STRING,
        "the evaluation the findings come from, as the agreement names it (Evaluación Específica)",
    ),
    col("pae", INT, "year of the Programa Anual de Evaluación (PAE) the evaluation belongs to"),
    col("area_responsable", STRING, "CONEVAL annexes: unit responsible for the activity (Área responsable)"),
    col("area_coordinadora", STRING, "CONEVAL Anexo D: coordinating unit (Área coordinadora)"),
    col("resultados_esperados", STRING, "CONEVAL annexes: expected results (Resultados esperados)"),
    col("evidencias", STRING, "CONEVAL annexes: products and evidence, items joined with '; '"),
)

DATASET = Dataset(
    "commitments",
    SCHEMA,
    "ASM agreement rows.",
    required_key=("tipo", "texto"),
    natural_key=("tipo", "numero"),
    enums={"tipo": frozenset({"hallazgo", "recomendacion"}), "fecha_precision": frozenset({"dia", "mes"})},
    ranges={"confidence": (0, 1), "page": (1, None)},
)

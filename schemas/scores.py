"""``scores``: evaluation score rows (dictamen_puntajes documents)."""

from ._base import DATE, FLOAT, STRING, STRINGS, Dataset, col, record_schema

SCHEMA = record_schema(
    col("nombre", STRING, "person as printed in the table"),
    col("cargo", STRING, "post"),
    col("entidad", STRING, "state or entity"),
    col("metas_individuales", FLOAT, "individual-goals score (decimal comma read as point); N/A is null"),
    col("metas_colectivas", FLOAT, "collective-goals score; N/A is null"),
    col("competencias", FLOAT, "competencies score; N/A is null"),
    col("calificacion_final", FLOAT, "final score; N/A is null"),
    col("nivel_desempeno", STRING, "performance level as printed (Excelente)"),
    col("periodo_inicio", DATE, "start of the evaluated period, when stated"),
    col("periodo_fin", DATE, "end of the evaluated period, when stated"),
    col(
        "checks",
        STRINGS,
        "cross-checks with their outcome: ponderacion=ok|conflict (final against the weighting, stated or "
        "fitted; conflict too when no whole-percent weighting fits most rows with the same factors), "
        "nivel_bandas=ok|conflict (level against the score bands)",
    ),
    col(
        "corrected",
        STRINGS,
        "fields whose value is not the raw reading (campo:corregido), or whose column was placed by the "
        "order the prose names the factors in, its label lost and the arithmetic unable to tell (campo:columna_inferida)",
    ),
    col("comentario_extraccion", STRING, "human-readable explanation of every correction, conflict and unread value"),
)

DATASET = Dataset(
    "scores",
    SCHEMA,
    "Evaluation score rows.",
    required_key=("nombre",),
    natural_key=("nombre",),
    ranges={"confidence": (0, 1), "page": (1, None)},
)

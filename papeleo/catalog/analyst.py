"""The analyst views over MIR indicators: each indicator row with the report it came from, and
each indicator's latest reported values.

They are SQL over the dataset views (never over the files directly), name only contract
columns, and never a folder label, so they read the flat and the partitioned store alike.
Columns that could one day also exist in ``indicators`` are renamed (``document_extracted_at``)
so a new column there can never make a view's names collide.
"""

from __future__ import annotations

from .datasets import ABSOLUTE_NOTE
from .describe import View
from .sqltext import one_document_per_doc_id

_UP_FRONT = ("ente", "ejercicio", "trimestre")

INDICATORS_BY_DOCUMENT = View(
    name="indicators_by_document",
    sql=f"""
SELECT i.ente, i.ejercicio, i.trimestre, d.file_name, d.source, d.emisor,
       i.* EXCLUDE ({", ".join(_UP_FRONT)})
FROM indicators AS i
LEFT JOIN {one_document_per_doc_id("d")} ON d.doc_id = i.doc_id
""",
    description=(
        "Every indicators row with the report it came from: ente, ejercicio and trimestre up front, then the "
        "document's file_name, source and emisor (joined on doc_id), then the row's other columns. A file "
        "ingested under two sources with the same bytes shows the newest documents row's source. " + ABSOLUTE_NOTE
    ),
    columns={
        "file_name": "base name of the source of the document the row came from (documents.file_name)",
        "source": "where the document the row came from was read from, path or URI (documents.source)",
        "emisor": "issuing body of the document the row came from, when found (documents.emisor)",
    },
    sources=("indicators", "documents"),
)

# What one indicator is within an ente's year: its code when printed, else its acronym, else its
# name, else (POA rows) the operating unit. The prefix keeps a code and an acronym that happen
# to be spelled alike apart.
INDICATOR_KEY = "coalesce('clave ' || clave, 'siglas ' || siglas, 'indicador ' || indicador, 'unidad ' || unidad)"
_LATEST_FIRST = (
    "k.trimestre DESC NULLS LAST, d.fecha_documento DESC NULLS LAST, d.extracted_at DESC NULLS LAST, "
    "k.doc_id, k.page NULLS LAST, k.record_id"
)
_NAMED = ("indicator_key", "ente", "ejercicio", "trimestre", "clave", "siglas", "indicador")

INDICATORS_LATEST = View(
    name="indicators_latest",
    sql=f"""
WITH keyed AS (
    SELECT {INDICATOR_KEY} AS indicator_key, * FROM indicators
), counted AS (
    SELECT ente, ejercicio, indicator_key, count(DISTINCT doc_id) AS reports
    FROM keyed GROUP BY ente, ejercicio, indicator_key
)
SELECT k.indicator_key, k.ente, k.ejercicio, k.trimestre, k.clave, k.siglas, k.indicador, c.reports,
       d.file_name, d.source, d.fecha_documento, d.extracted_at AS document_extracted_at,
       k.* EXCLUDE ({", ".join(_NAMED)})
FROM keyed AS k
JOIN counted AS c
  ON c.indicator_key = k.indicator_key
 AND c.ente IS NOT DISTINCT FROM k.ente
 AND c.ejercicio IS NOT DISTINCT FROM k.ejercicio
LEFT JOIN {one_document_per_doc_id("d")} ON d.doc_id = k.doc_id
QUALIFY row_number() OVER (PARTITION BY k.ente, k.ejercicio, k.indicator_key ORDER BY {_LATEST_FIRST}) = 1
""",
    description=(
        "Each indicator's latest reported values: one row per (ente, ejercicio, indicator_key), where "
        "indicator_key is the indicator's clave, or its siglas when it has no clave, or its indicador name, "
        "or (POA rows) its unidad. The row comes from the report with the highest trimestre; ties go to the "
        "latest documents.fecha_documento, then the latest documents.extracted_at. A key printed twice in "
        "that report keeps its first row (by page). " + ABSOLUTE_NOTE
    ),
    columns={
        "indicator_key": (
            "what identifies the indicator within an ente's year: 'clave <clave>', else 'siglas <siglas>', "
            "else 'indicador <indicador>', else 'unidad <unidad>'"
        ),
        "trimestre": "quarter of the report the values come from: the latest reported for this ente and year",
        "reports": "how many documents report this indicator for this ente and year",
        "file_name": "base name of the report the values come from (documents.file_name)",
        "source": "where the report the values come from was read from, path or URI (documents.source)",
        "fecha_documento": "date of the report the values come from, when found (documents.fecha_documento)",
        "document_extracted_at": "when the report's documents row was written (documents.extracted_at)",
    },
    sources=("indicators", "documents"),
)

CATALOG_COLUMNS = View(
    name="catalog_columns",
    sql="""
SELECT c.table_name AS view_name, v.comment AS view_comment, c.column_index, c.column_name,
       c.data_type, c.comment
FROM duckdb_columns() AS c
JOIN duckdb_views() AS v
  ON v.database_name = c.database_name AND v.schema_name = c.schema_name AND v.view_name = c.table_name
WHERE NOT v.internal AND NOT v.temporary
ORDER BY c.table_name, c.column_index
""",
    description=(
        "The data dictionary of this catalog, for tools that do not show DuckDB comments (Metabase): every "
        "view's columns with their type and meaning."
    ),
    columns={
        "view_name": "the view",
        "view_comment": "what the view holds",
        "column_index": "1-based position of the column in the view",
        "column_name": "the column",
        "data_type": "DuckDB type of the column",
        "comment": "what the column means",
    },
)

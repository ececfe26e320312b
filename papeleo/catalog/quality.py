"""``document_quality``: per document, how much of what was read stands as read.

Generated from the schemas, not written per dataset: every record dataset counts its rows and
its filled values; those whose schema has a ``corrected`` list count its ``:corregido`` and
``:imputado`` entries, those with a ``checks`` list count its ``=conflict`` entries. A family
that adds a dataset adds it here without a change.

A "value" is a non-null cell of a column the document itself fills: every column but the
provenance ones (``doc_id``, ``page``, ...) and the pipeline's bookkeeping (``checks``,
``corrected``, ``comentario_extraccion``).
"""

from __future__ import annotations

import pyarrow as pa

import schemas
from schemas._base import PROVENANCE

from .datasets import ABSOLUTE_NOTE
from .describe import View
from .sqltext import ident, literal, one_document_per_doc_id

CORRECTED = "corrected"
CHECKS = "checks"
BOOKKEEPING = frozenset({CHECKS, CORRECTED, "comentario_extraccion"})
PROVENANCE_COLUMNS = frozenset(f.name for f in PROVENANCE)
CORRECTED_SUFFIX = ":corregido"
IMPUTED_SUFFIX = ":imputado"
CONFLICT_SUFFIX = "=conflict"


def _is_text_list(schema: pa.Schema, name: str) -> bool:
    return name in schema.names and pa.types.is_list(schema.field(name).type)


def _count_ending(column: str, suffix: str) -> str:
    # a list comprehension, not list_filter with a lambda: its syntax is the same in every
    # DuckDB release an analyst's client may run
    return f"coalesce(len([e FOR e IN {ident(column)} IF ends_with(e, {literal(suffix)})]), 0)"


def value_columns(name: str) -> list[str]:
    """The columns of dataset ``name`` whose non-null cells count as values read."""
    return [c for c in schemas.get(name).schema.names if c not in PROVENANCE_COLUMNS and c not in BOOKKEEPING]


def _record_select(name: str) -> str:
    schema = schemas.get(name).schema
    filled = " + ".join(f"CAST({ident(c)} IS NOT NULL AS BIGINT)" for c in value_columns(name)) or "0"
    corrected = imputed = conflicts = "0"
    if _is_text_list(schema, CORRECTED):
        corrected = _count_ending(CORRECTED, CORRECTED_SUFFIX)
        imputed = _count_ending(CORRECTED, IMPUTED_SUFFIX)
    if _is_text_list(schema, CHECKS):
        conflicts = _count_ending(CHECKS, CONFLICT_SUFFIX)
    return (
        f"SELECT doc_id, {literal(name)} AS dataset, {filled} AS filled, {corrected} AS corrected, "
        f"{imputed} AS imputed, {conflicts} AS conflicts FROM {ident(name)}"
    )


def _failures_dataset() -> str | None:
    found = [n for n, d in schemas.DATASETS.items() if d.kind == "failures" and "doc_id" in d.schema.names]
    return found[0] if found else None


def document_quality() -> View:
    records = schemas.RECORD_DATASETS
    union = "\n    UNION ALL ".join(_record_select(n) for n in records)
    per_dataset = "".join(
        f",\n           count(*) FILTER (WHERE dataset = {literal(n)}) AS {ident(n + '_records')}" for n in records
    )
    per_dataset_out = "".join(
        f",\n       coalesce(p.{ident(n + '_records')}, 0) AS {ident(n + '_records')}" for n in records
    )
    failures = _failures_dataset()
    fails_cte = (
        f",\nfails AS (SELECT doc_id, count(*) AS failures FROM {ident(failures)} "
        "WHERE doc_id IS NOT NULL GROUP BY doc_id)"
        if failures
        else ""
    )
    fails_join = "LEFT JOIN fails AS f ON f.doc_id = d.doc_id" if failures else ""
    fails_col = "coalesce(f.failures, 0)" if failures else "CAST(0 AS BIGINT)"
    sql = f"""
WITH recs AS (
    {union}
), per_doc AS (
    SELECT doc_id, count(*) AS records,
           CAST(sum(filled) AS BIGINT) AS values_filled,
           CAST(sum(greatest(filled - corrected - imputed, 0)) AS BIGINT) AS values_as_is,
           CAST(sum(corrected) AS BIGINT) AS values_corrected,
           CAST(sum(imputed) AS BIGINT) AS values_imputed,
           CAST(sum(conflicts) AS BIGINT) AS conflicts{per_dataset}
    FROM recs GROUP BY doc_id
), sources AS (
    SELECT doc_id, count(*) AS sources FROM documents GROUP BY doc_id
){fails_cte}
SELECT d.doc_id, d.file_name, d.doc_type, d.status, s.sources,
       coalesce(p.records, 0) AS records,
       coalesce(p.values_filled, 0) AS values_filled,
       coalesce(p.values_as_is, 0) AS values_as_is,
       coalesce(p.values_corrected, 0) AS values_corrected,
       coalesce(p.values_imputed, 0) AS values_imputed,
       coalesce(p.conflicts, 0) AS conflicts,
       {fails_col} AS failures{per_dataset_out}
FROM {one_document_per_doc_id("d")}
JOIN sources AS s ON s.doc_id = d.doc_id
LEFT JOIN per_doc AS p ON p.doc_id = d.doc_id
{fails_join}
"""
    with_columns = [n for n in records if _is_text_list(schemas.get(n).schema, CORRECTED)]
    with_checks = [n for n in records if _is_text_list(schemas.get(n).schema, CHECKS)]
    columns = {
        "doc_id": "sha256 of the file's bytes, hex (documents.doc_id)",
        "sources": "documents rows with these bytes (the same file under two sources: counts below include both)",
        "records": f"rows of this document across the record datasets ({', '.join(records)})",
        "values_filled": (
            "non-null cells the document fills, over its records: every column but provenance (doc_id, page, ...) "
            "and bookkeeping (checks, corrected, comentario_extraccion)"
        ),
        "values_as_is": "values_filled that are the raw reading: values_filled minus corrected and imputed, per row",
        "values_corrected": (
            f"values not the raw reading but corrected: corrected entries ending '{CORRECTED_SUFFIX}' "
            f"({', '.join(with_columns) or 'no dataset has corrected'})"
        ),
        "values_imputed": (
            f"values filled in where none was read: corrected entries ending '{IMPUTED_SUFFIX}' "
            f"({', '.join(with_columns) or 'no dataset has corrected'})"
        ),
        "conflicts": (
            f"checks in conflict: checks entries ending '{CONFLICT_SUFFIX}' "
            f"({', '.join(with_checks) or 'no dataset has checks'})"
        ),
        "failures": "failures rows of this document (records rejected or not extracted)",
        **{f"{n}_records": f"rows of this document in {n}" for n in records},
    }
    return View(
        name="document_quality",
        sql=sql,
        description=(
            "Per document (one row per doc_id, the newest documents row), how much of what was read stands as "
            "read: records, values filled, read as is, corrected, imputed, checks in conflict, failures. "
            + ABSOLUTE_NOTE
        ),
        columns=columns,
        sources=("documents",),
    )

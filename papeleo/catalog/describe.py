"""Views and their comments: what an analyst sees in ``duckdb_views()``, ``duckdb_columns()``
and a BI tool's column list.

DuckDB (checked on 2.0.0, and in files written for v1.0.0 readers) keeps ``COMMENT ON VIEW``
and ``COMMENT ON COLUMN <view>.<column>``, the latter keyed by column name, so a comment stays
on its column when the files gain columns. A view's stored column list is the one it had when
it was created; queries re-expand ``*`` and see new columns, the comments come with the next
rebuild.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import duckdb

import schemas
from schemas._base import DESCRIPTION

from .sqltext import ident, literal

log = logging.getLogger(__name__)

# Folder labels of the partitioned layout: columns a view shows when the folders are there.
LABELS = {
    "year": "partition label: the document's fiscal year as its folder names it (year=2024, or year=unknown), text",
    "family": "partition label: the document's family (doc_type) as its folder names it (family=mir_avance), text",
}
OTHER_LABEL = "partition label read from a '{name}=...' folder on the file's path, as text"


@dataclass(frozen=True)
class View:
    """A view to create: its SQL, what it is for, and what its columns mean. A column not in
    ``columns`` takes its description from the first dataset in ``sources`` that has it, else
    it is a folder label."""

    name: str
    sql: str
    description: str
    columns: Mapping[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()


def dataset_descriptions(name: str) -> dict[str, str]:
    """Column name -> its one-line description, from the dataset's schema field metadata."""
    return {f.name: (f.metadata or {}).get(DESCRIPTION, b"").decode() for f in schemas.get(name).schema}


def label_description(name: str) -> str:
    return LABELS.get(name) or OTHER_LABEL.format(name=name)


def view_columns(con: duckdb.DuckDBPyConnection, view: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = ? ORDER BY column_index",
        [view],
    ).fetchall()
    return [r[0] for r in rows]


def comment(con: duckdb.DuckDBPyConnection, view: str, text: str, describe: Callable[[str], str]) -> int:
    """Comment ``view`` with ``text`` and each of its columns with ``describe(column)``;
    returns how many columns were commented."""
    statements = [f"COMMENT ON VIEW {ident(view)} IS {literal(text)}"]
    for column in view_columns(con, view):
        meaning = describe(column)
        if meaning:
            statements.append(f"COMMENT ON COLUMN {ident(view)}.{ident(column)} IS {literal(meaning)}")
    con.execute(";\n".join(statements))  # one call: a run rebuilds this on a new root, every 0.1 s counts
    return len(statements) - 1


def install(con: duckdb.DuckDBPyConnection, view: View) -> None:
    """Create ``view`` and comment it and its columns."""
    con.execute(f"CREATE OR REPLACE VIEW {ident(view.name)} AS {view.sql}")
    known = [dataset_descriptions(s) for s in view.sources]

    def describe(column: str) -> str:
        if column in view.columns:
            return view.columns[column]
        for descriptions in known:
            if column in descriptions:
                return descriptions[column]
        return label_description(column)

    n = comment(con, view.name, view.description, describe)
    log.debug("catalog: view %s created, %d columns commented", view.name, n)

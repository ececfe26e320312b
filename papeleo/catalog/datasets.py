"""One view per dataset (``documents``, ``indicators``, ... as ``schemas.DATASETS`` lists them)
over that dataset's Parquet files.

The views select ``*`` and name no folder label: the store is moving from flat folders
(``<dataset>/src-<hash>.parquet``) to hive-style ones (``<dataset>/year=2023/...``,
``documents/family=<doc_type>/year=.../...``), and the same catalog must read both, showing
``year`` and ``family`` as text columns when those folders are there. Paths are absolute:
DuckDB resolves a relative path in a view against the working directory of whoever queries it,
not against the catalog file.
"""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

import schemas

from .describe import comment as comment_view
from .describe import dataset_descriptions, label_description
from .sqltext import ident, parquet_glob, read_parquet

log = logging.getLogger(__name__)

ABSOLUTE_NOTE = (
    "Paths in this catalog are absolute (DuckDB resolves a relative path against the working directory "
    "of whoever queries, not against the catalog file): after moving the output root, rebuild the catalog."
)


def _has_files(con: duckdb.DuckDBPyConnection, pattern: str) -> bool:
    """Whether DuckDB's own glob (the one read_parquet will use) finds a file."""
    return con.execute("SELECT count(*) FROM glob(?)", [pattern]).fetchone()[0] > 0


def _typed_empty(con: duckdb.DuckDBPyConnection, dataset: schemas.Dataset) -> str:
    """A SELECT with the dataset's columns and DuckDB types and no rows: what a dataset folder
    with no files at all reads as, so the view and the analyst views on it still bind."""
    rel = con.from_arrow(dataset.schema.empty_table())
    cols = ", ".join(f"CAST(NULL AS {t}) AS {ident(c)}" for c, t in zip(rel.columns, rel.types))
    return f"SELECT {cols} WHERE false"


def install(con: duckdb.DuckDBPyConnection, name: str, root: Path) -> str:
    """Create and comment the view of dataset ``name`` under output root ``root`` (absolute);
    returns the glob it reads."""
    dataset = schemas.get(name)
    pattern = parquet_glob(root / name)
    if _has_files(con, pattern):
        sql = f"SELECT * FROM {read_parquet(pattern)}"
        reads = f"Reads {pattern}."
    else:
        # the store writes a schema file into every dataset folder on its first run; a root
        # without one has not been prepared: a rebuild after the next run reads the files
        log.warning("catalog: no Parquet file matches %s; the %s view is empty until the next rebuild", pattern, name)
        sql = _typed_empty(con, dataset)
        reads = f"No Parquet file matched {pattern} when the catalog was built: empty until it is rebuilt."
    con.execute(f"CREATE OR REPLACE VIEW {ident(name)} AS {sql}")
    descriptions = dataset_descriptions(name)
    comment_view(
        con,
        name,
        f"{dataset.description} {reads} {ABSOLUTE_NOTE}",
        lambda column: descriptions.get(column) or label_description(column),
    )
    return pattern

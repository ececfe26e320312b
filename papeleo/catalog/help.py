"""How to open the catalog, as the few lines a person reads at the end of a run or from
``papeleo catalog``: with the DuckDB shell, a BI tool, or Python when no shell is installed."""

from __future__ import annotations

import os
import shlex

from .build import STORAGE_VERSION, catalog_path

EXAMPLE = "select * from indicators_latest limit 20"


def catalog_help(out: str | os.PathLike) -> str:
    """A few lines saying how to open ``OUT/papeleo.duckdb``."""
    path = str(catalog_path(out))
    py = f"duckdb.connect({path!r}, read_only=True).sql({EXAMPLE!r}).show()"
    return "\n".join(
        [
            f"Catalog: {path} (views over the Parquet files; nothing copied, any DuckDB >= {STORAGE_VERSION[1:]})",
            f"  DuckDB shell:     duckdb -readonly {shlex.quote(path)}    then e.g. {EXAMPLE};",
            "  DBeaver/Metabase: a DuckDB connection (DuckDB driver) to that file, read-only"
            " (DBeaver: driver property duckdb.read_only=true)",
            f'  Python (no duckdb command): python -c "import duckdb; {py}"',
            "  What each view and column means: select * from catalog_columns",
        ]
    )

"""``OUT/papeleo.duckdb``: a DuckDB catalog analysts open directly (DuckDB CLI, DBeaver, Metabase,
Python) instead of writing ``read_parquet`` globs by hand.

It holds views only: one per dataset over that dataset's Parquet files, and analyst views built
on them (``indicators_by_document``, ``indicators_latest``, ``document_quality``,
``catalog_columns``). Nothing is copied, so the file stays a few hundred kilobytes whatever the
store holds, and a query always sees the Parquet files as they are now. Every view and column
carries the contract's description as a DuckDB comment.

``build_catalog(out)`` (re)writes it atomically; ``catalog_help(out)`` says how to open it.
"""

from __future__ import annotations

from .build import CATALOG_NAME, STORAGE_VERSION, build_catalog, catalog_path
from .help import catalog_help

__all__ = ["CATALOG_NAME", "STORAGE_VERSION", "build_catalog", "catalog_help", "catalog_path"]

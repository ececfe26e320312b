"""Writing ``OUT/papeleo.duckdb``: every view, into a temporary file beside it, then moved in.

A BI tool or an analyst's DuckDB shell may hold the old catalog open while a run rebuilds it.
``os.replace`` swaps the name atomically: whoever opens the catalog gets the old file or the new
one, never one half-written, and whoever has the old one open keeps reading it. Each build
writes its own hidden ``.papeleo.duckdb.<random>.tmp``, so two builds at once (the end of a run
and an analyst's ``papeleo catalog``) never write into one file: the last to finish wins, whole.
A build killed midway leaves its temporary, which a later build removes once it is old.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from pathlib import Path

import duckdb

import schemas

from .. import atomic
from . import analyst, datasets, describe, quality
from .sqltext import check_root

log = logging.getLogger(__name__)

CATALOG_NAME = "papeleo.duckdb"
# The oldest storage format that keeps everything the catalog holds (views and their comments):
# a file in DuckDB 2.0's own format cannot be opened by a 1.x client, which is what many DBeaver
# and Metabase installs still ship.
STORAGE_VERSION = "v1.0.0"
WAL_SUFFIX = ".wal"
TMP_SUFFIX = ".tmp"
# a temporary older than this is a killed build's (a build takes seconds)
STALE_TMP_SECONDS = 3600


def catalog_path(out: str | os.PathLike) -> Path:
    """Where ``build_catalog(out)`` writes the catalog: ``OUT/papeleo.duckdb``."""
    return Path(os.path.abspath(out)) / CATALOG_NAME


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def _remove_stale_temporaries(root: Path) -> None:
    cutoff = time.time() - STALE_TMP_SECONDS
    for path in root.glob(f".{CATALOG_NAME}.*{TMP_SUFFIX}*"):
        try:
            if path.stat().st_mtime < cutoff:
                log.info("catalog: removing %s, left by a killed build", path)
                _remove(path)
        except OSError:
            continue


def _write(con: duckdb.DuckDBPyConnection, root: Path) -> list[str]:
    """Create every view in ``con``; returns their names in creation order (the dataset views
    first: the analyst views are SQL over them)."""
    names = []
    for name in schemas.DATASETS:
        datasets.install(con, name, root)
        names.append(name)
    for view in (analyst.INDICATORS_BY_DOCUMENT, analyst.INDICATORS_LATEST, quality.document_quality()):
        describe.install(con, view)
        names.append(view.name)
    describe.install(con, analyst.CATALOG_COLUMNS)  # last: it lists the others
    names.append(analyst.CATALOG_COLUMNS.name)
    return names


def build_catalog(out: str | os.PathLike) -> Path:
    """(Re)write ``OUT/papeleo.duckdb`` with a view per dataset over ``OUT/<dataset>/**/*.parquet``
    (absolute paths) and the analyst views; returns its path. Raises ``FileNotFoundError`` when
    ``out`` is not a folder and ``ValueError`` when its path has glob characters."""
    root = Path(os.path.abspath(out))  # abspath, not resolve: a dataset folder may be a symlink swapped later
    if not root.is_dir():
        raise FileNotFoundError(f"no output root at {root}: run an ingest into it first")
    check_root(root)
    target = root / CATALOG_NAME
    _remove_stale_temporaries(root)
    tmp = root / f".{CATALOG_NAME}.{uuid.uuid4().hex[:12]}{TMP_SUFFIX}"
    tmp_wal = tmp.with_name(tmp.name + WAL_SUFFIX)
    try:
        con = duckdb.connect(str(tmp), config={"storage_compatibility_version": STORAGE_VERSION})
        try:
            con.execute("BEGIN TRANSACTION")
            names = _write(con, root)
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _remove(tmp_wal)  # empty after the checkpoint
        atomic.fsync(tmp)
        stale_wal = target.with_name(target.name + WAL_SUFFIX)
        if stale_wal.exists():
            # a write-ahead log left by someone who opened the old catalog read-write: DuckDB
            # would replay it onto the new file
            log.warning("catalog: removing %s, left by a client that opened the old catalog read-write", stale_wal)
            _remove(stale_wal)
        os.replace(tmp, target)
        atomic.fsync(root)
    except BaseException:
        _remove(tmp)
        _remove(tmp_wal)
        raise
    log.info("catalog: wrote %s (%d views: %s)", target, len(names), ", ".join(names))
    return target

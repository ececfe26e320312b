"""What a run leaves for analysts once its rows are in place: the DuckDB catalog
(``OUT/papeleo.duckdb``) and the report page (``OUT/report.html``), linked from the run record.

Neither may fail a run: the rows are written and committed by then, and a catalog or a chart
that cannot be drawn is not a reason to say otherwise. A failure is logged and recorded in the
run record (``published[name]`` says ``not written: <why>``) and the next run tries again.
"""

from __future__ import annotations

import concurrent.futures as cf
import hashlib
import logging
import os
from pathlib import Path

import schemas

from . import __version__, atomic

log = logging.getLogger(__name__)
NOT_WRITTEN = "not written: "
# what the catalog was built from; its views read the files as they are at query time, so it
# needs rebuilding only when this changes (0.6 s a run saved, most of a one-file run's cost)
CATALOG_STAMP = ".papeleo.duckdb.stamp"


def catalog_fingerprint(out: str | os.PathLike) -> str:
    """The output root's absolute path, the declared schemas and the catalog's own code."""
    h = hashlib.sha256(f"{__version__}|{os.path.abspath(out)}".encode())
    for name, dataset in schemas.DATASETS.items():
        h.update(f"{name}|{dataset.description}|{dataset.schema}|{dataset.schema.metadata}".encode())
        for f in dataset.schema:
            h.update(repr(f.metadata).encode())
    for source in sorted((Path(__file__).parent / "catalog").glob("*.py")):
        h.update(source.read_bytes())
    return h.hexdigest()


def _catalog(out: str | os.PathLike) -> str:
    stamp, fingerprint = Path(out) / CATALOG_STAMP, catalog_fingerprint(out)
    from .catalog import catalog_path

    path = catalog_path(out)
    if path.exists() and stamp.exists() and stamp.read_text("utf-8") == fingerprint:
        return str(path)
    from .catalog import build_catalog

    built = str(build_catalog(out))
    atomic.write_text(stamp, fingerprint)
    return built


def _catalog_or_why(out: str | os.PathLike) -> str:
    try:
        return _catalog(out)
    except Exception as exc:  # noqa: BLE001 - see the module docstring
        log.warning("the catalog of %s was not rebuilt: %s", out, exc, exc_info=True)
        return f"{NOT_WRITTEN}{type(exc).__name__}: {exc}"


def start_catalog(out: str | os.PathLike) -> cf.Future[str]:
    """The catalog, built in a thread while the run reads its documents. Its views name files
    by glob and bind to the schema files ``ParquetStore.prepare`` writes, so it needs no row of
    the run; on a new root its 0.3 s then hide behind the documents' work. Call it after
    ``prepare``, and wait for it before anything swaps generations (``compact``)."""
    pool = cf.ThreadPoolExecutor(max_workers=1, thread_name_prefix="papeleo-catalog")
    future = pool.submit(_catalog_or_why, out)
    pool.shutdown(wait=False)
    return future


def publish(out: str | os.PathLike, *, report: bool = True, catalog: str | None = None) -> dict[str, str]:
    """The catalog of ``out`` (rebuilt when its fingerprint changed; ``catalog``: what
    ``start_catalog`` gave) and, with ``report``, the report page; returns name -> path, or
    the reason it was not written."""
    done = {"catalog": catalog if catalog is not None else _catalog_or_why(out)}
    if report:
        try:
            from .analysis import write_report

            done["report"] = os.path.abspath(write_report(out))  # the record is read from elsewhere
        except Exception as exc:  # noqa: BLE001 - see the module docstring
            log.warning("the report of %s was not written: %s", out, exc, exc_info=True)
            done["report"] = f"{NOT_WRITTEN}{type(exc).__name__}: {exc}"
    return done

"""The SQL text the catalog stores: quoting, the ``read_parquet`` call, and the checks on the
output root's path that decide whether that call can be trusted.

A view is stored as SQL that DuckDB binds again each time it is queried, so every name, path
and comment that goes into it is quoted here, in one place: a quote in a folder name or in a
column description must not break the catalog.
"""

from __future__ import annotations

import logging
import re
from pathlib import PurePath

log = logging.getLogger(__name__)

# Characters DuckDB's glob expands: an output root whose absolute path holds one would make the
# dataset globs match other files, or none.
GLOB_CHARS = re.compile(r"[*?\[\]{}]")
# A folder name ``key=value``: with hive_partitioning on, DuckDB reads every such folder on the
# whole path as a label column, also the ones above the output root.
HIVE_FOLDER = re.compile(r"^[^=]+=[^=]*$")

# The options of every dataset view's read_parquet. hive_types_autocast = false keeps the
# folder labels (year=2023, year=unknown, family=mir_avance) text in every layout: autocast
# would make ``year`` an integer in a store where every folder is a number and text as soon as
# one is ``unknown``, changing a column's type under a dashboard.
READ_OPTIONS = "hive_partitioning = true, union_by_name = true, hive_types_autocast = false"


def ident(name: str) -> str:
    """``name`` as a double-quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """``text`` as a single-quoted SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def parquet_glob(dataset_dir: PurePath) -> str:
    """Every Parquet file under ``dataset_dir``, at any depth: the flat layout
    (``<dataset>/src-<hash>.parquet``) and the partitioned one (``<dataset>/year=2023/...``)."""
    return f"{dataset_dir.as_posix()}/**/*.parquet"


def read_parquet(pattern: str) -> str:
    return f"read_parquet({literal(pattern)}, {READ_OPTIONS})"


def check_root(root: PurePath) -> None:
    """Refuse an output root whose path DuckDB's glob would misread; warn about ``key=value``
    folders on it, which every view would show as extra text columns."""
    if GLOB_CHARS.search(str(root)):
        raise ValueError(
            f"the output root {root} has a glob character (* ? [ ] {{ }}) in its path: DuckDB would read "
            "the dataset paths as patterns; move the output root to a plain path"
        )
    labels = [part for part in root.parts if HIVE_FOLDER.match(part)]
    if labels:
        log.warning(
            "catalog: the output root's path has key=value folders (%s); every dataset view will also show "
            "them as text columns, because DuckDB reads such folders as partition labels",
            ", ".join(labels),
        )


def one_document_per_doc_id(alias: str) -> str:
    """``documents`` with one row per ``doc_id`` (the newest), as ``alias``. The same bytes
    ingested under two sources are two documents rows with one ``doc_id``; joining records to
    both would count each record twice."""
    return (
        "(SELECT * FROM documents QUALIFY row_number() OVER "
        f"(PARTITION BY doc_id ORDER BY extracted_at DESC NULLS LAST, source) = 1) AS {alias}"
    )

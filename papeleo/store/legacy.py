"""Output roots written by earlier versions of papeleo, brought to the current layout once.

Two older layouts exist. Before documents were keyed by source, files were
``<dataset>/<doc_id>.parquet``; then ``<dataset>/src-<key>.parquet`` in plain dataset folders
(no generations, no partitions). ``migrate`` takes either to the generation layout
(``layout``): it re-keys by source, files each document's files under its partition in a
new generation (hard links, no copy), then turns each dataset folder into its symlink.
Each step can be interrupted and is finished by the next run.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import schemas

from . import keyindex, layout

log = logging.getLogger(__name__)
FLAT_ASIDE = ".flat-"


def source_key(source: str) -> str:
    return "src-" + hashlib.sha256(source.encode("utf-8", "surrogateescape")).hexdigest()[:32]


def _flat_files(root: Path, dataset: str) -> list[Path]:
    d = root / dataset
    return sorted(p for p in d.glob("*.parquet") if p.name != layout.SCHEMA_FILE) if d.is_dir() else []


def _is_flat(root: Path) -> bool:
    return any((root / d).is_dir() and not (root / d).is_symlink() for d in schemas.DATASETS)


def rekey_by_source(root: Path) -> list[str]:
    """Files keyed by ``doc_id`` to source keys: each source's newest version (by
    ``extracted_at``) takes the source's key, older versions of the same source are removed
    (they were the duplicates a changed file left). ``documents`` moves last."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in _flat_files(root, "documents"):
        try:
            table = pq.read_table(path, columns=["source", "extracted_at"])
        except (OSError, pa.ArrowInvalid, KeyError):
            continue
        if table.num_rows != 1:
            continue
        source = table.column("source")[0].as_py()
        if path.stem != source_key(source):
            found.setdefault(source, []).append((str(table.column("extracted_at")[0].as_py()), path.stem))
    done = []
    for source, versions in found.items():
        target = source_key(source)
        keep = None if (root / "documents" / f"{target}.parquet").exists() else max(versions)[1]
        for _, key in versions:
            for dataset in [*(d for d in schemas.WRITE_ORDER if d != "documents"), "documents"]:
                old = root / dataset / f"{key}.parquet"
                if not old.exists():
                    continue
                if key == keep:
                    os.replace(old, root / dataset / f"{target}.parquet")
                else:
                    old.unlink()
        done.append(f"keyed {source} by its source ({len(versions)} version(s) found)")
    return done


def _labels_of_flat(root: Path) -> dict[str, dict[str, str]]:
    out = {}
    for path in _flat_files(root, "documents"):
        try:
            row = pq.read_table(path).to_pylist()[0]
        except (OSError, pa.ArrowInvalid, IndexError):
            continue
        if row.get("ejercicio") is None and row.get("fecha_documento") is not None:
            row["ejercicio"] = row["fecha_documento"].year  # written before documents.ejercicio
        out[path.stem] = layout.document_row_to_labels(row)
    return out


def migrate(root: Path) -> list[str]:
    """Plain dataset folders (any older layout, or partition folders written by
    ``process_document`` alone, before any run prepared the root) to the generation layout;
    nothing to do on a root already migrated or new."""
    from .compact import write_schema_file  # compact imports nothing from here

    done: list[str] = []
    if _is_flat(root) and layout.current_gen(root) is None:
        done += rekey_by_source(root)
        labels = _labels_of_flat(root)
        building = root / layout.GEN_DIR / (layout.gen_name(1) + ".tmp")
        layout.remove_tree(building)
        for dataset in schemas.DATASETS:
            folder = root / dataset
            for path in sorted(folder.rglob("*.parquet")) if folder.is_dir() else []:
                if path.name == layout.SCHEMA_FILE:
                    continue
                if path.parent == folder:  # a plain folder: filed under its document's labels
                    rel = f"{layout.partition_path(dataset, labels.get(path.stem, {}))}/{path.name}"
                else:  # already in partition folders (written before any run prepared the root)
                    rel = str(path.relative_to(root))
                layout.link_or_copy(path, building / rel)
            write_schema_file(building, dataset)
        keyindex.save(building, keyindex.KeyIndex())
        os.replace(building, root / layout.GEN_DIR / layout.gen_name(1))
        layout.point(root / layout.CURRENT, f"{layout.GEN_DIR}/{layout.gen_name(1)}")
        done.append(f"moved the datasets' files into generation 1 ({len(labels)} document(s) in plain folders)")
    for line in done:
        log.info("store: %s", line)
    return done


def link_datasets(root: Path) -> None:
    """Each ``OUT/<dataset>`` a symlink to ``current/<dataset>``; a plain folder left by a
    migration killed after its generation went live holds nothing the generation lacks."""
    for dataset in schemas.DATASETS:
        folder = root / dataset
        if folder.is_dir() and not folder.is_symlink():
            os.replace(folder, root / f"{FLAT_ASIDE}{dataset}")
        if not folder.is_symlink():
            layout.point(folder, f"{layout.CURRENT}/{dataset}")
        layout.remove_tree(root / f"{FLAT_ASIDE}{dataset}")

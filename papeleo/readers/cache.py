"""The read-document cache: a Document is read once per (bytes, reader version, settings).

OCR costs 2–3 s a page; a new extractor version, a review or a diff must not pay it again.
So what a reader produced is stored under the output root, keyed by the file's sha256, the
reader version (``READER_VERSION``, bumped whenever a reader's output changes) and the
settings that change what is read (dpi, OCR language). The cache holds no source path: the
same bytes under two names share one entry, and the document gets the source it is read
for. It is plain gzip'd JSON — never pickle, so a cache from elsewhere cannot run code —
written atomically, and can be deleted at any time (the next run reads the files again).

The cache holds what the readers read; ``straighten.document_to_straightened`` (word boxes of
a slightly tilted scan turned level) is applied after it, to fresh and cached reads alike, so
a change there needs no new version.

Reads that ended on a limit or on the machine (a timeout, OCR not installed, a worker lost)
are not cached: the next run, with a longer limit or tesseract installed, must try again.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from papeleo.model import BBox, Document, Failure, Line, Page, Rule, Word

log = logging.getLogger(__name__)

# Bump when any reader's output changes for the same bytes (new OCR pre-processing, a
# different line grouping, rotation detection...): old entries are then simply not found.
READER_VERSION = 30  # 30: a block of print turned a quarter (a head of turned labels) read turned (readers.turned); 29: fill down a band and a cell touching it is no ruling (readers.rules.segments_outside_bands); 28: a band and a filled cell touching it inverted apart (readers.rules._merged_boxes); 27: filled cells with white print inverted (readers.rules._light_print); 26: text-layer marks (readers.marks); 25: a band's fill is no ruling
CACHE_DIR = "_cache/reads"
FORMAT = 1  # layout of the JSON below
# Failures that say more about this run or machine than about the file.
NOT_CACHEABLE = frozenset({"read_timeout", "ocr_unavailable", "ocr_failed", "unreadable_file"})


def _box(b: BBox | None) -> list[float] | None:
    return None if b is None else [round(b.x0, 2), round(b.top, 2), round(b.x1, 2), round(b.bottom, 2)]


def _unbox(v: list[float] | None) -> BBox | None:
    return None if v is None else BBox(*v)


def document_to_dict(doc: Document) -> dict[str, Any]:
    return {
        "media_type": doc.media_type,
        "page_count": doc.page_count,
        "pages": [
            {
                "number": p.number,
                "text_source": p.text_source,
                "width": p.width,
                "height": p.height,
                "ocr_confidence": p.ocr_confidence,
                "rotation": p.rotation,
                "notes": list(p.reading_notes),
                "rules": [[r.x0, r.top, r.x1, r.bottom] for r in p.rules],
                "marks": [_box(b) for b in p.marks],
                "lines": [
                    {
                        "text": ln.text,
                        "bbox": _box(ln.bbox),
                        "words": [[w.text, _box(w.bbox), round(w.confidence, 4)] for w in ln.words],
                    }
                    for ln in p.lines
                ],
            }
            for p in doc.pages
        ],
    }


def dict_to_document(data: dict[str, Any], doc_id: str, source: str, file_name: str) -> Document:
    pages = [
        Page(
            number=p["number"],
            lines=tuple(
                Line(
                    text=ln["text"],
                    words=tuple(Word(t, _unbox(b), c) for t, b, c in ln["words"]),
                    bbox=_unbox(ln["bbox"]),
                )
                for ln in p["lines"]
            ),
            text_source=p["text_source"],
            width=p["width"],
            height=p["height"],
            ocr_confidence=p["ocr_confidence"],
            rules=tuple(Rule(*r) for r in p["rules"]),
            marks=tuple(_unbox(b) for b in p.get("marks", ())),
            rotation=p.get("rotation", 0),
            reading_notes=tuple(p.get("notes", ())),
        )
        for p in data["pages"]
    ]
    return Document(
        doc_id=doc_id,
        source=source,
        file_name=file_name,
        media_type=data["media_type"],
        pages=pages,
        page_count=data["page_count"],
    )


class ReadCache:
    def __init__(self, root: str | os.PathLike[str], settings_key: str) -> None:
        self.dir = Path(root) / CACHE_DIR
        self.settings_key = settings_key

    def path_for(self, doc_id: str) -> Path:
        return self.dir / doc_id[:2] / f"{doc_id}-r{READER_VERSION}-{self.settings_key}.json.gz"

    def get(self, doc_id: str, source: str, file_name: str) -> tuple[Document | None, list[Failure]] | None:
        """The cached read of these bytes, or None when there is none (or it is unreadable)."""
        path = self.path_for(doc_id)
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                data = json.load(fh)
            if data.get("format") != FORMAT:
                return None
            doc = dict_to_document(data["document"], doc_id, source, file_name) if data["document"] else None
            # messages name the file as it was first read; these bytes may now have another name
            first_name = data.get("file_name") or file_name
            failures = [
                Failure(**{**f, "message": f["message"].replace(first_name, file_name)}) for f in data["failures"]
            ]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:  # a damaged entry is a miss, never an error
            log.warning("read cache entry %s is unreadable (%s); reading the file again", path, exc)
            return None
        log.debug("read cache hit for %s", file_name)
        return doc, failures

    def put(self, doc_id: str, file_name: str, document: Document | None, failures: list[Failure]) -> bool:
        """Store a read; False (and nothing written) when it must not be cached."""
        if any(f.error_type in NOT_CACHEABLE for f in failures):
            return False
        data = {
            "format": FORMAT,
            "reader_version": READER_VERSION,
            "file_name": file_name,
            "document": document_to_dict(document) if document is not None else None,
            "failures": [
                {"stage": f.stage, "error_type": f.error_type, "message": f.message, "record": f.record}
                for f in failures
            ],
        }
        path = self.path_for(doc_id)
        tmp: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json.gz")
            with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=5, mtime=0) as gz:
                gz.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            os.replace(tmp, path)
            tmp = None
        except OSError as exc:  # a full disk must not fail the document: the cache is optional
            log.warning("could not write the read cache entry %s: %s", path, exc)
            return False
        finally:
            if tmp is not None:
                Path(tmp).unlink(missing_ok=True)
        return True

"""Readers: any accepted file -> :class:`papeleo.model.Document`.

One entry point, :func:`read_document`, so the pipeline never cares whether a file is a
digital PDF, a scan, a photo or text someone already OCR'd. Bad input is the normal case
for public-portal downloads, so it never raises for it: every problem comes back as a
:class:`~papeleo.model.Failure` whose message tells the person holding the file what to do.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import time
from dataclasses import dataclass, field

from papeleo.model import Document, Failure

from .cache import READER_VERSION, ReadCache, dict_to_document, document_to_dict
from .image import read_image
from .ocr import shutdown_ocr_pools
from .pdf import read_pdf
from .sniff import HEAD_BYTES, bytes_to_kind
from .straighten import document_to_straightened
from .text import read_text

__all__ = ["READER_VERSION", "ReadCache", "ReadSettings", "ReadResult", "read_document", "shutdown_ocr_pools"]

log = logging.getLogger(__name__)

HASH_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class ReadSettings:
    max_pages: int = 300  # a file with more pages -> failure too_many_pages (document None)
    timeout_s: float = 900.0  # wall-clock limit per document -> failure read_timeout
    dpi: int = 300  # OCR render resolution; 150 dpi lost half the numbers in our tests
    ocr_lang: str = "spa"
    max_image_pixels: int = 120_000_000  # per page/frame, checked from the header BEFORE decoding
    ocr_workers: int | None = None  # None -> os.cpu_count()

    @property
    def cache_key(self) -> str:
        """The settings that change what is read, as part of a cache key (limits do not:
        a read that hit a limit is not cached)."""
        return f"{self.dpi}dpi-{self.ocr_lang.replace('+', '_')}"


@dataclass
class ReadResult:
    doc_id: str | None  # sha256 hex of the file bytes; None only if the file can't be opened
    document: Document | None  # None when the file could not be read at all
    failures: list[Failure] = field(default_factory=list)
    cached: bool = False  # taken from the read cache, not read now


def file_to_sha256_and_head(path: str) -> tuple[str, bytes, int]:
    """Stream the file once: the id must not depend on the file fitting in memory."""
    digest = hashlib.sha256()
    head = b""
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(HASH_CHUNK):
            if not head:
                head = chunk[:HEAD_BYTES]
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), head, size


def os_error_to_failure(exc: OSError, path: str) -> Failure:
    if isinstance(exc, FileNotFoundError):
        why = "does not exist. Check the path and the file name (accents and spaces included)."
    elif isinstance(exc, PermissionError):
        why = "cannot be read: permission denied. Fix its permissions (e.g. `chmod a+r FILE`) or run as a user that can read it."
    elif isinstance(exc, IsADirectoryError):
        why = "is a directory, not a file. Pass the files inside it instead."
    else:
        why = f"cannot be read ({errno.errorcode.get(exc.errno or 0, 'error')}: {exc.strerror or exc}). Check the disk or copy the file again."
    return Failure(stage="read", error_type="unreadable_file", message=f"'{path}' {why}")


def read_document(
    path: str | os.PathLike[str],
    settings: ReadSettings = ReadSettings(),
    cache_root: str | os.PathLike[str] | None = None,
    *,
    source: str | None = None,
    file_name: str | None = None,
) -> ReadResult:
    """Read any accepted file. With ``cache_root`` (an output root) a file whose bytes were
    read before with the same reader version and settings is taken from the read cache
    instead of being parsed and OCR'd again (``ReadResult.cached`` says so). Either way the
    word boxes of a scan tilted under a degree come back turned level (:mod:`.straighten`).
    ``source`` and ``file_name`` name the document when the file read is a fetched copy
    (``OUT/_raw/<sha256>.pdf`` of a URL); by default they are the path's."""
    fs_path = os.fspath(path)
    source = source or str(path)
    file_name = file_name or os.path.basename(fs_path)
    started = time.monotonic()
    deadline = started + settings.timeout_s
    try:
        doc_id, head, size = file_to_sha256_and_head(fs_path)
    except OSError as exc:
        return ReadResult(doc_id=None, document=None, failures=[os_error_to_failure(exc, source)])

    cache = ReadCache(cache_root, settings.cache_key) if cache_root is not None else None
    if cache is not None:
        hit = cache.get(doc_id, source, file_name)
        if hit is not None:
            document = document_to_straightened(hit[0]) if hit[0] is not None else None
            return ReadResult(doc_id=doc_id, document=document, failures=hit[1], cached=True)

    kind, failure = bytes_to_kind(head, file_name, size)
    if failure is not None:
        if cache is not None:
            cache.put(doc_id, file_name, None, [failure])
        return ReadResult(doc_id=doc_id, document=None, failures=[failure])

    try:
        if kind == "pdf":
            document, failures = read_pdf(fs_path, doc_id, source, file_name, settings, deadline)
        elif kind == "image":
            document, failures = read_image(fs_path, head, doc_id, source, file_name, settings, deadline)
        else:
            document, failures = read_text(fs_path, doc_id, source, file_name)
    except OSError as exc:  # the file vanished or became unreadable after hashing
        return ReadResult(doc_id=doc_id, document=None, failures=[os_error_to_failure(exc, source)])

    if document is not None:
        # the document as the cache keeps it (boxes to 1/100 pt), whether or not a cache is used:
        # a fresh read and a cached one must give the same rows (validation MIR scans: 2,727
        # numbers exact on the first read, 2,723 on the same reads from the cache)
        document = dict_to_document(document_to_dict(document), doc_id, source, file_name)
    if cache is not None:
        cache.put(doc_id, file_name, document, failures)
    log.debug(
        "read %s as %s: %s page(s), %d failure(s) in %.2f s",
        file_name,
        kind,
        len(document.pages) if document else 0,
        len(failures),
        time.monotonic() - started,
    )
    if document is not None:
        document = document_to_straightened(document)
    return ReadResult(doc_id=doc_id, document=document, failures=failures)

"""Fetch a remote document into the output root: bounded, retried, and kept by its content.

Portals serve the wrong thing as often as the right one: a login page where a PDF should be,
a link that redirects forever, a "PDF" of 2 GB, a server that stalls after the headers. So
every download is bounded (size, time, redirect hops, schemes) and checked (magic bytes),
and a URL that fails becomes one ``FetchError`` the run turns into a failures row, never a
stopped run. The bytes are kept as ``OUT/_raw/<sha256>.<ext>`` so an analyst can open the
exact file a row came from; the extension comes from the bytes, never from the URL, so no
name a server chose ever reaches the file system.

http(s) goes through a bounded GET on the standard library (:mod:`papeleo.http_get` says
why not fsspec); ``file://`` and ``s3://`` go through fsspec, which is what it is good at.
"""

from __future__ import annotations

import errno
import hashlib
import importlib.util
import logging
import os
import secrets
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import fsspec

from .http_get import (
    CHUNK_BYTES,
    DEFAULT_LIMITS,
    HTTP_SCHEMES,
    Body,
    Deadline,
    FetchError,
    FetchLimits,
    http_body,
    timed_out,
    too_large,
)
from .readers import HASH_CHUNK
from .readers.sniff import HEAD_BYTES, JPEG_MAGIC, PNG_MAGIC, head_to_description, head_to_magic_kind

log = logging.getLogger(__name__)

RAW_DIR = "_raw"
TMP_PREFIX = ".tmp-"
# What fetch reads; s3 also needs the s3fs package.
FETCH_SCHEMES = (*HTTP_SCHEMES, "file", "s3")
S3_HINT = "pip install 'papeleo[s3]'"
# Served as a web page: bytes that would pass as text are still a page about the document.
HTML_TYPES = ("text/html", "application/xhtml+xml")
# What a kept file may be named with: the kinds papeleo reads, as the bytes declare them.
EXTENSIONS = frozenset({"pdf", "png", "jpg", "tif", "txt"})

# Opens one attempt's body: (url, limits, the attempt's deadline) -> the body as it arrives.
Opener = Callable[[str, FetchLimits, Deadline], AbstractContextManager[Body]]


@dataclass(frozen=True)
class Fetched:
    path: str  # a local file to read: a local source itself, or OUT/_raw/<sha256>.<ext>
    sha256: str  # of the bytes
    size: int


def s3_available() -> bool:
    return importlib.util.find_spec("s3fs") is not None


def raw_path(out: str | os.PathLike[str], sha256: str, ext: str) -> Path:
    """Where fetched bytes are kept. Both parts are checked, so no caller can make a name that
    leaves ``OUT/_raw``."""
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256) or ext not in EXTENSIONS:
        raise ValueError(f"not a sha256 and a known extension: {sha256!r}, {ext!r}")
    return Path(out) / RAW_DIR / f"{sha256}.{ext}"


def remove_partial_downloads(out: str | os.PathLike[str]) -> int:
    """Remove what a killed run left half-written in ``OUT/_raw``. Only while no other run
    fetches into this root (under its lock): another run's download in flight looks the same."""
    removed = 0
    raw = Path(out) / RAW_DIR
    for tmp in raw.glob(TMP_PREFIX + "*") if raw.is_dir() else ():
        tmp.unlink(missing_ok=True)
        removed += 1
    return removed


def hash_local(path: str) -> Fetched:
    """A local source is read where it is: hash it (streamed, so size does not matter), no copy."""
    digest, size = hashlib.sha256(), 0
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(HASH_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        raise FetchError(
            "not_found", f"'{path}' does not exist; check the path (accents and spaces included)"
        ) from None
    except OSError as exc:
        raise FetchError(
            "unreadable", f"'{path}' cannot be read ({exc.strerror or exc}); fix its permissions"
        ) from None
    return Fetched(path=path, sha256=digest.hexdigest(), size=size)


def fetch_url(url: str, out: str | os.PathLike[str], limits: FetchLimits = DEFAULT_LIMITS) -> Fetched:
    """Download ``url`` into ``OUT/_raw/<sha256>.<ext>``, retrying transient failures."""
    scheme = urlsplit(url).scheme.lower()
    if scheme in HTTP_SCHEMES:
        opener: Opener = http_body
    elif scheme == "file":
        opener = _file_body
    elif scheme == "s3" and s3_available():
        opener = _s3_body
    elif scheme == "s3":
        raise FetchError("unsupported_scheme", f"{url}: reading s3:// needs the s3 extra: {S3_HINT}")
    else:
        raise FetchError("unsupported_scheme", f"{url}: only http, https, file and s3 URLs are fetched")
    delays = limits.retry_delays_s or (0.0,)
    for attempt in range(limits.retries + 1):
        try:
            return _download(url, out, limits, opener)
        except FetchError as exc:
            if not exc.transient or attempt == limits.retries:
                if attempt:
                    exc.message = f"{exc.message} (after {attempt + 1} attempts)"
                    exc.args = (exc.message,)
                raise
            delay = delays[min(attempt, len(delays) - 1)]
            log.warning(
                "fetching %s: %s; attempt %d of %d in %.1f s", url, exc.message, attempt + 2, limits.retries + 1, delay
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


def _download(url: str, out: str | os.PathLike[str], limits: FetchLimits, opener: Opener) -> Fetched:
    """One attempt: stream into a temporary file beside the final one, then rename it into
    place (atomic, and the same bytes fetched twice are one file). Errors writing OUT are
    left as OSError: they are the run's problem, not the URL's."""
    raw = Path(out) / RAW_DIR
    raw.mkdir(parents=True, exist_ok=True)
    tmp = raw / f"{TMP_PREFIX}{secrets.token_hex(8)}"
    deadline = Deadline(limits.timeout_s)
    digest, size, head = hashlib.sha256(), 0, b""
    try:
        with open(tmp, "xb") as fh, opener(url, limits, deadline) as body:
            if body.length is not None and body.length > limits.max_bytes:
                raise too_large(url, limits, f"it declares {body.length:,} bytes")
            for chunk in body.chunks:
                size += len(chunk)
                if size > limits.max_bytes:
                    raise too_large(url, limits, f"it sent over {limits.max_bytes:,} bytes")
                if len(head) < HEAD_BYTES:
                    head += chunk[: HEAD_BYTES - len(head)]
                digest.update(chunk)
                fh.write(chunk)
            if deadline.expired:
                raise timed_out(url, limits)
            fh.flush()
            os.fsync(fh.fileno())  # the rows will point at this file: it must outlive a crash
        target = raw_path(out, digest.hexdigest(), _content_to_ext(url, head, size, body.content_type))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        deadline.cancel()
    log.info("fetched %s: %s bytes -> %s", url, f"{size:,}", target.name)
    return Fetched(path=str(target), sha256=digest.hexdigest(), size=size)


def _content_to_ext(url: str, head: bytes, size: int, content_type: str | None) -> str:
    """The extension the bytes declare, or ``not_a_document``: a login or error page saved
    in place of the document is the commonest wrong download."""
    if size == 0:
        raise FetchError("not_a_document", f"{url} returned an empty body; open it in a browser to see what it serves")
    kind = head_to_magic_kind(head)
    if kind == "pdf":
        return "pdf"
    if kind == "image":
        return "png" if head.startswith(PNG_MAGIC) else "jpg" if head.startswith(JPEG_MAGIC) else "tif"
    what = head_to_description(head)
    html = (content_type or "").split(";")[0].strip().lower() in HTML_TYPES
    if what == "plain text" and not html:
        return "txt"
    if what == "plain text":
        what = "a web page (served as HTML)"
    raise FetchError(
        "not_a_document",
        f"{url} returned {what}, not a PDF, image or text; open it in a browser: the portal may "
        "want a login, or the link is a page about the document rather than the file",
    )


def _file_path(url: str) -> str:
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        raise FetchError("unsupported_scheme", f"{url}: a file:// URL must name this machine (file:///path)")
    return urllib.request.url2pathname(parts.path)


def _file_body(url: str, limits: FetchLimits, deadline: Deadline) -> AbstractContextManager[Body]:
    return _fsspec_body(url, fsspec.filesystem("file"), _file_path(url), limits, deadline)


def _s3_body(url: str, limits: FetchLimits, deadline: Deadline) -> AbstractContextManager[Body]:
    fs, path = fsspec.core.url_to_fs(url)
    return _fsspec_body(url, fs, path, limits, deadline)


@contextmanager
def _storage_errors(url: str, limits: FetchLimits, deadline: Deadline) -> Iterator[None]:
    try:
        yield
    except FetchError:
        raise
    except FileNotFoundError:
        raise FetchError("not_found", f"{url} does not exist; check the path or key") from None
    except (PermissionError, IsADirectoryError) as exc:
        what = "is a folder" if isinstance(exc, IsADirectoryError) else "cannot be read: permission denied"
        raise FetchError("unreadable", f"{url} {what}; name a file this user can read") from None
    except TimeoutError:
        raise timed_out(url, limits) from None
    except OSError as exc:
        if urlsplit(url).scheme.lower() == "file":  # a disk error, not worth a retry
            raise FetchError("unreadable", f"{url} cannot be read ({exc.strerror or exc}); copy it again") from None
        raise FetchError("network", f"{url} could not be read ({exc}); try again later", True) from None
    except Exception as exc:  # s3fs and botocore raise their own types for a network that failed
        raise FetchError(
            "network", f"{url} could not be read ({type(exc).__name__}: {exc}); try again later", True
        ) from None


@contextmanager
def _fsspec_body(url: str, fs, path: str, limits: FetchLimits, deadline: Deadline) -> Iterator[Body]:
    """file:// and s3:// through fsspec; the deadline is checked between reads."""
    with _storage_errors(url, limits, deadline):
        if fs.isdir(path):
            raise IsADirectoryError(errno.EISDIR, path)
        size = fs.size(path)
        fh = fs.open(path, "rb")

    def chunks() -> Iterator[bytes]:
        while True:
            with _storage_errors(url, limits, deadline):
                deadline.remaining()
                data = fh.read(CHUNK_BYTES)
            if not data:
                return
            yield data

    try:
        yield Body(chunks(), size if isinstance(size, int) else None)
    finally:
        fh.close()

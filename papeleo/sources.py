"""What a user names as input, turned into documents: folders, glob patterns, files, URLs and
files listing URLs.

Two steps, so a typo never costs a night: ``validate`` checks everything that can be checked
without the network before any work starts (a missing path, a pattern that matches nothing,
a scheme we do not fetch, a bad line in a URL list) and raises a one-line ``SourceError``;
``expand`` then lists the documents, in order and each once. A local source is read where it
is; a remote one (http, https, s3, and file:// URLs, fetched like remote ones so that
``documents.source`` keeps the URL the user gave) is downloaded by ``fetch`` into
``OUT/_raw/<sha256>.<ext>`` (see :mod:`papeleo.fetch` for the bounds).

A URL list is recognised by its content, not its name, because papeleo also ingests OCR'd
``.txt`` documents: a file is a URL list when it is at most ``LIST_MAX_BYTES`` of UTF-8 text
whose non-blank lines, ignoring lines starting with ``#``, are each one URL-shaped token
(``scheme:rest``, optionally followed by `` # a comment``), at least one of them an http,
https, file or s3 URL. A text document whose prose quotes a URL has other lines and stays a
document. Lists are recognised only when named on the command line: inside a folder every
file is a document, so dropping ``urls.txt`` into an inbox never starts downloads.
"""

from __future__ import annotations

import glob
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .fetch import (
    DEFAULT_LIMITS,
    FETCH_SCHEMES,
    HTTP_SCHEMES,
    RAW_DIR,
    S3_HINT,
    Fetched,
    FetchError,
    FetchLimits,
    fetch_url,
    hash_local,
    raw_path,
    remove_partial_downloads,
    s3_available,
)

__all__ = [
    "FETCH_SCHEMES",
    "NOT_DOCUMENTS",
    "RAW_DIR",
    "FetchError",
    "Fetched",
    "FetchLimits",
    "Source",
    "SourceError",
    "expand",
    "fetch",
    "file_name",
    "is_candidate",
    "is_url_list",
    "raw_path",
    "remove_partial_downloads",
    "validate",
]

log = logging.getLogger(__name__)

# Inside a folder these are tooling, not documents someone published; anything else is read,
# so a stray .docx or .xlsx becomes a failures row saying how to convert it, not silence.
NOT_DOCUMENTS = frozenset(
    {".py", ".pyc", ".json", ".jsonl", ".toml", ".yaml", ".yml", ".parquet", ".log", ".sha256", ".lock", ".ini", ".cfg"}
)
# A file is opened to see whether it lists URLs only when this small: 1 MB is ~10,000 URLs,
# and a large OCR'd text document is never read twice to find out it is not a list.
LIST_MAX_BYTES = 1024 * 1024
# How much of a bad line a message quotes: enough to recognise it, not a screenful.
QUOTE_CHARS = 100

# A spec that starts with a scheme: 'https://transparencia.gob.mx/informe.pdf',
# 's3://bucket/2024/acta.pdf', 'javascript:alert(1)'. Two characters at least, so a Windows
# drive ('C:\\escaneos') is a path.
URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):")
# One line of a URL list: a URL-shaped token, then maybe a comment, as in
# 'https://portal.gob.mx/descargas/acta_2023.pdf  # acta de cabildo'.
LIST_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+:\S+)(?:\s+#.*)?$")
# A glob pattern's magic characters, as in 'inbox/**/*.pdf' or 'actas/acta_202[34].pdf'.
GLOB_MAGIC = re.compile(r"[*?\[]")
# Spaces and control characters, which no URL carries unescaped: 'https://a.mx/mi informe.pdf'.
UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f]")


@dataclass(frozen=True)
class Source:
    uri: str  # kept in documents.source: a local path exactly as discovered, or the URL
    remote: bool  # fetched into OUT/_raw first: http, https, s3 and file:// URLs


class SourceError(ValueError):
    """A usage problem found before any work: one line a person can act on."""


def is_candidate(name: str) -> bool:
    """Inside a folder, the files worth reading: not hidden, not the folder's own README, not
    code or data files. A file named explicitly is always read."""
    return (
        not name.startswith(".")
        and not name.upper().startswith("README")
        and Path(name).suffix.lower() not in NOT_DOCUMENTS
    )


def url_scheme(spec: str) -> str | None:
    """The scheme of a spec that is a URL, lower-cased; None for a path. 'acta:2024.pdf' is a
    path when such a file exists and a URL of scheme 'acta' otherwise."""
    match = URL_SCHEME.match(spec)
    if match is None or ("://" not in spec and os.path.lexists(spec)):
        return None
    return match.group(1).lower()


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched, checked without the network; None when it can."""
    match = URL_SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if scheme not in FETCH_SCHEMES:
        return f"'{scheme}:' URLs are not fetched; give http, https, file or s3 URLs"
    if UNSAFE_IN_URL.search(url):
        return "contains spaces or control characters; write a space as %20"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as exc:
        return f"is not a valid URL ({exc})"
    if scheme in HTTP_SCHEMES:
        if not parts.hostname:
            return "names no host; write it as https://host/path"
        if parts.username or parts.password:
            return "carries a user name or password, which would be kept in documents.source; download the file by hand"
    elif scheme == "file":
        if parts.netloc not in ("", "localhost"):
            return "names another machine; a file:// URL must be file:///path on this one"
        if not parts.path:
            return "names no file; write it as file:///path/to/file.pdf"
    elif scheme == "s3":
        if not s3_available():
            return f"s3:// needs the s3 extra: {S3_HINT}"
        if not parts.netloc:
            return "names no bucket; write it as s3://bucket/key.pdf"
    return None


def read_url_list(path: str) -> list[tuple[int, str]] | None:
    """The (line number, URL) entries of a URL list, or None when the file is not one (the
    rule is in the module docstring). Nothing here fetches or judges the URLs."""
    try:
        if not os.path.isfile(path) or os.path.getsize(path) > LIST_MAX_BYTES:
            return None
        with open(path, "rb") as fh:
            text = fh.read(LIST_MAX_BYTES + 1).decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = LIST_LINE.match(line)
        if match is None:
            return None
        entries.append((number, match.group(1)))
    fetchable = any(url.split(":", 1)[0].lower() in FETCH_SCHEMES and "://" in url for _, url in entries)
    return entries if fetchable else None


def is_url_list(path: str) -> bool:
    return read_url_list(path) is not None


def validate(specs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise ``SourceError`` for any input that cannot work, before any work: nothing given,
    a missing path, a pattern matching no file, a URL that cannot be fetched, a bad line in a
    URL list (file and line named). No network access."""
    specs = [os.fspath(s) for s in specs]
    if not specs:
        raise SourceError("no input given: name the files, folders, glob patterns, URLs or URL lists to ingest")
    missing = []
    for spec in specs:
        scheme = url_scheme(spec)
        if scheme is not None:
            if problem := url_problem(spec):
                if scheme not in FETCH_SCHEMES and "://" not in spec:  # 'acta:2024.pdf', meant as a file
                    problem += " (or, if it is a file name, no such file exists)"
                raise SourceError(f"{_quote(spec)} {problem}")
            if scheme == "file" and not os.path.exists(_file_url_path(spec)):
                missing.append(spec)
        elif os.path.exists(spec):
            for number, url in read_url_list(spec) or ():
                if problem := url_problem(url):
                    raise SourceError(f"{spec}, line {number}: {_quote(url)} {problem}")
        elif GLOB_MAGIC.search(spec):
            if not any(os.path.isfile(m) for m in glob.iglob(spec, recursive=True)):
                raise SourceError(
                    f"the pattern {spec} matches no file; check it (quote it so the shell leaves it to papeleo)"
                )
        else:
            missing.append(spec)
    if missing:
        raise SourceError(f"input not found: {', '.join(missing)} (check the path, accents and spaces included)")


def expand(specs: Iterable[str | os.PathLike[str]], skipped: list[str] | None = None) -> list[Source]:
    """The documents ``specs`` name, in order, each once: a folder walked recursively in name
    order, a pattern's matches sorted, a URL list's URLs in list order. Never raises for a bad
    input (a scheduled run must go on): a missing file or an unfetchable URL is still listed
    and becomes a failures row; ``validate`` is the strict gate. Files passed over by the
    folder rules are appended to ``skipped`` so the summary can name them."""
    sources: list[Source] = []
    seen: set[str] = set()

    def add(uri: str, remote: bool) -> None:
        key = uri if remote else os.path.abspath(uri)  # 'inbox/a.pdf' and './inbox/a.pdf' are one
        if key not in seen:
            seen.add(key)
            sources.append(Source(uri=uri, remote=remote))

    for raw in specs:
        spec = os.fspath(raw)
        if url_scheme(spec) is not None:
            add(spec, True)
        elif os.path.isdir(spec):
            for path in walk(spec, skipped):
                add(path, False)
        elif (entries := read_url_list(spec)) is not None:
            log.info("%s lists %d URL(s)", spec, len(entries))
            for _, url in entries:
                add(url, True)
        elif not os.path.lexists(spec) and GLOB_MAGIC.search(spec):
            for path in glob_files(spec, skipped):
                add(path, False)
        else:
            add(spec, False)
    return sources


def walk(folder: str, skipped: list[str] | None = None) -> Iterator[str]:
    """A folder's documents in name order; hidden and "_"-prefixed folders (an output root's
    ``_raw``, a ``_descartados``) are not entered."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith((".", "_")))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            if is_candidate(name):
                yield full
            elif skipped is not None and not name.startswith("."):
                skipped.append(full)


def glob_files(pattern: str, skipped: list[str] | None = None) -> Iterator[str]:
    """A pattern's matches, sorted, under the folder rules: a matched folder is walked, a
    matched file must be a candidate, and nothing under a hidden or "_"-prefixed folder below
    the pattern's fixed part is taken (``out/**/*.pdf`` never reaches ``out/_raw``)."""
    parts = Path(pattern).parts
    fixed = next((i for i, part in enumerate(parts) if GLOB_MAGIC.search(part)), len(parts))
    base = os.path.join(*parts[:fixed]) if fixed else "."
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        log.warning("the pattern %s matches no file", pattern)
    for match in matches:
        below = Path(os.path.relpath(match, base)).parts
        if any(part.startswith((".", "_")) for part in below[:-1]):
            continue
        if os.path.isdir(match):  # 'inbox/**' matches 'inbox/' itself too: below is then empty
            if not below or not below[-1].startswith((".", "_")):
                yield from walk(match, skipped)
        elif is_candidate(os.path.basename(match)):
            yield match
        elif skipped is not None:
            skipped.append(match)


def file_name(source: Source) -> str:
    """A human name for ``documents.file_name``: the path's last segment, percent-decoded for
    a URL, or 'download' when it has none. A label only: never used as a path."""
    if not source.remote:
        return os.path.basename(source.uri)
    segment = unquote(urlsplit(source.uri).path.rsplit("/", 1)[-1])
    name = "".join(ch for ch in segment.replace("\\", "/").rsplit("/", 1)[-1] if ch.isprintable()).strip()
    return name if name not in ("", ".", "..") else "download"


def fetch(source: Source, out: str | os.PathLike[str], limits: FetchLimits = DEFAULT_LIMITS) -> Fetched:
    """The file to read for ``source``: a local one where it is (hashed in place, no copy), a
    remote one downloaded into ``OUT/_raw``. Raises ``FetchError`` for a source that cannot be
    fetched, and OSError when OUT itself cannot be written."""
    if not source.remote:
        return hash_local(source.uri)
    return fetch_url(source.uri, out, limits)


def _file_url_path(url: str) -> str:
    return url2pathname(urlsplit(url).path)


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "..."

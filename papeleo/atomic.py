"""Files a reader must see whole or not at all: written beside their place, then moved in.

The run record, the decisions kept in ``<out>/_decisions``, the stale-decisions list and the
review page are each read by another process (the next run, a reviewer's browser, a monitor)
that may look while a run writes them. ``os.replace`` within one folder is atomic on POSIX, so
such a reader finds the old file or the new one, never half of one; a run killed mid-write
leaves only a hidden ``.<name>.tmp`` beside it, which no ``*.json`` glob picks up."""

from __future__ import annotations

import os
from pathlib import Path


def write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """``data`` into ``path``, atomically; returns the path."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def fsync(path: str | os.PathLike[str]) -> None:
    """Flush a file's or a folder's entries to disk (a folder: that a rename in it survives a
    power cut); a file system that cannot is left as it is."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """``text`` (UTF-8) into ``path``, atomically; returns the path."""
    return write_bytes(path, text.encode("utf-8"))

"""Reviewer decisions that persist (issue 14): a reviewer accepts a value or types the right
one, and the decision is applied on this and every later run until the reading it was made
on changes.

A decisions file (version 1, exported by the review page) lists decisions, each naming the
document (``source`` and the ``doc_id`` the reviewer saw), the row (``dataset``, its natural
``key`` and the ``occurrence`` of that key in the document), the ``field``, the value
``extracted`` then, the ``action`` (``accept`` or ``correct`` with a ``value``), the
``reviewer``, the ``date`` and an optional ``note``. Files come from ``papeleo ingest
--decisions FILE`` and from ``<out>/_decisions/*.json``.

``load`` validates and reads them (the whole file refused in one line when anything is
wrong); ``apply`` sets the values in a document's rows before they are written, or says why
a decision is stale.
"""

from .apply import STALE_FILE, Outcome, apply, apply_to_conversion, find_row, finish_run, previous_stale, same
from .load import (
    FOLDER,
    SYSTEM_COLUMNS,
    Decision,
    DecisionsError,
    digest,
    digests_by_source,
    files,
    for_source,
    keep,
    load,
    load_file,
    parse_decision,
    parse_file,
)

__all__ = [
    "FOLDER",
    "STALE_FILE",
    "SYSTEM_COLUMNS",
    "Decision",
    "DecisionsError",
    "Outcome",
    "apply",
    "apply_to_conversion",
    "digest",
    "digests_by_source",
    "files",
    "find_row",
    "finish_run",
    "for_source",
    "keep",
    "load",
    "load_file",
    "parse_decision",
    "parse_file",
    "previous_stale",
    "same",
]


def check(out: str, given: list[str] | tuple[str, ...] = ()) -> int:
    """Validate every decisions file of a run before any work; returns how many decisions are
    in force, raises ``DecisionsError`` (one line) otherwise."""
    return len(load(out, tuple(given)))

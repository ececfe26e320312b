"""The result of ``papeleo diff``: plain dataclasses the renderers read, nothing else.

A reviewer signing off a run needs, for every row that differs, what it is (its document and
its natural key), what happened to it (added, removed, changed field by field) and why (the
cause). Keeping that in one structure, computed once by ``match``, lets the four output
formats say exactly the same thing; each renderer only decides how it looks.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

# Causes, in the order the summaries list them.
SOURCE_CHANGED = "source file changed"  # same source, other bytes (doc_id = sha256)
EXTRACTOR_CHANGED = "extractor version changed"  # same bytes, the row's or document's extractor differs
REVIEWED = "reviewer decision"  # same bytes and extractor, only reviewed values (campo:revisado) moved
DOCUMENT_ADDED = "document added"  # the source is in the new run only
DOCUMENT_REMOVED = "document removed"  # the source is in the old run only
NONDETERMINISM = "nondeterminism"  # none of the above: the same input gave another output
CAUSES = (SOURCE_CHANGED, EXTRACTOR_CHANGED, REVIEWED, DOCUMENT_ADDED, DOCUMENT_REMOVED, NONDETERMINISM)

KINDS = ("added", "removed", "changed")

# A reviewer's decision applied to a field, as listed in the row's ``corrected``:
# "alcanzado_t2:revisado"
REVIEWED_ENTRY = re.compile(r"^(?P<field>[A-Za-z_][A-Za-z0-9_]*):revisado$")

# Characters a terminal or a Markdown table would act on instead of showing:
# "PSAL\x1b[2J" (an ANSI escape read from a document), "línea 1\nlínea 2"
CONTROL_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def reviewed_fields(corrected: list[str] | None) -> frozenset[str]:
    """The fields a row's ``corrected`` list says a reviewer decided."""
    return frozenset(m["field"] for entry in corrected or () if (m := REVIEWED_ENTRY.match(entry or "")))


def visible(text: str) -> str:
    """``text`` with control characters written as escapes, so a document's string can never
    move the cursor of the terminal (or break a table line) it is shown in."""
    return CONTROL_CHARS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def show_value(value: Any, width: int | None = None) -> str:
    """One value as a reviewer reads it: 4885.0 as 4885 (the documents print it so), text
    quoted (a trailing space is a difference too), null as null; cut to ``width``."""
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float):
        text = (
            "NaN"
            if math.isnan(value)
            else (str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value))
        )
    elif isinstance(value, (dt.date, dt.datetime)):
        text = value.isoformat()
    elif isinstance(value, str):
        text = repr(value)
    elif isinstance(value, list):
        text = "[" + ", ".join(show_value(v) for v in value) + "]"
    else:
        text = str(value)
    text = visible(text)
    if width is not None and len(text) > width:
        text = text[: width - 1] + "…"
    return text


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value. ``reviewed``: the new row lists it as ``campo:revisado``;
    ``was_reviewed``: the old row did (a decision that no longer applies shows as such)."""

    field: str
    old: Any
    new: Any
    reviewed: bool = False
    was_reviewed: bool = False

    @property
    def note(self) -> str:
        if self.reviewed:
            return "reviewed"
        return "was reviewed" if self.was_reviewed else ""


@dataclass
class RowChange:
    """A row added, removed or changed. ``key`` is its natural key (schemas' ``natural_key``
    without the document columns); ``occurrence`` counts rows of the same key in the same
    document (1-based), ``repeats`` how many there are on the side the row comes from."""

    kind: str
    dataset: str
    source: str
    file_name: str | None
    key: tuple[tuple[str, Any], ...]
    occurrence: int
    repeats: int
    cause: str
    old_doc_id: str | None = None
    new_doc_id: str | None = None
    old_extractor: str | None = None
    new_extractor: str | None = None
    page: int | None = None
    fields: list[FieldChange] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # added/removed: the row's own values

    @property
    def key_label(self) -> str:
        parts = [f"{c}={visible(v) if isinstance(v, str) else show_value(v)}" for c, v in self.key if v is not None]
        label = " ".join(parts) if parts else "(document)" if not self.key else "(no key)"
        return f"{label} #{self.occurrence}" if self.repeats > 1 else label

    @property
    def document_label(self) -> str:
        return visible(self.source)

    @property
    def sort_key(self) -> tuple:
        return (self.source, tuple(show_value(v) for _, v in self.key), self.occurrence, self.kind)


@dataclass
class DatasetDiff:
    name: str
    added: list[RowChange] = field(default_factory=list)
    removed: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    # rows read the same by a new extractor version: (old extractor, new extractor) -> rows. Not
    # a difference; what a reviewer signing off a version bump wants to know it left alone
    same_under_new_version: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def rows(self, kind: str) -> list[RowChange]:
        return getattr(self, kind)

    def by_cause(self) -> Counter[str]:
        return Counter(r.cause for kind in KINDS for r in self.rows(kind))

    def count(self, kind: str, cause: str | None = None) -> int:
        return sum(1 for r in self.rows(kind) if cause is None or r.cause == cause)


@dataclass
class DiffResult:
    """Every dataset compared (in ``schemas.DATASETS`` order, filters applied), plus the
    documents matched by file name because their source path differs between the runs."""

    old_root: str
    new_root: str
    datasets: list[DatasetDiff]
    moved: list[tuple[str, str]] = field(default_factory=list)
    filters: dict[str, Any] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.datasets)

    def __getitem__(self, name: str) -> DatasetDiff:
        for d in self.datasets:
            if d.name == name:
                return d
        raise KeyError(name)

    @property
    def empty(self) -> bool:
        return all(d.empty for d in self.datasets)

    @property
    def nondeterministic(self) -> int:
        return sum(d.by_cause()[NONDETERMINISM] for d in self.datasets)

    def by_cause(self) -> Counter[str]:
        total: Counter[str] = Counter()
        for d in self.datasets:
            total.update(d.by_cause())
        return total

    def unchanged_by_new_version(self) -> list[str]:
        """One line per dataset and version change whose rows all read the same:
        'commitments: 13 row(s) re-extracted by convenio_asm.v2 (was convenio_asm.v1), every value the same'."""
        return [
            f"{d.name}: {n} row(s) re-extracted by {visible(new)} (was {visible(old)}), every value the same"
            for d in self.datasets
            for (old, new), n in sorted(d.same_under_new_version.items())
        ]

    def warning(self) -> str | None:
        """The loud line: rows that differ although neither the file nor the extractor did."""
        n = self.nondeterministic
        if not n:
            return None
        where = ", ".join(
            f"{d.name} {d.by_cause()[NONDETERMINISM]}" for d in self.datasets if d.by_cause()[NONDETERMINISM]
        )
        return f"WARNING: {n} row(s) changed with neither the file nor the extractor changing (nondeterminism: {where})"

"""Reading and validating decisions files: nothing changes until every decision is known good.

A reviewer's file is refused whole, in one line naming the file, the decision's index and
what is wrong, because a half-applied file would leave the reviewer unsure which of their
corrections took effect. Validation needs only the schemas (the dataset, its columns, its
natural key, the field's Arrow type, static enums and ranges), so the CLI refuses a bad file
before any document is read.

Files are cached per process by path, modification time and size: a document process
applies the same files to every document it ingests and must not parse them for each.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

import schemas

from .. import atomic

FORMAT_KEY = "papeleo_decisions"
VERSION = 1
FOLDER = "_decisions"  # <out>/_decisions/*.json are applied on every run
# Columns that say where and how a row was read, or that decisions themselves write: a
# reviewer decides values, never provenance.
SYSTEM_COLUMNS = frozenset(
    {
        "doc_id",
        "record_id",
        "extractor",
        "page",
        "x0",
        "top",
        "x1",
        "bottom",
        "confidence",
        "corrected",
        "checks",
        "comentario_extraccion",
    }
)
REQUIRED = ("source", "doc_id", "dataset", "key", "occurrence", "field", "extracted", "action", "reviewer", "date")
OPTIONAL = ("file_name", "value", "note")
ACTIONS = ("accept", "correct")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DecisionsError(ValueError):
    """A decisions file that cannot be applied; its message is one line (exit 2 on the CLI)."""


@dataclass(frozen=True)
class Decision:
    """One reviewer's decision on one value, its values already in the field's Python type."""

    source: str
    doc_id: str
    dataset: str
    key: tuple[tuple[str, Any], ...]  # (column, value) of the natural-key columns given
    occurrence: int
    field: str
    extracted: Any
    action: str
    value: Any
    reviewer: str
    date: str
    note: str | None = None
    file_name: str | None = None
    origin: str = ""  # "<file> decisions[i]", for messages only

    @property
    def identity(self) -> tuple[Any, ...]:
        """What a later decision overrides: the same value of the same row."""
        return (self.source, self.dataset, self.key, self.occurrence, self.field)

    def to_json(self) -> dict[str, Any]:
        """The decision in the file's own shape (dates back to 'YYYY-MM-DD')."""
        return {
            "source": self.source,
            "doc_id": self.doc_id,
            "file_name": self.file_name,
            "dataset": self.dataset,
            "key": {c: _plain(v) for c, v in self.key},
            "occurrence": self.occurrence,
            "field": self.field,
            "extracted": _plain(self.extracted),
            "action": self.action,
            "value": _plain(self.value),
            "reviewer": self.reviewer,
            "date": self.date,
            "note": self.note,
        }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _type_words(type_: pa.DataType) -> str:
    if pa.types.is_float64(type_):
        return "a number"
    if pa.types.is_int64(type_):
        return "a whole number"
    if pa.types.is_string(type_):
        return "text"
    if pa.types.is_boolean(type_):
        return "true or false"
    if pa.types.is_date32(type_):
        return "a date 'YYYY-MM-DD'"
    if pa.types.is_list(type_) and pa.types.is_string(type_.value_type):
        return "a list of texts"
    return str(type_)


def convert(value: Any, field: pa.Field) -> Any:
    """``value`` (as JSON gives it) in the Python type a row holds for ``field``; raises
    ``ValueError`` saying what the field takes."""
    if value is None:
        if not field.nullable:
            raise ValueError(f"{field.name} cannot be empty")
        return None
    t = field.type
    wrong = ValueError(f"{value!r} does not fit {field.name}, which takes {_type_words(t)}")
    if pa.types.is_float64(t):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise wrong
        return float(value)
    if pa.types.is_int64(t):
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong
        return value
    if pa.types.is_string(t) or pa.types.is_boolean(t):
        if not isinstance(value, str if pa.types.is_string(t) else bool):
            raise wrong
        return value
    if pa.types.is_date32(t):
        if not isinstance(value, str) or not _DATE.fullmatch(value):
            raise wrong
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise wrong from None
    if pa.types.is_list(t) and pa.types.is_string(t.value_type):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise wrong
        return list(value)
    raise ValueError(f"{field.name} is a {t} column, which a decision cannot set")


def _allowed(ds: schemas.Dataset, name: str, value: Any) -> None:
    """The dataset's static enums and ranges (run-time ones are checked when applied)."""
    if value is None:
        return
    problems = ds.value_problems(name, value)
    if problems:
        raise ValueError(f"{problems[0]} for {name}")


def _text(item: dict[str, Any], name: str, optional: bool = False) -> str | None:
    value = item.get(name)
    if optional and (value is None or value == ""):  # a review page may export an empty note
        return None
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty text (got {value!r})")
    return value


def reviewable() -> list[str]:
    """The datasets a decision can change: extracted rows that can show a reviewed value."""
    show = {"corrected", "comentario_extraccion"}
    return [n for n in schemas.RECORD_DATASETS if show & set(schemas.get(n).columns)]


def parse_decision(item: Any, origin: str) -> Decision:
    """One entry of ``decisions``, validated against the schemas; raises ``ValueError``."""
    if not isinstance(item, dict):
        raise ValueError(f"must be an object, not {type(item).__name__}")
    missing = [k for k in REQUIRED if k not in item]
    if missing:
        raise ValueError(f"{', '.join(missing)} missing (null is allowed for extracted, not an absent key)")
    unknown = sorted(set(item) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}; a decision has {', '.join(REQUIRED + OPTIONAL)}")
    source, reviewer = _text(item, "source"), _text(item, "reviewer")
    doc_id = item["doc_id"]
    if not isinstance(doc_id, str) or not _SHA256.fullmatch(doc_id):
        raise ValueError(f"doc_id must be the document's sha256, 64 lowercase hex digits (got {doc_id!r})")
    name = item["dataset"]
    ds = schemas.DATASETS.get(name) if isinstance(name, str) else None
    if ds is None:
        raise ValueError(f"dataset {name!r} is not one of {', '.join(reviewable())}")
    if ds.kind != "record":
        raise ValueError(f"dataset {name} holds no extracted values; decisions apply to {', '.join(reviewable())}")
    if "corrected" not in ds.columns and "comentario_extraccion" not in ds.columns:
        raise ValueError(f"dataset {name} has no corrected or comentario_extraccion column to show a reviewed value in")
    field_name = item["field"]
    if not isinstance(field_name, str) or field_name not in ds.columns:
        raise ValueError(f"field {field_name!r} is not a column of {name}")
    if field_name in SYSTEM_COLUMNS:
        raise ValueError(f"field {field_name} is a provenance or system column of {name}, not a value to review")
    field = ds.schema.field(field_name)
    key = item["key"]
    if not isinstance(key, dict) or not key:
        raise ValueError(f"key must be an object naming {name}'s natural key columns ({', '.join(ds.natural_key)})")
    extra = sorted(set(key) - set(ds.natural_key))
    if extra:
        raise ValueError(
            f"key column(s) {', '.join(extra)} are not in {name}'s natural key ({', '.join(ds.natural_key)})"
        )
    try:
        key_values = tuple((c, convert(key[c], ds.schema.field(c).with_nullable(True))) for c in sorted(key))
    except ValueError as exc:
        raise ValueError(f"key: {exc}") from None
    occurrence = item["occurrence"]
    if isinstance(occurrence, bool) or not isinstance(occurrence, int) or occurrence < 0:
        raise ValueError(f"occurrence must be a whole number from 0 (got {occurrence!r})")
    action = item["action"]
    if action not in ACTIONS:
        raise ValueError(f"action must be accept or correct (got {action!r})")
    if action == "correct" and "value" not in item:
        raise ValueError("action correct needs a value (null to empty the field)")
    try:
        extracted = convert(item["extracted"], field.with_nullable(True))
    except ValueError as exc:
        raise ValueError(f"extracted: {exc}") from None
    value = extracted
    if action == "correct":
        try:
            value = convert(item["value"], field)
            _allowed(ds, field_name, value)
        except ValueError as exc:
            raise ValueError(f"value: {exc}") from None
    date = item["date"]
    if not isinstance(date, str) or not _DATE.fullmatch(date):
        raise ValueError(f"date must be 'YYYY-MM-DD' (got {date!r})")
    try:
        dt.date.fromisoformat(date)
    except ValueError:
        raise ValueError(f"date {date!r} is not a calendar date") from None
    return Decision(
        source=source or "",
        doc_id=doc_id,
        dataset=name,
        key=key_values,
        occurrence=occurrence,
        field=field_name,
        extracted=extracted,
        action=action,
        value=value,
        reviewer=reviewer or "",
        date=date,
        note=_text(item, "note", optional=True),
        file_name=_text(item, "file_name", optional=True),
        origin=origin,
    )


def parse_file(path: str | os.PathLike[str]) -> list[Decision]:
    """Every decision of one file, or ``DecisionsError`` for the first thing wrong."""
    where = f"decisions file {path}"
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        raise DecisionsError(f"{where} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DecisionsError(f"{where} cannot be read ({exc})") from None
    except ValueError as exc:
        raise DecisionsError(f"{where} is not JSON ({exc})") from None
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise DecisionsError(f'{where} is not a papeleo decisions file (no "{FORMAT_KEY}": {VERSION})')
    if data[FORMAT_KEY] != VERSION:
        raise DecisionsError(f"{where} is version {data[FORMAT_KEY]!r}; this papeleo reads version {VERSION}")
    items = data.get("decisions")
    if not isinstance(items, list):
        raise DecisionsError(f'{where}: "decisions" must be a list')
    out = []
    for i, item in enumerate(items):
        try:
            out.append(parse_decision(item, f"{Path(path).name} decisions[{i}]"))
        except ValueError as exc:
            raise DecisionsError(f"{where}, decisions[{i}]: {exc}") from None
    return out


_cache: dict[str, tuple[tuple[int, int], list[Decision]]] = {}


def load_file(path: str | os.PathLike[str]) -> list[Decision]:
    """``parse_file``, cached per process until the file's mtime or size changes."""
    try:
        st = os.stat(path)
    except OSError:
        return parse_file(path)  # says it does not exist, or cannot be read
    stamp = (st.st_mtime_ns, st.st_size)
    cached = _cache.get(str(path))
    if cached is None or cached[0] != stamp:
        cached = _cache[str(path)] = (stamp, parse_file(path))
    return cached[1]


def files(out: str | os.PathLike[str] | None, given: Iterable[str] = ()) -> list[str]:
    """The files to apply, in override order: ``<out>/_decisions/*.json`` by name (not those
    starting with ``_`` or ``.``, such as ``_stale.json``), then the files given."""
    folder = Path(out) / FOLDER if out is not None else None
    found = []
    if folder is not None and folder.is_dir():
        found = [str(p) for p in sorted(folder.glob("*.json")) if not p.name.startswith(("_", "."))]
    return [*found, *[str(p) for p in given]]


def load(out: str | os.PathLike[str] | None, given: Sequence[str] = ()) -> dict[tuple[Any, ...], Decision]:
    """The decisions in force, one per value: a later one (a later file, or later in its file)
    overrides an earlier one on the same value of the same row."""
    effective: dict[tuple[Any, ...], Decision] = {}
    for path in files(out, given):
        for decision in load_file(path):
            effective.pop(decision.identity, None)  # re-inserted last: its file order wins
            effective[decision.identity] = decision
    return effective


def for_source(effective: dict[tuple[Any, ...], Decision], source: str) -> list[Decision]:
    return [d for d in effective.values() if d.source == source]


def digest(decisions: Iterable[Decision]) -> str:
    """A short digest of decisions' content (not of where they came from): a document is
    ingested again when the decisions concerning it change, and only then."""
    content = sorted(json.dumps(d.to_json(), sort_keys=True, ensure_ascii=False) for d in decisions)
    return hashlib.sha256("\n".join(content).encode()).hexdigest()[:16] if content else ""


def digests_by_source(out: str | os.PathLike[str] | None, given: Sequence[str] = ()) -> dict[str, str]:
    by_source: dict[str, list[Decision]] = {}
    for d in load(out, given).values():
        by_source.setdefault(d.source, []).append(d)
    return {source: digest(ds) for source, ds in by_source.items()}


def keep(out: str | os.PathLike[str], given: Iterable[str]) -> list[Path]:
    """Copy the files given on the command line into ``<out>/_decisions`` (already validated),
    so their decisions apply on every later run too, also one started without ``--decisions``:
    otherwise a nightly run would quietly undo a reviewer's correction. A file already there
    (same bytes) is not copied twice; another file of the same name is kept beside it, never
    over it, under a name that sorts after it (``<stem>_<UTC time>.json``), so the newer
    export wins on a value both decide, as it does on this run."""
    folder = Path(out) / FOLDER
    kept = []
    for path in map(Path, given):
        data = path.read_bytes()
        name = (Path(path.name.lstrip("_.")).stem or "decisions") + ".json"  # "_x" would be ignored
        target = folder / name
        if target.exists() and target.read_bytes() != data:
            same = [p for p in folder.glob(f"{Path(name).stem}_*.json") if p.read_bytes() == data]
            if same:
                continue
            target = folder / f"{Path(name).stem}_{dt.datetime.now(dt.UTC).strftime('%Y%m%dT%H%M%S%fZ')}.json"
        elif target.exists():
            continue  # the same bytes (or the file itself, given from the folder)
        folder.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(target, data)
        kept.append(target)
    return kept

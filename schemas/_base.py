"""Shared machinery for dataset schemas: described fields, provenance columns, validation.

Every dataset module declares its Arrow schema with ``col(...)`` so each column carries its
one-line description in the Parquet field metadata, and a ``Dataset`` that validates rows
one by one: a row that breaks its schema is rejected alone (it becomes a ``failures`` row)
instead of failing the whole table write.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

DESCRIPTION = b"description"


def col(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={DESCRIPTION: description.encode()})


STRING = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
DATE = pa.date32()
INSTANT = pa.timestamp("us", tz="UTC")
STRINGS = pa.list_(pa.string())

PROVENANCE = [
    col("doc_id", STRING, "sha256 of the source file's bytes, hex; joins to documents.doc_id", nullable=False),
    col(
        "record_id",
        STRING,
        "stable id of this row: same file + same extractor version give the same id",
        nullable=False,
    ),
    col("page", INT, "1-based page where the row starts"),
    col("confidence", FLOAT, "0-1 confidence in the row, from OCR word confidence and the checks made"),
    col("x0", FLOAT, "left edge of the row on its page, PDF points from the left"),
    col("top", FLOAT, "top edge of the row on its page, PDF points from the top"),
    col("x1", FLOAT, "right edge of the row on its page, PDF points from the left"),
    col("bottom", FLOAT, "bottom edge of the row on its page, PDF points from the top"),
    col("extractor", STRING, "name and version of the extractor that produced the row (e.g. mir_avance.v1)"),
]


def record_schema(*own: pa.Field) -> pa.Schema:
    return pa.schema([*PROVENANCE, *own])


# What a dataset holds, which decides where the store writes it in a document's commit:
# records first, then failures, then ``documents`` last — a documents row means the rest is in place.
KINDS = ("record", "failures", "documents")


@dataclass(frozen=True)
class Dataset:
    name: str
    schema: pa.Schema
    description: str
    enums: dict[str, frozenset[str]] = field(default_factory=dict)
    ranges: dict[str, tuple[float | None, float | None]] = field(default_factory=dict)
    kind: str = "record"
    # the columns a reviewer recognises a row by within its document (diff labels, pairing)
    natural_key: tuple[str, ...] = ()
    # columns a row must have to be written at all: without them it cannot be told apart
    # from cell debris (a MIR row with no clave) and becomes a failures row with its cells
    required_key: tuple[str, ...] = ()
    # columns of which a row must have at least one (an indicator printed with a code, or with
    # only its acronym, as a Propósito often is); empty: no such rule
    required_any: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"dataset {self.name}: kind {self.kind!r} is not one of {', '.join(KINDS)}")
        missing = [c for c in (*self.natural_key, *self.required_key, *self.required_any) if c not in self.schema.names]
        if missing:
            raise ValueError(f"dataset {self.name}: natural key columns {missing} are not in its schema")

    @property
    def columns(self) -> list[str]:
        return self.schema.names

    @property
    def id_column(self) -> str:
        """The column that identifies a row across runs of the same extractor version."""
        return "doc_id" if self.kind == "documents" else "record_id"

    def missing_key(self, row: dict[str, Any]) -> list[str]:
        """The ``required_key`` columns ``row`` leaves empty, and all of ``required_any`` when
        it leaves every one of them empty."""
        missing = [c for c in self.required_key if row.get(c) in (None, "")]
        if self.required_any and all(row.get(c) in (None, "") for c in self.required_any):
            missing += list(self.required_any)
        return missing

    def validate(self, row: dict[str, Any], enums: dict[str, frozenset[str]] | None = None) -> list[str]:
        """Every way ``row`` breaks the schema, in words; empty when it is valid. ``enums``
        adds allowed values known only at run time (the doc types of the installed families)."""
        all_enums = {**self.enums, **(enums or {})}
        errors: list[str] = []
        unknown = set(row) - set(self.schema.names)
        if unknown:
            errors.append(f"columns not in the {self.name} schema: {', '.join(sorted(unknown))}")
        for f in self.schema:
            value = row.get(f.name)
            if value is None:
                if not f.nullable:
                    errors.append(f"{f.name} is required")
                continue
            problem = _type_problem(value, f.type)
            if problem:
                errors.append(f"{f.name}: {problem} (got {value!r})")
                continue
            errors += [f"{f.name}: {problem}" for problem in self.value_problems(f.name, value, all_enums)]
        return errors

    def value_problems(self, name: str, value: Any, enums: dict[str, frozenset[str]] | None = None) -> list[str]:
        """How a value of the right type breaks column ``name``'s allowed values (``enums``,
        default the dataset's own) or its range, in words without the column's name: what a
        row's validation and a reviewer's decision both check."""
        problems: list[str] = []
        allowed = (self.enums if enums is None else enums).get(name)
        if allowed is not None:
            values = value if isinstance(value, list) else [value]
            bad = [v for v in values if v not in allowed]
            if bad:
                problems.append(f"{bad[0]!r} is not one of {', '.join(sorted(allowed))}")
        bounds = self.ranges.get(name)
        if bounds is not None and isinstance(value, (int, float)):
            lo, hi = bounds
            if (lo is not None and value < lo) or (hi is not None and value > hi):
                problems.append(f"{value} is outside [{lo}, {hi}]")
        return problems

    def to_table(self, rows: Iterable[dict[str, Any]]) -> pa.Table:
        """Build from the declared schema, never by inference (pandas 3 would infer
        large_string and naive timestamps)."""
        rows = list(rows)
        arrays = [pa.array([r.get(f.name) for r in rows], type=f.type) for f in self.schema]
        return pa.Table.from_arrays(arrays, schema=self.schema)


def _type_problem(value: Any, type_: pa.DataType) -> str | None:
    if pa.types.is_string(type_):
        return None if isinstance(value, str) else "must be text"
    if pa.types.is_int64(type_):
        return None if isinstance(value, int) and not isinstance(value, bool) else "must be an integer"
    if pa.types.is_float64(type_):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "must be a number"
        return "must be finite" if isinstance(value, float) and not math.isfinite(value) else None
    if pa.types.is_date32(type_):
        return None if isinstance(value, dt.date) and not isinstance(value, dt.datetime) else "must be a date"
    if pa.types.is_timestamp(type_):
        if not isinstance(value, dt.datetime):
            return "must be a datetime"
        return None if value.tzinfo is not None else "must be timezone-aware (UTC)"
    if pa.types.is_list(type_):
        if not isinstance(value, list):
            return "must be a list"
        for item in value:
            p = _type_problem(item, type_.value_type)
            if p:
                return f"item {item!r} {p}"
        return None
    return f"unsupported type {type_}"

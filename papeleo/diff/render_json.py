"""``papeleo diff --format json``: the whole diff for programs (CI gates, dashboards).

The structure is versioned (``"format": "papeleo-diff", "version": 1``) and only ever grows;
keys are sorted and rows ordered by document, key and occurrence, so two runs of the same
diff give the same bytes. Unlike the other formats it ignores ``--limit``: every row is
listed. Layout::

    {"format": "papeleo-diff", "version": 1, "old": OLD, "new": NEW, "differences": bool,
     "filters": {"dataset": [..] | null, "doc": str | null, "field": str | null},
     "summary": {"causes": {cause: n}, "nondeterministic": n, "warning": str | null,
                 "moved": [{"old_source": .., "new_source": ..}],
                 "same_under_new_version": [{"dataset", "old_extractor", "new_extractor", "rows"}],
                 "datasets": {name: {"added": n, "removed": n, "changed": n,
                                     "by_cause": {cause: n}}}},
     "datasets": {name: {"added": [ROW], "removed": [ROW], "changed": [ROW]}}}
    ROW = {"source", "file_name", "key": {column: value}, "occurrence", "repeats", "page",
           "cause", "old_doc_id", "new_doc_id", "old_extractor", "new_extractor",
           "fields": [{"field", "old", "new", "reviewed", "was_reviewed"}]   (changed rows)
           "values": {column: value}                                        (added/removed)}

Dates are ISO 8601 strings; a NaN is null.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from .model import CAUSES, KINDS, DiffResult, RowChange

FORMAT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def row_dict(row: RowChange) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": row.source,
        "file_name": row.file_name,
        "key": {c: _plain(v) for c, v in row.key},
        "occurrence": row.occurrence,
        "repeats": row.repeats,
        "page": row.page,
        "cause": row.cause,
        "old_doc_id": row.old_doc_id,
        "new_doc_id": row.new_doc_id,
        "old_extractor": row.old_extractor,
        "new_extractor": row.new_extractor,
    }
    if row.kind == "changed":
        out["fields"] = [
            {
                "field": c.field,
                "old": _plain(c.old),
                "new": _plain(c.new),
                "reviewed": c.reviewed,
                "was_reviewed": c.was_reviewed,
            }
            for c in row.fields
        ]
    else:
        out["values"] = _plain(row.values)
    return out


def as_dict(result: DiffResult) -> dict[str, Any]:
    totals = result.by_cause()
    return {
        "format": "papeleo-diff",
        "version": FORMAT_VERSION,
        "old": result.old_root,
        "new": result.new_root,
        "differences": not result.empty,
        "filters": {k: result.filters.get(k) for k in ("dataset", "doc", "field")},
        "summary": {
            "causes": {c: totals[c] for c in CAUSES if totals[c]},
            "nondeterministic": result.nondeterministic,
            "warning": result.warning(),
            "moved": [{"old_source": a, "new_source": b} for a, b in result.moved],
            "same_under_new_version": [
                {"dataset": d.name, "old_extractor": a, "new_extractor": b, "rows": n}
                for d in result.datasets
                for (a, b), n in sorted(d.same_under_new_version.items())
            ],
            "datasets": {
                d.name: {
                    "added": len(d.added),
                    "removed": len(d.removed),
                    "changed": len(d.changed),
                    "by_cause": {c: n for c, n in sorted(d.by_cause().items())},
                }
                for d in result.datasets
            },
        },
        "datasets": {d.name: {kind: [row_dict(r) for r in d.rows(kind)] for kind in KINDS} for d in result.datasets},
    }


def render(result: DiffResult, limit: int | None = None) -> str:
    """``limit`` is accepted for a uniform signature and ignored: JSON lists every row."""
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False)

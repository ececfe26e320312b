"""What the review page must list, worked out from the stored rows alone, independently of
``papeleo.review`` (shared by test_review.py and test_review_browser.py)."""

from __future__ import annotations

import pandas as pd

import schemas

# a check saying a field's value has nothing to back it: 'alcanzado_t1_sin_respaldo=conflict'
SUFFIX = "_sin_respaldo=conflict"


def expected_doubts(
    df: pd.DataFrame, dataset: str = "indicators", threshold: float = 0.7, row_marker: str | None = None
) -> set[tuple[str, str | None]]:
    """(first key value, field) of every doubtful value: a field named by ``corrected`` or by a
    check in conflict, unless a reviewer decided it (``campo:revisado``); ``row_marker`` for a
    conflict naming no column, or a row under ``threshold`` with nothing else in doubt."""
    columns = set(schemas.get(dataset).columns)
    key_col = schemas.get(dataset).natural_key[0]
    out: set[tuple[str, str | None]] = set()
    for row in df.to_dict("records"):
        corrected = list(row.get("corrected") if row.get("corrected") is not None else [])
        fields = {c.split(":")[0] for c in corrected}
        row_level = False
        for check in row.get("checks") if row.get("checks") is not None else []:
            if check.endswith(SUFFIX) and check[: -len(SUFFIX)] in columns:
                fields.add(check[: -len(SUFFIX)])
            elif check.endswith("=conflict"):
                name = check[: -len("=conflict")]
                if name in columns:
                    fields.add(name)
                else:
                    row_level = True
        conf = row.get("confidence")
        if not fields and not row_level and conf is not None and conf == conf and conf < threshold:
            row_level = True
        reviewed = {c.split(":")[0] for c in corrected if c.endswith(":revisado")}
        out |= {(row[key_col], f) for f in fields - reviewed}
        if row_level:
            out.add((row[key_col], row_marker))
    return out

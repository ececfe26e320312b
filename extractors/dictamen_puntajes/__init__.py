"""Evaluation score tables (dictámenes) → ``scores`` rows, every score read or flagged.

An analyst ranks people and pays incentives from these numbers, so a wrong score costs more
than a missing one. The table is found among the document's tables by its header's words (any
column order, labels and two-line headers), continued across pages, and read by its cells or,
when the cells ran together, by what its words look like; each score column is read under its
own number format (decimal comma or point, 0–10 or 0–100, decided from its values); then the
document's own arithmetic — the weighting of the final score and the bands of the levels —
confirms every row or says it does not. A value outside its column's range becomes a failures
row, never a number.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from papeleo.context import Context
from papeleo.model import Document
from papeleo.registry import Extraction, register

from .assemble import complete, is_person, join_wrapped
from .furniture import furniture
from .geo import read_geometry
from .header import named_factors
from .locate import learn_hints, read_tables, score_tables
from .prose import find_period, stated_bands, stated_weights
from .record import out_of_range_failure, to_record
from .rows import split_known_posts, split_lost_post_column
from .solve import check_bands, check_weighting, read_people, withhold_unverified
from .spellings import snap
from .stream import read_stream

log = logging.getLogger(__name__)

SPEC: dict[str, Any] = json.loads(Path(__file__).with_name("spec.json").read_text(encoding="utf-8"))

__all__ = ["SPEC", "extract"]


@register("dictamen_puntajes.v1")
def extract(doc: Document, ctx: Context) -> Extraction:
    """Read the score table (tables first; the line stream when a text holds more people there,
    or when a page with geometry gave no table), then
    let the weighting and the bands check each person."""
    text = doc.text
    named = named_factors(text)  # the score roles the prose names, in the order it names them
    stated = stated_weights(text)

    def confirmed(rows: list) -> int:
        """Rows whose final is their factors' weighted sum (stated, or fitted on these rows)."""
        people, decimals = read_people([r for r in rows if is_person(r)])
        check_weighting(people, stated, decimals.get("final", 0))
        return sum("ponderacion=ok" in p.checks for p in people)

    tables = score_tables(doc, named, confirmed)
    hints = learn_hints(tables)
    skip = frozenset(furniture(doc))
    rows = [r for r in join_wrapped(read_tables(tables, hints, skip)) if is_person(r)]
    geometry = [p for p in doc.pages if any(w.bbox is not None for w in p.words)]

    if geometry:
        other = [r for r in read_geometry(geometry, hints, skip, named, confirmed) if is_person(r)]
    else:
        other = [r for r in join_wrapped(read_stream(doc, hints, named, confirmed)) if is_person(r)]
    # a grid of rulings fixes rows and columns; otherwise the scored lines and the header's
    # columns (geometry) or the header's words (lines) place wrapped cells better than line bands
    ruled = bool(tables) and all(t.source == "ruled" for t, _ in tables)
    if complete(other) > complete(rows) or (not ruled and other and complete(other) == complete(rows)):
        log.info(
            "dictamen_puntajes: %d people read by %s, %d by the tables",
            len(other),
            "geometry" if geometry else "lines",
            len(rows),
        )
        rows = other
    if not split_lost_post_column(rows, hints):
        split_known_posts(rows)
    people, decimals = read_people(rows)
    if doc.text_source != "text_layer":  # a text layer's letters are the printed ones: nothing to read back
        for field in ("nivel", "entidad"):
            snap(people, field, text)
    weighting = check_weighting(people, stated, decimals.get("final", 0))
    if doc.text_source != "text_layer":
        withhold_unverified(people, weighting is not None)
    levels = {p.raw.nivel for p in people if p.raw.nivel}
    check_bands(people, stated_bands(text, levels))
    period = find_period(text)
    records, failures = [], []
    for p in people:
        if p.out_of_range:
            failures.append(out_of_range_failure(p))
        else:
            records.append(to_record(p, period))
    log.info(
        "dictamen_puntajes: %d people (%d failed), weighting %s, period %s",
        len(records),
        len(failures),
        weighting,
        period,
    )
    return Extraction(records=records, failures=failures)

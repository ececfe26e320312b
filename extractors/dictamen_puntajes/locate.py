"""The score table among a document's tables, its continuations, and its rows read.

Why here and not in the table reader: the reader finds tables; which one holds the scores, and
that a headerless table on the next page (or one whose 'header' is a running header the reader
took for one) carries on the same columns, is the family's knowledge.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from collections.abc import Callable, Iterable

from papeleo.model import Document
from papeleo.tables import Row, Table, pages_to_tables

from .furniture import furniture_key
from .header import (
    PLACEHOLDER,
    Layout,
    goal_order,
    is_group_label,
    layout_of,
    roles_of_label,
    with_lost_role,
)
from .placing import fill_lost_text_label, name_blank_columns, scoreish_column, settle_goal_order
from .rows import Hints, RawRow, from_cells, read_row
from .tokens import is_score

log = logging.getLogger(__name__)

# a table with no recognised header carries on the score table above it when at least this share
# of its rows hold at least MIN_ROW_SCORES score-like words (the universe table '15 | 20% | 3'
# and the commission's table do not)
CONTINUATION_SHARE = 0.5
MIN_ROW_SCORES = 2


def _scoreish_rows(rows: Iterable[Row]) -> tuple[int, int]:
    rows = list(rows)
    hits = sum(1 for r in rows if sum(is_score(w) for c in r.texts for w in c.split()) >= MIN_ROW_SCORES)
    return hits, len(rows)


def headerless(t: Table) -> bool:
    """The reader names a table's columns col1, col2 ... when it found no header; a 'header'
    of which only some columns are so named is a running header the reader took for one."""
    return any(PLACEHOLDER.match(c) for c in t.columns) or not any(layout_of(t.columns).roles)


def with_sub_labels(t: Table) -> Table:
    """A two-line header the reader left half in the body ('Logro de metas' | '' over
    'Individual' | 'Colectiva' as the first row): the sub-labels joined to their columns."""
    if not t.rows or headerless(t) and not any(PLACEHOLDER.match(c) for c in t.columns):
        return t
    first = t.rows[0].texts
    filled = [c for c in first if c.strip()]
    if not filled or any(is_score(w) for c in filled for w in c.split()):
        return t
    if not all(
        set(roles_of_label(c)) <= {"ind", "col", "comp", "final", "nivel"} and roles_of_label(c) for c in filled
    ):
        return t
    labels = []
    for i, c in enumerate(t.columns):
        base = "" if PLACEHOLDER.match(c) else c
        if not base and first[i].strip() and i > 0:  # 'Logro de metas' spans this column too
            base = labels[-1].split("|")[0] if labels else ""
        labels.append(" ".join(x for x in (base.strip(), first[i].strip()) if x))
    log.debug("sub-labels %s joined to the header %s", filled, t.columns)
    return dataclasses.replace(t, columns=tuple(labels), rows=t.rows[1:], header_rows=(*t.header_rows, t.rows[0]))


def fill_lost_label(t: Table, lay: Layout, named: tuple[str, ...]) -> Layout:
    """A score column whose label the reader lost ('laborales' left of 'Competencias laborales')
    takes the one score role the header lacks (see header.with_lost_role), when its cells hold scores."""
    return with_lost_role(lay, _blank_scores(t, lay), named)


def _blank_scores(t: Table, lay: Layout) -> list[int]:
    """Columns of scores no label names."""
    return [
        i
        for i, roles in enumerate(lay.roles)
        if not roles
        and not is_group_label(t.columns[i])  # 'Metas' split off 'de desempeño individual' beside it
        and scoreish_column([r.texts[i] for r in t.rows if i < len(r.texts)])
    ]


def score_tables(
    doc: Document, named: tuple[str, ...], confirmed: Callable[[list[RawRow]], int] | None = None
) -> list[tuple[Table, Layout]]:
    """Each table that holds scores with the layout it is read under: a table whose header
    names a name and two score columns, and the tables after it whose header names nothing
    but whose rows are scores (read under the layout above them). ``confirmed``: how many of
    some rows the document's arithmetic confirms, to name several score columns whose labels
    OCR lost (placing.name_blank_columns), as the geometry reader does."""
    out: list[tuple[Table, Layout]] = []
    current: Layout | None = None
    goals = goal_order(doc.text)
    for t in pages_to_tables(doc.pages):
        t = with_sub_labels(t)
        lay = layout_of(t.columns, goals) if not headerless(t) else Layout(((),) * t.n_columns)
        if "nombre" in lay.flat and not headerless(t):
            cells = [r.texts for r in t.rows]
            lay = fill_lost_text_label(cells, fill_lost_label(t, lay, named))
            if confirmed is not None:
                if len(_blank_scores(t, lay)) > 1:
                    lay = name_blank_columns(lay, cells, named, Hints(), confirmed)
                lay = settle_goal_order(lay, cells, Hints(), confirmed)
        if lay.is_score_table:
            out.append((t, lay))
            current = lay
            continue
        if current is None or any(lay.roles):
            if any(lay.roles):
                current = None  # another table with its own header ends the score table
            continue
        hits, n = _scoreish_rows([*t.header_rows, *t.rows])
        if n and hits / n >= CONTINUATION_SHARE:
            out.append((t, current))
    return out


def learn_hints(tables: list[tuple[Table, Layout]]) -> Hints:
    """The posts and states of rows whose cells were kept apart, and the decimals the scores print."""
    hints = Hints()
    decimals: Counter = Counter()
    for t, lay in tables:
        for r in t.rows:
            row = from_cells(r.texts, lay)
            if row is None or not row.scores:
                continue
            if row.texts.get("cargo"):
                hints.cargos.append(row.texts["cargo"])
            if row.texts.get("entidad"):
                hints.entidades.append(row.texts["entidad"])
            for v in row.scores.values():
                if "," in v or "." in v:
                    decimals[len(v.replace(".", ",").rsplit(",", 1)[1])] += 1
    hints.decimals = decimals.most_common(1)[0][0] if decimals else None
    return hints


def read_tables(tables: list[tuple[Table, Layout]], hints: Hints, skip: set[str] | None = None) -> list[RawRow]:
    """Every body row read; a headerless continuation's 'header' rows are read as body rows,
    but for page furniture (``skip``: running headers' lines, as ``furniture.furniture_key`` gives them)."""
    out: list[RawRow] = []
    for t, lay in tables:
        body = list(t.rows)
        if (
            headerless(t) or not layout_of(t.columns).is_score_table
        ):  # a continuation: what the reader took for a header is data
            body = [*t.header_rows, *body]
        for r in body:
            if skip and furniture_key(" ".join(r.texts)) in skip:
                continue
            raw = read_row(r.texts, lay, hints)
            raw.page, raw.bbox, raw.confidence = r.page, r.bbox, r.confidence
            out.append(raw)
    return out

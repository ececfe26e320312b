"""A score table read from lines, repaired as a whole: what no single line shows.

Why apart from the line reader: each repair weighs the whole table (how many rows lack a
column, which placing of lost labels makes most rows add up, whether a repeated header is the
one above it), and reads the rows again under what it finds; the line reader only cuts the
lines into rows.
"""

from __future__ import annotations

import itertools
import logging
from collections import Counter
from collections.abc import Callable

from .header import SCORE_ROLES, Layout
from .placing import MIN_CONFIRMED, confirmed_layout, settle_goal_order
from .rows import Hints, RawRow, is_running_numbering, read_row, running_number
from .text_header import n_scores

log = logging.getLogger(__name__)

# rows that print more scores than the header names (and at least rows.MIN_CONFIRMED of them) for
# the lost labels to be looked for; at most MAX_LOST_LABELS labels lost (placings tried: orders of
# the missing factors times positions; the placing chosen: placing.confirmed_layout)
LOST_LABEL_SHARE = 0.5
MAX_LOST_LABELS = 2
# a text column OCR wrote after its table is put back only when at least this many of its cells
# follow the last row and this share of the rows lack it (one or two lines after a table are the
# last row's wrapped cells)
MIN_DETACHED_ROWS = 3
DETACHED_SHARE = 0.8


def with_lost_labels(
    rows: list[RawRow], lay: Layout, named: tuple[str, ...], hints: Hints, confirmed: Callable[[list[RawRow]], int]
) -> tuple[list[RawRow], Layout]:
    """Rows read again when most print more scores than the header names (labels OCR lost:
    'ificació', 'orales'): each way of placing the factors the prose names and the header lacks
    among the header's score columns is tried, and the one under which the most rows' finals
    are their weighted sum wins, when it confirms most rows and no other way as many. The rows
    and the layout they are read under."""
    scored = [r for r in rows if not r.is_fragment]
    lost = [r for r in scored if "_unassigned" in r.scores]
    if len(lost) < max(MIN_CONFIRMED, LOST_LABEL_SHARE * len(scored)):
        return rows, lay
    extra = Counter(len(r.scores["_unassigned"].split()) - len(lay.scores) for r in lost).most_common(1)[0][0]
    missing = [r for r in SCORE_ROLES if r in named and r not in lay.flat]
    tail = list(lay.tail)
    head = lay.roles[: len(lay.roles) - len(tail)]
    if not 1 <= extra <= min(len(missing), MAX_LOST_LABELS) or any(set(r) & set(tail) for r in head):
        return rows, lay
    candidates = []
    for roles in itertools.permutations(missing, extra):
        for at in itertools.combinations(range(len(tail) + extra), extra):
            given, kept = iter(roles), iter(tail)
            new_tail = [next(given) if k in at else next(kept) for k in range(len(tail) + extra)]
            candidates.append(lay.with_roles((*head, *((r,) for r in new_tail))))
    chosen = confirmed_layout(candidates, [r.cells for r in scored], hints, confirmed, named)
    if chosen is None:
        return rows, lay
    lay = chosen[0]
    log.debug("score columns the header lost placed: %s (%d of %d rows confirm)", lay.tail, chosen[1], len(scored))
    return [r if r.is_fragment else reread(r, lay, hints) for r in rows], lay


def with_settled_goals(
    rows: list[RawRow], lay: Layout, hints: Hints, confirmed: Callable[[list[RawRow]], int]
) -> list[RawRow]:
    """Rows read again with the goal columns the other way round when the arithmetic says so
    (placing.settle_goal_order)."""
    scored = [r for r in rows if not r.is_fragment]
    settled = settle_goal_order(lay, [r.cells for r in scored], hints, confirmed)
    if settled is lay:
        return rows
    return [r if r.is_fragment else reread(r, settled, hints) for r in rows]


def _shift_repeated_names(rows: list[RawRow], scored: list[int], lay: Layout, detached: int) -> None:
    """Rows whose text is one value repeated ('Sierra Alta' on every row, read as a name and a
    state), as many as the one-cell lines after the table: the name column was written apart and
    the table's one other text column slid into its place. That text goes back to that column,
    and the names are left for the lines after the table."""
    others = [r for r in lay.texts if r not in ("numero", "nombre")]
    texts = [" ".join(rows[i].texts.get(r) or "" for r in ("nombre", *others)).strip() for i in scored]
    value, n = Counter(texts).most_common(1)[0]
    if detached != len(scored) or len(others) != 1 or not value or n < DETACHED_SHARE * len(scored):
        return
    for i, text in zip(scored, texts):
        rows[i].texts.pop("nombre", None)
        rows[i].texts[others[0]] = text
    log.debug(
        "'%s' on %d of %d rows read as the %s column, slid into the names' place", value, n, len(scored), others[0]
    )


def repeated_header(lay: Layout, before: Layout | None, first: str) -> Layout:
    """A table's header repeated on the next page, which OCR garbled ('Nombre completo Cargo o
    puesto desempeño' over 'laborales' over 'final' over 'Individual' over 'Colectiva'): the
    header above, when this one names no column that one lacks and the first row under it holds
    that one's score count, not this one's."""
    if before is None or lay == before or not set(lay.flat) <= set(before.flat):
        return lay
    if n_scores(first) != len(before.scores) or len(lay.scores) == len(before.scores):
        return lay
    log.debug("repeated header %s read as the one above, %s", lay.flat, before.flat)
    return before


def with_detached_column(rows: list[RawRow], lay: Layout, left: list[RawRow]) -> list[RawRow]:
    """A text column OCR wrote after the table ('Ochoa Bárcenas Sofía', 'Alcántara Cuevas
    Montserrat' ... under the last row, each row's scores left without a name): when exactly as
    many one-line cells follow the last row as rows lack that column, they are its cells, in the
    rows' order, and each row says so (RawRow.guessed). A count that does not match, or a column
    most rows have, leaves the lines as they are (wrapped lines of the last row). ``left``: the
    one-cell lines the reader held after the last row for a row that never came."""
    scored = [i for i, r in enumerate(rows) if not r.is_fragment]
    if not scored:
        return rows
    tail = rows[scored[-1] + 1 :] + left
    if len(tail) < MIN_DETACHED_ROWS or not all(r.is_fragment for r in tail):
        return rows
    _shift_repeated_names(rows, scored, lay, len(tail))
    for role in (r for r in lay.texts if r != "numero"):
        lacking = [i for i in scored if not rows[i].texts.get(role)]
        if len(lacking) != len(tail) or len(lacking) < DETACHED_SHARE * len(scored):
            continue
        for i, cell in zip(lacking, tail):
            rows[i].texts[role] = " ".join(cell.cells)
            rows[i].guessed = rows[i].guessed | {role}
        log.debug("%s column written after the table: %d cells given to the rows in order", role, len(tail))
        return rows[: scored[-1] + 1]
    return rows


def with_lost_numbering(rows: list[RawRow], lay: Layout, hints: Hints) -> tuple[list[RawRow], Layout]:
    """Rows read again with a running-number column first when the header names none ('#' read
    as '4') but most rows open with a whole number that rises row by row (else each number is
    read as a score and the name is lost)."""
    scored = [r for r in rows if not r.is_fragment]
    if "numero" in lay.flat:
        return rows, lay
    firsts = [running_number((" ".join(r.cells).split() or [""])[0]) for r in scored]
    if not is_running_numbering([n for n in firsts if n is not None], len(scored)):
        return rows, lay
    lay = lay.with_roles((("numero",), *lay.roles))
    return [r if r.is_fragment else reread(r, lay, hints) for r in rows], lay


def reread(row: RawRow, lay: Layout, hints: Hints, more: tuple[str, ...] = ()) -> RawRow:
    """``row`` read again under ``lay`` (with ``more`` cells after its own), where it was."""
    new = read_row((*row.cells, *more), lay, hints)
    new.page, new.bbox, new.confidence = row.page, row.bbox, row.confidence
    return new

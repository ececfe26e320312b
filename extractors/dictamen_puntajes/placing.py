"""Which roles a table's unlabelled or doubtful columns take: the placing the document's own
arithmetic confirms.

Why apart from the rows: reading a row under a layout is the rows' business; choosing among
layouts is a judgement on the whole table (how many rows each placing makes add up, a tie
broken by the prose's order and marked as a guess), used by every reader (ruled and gutter
tables, word geometry, the line stream).
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections import Counter
from collections.abc import Callable

from papeleo.text.normalize import fold

from .header import SCORE_ROLES, Layout
from .rows import POSTS, Hints, RawRow, read_row
from .tokens import is_na, is_score

log = logging.getLogger(__name__)

# a text column whose label OCR lost ('Puesto' read 'llo 9') is the post column when at least
# this share of its filled cells begin with a post word ('Coordinador de ...', 'Jefa de ...');
# names and states begin with none. Lower, and a column of names with a few 'Juez' surnames
# would be read as posts
POST_CELLS_SHARE = 0.5
# ... and the state column when this share of its cells repeat one value (a table of one state's
# staff); names and posts repeat far less
LOST_STATE_SHARE = 0.5
# a column is a score column when this share of its filled cells read as scores
SCOREISH_SHARE = 0.5
# a placing of score columns the header did not name must be confirmed by the document's
# arithmetic on this share of the rows (and MIN_CONFIRMED of them): fewer, and a placing may win
# by the chance agreement of a few rows
CONFIRMED_SHARE = 0.5
MIN_CONFIRMED = 3
# unlabelled score columns named by the arithmetic (name_blank_columns): at most this many
# (3! ways to try)
MAX_BLANK_COLUMNS = 3


def confirmed_layout(
    candidates: list[Layout],
    cell_rows: list[tuple[str, ...]],
    hints: Hints,
    confirmed: Callable[[list[RawRow]], int],
    order: tuple[str, ...] = (),
) -> tuple[Layout, int] | None:
    """Of layouts that name a table's columns differently, the one under which ``confirmed``
    (the document's arithmetic) confirms the most rows, with that count: when it confirms
    CONFIRMED_SHARE of them and no other as many; None otherwise.

    A tie among the best is what a fitted weighting gives two factors swapped (their weights
    swap with them). With ``order`` (the factors as the prose names them), the one tied layout
    that prints its factors in that order is taken, the roles the tied layouts disagree on
    marked ``guessed``: tables mostly print the factors in the order the prose names them
    (111 of 150 generated dictámenes), so such a guess is wrong about one time in four, and
    every value read under it says so."""
    ranked = sorted(
        ((confirmed([read_row(c, lay, hints) for c in cell_rows]), lay) for lay in candidates), key=lambda t: -t[0]
    )
    if not ranked:
        return None
    best = ranked[0][0]
    if best < max(MIN_CONFIRMED, CONFIRMED_SHARE * len(cell_rows)):
        return None
    tied = [lay for n, lay in ranked if n == best]
    if len(tied) == 1:
        return tied[0], best
    in_order = [lay for lay in tied if _factor_order(lay) == tuple(r for r in order if r in _factor_order(lay))]
    if not order or len(in_order) != 1:
        return None
    chosen = in_order[0]
    differ = {r for lay in tied for i, roles in enumerate(lay.roles) for r in roles if roles != chosen.roles[i]}
    return dataclasses.replace(chosen, guessed=chosen.guessed | frozenset(differ)), best


def _factor_order(lay: Layout) -> tuple[str, ...]:
    return tuple(r for r in lay.scores if r != "final")


def name_blank_columns(
    lay: Layout,
    cell_rows: list[tuple[str, ...]],
    named: tuple[str, ...],
    hints: Hints,
    confirmed: Callable[[list[RawRow]], int],
) -> Layout:
    """Score columns no label names (shaded header cells OCR lost: 'De E', 'Eee') named by the
    table's own arithmetic: each way of giving them the score roles the document names and the
    header lacks is read, and the one under which the most rows' finals are their factors'
    weighted sum (``confirmed``) wins, when it confirms most rows and no other way as many."""
    blanks = [i for i, r in enumerate(lay.roles) if not r]
    missing = [r for r in SCORE_ROLES if r in named and r not in lay.flat]
    if not blanks or len(missing) < len(blanks) or len(blanks) > MAX_BLANK_COLUMNS:
        return lay
    candidates = []
    for roles in itertools.permutations(missing, len(blanks)):
        named_roles = list(lay.roles)
        for i, r in zip(blanks, roles):
            named_roles[i] = (r,)
        candidates.append(lay.with_roles(named_roles))
    chosen = confirmed_layout(candidates, cell_rows, hints, confirmed, named)
    if chosen is None:
        return lay
    log.debug("unlabelled score columns read as %s: %d of %d rows confirm", chosen[0].scores, chosen[1], len(cell_rows))
    return chosen[0]


def settle_goal_order(
    lay: Layout, cell_rows: list[tuple[str, ...]], hints: Hints, confirmed: Callable[[list[RawRow]], int]
) -> Layout:
    """The individual and collective goal columns read the other way round when the table's
    arithmetic says so: their labels are the header's most damaged words ('Metas canes' over
    'Objetivos ias'), and when only group labels survive, their order is a guess from the prose.
    Under a stated weighting that weighs them differently, the order in which more rows' finals
    are their factors' weighted sum wins (placing.confirmed_layout: most rows, no tie); a fitted
    weighting fits either order alike, and the header's order stays. Only rows with both goals
    count: a row with one of them N/A is checked, under the other order, against another
    weighting (one the document may not state, fitted to agree), and says nothing of the order."""
    flat = [r[0] if len(r) == 1 else None for r in lay.roles]
    if "ind" not in flat or "col" not in flat:
        return lay
    i, j = flat.index("ind"), flat.index("col")
    roles = list(lay.roles)
    roles[i], roles[j] = roles[j], roles[i]
    swapped = lay.with_roles(roles)
    both = [c for c in cell_rows if _has_both_goals(read_row(c, lay, hints))]
    chosen = confirmed_layout([lay, swapped], both, hints, confirmed)
    if chosen is None or chosen[0] is lay and not lay.guessed & {"ind", "col"}:
        return lay  # the same layout: the callers read no row again
    if chosen[0] is swapped:
        log.debug("goal columns read the other way round: %d of %d rows confirm", chosen[1], len(cell_rows))
    return dataclasses.replace(chosen[0], guessed=chosen[0].guessed - {"ind", "col"})  # the arithmetic said


def _has_both_goals(row: RawRow) -> bool:
    return all(row.scores.get(g) and not is_na(row.scores[g]) for g in ("ind", "col"))


def scoreish_column(cells: list[str]) -> bool:
    filled = [c for c in cells if c.strip()]
    return bool(filled) and sum(is_score(c.strip()) for c in filled) / len(filled) >= SCOREISH_SHARE


def fill_lost_text_label(cell_rows: list[tuple[str, ...]], lay: Layout) -> Layout:
    """A text column whose label OCR lost ('Entidad' read 'a', 'Puesto' read 'llo 9'), else its
    cells are no cell of the row's and the row is read by its words, the post or the state taken
    for part of the name: a column of posts (POST_CELLS_SHARE of its cells open with a post word)
    is the post column; any other, in a table that names its names and its posts (or one whose
    cells mostly repeat one value: 'Valle Verde' on every row), the state column."""
    for i, roles in enumerate(lay.roles):
        cells = [r[i].split() for r in cell_rows if i < len(r) and r[i].strip()]
        if roles or not cells or scoreish_column([" ".join(c) for c in cells]):
            continue
        posts = sum(1 for c in cells if fold(c[0]).strip(".,:") in POSTS)
        repeated = Counter(fold(" ".join(c)) for c in cells).most_common(1)[0][1]
        role = None
        if "cargo" not in lay.flat and posts >= POST_CELLS_SHARE * len(cells):
            role = "cargo"
        elif "entidad" not in lay.flat and ("cargo" in lay.flat or repeated >= LOST_STATE_SHARE * len(cells)):
            role = "entidad"
        if role is not None:
            log.debug(
                "column %d, unlabelled, read as %s (%d posts, %d repeats in %d cells)",
                i,
                role,
                posts,
                repeated,
                len(cells),
            )
            roles_ = list(lay.roles)
            roles_[i] = (role,)
            lay = lay.with_roles(roles_)
    return lay

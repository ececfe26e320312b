"""A geometry-read table's columns: each header label's centre, the cuts between columns, and
the repairs for labels OCR lost (a group label over two goal columns, a running-number column,
a score column under an unreadable label).

Why repairs and not a failure: a score table's header is set small, shaded and two lines deep,
and OCR loses parts of it far more often than the body; the body's own columns (numbers that
rise, scores standing together) and the prose's naming of the factors say what was lost.
"""

from __future__ import annotations

import logging
from statistics import median

from papeleo.text.normalize import fold

from .geo_lines import LABEL_LINE_SHARE, VLine, label_share, tabular
from .header import GROUP_WORDS, HEADER_WORD, SCORE_ROLES, Layout, goal_order, with_lost_role
from .rows import is_running_numbering, running_number
from .text_header import header_layout, role_of_word
from .tokens import is_na, is_score

log = logging.getLogger(__name__)

# two group labels this many points apart head two columns (one label's words are closer)
GROUP_APART = 20.0
# score words whose centres are this close (points) stand in one column
SCORE_COLUMN_GAP = 12.0
# share of a column's numbers that print decimals ('8,333' against '7'): below it the column is a
# running number. Scores printed without decimals ('85', '100') would read as
# one; the family prints two or three decimals
MIN_SCORE_SHARE = 0.5
# scored lines that must end in a word right of the last score column for a level column the
# header lost to be put back, and letters such a word has ('Bueno'; a speck or a '|' has fewer)
LOST_LEVEL_SHARE = 0.6
MIN_LEVEL_LETTERS = 3
# a numbering column the header names holds a number in at least this share of the scored lines
# (OCR loses some); fewer, and the label was a speck read as 'N'
NUMBERING_MIN_SHARE = 0.3


def _group_columns(lines: list[VLine]) -> list[float]:
    """Centres of the group labels ('Metas') printed once per goal column, left to right."""
    xs = sorted(w.bbox.x_center for ln in lines for w in ln.words if fold(w.text.strip(".:")) in GROUP_WORDS)
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > GROUP_APART:
            out.append(x)
    return out


def header_columns(lines: list[VLine]) -> tuple[Layout, list[float]] | None:
    """Roles left to right with their centres, from the header lines' words."""
    if any(not tabular(ln) for ln in lines):
        return None
    lines = [ln for ln in lines if label_share(ln) >= LABEL_LINE_SHARE]
    if header_layout([ln.text for ln in lines], min_scores=1) is None:
        return None
    xs: dict[str, list[float]] = {}
    for ln in lines:
        words = [w for w in ln.words if HEADER_WORD.search(w.text)]
        texts = [HEADER_WORD.search(w.text).group() for w in words]  # 'No.' → 'No'
        for i, w in enumerate(words):
            role = role_of_word(texts[i])
            ahead = [role_of_word(t) for t in texts[i + 1 : i + 3]]
            if role is None or texts[i].lower() in GROUP_WORDS:
                continue
            if role in ("nivel", "final") and any(r in ("ind", "col", "comp") for r in ahead):
                continue
            xs.setdefault(role, []).append(w.bbox.x_center)
    guessed: frozenset[str] = frozenset()
    if "ind" not in xs and "col" not in xs and len(groups := _group_columns(lines)) >= 2:
        # 'Metas Ind.' | 'Metas Col.' whose sub-labels OCR lost: the two group labels' columns, in
        # the order the prose names the goals (a guess, Layout.guessed, unless the arithmetic
        # settles it: placing.settle_goal_order)
        for role, x in zip(goal_order(" ".join(ln.text for ln in lines)), groups):
            xs[role] = [x]
        guessed = frozenset({"ind", "col"})
    roles = sorted(xs, key=lambda r: median(xs[r]))
    lay = Layout(tuple((r,) for r in roles), guessed)
    # one score label is enough here: the body's score columns and the arithmetic name the others
    return (lay, [median(xs[r]) for r in roles]) if "nombre" in lay.flat and lay.scores else None


def cuts(centres: list[float], body: list[VLine]) -> list[float]:
    """Between each two neighbouring centres, the x crossed by the fewest body words (the middle
    of the widest such run)."""
    words = [w for ln in body for w in ln.words]
    out = []
    for a, b in zip(centres, centres[1:]):
        best: tuple[int, float, float] | None = None  # (crossings, -run width, x)
        x, run_start, prev = a, a, None
        while x <= b:
            n = sum(1 for w in words if w.bbox.x0 < x < w.bbox.x1)
            if prev is None or n != prev:
                run_start = x
            prev = n
            cand = (n, -(x - run_start), (run_start + x) / 2)
            if best is None or cand < best:
                best = cand
            x += 1.0
        out.append(best[2] if best else (a + b) / 2)
    return out


def _score_columns(rows: list[VLine]) -> list[float]:
    """Centres of the columns the scores stand in, from the scored lines' score words; a column
    of whole numbers (the running number '1', '2', '3' beside the names) is none."""
    found = sorted((w.bbox.x_center, w.text) for ln in rows for w in ln.words if is_score(w.text))
    groups: list[list[tuple[float, str]]] = []
    for x, text in found:
        if groups and x - groups[-1][-1][0] <= SCORE_COLUMN_GAP:
            groups[-1].append((x, text))
        else:
            groups.append([(x, text)])
    return [median(x for x, _ in g) for g in groups if len(g) >= max(1, len(rows) // 3) and _scores_column(g)]


def _scores_column(words: list[tuple[float, str]]) -> bool:
    """Most of the column's numbers print decimals ('8,333'): whole numbers are a running number;
    a column of 'N/A' is a factor nobody had (a speck '5' OCR read beside thirteen of them does
    not make it a running number), and one of dashes alone (specks between a name and a post)
    holds no score."""
    decimal = sum(1 for _, t in words if any(c.isdigit() for c in t) and any(c in ".," for c in t.strip(".,")))
    whole = sum(1 for _, t in words if t.strip(".:-").isdigit())
    marked = sum(1 for _, t in words if is_na(t) and any(c.isalpha() for c in t))
    return decimal + marked > 0 and decimal + marked >= MIN_SCORE_SHARE * (decimal + marked + whole)


def split_group(cols: tuple[Layout, list[float]], header: list[VLine], rows: list[VLine]) -> tuple[Layout, list[float]]:
    """One group label ('Metas') over two score columns whose sub-labels OCR lost: the two score
    columns nearest to it, individual and collective in the order the prose names them."""
    lay, centres = cols
    if "ind" in lay.flat or "col" in lay.flat:
        return cols
    groups = _group_columns(header)
    scores = _score_columns(rows)
    if len(groups) != 1 or len(scores) < 2:
        return cols
    taken = [c for c, r in zip(centres, lay.flat) if r in ("comp", "final")]
    free = [x for x in scores if all(abs(x - t) > SCORE_COLUMN_GAP for t in taken)]
    pair = sorted(sorted(free, key=lambda x: abs(x - groups[0]))[:2])
    if len(pair) != 2 or not pair[0] < groups[0] < pair[1]:
        return cols
    order = goal_order(" ".join(ln.text for ln in header))
    merged = sorted([*zip(centres, lay.flat), (pair[0], order[0]), (pair[1], order[1])])
    return Layout(tuple((r,) for _, r in merged), lay.guessed | {"ind", "col"}), [x for x, _ in merged]


def lost_numbering(cols: tuple[Layout, list[float]], rows: list[VLine]) -> tuple[Layout, list[float]]:
    """A running-number column whose header OCR lost ('#' read as a quote): when a text column
    comes first and most scored lines open with a whole number standing left of its words, and
    the numbers mostly rise, the numbers' column is put back before it (else each number reads
    as a score and the row's name is lost)."""
    lay, centres = cols
    if ("numero",) in lay.roles:
        return _numbering_seen(cols, rows)
    if not lay.roles or lay.roles[0][:1] not in (("nombre",), ("cargo",), ("entidad",)):
        return cols
    firsts = [ln.words[0] for ln in rows if ln.words]
    numbers = [w for w in firsts if running_number(w.text) is not None]
    names_from = min((w.bbox.x0 for ln in rows for w in ln.words[1:2] if not w.text.strip(".:-").isdigit()), default=0)
    numbers = [w for w in numbers if w.bbox.x1 < names_from]
    values = [running_number(w.text) for w in sorted(numbers, key=lambda w: w.bbox.top)]
    if not is_running_numbering(values, len(rows)):
        return cols
    log.debug("a running-number column the header lost: %d numbers left of the names", len(numbers))
    return lay.with_roles((("numero",), *lay.roles)), [median(w.bbox.x_center for w in numbers), *centres]


def _numbering_seen(cols: tuple[Layout, list[float]], rows: list[VLine]) -> tuple[Layout, list[float]]:
    """The layout without its numbering column when almost no scored line has a whole number
    under it: OCR made a header word of a speck ('Ñ' read as 'N', a 'No.' label) and the column
    would cut the names in two."""
    lay, centres = cols
    k = lay.roles.index(("numero",))

    def nearest(x: float) -> int:
        return min(range(len(centres)), key=lambda j: abs(centres[j] - x))

    seen = sum(
        1 for ln in rows if any(w.text.strip(".:-").isdigit() and nearest(w.bbox.x_center) == k for w in ln.words)
    )
    if not rows or seen >= NUMBERING_MIN_SHARE * len(rows):
        return cols
    log.debug("the header's numbering column holds %d numbers in %d rows: no column", seen, len(rows))
    return lay.with_roles(lay.roles[:k] + lay.roles[k + 1 :]), centres[:k] + centres[k + 1 :]


def fill_lost_column(
    cols: tuple[Layout, list[float]], rows: list[VLine], named: tuple[str, ...]
) -> tuple[Layout, list[float]]:
    """Columns of scores in the body that no score label stands over ('Metas institucionales'
    OCR'd as 'ciao'): each label takes the score column nearest to it; one column left over
    takes the one score role the document names and the header lacks (header.with_lost_role),
    several stay unnamed (empty roles) for the arithmetic to name (name_blank_columns)."""
    lay, centres = cols
    free = _score_columns(rows)
    for x, r in zip(centres, lay.flat):
        if r in SCORE_ROLES and free:
            free.remove(min(free, key=lambda s: abs(s - x)))
    free = [f for f in free if all(abs(f - x) > SCORE_COLUMN_GAP for x in centres)]
    if not free:
        return cols
    merged = sorted([*zip(centres, lay.roles), *((x, ()) for x in free)])
    out = lay.with_roles(r for _, r in merged), [x for x, _ in merged]
    if len(free) == 1:
        filled = with_lost_role(out[0], [out[1].index(free[0])], named)
        return (filled, out[1]) if all(filled.roles) else out
    return out


def lost_level(cols: tuple[Layout, list[float]], rows: list[VLine]) -> tuple[Layout, list[float]]:
    """A level column whose label OCR lost ('esempeño'): when most scored lines end in words that
    are no scores, standing right of the last score column, that is the level's column (else the
    level runs into the final's cell and the row is read by its words)."""
    lay, centres = cols
    if "nivel" in lay.flat or not lay.scores or not rows:
        return cols
    last = max(x for x, r in zip(centres, lay.flat) if r in SCORE_ROLES)
    ends = []
    for ln in rows:
        words = [w for w in ln.words if w.bbox.x0 > last + SCORE_COLUMN_GAP and not is_score(w.text)]
        if any(sum(c.isalpha() for c in w.text) >= MIN_LEVEL_LETTERS for w in words):
            ends.append(min(w.bbox.x0 for w in words))
    if len(ends) < LOST_LEVEL_SHARE * len(rows):
        return cols
    log.debug("a level column the header lost: %d of %d rows end in words", len(ends), len(rows))
    return lay.with_roles((*lay.roles, ("nivel",))), [*centres, median(ends) + SCORE_COLUMN_GAP]

"""The score table read from word geometry: columns from the header's words and the body's
gutters, rows from the lines that hold scores.

Why, beside the shared table reader: a table without rulings whose names and posts wrap inside
their cells prints its scores on one line and the wrapped words on the lines above and below it
(numbers centred in their row); a reader that makes rows from lines sees three rows, or none.
Here every line holding scores is a row, and each line of words without scores belongs to the
scored line nearest to it. Columns: each header label's words give its column's centre; the
cut between two neighbouring columns is the gap no body word crosses. Same on a text layer and
on OCR'd words (lines are rebuilt from the words' boxes, as OCR groups them by column).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from statistics import median

from papeleo.model import BBox, Page, Word
from papeleo.text.normalize import fold

from .header import GROUP_WORDS, HEADER_WORD, SCORE_ROLES, VOCAB, Layout, goal_order, with_lost_role
from .rows import Hints, RawRow, read_row
from .stream import _role_of_word, furniture_key, header_layout
from .tokens import is_score, score_words

log = logging.getLogger(__name__)

# words whose vertical centres are within this share of the median word height are on one line
LINE_TOLERANCE = 0.5
# a wrapped line belongs to the scored line nearest to it, within this many line heights (three
# lines of a cell centred on its numbers are one line away; a running header is many)
ATTACH_LINES = 1.8
# the table ends at the first line this many line heights below the last scored line
END_GAP_LINES = 3.0
# a header line's labels stand at least this many word heights apart; prose words are one space apart
LABEL_GAP = 1.5
# a line of this many words or fewer may be a header line whatever its gaps ('Metas', 'final desempeño')
SHORT_LINE_WORDS = 4
# words a header label continues with on its own line ('Competencias' / 'laborales', 'Nivel de
# desempeño' / 'alcanzado'); a line of only these and role words under the header is the header's
LABEL_FILLERS = frozenset(VOCAB["label_fillers"])
# share of a line's words that are header words ('Evaluado(a) Plaza productividad Desempeño') for
# it to be read as a header line; a first row's wrapped line above its scores ('Berenice Teresa
# Karla Olvera Enlace de Alto Nivel de') has a few ('Nivel', 'de') and would place a column
LABEL_LINE_SHARE = 0.5
# two group labels this many points apart head two columns (one label's words are closer)
GROUP_APART = 20.0
# score words whose centres are this close (points) stand in one column
SCORE_COLUMN_GAP = 12.0
# share of a column's score-like words that are more than a whole number ('8,333', 'N/A'): below
# it the column is a running number. Scores printed without decimals ('85', '100') would read as
# one; the family prints two or three decimals
MIN_SCORE_SHARE = 0.5
# scored lines that must open with a running number left of the names for a numbering column
# the header lost to be put back (and share of rises among them: OCR misreads some digits);
# fewer may be marks OCR made digits of
LOST_NUMBERING_SHARE = 0.6
LOST_NUMBERING_MIN_ROWS = 3
# a header is looked for in this many lines above the first scored line
HEADER_LOOKBACK = 8


@dataclass(frozen=True)
class VLine:
    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        return min(w.bbox.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bbox.bottom for w in self.words)

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def n_scores(self) -> int:
        return sum(is_score(w) for w in score_words([w.text for w in self.words]))


def visual_lines(page: Page) -> tuple[list[VLine], float]:
    """The page's words as lines by their vertical centres, and the median word height."""
    words = sorted((w for w in page.words if w.bbox is not None and w.text.strip()), key=lambda w: w.bbox.y_center)
    if not words:
        return [], 0.0
    height = median(w.bbox.height for w in words)
    lines: list[list[Word]] = []
    for w in words:
        if lines and abs(w.bbox.y_center - median(x.bbox.y_center for x in lines[-1])) <= LINE_TOLERANCE * height:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [VLine(tuple(sorted(ln, key=lambda w: w.bbox.x0))) for ln in lines], height


def _tabular(line: VLine) -> bool:
    """A header line: its labels stand apart (wide gaps) or it is a label or two; a line of prose
    ('... la calificación final y las competencias ...') runs on with single spaces."""
    if len(line.words) <= SHORT_LINE_WORDS:
        return True
    height = median(w.bbox.height for w in line.words)
    gaps = [b.bbox.x0 - a.bbox.x1 for a, b in zip(line.words, line.words[1:])]
    return max(gaps) > LABEL_GAP * height


def _label_words(line: VLine) -> list[str]:
    return [m.group() for w in line.words if (m := HEADER_WORD.search(w.text))]


def _label_share(line: VLine) -> float:
    """Share of a line's words that a header prints: role words, label fillers, group labels."""
    words = _label_words(line)
    labels = [w for w in words if _role_of_word(w) or fold(w) in LABEL_FILLERS or fold(w) in GROUP_WORDS]
    return len(labels) / len(words) if words else 0.0


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
    if any(not _tabular(ln) for ln in lines):
        return None
    lines = [ln for ln in lines if _label_share(ln) >= LABEL_LINE_SHARE]
    if header_layout([ln.text for ln in lines]) is None:
        return None
    xs: dict[str, list[float]] = {}
    for ln in lines:
        words = [w for w in ln.words if HEADER_WORD.search(w.text)]
        texts = [HEADER_WORD.search(w.text).group() for w in words]  # 'No.' → 'No'
        for i, w in enumerate(words):
            role = _role_of_word(texts[i])
            ahead = [_role_of_word(t) for t in texts[i + 1 : i + 3]]
            if role is None or texts[i].lower() in GROUP_WORDS:
                continue
            if role in ("nivel", "final") and any(r in ("ind", "col", "comp") for r in ahead):
                continue
            xs.setdefault(role, []).append(w.bbox.x_center)
    if "ind" not in xs and "col" not in xs and len(groups := _group_columns(lines)) >= 2:
        # 'Metas Ind.' | 'Metas Col.' whose sub-labels OCR lost: the two group labels' columns
        for role, x in zip(goal_order(" ".join(ln.text for ln in lines)), groups):
            xs[role] = [x]
    roles = sorted(xs, key=lambda r: median(xs[r]))
    lay = Layout(tuple((r,) for r in roles))
    return (lay, [median(xs[r]) for r in roles]) if lay.is_score_table else None


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


def _cells(lines: list[VLine], edges: list[float], n: int) -> tuple[str, ...]:
    cells: list[list[str]] = [[] for _ in range(n)]
    for ln in sorted(lines, key=lambda v: v.mid):
        for w in ln.words:
            k = sum(1 for e in edges if w.bbox.x_center > e)
            cells[k].append(w.text)
    return tuple(" ".join(c) for c in cells)


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
    return [
        median(x for x, _ in g)
        for g in groups
        if len(g) >= max(1, len(rows) // 3)
        and sum(1 for _, t in g if not t.strip(".:-").isdigit()) >= MIN_SCORE_SHARE * len(g)
    ]


def _split_group(
    cols: tuple[Layout, list[float]], header: list[VLine], rows: list[VLine]
) -> tuple[Layout, list[float]]:
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
    return Layout(tuple((r,) for _, r in merged)), [x for x, _ in merged]


def _lost_numbering(cols: tuple[Layout, list[float]], rows: list[VLine]) -> tuple[Layout, list[float]]:
    """A running-number column whose header OCR lost ('#' read as a quote): when the names come
    first and most scored lines open with a whole number standing left of every name word, and
    the numbers mostly rise, the numbers' column is put back before the names' (else each number
    reads as a score and the row's name is lost)."""
    lay, centres = cols
    if "numero" in lay.flat or not lay.roles or lay.roles[0] != ("nombre",) or len(rows) < LOST_NUMBERING_MIN_ROWS:
        return cols
    firsts = [ln.words[0] for ln in rows if ln.words]
    numbers = [w for w in firsts if w.text.strip(".:-").isdigit() and len(w.text.strip(".:-")) <= 3]
    names_from = min((w.bbox.x0 for ln in rows for w in ln.words[1:2] if not w.text.strip(".:-").isdigit()), default=0)
    numbers = [w for w in numbers if w.bbox.x1 < names_from]
    values = [int(w.text.strip(".:-")) for w in sorted(numbers, key=lambda w: w.bbox.top)]
    rises = sum(1 for a, b in zip(values, values[1:]) if a < b)  # OCR misreads some ('8' for '6')
    if len(numbers) < LOST_NUMBERING_SHARE * len(rows) or rises < LOST_NUMBERING_SHARE * (len(values) - 1):
        return cols
    log.debug("a running-number column the header lost: %d numbers left of the names", len(numbers))
    return Layout((("numero",), *lay.roles)), [median(w.bbox.x_center for w in numbers), *centres]


def _fill_lost_column(
    cols: tuple[Layout, list[float]], rows: list[VLine], named: set[str]
) -> tuple[Layout, list[float]]:
    """A column of scores in the body that no score label stands over ('Metas institucionales'
    OCR'd as 'ciao'): each label takes the score column nearest to it, and the one left over
    takes the one score role the document names and the header lacks (header.with_lost_role)."""
    lay, centres = cols
    scores = _score_columns(rows)
    free = list(scores)
    for x, r in zip(centres, lay.flat):
        if r in SCORE_ROLES and free:
            free.remove(min(free, key=lambda s: abs(s - x)))
    if len(free) != 1 or any(abs(free[0] - x) <= SCORE_COLUMN_GAP for x in centres):
        return cols
    merged = sorted([*zip(centres, lay.roles), (free[0], ())])
    filled = with_lost_role(Layout(tuple(r for _, r in merged)), [[x for x, _ in merged].index(free[0])], named)
    if not all(filled.roles):
        return cols
    return filled, [x for x, _ in merged]


def read_page(
    page: Page,
    hints: Hints,
    carried: tuple[Layout, list[float]] | None,
    skip: frozenset[str] = frozenset(),
    named: frozenset[str] = frozenset(),
) -> tuple[list[RawRow], tuple | None]:
    """The page's score rows, and the columns to carry to the next page."""
    lines, height = visual_lines(page)
    anchors = [
        i for i, ln in enumerate(lines) if ln.n_scores >= 2 and _tabular(ln) and furniture_key(ln.text) not in skip
    ]
    if not anchors:
        return [], None
    first, cols, k = anchors[0], None, 0
    for a in anchors:  # the first scored line under a header (a prose line may hold two numbers)
        for k in range(max(0, a - HEADER_LOOKBACK), a):
            cols = header_columns(lines[k:a])
            if cols is not None:
                break
        if cols is not None:
            first = a
            break
    start = first
    if cols is not None:  # the header ends at its last line of label words ('alcanzado', 'Ind. Col.')
        start = 1 + max(
            i
            for i in range(k, first)
            if _label_share(lines[i]) >= LABEL_LINE_SHARE and any(_role_of_word(t) for t in _label_words(lines[i]))
        )
        while start < first and all(_role_of_word(t) or fold(t) in LABEL_FILLERS for t in _label_words(lines[start])):
            start += 1
    elif carried is None:
        return [], None
    else:  # the table carries on from the page before: its first row's upper lines are above it
        cols, start = carried, 0
    if cols is not None and carried is not cols and k < first:
        scored = [lines[a] for a in anchors if a >= first]
        cols = _fill_lost_column(_split_group(cols, lines[k:first], scored), scored, named)
    cols = _lost_numbering(cols, [lines[a] for a in anchors if a >= first])
    lay, centres = cols
    # a scored line holds (nearly) every score column: the universe table's '15 20% 3' is no row
    anchors = [a for a in anchors if lines[a].n_scores >= max(2, len(lay.scores) - 1)]
    if first not in anchors:
        return [], cols
    last = first
    for i in (a for a in anchors if a >= first):
        if lines[i].top - lines[last].bottom > END_GAP_LINES * height:
            break
        last = i
    body_idx = list(range(first, last + 1))
    rows_at = [i for i in body_idx if lines[i].n_scores >= 2]
    groups: dict[int, list[VLine]] = {i: [lines[i]] for i in rows_at}
    tail = [i for i in range(last + 1, len(lines)) if lines[i].top - lines[last].bottom <= ATTACH_LINES * height]
    above = [i for i in range(start, first) if lines[first].top - lines[i].bottom <= ATTACH_LINES * height]
    for i in [*above, *body_idx, *tail]:
        if i in groups or not _tabular(lines[i]) or furniture_key(lines[i].text) in skip:
            continue  # a line of prose or a running header or footer is no wrapped cell
        near = min(rows_at, key=lambda j: abs(lines[j].mid - lines[i].mid))
        if abs(lines[near].mid - lines[i].mid) <= (ATTACH_LINES + 0.5) * height:
            groups[near].append(lines[i])
    edges = cuts(centres, [ln for g in groups.values() for ln in g])
    out = []
    for i in rows_at:
        cells = _cells(groups[i], edges, len(centres))
        row = read_row(cells, lay, hints)
        row.page = page.number
        row.bbox = BBox.union(w.bbox for ln in groups[i] for w in ln.words)
        words = [w for ln in groups[i] for w in ln.words]
        row.confidence = sum(w.confidence for w in words) / len(words)
        out.append(row)
    return out, cols


def read_geometry(
    pages: list[Page], hints: Hints, skip: frozenset[str] = frozenset(), named: frozenset[str] = frozenset()
) -> list[RawRow]:
    """Every page's score rows, a table's columns carried onto the next page; ``skip``: the
    document's running headers and footers (``stream.furniture``); ``named``: the score roles
    its prose names (header.named_factors)."""
    out: list[RawRow] = []
    carried = None
    for page in pages:
        rows, carried = read_page(page, hints, carried, skip, named)
        out.extend(rows)
    return out

"""Header rows -> one name per column, and telling a header from a data row.

Headers are often two lines: a group label over the columns it spans (``Metas`` over
``Individuales | Colectivas``). Every reader turns its header into *pieces* — a text and
the first and last column it covers — from whatever says what spans what: merged cells
of a ruled grid, the x-extent of a label over whitespace columns, or an empty tab cell
after a label in tab-separated text. A column's name is the pieces covering it, top to
bottom: ``Metas Individuales``, ``Metas Colectivas``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from papeleo.model import BBox, Word
from papeleo.text.normalize import strip_accents

from .gutters import MIN_GUTTER_HEIGHTS, Columns
from .model import Row
from .words import line_box, line_to_phrases, words_to_text, words_to_word_lines

# A cell that is a bare quantity — what a data row holds and a header does not:
# '9,583', '1,250.00', '$ 4,300', '-2.5', '85%', '12'.
_NUMBER = re.compile(r"^[-+−]?\s?\$?\s?\d[\d.,\s]*%?$")
# A year, which is a common header ('2023 | 2024 | Variación') as well as a value.
_YEAR = re.compile(r"^(?:19|20)\d{2}$")
# What fills a numeric cell that has no number: 'N/A', 'NA', 'n.a.', '-', '—', 'S/D', 'ND'.
_NO_VALUE = re.compile(r"^(?:n/?a|n\.a\.|s/d|n/?d|-+|—|–)$", re.I)
# A column is numeric when this share of its filled body cells are numbers or no-value marks.
NUMERIC_COLUMN_SHARE = 0.6
# A label whose centre is within this share of its width from a cut is centred on the cut,
# over the columns either side ('Metas' over 'Individuales | Colectivas').
ON_CUT_SHARE = 0.15
# Two runs of columns are centred equally well under a group label when their middles are
# within this share of the label's width of each other (OCR boxes jitter by a few points).
CENTRED_TOLERANCE = 0.1
# Words at most this many word heights apart are separated by a word space: a text-layer
# space is 0.28 of the height, an OCR one (boxes hug the glyphs) about 0.45.
WORD_SPACE_SHARE = 0.5
# A word lies in one column when this share of its width is inside it.
OWN_COLUMN_SHARE = 0.75
# Two headers are the same (a header repeated on the next page) at this similarity
# (rapidfuzz ratio on the normalised names): tolerant of an OCR misread or two.
SAME_HEADER_RATIO = 85
# ... for at least this share of the columns named in either header.
SAME_HEADER_SHARE = 0.6
# A placeholder name given to a column without header text: 'col3'.
_GENERIC = re.compile(r"^(?:col\d+)?$")


@dataclass(frozen=True, slots=True)
class HeaderPiece:
    text: str
    first: int  # first column covered
    last: int  # last column covered
    top: float  # vertical order: a y in points, or a row index
    x: float  # horizontal order within a line


def is_number(text: str) -> bool:
    t = text.strip()
    return bool(_NUMBER.match(t)) and not _YEAR.match(t)


def is_numberish(text: str) -> bool:
    t = text.strip()
    return bool(_NUMBER.match(t) or _NO_VALUE.match(t))


def texts_look_like_header(texts: Sequence[str]) -> bool:
    """A first row is taken as the header unless it holds a bare number (a table
    continued from the previous page starts with a data row)."""
    filled = [t for t in texts if t.strip()]
    return bool(filled) and not any(is_number(t) for t in filled)


def numeric_columns(rows: Sequence[Sequence[str]]) -> set[int]:
    out: set[int] = set()
    width = max((len(r) for r in rows), default=0)
    for c in range(width):
        values = [r[c] for r in rows if c < len(r) and r[c].strip()]
        if len(values) >= 2 and sum(is_numberish(v) for v in values) >= NUMERIC_COLUMN_SHARE * len(values):
            out.add(c)
    return out


def header_rows_by_column_types(header: list[Row], body: list[Row], max_extra: int = 2) -> tuple[list[Row], list[Row]]:
    """Move leading body rows into the header when they put words where the rest of the
    body has numbers: the second line of a header (``Individuales  Colectivas``) read as
    a row of its own."""
    if not header:
        return header, body
    header, body = list(header), list(body)
    for _ in range(max_extra):
        if len(body) < 3:
            break
        numeric = numeric_columns([r.texts for r in body[1:]])
        first = body[0].texts
        values = [first[c] for c in numeric if c < len(first) and first[c].strip()]
        if not values or any(is_numberish(v) for v in values) or not texts_look_like_header(first):
            break
        header.append(body.pop(0))
    return header, body


def pieces_to_names(pieces: Sequence[HeaderPiece], n_columns: int) -> tuple[str, ...]:
    ordered = sorted(pieces, key=lambda p: (p.top, p.x))
    names = []
    for c in range(n_columns):
        parts: list[str] = []
        for p in ordered:
            if p.first <= c <= p.last and p.text and (not parts or parts[-1] != p.text):
                parts.append(p.text)
        names.append(" ".join(parts))
    return unique_names(names)


def unique_names(names: Sequence[str]) -> tuple[str, ...]:
    """Empty names become ``col1``, ``col2`` ... (by position); a repeated name gets
    `` (2)``, `` (3)`` so that ``Table.to_rows`` loses no column."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        name = " ".join(name.split()) or f"col{i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return tuple(out)


def rows_to_pieces(rows: Sequence[Row]) -> list[HeaderPiece]:
    """Pieces from header rows whose cells carry their spans (ruled grids, HTML)."""
    pieces = []
    for r, row in enumerate(rows):
        for c, cell in enumerate(row.cells):
            if not cell.is_empty:
                pieces.append(
                    HeaderPiece(cell.text, c, min(len(row.cells) - 1, c + cell.col_span - 1), float(r), float(c))
                )
    return pieces


def text_rows_to_pieces(rows: Sequence[Sequence[str]]) -> list[HeaderPiece]:
    """Pieces from header lines of tab-separated text, where a label spanning columns is
    followed by empty cells (``Metas<TAB><TAB>Competencias`` over ``Individuales<TAB>Colectivas``):
    a label whose own column has a sub-label below takes the empty cells after it that
    also have sub-labels below."""
    pieces = []
    for r, row in enumerate(rows):
        below = [any(c < len(lower) and lower[c].strip() for lower in rows[r + 1 :]) for c in range(len(row))]
        for c, text in enumerate(row):
            if not text.strip():
                continue
            last = c
            if below[c]:
                while last + 1 < len(row) and not row[last + 1].strip() and below[last + 1]:
                    last += 1
            pieces.append(HeaderPiece(text.strip(), c, last, float(r), float(c)))
    return pieces


def header_words_to_pieces(
    words: Sequence[Word], columns: Columns, gap: float, body: Sequence[Word] = ()
) -> list[HeaderPiece]:
    """Pieces from the words of a header drawn without vertical rulings. Each line is cut
    into labels (at wide gaps, and where consecutive words sit wholly in different
    columns). A label with sub-labels under it is a group label: it covers the run of
    columns, among those with a sub-label and no label of their own beside it, whose
    middle is nearest its own — typesetters centre a group label over its group. Any
    other label covers the columns it overlaps enough (or the one its centre is in)."""
    labels = [label for line in words_to_word_lines(words) for label in _line_to_labels(line, columns, gap)]
    boxes = [line_box(label) for label in labels]
    spans = [label_span(b.x0, b.x1, columns) for b in boxes]
    groups = {i for i, b in enumerate(boxes) if any(_below(o, b) and _overlaps_x(o, b) for o in boxes)}
    extents = _column_extents(
        columns, [*body, *(w for i, label in enumerate(labels) if i not in groups for w in label)]
    )
    pieces = []
    for i, (label, box) in enumerate(zip(labels, boxes)):
        first, last = spans[i]
        if i in groups:
            candidates = {c for j, o in enumerate(boxes) if _below(o, box) for c in range(spans[j][0], spans[j][1] + 1)}
            candidates -= {
                c
                for j, o in enumerate(boxes)
                if j != i and _beside(o, box)
                for c in range(spans[j][0], spans[j][1] + 1)
            }
            first, last = _centred_run(box, candidates, extents, columns) or (first, last)
        pieces.append(HeaderPiece(words_to_text(label), first, last, box.top, box.x0))
    return pieces


def _below(other: BBox, box: BBox) -> bool:
    return other.top >= box.y_center


def _beside(other: BBox, box: BBox) -> bool:
    """Vertically level with ``box`` (a label of its own line, not a sub-label)."""
    return other.top < box.bottom and box.top < other.bottom


def _overlaps_x(other: BBox, box: BBox) -> bool:
    return other.x0 < box.x1 and box.x0 < other.x1


def _column_extents(columns: Columns, words: Sequence[Word]) -> list[tuple[float, float]]:
    """Where each column's text is (its cut bounds when it has none)."""
    extents = [list(columns.bounds(i)) + [False] for i in range(len(columns))]
    for w in words:
        e = extents[columns.column_of(w)]
        box = w.bbox
        assert box is not None
        e[0], e[1], e[2] = (box.x0, box.x1, True) if not e[2] else (min(e[0], box.x0), max(e[1], box.x1), True)
    return [(e[0], e[1]) for e in extents]


def _centred_run(
    box: BBox, candidates: set[int], extents: Sequence[tuple[float, float]], columns: Columns
) -> tuple[int, int] | None:
    """The run of candidate columns, containing the label's centre column or a neighbour
    of it, whose text is centred under the label. Runs centred equally well (a label over
    T1..T4 is as centred over T2..T3) go to the widest: sub-labels next to a group label
    and under nothing else belong to it."""
    centre = box.x_center
    home = columns.index_of(centre)
    runs: list[tuple[float, int, int]] = []
    for a in sorted(candidates):
        for b in range(a, len(extents)):
            if b not in candidates:
                break
            if a - 1 <= home <= b + 1:
                runs.append((abs((extents[a][0] + extents[b][1]) / 2 - centre), a, b))
    if not runs:
        return None
    best = min(r[0] for r in runs)
    close = [r for r in runs if r[0] <= best + CENTRED_TOLERANCE * box.width]
    _, a, b = max(close, key=lambda r: (r[2] - r[1], -r[0]))
    return a, b


def _line_to_labels(line: Sequence[Word], columns: Columns, gap: float) -> list[list[Word]]:
    """Labels of one header line: phrases (split at gutter-wide gaps), themselves split
    where two words wider apart than a word space sit wholly in different columns
    ('Individuales  Colectivas' set close together), but not at a mere word space
    ('Avance trimestral' centred over a cut)."""
    space = WORD_SPACE_SHARE * gap / MIN_GUTTER_HEIGHTS
    labels: list[list[Word]] = []
    for phrase in line_to_phrases(line, gap):
        for word in phrase:
            if word is phrase[0]:
                labels.append([word])
                continue
            prev = labels[-1][-1]
            prev_col, col = own_column(prev, columns), own_column(word, columns)
            apart = word.bbox.x0 - prev.bbox.x1 > space  # type: ignore[union-attr]
            if apart and prev_col is not None and col is not None and prev_col != col:
                labels.append([word])
            else:
                labels[-1].append(word)
    return labels


def own_column(word: Word, columns: Columns) -> int | None:
    """The column holding nearly all of the word, or None for a word astride a cut."""
    box = word.bbox
    assert box is not None
    i = columns.index_of(box.x_center)
    lo, hi = columns.bounds(i)
    inside = max(0.0, min(box.x1, hi) - max(box.x0, lo))
    return i if box.width <= 0 or inside >= OWN_COLUMN_SHARE * box.width else None


def label_span(x0: float, x1: float, columns: Columns) -> tuple[int, int]:
    """The column a label is centred over; both columns either side of a cut when it is
    centred on the cut (a group label whose sub-labels were not read). Centred, not
    overlapping: a header is often wider than its column's cells and pokes into the next
    column's space ('PROPEDÉUTICO' over a column of 'SI', beside a column of 'N/A')."""
    centre = (x0 + x1) / 2
    i = columns.index_of(centre)
    lo, hi = columns.bounds(i)
    near = ON_CUT_SHARE * (x1 - x0)
    if i > 0 and centre - lo <= near:
        return i - 1, i
    if i < len(columns) - 1 and hi - centre <= near:
        return i, i + 1
    return i, i


def normalise_name(text: str) -> str:
    t = strip_accents(text.lower())
    return " ".join("".join(ch for ch in t if ch.isalnum() or ch.isspace()).split())


def same_header(a: Sequence[str], b: Sequence[str]) -> bool:
    """Are two tables' column names the same header (repeated on a new page)? Compared
    column by column, so that OCR garbling a few labels ('TAlcanzado', '= = Indicador')
    or losing one does not hide the repetition: most named columns must match."""
    if len(a) != len(b) or not a:
        return False
    named = [(normalise_name(x), normalise_name(y)) for x, y in zip(a, b)]
    named = [(x, y) for x, y in named if not _GENERIC.match(x) or not _GENERIC.match(y)]
    if not named:
        return False
    matches = sum(1 for x, y in named if x and y and fuzz.token_set_ratio(x, y) >= SAME_HEADER_RATIO)
    return matches >= SAME_HEADER_SHARE * len(named)

"""Columns of a MIR table from word boxes: which x-range is Nivel, Resumen, Meta, T1, ...

A PDF's text layer (pdfplumber words) and a scan's OCR (tesseract words) both give every
word its box, so the table's columns can be read from the page itself instead of from the
order words happen to come out in — the order a wide table's cells are read in is exactly
what OCR and PDF-to-text get wrong. The header says what each column is; the body says
where each column really is (right-aligned numbers share their right edge, and the gutters
between columns are x-ranges no body word covers). When the header is garbled (a scan whose
'T1 ... T4' labels were lost), the numeric columns are labeled by their order, which MIR
formats share: Meta anual, programado T1..T4, alcanzado T1..T4.
"""

from __future__ import annotations

import json
import logging
import statistics
from dataclasses import dataclass, field
from pathlib import Path

import regex
from rapidfuzz import fuzz

from papeleo.model import Page, Word
from papeleo.text.normalize import strip_accents
from papeleo.text.quarters import ORDINAL_EXACT, QUARTER_LABEL

from .lexicon import MIN_FUZZY_LEN
from .numbers import parse_amount
from .types import ALC, PROG

log = logging.getLogger(__name__)

_DATA = json.loads(Path(__file__).with_name("layout.json").read_text(encoding="utf-8"))
# the words a header prints over each kind of column, accent-free lowercase
HEADER_WORDS: dict[str, list[str]] = _DATA["header"]

TEXT_KINDS = ("nivel", "resumen", "indicador", "frecuencia", "unidad", "comentario")
# '%', '% de avance' — a percentage column, not a quantity
PCT_HEADER = regex.compile(r"^%$|^\(%\)$")
# words between header words: 'Unidad de medida', 'Meta anual de la'
CONNECTORS = {"de", "del", "la", "las", "y", "el", "%", "(%)", "a"}
# punctuation OCR glues to a header word: '(Frecuencia', 'Anual:'
HEADER_PUNCT = ".,;:|()[]{}'\"“”¡!¿?*_-"

# rapidfuzz ratio above which a header word names a column kind ('TAlcanzado', 'Frecuencla');
# header words are few and distinct, so OCR damage is tolerated more than in cells
HEADER_MIN_RATIO = 85
# Words whose vertical centres are this close (pt) share a visual line.
LINE_TOLERANCE = 4.0
# A header names at least this many column kinds on one line: fewer is a sentence.
MIN_HEADER_KINDS = 3
# Stacked header lines ('Unidad de' / 'medida') lie within this many points of the main one.
HEADER_BAND_PT = 26
# Numbers of one column share their right edge to within this many points.
RIGHT_EDGE_TOLERANCE = 5
# A number is a table cell when at least this many other numbers share its line.
MIN_ROW_NEIGHBOURS = 2
# A numeric column needs cells on at least a quarter of the table's lines (never fewer
# than two, never more than three required): a stray number is not a column.
COLUMN_LINE_SHARE = 4
MIN_COLUMN_CELLS = 2
MAX_COLUMN_CELLS_REQUIRED = 3
# Skew tolerated (pt) when deciding that two words overlap vertically.
OVERLAP_SLACK = 1.5
# Column centres closer than this (pt) have no gutter worth measuring between them.
MIN_GUTTER_SPAN = 2
# The numeric area ends this far (pt) left of the Comentario header.
COMMENT_MARGIN = 2
# A table has at least this many columns, one of them numeric.
MIN_COLUMNS = 3
# A repeated header's text columns within this many points of the previous page's are the same table.
SAME_TEMPLATE_PT = 10
# A group label ('Programado') may sit this far (pt) outside its run of quarter columns.
GROUP_LABEL_SLACK = 10
# the outermost columns reach the page edges
UNBOUNDED = 1e9


@dataclass
class Column:
    kind: str  # a TEXT_KINDS member, or 'num'
    left: float
    right: float
    center: float
    label: str | None = None  # numeric field ('meta_anual', 'programado_t1', ...)
    header: list[str] = field(default_factory=list)


@dataclass
class Layout:
    """A page's table: its columns and the y where the body starts."""

    columns: list[Column]
    body_top: float
    header_found: bool

    def column_at(self, x: float) -> Column | None:
        for c in self.columns:
            if c.left <= x < c.right:
                return c
        return None

    def text_column(self, kind: str) -> Column | None:
        return next((c for c in self.columns if c.kind == kind), None)

    @property
    def numeric(self) -> list[Column]:
        return [c for c in self.columns if c.kind == "num"]


def norm(text: str) -> str:
    """A header word as HEADER_WORDS lists it: accents off ('Medición'), lowercase, and
    without the punctuation OCR glues to it."""
    return strip_accents(text).lower().strip(HEADER_PUNCT)


def header_kind(word: str) -> str | None:
    """The column kind a header word names, OCR-tolerant ('TAlcanzado', 'Frecuencla')."""
    t = norm(word)
    if not t:
        return None
    best, score = None, 0.0
    for kind, variants in HEADER_WORDS.items():
        for v in variants:
            if len(t) < MIN_FUZZY_LEN or len(v) < MIN_FUZZY_LEN:
                s = 100.0 if t == v else 0.0
            else:
                s = fuzz.ratio(t, v)
            if s > score:
                best, score = kind, s
    return best if score >= HEADER_MIN_RATIO else None


def quarter_of(word: str) -> int | None:
    """The quarter a header label names: 'T2', '2do', 'segundo' -> 2. The ordinal word is
    matched exactly (after ``norm``): a fuzzy match would read column words as quarters."""
    m = QUARTER_LABEL.match(word.strip(".,:;|()"))
    if m:
        return int(m.group("a") or m.group("b") or m.group("c"))
    return ORDINAL_EXACT.get(norm(word))


def y_lines(words: list[Word], tol: float = LINE_TOLERANCE) -> list[list[Word]]:
    """Words grouped into visual lines by their vertical centre (no reliance on reading order)."""
    ws = sorted((w for w in words if w.bbox is not None), key=lambda w: w.bbox.y_center)
    out: list[list[Word]] = []
    for w in ws:
        if out and abs(w.bbox.y_center - statistics.fmean(x.bbox.y_center for x in out[-1])) <= tol:
            out[-1].append(w)
        else:
            out.append([w])
    return [sorted(line, key=lambda w: w.bbox.x0) for line in out]


def is_number(word: Word) -> bool:
    return parse_amount(word.text.strip("|;:'\"“”()[]")) is not None


def find_header(words: list[Word]) -> tuple[list[Word], float] | None:
    """The header band: the line naming the most column kinds (at least three) and the
    header words stacked within a few lines of it. Returns its words and its bottom."""
    lines = y_lines(words)
    best, best_n = None, 0
    for i, line in enumerate(lines):
        kinds = {header_kind(w.text) for w in line} - {None}
        if len(kinds) > best_n:
            best, best_n = i, len(kinds)
    if best is None or best_n < MIN_HEADER_KINDS:
        return None
    y0 = statistics.fmean(w.bbox.y_center for w in lines[best])
    band = [w for w in lines[best] if _headerish(w)]
    for step in (-1, 1):  # stacked header lines ('Unidad de' / 'medida', 'T1 T2 ...')
        i = best + step
        while 0 <= i < len(lines):
            line = lines[i]
            y = statistics.fmean(w.bbox.y_center for w in line)
            if (
                abs(y - y0) > HEADER_BAND_PT
                or sum(_headerish(w) for w in line) * 2 < len(line)
                or any(is_number(w) for w in line)
            ):
                break  # a body line: the first row's cells
            band.extend(w for w in line if _headerish(w))
            i += step
    bottom = max(w.bbox.bottom for w in band)
    return band, bottom


def _headerish(w: Word) -> bool:
    t = w.text.strip()
    return bool(
        header_kind(t)
        or quarter_of(t)
        or PCT_HEADER.match(t)
        or norm(t) in CONNECTORS
        or norm(t) in ("trim", "trimestre", "trimestral")
    )


def numeric_clusters(words: list[Word], lo: float, hi: float) -> list[tuple[float, float, float]]:
    """Numeric columns as (left, right, centre), from the right edges numbers share on the
    lines where a row's cells sit (three or more numbers on one visual line)."""
    cand = [w for w in words if is_number(w) and lo <= w.bbox.x_center < hi]
    # members of a run: two more numbers overlap the word vertically (skew-tolerant)
    edges = [w for w in cand if sum(1 for v in cand if v is not w and _v_overlap(v, w)) >= MIN_ROW_NEIGHBOURS]
    edges.sort(key=lambda w: w.bbox.x1)
    groups: list[list[Word]] = []
    for w in edges:
        if groups and w.bbox.x1 - groups[-1][-1].bbox.x1 <= RIGHT_EDGE_TOLERANCE:
            groups[-1].append(w)
        else:
            groups.append([w])
    need = (
        max(MIN_COLUMN_CELLS, len({round(w.bbox.y_center) for w in edges}) // COLUMN_LINE_SHARE)
        if edges
        else MIN_COLUMN_CELLS
    )
    out = []
    for g in groups:
        if len(g) >= min(need, MAX_COLUMN_CELLS_REQUIRED) and len(g) >= MIN_COLUMN_CELLS:
            out.append(
                (min(w.bbox.x0 for w in g), max(w.bbox.x1 for w in g), statistics.median(w.bbox.x_center for w in g))
            )
    return out


def _v_overlap(a: Word, b: Word, slack: float = OVERLAP_SLACK) -> bool:
    return a.bbox.top - slack < b.bbox.bottom and b.bbox.top - slack < a.bbox.bottom


def _gutter(words: list[Word], a: float, b: float) -> float:
    """The x between two column centres that the fewest body words cover (the middle of
    the widest such stretch): the gap between the columns' printed cells."""
    if b - a < MIN_GUTTER_SPAN:
        return (a + b) / 2
    xs = [a + i for i in range(int(b - a) + 1)]
    cover = [sum(1 for w in words if w.bbox.x0 <= x <= w.bbox.x1) for x in xs]
    low = min(cover)
    best, run, best_len, start = None, 0, 0, 0
    for i, c in enumerate(cover + [low + 1]):
        if c == low:
            if run == 0:
                start = i
            run += 1
        else:
            if run >= best_len and run > 0:
                best, best_len = (xs[start] + xs[start + run - 1]) / 2, run
            run = 0
    return best if best is not None else (a + b) / 2


def build_layout(page: Page, previous: Layout | None = None) -> Layout | None:
    words = [w for w in page.words if w.bbox is not None]
    head = find_header(words)
    if head is None:
        if previous is None:
            return None
        return Layout(previous.columns, 0.0, False)
    band, bottom = head
    body = [w for w in words if w.bbox.top > bottom]
    # text columns: one centre per kind, from the header words that name it
    centers: dict[str, list[Word]] = {}
    for w in band:
        k = header_kind(w.text)
        if k in TEXT_KINDS:
            centers.setdefault(k, []).append(w)
    text_cols = {k: statistics.fmean(w.bbox.x_center for w in ws) for k, ws in centers.items()}
    if "comentario" in text_cols:
        hi = min(w.bbox.x0 for w in centers["comentario"]) - COMMENT_MARGIN
    else:
        hi = page.width or max(w.bbox.x1 for w in words)
    left_text = [v for k, v in text_cols.items() if k != "comentario"]
    lo = max(left_text) if left_text else 0.0
    nums = numeric_clusters(body, lo, hi)
    cols: list[Column] = [
        Column(k, 0, 0, x) for k, x in text_cols.items() if not any(left <= x <= right for left, right, _ in nums)
    ]
    cols += [Column("num", 0, 0, c) for _, _, c in nums]
    cols.sort(key=lambda c: c.center)
    if len(cols) < MIN_COLUMNS or not any(c.kind == "num" for c in cols):
        return None
    for a, b in zip(cols, cols[1:]):
        cut = _gutter(body, a.center, b.center)
        a.right, b.left = cut, cut
    cols[0].left = -UNBOUNDED
    cols[-1].right = UNBOUNDED
    layout = Layout(cols, bottom, True)
    _label_numeric(layout, band)
    log.debug(
        "page %s columns: %s", page.number, ", ".join(f"{c.label or c.kind}@{c.left:.0f}-{c.right:.0f}" for c in cols)
    )
    return layout


def same_template(new: Layout, old: Layout) -> bool:
    """A page whose header names no column the previous page lacks, at the same places,
    continues the previous page's table: its columns are the ones measured there (where
    more rows gave the gutters more evidence) — a garbled repeat of the header does not
    get to redraw them."""
    old_text = {c.kind: c.center for c in old.columns if c.kind != "num"}
    new_text = {c.kind: c.center for c in new.columns if c.kind != "num"}
    if not new_text or not set(new_text) <= set(old_text):
        return False
    return all(abs(new_text[k] - old_text[k]) <= SAME_TEMPLATE_PT for k in new_text)


def _label_numeric(layout: Layout, band: list[Word]) -> None:
    """Which field each numeric column holds: from the header words over it (and the group
    label — 'Programado', 'Avance' — over its run of quarter labels), else from order."""
    nums = layout.numeric
    info = []
    for c in nums:
        over = [w for w in band if c.left <= w.bbox.x_center < c.right]
        c.header = [w.text for w in over]
        kinds = {header_kind(w.text) for w in over} - {None}
        q = next((quarter_of(w.text) for w in over if quarter_of(w.text)), None)
        info.append((c, kinds, q))
    # group labels ('Programado' over T1..T4) sit over one column of their run: give each
    # run of increasing quarter numbers the group word nearest its middle
    runs: list[list[int]] = []
    for i, (_, _, q) in enumerate(info):
        if q is None:
            continue
        if runs and info[runs[-1][-1]][2] is not None and q > info[runs[-1][-1]][2] and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    groups = [w for w in band if header_kind(w.text) in ("programado", "alcanzado")]
    group_of: dict[int, str] = {}
    for run in runs:
        mid = (nums[run[0]].left + nums[run[-1]].right) / 2
        inside = [
            w
            for w in groups
            if nums[run[0]].left - GROUP_LABEL_SLACK <= w.bbox.x_center <= nums[run[-1]].right + GROUP_LABEL_SLACK
        ]
        if inside:
            g = min(inside, key=lambda w: abs(w.bbox.x_center - mid))
            for i in run:
                group_of[i] = header_kind(g.text)
    labels: list[str | None] = []
    for i, (_, kinds, q) in enumerate(info):
        label = None
        own = kinds & {"programado", "alcanzado"}
        if q is not None:
            kind = "alcanzado" if "alcanzado" in own else "programado" if own else group_of.get(i)
            if kind:
                label = f"{kind}_t{q}"
        elif "meta" in kinds:
            label = "meta_anual"
        labels.append(label)
    order = ["meta_anual", *PROG, *ALC]
    if all(label is None for label in labels) or not _fits_order(labels, order):
        # garbled header: label by the order all MIR formats share, anchored at Meta anual
        start = 0
        for i, label in enumerate(labels):
            if label == "meta_anual":
                start = i
        labels = [None] * len(nums)
        for k, i in enumerate(range(start, len(nums))):
            labels[i] = order[k] if k < len(order) else None
    else:
        for i, label in enumerate(labels):
            if label is None:
                labels[i] = _between(labels, i, order)
    for c, label in zip(nums, labels):
        c.label = label
    seen: set[str] = set()
    for c in nums:  # one column per field; a repeated label proves nothing
        if c.label in seen:
            c.label = None
        elif c.label:
            seen.add(c.label)


def _fits_order(labels: list[str | None], order: list[str]) -> bool:
    """Known labels read left to right in the canonical order: positional filling is safe."""
    idx = [order.index(label) for label in labels if label is not None]
    return idx == sorted(idx) and len(set(idx)) == len(idx)


def _between(labels: list[str | None], i: int, order: list[str]) -> str | None:
    """An unlabeled column between two labeled ones takes the field between them, only
    when exactly one field fits there."""
    left = next((order.index(labels[j]) for j in range(i - 1, -1, -1) if labels[j]), None)
    right = next((order.index(labels[j]) for j in range(i + 1, len(labels)) if labels[j]), None)
    gap_l = next((i - j for j in range(i - 1, -1, -1) if labels[j]), None)
    if left is not None and left + gap_l < len(order):
        cand = order[left + gap_l]
        if right is None or order.index(cand) < right:
            return cand
    return None

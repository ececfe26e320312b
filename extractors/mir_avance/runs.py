"""The numbers of an OCR'd MIR line stream: runs and blocks of cells, and whose row they are.

OCR of a wide table prints a row's cells either on one line after its frequency word (a
*run*: 'Trimestral 2,350 586 620 584 560 565 585') or one per line after the row's unit box
(a *block*). Reading them is separate from finding the rows (``stream``) because it is a
separate decision with its own evidence: vertical distance when lines carry coordinates,
and document order — aligned by dynamic programming, never more than one block per row —
when they do not.
"""

from __future__ import annotations

import regex

from papeleo.model import Line
from papeleo.text.normalize import trim_punct
from papeleo.text.quarters import quarter_of

from .lexicon import EDGE_MARKS, PROSE, frecuencia_of
from .numbers import ZERO_GLYPHS, NumTok, looks_garbled_number, make_token, parse_amount
from .types import Anchor, RawRow

# 'UNIDAD DE MEDIDA DE LAS 2,350 586 ...' — the unit box that interrupts a numeric run
UNIT_BOX = regex.compile(r"^(?:UNIDAD|DE|MEDIDA|LAS?|DEL|INDICADOR:?|VARIABLES?:?)$")
# '1.872' among '1,872' cells (sample mir_avance_ocr.txt): a thousands comma read as a dot
DOT_FOR_COMMA = regex.compile(r"^\d{1,3}\.\d{3}$")
STOP_WORDS = {"de", "la", "el", "se", "al", "en", "los", "las", "un", "del", "que"}

# Clean cells after which punctuation or prose ends a run; before them it is noise in the
# run's middle ('Trimestral | 72 16 ...'). A stop word always ends it.
RUN_END_AFTER_PUNCT = 5
RUN_END_AFTER_PROSE = 3
# A line is a row's run when it has this many cells after its frequency word (or this many
# clean ones among fewer), or this many numbers making at least half its words.
MIN_RUN_CELLS = 5
# a line naming this many quarters ('T3 T4') is the head's quarter line; one could be a
# row's damaged cell
MIN_HEAD_QUARTER_LABELS = 2
MIN_RUN_CLEAN = 2
MIN_RUN_SHORT = 3
# 'nal' where a number was printed: a short lowercase word holds a block's place
MAX_PLACEHOLDER_LEN = 4
# Row text in points: about one text line per 12 pt, so distances compare with line counts.
POINTS_PER_LINE = 12.0
# A run farther than this (in lines) from every free row anchor belongs to none.
MAX_RUN_DISTANCE = 10
# Aligning blocks to rows: a match is worth BLOCK_MATCH, minus BLOCK_LAG per row heading
# printed between the row and its block (OCR pushes a box below the next row's heading);
# a block more than MAX_BLOCK_LAG headings late is another row's.
BLOCK_MATCH = 10
BLOCK_LAG = 3
MAX_BLOCK_LAG = 3
# lines after a block's start whose words join its row's topic text
BLOCK_TEXT_LINES = 3


def run_tokens(toks: list[str], line: int, conf: float) -> list[NumTok]:
    """The cells of a run, up to the prose or punctuation that ends it."""
    out: list[NumTok] = []
    clean = 0
    for t in toks:
        s = t.strip(EDGE_MARKS)
        if not s:
            continue
        if UNIT_BOX.match(s) and not out:
            continue
        if s in ZERO_GLYPHS:
            out.append(make_token(s, conf, line))
            continue
        if not any(c.isalnum() for c in s):
            if clean >= RUN_END_AFTER_PUNCT:
                break
            continue
        if s.lower() in STOP_WORDS or PROSE.match(s):
            if clean >= RUN_END_AFTER_PROSE or s.lower() in STOP_WORDS:
                break
            continue
        s = s.rstrip(".,")
        if DOT_FOR_COMMA.match(s):
            s = s.replace(".", ",")
        tok = make_token(s, conf, line)
        clean += tok.clean
        out.append(tok)
    while out and not out[-1].clean and not out[-1].cands:
        out.pop()
    return out


def inline_run(text: str, line: int, conf: float) -> list[NumTok] | None:
    """The cells after the frequency word: 'Trimestral 72 16 20 21 15 20 20'."""
    toks = text.split()
    if sum(1 for t in toks if quarter_of(t) and parse_amount(trim_punct(t)) is None) >= MIN_HEAD_QUARTER_LABELS:
        # the head's quarter line, after 'Meta anual': 'anual 11 12 T3 T4 11 12 T3 T4' (T1, T2
        # read as numbers; MIR report OCR'd text 6498) is no row's cells: taken as the first
        # row's, it pushed every row's run one row down
        return None
    for i, t in enumerate(toks):
        if frecuencia_of(t):
            run = run_tokens(toks[i + 1 :], line, conf)
            if (sum(x.clean for x in run) >= MIN_RUN_CLEAN and len(run) >= MIN_RUN_SHORT) or len(run) >= MIN_RUN_CELLS:
                return run
    numeric = [t for t in toks if parse_amount(trim_punct(t)) is not None]
    if len(numeric) >= MIN_RUN_CELLS and len(numeric) * 2 >= len(toks):
        first = next(i for i, t in enumerate(toks) if parse_amount(trim_punct(t)) is not None)
        return run_tokens(toks[first:], line, conf)
    return None


def block_token(text: str) -> str | None:
    """The one cell of a line that is part of a one-number-per-line block, or None."""
    toks = text.split()
    if len(toks) != 1:
        return None
    s = trim_punct(toks[0]) or toks[0]
    if parse_amount(s) is not None or looks_garbled_number(s):
        return s
    if len(s) <= MAX_PLACEHOLDER_LEN and s.isalpha() and s.islower():
        return s  # 'nal' where a number was printed
    return None


def without_run(text: str) -> str:
    """A wide-layout line shared by a commentary and its row, minus the row's cells."""
    toks = text.split()
    for i, t in enumerate(toks):
        if frecuencia_of(t):
            j = i + 1
            while j < len(toks) and (
                UNIT_BOX.match(toks[j]) or make_token(trim_punct(toks[j]) or "x").clean or looks_garbled_number(toks[j])
            ):
                j += 1
            return " ".join(toks[:i] + toks[j:])
    return text


def y_center(line: Line) -> float | None:
    return line.bbox.y_center if line.bbox is not None else None


def vertical_gap(y: float, lo: float, hi: float) -> float:
    """Distance in points from ``y`` to the band [lo, hi] (0 inside it)."""
    if lo <= y <= hi:
        return 0.0
    return min(abs(y - lo), abs(y - hi))


def attach_runs(
    rows: list[RawRow], groups: list[list[Anchor]], runs: dict[int, list[NumTok]], glines: list[tuple[int, Line]]
) -> None:
    """Each run goes to one row anchor, near it: by vertical distance in points when the page
    has coordinates (commentary lines interleave and inflate line counts), else by lines. Runs
    and rows are printed in the same order, so no two runs cross: of the assignments in order,
    the one nearest overall, a run left to no row costing ``MAX_RUN_DISTANCE``. Taken one run
    at a time, each to the nearest row still free, a run equidistant from two rows took the
    later one, and each row after it took the run of the row above: one row off, no flag
    (MIR report OCR'd text 6498)."""
    order = sorted(runs)
    n, m = len(order), len(groups)
    if not n or not m:
        return
    bands = [_anchor_band(grp, glines) for grp in groups]
    dist = [[_run_distance(g, band, glines) for band in bands] for g in order]
    inf = float("inf")
    cost = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        cost[i][0] = i * MAX_RUN_DISTANCE
        for j in range(1, m + 1):
            d = dist[i - 1][j - 1]
            matched = cost[i - 1][j - 1] + d if d <= MAX_RUN_DISTANCE else inf
            cost[i][j] = min(matched, cost[i - 1][j] + MAX_RUN_DISTANCE, cost[i][j - 1])
    i, j = n, m
    while i > 0 and j > 0:
        d = dist[i - 1][j - 1]
        if d <= MAX_RUN_DISTANCE and cost[i][j] == cost[i - 1][j - 1] + d:
            g, row = order[i - 1], rows[j - 1]
            row.tokens = runs[g]
            row.run_garbled = sum(not t.clean for t in runs[g]) / len(runs[g])
            row.last_line = max(row.last_line, g)
            row.first_line = min(row.first_line, g)
            i, j = i - 1, j - 1
        elif cost[i][j] == cost[i][j - 1]:
            j -= 1
        else:
            i -= 1


def _anchor_band(grp: list[Anchor], glines: list[tuple[int, Line]]) -> tuple[int, int, list[float | None]]:
    return grp[0].line, grp[-1].line, [y_center(glines[it.line][1]) for it in grp]


def _run_distance(g: int, band: tuple[int, int, list[float | None]], glines: list[tuple[int, Line]]) -> float:
    """From a run's line to a row's anchors, in lines (points / POINTS_PER_LINE on one page)."""
    lo, hi, ys = band
    yg = y_center(glines[g][1])
    if yg is not None and all(y is not None for y in ys) and glines[lo][0] == glines[g][0]:
        return vertical_gap(yg, min(ys), max(ys)) / POINTS_PER_LINE  # type: ignore[type-var]
    return 0 if lo <= g <= hi else min(abs(g - lo), abs(g - hi))


def attach_blocks(
    rows: list[RawRow],
    groups: list[list[Anchor]],
    marks: list[int],
    blocks: list[tuple[int, list[NumTok]]],
    glines: list[tuple[int, Line]],
) -> None:
    """Numbers printed one per line follow the row's unit box; OCR can push a row's box
    below the next row's heading, so boxes are aligned to rows by order, each row taking
    at most one box and preferring the box within its own stretch of lines."""
    units: list[tuple[int, list[NumTok] | None]] = []
    for m in sorted(marks):
        units.append((m, None))
    for start, toks in blocks:
        prev_marks = [i for i, (m, _) in enumerate(units) if m < start]
        if prev_marks:
            i = prev_marks[-1]
            m = units[i][0]
            between = any(m < grp[0].line < start for grp in groups)
            if units[i][1] is None and not between:
                units[i] = (m, toks)
                continue
        units.append((start, toks))
    units.sort(key=lambda u: u[0])
    starts = [grp[0].line for grp in groups]
    n, k = len(groups), len(units)
    NEG = float("-inf")
    dp = [[NEG] * (k + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    for i in range(n + 1):
        dp[i][0] = 0.0
    for j in range(k + 1):
        dp[0][j] = 0.0
    for i in range(1, n + 1):
        for j in range(1, k + 1):
            cands = [(dp[i - 1][j], (i - 1, j, False)), (dp[i][j - 1], (i, j - 1, False))]
            pos = units[j - 1][0]
            if pos > starts[i - 1]:
                lag = sum(1 for s in starts[i:] if s < pos)
                if lag <= MAX_BLOCK_LAG:
                    cands.append((dp[i - 1][j - 1] + BLOCK_MATCH - BLOCK_LAG * lag, (i - 1, j - 1, True)))
            dp[i][j], back[(i, j)] = max(cands, key=lambda c: c[0])
    i, j = n, k
    while i > 0 and j > 0:
        pi, pj, match = back[(i, j)]
        if match:
            toks = units[j - 1][1]
            if toks and not rows[i - 1].tokens:
                rows[i - 1].tokens = toks
                rows[i - 1].run_garbled = sum(not t.clean for t in toks) / len(toks)
                rows[i - 1].text += " " + " ".join(
                    glines[g][1].text
                    for g in range(units[j - 1][0], min(len(glines), units[j - 1][0] + BLOCK_TEXT_LINES))
                )
        i, j = pi, pj

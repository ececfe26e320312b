"""A page's lines -> where a MIR head stands among them: its first and last line
(``find_head``), its lines without the first row's that came up into it
(``head_without_body_lines``), and its main line, by which its repetitions on later pages and
over each component's table are known (``main_head_line``).

Split from ``head_layout.py``, which turns the head's lines into columns.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence

import regex
from rapidfuzz import fuzz

from papeleo.model import Rule, Word
from papeleo.text.normalize import fold

from .columns import NUMERIC, WORDS, name_to_labels
from .fields import nivel_of
from .head_labels import HEAD_LINE_GAP
from .head_layout import Layout, head_to_layout
from .row_tokens import NUMBERISH

DIGIT = regex.compile(r"\d")

# a head line names at least this many kinds of column (fewer is a sentence)
MIN_HEAD_KINDS = 3

# a head line is mostly labels: at least this share of its words belong to one (a commentary
# sentence that says 'meta', 'alcanza' and 'No.' is not a head; lower lets such prose in)
HEAD_LABEL_SHARE = 0.5

# a repeated head prints the same words as the report's first head: rapidfuzz token_set_ratio of a
# line and the first head's main line at or above this (OCR damage and a wrapped label lower it;
# commentary naming 'meta programada' scores about 60). Token sets, not the plain ratio: a scan's
# head lines come grouped differently on each page ('Frecuencia Meta programada Realizado' over
# 'Línea Meta anual …'), and a missed repeat put the head's words into the first row (dev scan 3)
HEAD_REPEAT_RATIO = 80

# a row's dotted code, its dots read as colons or commas by OCR ('5:5:5.1:1.16', '3.1.7.1'): three
# groups at least, so that a head's '1.1' of a numbered label or a date does not count
CODE_TOKEN = regex.compile(r"^\d{1,3}(?:[.:;,]\d{1,3}){2,}[.:]?$")

# a line printing one column label at least this many times, and twice as often as numbers, is
# a head line (_body_line): sub-labels repeated under the quarters ('Prog.' under each of four).
# A row's text or note names a kind once or twice ('Meta Anual: Sin meta programada', dev scan
# 29); two would let such a note's line into the head, four would miss sub-labels under three
# quarters
MIN_SUB_LABELS = 3
# a rule drawn under a head spans the whole table; a group label's rule ('Programado' over its
# quarters) spans only its group: a rule under this share of the head's main line's width does
# not end the head. Lower would end a head at its group rules and lose the quarter labels under
# them; higher would miss the closing rule of a head whose main line is wider than the table
FULL_RULE_SHARE = 0.8


# a line over the head's main line with this many words or fewer, no number and no label word
# ('% de' of '% de cumplimiento') is part of a label when a head line sits right over it (more
# would take a caption line between the head and a title into the head)
MAX_FRAGMENT_WORDS = 3

# a line over the head's main line carries parts of labels ('Unidad de', 'Frecuencia de') and
# group labels: at least this share of its words in a label keeps it in the head, where a
# programme or caption line ('Programa: K021 Alumbrado Público …') has one label word in ten
UPPER_HEAD_LABEL_SHARE = 0.25


def _is_numberish_line(line: list[Word]) -> bool:
    return _numbers_in(line) > 0


def _numbers_in(line: list[Word], with_digit: bool = False) -> int:
    """How many words of a line are numbers, not labels; ``with_digit``: only those printing a
    digit (a rule's stroke read as '|' is no number)."""
    return sum(
        1
        for w in line
        if NUMBERISH.match(w.text) and (not with_digit or DIGIT.search(w.text)) and not name_to_labels(w.text)
    )


def _quarter_labels_in(line: list[Word]) -> int:
    """How many words of a line are quarter labels ('T2', 'Primero')."""
    return sum(1 for w in line if any(lb.kind == "q" for lb in name_to_labels(w.text)))


def find_head(
    lines: list[list[Word]], h: float, start: int = 0, known: str = "", rules: Sequence[Rule] = ()
) -> tuple[int, int] | None:
    """(first, end) indexes of the head's lines at or after ``start``. Once a report's head is
    known, only its repetitions are heads: a line of commentary that names enough kinds of
    column ('Unidad de medida: … programadas; no se alcanzó la meta') is not a new table. On a
    ruled page the head ends at a rule drawn across it (``rules``: the page's rulings)."""
    for i in range(start, len(lines)):
        text = " ".join(w.text for w in lines[i])
        if known and _repeat_ratio(lines, i, h, known) < HEAD_REPEAT_RATIO:
            continue
        # a repetition of the known head whose main line the scan cut in two ('Frecuencia
        # Programado sado' over 'Meta anual Avance', dev MIR scan 577: missed, the next
        # component's rows were read under the head before and its labels went into them)
        head_line = _names_a_head(text)
        cut_in_two = (
            known
            and not head_line
            and _names_a_head(text, min_kinds=1)
            and i + 1 < len(lines)
            and _near(lines[i], lines[i + 1], h)
            and _names_a_head(" ".join([text, *(w.text for w in lines[i + 1])]))
        )
        if not (head_line or cut_in_two):
            continue
        first = i
        while first > start and _near(lines[first - 1], lines[first], h):
            if _is_head_line(lines[first - 1]):
                first -= 1
            elif (  # a label's first line no vocabulary names ('% de' over 'cumplimiento') under a group line
                first - 1 > start
                and _is_label_fragment(lines[first - 1])
                and _near(lines[first - 2], lines[first - 1], h)
                and _is_head_line(lines[first - 2])
            ):
                first -= 2
            else:
                break
        # the two halves of a cut main line are head whatever the second prints: a label OCR broke
        # into a digit ('Meta ana 1' for 'Meta anual', generated scan 7055, page 2) made it pass for
        # a body line, the head ended over it and its sub-labels went into the first row
        end = i + 2 if cut_in_two else i + 1
        while (
            end < len(lines)
            and _near(lines[end - 1], lines[end], h)
            and not _body_line(lines[end])
            and not _ruled_across(lines[end - 1], lines[end], [w for line in lines[first:end] for w in line], rules)
        ):
            end += 1
        return first, end
    return None


def _names_a_head(text: str, min_kinds: int = MIN_HEAD_KINDS) -> bool:
    """Whether a text names ``min_kinds`` kinds of column and is mostly labels (HEAD_LABEL_SHARE):
    a head line, or with one kind, a part of one (a caption over the head names none)."""
    labels = name_to_labels(text)
    kinds = {lb.kind for lb in labels if lb.kind != "q"}
    covered = sum(lb.end - lb.start for lb in labels) / max(1, len(WORDS.findall(fold(text))))
    return len(kinds) >= min_kinds and covered >= HEAD_LABEL_SHARE


def _repeat_ratio(lines: list[list[Word]], i: int, h: float, known: str) -> float:
    """How much line ``i`` prints the known head's main line: alone, or with the lines right
    over and under it (``_near``), whichever is more. A scan groups a head's words into lines
    differently on each page: page 2's main line 'Nivel MIR … Frecuencia de Meta anual 1er
    Trim. …' came on page 3 as 'Frecuencia de Meta anual 1er Trim. …' over 'Nivel MIR …
    Programado Real …', neither alone like it, and page 3's head was read as its first row
    (dev scan 42: the row's code lost under 'Objetivo'). Alone still counts: a caption over the
    head ('Componente 2: Dirección de …') dilutes the window under the ratio."""
    alone = fuzz.token_set_ratio(fold(" ".join(w.text for w in lines[i])), fold(known))
    return max(alone, fuzz.token_set_ratio(fold(_with_near_lines(lines, i, h)), fold(known)))


def _with_near_lines(lines: list[list[Word]], i: int, h: float) -> str:
    """The text of line ``i`` with the lines right over and under it."""
    parts = [lines[i]]
    if i > 0 and _near(lines[i - 1], lines[i], h):
        parts.insert(0, lines[i - 1])
    if i + 1 < len(lines) and _near(lines[i], lines[i + 1], h):
        parts.append(lines[i + 1])
    return " ".join(w.text for line in parts for w in line)


def _ruled_across(upper: list[Word], lower: list[Word], head: list[Word], rules: Sequence[Rule]) -> bool:
    """Whether a horizontal rule runs between two lines across most of the head read so far
    (``FULL_RULE_SHARE`` of the width of its words): the rule under a ruled head, where a group
    label's own rule spans only its group's columns (generated MIR scan 6659: a row's first
    line, 'Meta Trimestral: Se alcanza el', read into the head and its labels into the
    columns). The width is the head's, not its main line's: a scan's main line can be the group
    line alone ('Frecuencia Meta programada Avance alcanzado'), which the two group rules, read
    as one, span end to end (report block 6729, pages 2-4: the quarter labels under them lost
    and every row of three pages with them)."""
    y0, y1 = _centre(upper), _centre(lower)
    x0, x1 = min(w.bbox.x0 for w in head), max(w.bbox.x1 for w in head)  # type: ignore[union-attr]
    return any(
        r.orientation == "h"
        and y0 < (r.top + r.bottom) / 2 < y1
        and min(r.x1, x1) - max(r.x0, x0) >= FULL_RULE_SHARE * (x1 - x0)
        for r in rules
    )


def _centre(line: list[Word]) -> float:
    return statistics.median((w.bbox.top + w.bbox.bottom) / 2 for w in line)  # type: ignore[union-attr]


def head_without_body_lines(lines: list[list[Word]], first: int, end: int, h: float) -> tuple[Layout, int]:
    """The head's layout and end, its last lines dropped while they make a numeric column twice.
    A row's first lines can pass for head lines — no number, label words ('Meta Anual: Sin
    meta programada para este trimestre' in a commentary cell just under the head) — and then
    make columns of their own ('meta' three times, dev scan seed 29), which split every row at
    its commentary. A report prints each numeric column once: the fewest lines under the head's
    main line whose removal ends a repetition go back to the body."""
    full = head_to_layout(lines[first:end], h)
    if not _repeats_numeric_kind(full):
        return full, end
    main = max(range(first, end), key=lambda j: _kinds_named(lines[j]))
    for cut in range(end - 1, main, -1):
        layout = head_to_layout(lines[first:cut], h)
        if _over_numeric_label(lines[cut], layout):
            break  # a line over a numeric column's label is that label's (quarters, '%')
        if not _repeats_numeric_kind(layout):
            return layout, cut
    # no cut ends the repetition: a damaged label ('ter' for '1er' read as a second meta), not
    # a body line, made it, and the lines under the main one are the head's quarters
    return full, end


def _over_numeric_label(line: list[Word], layout: Layout) -> bool:
    """Whether a word of ``line`` lies across the label of a numeric column of ``layout``. A
    row's commentary runs in its own column, clear of them; a head's lower line (quarters under
    their group, the '%' under 'Avance') sits on them. Without this a damaged head lost its
    quarter line with the body's (validation scans: numbers exact 58.5% -> 56.3%)."""
    spans = [(c.x0, c.x1) for c in layout.columns if any(k[0] in NUMERIC for k in c.kinds)]
    return any(w.bbox.x0 < x1 and w.bbox.x1 > x0 for w in line for x0, x1 in spans)


def _text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


def _repeats_numeric_kind(layout: Layout) -> bool:
    """Two columns that each hold one and the same numeric kind (a column a damaged head leaves
    with two readings, 'programado 4 / alcanzado 4', is no second printing of either)."""
    kinds = Counter(c.kinds[0] for c in layout.columns if len(set(c.kinds)) == 1 and c.kinds[0][0] in NUMERIC)
    return any(n > 1 for n in kinds.values())


def main_head_line(lines: list[list[Word]]) -> str:
    """The head line that names the most kinds of column."""
    return _text(max(lines, key=_kinds_named))


def _kinds_named(line: list[Word]) -> int:
    return len({lb.kind for lb in name_to_labels(_text(line))})


def _is_head_line(line: list[Word]) -> bool:
    """A line above the head's main line belongs to it when it is mostly head labels and prints
    no number (a caption 'Componente 1: Dirección …', 'Programa: K021 …' or a row's last line
    does not), or fewer numbers than quarter labels: a scan's quarter line with a label misread
    as a number ('Denominación del Unidad 11. T2 T3 VA | Meta % de', 'T1' read '11.': dev scan
    61, whose quarter groups were lost with it and every row's numbers with them)."""
    if _label_share(" ".join(w.text for w in line)) < UPPER_HEAD_LABEL_SHARE:
        return False
    return not _is_numberish_line(line) or _quarter_labels_in(line) > _numbers_in(line, with_digit=True)


def _is_label_fragment(line: list[Word]) -> bool:
    return len(line) <= MAX_FRAGMENT_WORDS and not _is_numberish_line(line)


def _label_share(text: str) -> float:
    labels = name_to_labels(text)
    return sum(lb.end - lb.start for lb in labels) / max(1, len(WORDS.findall(fold(text))))


def line_gap(upper: list[Word], lower: list[Word]) -> float:
    """The blank height between two lines of words, top of the lower minus bottom of the upper."""
    return min(w.bbox.top for w in lower) - max(w.bbox.bottom for w in upper)


def _near(upper: list[Word], lower: list[Word], h: float) -> bool:
    return line_gap(upper, lower) < HEAD_LINE_GAP * h


def _body_line(line: list[Word]) -> bool:
    """A line that prints numbers, a code or starts with a level. A quarter-label line with a
    stray digit on it ('anual 1 T1 T2 T3 T4 T1 T2 T3 T4 Avance', 'Primero Segundo Tercero Cuarto
    Primero anual 1': a scan's speck of a rule) is still head: a row prints no quarter labels, so
    labels outnumbering numbers mark a head. So does one column label printed again and again
    ('Prog. Alcanzado Prog. Alcanzado …' with a stray '4': block d scan 6546, whose second
    table lost its sub-labels and its programados with them) more than twice as often as the
    line prints numbers (``MIN_SUB_LABELS``): a row's text or note names a kind once or twice
    ('Meta Anual: Sin meta programada'). A head prints no code."""
    if nivel_of(line[0].text) is not None or any(CODE_TOKEN.match(w.text) for w in line):
        return True
    numbers, quarters = _numbers_in(line), _quarter_labels_in(line)
    repeats = Counter(fold(w.text) for w in line if name_to_labels(w.text)).most_common(1)
    repeated = repeats[0][1] if repeats else 0
    return numbers > quarters and not (repeated >= MIN_SUB_LABELS and repeated >= 2 * numbers)

"""A page's word lines -> its head's quarter labels taken back and read.

On a degraded scan tesseract reads a head's quarter labels short and doubtful ('T4' at 0.49,
'Tí' at 0.35) or damaged ('71' for 'T1', '4Ato'): left out as specks or left unread, the
quarters lose their columns. The doubtful ones that stand among (or just beyond) a run of read
labels go back into their line, and ``columns.repair_quarter_labels`` then reads each damaged
label from the run it stands in.
"""

from __future__ import annotations

import statistics
from dataclasses import replace

from papeleo.model import Word

from .columns import CLEAN_T_LABEL, MAX_DAMAGED_LABEL_CHARS, quarter_of, repair_quarter_labels

# a quarter label OCR doubted beside a run of read ones is taken back up to this many of the
# run's steps (median distance between its labels) beyond it: labels are centred over blocks of
# unequal width, so one step falls short of the next label by a few points (block d scan 6504:
# 'Tí' 71 pt before 'T2', steps of 58 and 72); two would reach into the next group of labels
RUN_REACH = 1.5


def lines_with_doubtful_labels(lines: list[list[Word]], doubtful: list[Word]) -> list[list[Word]]:
    """A head line's quarter labels that OCR read short and doubtful ('T4' at 0.49, 'TS' at 0.38
    on a degraded scan's 'T1 T2 T3 T4') go back into it: they are left out as specks, and the
    quarters then lose their columns. Only on a line with a read label, and within it the
    words ``repair_quarter_labels`` then reads or leaves as they are: dust is rarely short
    text between two quarter labels, and one that stays unread names no column. The first or
    last label of the run can be the doubtful one ('Tí' at 0.35 before 'T2 T3 T4', block d scan
    6504): up to a step and a half of the run (``RUN_REACH``) beyond its read labels, a word
    the repair reads as the quarter that runs there goes back too — only such a word: specks
    there ('. r' before 'Frecuencia T1 …') took the line out of the head."""
    out = []
    for line in lines:
        if labels := [w for w in line if CLEAN_T_LABEL.match(w.text)]:
            top, bottom = min(w.bbox.top for w in line), max(w.bbox.bottom for w in line)
            x0, x1 = min(w.bbox.x0 for w in line), max(w.bbox.x1 for w in line)
            xs = [w.bbox.x0 for w in labels]
            reach = RUN_REACH * statistics.median(b - a for a, b in zip(xs, xs[1:])) if len(xs) > 1 else 0.0
            near = [
                w
                for w in doubtful
                if top <= (w.bbox.top + w.bbox.bottom) / 2 <= bottom
                and x0 - reach <= w.bbox.x0 <= x1 + reach
                and len(w.text.strip()) <= MAX_DAMAGED_LABEL_CHARS
            ]
            inner = [w for w in near if x0 <= w.bbox.x0 <= x1]
            line = sorted(line + inner, key=lambda w: w.bbox.x0)
            for w in (w for w in near if w not in inner):
                tried = sorted([*line, w], key=lambda v: v.bbox.x0)
                if quarter_of(repair_quarter_labels([v.text for v in tried])[tried.index(w)]) is not None:
                    line = tried
        out.append(line)
    return out


def line_with_quarters_read(line: list[Word]) -> list[Word]:
    """The line with OCR-damaged quarter labels read back ('71 T2 13 74'), see columns.py."""
    texts = repair_quarter_labels([w.text for w in line])
    return [w if t == w.text else replace(w, text=t) for w, t in zip(line, texts)]

"""A head row an OCR export broke into lines, one label each, above the table it names.

Markdown and tab-separated exports write a row whose cells they could not keep together as
one paragraph per cell. When that row is the table's top head row, the table arrives with its
labels as loose lines above it, and with only its sub-label row ('T1 | T2 | T3 | T4 | T1 ...')
or no head at all:

    Nivel MIR

    Clave del indicador

    Programado

    Alcanzado

    Meta anual programada

    |  |  | T1 | T2 | T3 | T4 | T1 | T2 | T3 | T4 |  |
    |---|---|---|---|---|---|---|---|---|---|---|

The labels go back over the head by counting: each empty cell of the sub-label row takes one
label, each run of sub-labels takes one (a run ends where a sub-label repeats: 'T1' after
'T4', 'Prog.' after 'Real'), and a table with no head takes one per column. Only when the
paragraphs just above the table are exactly enough labels for those slots are they taken;
the table is otherwise left as it was.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Row

TextLine = tuple[int | None, str]  # (page number, line text), as in text.py

# a label is short: 'Frecuencia de medición', 'Meta anual programada' (longer lines are prose)
MAX_LABEL_CHARS = 40
# a sub-label is shorter still: 'T1', '1er Trim.', 'Prog.', 'Alcanzado'
MAX_SUB_LABEL_CHARS = 20
# ... and one label is at most this many lines ('Unidad de' / 'medida')
MAX_LABEL_LINES = 3
# a quantity in a line means a value, not a label: '2,310.00', '1,132' ('T1', '1er Trim.',
# '% Avance' are labels)
QUANTITY = re.compile(r"(?<!\w)\d[\d.,]{2,}")


def head_slots(header_rows: Sequence[Row], n_columns: int) -> list[int]:
    """The first column of each slot a broken head row's labels fill, left to right."""
    if not header_rows:
        return list(range(n_columns))
    subs = header_rows[-1].texts
    slots: list[int] = []
    run: list[str] = []
    for c in range(n_columns):
        text = subs[c].strip() if c < len(subs) else ""
        if not text:
            slots.append(c)
            run = []
        elif not run or text in run:
            slots.append(c)
            run = [text]
        else:
            run.append(text)
    return slots


def only_sub_labels(texts: Sequence[str]) -> bool:
    """Whether a head row holds nothing but runs of sub-labels under lost group labels ('T1 T2
    T3 T4 T1 T2 T3 T4', 'Prog. Real Prog. Real'): some cell empty, every filled cell a short
    label beside another filled one, and a label printed again (each group repeats them). A
    row of whole labels with one lost, or a body row, is not a broken head: a title line or a
    paragraph above would fill it."""
    filled = [bool(t.strip()) for t in texts]
    labels = [t.strip() for t in texts if t.strip()]
    if all(filled) or not labels or len(set(labels)) == len(labels):
        return False
    if any(len(t) > MAX_SUB_LABEL_CHARS or QUANTITY.search(t) for t in labels):
        return False
    return all(
        not f or (c > 0 and filled[c - 1]) or (c + 1 < len(filled) and filled[c + 1]) for c, f in enumerate(filled)
    )


def label_paragraphs_above(lines: Sequence[TextLine], start: int, stop: int) -> list[tuple[int, str]]:
    """The label paragraphs right above line ``start`` (not above ``stop``), nearest last, as
    (first line, text); the walk ends at the first paragraph that is no label."""
    out: list[tuple[int, str]] = []
    i = start - 1
    while i >= stop:
        if not lines[i][1].strip():
            i -= 1
            continue
        j = i
        while j - 1 >= stop and lines[j - 1][1].strip():
            j -= 1
        para = [lines[k][1].strip() for k in range(j, i + 1)]
        if len(para) > MAX_LABEL_LINES or any(
            len(t) > MAX_LABEL_CHARS or QUANTITY.search(t) or "|" in t or "\t" in t for t in para
        ):
            break
        out.append((j, " ".join(para)))
        i = j - 1
    return out[::-1]


def broken_head_row(
    header_rows: Sequence[Row],
    n_columns: int,
    lines: Sequence[TextLine],
    start: int,
    stop: int,
    declared: int | None = None,
) -> tuple[list[str], int] | None:
    """The head row a table at line ``start`` lost to loose label lines (looked for no higher
    than ``stop``), as its cells' texts, and the line the labels start at; None when the
    table's top head row is whole or the labels above do not fill its slots. A table with no
    head takes one label per column it ``declared`` (its Markdown rule), when it says: a body
    row split in two has a cell more than the head had labels, and one label more would be
    the section heading above them."""
    if len(header_rows) > 1 or (header_rows and not only_sub_labels(header_rows[0].texts)):
        return None
    width = min(declared, n_columns) if declared and not header_rows else n_columns
    slots = head_slots(header_rows, width)
    labels = label_paragraphs_above(lines, start, stop)
    if not slots or len(labels) < len(slots):
        return None
    taken = labels[len(labels) - len(slots) :]
    top = [""] * n_columns
    for c, (_, text) in zip(slots, taken):
        top[c] = text
    return top, taken[0][0]

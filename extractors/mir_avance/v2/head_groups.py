"""Quarter sub-labels of a ruled head read together, across its columns.

A ruled head sets its quarter labels in cells of their own, one per column, under a group
label merged over them ('Meta programada' over 'T1 | T2 | T3 | T4'). The shared table layer
names each column by its own stack of cells ('Meta programada T2'), so a label damaged in its
cell is judged alone: on a heavily degraded MIR scan the shaded band read 'T1 T2 T3 T4' as
'11 T2 T3 74', 'Ti T2 T3 TA', 'T T2 T3 T4' and, in one copy, lost the T1 entirely. Read one
at a time, '11' is a number, 'T' nothing and an empty cell nothing, and 'Meta programada' with
no quarter names the annual meta: that copy's head had two metas and the quarters shifted.

Read as a line (``columns.repair_quarter_labels``: a damaged label beside a clean one, or in a
run of quarters), most come back. What is left is read from its place under the group: when
the labels the group's columns do read ('12', '13', '74' read as T2, T3, T4) are quarters
counting up one per column, an unread column in the run (its cell empty, 'T') is the quarter
its place gives.
"""

from __future__ import annotations

from papeleo.tables import Table

from .columns import damaged_t_quarter, quarter_of, repair_quarter_labels

# A group's damaged labels ('12' read for T2) are taken by their place only when at least this
# many of its columns read quarters that count up one per column: one digit pair counting
# right is chance ('13' is also a number a head may print), two in a row under one group label
# is the run of quarters. Fewer would read a lone '12' as T2; more would leave a four-column
# group with two labels lost unread.
MIN_PLACED_LABELS = 2
# marks OCR leaves on a label from the cell's edge or the band's speckle ('74!' for T4)
LABEL_DEBRIS = "!.,;:'\"()"


def names_with_read_quarters(table: Table) -> tuple[str, ...]:
    """The table's column names, each damaged or lost quarter sub-label read back (from the
    line of sub-labels, then from its place under its group label); the names as they were
    when the head has no group over several columns or nothing could be read."""
    if len(table.header_rows) < 2:
        return table.columns
    n = table.n_columns
    bottom = table.header_rows[-1].cells[:n]
    subs = [c.text.strip() for c in bottom]
    read = _line_read(subs)
    for start, span in _groups(table):
        group = _placed(read[start : start + span])
        # labels the line read back that do not count up under their group ('13 12' read
        # 'T3 T2') were read wrong: the group keeps what OCR printed
        read[start : start + span] = group if _counts_up(group) else subs[start : start + span]
    names = list(table.columns)
    for i, (was, now) in enumerate(zip(subs, read)):
        if now == was or quarter_of(now) is None:
            continue
        base = names[i][: -len(was)].rstrip() if was and names[i].endswith(was) else names[i]
        names[i] = f"{base} {now}".strip()
    return tuple(names)


def _line_read(subs: list[str]) -> list[str]:
    """Each column's sub-label, read back as part of the head's line of sub-labels
    (``repair_quarter_labels`` over the cells' words in order); a cell of several words keeps
    the last, its label ('mim 12' -> '12')."""
    tokens, owner = [], []
    for i, s in enumerate(subs):
        for w in s.split():
            tokens.append(w)
            owner.append(i)
    out = list(subs)
    for i, (was, now) in zip(owner, zip(tokens, repair_quarter_labels(tokens))):
        if now != was and quarter_of(now) is not None:
            out[i] = now
    return out


def _groups(table: Table) -> list[tuple[int, int]]:
    """(first column, span) of each head cell merged over several columns with cells of their
    own beneath it."""
    out = []
    for row in table.header_rows[:-1]:
        for i, c in enumerate(row.cells[: table.n_columns]):
            if c.col_span > 1 and c.row_span == 1 and c.text.strip():
                out.append((i, c.col_span))
    return out


def _counts_up(labels: list[str]) -> bool:
    """Whether the quarters a group's labels name rise one per column (gaps allowed)."""
    known = [(i, q) for i, s in enumerate(labels) if (q := quarter_of(s)) is not None]
    return len({q - i for i, q in known}) <= 1


def _placed(labels: list[str]) -> list[str]:
    """A group's labels with the unread ones read from their place, when those read count up
    one quarter per column ('', '12', '13', '74' -> 'T1', 'T2', 'T3', 'T4')."""
    quarters = [_quarter(s) for s in labels]
    known = [(i, q) for i, q in enumerate(quarters) if q is not None]
    if len(known) < MIN_PLACED_LABELS:
        return labels
    offsets = {q - i for i, q in known}
    if len(offsets) != 1:
        return labels
    first = offsets.pop()
    if first < 1 or first + len(labels) - 1 > 4:
        return labels
    return [f"T{first + i}" for i in range(len(labels))]


def _quarter(label: str) -> int | None:
    """The quarter a sub-label names, reading a 'T' OCR turned into a digit or a letter ('74',
    '12') as the group's place will confirm."""
    if (q := quarter_of(label)) is not None:
        return q
    words = label.split()
    return damaged_t_quarter(words[-1].strip(LABEL_DEBRIS)) if words else None

"""Two sequences printed in the same order, paired: a table's rows and a block of their cells
OCR set apart after it (``detached.py``), or the notes printed under a table without their key
(``commentary.py``).

A pair needs evidence. Anchors first: pairs whose score (words or figures the two share) reaches
a floor, each item scoring so with one item of the other side only, the order-keeping set with
the greatest total. Between two anchors (and before the first, after the last) the items pair
in order only where as many stand on each side: where the counts differ an item was lost or run
into another there, and nothing says which, so those items stay unpaired.
"""

from __future__ import annotations


def pairs_in_order(score: list[list[float]], floor: float, fill_floor: float | None = None) -> list[tuple[int, int]]:
    """(i, j) pairs of items i (rows of ``score``) and j (its columns), in order (module doc).
    With ``fill_floor``, a pair between anchors also needs that score at least, and neither
    item may score ``floor`` with any other item, evidence that it is another's: for items
    that need not stand in the same order (notes under a table), where the place alone is
    weaker evidence than for cells cut from one column."""
    n, m = len(score), len(score[0]) if score else 0
    ones_of = [sum(score[i][j] >= floor for i in range(n)) for j in range(m)]
    twos_of = [sum(x >= floor for x in row) for row in score]
    sim = [
        [x if x >= floor and ones_of[j] == 1 and twos_of[i] == 1 else 0.0 for j, x in enumerate(row)]
        for i, row in enumerate(score)
    ]
    anchors = _ordered_best(sim)
    pairs: list[tuple[int, int]] = []
    bounds = [(-1, -1), *anchors, (n, m)]
    for (r0, c0), (r1, c1) in zip(bounds, bounds[1:]):
        if r1 - r0 == c1 - c0:
            pairs += [
                (i, j)
                for i, j in ((r0 + k, c0 + k) for k in range(1, r1 - r0))
                if fill_floor is None
                or (score[i][j] >= fill_floor and max(ones_of[j], twos_of[i]) <= (score[i][j] >= floor))
            ]
        if (r1, c1) != (n, m):
            pairs.append((r1, c1))
    return pairs


def _ordered_best(sim: list[list[float]]) -> list[tuple[int, int]]:
    """The order-keeping set of pairs of positive score with the greatest total."""
    n, m = len(sim), len(sim[0]) if sim else 0
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            take = best[i + 1][j + 1] + sim[i][j] if sim[i][j] > 0 else -1.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], take)
    out, i, j = [], 0, 0
    while i < n and j < m:
        if sim[i][j] > 0 and best[i][j] == best[i + 1][j + 1] + sim[i][j]:
            out.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return out

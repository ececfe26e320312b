"""A head whose labels can be read more than one way -> every reading, and the one the rows'
arithmetic backs.

OCR and the vocabulary's longest-phrase match can swallow a group label: 'Meta anual
Programado Realizado' on one line is read as 'Meta anual programado' (the year's target) and
'Realizado', leaving two runs of quarters ('Primero … Cuarto Primero … Cuarto') under one
group. The head alone cannot say on which side of the named group the lost one printed; the
rows can: under the right reading their programados add up to the meta anual and their % is
alcanzado / programado. So each reading is tried and the one under which most rows' relations
hold is kept; a tie keeps the reading of the head as printed.
"""

from __future__ import annotations

from .align import row_relations
from .columns import Label
from .table import RowCells


def lost_group_readings(kinds: list[Label], runs: list[list[int]]) -> list[list[Label]]:
    """Readings of a head with more runs of quarters than groups over them and one kind of
    group named: the other kind inserted before, or after, the named group."""
    groups = [i for i, lb in enumerate(kinds) if lb.kind in ("prog", "alc")]
    named = {kinds[i].kind for i in groups}
    if len(named) != 1 or len(runs) <= len(groups):
        return []
    missing = Label("alc" if "prog" in named else "prog")
    g = groups[0]
    return [[*kinds[:g], missing, *kinds[g:]], [*kinds[: g + 1], missing, *kinds[g + 1 :]]]


def rows_backed(rows: list[RowCells], T: int | None) -> int:
    """Rows whose relations all hold, at least one of them."""
    n = 0
    for rc in rows:
        rels = row_relations(rc.numbers, T, rc.text.get("comentario"))
        if rels and all(ok for *_, ok in rels):
            n += 1
    return n

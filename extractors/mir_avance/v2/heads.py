"""A MIR head's labels -> the sequence of numeric columns it prints, in every reading the
damage leaves open, and the one the rows' arithmetic backs.

Heads group their columns two ways — kinds over quarters ('Programado' over 'T1 … T4') or
quarters over kinds ('Ene-Mar' over 'Meta | Alc.') — or name both in each column ('Programado
T1', '1er Trim. Prog.'). OCR loses labels on the way ('1er Trirn.', 'Mata anual'); quarters
printed under a group are consecutive, and a group's runs of quarters are as many as its
groups, so a lost label is put back where the rest of the head says it was.

A head whose labels can be read more than one way is read every way.
OCR and the vocabulary's longest-phrase match can swallow a group label: 'Meta anual
Programado Realizado' on one line is read as 'Meta anual programado' (the year's target) and
'Realizado', leaving two runs of quarters ('Primero … Cuarto Primero … Cuarto') under one
group. The head alone cannot say on which side of the named group the lost one printed; the
rows can: under the right reading their programados add up to the meta anual and their % is
alcanzado / programado. So each reading is tried and the one under which most rows' relations
hold is kept; a tie keeps the reading of the head as printed.
"""

from __future__ import annotations

import regex

from .align import row_relations
from .columns import Label, looks_like_quarter, name_to_labels, repair_quarter_labels_in_line
from .table import RowCells

# where one head cell ends and the next begins: a pipe, a tab, two or more spaces
HEAD_CELL_GAP = regex.compile(r"\s*\|\s*|\t|\s{2,}")
# a quarter label's cell prints at most this many words ('1er Trim.', 'Ene-Mar 2023'); a longer
# cell that names nothing is text, never a quarter OCR damaged
MAX_QUARTER_CELL_WORDS = 2
TEXT_KINDS = ("nivel", "clave", "resumen", "siglas", "indicador", "unidad", "frecuencia", "comentario", "texto_extra")


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


def lost_sub_readings(kinds: list[Label]) -> list[list[Label]]:
    """Readings of a quarters-over-kinds head ('Primero … Cuarto' over 'Meta Alc. Meta Alc. …')
    with one sub-label lost: every quarter prints the same kinds in the same order, so the
    printed sub-labels are the full pattern but one, and the lost one may be any that restores
    it. 'Mela Alc. Meta Alc. Meta Alc. Meta Alc.' (dev MIR OCR'd text 129, 'Mela' read as no
    label) reads as Alc. first under each quarter, every column one off; the reading with a
    programado put back first is one of these, and the rows' arithmetic chooses."""
    qpos = [i for i, lb in enumerate(kinds) if lb.kind == "q"]
    first_group = next((lb.kind for lb in kinds if lb.kind in ("prog", "alc", "q")), None)
    if first_group != "q" or any(kinds[i].kind in ("prog", "alc") for i in range(qpos[0], qpos[-1])):
        return []  # not quarters over kinds, or each quarter printed with its own kinds
    subs = [lb.kind for lb in kinds if lb.kind in ("prog", "alc")]
    quarters = sum(1 for lb in _lost_quarters(kinds, subs) if lb.kind == "q")
    if not subs:
        return []
    # ... one kind alone printed is a head whose only other sub-label was lost: 'Programado
    # Raal | Programado | Programado | Programado' in a first-quarter report (report block 483)
    rest = [lb for lb in kinds if lb.kind not in ("prog", "alc")]
    out = []
    for pattern in (["prog", "alc"], ["alc", "prog"]):
        # ... the quarters not yet reported may print their programado alone ('Meta Alc. Meta
        # Alc. Meta Meta' in a second-quarter report, 'Mela' lost: report block 432)
        for reported in range(quarters, 0, -1):
            full = pattern * reported + ["prog"] * (quarters - reported)
            if len(full) == len(subs) + 1 and any(full[:i] + full[i + 1 :] == subs for i in range(len(full))):
                out.append([*rest, *(Label(k) for k in full)])
    return out


def lost_quarter_readings(kinds: list[Label]) -> list[list[Label]]:
    """Readings of a kinds-over-quarters head ('Meta programada' over 'T1 … T4') with a
    quarter label lost at either end of a group's run ('T2 T3 T4 | T1 T2 T3 T4', dev MIR OCR'd
    text 147): a kind's quarters start at the first, so a run starting later gets the quarters
    before it back; a run ending before the longest run of the head may have lost its last
    ones. Each is one reading; the rows' arithmetic chooses, a tie keeps the head as printed."""
    first_group = next((lb.kind for lb in kinds if lb.kind in ("prog", "alc", "q")), None)
    if first_group not in ("prog", "alc"):
        return []
    runs: list[list[int]] = []  # indices into kinds of each run's quarter labels
    for i, lb in enumerate(kinds):
        if lb.kind != "q" or lb.quarter is None:
            continue
        if runs and kinds[runs[-1][-1]].quarter < lb.quarter:  # type: ignore[operator]
            runs[-1].append(i)
        else:
            runs.append([i])
    if len(runs) < 2:
        return []
    last = max(kinds[r[-1]].quarter or 0 for r in runs)
    out = []
    for r in runs:
        first_q, last_q = kinds[r[0]].quarter or 1, kinds[r[-1]].quarter or 1
        if first_q > 1:
            out.append([*kinds[: r[0]], *(Label("q", q) for q in range(1, first_q)), *kinds[r[0] :]])
        # ... as many as the head's longest run, or fewer: the alcanzados of a report print
        # only the quarters reported ('Ene-Mar Abr-Jun Ju|-Sep' under Alcanzado in a third-quarter
        # report, the last label lost: report block 458)
        for end in range(last, last_q, -1):
            out.append([*kinds[: r[-1] + 1], *(Label("q", q) for q in range(last_q + 1, end + 1)), *kinds[r[-1] + 1 :]])
    return out


def rows_backed(rows: list[RowCells], T: int | None) -> int:
    """Rows whose relations all hold, at least one of them."""
    n = 0
    for rc in rows:
        rels = row_relations(rc.numbers, T, rc.text.get("comentario"))
        if rels and all(ok for *_, ok in rels):
            n += 1
    return n


def head_to_sequence(labels: list[Label]) -> list[tuple[str, int | None]]:
    """The numeric columns a head prints, in order. Group labels are expanded over the run of
    sub-labels printed for them: 'Programado | Alcanzado' over 'T1..T4 T1..T2', or 'T1 | T2'
    over 'Prog. Alc. Prog. Alc.'."""
    kinds = _orphan_run_to_group([lb for lb in labels if lb.kind not in TEXT_KINDS])
    first_group = next((lb.kind for lb in kinds if lb.kind in ("prog", "alc", "q")), None)
    seq: list[tuple[str, int | None]] = []
    if first_group in ("prog", "alc") and _each_kind_with_its_quarter(kinds):
        # 'Programado T1 | Programado T2 | … | Alcanzado T1': every column names both
        for i, lb in enumerate(kinds):
            if lb.kind in ("prog", "alc"):
                seq.append((lb.kind, kinds[i + 1].quarter))
            elif lb.kind != "q":
                seq.append((lb.kind, None))
        return seq
    if first_group in ("prog", "alc"):  # kinds over quarters
        last_q = max((i for i, lb in enumerate(kinds) if lb.kind == "q"), default=-1)
        # a group label after every quarter label heads none of them: a column of its own
        # ('Meta anual programada' at the head's end, 'Meta anual' lost to OCR: dev MIR OCR'd
        # text 101, where it took the first run from 'Meta programada' and shifted the rest)
        groups = [lb for i, lb in enumerate(kinds) if lb.kind in ("prog", "alc") and i < last_q]
        trailing = {id(lb) for i, lb in enumerate(kinds) if lb.kind == "prog" and i > last_q >= 0}
        qs = [lb.quarter for lb in kinds if lb.kind == "q"]
        runs = _increasing_runs(qs)
        # runs of quarters go to the last groups: a leading group left without one is a
        # column of its own ('Meta anual programada' whose 'Meta' OCR lost: the year's target)
        lead = max(0, len(groups) - len(runs))
        expanded = {id(g): [(g.kind, q) for q in (runs[i - lead] if i >= lead else [])] for i, g in enumerate(groups)}
        for lb in kinds:
            if lb.kind in ("prog", "alc"):
                own = expanded.get(id(lb))
                alone = id(lb) in trailing or (lead and groups and lb is groups[0])
                seq += own or [("meta" if lb.kind == "prog" and alone else lb.kind, None)]
            elif lb.kind != "q":
                seq.append((lb.kind, None))
        return seq
    qpos = [i for i, lb in enumerate(kinds) if lb.kind == "q"]
    if qpos and any(kinds[i].kind in ("prog", "alc") for i in range(qpos[0], qpos[-1])):
        # each quarter printed with its own kinds ('1er Trim. Prog. | 1er Trim. Real | …')
        quarter = None
        for lb in kinds:
            if lb.kind == "q":
                quarter = lb.quarter
            elif lb.kind in ("prog", "alc"):
                seq.append((lb.kind, quarter))
            else:
                seq.append((lb.kind, None))
        return seq
    subs = [lb.kind for lb in kinds if lb.kind in ("prog", "alc")]
    kinds = _lost_quarters(kinds, subs)
    pos = 0
    for lb in kinds:
        if lb.kind == "q":
            run: list[str] = []
            while pos < len(subs) and subs[pos] not in run:
                run.append(subs[pos])
                pos += 1
            seq += [(k, lb.quarter) for k in (run or ["prog", "alc"])]
        elif lb.kind not in ("prog", "alc"):
            seq.append((lb.kind, None))
    return seq


def _lost_quarters(kinds: list[Label], subs: list[str]) -> list[Label]:
    """Quarters over kinds ('1er Trim. | 2do Trim.' over 'Meta Alcanzado Meta Alcanzado') with
    more runs of sub-labels than quarter labels: OCR lost a quarter label ('1er Trirn.'). The
    quarters printed are consecutive, so the lost ones are those before the first printed
    (down to the first quarter), then those after the last."""
    runs, run = 0, set()
    for k in subs:
        if k in run or not run:
            runs += 1
            run = set()
        run.add(k)
    qs = [i for i, lb in enumerate(kinds) if lb.kind == "q"]
    printed = [kinds[i].quarter for i in qs]
    if not qs or runs <= len(qs) or printed != list(range(printed[0], printed[0] + len(printed))):
        return kinds
    lost = runs - len(qs)
    before = list(range(max(1, printed[0] - lost), printed[0]))
    after = list(range(printed[-1] + 1, min(4, printed[-1] + lost - len(before)) + 1))
    return [
        *kinds[: qs[0]],
        *(Label("q", q) for q in before),
        *kinds[qs[0] : qs[-1] + 1],
        *(Label("q", q) for q in after),
        *kinds[qs[-1] + 1 :],
    ]


def _each_kind_with_its_quarter(kinds: list[Label]) -> bool:
    groups = [i for i, lb in enumerate(kinds) if lb.kind in ("prog", "alc")]
    quarters = [i for i, lb in enumerate(kinds) if lb.kind == "q"]
    return len(groups) > 1 and [i + 1 for i in groups] == quarters


def _orphan_run_to_group(kinds: list[Label]) -> list[Label]:
    """'Meta anual Programado T1 … T4 Alcanzado T1 … T4': the vocabulary reads 'Meta anual
    programado' as the annual target, leaving the first run of quarters with no kind over it
    while the next group prints its own. That run is the quarterly kind the head does not
    name otherwise (programado when only alcanzado is named, and the reverse)."""
    groups = [i for i, lb in enumerate(kinds) if lb.kind in ("prog", "alc")]
    quarters = [i for i, lb in enumerate(kinds) if lb.kind == "q"]
    if not groups or not quarters or quarters[0] > groups[0]:
        return kinds
    g = groups[0]
    if g + 1 >= len(kinds) or kinds[g + 1].kind != "q":
        return kinds  # quarters over kinds ('T1 | Prog. Alc.'): no orphan
    named = {kinds[i].kind for i in groups}
    if len(named) != 1:
        return kinds
    missing = "alc" if "prog" in named else "prog"
    return [*kinds[: quarters[0]], Label(missing), *kinds[quarters[0] :]]


def _increasing_runs(qs: list[int | None]) -> list[list[int]]:
    """The runs of quarters printed under each group, in order. Quarters under a group are
    consecutive, so a gap ('Ene-Mar  Jul-Sep  Oct-Dic') is a label OCR lost: it is filled."""
    runs: list[list[int]] = []
    for q in qs:
        if q is None:
            continue
        if runs and runs[-1][-1] < q:
            runs[-1].append(q)
        else:
            runs.append([q])
    return [list(range(run[0], run[-1] + 1)) for run in runs]


def head_labels(lines: list[str]) -> list[Label]:
    """The head's labels, cell by cell: a line's cells are split where the export marks them
    (pipes, tabs, runs of spaces), and every line is a cell of its own (heads printed one cell
    per line), so a phrase never runs across two cells ('Meta anual | Programado' is not 'Meta
    anual programado'). A piece that is the rest of the cell before it, wrapped, is joined to
    it (``_rest_of_cell``)."""
    cells: list[str] = []
    for ln in lines:
        for piece in HEAD_CELL_GAP.split(repair_quarter_labels_in_line(ln).strip()):
            if not piece:
                continue
            if cells and _rest_of_cell(cells[-1], piece):
                cells[-1] = f"{cells[-1]} {piece}"
                continue
            cells.append(piece)
    return [lb for cell in cells_with_quarters_of_their_run(cells) for lb in name_to_labels(cell)]


def cells_with_quarters_of_their_run(cells: list[str]) -> list[str]:
    """A head's cells, a quarter label OCR damaged so that it names nothing read from the run
    of quarter cells it stands in: ']er Trim.' before '2do Trim.', '3er Trim.' is 'T1'. A head
    printed one cell per line (validation MIR OCR'd text 1020) gives each label a line of its
    own, where the line-wise repair (``repair_quarter_labels_in_line``) sees no run; without it
    the head had no first programado and the rows' first number took the meta's place. Read
    when both neighbours agree (3 between 2 and 4), or when one side's run of two says so and
    the cell looks like that quarter's label (``looks_like_quarter``)."""
    quarters = [_single_quarter(c) for c in cells]
    out = list(cells)
    for i, cell in enumerate(cells):
        if quarters[i] is not None or name_to_labels(cell) or len(cell.split()) > MAX_QUARTER_CELL_WORDS:
            continue
        from_left = _next(quarters[i - 1]) if i > 0 else None
        from_right = _previous(quarters[i + 1]) if i + 1 < len(cells) else None
        if from_left and from_left == from_right:
            out[i] = f"T{from_left}"
            continue
        run_left = from_left and (i < 2 or quarters[i - 2] == _previous(quarters[i - 1]))
        run_right = from_right and i + 2 < len(cells) and quarters[i + 2] == _next(quarters[i + 1])
        k = from_left if run_left and not from_right else from_right if run_right and not from_left else None
        if k and looks_like_quarter(cell.split()[0], k):
            out[i] = f"T{k}"
    return out


def _single_quarter(cell: str) -> int | None:
    labels = name_to_labels(cell)
    return labels[0].quarter if len(labels) == 1 and labels[0].kind == "q" else None


def _next(q: int | None) -> int | None:
    return q % 4 + 1 if q else None


def _previous(q: int | None) -> int | None:
    return (q + 2) % 4 + 1 if q else None


def _rest_of_cell(cell: str, piece: str) -> bool:
    """Whether a head piece is the rest of the cell before it, wrapped or split by OCR: it
    names nothing alone but makes a phrase with it ('Meta' / 'anual'), or both name the same
    one kind and together make one label of it ('Meta' / 'programada': two programado groups
    alone, one joined). Two kinds never join: 'Meta anual' / 'Programado' are two columns."""
    alone = name_to_labels(piece)
    before = name_to_labels(cell)
    joined = name_to_labels(f"{cell} {piece}")
    if not alone:
        return joined != before
    return (
        len(alone) == len(before) == len(joined) == 1
        and alone[0].kind == before[0].kind == joined[0].kind
        and alone[0].quarter is None
    )


def head_sequences(labels: list[Label]) -> list[list[tuple[str, int | None]]]:
    """The head's sequence of numeric columns as printed, then any other reading of it: a group
    label lost into a longer phrase, a sub-label lost under quarters, a quarter lost under a
    kind."""
    kinds = [lb for lb in labels if lb.kind not in TEXT_KINDS]
    runs = _increasing_runs([lb.quarter for lb in kinds if lb.kind == "q"])
    out = [head_to_sequence(labels)]
    for other in lost_group_readings(kinds, runs) + lost_sub_readings(kinds) + lost_quarter_readings(kinds):
        seq = head_to_sequence(other)
        if seq not in out:
            out.append(seq)
    if not _quarters_in_one_order(out[0]):
        # a head read as printing its quarters' kinds in different orders ('Programado Alc. |
        # Alc. | Programado Alc.', a sub-label lost: report block 421) is misread, however
        # many rows its shifted columns happen to back; a reading that restores one order
        # goes first, so that the rows' tie keeps it
        regular = next((seq for seq in out[1:] if _quarters_in_one_order(seq)), None)
        if regular is not None:
            out.remove(regular)
            out.insert(0, regular)
    return out


def _quarters_in_one_order(seq: list[tuple[str, int | None]]) -> bool:
    """Whether every quarter that prints both a programado and an alcanzado prints them in the
    same order, and no quarter prints a kind an earlier one does not: a report leaves out the
    alcanzados of the quarters it has not reached, never one between two it prints ('Programado
    Real | Programado | Programado Real', 'ReaI' no label: report block 423)."""
    orders = set()
    earlier: set[str] | None = None
    for q in range(1, 5):
        kinds = [k for k, quarter in seq if quarter == q and k in ("prog", "alc")]
        if "prog" in kinds and "alc" in kinds:
            orders.add(kinds.index("prog") < kinds.index("alc"))
        if earlier is not None and kinds and not set(kinds) <= earlier:
            return False
        if kinds:
            earlier = set(kinds)
    return len(orders) <= 1

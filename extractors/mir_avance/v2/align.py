"""A row's run of numbers whose count is not the head's -> the columns each number is in, chosen
by the row's own arithmetic, or left unplaced when the arithmetic cannot choose.

OCR drops cells ('568' lost between two dashes), splits them ('1,216' '904') and merges them
('100.00268.00' read as one token, or a stray mark read as a number). Counting alone cannot say
which column lost its cell. Every alignment that explains the count by one such edit is tried
(a column left empty, two neighbouring tokens joined, a token dropped) and each is scored by
the checks its values make hold (Σ programado = meta anual, % = alcanzado / programado of the
reported quarter, the commentary's X% and N de M). An alignment is taken only when it is the
one whose relations all hold (at least ``MIN_HOLDING`` of them); when several do, the values
on which they all agree are kept and the rest are left unplaced with a note naming them — an
alignment that leaves a programado without a cell has no Σ to fail, which is no evidence
against it, so holding more relations does not make one alignment win; needing fewer edits (cells
lost, split or stray) does.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import TypeVar

from papeleo.text.numbers import MX, Status, parse_number

from .solve import CHECK_FIELDS, read_commentary, relations_of
from .table import NULL_TOKENS, numeric_field

# at most this many edits (cells left empty, tokens joined or dropped) are tried for one row:
# two covers a lost cell plus a split one; more makes almost any count fit some alignment,
# and the checks then pick among coincidences
MAX_EDITS = 2
# an alignment must make at least this many relations hold to be taken at all: with none,
# nothing tells its columns from any other's
MIN_HOLDING = 1

# the check a value placed by alignment gets when another alignment would put a different token
# in its column: '<field>_columna_dudosa=conflict' (tests/scoring_flags.py maps it to the field)
DOUBTFUL_SUFFIX = "_columna_dudosa"

# the row's other values must agree on their decimals, at least this many and most of them: with
# fewer, a meta anual printed whole beside two quarterly decimals would be doubted
MIN_ROW_SHAPE = 3
# the decimals a thousands separator read as a decimal point leaves ('2.739')
THOUSANDS_GROUP = 3

Column = tuple[str, int | None]
K = TypeVar("K")
FIELDS = ("meta_anual", "avance_pct", *(f"{k}_t{q}" for k in ("programado", "alcanzado") for q in range(1, 5)))


def value_of(tok: str | None) -> float | None:
    if tok is None or tok.strip().lower() in NULL_TOKENS:
        return None
    r = parse_number(tok.strip(), MX)
    return r.value if r.status in (Status.CLEAN, Status.REPAIRED) else None


def _decimals(tok: str | None) -> int:
    if tok is None or tok.strip().lower() in NULL_TOKENS:
        return 0
    r = parse_number(tok.strip(), MX)
    return r.decimals if r.value is not None else 0


def other_decimal_readings(shapes: dict[K, tuple[int, float]]) -> dict[K, float]:
    """Of a row's values (key -> (decimals printed, value)), those whose decimals disagree with
    the rest of the row, each with the value its printing would have had with the row's
    decimals: its point restored ('3759' -> 37.59 among values of two decimals), or its
    thousands comma ('2.739' -> 2739 among whole numbers)."""
    out: dict[K, float] = {}
    for key, (decimals, value) in shapes.items():
        others = [d for k, (d, _) in shapes.items() if k != key]
        if len(others) < MIN_ROW_SHAPE:
            continue
        common, n = Counter(others).most_common(1)[0]
        if 2 * n <= len(others):
            continue
        if common > 0 and decimals == 0 and value != 0:
            out[key] = round(value / 10**common, common)
        elif common == 0 and decimals == THOUSANDS_GROUP:
            out[key] = float(round(value * 10**THOUSANDS_GROUP))
    return out


# at most this many tokens of a row with decimals in doubt are read both ways together (2^n
# readings of each alignment): more and some reading makes Σ programado hold by chance
MAX_DOUBTED_DECIMALS = 4


def _off_decimals(tokens: list[str]) -> dict[str, float]:
    """The tokens whose decimals disagree with the row's (``other_decimal_readings``; a % prints
    its own), each with its reading the row's way: '3.o51' and '2.581', a thousands comma read
    as a point in a row of whole numbers (report block 7010-7049 OCR'd text 7039), failed Σ
    programado under every alignment and the row lost all its values. The alignment takes the
    reading of them that makes its relations hold; the solver then decides the values
    (``record._solve_with_other_decimals``)."""
    shapes = {
        i: (_decimals(t), v)
        for i, t in enumerate(tokens)
        if not t.strip().endswith("%") and (v := value_of(t)) is not None
    }
    return {tokens[i]: x for i, x in other_decimal_readings(shapes).items()}


def _readings_both_ways(placed: dict[Column, str], doubted: dict[str, float]) -> list[dict[str, float]]:
    """Each way of reading the alignment's doubted tokens: as printed ({}), or some of them the
    row's way; only as printed when more than MAX_DOUBTED_DECIMALS are in doubt."""
    mine = sorted({t for t in placed.values() if t in doubted})
    if not mine or len(mine) > MAX_DOUBTED_DECIMALS:
        return [{}]
    return [{t: doubted[t] for t in chosen} for k in range(len(mine) + 1) for chosen in combinations(mine, k)]


def _joinable(left: str, right: str) -> bool:
    """Can two tokens be the halves of one split cell? Not when each reads as a number and the two
    joined read as none: '12,4l9' + '2,023' -> '12,4l92,023' (dev MIR OCR'd text 129) is two cells,
    and an alignment joining them hides both from every check (an illegible cell has no value)."""
    joined = parse_number(left + right, MX)
    return joined.status is not Status.INVALID or value_of(left) is None or value_of(right) is None


def _token_variants(tokens: list[str], n: int) -> list[tuple[list[str], str]]:
    """The token list with up to ``MAX_EDITS`` joins or drops bringing it down to ``n``
    tokens (or the list itself when it has at most ``n``)."""
    out = [(tokens, "")]
    frontier = [(tokens, "")]
    for _ in range(MAX_EDITS):
        nxt = []
        for toks, why in frontier:
            if len(toks) <= n:
                continue
            for i in range(len(toks)):
                nxt.append((toks[:i] + toks[i + 1 :], f"{why}'{toks[i]}' descartado; "))
                if i + 1 < len(toks) and _joinable(toks[i], toks[i + 1]):
                    joined = toks[i] + toks[i + 1]
                    nxt.append((toks[:i] + [joined] + toks[i + 2 :], f"{why}'{toks[i]}' y '{toks[i + 1]}' unidos; "))
        out += nxt
        frontier = nxt
    return [(t, w) for t, w in out if len(t) <= n]


def candidate_alignments(tokens: list[str], seq: list[Column]) -> list[tuple[dict[Column, str], str]]:
    """Every alignment of ``tokens`` to ``seq`` within ``MAX_EDITS`` edits: (column -> token,
    the edits that made it)."""
    out = []
    for toks, why in _token_variants(tokens, len(seq)):
        missing = len(seq) - len(toks)
        if missing > MAX_EDITS - why.count("; "):
            continue
        for empty in combinations(range(len(seq)), missing):
            cols = [c for i, c in enumerate(seq) if i not in empty]
            note = why + "".join(f"columna {seq[i][0]} {seq[i][1] or ''} sin celda; " for i in empty)
            out.append((dict(zip(cols, toks)), note))
    return out


def _relations(
    placed: dict[Column, str],
    T: int | None,
    comentario: str | None,
    empty: set[str],
    read_as: dict[str, float] | None = None,
):
    """The row's relations under one alignment, leaving out those that compare a column the
    alignment left without a cell: its value is unknown, not absent (Σ programado with a lost
    quarter neither holds nor fails). ``read_as``: tokens read with another value."""
    return [rel for rel in _all_relations(placed, T, comentario, read_as) if not _fields_of(rel[0], T) & empty]


def _holding(rels) -> int:
    """How many of an alignment's relations hold."""
    return sum(1 for *_, ok in rels if ok)


def _fields_of(check: str, T: int | None) -> set[str]:
    return {f.replace("{T}", str(T)) for f in CHECK_FIELDS.get(check, ())}


def _all_relations(
    placed: dict[Column, str], T: int | None, comentario: str | None, read_as: dict[str, float] | None = None
):
    values: dict[str, float | None] = {
        f: None
        for f in ("meta_anual", "avance_pct", *(f"{k}_t{q}" for k in ("programado", "alcanzado") for q in range(1, 5)))
    }
    dec = 0
    for (kind, q), tok in placed.items():
        name = numeric_field(kind, q, T)
        if name in values:
            values[name] = read_as[tok] if read_as and tok in read_as else value_of(tok)
            if name == "avance_pct":
                dec = _decimals(tok)
    return relations_of(values, T, dec, read_commentary(comentario))


def align_by_checks(
    tokens: list[str], seq: list[Column], T: int | None, comentario: str | None
) -> tuple[list[tuple[Column, str]], str, set[Column]] | None:
    """(column, token) pairs the arithmetic backs, a note saying how they were chosen, and the
    columns whose token another passing alignment would place elsewhere (``DOUBTFUL_SUFFIX``);
    None when no alignment makes ``MIN_HOLDING`` relations hold and none fail."""
    scored = []
    possible = []  # every alignment no relation fails, whether or not one holds
    doubted = _off_decimals(tokens)
    for placed, why in candidate_alignments(tokens, seq):
        empty = {numeric_field(k, q, T) or "" for k, q in seq if (k, q) not in placed}
        # the reading of the doubted tokens under which no relation fails and most hold; each token
        # read the row's way counts as an edit, so an alignment that holds as printed is preferred
        # (else every token could be read either way and many alignments pass: dev OCR'd text 147)
        readings = [
            (read_as, _relations(placed, T, comentario, empty, read_as))
            for read_as in _readings_both_ways(placed, doubted)
        ]
        passing = [(read_as, rels) for read_as, rels in readings if all(ok for *_, ok in rels)]
        if not passing:
            continue
        holding, read_as = max(
            ((_holding(rels), read_as) for read_as, rels in passing), key=lambda p: (p[0], -len(p[1]))
        )
        why += "".join(f"'{t}' leído como {x:g}; " for t, x in read_as.items())
        possible.append((placed, why))
        if holding >= MIN_HOLDING:
            scored.append((holding, placed, why))
    if not scored:
        return None
    # every alignment that passes is as good as any other: one that leaves a programado
    # without a cell has no Σ to pass, which is no evidence against it
    # ... but an alignment needing fewer edits is the likelier: damage is rare within a row
    fewest = min(w.count("; ") for _, _, w in scored)
    best = [(p, w) for _, p, w in scored if w.count("; ") == fewest]
    agreed = {c: t for c, t in best[0][0].items() if all(p.get(c) == t for p, _ in best[1:])}
    # ... and a value another alignment of as few edits would put elsewhere is kept but doubted:
    # that alignment may hold no relation only because its lost cell is one a check needs (a
    # programado), while the holding one may hold by coincidence (Σ of four shifted programados
    # equals the meta anual when an alcanzado equals the programado it replaced: dev OCR'd text
    # seed 19, four programados one column off and no flag)
    doubtful = {c for c, t in agreed.items() if any(p.get(c) != t for p, w in possible if w.count("; ") <= fewest)}
    if len(best) == 1:
        return (
            list(agreed.items()),
            f"{len(tokens)} valores para {len(seq)} columnas: {best[0][1].strip('; ')}",
            doubtful,
        )
    left = sorted({f"{k} {q or ''}".strip() for p, _ in best for (k, q) in p if (k, q) not in agreed})
    note = (
        f"{len(tokens)} valores para {len(seq)} columnas: {len(best)} alineaciones cuadran igual; "
        f"sin asignar: {', '.join(left)}"
    )
    return list(agreed.items()), note, doubtful


def row_relations(numbers: dict[str, str], T: int | None, comentario: str | None):
    """The relations a row's placed tokens (contract field -> token) make hold or fail."""
    values: dict[str, float | None] = dict.fromkeys(FIELDS)
    dec = 0
    for name, tok in numbers.items():
        if name in values:
            values[name] = value_of(tok)
            if name == "avance_pct":
                dec = _decimals(tok)
    return relations_of(values, T, dec, read_commentary(comentario))

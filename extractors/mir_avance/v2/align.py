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

from itertools import combinations

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

Column = tuple[str, int | None]
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


def _relations(placed: dict[Column, str], T: int | None, comentario: str | None, empty: set[str]):
    """The row's relations under one alignment, leaving out those that compare a column the
    alignment left without a cell: its value is unknown, not absent (Σ programado with a lost
    quarter neither holds nor fails)."""
    return [rel for rel in _all_relations(placed, T, comentario) if not _fields_of(rel[0], T) & empty]


def _fields_of(check: str, T: int | None) -> set[str]:
    return {f.replace("{T}", str(T)) for f in CHECK_FIELDS.get(check, ())}


def _all_relations(placed: dict[Column, str], T: int | None, comentario: str | None):
    values: dict[str, float | None] = {
        f: None
        for f in ("meta_anual", "avance_pct", *(f"{k}_t{q}" for k in ("programado", "alcanzado") for q in range(1, 5)))
    }
    dec = 0
    for (kind, q), tok in placed.items():
        name = numeric_field(kind, q, T)
        if name in values:
            values[name] = value_of(tok)
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
    for placed, why in candidate_alignments(tokens, seq):
        empty = {numeric_field(k, q, T) or "" for k, q in seq if (k, q) not in placed}
        rels = _relations(placed, T, comentario, empty)
        if any(not ok for *_, ok in rels):
            continue
        possible.append((placed, why))
        holding = sum(1 for *_, ok in rels if ok)
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

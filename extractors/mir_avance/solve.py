"""The document's own arithmetic, used as evidence for every number of a MIR row.

A value is kept when the printed cell says it and nothing contradicts it; replaced only
when two independent sources agree on another value (the commentary's N plus its X%, the
sum of the quarters plus the 'Meta Anual' line, ...); filled in only when the equations
determine it uniquely. Everything else stays as printed (or null) with the disagreement
written into ``checks``, because a wrong number is worse than a missing one.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import replace

from .assign import assign_tokens
from .commentary import readings
from .numbers import (
    PERCENT,
    fmt,
    is_common_confusion,
    is_dropped_digits,
    misread_reason,
    parse_percent,
    percent_matches,
    value_of,
)
from .types import (
    ALC,
    CONFIRMING_SOURCES,
    PROG,
    SUM_FIELDS,
    SUM_TOLERANCE,
    Commentary,
    RawRow,
    Reading,
    Solved,
    fields_for,
)

log = logging.getLogger(__name__)

# Readings of the quarter's and of the annual commentary tried together with the cells:
# the best few; more multiplies the assignments scored for little gain.
TRIMESTRAL_READINGS = 6
ANUAL_READINGS = 4
# A reading that is self-consistent (N/M gives X%) is worth more than the cells it fits;
# one consistent with a one-digit misreading of X, half as much.
READING_CONSISTENT = 3.0
READING_X_MISREAD = 1.5
# Readings of mangled cells tried to close meta anual = Σ programado: more would let a
# coincidence through; at most this many mangled cells at once.
MAX_SUM_SOLUTIONS_TRIED = 2000
MAX_GARBLED_UNKNOWNS = 3
# an avance the commentary implies but does not print is rounded as reports print theirs
IMPUTED_PCT_DECIMALS = 2


def _best_reading(c: Commentary | None, row: RawRow, T: int, an: Commentary | None):
    if c is None and an is None:
        return None, None, assign_tokens(row, T, None, None)
    rs = _in_context(readings(c)[:TRIMESTRAL_READINGS], row) if c else [None]
    ans = readings(an)[:ANUAL_READINGS] if an else [None]
    best = None
    for r in rs or [None]:
        for a in ans or [None]:
            assign, amb, sc = assign_tokens(row, T, r, a)
            bonus = 0.0
            for rd in (r, a):
                if rd is not None:
                    bonus += (
                        READING_CONSISTENT if rd.consistent else READING_X_MISREAD if rd.x_fixed is not None else 0.0
                    )
            if best is None or sc + bonus > best[0]:
                best = (sc + bonus, r, a, (assign, amb, sc))
    return best[1], best[2], best[3]


def _in_context(rs: list[Reading], row: RawRow) -> list[Reading]:
    """Commentary numbers OCR'd with digits lost ('216,904' for 1,216,904) are repaired
    from the row's own cells when X% then holds: two readings agreeing, not a guess."""
    cells = [t.value for t in list(row.tokens) + list(row.slots.values()) if t.clean]
    out = list(rs)
    for r in rs:
        if r.consistent or r.x is None:
            continue
        for v in cells:
            if (
                r.m
                and r.n_tok is not None
                and v != r.n
                and percent_matches(v, r.m, r.x, r.x_decimals)
                and misread_reason(r.n_tok, v)
            ):
                out.insert(0, replace(r, n=v, consistent=True))
            if (
                r.n is not None
                and r.m_tok is not None
                and v
                and v != r.m
                and percent_matches(r.n, v, r.x, r.x_decimals)
                and misread_reason(r.m_tok, v)
            ):
                out.insert(0, replace(r, m=v, consistent=True))
    return out


def solve_row(row: RawRow, T: int, comments: list[Commentary]) -> Solved:
    tri = next((c for c in comments if c.kind == "trimestral"), None)
    anu = next((c for c in comments if c.kind == "anual"), None)
    r, a, (assign, amb, _) = _best_reading(tri, row, T, anu)
    sv = Solved(
        row=row,
        T=T,
        trimestral=tri,
        anual=anu,
        reading=r,
        anual_reading=a,
        table=assign,
        ambiguous=amb,
        tentative=set(row.tentative),
    )
    votes: dict[str, dict[float, set[str]]] = {f: {} for f in fields_for(T)}

    def vote(f: str, v: float | None, src: str) -> None:
        if v is not None and f in votes:
            votes[f].setdefault(v, set()).add(src)

    for f, tok in assign.items():
        if f in amb:
            continue
        if tok.clean:
            vote(f, tok.value, "tabla")
    pf, af = (PROG[T - 1], ALC[T - 1]) if T else (None, None)
    if r is not None and T:
        vote(pf, r.m, "comentario")
        vote(af, r.n, "comentario")
        x = r.x_fixed if (r.x_fixed is not None and not r.consistent) else r.x
        if x is not None:
            ms = {v for v in (r.m, value_of(assign.get(pf))) if v is not None}
            ns = {v for v in (r.n, value_of(assign.get(af))) if v is not None}
            for n, m in itertools.product(ns, ms):
                if percent_matches(n, m, x, r.x_decimals):
                    vote(pf, m, "porcentaje")
                    vote(af, n, "porcentaje")
    if a is not None:
        vote("meta_anual", a.m, "meta_anual")
    _resolve(sv, votes, assign)
    _sum_check(sv, votes, assign)
    if a is not None and a.n is not None and T:
        _anual_check(sv, votes, assign, a)
        _sum_check(sv, votes, assign)
    _same_glyph(sv)
    _commentary_check(sv)
    _distrust_shifted_run(sv)
    return sv


def _same_glyph(sv: Solved) -> None:
    """A mangled cell printed the same way as one a check has already decoded in this row
    ('a1' = 31 by the sum) is read the same way: same glyphs, same font, same scan."""
    decoded = {
        tok.raw: sv.values[f]
        for f, tok in sv.table.items()
        if not tok.clean and sv.values.get(f) is not None and sv.sources.get(f, set()) & {"suma", "ocr"}
    }
    for f, tok in sv.table.items():
        if sv.values.get(f) is None and not tok.clean and tok.raw in decoded:
            v = decoded[tok.raw]
            sv.set(
                f,
                v,
                "corregido",
                f"'{tok.raw}' leído {fmt(v)} como la misma grafía ya comprobada en esta fila",
                {"ocr"},
            )


def _percent_in_row(sv: Solved) -> None:
    """A row without a 'Meta ...' commentary may still state its result in its own cells
    ('obtuvo un resultado ... del 100.89%'): one percentage, and only one, is taken."""
    found = {parse_percent(m.group(1)) for m in PERCENT.finditer(sv.row.text)}
    found.discard(None)
    if len(found) == 1:
        sv.avance_pct = found.pop()
        sv.notes.append(f"avance_pct={sv.avance_pct}: único porcentaje impreso en la fila (sin comentario 'Meta')")


def _distrust_shifted_run(sv: Solved) -> None:
    """A printed cell contradicted outright (not a plausible misreading) by two sources
    means the run's cells may be shifted: its other unconfirmed cells are not evidence."""
    shifted = [
        f
        for f, st in sv.corrected.items()
        if st == "corregido"
        and f in sv.table
        and sv.table[f].clean
        and misread_reason(sv.table[f], sv.values[f]) is None
    ]
    if not shifted:
        return
    for f, tok in sv.table.items():
        if f in sv.corrected or not tok.clean or sv.values.get(f) is None:
            continue
        if sv.sources.get(f, set()) <= {"tabla"}:
            sv.values[f] = None
            sv.notes.append(
                f"{f}: celda '{tok.raw}' descartada; la fila tiene celdas desplazadas ({', '.join(shifted)})"
            )


def _resolve(sv: Solved, votes, assign) -> None:
    for f, cand in votes.items():
        tok = assign.get(f)
        table_v = value_of(tok) if f not in sv.ambiguous else None
        if not cand:
            sv.values[f] = None
            continue
        ranked = sorted(cand.items(), key=lambda kv: (-len(kv[1]), kv[0] != table_v))
        v, src = ranked[0]
        tied = [x for x, s in ranked if len(s) == len(src) and x != v]
        if table_v is not None and v != table_v:
            if len(src) >= CONFIRMING_SOURCES and len(src) > len(cand.get(table_v, ())):
                sv.set(
                    f, v, "corregido", f"la tabla dice {fmt(table_v)}, {' y '.join(sorted(src))} dicen {fmt(v)}", src
                )
                sv.checks[f"{f}_fuentes"] = "conflict"
                continue
            v, src = table_v, cand.get(table_v, {"tabla"})
        if tied:
            # one source against one other and nothing breaks the tie: no value
            sv.checks[f"{f}_fuentes"] = "conflict"
            sv.notes.append(f"{f}: fuentes en desacuerdo ({', '.join(fmt(x) for x in [v, *tied])}); sin valor")
            sv.values[f] = None
            continue
        sv.values[f] = v
        sv.sources[f] = set(src)
        if tok is not None and tok.shape and "tabla" in src:
            sv.corrected[f] = "corregido"
            sv.notes.append(f"{f}={fmt(v)}: celda '{tok.raw}' leída como 0 por su forma")
        if "tabla" not in src:
            status = "corregido" if tok is not None else "imputado"
            why = f"de {' y '.join(sorted(src))}"
            if tok is not None:
                why = f"celda '{tok.raw}' ilegible; " + why
            sv.corrected[f] = status
            sv.notes.append(f"{f}={fmt(v)}: {why}")


def _sum_check(sv: Solved, votes, assign) -> None:
    """meta_anual = Σ programado: confirm, repair one misread cell, or fill one gap."""
    vals = [sv.values.get(f) for f in SUM_FIELDS]
    if all(v is not None for v in vals):
        nonzero = [p for p in vals[1:] if p]
        # ... or a constant indicator: each programmed quarter is the annual target ('100' four
        # times under a meta of '100', a percentage held all year), as v2's suma_holds reads it;
        # summed, the meta was 'mended' to 400 as a digit OCR confused (generated scan 7093)
        constant = bool(nonzero) and all(abs(p - vals[0]) < SUM_TOLERANCE for p in nonzero)
        if abs(vals[0] - sum(vals[1:])) < SUM_TOLERANCE or constant:
            sv.checks["suma_programado"] = "ok"
            for f in SUM_FIELDS:
                sv.sources.setdefault(f, set()).add("suma")
            return
        backed = []
        for i, f in enumerate(SUM_FIELDS):
            want = sum(vals[1:]) if i == 0 else vals[0] - (sum(vals[1:]) - vals[i])
            other = votes.get(f, {}).get(want, set()) - {"tabla"}
            if other and not sv.confirmed(f):
                backed.append((f, want, other))
        if len(backed) == 1:
            f, want, other = backed[0]
            sv.set(
                f,
                want,
                "corregido",
                f"suma de trimestres = meta anual y {' y '.join(sorted(other))} dan {fmt(want)}",
                {"suma", *other},
            )
            sv.checks["suma_programado"] = "conflict"
            sv.checks.pop(f"{f}_fuentes", None)
            sv.checks[f"{f}_fuentes"] = "conflict"
            return
        fixes = []
        for i, f in enumerate(SUM_FIELDS):
            want = sum(vals[1:]) if i == 0 else vals[0] - (sum(vals[1:]) - vals[i])
            tok = assign.get(f)
            if want < 0 or sv.confirmed(f) or tok is None:
                continue
            why = misread_reason(tok, want)
            if why:
                fixes.append((f, want, why))
        if len(fixes) > 1:
            # several cells could each be the misread one: keep a repair only when exactly one
            # of them is a confusion OCR is known to make ('3500000' for 3600000, '1,812' for 1,872)
            fixes = [fx for fx in fixes if is_common_confusion(assign[fx[0]], fx[1])]
        if len(fixes) == 1:
            f, want, why = fixes[0]
            sv.set(f, want, "corregido", f"suma de trimestres = meta anual exige {fmt(want)}; {why}", {"suma", "ocr"})
            sv.checks["suma_programado"] = "conflict"
        else:
            sv.checks["suma_programado"] = "conflict"
            sv.notes.append(
                f"meta_anual {fmt(vals[0])} != suma de programado {fmt(sum(vals[1:]))}; sin corrección única"
            )
        return
    unknown = [f for f, v in zip(SUM_FIELDS, vals) if v is None]
    garbled = [f for f in unknown if assign.get(f) is not None and assign[f].cands and f not in sv.ambiguous]
    if len(unknown) == 1:
        f = unknown[0]
        known = {g: v for g, v in zip(SUM_FIELDS, vals) if v is not None}
        want = (
            sum(known[g] for g in PROG if g in known)
            if f == "meta_anual"
            else known["meta_anual"] - sum(known[g] for g in PROG if g in known)
        )
        if want >= 0:
            tok = assign.get(f)
            status = "corregido" if tok is not None else "imputado"
            why = misread_reason(tok, want) if tok is not None else None
            sv.set(
                f, want, status, "despejado de meta anual = suma de programado" + (f"; {why}" if why else ""), {"suma"}
            )
            sv.checks["suma_programado"] = "ok"
        else:
            sv.checks["suma_programado"] = "conflict"
        return
    if unknown and len(garbled) == len(unknown) and len(unknown) <= MAX_GARBLED_UNKNOWNS:
        known = {g: v for g, v in zip(SUM_FIELDS, vals) if v is not None}
        opts = [list(assign[f].cands) for f in unknown]
        sols = []
        for combo in itertools.islice(itertools.product(*opts), MAX_SUM_SOLUTIONS_TRIED):
            full = dict(known, **dict(zip(unknown, combo)))
            if abs(full["meta_anual"] - sum(full[g] for g in PROG)) < SUM_TOLERANCE:
                sols.append(combo)
        if len(sols) == 1:
            for f, v in zip(unknown, sols[0]):
                sv.set(
                    f,
                    v,
                    "corregido",
                    f"'{assign[f].raw}' leído {fmt(v)}: única lectura que cumple meta anual = suma de programado",
                    {"suma", "ocr"},
                )
            sv.checks["suma_programado"] = "ok"
            return
    sv.checks.setdefault("suma_programado", "not_applicable")


def _anual_check(sv: Solved, votes, assign, a: Reading) -> None:
    """'Meta Anual: ... N de M' states Σ alcanzado so far."""
    fields = list(ALC[: sv.T])
    got = [sv.values.get(f) for f in fields]
    missing = [f for f, v in zip(fields, got) if v is None]
    if not missing:
        if sum(got) == a.n:
            sv.checks["meta_anual_comentario"] = "ok"
            for f in fields:
                sv.sources.setdefault(f, set()).add("meta_anual")
        else:
            # one unconfirmed cell explains the difference?
            cand = [f for f in fields if not sv.confirmed(f)]
            if len(cand) == 1:
                f = cand[0]
                want = a.n - (sum(got) - sv.values[f])
                why = misread_reason(assign[f], want) if assign.get(f) else None
                if want >= 0 and why and len(sv.sources.get(f, ())) <= 1 and sv.sources.get(f) != {"tabla"}:
                    sv.set(
                        f, want, "corregido", f"Meta Anual dice suma alcanzado {fmt(a.n)}; {why}", {"meta_anual", "ocr"}
                    )
                elif want >= 0 and why and is_dropped_digits(why):
                    sv.set(
                        f, want, "corregido", f"Meta Anual dice suma alcanzado {fmt(a.n)}; {why}", {"meta_anual", "ocr"}
                    )
                else:
                    sv.values[f] = None
                    sv.notes.append(
                        f"{f}: Meta Anual da suma alcanzado {fmt(a.n)} ({fmt(want)} para {f}) "
                        f"y la tabla {fmt(sum(got))}; "
                        "una fuente contra otra, sin valor"
                    )
            sv.checks["meta_anual_comentario"] = "conflict"
        return
    if len(missing) == 1:
        f = missing[0]
        want = a.n - sum(v for v in got if v is not None)
        if want >= 0:
            tok = assign.get(f)
            sv.set(
                f,
                want,
                "corregido" if tok else "imputado",
                f"despejado de Meta Anual (alcanzado acumulado {fmt(a.n)})",
                {"meta_anual"},
            )
            sv.checks["meta_anual_comentario"] = "ok"
            return
    sv.checks["meta_anual_comentario"] = "not_applicable"
    if a.m is not None and sv.values.get("meta_anual") not in (None, a.m):
        sv.checks["meta_anual_comentario"] = "conflict"


def _commentary_check(sv: Solved) -> None:
    r, T = sv.reading, sv.T
    if r is None or not T:
        sv.checks["avance_comentario"] = "not_applicable"
        if sv.trimestral and sv.trimestral.percents:
            sv.avance_pct = sv.trimestral.percents[0].value
        elif sv.trimestral is None:
            _percent_in_row(sv)
        return
    n, m = sv.values.get(ALC[T - 1]), sv.values.get(PROG[T - 1])
    ok = (r.n is None or r.n == n) and (r.m is None or r.m == m)
    x = r.x
    if x is not None and n is not None and m is not None:
        if not percent_matches(n, m, x, r.x_decimals):
            if r.x_fixed is not None and percent_matches(n, m, r.x_fixed, r.x_decimals):
                sv.notes.append(
                    f"avance_pct: el comentario dice {x}% pero {fmt(n)}/{fmt(m)} da {r.x_fixed}% (dígito mal leído)"
                )
                x = r.x_fixed
                sv.corrected["avance_pct"] = "corregido"
            else:
                ok = False
    if x is None and r.n is not None and r.m and n == r.n and m == r.m:
        x = round(100.0 * n / m, IMPUTED_PCT_DECIMALS)
        sv.corrected["avance_pct"] = "imputado"
        sv.notes.append(f"avance_pct={x}: el comentario no imprime porcentaje; {fmt(n)} de {fmt(m)}")
    sv.avance_pct = x
    compared = r.n is not None or r.m is not None or (x is not None and n is not None and m is not None)
    if not compared:
        # the commentary states a % and no N de M, and the row prints no quarter cells to meet
        # it: the row's % is the commentary's own, and comparing it with itself checks nothing
        # (MIR report scan 6536: each row took the next row's note and '… se logra el 114%',
        # 'avance_comentario=ok' backed it)
        sv.checks["avance_comentario"] = "not_applicable"
        return
    sv.checks["avance_comentario"] = "ok" if ok else "conflict"
    if not ok:
        sv.notes.append(f"comentario: {fmt(r.n)} de {fmt(r.m)} ({r.x}%) frente a la tabla {fmt(n)} de {fmt(m)}")


def drop_unproven(rows: list[Solved]) -> None:
    """A cell whose field only the missing-cell prior chose (its run was short and the cell
    fits another slot as well) keeps its value only if a check later backed it — the
    sum of the quarters, a commentary, Componente = Σ Actividades. Otherwise it is left
    null: the document does not say which cell it is."""
    for s in rows:
        for f in sorted(s.tentative):
            v = s.values.get(f)
            if v is None or f in s.corrected or s.sources.get(f, set()) - {"tabla"}:
                continue
            s.values[f] = None
            tok = s.table.get(f)
            raw = f"'{tok.raw}' " if tok is not None else ""
            s.notes.append(
                f"{f}: celda {raw}sin lugar determinado (la fila tiene celdas faltantes y "
                "cabe en otro campo); ninguna comprobación la confirma"
            )

"""What the MIR hierarchy itself says: claves and Componente = Σ Actividades.

A MIR is a tree (Fin > Propósito > Componentes > Actividades) whose claves are prefixes
of their children's and count up in document order. That makes a misread clave
('141133', '14.4.44', a second '1.4.1.1.2.6') recoverable from its neighbours, and it
makes a Componente's figures *possibly* the sum of its Actividades' — possibly, because
many MIRs measure components in other units, so the relation is tested per component and
used only where the component's own confirmed figures show it holds.
"""

from __future__ import annotations

import logging
from collections import Counter

import regex

from .lexicon import LEVELS
from .numbers import fmt, is_dropped_digits, misread_reason
from .types import ALC, PROG, SUM_TOLERANCE, Solved

log = logging.getLogger(__name__)

# how many numbers a level adds to the Fin's clave: fin 0, proposito 1, componente 2, actividad 3
DEPTH = {level: i for i, level in enumerate(LEVELS)}
LEVEL_AT = {v: k for k, v in DEPTH.items()}
# the separators of a printed clave, the comma an OCR misreading: '1.4.1.1,2.3'
CLAVE_SEP = regex.compile(r"[.,]")
# a clave printed cleanly: '1.4.1.1.2' (dots only, no stray commas or letters)
CLEAN_DOTTED = regex.compile(r"^\d+(?:\.\d+)+$")
# A sibling's last number may skip at most this far past the previous one ('...2.1' then
# '...2.4' when two rows were lost); a bigger jump is a misread clave.
MAX_CLAVE_STEP = 3


def _parts(raw: str | None, depth: int | None = None) -> list[int] | None:
    """The clave's numbers: dotted as printed, or one digit per level when the dots
    were lost and the digit count fits the expected depth."""
    if not raw:
        return None
    bits = [b for b in CLAVE_SEP.split(raw) if b]
    if bits and all(b.isdigit() for b in bits) and (depth is None or len(bits) == depth):
        return [int(b) for b in bits]
    digits = "".join(c for c in raw if c.isdigit())
    if depth is not None and len(digits) == depth:
        return [int(c) for c in digits]
    return None


def _clean_dotted(raw: str | None) -> bool:
    return bool(raw) and bool(CLEAN_DOTTED.match(raw.strip(".")))


def _dot(parts: list[int]) -> str:
    return ".".join(str(p) for p in parts)


def repair_codes(rows: list[Solved]) -> None:
    raws = [s.row.code_raw for s in rows]
    have_codes = sum(1 for r in raws if r)
    if have_codes == 0:
        return
    fin = next((_parts(s.row.code_raw) for s in rows if s.row.nivel == "fin" and _clean_dotted(s.row.code_raw)), None)
    if fin is not None:
        d = len(fin)
    else:
        # no Fin printed (an excerpt, a later page): the depth of the Fin's clave follows
        # from rows whose level word and clave both survived
        depths = Counter(
            len(p) - DEPTH[s.row.nivel]
            for s in rows
            if s.row.nivel and _clean_dotted(s.row.code_raw) and (p := _parts(s.row.code_raw))
        )
        if not depths:  # no level word survived either: the shortest clave is the Fin's
            shortest = min((p for r in raws if _clean_dotted(r) and (p := _parts(r))), key=len, default=None)
            if shortest is None:
                return
            depths = Counter({len(shortest): 1})
        d = depths.most_common(1)[0][0]
        roots = Counter(tuple(p[:d]) for r in raws if _clean_dotted(r) and (p := _parts(r)) and len(p) > d)
        if not roots:
            return
        fin = list(roots.most_common(1)[0][0])
    for s in rows:  # level from the clave's depth where no level word survived
        if s.row.nivel is None and s.row.code_raw:
            bits = [b for b in CLAVE_SEP.split(s.row.code_raw) if b]
            n = len(bits) if len(bits) > 1 else len("".join(c for c in s.row.code_raw if c.isdigit()))
            s.row.nivel = LEVEL_AT.get(n - d)
            if s.row.nivel:
                s.notes.append(f"nivel {s.row.nivel} deducido de la profundidad de la clave")
                s.corrected["nivel"] = "imputado"
    deeper = [p for p in (_parts(r) for r in raws if _clean_dotted(r)) if p and len(p) > d + 1 and p[:d] == fin]
    prop_votes = Counter(tuple(p[: d + 1]) for p in deeper)
    prop = list(prop_votes.most_common(1)[0][0]) if prop_votes else None
    counts = Counter(_dot(p) for s in rows if (p := _parts(s.row.code_raw, DEPTH.get(s.row.nivel or "", 0) + d)))
    comp: list[int] | None = None
    last_comp = last_comp_printed = 0
    last_act = last_act_printed = 0
    kept_printed: dict[str, int] = {}  # a code kept as printed -> the row printing it
    for i, s in enumerate(rows):
        nivel = s.row.nivel
        raw = s.row.code_raw
        if nivel is None:
            continue
        depth = DEPTH[nivel] + d
        parts = _parts(raw, depth)
        if nivel == "fin":
            s.clave = _dot(parts or fin)
            if not parts:
                s.corrected["clave"] = "imputado"
                s.notes.append(f"clave {s.clave}: no impresa; raíz común de las claves del informe")
            continue
        if nivel == "proposito":
            if parts and parts[:d] == fin:
                s.clave = _dot(parts)
            elif prop:
                s.clave = _dot(prop)
                s.corrected["clave"] = "imputado"
                s.notes.append(f"clave {s.clave}: no impresa; prefijo común de las claves de componentes y actividades")
            continue
        if prop is None:
            s.clave = _dot(parts) if parts else None
            continue
        if nivel == "componente":
            expected = prop + [last_comp + 1]
            # a clean printed code is weighed against the last code kept *as printed*, never one
            # this repair derived: a stray 'Componente 1:' heading read as a row took x.1 by
            # order, and the printed x.1 under it, 'not after its predecessor', was renumbered
            # x.2 with every activity below it (dev MIR OCR'd text 101; their values all scored
            # under the wrong codes). The step past the previous row's code, derived or printed,
            # still bounds it: a code lost between two printed ones is derived, not skipped
            ok = (
                parts
                and parts[:-1] == prop
                and 0 < parts[-1] - last_comp_printed
                and parts[-1] - last_comp <= MAX_CLAVE_STEP
                and _clean_dotted(raw)
                and counts[_dot(parts)] == 1
            )
            if parts == expected or ok:
                chosen = parts
                last_comp_printed = chosen[-1]
            else:
                chosen = _from_children(rows, i, prop, last_comp) or expected
            last_comp, comp, last_act, last_act_printed = chosen[-1], chosen, 0, 0
        else:
            if comp is None:
                comp = prop + [last_comp + 1]
                last_comp = comp[-1]
            expected = comp + [last_act + 1]
            ok = (
                parts
                and parts[:-1] == comp
                and 0 < parts[-1] - last_act_printed
                and parts[-1] - last_act <= MAX_CLAVE_STEP
                and _clean_dotted(raw)
                and counts[_dot(parts)] == 1
            )
            chosen = parts if (parts == expected or ok) else expected
            if chosen == parts:
                last_act_printed = chosen[-1]
            last_act = chosen[-1]
        s.clave = _dot(chosen)
        if chosen == parts and raw is not None:
            kept_printed.setdefault(s.clave, i)
        if raw is None:
            s.corrected["clave"] = "imputado"
            s.notes.append(f"clave {s.clave}: no impresa; deducida del orden y la jerarquía")
        elif raw != s.clave:
            s.corrected["clave"] = "corregido"
            s.notes.append(f"clave {s.clave}: impresa '{raw}'; reparada por jerarquía y orden")
    _drop_derived_duplicates(rows, kept_printed)


def _drop_derived_duplicates(rows: list[Solved], kept_printed: dict[str, int]) -> None:
    """A code this repair derived that another row prints is not this row's: the derivation
    counted a row the report does not number (a group heading, a fragment). The row keeps no
    code rather than a second row's; with no acronym either, it is not written as an indicator."""
    for i, s in enumerate(rows):
        if kept_printed.get(s.clave or "", i) != i and s.corrected.get("clave") in ("imputado", "corregido"):
            s.notes.append(f"clave {s.clave} deducida por orden, pero impresa en otra fila: se deja sin clave")
            s.clave = None
            del s.corrected["clave"]


def _from_children(rows: list[Solved], i: int, prop: list[int], last_comp: int) -> list[int] | None:
    d = len(prop) + 1
    for s in rows[i + 1 :]:
        if s.row.nivel == "componente":
            return None
        p = _parts(s.row.code_raw, d + 1)
        if p and p[: d - 1] == prop and p[d - 1] > last_comp and _clean_dotted(s.row.code_raw):
            return p[:d]
    return None


def component_checks(rows: list[Solved]) -> None:
    """Componente = Σ Actividades, field by field, used only where it demonstrably holds."""
    for s in rows:
        if s.row.nivel != "componente" or not getattr(s, "clave", None):
            continue
        kids = [
            k
            for k in rows
            if k.row.nivel == "actividad" and getattr(k, "clave", "") and k.clave.startswith(s.clave + ".")
        ]
        if not kids:
            s.checks["componente_suma_actividades"] = "not_applicable"
            continue
        fields = ["meta_anual", *PROG, *ALC[: s.T]]
        holds, fails = [], []
        for f in fields:
            vals = [s.values.get(f)] + [k.values.get(f) for k in kids]
            if all(v is not None for v in vals):
                (holds if abs(vals[0] - sum(vals[1:])) < SUM_TOLERANCE else fails).append(f)
        if not holds or len(holds) < len(fails):
            s.checks["componente_suma_actividades"] = (
                "not_applicable" if not holds and not fails else "conflict" if holds else "not_applicable"
            )
            if fails and not holds:
                s.notes.append(
                    "componente != suma de actividades en "
                    + ", ".join(fails)
                    + " (la relación no aplica a este componente)"
                )
            continue
        conflict = False
        for f in fields:
            members = [s] + kids
            vals = [m.values.get(f) for m in members]
            unknown = [m for m, v in zip(members, vals) if v is None or f"{f}_fuentes" in m.checks]
            if f in holds:
                for m in members:
                    m.sources.setdefault(f, set()).add("componente")
                continue
            if len(unknown) == 1:
                m = unknown[0]
                others = sum(v for mm, v in zip(members, vals) if mm is not m)
                want = others if m is s else vals[0] - (others - vals[0])
                if want < 0:
                    continue
                if m.values.get(f) is None:
                    tok = m.table.get(f)
                    m.set(
                        f,
                        want,
                        "corregido" if tok else "imputado",
                        f"componente {s.clave} = suma de sus actividades (relación comprobada en {', '.join(holds)})",
                        {"componente"},
                    )
                elif m.values[f] != want:
                    m.set(
                        f,
                        want,
                        "corregido",
                        f"fuentes en desacuerdo; componente {s.clave} = suma de actividades decide",
                        {"componente"},
                    )
                    conflict = True
                m.checks["componente_suma_actividades"] = "ok"
                continue
            if f in fails:
                weak = [m for m in members if not m.confirmed(f)]
                if len(weak) == 1:
                    m = weak[0]
                    others = sum(v for mm, v in zip(members, vals) if mm is not m)
                    want = others if m is s else vals[0] - (others - vals[0])
                    tok = m.table.get(f)
                    why = misread_reason(tok, want) if tok is not None and want >= 0 else None
                    if why and is_dropped_digits(why):
                        m.set(
                            f,
                            want,
                            "corregido",
                            f"componente {s.clave} = suma de actividades exige {fmt(want)}; {why}",
                            {"componente", "ocr"},
                        )
                    else:
                        m.checks["componente_suma_actividades"] = "conflict"
                        m.notes.append(
                            f"{f}: componente {s.clave} = suma de actividades exige {fmt(want)}, la tabla dice {fmt(m.values[f])}"
                        )
                conflict = True
        s.checks["componente_suma_actividades"] = "conflict" if conflict else "ok"

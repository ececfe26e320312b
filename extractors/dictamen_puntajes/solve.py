"""People's scores read under their columns' formats, then held to the weighting and the bands.

Why one place: a score is only as good as the checks the table allows. Each row's factors and
final are read (repairs named), the weighting is taken from the document or fitted on the rows,
a value OCR left unreadable is recovered only when exactly one reading near what was printed
makes the row fit its weighting, and every row that breaks the weighting or the bands says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from papeleo.text.normalize import fold

from .header import SCORE_ROLES
from .prose import Band
from .rows import RawRow
from .values import Read, column_format, read_score
from .weights import FACTORS, MIN_FIT_ROWS, describe, fit_weights, fits, weighting_for

log = logging.getLogger(__name__)

# units of the last printed decimal searched around a value solved from the weighting: the
# final is rounded, so the solved factor is off by up to half a unit over its weight
SOLVE_UNITS = 6
# rapidfuzz ratio a recovered value's printed form needs against the damaged token: one
# character changed in '8,333' read as '8,a33' scores 80; lower recovers values OCR never printed
RECOVER_FLOOR = 75.0
# a level printed fuzzily like a band's label counts as that label ('Excelentc')
LEVEL_FLOOR = 85.0
# a level printed by this many rows is one of the document's own, never a misreading
MIN_LEVEL_ROWS = 2


@dataclass
class Person:
    raw: RawRow
    reads: dict[str, Read] = field(default_factory=dict)
    values: dict[str, float | None] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)
    corrected: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    out_of_range: list[str] = field(default_factory=list)


def _decimals(tokens: list[str]) -> int:
    counts: dict[int, int] = {}
    for t in tokens:
        t = t.replace(".", ",")
        if "," in t:
            n = len(t.rsplit(",", 1)[1])
            counts[n] = counts.get(n, 0) + 1
    return max(counts, key=counts.get) if counts else 0


def _short_decimals(read: Read, decimals: int) -> Read:
    """A score printed with fewer decimals than its column prints ('8,3' among '8,33' and
    '9,00') lost a digit to OCR: it is no reading of the printed value, so it is unreadable,
    its token kept for the weighting to recover it from (``_recover``) — else '8,3' passes as
    8.3 where 8.33 was printed. A whole number ('10') is left alone."""
    if read.status != "clean" or not decimals or not read.raw:
        return read
    t = read.raw.strip().replace(".", ",")
    if "," not in t or len(t.rsplit(",", 1)[1]) >= decimals:
        return read
    shown = len(t.rsplit(",", 1)[1])
    note = f"'{read.raw}' imprime {shown} decimal(es) donde su columna imprime {decimals}: una cifra perdida"
    return Read(read.raw, None, "unreadable", note, read.candidates)


def read_people(rows: list[RawRow]) -> tuple[list[Person], dict[str, int]]:
    """Each row's scores read under its column's format; decimals per column returned."""
    formats, decimals = {}, {}
    for role in SCORE_ROLES:
        tokens = [r.scores[role] for r in rows if role in r.scores]
        if tokens:
            formats[role] = column_format(tokens)
            decimals[role] = formats[role].decimals or _decimals(tokens)
    people = []
    for r in rows:
        p = Person(r)
        for role, fmt in formats.items():
            read = _short_decimals(read_score(r.scores.get(role), fmt), decimals[role])
            p.reads[role] = read
            p.values[role] = read.value
            if read.status == "repaired":
                p.corrected[role] = "corregido"
                p.notes.append(read.note)
            elif read.status == "out_of_range":
                p.out_of_range.append(role)
                p.notes.append(read.note)
            elif read.status in ("unreadable", "absent") and (
                read.raw or role in r.scores or "_unassigned" in r.scores
            ):
                p.notes.append(read.note or f"{role} sin leer")
        if "_unassigned" in r.scores:
            p.notes.append(f"las cifras '{r.scores['_unassigned']}' no corresponden a las columnas del encabezado")
        for role in sorted(r.guessed - set(SCORE_ROLES)):
            p.notes.append(f"{role} escrito por el OCR tras la tabla: dado a las filas por su orden")
        guessed = [role for role in SCORE_ROLES if role in r.guessed and p.values.get(role) is not None]
        for role in guessed:
            p.corrected.setdefault(role, "columna_inferida")
        if guessed:
            p.notes.append(
                f"columnas {', '.join(guessed)} sin etiqueta legible: situadas en el orden en que el texto"
                " nombra los factores (la ponderación no las distingue)"
            )
        people.append(p)
    return people, decimals


def _present(p: Person) -> frozenset[str] | None:
    """The factors the person has (N/A ones left out); None while a factor is unreadable."""
    out = set()
    for f in FACTORS:
        read = p.reads.get(f)
        if read is None or read.status == "na":
            continue
        if p.values.get(f) is None:
            return None
        out.add(f)
    return frozenset(out)


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _recover(p: Person, role: str, weights: dict[str, float], decimals: int) -> bool:
    """An unreadable factor or final recovered from the weighting: exactly one value within
    SOLVE_UNITS of the solution, printed like the damaged token, makes the row fit."""
    read, final = p.reads[role], p.values.get("final")
    if not read.raw:
        return False
    unit = 10.0**-decimals
    if role == "final":
        if any(p.values.get(f) is None for f in weights):
            return False
        target = sum(p.values[f] * w for f, w in weights.items())
    else:
        if final is None or role not in weights or any(p.values.get(f) is None for f in weights if f != role):
            return False
        target = (final - sum(p.values[f] * w for f, w in weights.items() if f != role)) / weights[role]
    sep = "," if "," in read.raw else "."
    found = []
    for k in range(-SOLVE_UNITS, SOLVE_UNITS + 1):
        v = round(round(target / unit) * unit + k * unit, decimals)
        trial = {**{f: p.values[f] for f in weights}, role: v} if role != "final" else dict(p.values)
        fin = v if role == "final" else final
        values = {f: trial[f] for f in weights}
        if v < 0 or not fits(values, weights, fin, decimals):
            continue
        printed = f"{v:.{decimals}f}".replace(".", sep)
        if fuzz.ratio(printed, read.raw.strip()) >= RECOVER_FLOOR:
            found.append(v)
    if role in p.out_of_range:
        found = [v for v in found if _digits(f"{v:.{decimals}f}") == _digits(read.raw)]
    if len(found) != 1:
        return False
    p.values[role] = found[0]
    p.corrected[role] = "corregido"
    if role in p.out_of_range:
        # '-8,889' (a rule's stub read as a sign): every digit printed, so the weighting reads it,
        # flagged; '19,015' printed a digit more and stays a failure
        p.out_of_range.remove(role)
    p.notes.append(
        f"'{read.raw}' ilegible, leído {found[0]:g}: el único valor así impreso que cuadra con la ponderación"
    )
    return True


def _empty_is_na(
    p: Person, role: str, present: frozenset[str], stated: list[dict[str, float]], fitted: dict, decimals: int
) -> bool:
    """An empty factor cell (an 'N/A' a zebra band's shading hid from OCR), or one holding a speck
    without digits (its dash misread), read as not applicable, flagged, when the row's final is
    exactly the weighting of the other factors (the document's own weighting for people without
    that factor)."""
    read = p.reads[role]
    dash = read.status == "unreadable" and not any(c.isdigit() for c in read.raw or "")  # 'LS' for '—'
    if read.status != "absent" and not dash or p.values.get("final") is None:
        return False
    rest = present - {role}
    w = weighting_for(rest, stated, fitted) if rest else None
    if w is None or any(p.values.get(f) is None for f in rest):
        return False
    if not fits({f: p.values[f] for f in rest}, w, p.values["final"], decimals):
        return False
    p.corrected[role] = "corregido"
    shown = f"'{read.raw}'" if read.raw else "vacío"
    p.notes.append(f"{role} {shown}, leído N/A: la calificación final es la suma ponderada de los demás factores")
    return True


def check_weighting(people: list[Person], stated: list[dict[str, float]], decimals: int) -> str | None:
    """``ponderacion=ok|conflict`` on each row a weighting applies to; returns how it was known."""
    groups: dict[frozenset[str], list[tuple[dict[str, float], float]]] = {}
    for p in people:
        present = _present(p)
        if present and p.values.get("final") is not None:
            groups.setdefault(present, []).append(({f: p.values[f] for f in present}, p.values["final"]))
    # a set of factors the document states no weighting for (or states one OCR damaged: '80%' for
    # '30%' sums to no 100) is fitted on its rows
    stated_sets = {frozenset(w) for w in stated}
    fitted = {k: fit_weights(v, decimals) for k, v in groups.items() if k not in stated_sets}
    source = "declarada" if stated else ("deducida de las filas" if any(fitted.values()) else None)
    # rows enough to fit on, and no weighting of whole percents fits most of them: the finals are
    # the factors' weighted sum in this family, so the columns or the digits read are in doubt
    unfit = {k for k, v in fitted.items() if v is None and len(groups[k]) >= MIN_FIT_ROWS}
    for p in people:
        present = _present(p)
        if present in unfit and weighting_for(present, stated, fitted) is None:
            p.checks.append("ponderacion=conflict")
            p.notes.append(
                "ninguna ponderación en porcentajes enteros da la calificación final de la mayoría de las filas"
                " con estos factores: columnas o cifras dudosas"
            )
    if source is None:
        return None
    for p in people:
        present = _present(p)
        if present is None:  # one factor unreadable: the weighting of the full set may recover it
            present = frozenset(f for f in FACTORS if f in p.reads and p.reads[f].status != "na")
            w = weighting_for(present, stated, fitted)
            bad = [f for f in present if p.values.get(f) is None]
            if len(bad) == 1 and _empty_is_na(p, bad[0], present, stated, fitted, decimals):
                present = present - {bad[0]}
            elif w is None or len(bad) != 1 or not _recover(p, bad[0], w, decimals):
                continue
        w = weighting_for(present, stated, fitted)
        if not present or w is None:
            continue
        if p.values.get("final") is None:
            if "final" in p.reads and not _recover(p, "final", w, decimals):
                continue
            if p.values.get("final") is None:
                continue
        ok = fits({f: p.values[f] for f in present}, w, p.values["final"], decimals)
        p.checks.append(f"ponderacion={'ok' if ok else 'conflict'}")
        if not ok:
            p.notes.append(f"la calificación final no es la suma ponderada ({source}: {describe(w)})")
    return f"{source}: " + "; ".join(describe(w) for w in (stated or [v for v in fitted.values() if v]))


def _same_level(a: str, b: str) -> bool:
    return fuzz.ratio(fold(a), fold(b)) >= LEVEL_FLOOR


def _read_unreadable_levels(people: list[Person], bands: list[Band]) -> None:
    """A printed level that is none of the document's levels ('Excalaráa', OCR's 'Escala') is read
    as the level of the stated band its final score falls in. Without stated bands nothing is
    read back: a level printed once may be a level of its own ('MÍNIMO ACEPTABLE'), and the other
    rows' finals do not fix where its band begins."""
    if not bands:
        return
    scored = [(p, p.raw.nivel, p.values.get("final")) for p in people if p.values.get("final") is not None]
    counts: dict[str, list[float]] = {}
    for _, nivel, final in scored:
        if nivel:
            key = next((k for k in counts if _same_level(k, nivel)), nivel)
            counts.setdefault(key, []).append(final)
    known = [b.label for b in bands] + [k for k, v in counts.items() if len(v) >= MIN_LEVEL_ROWS]
    for p, nivel, final in scored:
        if not nivel or any(_same_level(nivel, k) for k in known):
            continue
        fits_ = [b.label for b in bands if b.lo <= final <= b.hi + 1e-9]
        if len(fits_) != 1:
            continue
        p.raw.nivel = fits_[0]
        p.corrected["nivel_desempeno"] = "corregido"
        p.notes.append(
            f"nivel '{nivel}' ilegible, leído '{fits_[0]}': el nivel que corresponde a su calificación final"
        )


def check_bands(people: list[Person], bands: list[Band]) -> None:
    """``nivel_bandas=ok|conflict``: the printed level against the band its final falls in
    (the stated bands), else against the other rows (a level's finals never fall inside
    another level's range)."""
    _read_unreadable_levels(people, bands)
    rows = [
        (p, p.raw.nivel, p.values.get("final")) for p in people if p.raw.nivel and p.values.get("final") is not None
    ]
    if bands:
        for p, nivel, final in rows:
            inside = [b for b in bands if b.lo <= final <= b.hi + 1e-9]
            if not inside:
                continue
            ok = any(_same_level(nivel, b.label) for b in inside)
            p.checks.append(f"nivel_bandas={'ok' if ok else 'conflict'}")
        return
    spans: dict[str, list[float]] = {}
    for _, nivel, final in rows:
        key = next((k for k in spans if _same_level(k, nivel)), nivel)
        spans.setdefault(key, []).append(final)
    if len(spans) < 2:
        return
    for p, nivel, final in rows:
        mine = next(k for k in spans if _same_level(k, nivel))
        ok = all(not (min(v) < final < max(v)) for k, v in spans.items() if k != mine)
        p.checks.append(f"nivel_bandas={'ok' if ok else 'conflict'}")


def withhold_unverified(people: list[Person], has_weighting: bool) -> None:
    """On OCR'd pages, a row that lost a score and that the weighting could not check keeps
    none of its numbers: what was read of it cannot be told right from misread (the others are
    checked). The readings stay in the comment, so a person can finish the row by hand."""
    if not has_weighting:
        return
    for p in people:
        lost = [k for k, rd in p.reads.items() if rd.status in ("unreadable", "absent") and p.values.get(k) is None]
        if not lost or any(c.startswith("ponderacion=") for c in p.checks):
            continue
        raw = ", ".join(f"{k} '{rd.raw}'" for k, rd in p.reads.items() if rd.raw and p.values.get(k) is not None)
        for k in p.values:
            if p.values[k] is not None:
                p.values[k] = None
                p.corrected.pop(k, None)
        p.notes.append(f"fila incompleta sin verificar contra la ponderación; lecturas retenidas: {raw}")

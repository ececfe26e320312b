"""A row's numbers, checked against the row's own arithmetic and repaired only where the
arithmetic leaves one way to do it.

A MIR row states its figures more than once: the annual target is the sum of the quarterly
targets (or, for a constant indicator, equal to them), the % column is achieved / programmed
of the reported quarter, and the commentary repeats 'X% … N … de un total de M'. Every such
relation the row prints is a check, recorded as ``<check>=ok`` or ``=conflict``. A field is
changed only when exactly one field's change makes every check of the row hold — then it is
``<field>:corregido`` with the reason; a field that could not be read at all and one check
fixes is ``:imputado``. When a check fails and more than one field could be the wrong one,
nothing is changed and the conflict names all of them: a reviewer sees the doubt, never a
guess.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import regex

from papeleo.text.numbers import MX, NumberReading, Status, digit_lookalike_variants, find_percents, parse_number

PROG = tuple(f"programado_t{q}" for q in range(1, 5))
ALC = tuple(f"alcanzado_t{q}" for q in range(1, 5))
NUMERIC = ("meta_anual", *PROG, *ALC, "avance_pct")

# '<field>_negativo=conflict': a value below zero (tests/scoring_flags.py maps it to the field)
NEGATIVE_SUFFIX = "_negativo"
# 'de un total de 2827 programadas', 'frente a una meta de 100' — the M of the commentary's N de M;
# the preposition is any short word, as OCR prints it ('de un total cle 1,334.46')
COMMENT_TOTAL = regex.compile(r"(?:total|meta)\s+\S{1,3}\s+(?P<m>\d[\d,.]*\d|\d)", regex.I)
# a number in commentary prose: '3774', '1,216.50'
COMMENT_NUMBER = regex.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w%])")


@dataclass
class Solved:
    values: dict[str, float | None]
    checks: list[str] = field(default_factory=list)
    corrected: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def tolerance(values: list[float | None]) -> float:
    """Half a unit of the finest place printed among ``values``: sums of values printed with two
    decimals may differ from their total by float noise only."""
    places = 0
    for v in values:
        if v is not None and not float(v).is_integer():
            places = max(places, min(4, len(repr(float(v)).split(".")[1])))
    return 0.5 * 10.0**-places if places else 1e-6


def percent_of(alc: float, prog: float, decimals: int, truncate: bool) -> Decimal:
    raw = Decimal(str(alc)) / Decimal(str(prog)) * 100
    return raw.quantize(Decimal(1).scaleb(-decimals), ROUND_DOWN if truncate else ROUND_HALF_UP)


def avance_holds(avance: float, alc: float, prog: float, decimals: int) -> bool:
    """The printed % is alcanzado/programado·100 at its printed decimals, rounded or truncated
    (reports do both)."""
    if not prog:
        return False
    return any(float(percent_of(alc, prog, decimals, t)) == round(avance, decimals) for t in (False, True))


def adds_up(meta: float, given: list[float]) -> bool:
    """Whether the programados printed sum to the meta anual, within the printed decimals."""
    return abs(sum(given) - meta) <= tolerance([meta, *given])


def suma_holds(v: dict[str, float | None]) -> bool | None:
    """None when the row does not print enough to check; a constant indicator (every
    programmed quarter equal to the annual target) also holds."""
    meta = v["meta_anual"]
    progs = [v[f] for f in PROG]
    if meta is None or all(p is None for p in progs):
        return None
    given = [p for p in progs if p is not None]
    if adds_up(meta, given):
        return True
    nonzero = [p for p in given if p]
    return bool(nonzero) and all(abs(p - meta) <= tolerance([p, meta]) for p in nonzero)


@dataclass
class Commentary:
    percent: float | None = None
    percent_decimals: int = 0
    n: float | None = None
    m: float | None = None
    # the row's % is the commentary's own (no % column): its N de M is then the only check on it
    percent_taken: bool = False


def read_commentary(text: str | None) -> Commentary:
    """'Se logra el 133% de la meta al pavimentar 3774 calles … de un total de 2827' -> 133, 3774,
    2827. Only what the sentence states clearly is taken."""
    out = Commentary()
    if not text:
        return out
    found = find_percents(text)
    if found:
        (start, end), reading = found[0]
        out.percent, out.percent_decimals = reading.value, reading.decimals
        tail_from = end
    else:
        tail_from = 0
    total = COMMENT_TOTAL.search(text, tail_from)
    if total:
        m = parse_number(total.group("m"), MX)
        out.m = m.value if m.status is Status.CLEAN else None
        between = [x for x in COMMENT_NUMBER.finditer(text, tail_from, total.start())]
        if between:
            n = parse_number(between[-1].group(0), MX)
            out.n = n.value if n.status is Status.CLEAN else None
    return out


def relations_of(
    v: dict[str, float | None], T: int | None, dec: int, c: Commentary
) -> list[tuple[str, set[str], bool]]:
    """Every relation the row's printed values allow: (check it belongs to, fields, holds).
    The commentary's three figures are three relations of one check, so that a percentage the
    commentary repeats confirms the % column even when its N de M does not match."""
    out: list[tuple[str, set[str], bool]] = []
    s = suma_holds(v)
    if s is not None:
        out.append(("suma_programado", {"meta_anual", *(f for f in PROG if v[f] is not None)}, s))
    if T:
        a, p, pct = f"alcanzado_t{T}", f"programado_t{T}", "avance_pct"
        if v[pct] is not None and v[a] is not None and v[p]:
            out.append(("avance_calculado", {pct, a, p}, avance_holds(v[pct], v[a], v[p], dec)))
        for said, name in ((c.percent, pct), (c.n, a), (c.m, p)):
            if said is not None and v[name] is not None:
                out.append(("avance_comentario", {name}, abs(said - v[name]) <= 1e-9))
        if c.percent_taken and v[pct] is not None and c.n is not None and c.m:
            # the commentary's own N de M (COMMENT_SELF_CHECK): a % read from the commentary ('Se cumple el 108% …
            # 1,382.69 … de un total de 1,334.46', OCR'd from 103%) has nothing else to meet
            # when the row's quarter cells are unread (dev OCR'd text seed 12). Only then: a %
            # column is checked against the quarter's cells, and some reports' N de M are not
            # the quarter's (the sample scan's rows went to conflict and its reading lost)
            out.append((COMMENT_SELF_CHECK, {pct}, avance_holds(v[pct], c.n, c.m, dec)))
    return out


def checks_of(v: dict[str, float | None], T: int | None, dec: int, c: Commentary) -> dict[str, bool]:
    """Every check the row's printed values allow: name -> holds (all of its relations)."""
    out: dict[str, bool] = {}
    for name, _, holds in relations_of(v, T, dec, c):
        out[name] = out.get(name, True) and holds
    return out


# the commentary's % against its own N de M: it can flag the %, but holding it backs no reading
# of the table (it compares the commentary with itself; counted for the reading, it made a scan
# whose cells went unplaced win over the reading that placed them — the sample scan)
COMMENT_SELF_CHECK = "comentario_coherente"
CHECK_FIELDS = {
    COMMENT_SELF_CHECK: ("avance_pct",),
    "suma_programado": ("meta_anual", *PROG),
    "avance_calculado": ("avance_pct", "programado_t{T}", "alcanzado_t{T}"),
    "avance_comentario": ("avance_pct", "programado_t{T}", "alcanzado_t{T}"),
}


def _fields(check: str, T: int | None) -> set[str]:
    return {f.replace("{T}", str(T)) for f in CHECK_FIELDS[check] if T or "{T}" not in f}


def _candidates(name: str, v: dict, T: int | None, dec: int, c: Commentary, readings: dict) -> list[tuple[float, str]]:
    """Values ``name`` could have: other readings of its printed token, and what each check
    says it must be."""
    out: list[tuple[float, str]] = []
    r: NumberReading | None = readings.get(name)
    if r is not None:
        out += [(x, f"'{r.raw}' leído como {x:g}") for x in r.candidates if x != v.get(name)]
    progs = [v[f] for f in PROG]
    if name == "meta_anual" and any(p is not None for p in progs):
        out.append((round(sum(p for p in progs if p is not None), 6), "suma de los programados trimestrales"))
    if name in PROG and v["meta_anual"] is not None:
        others = [v[f] for f in PROG if f != name]
        if all(o is not None for o in others):
            out.append((round(v["meta_anual"] - sum(others), 6), "meta anual menos los otros trimestres"))
    if T and name == f"alcanzado_t{T}" and c.n is not None:
        out.append((c.n, "el comentario del indicador"))
    if T and name == f"programado_t{T}" and c.m is not None:
        out.append((c.m, "el comentario del indicador"))
    if T and name == "avance_pct":
        if c.percent is not None:
            out.append((c.percent, "el comentario del indicador"))
        a, p = v[f"alcanzado_t{T}"], v[f"programado_t{T}"]
        if a is not None and p:
            out.append((float(percent_of(a, p, dec, False)), "alcanzado / programado del trimestre"))
    return [(x, why) for x, why in out if x is not None and math.isfinite(x) and x >= 0]


def solve_row(
    readings: dict[str, NumberReading | None],
    T: int | None,
    comentario: str | None,
    percent_is_commentary: bool = False,
) -> Solved:
    """Values, checks and flags for one row from its numeric readings (field -> reading).
    ``percent_is_commentary``: the % was read from the commentary itself, so the commentary's
    percentage is no second printing of it."""
    v: dict[str, float | None] = {}
    s = Solved(values=v)
    for name in NUMERIC:
        r = readings.get(name)
        if r is None or r.status in (Status.MISSING,):
            v[name] = None
        elif r.status is Status.CLEAN:
            v[name] = r.value
        elif r.status is Status.REPAIRED:
            v[name] = r.value
            s.corrected.append(f"{name}:corregido")
            s.notes.append(f"{name}: {r.explain()}")
        else:  # ambiguous, invalid, out of range: no value unless a check gives one
            v[name] = None
    pct_reading = readings.get("avance_pct")
    dec = pct_reading.decimals if pct_reading is not None and pct_reading.value is not None else 0
    c = read_commentary(comentario)
    if percent_is_commentary:
        c.percent, c.percent_taken = None, True
    unread = [
        n for n in NUMERIC if v[n] is None and readings.get(n) is not None and readings[n].status is not Status.MISSING
    ]
    for name in unread:  # fill what could not be read where exactly one value makes every check hold
        _try_fix(s, v, name, T, dec, c, readings, imputed=True)
    for name in unread:  # a printed cell left without a value says what it printed
        if v[name] is None:
            s.notes.append(f"{name}: {readings[name].explain()}; sin valor")
    result = checks_of(v, T, dec, c)
    if not all(result.values()):
        pick = _single_fix(v, T, dec, c, readings) or _single_lookalike_fix(v, T, dec, c, readings)
        if pick:
            name, x, why = pick
            failing = [k for k, ok in result.items() if not ok]
            was = "sin valor" if v[name] is None else f"{v[name]:g}"
            s.notes.append(f"{name}: {was} no cuadra con {', '.join(failing)}; se toma {x:g} ({why})")
            v[name] = x
            s.corrected = [e for e in s.corrected if not e.startswith(name + ":")] + [f"{name}:corregido"]
            result = checks_of(v, T, dec, c)
    s.checks = [f"{k}={'ok' if ok else 'conflict'}" for k, ok in result.items()]
    for name in NUMERIC:
        if v[name] is not None and v[name] < 0:
            # a target or a result below zero: a 'Tasa de variación' may print one, but on a scan
            # it is as often a neighbouring cell's dash read as a sign ('-546' for 546, dev scan
            # seed 17, where Σ then held with the meta anual imputed from it)
            s.checks.append(f"{name}{NEGATIVE_SUFFIX}=conflict")
            s.notes.append(f"{name}: {v[name]:g} es negativo; puede ser el guion de una celda vecina")
    return s


def _single_fix(v: dict, T, dec, c: Commentary, readings: dict) -> tuple[str, float, str] | None:
    """The one field whose change makes every relation hold, when every other field of the
    failing relations is confirmed by a relation that holds. A field nothing confirms could
    be the wrong one just as well, and then nothing is changed (the conflict stays)."""
    rels = relations_of(v, T, dec, c)
    suspects = set().union(*(f for _, f, ok in rels if not ok))
    confirmed = set().union(*(f for _, f, ok in rels if ok)) if any(ok for *_, ok in rels) else set()
    fixes = []
    for name in sorted(suspects):
        if suspects - {name} - confirmed:
            continue
        for x, why in _candidates(name, v, T, dec, c, readings):
            trial = dict(v, **{name: x})
            if all(ok for *_, ok in relations_of(trial, T, dec, c)):
                fixes.append((name, x, why))
                break
    return fixes[0] if len({f[0] for f in fixes}) == 1 else None


# a value printed with fewer digits is never mended by a look-alike digit: among one- and two-digit
# numbers a swap (5 and 6, 3 and 8) makes Σ hold by chance as often as it finds the misread one
# (dev MIR scans 0-99: 4 right, 6 wrong, a correctly read meta of 5 changed to 6); with three
# digits or more the difference a swap makes rarely matches the row's by chance
MIN_LOOKALIKE_DIGITS = 3
# the zero decimals a whole number prints ('15.00'), which count no digit of it
ZERO_DECIMALS = regex.compile(r"[.,]0+%?$")


def _single_lookalike_fix(v: dict, T, dec, c: Commentary, readings: dict) -> tuple[str, float, str] | None:
    """The one value of the failing relations whose printed token, with one digit read as its
    look-alike ('1430' for 1480: a 3 and an 8 differ by a stroke), makes every relation hold —
    the only such digit in the row. Σ programado = meta fails by exactly the difference one such
    digit makes only when it is the misread one; two values that could each be it leave the
    conflict (dev block 400-499 OCR'd text 481: 1430 and 1399 for 1480 and 1899, flagged and
    not read)."""
    rels = relations_of(v, T, dec, c)
    suspects = set().union(*(f for _, f, ok in rels if not ok))
    fixes = []
    for name in sorted(suspects):
        r: NumberReading | None = readings.get(name)
        if r is None or r.value is None or v.get(name) != r.value:
            continue
        raw = r.raw.strip()
        if sum(ch.isdigit() for ch in ZERO_DECIMALS.sub("", raw)) < MIN_LOOKALIKE_DIGITS:
            continue
        for variant in digit_lookalike_variants(raw):
            x = parse_number(variant, MX).value
            if x is None or x == v[name]:
                continue
            trial = dict(v, **{name: x})
            if all(ok for *_, ok in relations_of(trial, T, dec, c)):
                fixes.append((name, x, f"'{raw}' con un dígito que OCR confunde leído como {x:g}"))
    return fixes[0] if len(fixes) == 1 else None


def _try_fix(s: Solved, v: dict, name: str, T, dec, c, readings, imputed: bool) -> None:
    options = {}
    for x, why in _candidates(name, v, T, dec, c, readings):
        trial = dict(v, **{name: x})
        checks = checks_of(trial, T, dec, c)
        if checks and all(checks.values()):
            options.setdefault(x, why)
    if len(options) == 1:
        ((x, why),) = options.items()
        v[name] = x
        r = readings[name]
        s.corrected.append(f"{name}:{'imputado' if imputed else 'corregido'}")
        s.notes.append(f"{name}: '{r.raw}' ilegible; {x:g} por {why}")

"""One scorer for every golden comparison: golden tests, family tests and benchmarks.

Why one: three scorers used to pair rows three ways (by position, by clave, by clave then
siglas) and excuse a wrong number three ways (any conflict anywhere in the row excused every
field). A figure then depended on which test measured it. Here rows are paired by a
natural key, and a wrong value is excused only by a flag on *its own* field.

Pairing (``pair_rows``): by ``key``, then by each ``fallback_keys`` entry in order, over the
rows still unpaired. A key pairs two rows only when its value is unique among the unpaired
rows on both sides — a duplicated or missing (all fields null) key never guesses; those rows
wait for the next key or stay unpaired. Key fields that have a text floor match fuzzily
(rapidfuzz ratio ≥ the floor, still unique on both sides), so an OCR-damaged name can pair.
Rows are never paired by position: a row nothing pairs is reported as unmatched (expected)
or unexpected (got).

Outcomes per compared field of a paired row (``FieldResult.outcome``):

* ``ok``              number within ``NUMERIC_TOLERANCE``, equal value, or text ≥ its floor
* ``missing``         got null where the golden has a value (also every determinable field
                      of an expected row nothing paired: ``note`` says "row not found")
* ``wrong_flagged``   a different value, and the field is flagged (scoring_flags.py: its own
                      ``corrected`` entry or a conflict check that compares it)
* ``wrong_UNFLAGGED`` a different value and nothing flags that field: a silent error
* ``extra_flagged`` / ``extra_UNFLAGGED``  a value where the golden has none
* ``both_null``       golden and row agree there is no value (not determinable)

A golden row may list ``determinable`` (the numeric fields the document fixes, as the
hand-read seed goldens do); its other numeric fields are then treated as null in the golden.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from scoring_flags import (  # noqa: F401 (re-exported)
    ALCANZADO,
    CHECK_FIELDS,
    CONFLICT,
    PROGRAMADO,
    SOURCES_SUFFIX,
    conflicts,
    fields_of_check,
    flags,
)

# Two numbers are equal within this absolute difference. Goldens hold at most 3 decimals
# (scores 9.628, percents 94.83), so it only absorbs float noise; anything looser would
# excuse a misread last digit.
NUMERIC_TOLERANCE = 1e-6

OK, MISSING, BOTH_NULL = "ok", "missing", "both_null"
WRONG_FLAGGED, WRONG_UNFLAGGED = "wrong_flagged", "wrong_UNFLAGGED"
EXTRA_FLAGGED, EXTRA_UNFLAGGED = "extra_flagged", "extra_UNFLAGGED"
# outcomes that count in a determinable denominator (the golden has a value)
DETERMINED = (OK, MISSING, WRONG_FLAGGED, WRONG_UNFLAGGED)


def plain(value: Any) -> Any:
    """A Parquet/pandas value as the JSON goldens write it: NaN/NaT/NA → None, arrays →
    lists, dates → ISO strings, numpy scalars → Python scalars."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (dt.date, dt.datetime)):  # pandas Timestamp is a datetime
        return value.isoformat()[:10]
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "tolist"):  # numpy array or scalar
        return plain(value.tolist())
    return value


def norm_text(value: Any) -> str:
    """Whitespace collapsed; case and accents kept, because they are part of what is read."""
    return re.sub(r"\s+", " ", str(value)).strip()


def text_ratio(a: Any, b: Any) -> float:
    return fuzz.ratio(norm_text(a), norm_text(b))


# --- pairing --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pair:
    expected: dict
    got: dict
    by: tuple[str, ...]  # the key that paired them


def _key_value(row: Mapping[str, Any], key: Sequence[str]) -> tuple | None:
    vals = tuple(plain(row.get(k)) for k in key)
    return None if all(v is None for v in vals) else vals


def _key_match(a: tuple, b: tuple, key: Sequence[str], text: Mapping[str, int]) -> bool:
    for k, x, y in zip(key, a, b):
        if k in text and x is not None and y is not None:
            if text_ratio(x, y) < text[k]:
                return False
        elif x != y:
            return False
    return True


def _pair_by(exp: list[int], got: list[int], expected, rows, key, text) -> list[tuple[int, int]]:
    """Pairs (i, j) where expected i's key matches exactly one unpaired got row and that
    row matches no other expected row. ``text`` empty: equality only."""
    ek = {i: v for i in exp if (v := _key_value(expected[i], key)) is not None}
    gk = {j: v for j in got if (v := _key_value(rows[j], key)) is not None}
    cand = {i: [j for j, w in gk.items() if _key_match(v, w, key, text)] for i, v in ek.items()}
    back = Counter(j for js in cand.values() for j in js)
    return [(i, js[0]) for i, js in cand.items() if len(js) == 1 and back[js[0]] == 1]


def pair_rows(
    expected: Sequence[dict],
    got: Sequence[dict],
    *,
    key: tuple[str, ...],
    fallback_keys: Sequence[tuple[str, ...]] = (),
    text: Mapping[str, int] | None = None,
) -> tuple[list[Pair], list[dict], list[dict]]:
    """(pairs, unmatched expected rows, unexpected got rows); see the module docstring."""
    text = text or {}
    exp_left, got_left = list(range(len(expected))), list(range(len(got)))
    pairs: list[tuple[int, int, tuple[str, ...]]] = []
    for k in (key, *fallback_keys):
        # equality first, so a row that equals its partner is not made ambiguous by a fuzzy
        # near-twin; then the fuzzy pass when the key has a text field
        for floors in ({}, text) if any(f in text for f in k) else ({},):
            found = _pair_by(exp_left, got_left, expected, got, k, floors)
            pairs += [(i, j, k) for i, j in found]
            exp_left = [i for i in exp_left if i not in {i for i, _ in found}]
            got_left = [j for j in got_left if j not in {j for _, j in found}]
    pairs.sort()
    return (
        [Pair(expected[i], got[j], k) for i, j, k in pairs],
        [expected[i] for i in exp_left],
        [got[j] for j in got_left],
    )


# --- scoring --------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldResult:
    row: str  # the paired row's key, e.g. "clave=2.3.1.1"
    field: str
    outcome: str
    expected: Any
    got: Any
    note: str = ""  # the flag that excuses it, the row's conflicts, a text ratio

    def __str__(self) -> str:
        note = f" [{self.note}]" if self.note else ""
        return f"{self.row} {self.field}: got {self.got!r}, expected {self.expected!r} — {self.outcome}{note}"


@dataclass
class Score:
    results: list[FieldResult] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    unmatched: list[dict] = field(default_factory=list)  # expected rows nothing paired
    unexpected: list[dict] = field(default_factory=list)  # got rows nothing paired
    keys: tuple[tuple[str, ...], ...] = ()  # the key and its fallbacks, for labels

    def of(self, fields: Iterable[str] | None = None) -> list[FieldResult]:
        wanted = None if fields is None else set(fields)
        return [r for r in self.results if wanted is None or r.field in wanted]

    def counts(self, fields: Iterable[str] | None = None) -> Counter:
        return Counter(r.outcome for r in self.of(fields))

    def determinable(self, fields: Iterable[str] | None = None) -> int:
        c = self.counts(fields)
        return sum(c[o] for o in DETERMINED)

    def ok_rate(self, fields: Iterable[str] | None = None) -> float:
        """Share of the fields the golden gives a value for that were read right; 1.0 when
        the golden gives none."""
        det = self.determinable(fields)
        return self.counts(fields)[OK] / det if det else 1.0

    def misses(self, fields: Iterable[str] | None = None) -> list[FieldResult]:
        return [r for r in self.of(fields) if r.outcome not in (OK, BOTH_NULL)]

    def row_label(self, row: Mapping[str, Any]) -> str:
        return _label(row, self.keys)

    def summary(self, fields: Iterable[str] | None = None) -> dict[str, int]:
        """Counts for a benchmark table: rows, then outcomes of ``fields``."""
        c = self.counts(fields)
        return {
            "rows_golden": len(self.pairs) + len(self.unmatched),
            "rows_found": len(self.pairs),
            "rows_extracted": len(self.pairs) + len(self.unexpected),
            "determinable": self.determinable(fields),
            **{o: c[o] for o in (OK, MISSING, WRONG_FLAGGED, WRONG_UNFLAGGED, EXTRA_FLAGGED, EXTRA_UNFLAGGED)},
        }


def _label(row: Mapping[str, Any], keys: Sequence[Sequence[str]]) -> str:
    """The first of the keys the row has a value for, e.g. "clave=2.3.1.1"."""
    for key in keys:
        parts = [f"{k}={plain(row.get(k))}" for k in key if plain(row.get(k)) is not None]
        if parts:
            return " ".join(parts)
    return "(no key)"


def _same(kind: str, want: Any, have: Any, floor: int) -> tuple[bool, str]:
    if kind == "numeric":
        try:
            return abs(float(have) - float(want)) <= NUMERIC_TOLERANCE, ""
        except (TypeError, ValueError):
            return False, "not a number"
    if kind == "text":
        r = text_ratio(want, have)
        return r >= floor, f"ratio {r:.0f} < {floor}" if r < floor else ""
    return have == want, ""


def _compare_field(label, f, kind, floor, want, have, row_flags, row_conflicts) -> FieldResult:
    if want is None and have is None:
        return FieldResult(label, f, BOTH_NULL, None, None)
    if have is None:
        return FieldResult(label, f, MISSING, want, None)
    flag = row_flags.get(f)
    if want is None:
        outcome = EXTRA_FLAGGED if flag else EXTRA_UNFLAGGED
        return FieldResult(label, f, outcome, None, have, flag or _no_flag(row_conflicts))
    same, why = _same(kind, want, have, floor)
    if same:
        return FieldResult(label, f, OK, want, have)
    outcome = WRONG_FLAGGED if flag else WRONG_UNFLAGGED
    note = "; ".join(x for x in (why, flag or _no_flag(row_conflicts)) if x)
    return FieldResult(label, f, outcome, want, have, note)


def _no_flag(row_conflicts: list[str]) -> str:
    return "not flagged" + (f"; the row's conflicts {row_conflicts} do not name it" if row_conflicts else "")


def score_rows(
    expected: Sequence[Mapping[str, Any]],
    got: Sequence[Mapping[str, Any]],
    *,
    key: tuple[str, ...],
    fallback_keys: Sequence[tuple[str, ...]] = (),
    numeric: Sequence[str] = (),
    text: Mapping[str, int] | None = None,
    exact: Sequence[str] = (),
) -> Score:
    """Score extracted rows ``got`` against golden rows ``expected``.

    ``numeric`` fields compare within NUMERIC_TOLERANCE, ``exact`` ones with ``==``, ``text``
    ones by rapidfuzz ratio against the field's floor (0–100). Other keys are ignored. Rows
    may come straight from Parquet (values are passed through ``plain``).
    """
    text = dict(text or {})
    kinds = {**{f: "exact" for f in exact}, **{f: "text" for f in text}, **{f: "numeric" for f in numeric}}
    if len(kinds) != len(exact) + len(text) + len(numeric):
        raise ValueError("a field is listed under more than one of numeric, text, exact")
    keys = (key, *fallback_keys)
    exp = [{k: plain(v) for k, v in r.items()} for r in expected]
    rows = [{k: plain(v) for k, v in r.items()} for r in got]
    pairs, unmatched, unexpected = pair_rows(exp, rows, key=key, fallback_keys=fallback_keys, text=text)
    score = Score(pairs=pairs, unmatched=unmatched, unexpected=unexpected, keys=keys)
    for p in pairs:
        label, row_flags, row_conflicts = _label(p.expected, keys), flags(p.got), conflicts(p.got)
        for f, kind in kinds.items():
            want = _golden_value(p.expected, f, kind)
            score.results.append(
                _compare_field(label, f, kind, text.get(f, 100), want, p.got.get(f), row_flags, row_conflicts)
            )
    for g in unmatched:
        label = _label(g, keys)
        for f, kind in kinds.items():
            want = _golden_value(g, f, kind)
            if want is not None:
                score.results.append(FieldResult(label, f, MISSING, want, None, "row not found"))
    return score


def _golden_value(row: Mapping[str, Any], f: str, kind: str) -> Any:
    det = row.get("determinable")
    if kind == "numeric" and det is not None and f not in det:
        return None
    return row.get(f)


# --- sets of values (mentions) -----------------------------------------------------------


@dataclass
class ValuesScore:
    found: list[str] = field(default_factory=list)  # expected values present exactly
    fuzzy: list[tuple[str, str]] = field(default_factory=list)  # (expected, got ≥ floor)
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        n = len(self.found) + len(self.fuzzy) + len(self.missing)
        return (len(self.found) + len(self.fuzzy)) / n if n else 1.0


def score_values(expected: Iterable[str], got: Iterable[str], *, floor: int | None = None) -> ValuesScore:
    """Compare two sets of strings (mentions). With ``floor``, an expected value that is
    absent may match the most similar unused got value whose ratio reaches the floor."""
    want, have = sorted(set(expected)), set(got)
    s = ValuesScore(found=[v for v in want if v in have])
    left = sorted(have - set(s.found))
    for v in (v for v in want if v not in have):
        best = max(left, key=lambda g: text_ratio(v, g), default=None)
        if floor is not None and best is not None and text_ratio(v, best) >= floor:
            s.fuzzy.append((v, best))
            left.remove(best)
        else:
            s.missing.append(v)
    s.unexpected = left
    return s


# --- assertions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Floors:
    """What a golden test demands of a Score. The defaults demand perfection; a test lowers
    only what its form (OCR, damaged text) justifies, and says why. The field floors apply
    to ``fields`` only, so one Score can be held to different floors for its numbers and
    its texts; the row floors always apply."""

    ok_rate: float = 1.0  # min share of determinable ``fields`` read right
    fields: tuple[str, ...] | None = None  # the fields judged; None = every compared field
    wrong_unflagged: int = 0  # silent errors allowed among ``fields``
    extra_unflagged: int = 0  # unflagged values where the golden has none
    unmatched: int = 0  # golden rows nothing paired
    unexpected: int = 0  # extracted rows nothing paired


def breaches(score: Score, floors: Floors) -> list[str]:
    """Each floor the score fails, as one readable line."""
    c = score.counts(floors.fields)
    out = []
    rate, det = score.ok_rate(floors.fields), score.determinable(floors.fields)
    if rate < floors.ok_rate:
        which = "all compared fields" if floors.fields is None else ", ".join(floors.fields)
        out.append(f"ok {c[OK]}/{det} = {rate:.1%} < {floors.ok_rate:.0%} ({which})")
    for name, outcome in (("wrong_unflagged", WRONG_UNFLAGGED), ("extra_unflagged", EXTRA_UNFLAGGED)):
        if c[outcome] > getattr(floors, name):
            out.append(f"{c[outcome]} {outcome} (at most {getattr(floors, name)})")
    if len(score.unmatched) > floors.unmatched:
        out.append(
            f"{len(score.unmatched)} golden row(s) not found: " + ", ".join(score.row_label(r) for r in score.unmatched)
        )
    if len(score.unexpected) > floors.unexpected:
        out.append(
            f"{len(score.unexpected)} extracted row(s) the golden does not have: "
            + ", ".join(score.row_label(r) for r in score.unexpected)
        )
    return out


def assert_score(score: Score, floors: Floors = Floors(), what: str = "") -> None:
    """Fail with every breached floor and then every miss, one per line."""
    problems = breaches(score, floors)
    if problems:
        lines = [
            what or "score below its floors",
            *(f"  {p}" for p in problems),
            "misses:",
            *(f"  {m}" for m in score.misses(floors.fields)),
        ]
        raise AssertionError("\n".join(lines))

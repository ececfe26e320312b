"""'Meta Trimestral: ...' commentaries: their N, M and X%, and which row each belongs to.

A MIR commentary states the quarter's result in words ('Se logra el 84.35% ... 600 de un
total de 713'), which makes it a second, independent witness of the row's planned and
achieved values — but only if its numbers are read as the document means them: the total
M is marked by its phrasing ('de un total de', 'programados'), and years, dates and plan
names are not quantities.

Commentaries are often printed apart from the table (a block of 'Meta Trimestral: ...'
paragraphs after a stretch of rows), so they are placed by what they say: their N and M
must be the row's achieved and planned values, their topic words the row's, and they keep
the document's order. Order alone never places a commentary that nothing else supports.
Both reading paths hand their commentary text here; where the text was found (a block of
lines, a Comentario cell) is theirs to say.
"""

from __future__ import annotations

import logging

import regex

from papeleo.text.normalize import trim_punct

from .numbers import (
    PERCENT,
    NumTok,
    Percent,
    decimals_of,
    looks_garbled_number,
    make_token,
    misread_reason,
    parse_amount,
    parse_percent,
    percent_matches,
    percent_variants,
)
from .types import Commentary, RawRow, Reading

log = logging.getLogger(__name__)

# 'Meta Trimestral: Se logra el 84.35% ...', 'Miota Trimesirald Se oEfuvortin 120,16%',
# 'Meta Tri I: Se ob 100%', 'JMala Trimestral; En el segundo', 'Mata Anual: Al segundo',
# 'Meta I: Sa i a701', 'Meta Se 55 cursos'
META_START = regex.compile(
    r"(?<![A-Za-z])[JI|]?M[aeiou]{1,2}[tl]a\s+(?P<kind>[Tt]ri\w*|[Ss]em\w*|[Mm]ens\w*|[Bb]im\w*|[Cc]uat\w*|[Aa]nual|I:|Se\b)"
)
# 'programados', 'proyectadas', 'que se tenían programados' — the word after the total M
TOTAL_AFTER = regex.compile(r"^(?:p\w*gram|proy|planead|estimad|que$|previst)", regex.I)
# 'de un total de 620', 'de un tolal de', 'de un fotal de', 'de los 850 que'
TOTAL_BEFORE = regex.compile(r"(?:[tfl][oa][tl]a[l1]\s+d[ea]|de\s+los)\s*$", regex.I)
YEAR = regex.compile(r"^(?:19[89]\d|20[0-3]\d)$")
# 'En el segundo trimestre da 2024', 'PMD 2021-2024', 'en el mes de abril 2024'
YEAR_CONTEXT = regex.compile(
    r"(?:trim|tri|rimes|pmd|ejercicio|año|ano|abril|mayo|junio|julio|marzo|enero|febrero|agosto|septiembre|octubre|noviembre|diciembre)",
    regex.I,
)
# 'no se firmó ningún convenio de los 2 programados' -> N = 0 ('ningdn' as OCR prints it)
NONE_ACHIEVED = regex.compile(r"\bning[uú]n[oa]?\b|\bningdn\b", regex.I)
# a piece of a Comentario cell worth keeping: 'Meta Anual: Se' (not a lone '|' or ':')
HAS_WORD = regex.compile(r"\w{2}")
# a topic word: 'supervisiones', 'convenios'
WORD = regex.compile(r"[a-záéíóúñ]{5,}", regex.I)
# words every commentary and row share: they say nothing about which row is whose
COMMON = {
    "porcentaje",
    "parcentaje",
    "trimestral",
    "programados",
    "programadas",
    "total",
    "unidad",
    "medida",
    "indicador",
    "variables",
    "logra",
    "meta",
    "municipal",
    "municipales",
}
# topic words compare on their first letters, so 'supervisiones' meets 'supervisión'
STEM_LEN = 6

# Tokens before a year that say it is a date, and before / after a number that say it is
# the total M ('de un total de 620', '850 que se tenían programados').
YEAR_CONTEXT_TOKENS = 3
TOTAL_BEFORE_TOKENS = 4
TOTAL_AFTER_TOKENS = 3
# A mangled token is a quantity only with this many real digits ('a701' yes, 'a1' no).
MIN_GARBLED_DIGITS = 2

# Scores of one (N, M) reading of a commentary. Consistency with the printed X% dominates;
# a one-digit misreading of X is nearly as good (this OCR swaps 8 and 9); the phrasing of M
# and N right before M break ties; mangled tokens cost a little each.
READING_CONSISTENT = 4.0
READING_X_MISREAD = 2.5
READING_M_PHRASED = 1.0
READING_ADJACENT = 0.5
READING_GARBLED_TOKEN = 0.3
# 'ningún convenio de los 2': N = 0 is stated in words, nearly as strong as a consistent X%
READING_NONE_ACHIEVED = 3.0

# Evidence that a commentary belongs to a row. Every pairing starts at COMPAT_BASE so a
# commentary with no numbers can still follow order; its N or M among the row's cells is
# strong (half as strong when only a misreading of a cell); a lone X% that two of the row's
# cells give; an inline commentary printed within the row's lines; shared topic words.
COMPAT_BASE = 0.5
COMPAT_NUMBER = 3.0
COMPAT_PERCENT_ONLY = 2.0
COMPAT_INLINE = 3.0
COMPAT_TOPIC = 3.0
# readings of a commentary tried against a row: more lets a poor reading match by chance
COMPAT_READINGS = 4
# lines before a row's first and after its last where its inline commentary may start
INLINE_LINES_BEFORE = 8
INLINE_LINES_AFTER = 3
# Least evidence for which a commentary is placed at all: below it the commentary is left
# unplaced rather than given to the row order alone suggests.
MIN_PLACEMENT_SCORE = 1.2
# a 'Meta Trimestral' and a 'Meta Anual' this many lines apart are one row's pair
PAIR_MAX_LINES = 12
# a pair's two scores are summed, but two weak matches must not beat one strong single
PAIR_SCORE_DIVISOR = 1.5


def parse_commentary(text: str, ejercicio: int | None = None) -> tuple[list[Percent], list[NumTok], set[int], bool]:
    """The commentary's percentages, its quantities (years and plan names are not), the
    indices of those phrased as the total M, and whether it says nothing was achieved."""
    percents: list[Percent] = []
    for m in PERCENT.finditer(text):
        v = parse_percent(m.group(1))
        if v is not None:
            percents.append(Percent(v, decimals_of(m.group(1)), m.group(0)))
    masked = PERCENT.sub(" ", text)
    toks = masked.split()
    nums: list[NumTok] = []
    m_pref: set[int] = set()
    for k, raw in enumerate(toks):
        s = trim_punct(raw)
        if not s or not any(c.isdigit() for c in s):
            continue
        if "-" in s and all(YEAR.match(p) for p in s.split("-") if p):
            continue
        v = parse_amount(s)
        if v is None:
            if not (looks_garbled_number(s) and sum(c.isdigit() for c in s) >= MIN_GARBLED_DIGITS):
                continue
        if v is not None and YEAR.match(s):
            window = " ".join(toks[max(0, k - YEAR_CONTEXT_TOKENS) : k])
            if (ejercicio and int(v) == ejercicio) or YEAR_CONTEXT.search(window):
                continue
        tok = make_token(s)
        before = " ".join(toks[max(0, k - TOTAL_BEFORE_TOKENS) : k])
        after = toks[k + 1 : k + 1 + TOTAL_AFTER_TOKENS]
        if TOTAL_BEFORE.search(before) or any(TOTAL_AFTER.match(trim_punct(a)) for a in after):
            m_pref.add(len(nums))
        nums.append(tok)
    zero_n = bool(NONE_ACHIEVED.search(text))
    return percents, nums, m_pref, zero_n


def commentary_kind(label: str) -> str:
    """'Anual' -> 'anual'; every other period ('Trimestral', 'Tri I:', 'Se') -> 'trimestral'."""
    return "anual" if label.lower().startswith("anual") else "trimestral"


def cell_commentaries(text: str, page: int, index: int, conf: float, ejercicio: int | None) -> list[Commentary]:
    """A Comentario cell: one commentary per 'Meta Trimestral:' / 'Meta Anual:' it holds
    (a cell with no such label is still this row's commentary)."""
    starts = [m for m in META_START.finditer(text)]
    pieces: list[tuple[str, str]] = []
    if not starts:
        pieces.append(("trimestral", text))
    else:
        if starts[0].start() > 0 and text[: starts[0].start()].strip():
            pieces.append(("trimestral", text[: starts[0].start()]))
        for k, m in enumerate(starts):
            end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
            pieces.append((commentary_kind(m.group("kind")), text[m.start() : end]))
    out = []
    for kind, t in pieces:
        if not HAS_WORD.search(t):
            continue
        percents, nums, m_pref, zero_n = parse_commentary(t, ejercicio)
        out.append(Commentary(kind, t.strip(), page, index, percents, nums, m_pref, zero_n, conf, inline=True))
    return out


def _values(tok: NumTok) -> list[float]:
    return [tok.value] if tok.clean else list(tok.cands)


def readings(c: Commentary) -> list[Reading]:
    """Every (N, M) pair in reading order, best first: pairs N/M = X% as printed, then
    pairs that fit a one-digit misreading of X, then pairs phrased as 'N ... de M'."""
    out: list[tuple[float, Reading]] = []
    x = c.percents[0] if c.percents else None
    nums = c.nums
    for j, mt in enumerate(nums):
        for i in range(j):
            nt = nums[i]
            for nv in _values(nt):
                for mv in _values(mt):
                    score = 0.0
                    cons, fixed = False, None
                    for p in c.percents or []:
                        if percent_matches(nv, mv, p.value, p.decimals):
                            cons, x = True, p
                            break
                    if not cons and c.percents:
                        for var, _ in percent_variants(c.percents[0])[1:]:
                            if percent_matches(nv, mv, var, c.percents[0].decimals):
                                fixed = var
                                break
                    score += READING_CONSISTENT if cons else (READING_X_MISREAD if fixed is not None else 0)
                    score += READING_M_PHRASED if j in c.m_pref else 0
                    score += READING_ADJACENT if i == j - 1 else 0
                    score -= READING_GARBLED_TOKEN * (not nt.clean) + READING_GARBLED_TOKEN * (not mt.clean)
                    xv = c.percents[0] if c.percents else None
                    if cons:
                        xv = x
                    out.append(
                        (
                            score,
                            Reading(nv, mv, xv.value if xv else None, xv.decimals if xv else 0, cons, fixed, nt, mt),
                        )
                    )
    if c.zero_n and nums:
        mt = nums[-1]
        for mv in _values(mt):
            out.append(
                (
                    READING_NONE_ACHIEVED,
                    Reading(0.0, mv, c.percents[0].value if c.percents else None, 0, True, None, None, mt),
                )
            )
    if not out and c.percents:
        p = c.percents[0]
        out.append((0.0, Reading(None, None, p.value, p.decimals, False)))
    out.sort(key=lambda t: -t[0])
    return [r for _, r in out]


def _stems(text: str) -> set[str]:
    return {w.lower()[:STEM_LEN] for w in WORD.findall(text) if w.lower() not in COMMON}


def compat(c: Commentary, row: RawRow) -> float:
    """How strongly the row's cells, lines and words say this commentary is its own."""
    vals: list[NumTok] = list(row.tokens) + list(row.slots.values())
    values = {v for t in vals for v in _values(t)}
    score = COMPAT_BASE
    rs = readings(c)
    best_num = 0.0
    for r in rs[:COMPAT_READINGS]:
        s = 0.0
        for want, w in ((r.m, COMPAT_NUMBER), (r.n, COMPAT_NUMBER)):
            if want is None:
                continue
            if want in values:
                s += w
            elif any(misread_reason(t, want) for t in vals if t.clean):
                s += w / 2
        best_num = max(best_num, s)
    score += best_num
    if not c.nums and c.percents and vals:
        p = c.percents[0]
        clean = [t.value for t in vals if t.clean]
        # N among the last two cells (the alcanzados), M among the programados
        if any(percent_matches(a, b, p.value, p.decimals) for a in clean[-2:] for b in clean[1:5] if b):
            score += COMPAT_PERCENT_ONLY
    if c.inline and row.first_line - INLINE_LINES_BEFORE <= c.line <= row.last_line + INLINE_LINES_AFTER:
        score += COMPAT_INLINE
    a, b = _stems(c.text), _stems(row.text)
    if a and b:
        score += COMPAT_TOPIC * len(a & b) / min(len(a), len(b))
    return score


def align(
    comments: list[Commentary], rows: list[RawRow], min_score: float = MIN_PLACEMENT_SCORE
) -> dict[int, list[Commentary]]:
    """Order-preserving assignment of commentary units (a 'Meta Trimestral' with the
    'Meta Anual' printed next to it) to rows, maximizing the evidence each pairing has."""
    units: list[list[Commentary]] = []
    for c in comments:
        if (
            c.kind == "anual"
            and units
            and len(units[-1]) == 1
            and units[-1][0].kind == "trimestral"
            and c.line - units[-1][0].line < PAIR_MAX_LINES
        ):
            units[-1].append(c)
        elif (
            c.kind == "trimestral"
            and units
            and len(units[-1]) == 1
            and units[-1][0].kind == "anual"
            and c.line - units[-1][0].line < PAIR_MAX_LINES
        ):
            units[-1].append(c)
        else:
            units.append([c])
    n, k = len(units), len(rows)
    score = [[sum(compat(c, r) for c in u) / (1 if len(u) == 1 else PAIR_SCORE_DIVISOR) for r in rows] for u in units]
    NEG = float("-inf")
    dp = [[0.0] * (k + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int, bool]] = {}
    for i in range(1, n + 1):
        for j in range(1, k + 1):
            opts = [(dp[i - 1][j], (i - 1, j, False)), (dp[i][j - 1], (i, j - 1, False))]
            s = score[i - 1][j - 1]
            if s >= min_score:
                opts.append((dp[i - 1][j - 1] + s, (i - 1, j - 1, True)))
            else:
                opts.append((NEG, (i - 1, j - 1, False)))
            dp[i][j], back[(i, j)] = max(opts, key=lambda t: t[0])
    out: dict[int, list[Commentary]] = {}
    i, j = n, k
    while i > 0 and j > 0:
        pi, pj, match = back[(i, j)]
        if match:
            out[j - 1] = units[i - 1]
        i, j = pi, pj
    place_by_order(units, rows, out)
    left = [u[0].line + 1 for idx, u in enumerate(units) if not any(u is v for v in out.values())]
    if left:
        log.info("commentaries not placed on any row (first lines %s)", left)
    return out


def _contradicts(c: Commentary, row: RawRow) -> bool:
    """The row prints clean numbers, yet neither the commentary's N nor its M is among them."""
    vals = [t for t in [*row.tokens, *row.slots.values()] if t.clean]
    r = readings(c)[0]
    if not vals:
        return False
    return not any(t.value == want or misread_reason(t, want) for t in vals for want in (r.n, r.m) if want is not None)


def place_by_order(units: list[list[Commentary]], rows: list[RawRow], out: dict[int, list[Commentary]]) -> None:
    """Commentary blocks follow row order: between two placed commentaries, unplaced ones
    take the rows without commentary between their rows, one for one and in order, when
    they are as many, each is self-consistent (its N/M gives its X%) and the row's printed
    numbers do not contradict it. Marked ``by_order`` so the record says how it was placed."""
    row_of = {id(u): j for j, u in out.items()}
    placed = [i for i, u in enumerate(units) if id(u) in row_of]
    for a, b in zip([None, *placed], [*placed, None]):
        ua = a + 1 if a is not None else 0
        ub = b if b is not None else len(units)
        if a is None or b is None or ub <= ua:
            continue  # only a gap closed by placed commentaries on both sides
        ra, rb = row_of[id(units[a])], row_of[id(units[b])]
        free = [j for j in range(ra + 1, rb) if j not in out and not rows[j].comments]
        gap = units[ua:ub]
        if len(free) != len(gap):
            continue
        ok = all(
            len(u) == 1
            and u[0].kind == "trimestral"
            and (rs := readings(u[0]))
            and rs[0].consistent
            and rs[0].n is not None
            and rs[0].m is not None
            and not _contradicts(u[0], rows[j])
            for u, j in zip(gap, free)
        )
        if not ok:
            continue
        for u, j in zip(gap, free):
            u[0].by_order = True
            out[j] = u
            log.info("commentary at line %d placed on row %d by document order", u[0].line + 1, j)

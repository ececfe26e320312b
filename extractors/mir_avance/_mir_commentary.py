"""'Meta Trimestral: ...' commentaries: where they start, what they own, and their N, M, X%.

A MIR commentary states the quarter's result in words ('Se logra el 84.35% ... 600 de un
total de 713'), which makes it a second, independent witness of the row's planned and
achieved values — but only if its numbers are read as the document means them: the total
M is marked by its phrasing ('de un total de', 'programados'), and years, dates and plan
names are not quantities.
"""

from __future__ import annotations

import logging

import regex

from papeleo.model import Line

from ._mir_numbers import (
    PERCENT, NumTok, Percent, decimals_of, looks_garbled_number, make_token, parse_amount, parse_percent,
)
from ._mir_types import Commentary

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
YEAR_CONTEXT = regex.compile(r"(?:trim|tri|rimes|pmd|ejercicio|año|ano|abril|mayo|junio|julio|marzo|enero|febrero|agosto|septiembre|octubre|noviembre|diciembre)", regex.I)
PUNCT = "|()[]{};:,.'\"“”‘’`~_=-!¡?¿*"


def _strip(tok: str) -> str:
    return tok.strip(PUNCT)


def parse_commentary(text: str, ejercicio: int | None = None) -> tuple[list[Percent], list[NumTok], set[int], bool]:
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
        s = _strip(raw)
        if not s or not any(c.isdigit() for c in s):
            continue
        if "-" in s and all(YEAR.match(p) for p in s.split("-") if p):
            continue
        v = parse_amount(s)
        if v is None:
            if not (looks_garbled_number(s) and sum(c.isdigit() for c in s) >= 2):
                continue
        if v is not None and YEAR.match(s):
            window = " ".join(toks[max(0, k - 3):k])
            if (ejercicio and int(v) == ejercicio) or YEAR_CONTEXT.search(window):
                continue
        tok = make_token(s)
        before = " ".join(toks[max(0, k - 4):k])
        after = toks[k + 1:k + 4]
        if TOTAL_BEFORE.search(before) or any(TOTAL_AFTER.match(_strip(a)) for a in after):
            m_pref.add(len(nums))
        nums.append(tok)
    zero_n = bool(regex.search(r"\bning[uú]n[oa]?\b|\bningdn\b", text, regex.I))
    return percents, nums, m_pref, zero_n


def _without_run(text: str) -> str:
    from ._mir_text import UNIT_BOX, frecuencia_of

    """A wide-layout line shared by a commentary and its row, minus the row's cells."""
    toks = text.split()
    for i, t in enumerate(toks):
        if frecuencia_of(t):
            j = i + 1
            while j < len(toks) and (UNIT_BOX.match(toks[j]) or make_token(_strip(toks[j]) or "x").clean
                                     or looks_garbled_number(toks[j])):
                j += 1
            return " ".join(toks[:i] + toks[j:])
    return text


def scan_commentaries(glines: list[tuple[int, Line]], ejercicio: int | None, root: str = "") -> tuple[list[Commentary], set[int], dict[int, int]]:
    """Commentaries and the lines they own. A commentary opening mid-line sits in the
    wide layout beside its row's cells: it owns only the right part of its first line and
    shares the next few lines with the row, so those lines stay available to the row."""
    from ._mir_text import _is_item_line

    starts = []
    for g, (page, line) in enumerate(glines):
        m = META_START.search(line.text)
        if m:
            starts.append((g, m.start(), m.group("kind")))
    owned: set[int] = set()
    cut: dict[int, int] = {}
    out: list[Commentary] = []
    start_lines = {s[0] for s in starts}
    for idx, (g, col, kind) in enumerate(starts):
        prefix = glines[g][1].text[:col]
        inline = len(regex.findall(r"[A-Za-z]{3,}", prefix)) >= 1
        texts = [glines[g][1].text[col:]]
        confs = [glines[g][1].confidence]
        k = g + 1
        limit = g + 5 if inline else len(glines)
        while k < len(glines) and k < limit and k not in start_lines:
            t = glines[k][1].text
            if not t.strip():
                nxt = k + 1
                while nxt < len(glines) and not glines[nxt][1].text.strip():
                    nxt += 1
                if inline or nxt >= len(glines) or nxt in start_lines:
                    break
                nt = glines[nxt][1].text.strip()
                if not (nt[:1].islower() or len(nt.split()) <= 1 and not any(c.isdigit() for c in nt)):
                    break
                k = nxt
                continue
            if not inline and _is_item_line(t, root):
                break
            texts.append(_without_run(t) if inline else t)
            confs.append(glines[k][1].confidence)
            k += 1
        if not inline:
            owned.update(range(g, k))
        else:
            cut[g] = col
        text = " ".join(x.strip() for x in texts)
        pk = "anual" if kind.lower().startswith("anual") else "trimestral"
        percents, nums, m_pref, zero_n = parse_commentary(text, ejercicio)
        out.append(Commentary(pk, text, glines[g][0], g, percents, nums, m_pref, zero_n,
                              sum(confs) / len(confs), inline))
    return out, owned, cut

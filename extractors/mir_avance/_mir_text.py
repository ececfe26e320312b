"""Cutting an OCR'd MIR line stream into indicator rows and commentaries.

OCR of a wide MIR table keeps no column order: in one stretch a row's cells share a line
('Actividad ... Trimestral 2,350 586 620 584 560 565 585'), in another every cell is its
own line and a row's numbers can land after the next row's heading. So rows are built from
*anchors* (nivel word, clave, SIGLAS) clustered by proximity, numbers are attached by
their own evidence (same line, or the 'UNIDAD DE MEDIDA DE LAS VARIABLES' box they follow,
aligned to rows by order), and commentaries are collected separately for the checks to
place.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from papeleo.model import Document, Line

from ._mir_commentary import META_START, scan_commentaries
from ._mir_numbers import NumTok, looks_garbled_number, make_token, parse_amount, rules
from ._mir_blocks import _attach_blocks, _attach_runs
from ._mir_types import Commentary, RawRow

log = logging.getLogger(__name__)

# '1.4.1.1.2.1 Atención a las', '1.4.1.1,2.3', '1.41.1.3.4', '14.1.1.84.', '.1.8.2 Brindar'
CODE_DOTTED = regex.compile(r"^\.?\d{1,3}(?:[.,]\d{1,3}){2,}\.?$|^\.?\d{1,2}(?:[.,]\d{1,2})\.$")
# '141133 Reguiacién de Bienss', 'Actividad 141411 ;?ﬁeaa'
CODE_UNDOTTED = regex.compile(r"^\d{4,8}$")
# 'PSAL: e de Solici', 'PEEOMA= Porcentaje', 'PMR = Parcentaje', 'lasiPIA= Porcentaje'
SIGLAS = regex.compile(r"(?<![A-Z])(?P<s>[A-Z][A-Z0-9]{1,7})\s?[:=]\s?(?P<rest>.*)$")
NOT_SIGLAS = {"OR", "DEL", "LAS", "LA", "DE", "UNIDAD", "MEDIDA", "NOTA", "META", "LOS", "VARIABLE"}
# 'VARIABLES:', 'DE MEDIDA DE LA VARIABLE', 'VARIABLE: Incidencias', 'VARIABLES='
VARIABLE_MARK = regex.compile(r"VARIABLES?\b")
# 'UNIDAD DE MEDIDA DE LAS 2,350 586 ...' — the unit box that interrupts a numeric run
UNIT_BOX = regex.compile(r"^(?:UNIDAD|DE|MEDIDA|LAS?|DEL|INDICADOR:?|VARIABLES?:?)$")
# '(DIRECCION DE REGURSOS ...' — words that are prose, ending a run of cells
PROSE = regex.compile(r"^[A-Za-zÁÉÍÓÚáéíóúñÑ]{5,}$")
STOP_WORDS = {"de", "la", "el", "se", "al", "en", "los", "las", "un", "del", "que"}
PUNCT = "|()[]{};:,.'\"“”‘’`~_=-!¡?¿*"


@dataclass
class _Item:
    kind: str  # C, N, S
    line: int
    value: str
    rest: str = ""


def _strip(tok: str) -> str:
    return tok.strip(PUNCT)


def nivel_of(token: str) -> str | None:
    t = _strip(token).lower()
    if len(t) < 5:
        return None
    best, score = None, 0.0
    for nivel, variants in rules()["nivel"].items():
        for v in variants:
            s = fuzz.ratio(t, v)
            if s > score:
                best, score = nivel, s
    return best if score >= 80 else None


def frecuencia_of(token: str) -> str | None:
    t = _strip(token).lower()
    if len(t) < 5:
        return None
    best, score = None, 0.0
    for f, variants in rules()["frecuencia"].items():
        for v in variants:
            s = 101.0 if t == v else fuzz.ratio(t, v)
            if s > score:
                best, score = f, s
    return best if score >= 78 else None


def _is_junk(tok: str) -> bool:
    s = _strip(tok)
    return len(s) <= 1 or not any(c.isalnum() for c in s)


def code_root(glines: list[tuple[int, Line]]) -> str:
    """The digits every clave of this report starts with ('141' for 1.4.1.x), so a code
    printed without dots ('141133') can be told from a quantity ('1070 programados')."""
    from collections import Counter

    firsts: Counter = Counter()
    for _, line in glines:
        for t in line.text.split()[:4]:
            t = t.strip("|;:'\"“”")
            if CODE_DOTTED.match(t):
                d = "".join(c for c in t if c.isdigit())
                if len(d) >= 3:
                    firsts[d[:3]] += 1
    return firsts.most_common(1)[0][0] if firsts else ""


def line_anchor(text: str, root: str = "") -> tuple[str | None, str | None, str | None, int]:
    """(nivel, nivel_raw, code_raw, index of the first token after them) for a line that
    opens with a level word and/or a code; OCR strays ('g', '"', '|') before them are skipped."""
    toks = text.split()
    i = 0
    while i < len(toks) and i < 2 and _is_junk(toks[i]) and not CODE_DOTTED.match(toks[i]):
        i += 1
    nivel = nivel_raw = code = None
    if i < len(toks):
        if _strip(toks[i]) == "Fin" or _strip(toks[i]) == "FIN":
            nivel, nivel_raw, i = "fin", toks[i], i + 1
        else:
            n = nivel_of(toks[i])
            if n is None and len(_strip(toks[i])) == 1 and i + 1 < len(toks):
                n = nivel_of(toks[i] + toks[i + 1])  # 'C orponante'
                if n:
                    nivel, nivel_raw, i = n, toks[i] + " " + toks[i + 1], i + 2
            elif n:
                nivel, nivel_raw, i = n, toks[i], i + 1
    for j in range(i, min(i + 2, len(toks))):
        t = toks[j].strip("|;:'\"“”")
        if CODE_DOTTED.match(t):
            return nivel, nivel_raw, t, j + 1
        if (CODE_UNDOTTED.match(t) and root and t.startswith(root) and len(t) >= len(root) + 2
                and (nivel or (j + 1 < len(toks) and regex.match(r"^[A-Za-zÁ-ú]{2,}", toks[j + 1])))):
            return nivel, nivel_raw, t, j + 1
        if not _is_junk(toks[j]):
            break
    return nivel, nivel_raw, code, i


def _is_item_line(text: str, root: str = "") -> bool:
    nivel, _, code, _ = line_anchor(text, root)
    if nivel or code or VARIABLE_MARK.search(text):
        return True
    toks = text.split()
    return len(toks) == 1 and parse_amount(_strip(toks[0])) is not None and "%" not in text


def _run_tokens(toks: list[str], line: int, conf: float) -> list[NumTok]:
    out: list[NumTok] = []
    clean = 0
    for t in toks:
        s = t.strip("|;:'\"“”")
        if not s:
            continue
        if UNIT_BOX.match(s) and not out:
            continue
        if s in rules()["zero_glyphs"]:
            out.append(make_token(s, conf, line))
            continue
        if not any(c.isalnum() for c in s):
            if clean >= 5:
                break
            continue
        if s.lower() in STOP_WORDS or PROSE.match(s):
            if clean >= 3 or s.lower() in STOP_WORDS:
                break
            continue
        s = s.rstrip(".,")
        if regex.match(r"^\d{1,3}\.\d{3}$", s):
            s = s.replace(".", ",")  # '1.872' among '1,872' cells: a comma read as a dot
        tok = make_token(s, conf, line)
        clean += tok.clean
        out.append(tok)
    while out and not out[-1].clean and not out[-1].cands:
        out.pop()
    return out


def inline_run(text: str, line: int, conf: float) -> list[NumTok] | None:
    """The cells after the frequency word: 'Trimestral 72 16 20 21 15 20 20'."""
    toks = text.split()
    for i, t in enumerate(toks):
        if frecuencia_of(t):
            run = _run_tokens(toks[i + 1:], line, conf)
            if (sum(x.clean for x in run) >= 2 and len(run) >= 3) or len(run) >= 5:
                return run
    numeric = [t for t in toks if parse_amount(_strip(t)) is not None]
    if len(numeric) >= 5 and len(numeric) * 2 >= len(toks):
        first = next(i for i, t in enumerate(toks) if parse_amount(_strip(t)) is not None)
        return _run_tokens(toks[first:], line, conf)
    return None


def _block_token(text: str) -> str | None:
    toks = text.split()
    if len(toks) != 1:
        return None
    s = _strip(toks[0]) or toks[0]
    if parse_amount(s) is not None or looks_garbled_number(s):
        return s
    if len(s) <= 4 and s.isalpha() and s.islower():
        return s  # 'nal' where a number was printed
    return None


def segment(doc: Document, ejercicio: int | None = None) -> tuple[list[RawRow], list[Commentary]]:
    glines = [(p.number, ln) for p in doc.pages for ln in p.lines]
    root = code_root(glines)
    comments, owned, cut = scan_commentaries(glines, ejercicio, root)
    items: list[_Item] = []
    runs: dict[int, list[NumTok]] = {}
    marks: list[int] = []
    blocks: list[tuple[int, list[NumTok]]] = []
    cur_block: list[NumTok] = []
    cur_start = -1
    anchor_info: dict[int, tuple] = {}
    comment_x = commentary_column_x(glines)
    for g, (page, line) in enumerate(glines):
        if g in owned:
            continue
        text = line.text[: cut[g]] if g in cut else line.text
        bt = _block_token(text)
        if bt is not None and (cur_block or parse_amount(bt) is not None or looks_garbled_number(bt)):
            if not cur_block:
                cur_start = g
            cur_block.append(make_token(bt, line.confidence, g))
            continue
        if text.strip() and cur_block:
            if len(cur_block) >= 2:
                blocks.append((cur_start, cur_block))
            cur_block = []
        if not text.strip():
            continue
        nivel, nivel_raw, code, after = line_anchor(text, root)
        if nivel:
            items.append(_Item("N", g, nivel, nivel_raw or ""))
        if code:
            items.append(_Item("C", g, code, " ".join(text.split()[after:])))
        for m in SIGLAS.finditer(text):
            if m.group("s") not in NOT_SIGLAS and sum(c.isupper() for c in m.group("s")) >= 2:
                items.append(_Item("S", g, m.group("s"), m.group("rest")))
                break
        if VARIABLE_MARK.search(text):
            marks.append(g)
        cx = comment_x.get(page)
        if cx is not None and line.words and all(w.bbox is not None for w in line.words):
            # cells only: words in the commentary column are the commentary's, not the row's
            text = " ".join(w.text for w in line.words if w.bbox.x0 < cx - 5)
        run = inline_run(text, g, line.confidence)
        if run:
            runs[g] = run
        anchor_info[g] = (nivel, code)
    if len(cur_block) >= 2:
        blocks.append((cur_start, cur_block))
    groups = _cluster(items)
    rows = [_group_to_row(grp, glines, cut, groups[i + 1][0].line if i + 1 < len(groups) else len(glines))
            for i, grp in enumerate(groups)]
    _attach_runs(rows, groups, runs, glines)
    _attach_blocks(rows, groups, marks, blocks, glines)
    return rows, comments


def commentary_column_x(glines) -> dict[int, float]:
    """Left edge of the commentary column per page, from lines that open a commentary."""
    import statistics

    xs: dict[int, list[float]] = {}
    for page, line in glines:
        if line.bbox is not None and META_START.match(line.text.strip()):
            xs.setdefault(page, []).append(line.bbox.x0)
    return {p: statistics.median(v) for p, v in xs.items() if len(v) >= 2}


def _cluster(items: list[_Item], max_gap: int = 12) -> list[list[_Item]]:
    """Single-linkage on line distance, never putting two anchors of one kind in a row."""
    items = sorted(items, key=lambda it: (it.line, "NCS".index(it.kind)))
    groups = [[it] for it in items]
    while True:
        best = None
        for i in range(len(groups) - 1):
            a, b = groups[i], groups[i + 1]
            gap = b[0].line - a[-1].line
            if gap > max_gap:
                continue
            if {x.kind for x in a} & {x.kind for x in b}:
                continue
            if best is None or gap < best[0]:
                best = (gap, i)
        if best is None:
            return groups
        i = best[1]
        groups[i:i + 2] = [groups[i] + groups[i + 1]]


def _group_to_row(grp: list[_Item], glines, cut, next_start: int) -> RawRow:
    first, last = grp[0].line, grp[-1].line
    row = RawRow(page=glines[first][0], first_line=first, last_line=last)
    texts = []
    for it in grp:
        if it.kind == "N":
            row.nivel, row.nivel_raw = it.value, it.rest
        elif it.kind == "C":
            row.code_raw = it.value
            row.resumen = it.rest
        elif it.kind == "S":
            row.siglas = it.value
            row.indicador = it.rest
    span_end = max(last + 1, min(len(glines), next_start, last + 15))
    for g in range(first, span_end):
        t = glines[g][1].text
        texts.append(t[: cut[g]] if g in cut else t)
        for tok in t.split():
            f = frecuencia_of(tok)
            if f and row.frecuencia is None:
                row.frecuencia = f
        if row.unidad is None:
            for tok in t.split():
                w = _strip(tok).lower()
                if len(w) >= 5 and w not in ("indicador", "indicadores"):
                    u = next((u for u in rules()["unidad"] if fuzz.ratio(u, w) >= 85), None)
                    if u:
                        row.unidad = u.replace("í", "i").replace("ó", "o").replace("ú", "u")
                        break
    row.text = " ".join(texts)
    confs = [glines[g][1].confidence for g in range(first, last + 1)]
    row.conf = sum(confs) / len(confs)
    row.resumen = _continue_text(row.resumen, glines, grp, "C")
    row.indicador = _continue_text(row.indicador, glines, grp, "S")
    return row


def _continue_text(start: str | None, glines, grp, kind: str) -> str | None:
    """Cell text in the one-cell-per-line stretch continues on the next lines until the
    next cell's anchor; in the wide stretch only the anchor line is trustworthy."""
    if start is None:
        return None
    line = next(it.line for it in grp if it.kind == kind)
    parts = [start]
    wide = len(glines[line][1].text.split()) > 8
    if not wide:
        k = line + 1
        while k < len(glines) and k < line + 5:
            t = glines[k][1].text.strip()
            if not t:
                k += 1
                continue
            if SIGLAS.search(t) or VARIABLE_MARK.search(t) or "UNIDAD" in t or "INDICADOR" in t:
                break
            if any(frecuencia_of(x) for x in t.split()) or _block_token(t) or line_anchor(t)[0]:
                break
            parts.append(t)
            k += 1
    text = " ".join(parts)
    text = regex.split(r"\s(?:Trimestral|UNIDAD|Porcentaje|Parcentaje)\b", text)[0]
    text = regex.sub(r"\s+", " ", text).strip(" |;:,")
    return text or None

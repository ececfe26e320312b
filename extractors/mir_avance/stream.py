"""Cutting an OCR'd MIR line stream into indicator rows and commentaries.

OCR of a wide MIR table keeps no column order: in one stretch a row's cells share a line
('Actividad ... Trimestral 2,350 586 620 584 560 565 585'), in another every cell is its
own line and a row's numbers can land after the next row's heading. So rows are built from
*anchors* (nivel word, clave, SIGLAS) clustered by proximity; numbers are given to them by
``runs``; commentaries are cut out of the stream here (they interleave with the rows) and
parsed and placed by ``commentary``.
"""

from __future__ import annotations

import logging
import statistics

import regex

from papeleo.model import Document, Line
from papeleo.text.normalize import WHITESPACE, trim_punct

from .commentary import META_START, commentary_kind, parse_commentary
from .lexicon import (
    CODE_DOTTED,
    CODE_UNDOTTED,
    EDGE_MARKS,
    SIGLAS,
    code_root,
    frecuencia_of,
    is_siglas,
    level_of,
    nivel_of,
    unidad_of,
)
from .numbers import NumTok, looks_garbled_number, make_token, parse_amount
from .runs import attach_blocks, attach_runs, block_token, inline_run, without_run
from .types import Anchor, Commentary, RawRow

log = logging.getLogger(__name__)

# 'VARIABLES:', 'DE MEDIDA DE LA VARIABLE', 'VARIABLE: Incidencias', 'VARIABLES='
VARIABLE_MARK = regex.compile(r"VARIABLES?\b")
# 'Atención' after an undotted clave: '141133 Reguiacién de Bienss' (a word, not a quantity's unit digit)
WORD_START = regex.compile(r"^[A-Za-zÁ-ú]{2,}")
# 'Servicios brindados Trimestral 72 ...' — where a wide line's text cell ends
CELL_TEXT_END = regex.compile(r"\s(?:Trimestral|UNIDAD|Porcentaje|Parcentaje)\b")
# a word before 'Meta Trimestral' on its line: the commentary sits beside its row's cells
PREFIX_WORD = regex.compile(r"[A-Za-z]{3,}")

# the number of a group heading after its level word: 'Componente 1: Dirección de Protección
# Civil' heads the rows of a unit and is no row (read as one, it took the code x.1 by order from
# the component printed under it, dev MIR OCR'd text 101)
GROUP_NUMBER = regex.compile(r"^\d{1,2} ?:")
# OCR strays ('g', '"', '|') skipped before a line's level word or clave
MAX_LEADING_STRAYS = 2
# Tokens after the level word where its clave may stand (one stray between them allowed).
CLAVE_WITHIN_TOKENS = 2
# An undotted clave has at least this many digits after the report's root ('141133', not '1410').
MIN_UNDOTTED_EXTRA_DIGITS = 2
# Blocks of one number per line need two numbers: one alone is a stray cell or a page number.
MIN_BLOCK_CELLS = 2
# Words this far (pt) left of the commentary column are the row's cells, not the commentary's.
COMMENT_COLUMN_MARGIN = 5
# Lines that open a commentary needed to trust a page's commentary column.
MIN_COMMENT_COLUMN_LINES = 2
# An inline commentary (beside its row) runs at most this many lines; a block one runs to
# the next item line.
INLINE_COMMENT_LINES = 5
# Anchors farther apart than this many lines are never one row's.
MAX_ANCHOR_GAP = 12
# Lines after a row's last anchor searched for its frequency, unit and topic words.
ROW_SPAN_LINES = 15
# A line with more words than this is the wide layout: its cells share the line, so a text
# cell does not continue on the next lines.
WIDE_LINE_WORDS = 8
# Lines a text cell may continue over in the one-cell-per-line layout.
CELL_CONTINUATION_LINES = 5


def line_anchor(text: str, root: str = "") -> tuple[str | None, str | None, str | None, int]:
    """(nivel, nivel_raw, code_raw, index of the first token after them) for a line that
    opens with a level word and/or a code; OCR strays ('g', '"', '|') before them are skipped."""
    toks = text.split()
    i = 0
    while i < len(toks) and i < MAX_LEADING_STRAYS and _is_junk(toks[i]) and not CODE_DOTTED.match(toks[i]):
        i += 1
    nivel = nivel_raw = code = None
    if i < len(toks):
        n = level_of(trim_punct(toks[i]))
        if n is None and len(trim_punct(toks[i])) == 1 and i + 1 < len(toks):
            n = nivel_of(toks[i] + toks[i + 1])  # 'C orponante'
            if n:
                nivel, nivel_raw, i = n, toks[i] + " " + toks[i + 1], i + 2
        elif n:
            nivel, nivel_raw, i = n, toks[i], i + 1
    for j in range(i, min(i + CLAVE_WITHIN_TOKENS, len(toks))):
        t = toks[j].strip(EDGE_MARKS)
        if CODE_DOTTED.match(t):
            return nivel, nivel_raw, t, j + 1
        if (
            CODE_UNDOTTED.match(t)
            and root
            and t.startswith(root)
            and len(t) >= len(root) + MIN_UNDOTTED_EXTRA_DIGITS
            and (nivel or (j + 1 < len(toks) and WORD_START.match(toks[j + 1])))
        ):
            return nivel, nivel_raw, t, j + 1
        if not _is_junk(toks[j]):
            break
    return nivel, nivel_raw, code, i


def _is_junk(tok: str) -> bool:
    s = trim_punct(tok)
    return len(s) <= 1 or not any(c.isalnum() for c in s)


def is_item_line(text: str, root: str = "") -> bool:
    """A line that belongs to the table (a row's anchor, a unit box, a lone cell), so a
    commentary block cannot run over it."""
    nivel, _, code, _ = line_anchor(text, root)
    if nivel or code or VARIABLE_MARK.search(text):
        return True
    toks = text.split()
    return len(toks) == 1 and parse_amount(trim_punct(toks[0])) is not None and "%" not in text


def segment(doc: Document, ejercicio: int | None = None) -> tuple[list[RawRow], list[Commentary]]:
    """The document's rows, numbers attached, and its commentaries (not yet placed)."""
    glines = [(p.number, ln) for p in doc.pages for ln in p.lines]
    root = code_root(glines)
    comments, owned, cut = scan_commentaries(glines, ejercicio, root)
    items: list[Anchor] = []
    runs: dict[int, list[NumTok]] = {}
    marks: list[int] = []
    blocks: list[tuple[int, list[NumTok]]] = []
    cur_block: list[NumTok] = []
    cur_start = -1
    comment_x = commentary_column_x(glines)
    for g, (page, line) in enumerate(glines):
        if g in owned:
            continue
        text = line.text[: cut[g]] if g in cut else line.text
        bt = block_token(text)
        if bt is not None and (cur_block or parse_amount(bt) is not None or looks_garbled_number(bt)):
            if not cur_block:
                cur_start = g
            cur_block.append(make_token(bt, line.confidence, g))
            continue
        if text.strip() and cur_block:
            if len(cur_block) >= MIN_BLOCK_CELLS:
                blocks.append((cur_start, cur_block))
            cur_block = []
        if not text.strip():
            continue
        nivel, nivel_raw, code, after = line_anchor(text, root)
        if nivel and not code and GROUP_NUMBER.match(" ".join(text.split()[after : after + 2])):
            nivel = None  # a group's heading, no row: its level word would open a row of its own
        if nivel:
            items.append(Anchor("N", g, nivel, nivel_raw or ""))
        if code:
            items.append(Anchor("C", g, code, " ".join(text.split()[after:])))
        for m in SIGLAS.finditer(text):
            if is_siglas(m.group("s")):
                items.append(Anchor("S", g, m.group("s"), m.group("rest")))
                break
        if VARIABLE_MARK.search(text):
            marks.append(g)
        cx = comment_x.get(page)
        if cx is not None and line.words and all(w.bbox is not None for w in line.words):
            # cells only: words in the commentary column are the commentary's, not the row's
            text = " ".join(w.text for w in line.words if w.bbox.x0 < cx - COMMENT_COLUMN_MARGIN)
        run = inline_run(text, g, line.confidence)
        if run:
            runs[g] = run
    if len(cur_block) >= MIN_BLOCK_CELLS:
        blocks.append((cur_start, cur_block))
    groups = cluster(items)
    rows = [
        group_to_row(grp, glines, cut, groups[i + 1][0].line if i + 1 < len(groups) else len(glines))
        for i, grp in enumerate(groups)
    ]
    attach_runs(rows, groups, runs, glines)
    attach_blocks(rows, groups, marks, blocks, glines)
    return rows, comments


def commentary_column_x(glines: list[tuple[int, Line]]) -> dict[int, float]:
    """Left edge of the commentary column per page, from lines that open a commentary."""
    xs: dict[int, list[float]] = {}
    for page, line in glines:
        if line.bbox is not None and META_START.match(line.text.strip()):
            xs.setdefault(page, []).append(line.bbox.x0)
    return {p: statistics.median(v) for p, v in xs.items() if len(v) >= MIN_COMMENT_COLUMN_LINES}


def scan_commentaries(
    glines: list[tuple[int, Line]], ejercicio: int | None, root: str = ""
) -> tuple[list[Commentary], set[int], dict[int, int]]:
    """Commentaries and the lines they own. A commentary opening mid-line sits in the
    wide layout beside its row's cells: it owns only the right part of its first line and
    shares the next few lines with the row, so those lines stay available to the row."""
    starts = []
    for g, (_, line) in enumerate(glines):
        m = META_START.search(line.text)
        if m:
            starts.append((g, m.start(), m.group("kind")))
    owned: set[int] = set()
    cut: dict[int, int] = {}
    out: list[Commentary] = []
    start_lines = {s[0] for s in starts}
    for g, col, kind in starts:
        prefix = glines[g][1].text[:col]
        inline = len(PREFIX_WORD.findall(prefix)) >= 1
        texts = [glines[g][1].text[col:]]
        confs = [glines[g][1].confidence]
        k = g + 1
        limit = g + INLINE_COMMENT_LINES if inline else len(glines)
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
            if not inline and is_item_line(t, root):
                break
            texts.append(without_run(t) if inline else t)
            confs.append(glines[k][1].confidence)
            k += 1
        if not inline:
            owned.update(range(g, k))
        else:
            cut[g] = col
        text = " ".join(x.strip() for x in texts)
        percents, nums, m_pref, zero_n = parse_commentary(text, ejercicio)
        out.append(
            Commentary(
                commentary_kind(kind),
                text,
                glines[g][0],
                g,
                percents,
                nums,
                m_pref,
                zero_n,
                sum(confs) / len(confs),
                inline,
            )
        )
    return out, owned, cut


def cluster(items: list[Anchor], max_gap: int = MAX_ANCHOR_GAP) -> list[list[Anchor]]:
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
        groups[i : i + 2] = [groups[i] + groups[i + 1]]


def group_to_row(grp: list[Anchor], glines: list[tuple[int, Line]], cut: dict[int, int], next_start: int) -> RawRow:
    """A row from its anchors, with the frequency, unit and topic words of its lines."""
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
    span_end = max(last + 1, min(len(glines), next_start, last + ROW_SPAN_LINES))
    for g in range(first, span_end):
        t = glines[g][1].text
        texts.append(t[: cut[g]] if g in cut else t)
        for tok in t.split():
            f = frecuencia_of(tok)
            if f and row.frecuencia is None:
                row.frecuencia = f
        if row.unidad is None:
            for tok in t.split():
                w = trim_punct(tok).lower()
                if w not in ("indicador", "indicadores"):
                    u = unidad_of(w)
                    if u:
                        row.unidad = u
                        break
    row.text = " ".join(texts)
    confs = [glines[g][1].confidence for g in range(first, last + 1)]
    row.conf = sum(confs) / len(confs)
    row.resumen = continue_text(row.resumen, glines, grp, "C")
    row.indicador = continue_text(row.indicador, glines, grp, "S")
    return row


def continue_text(start: str | None, glines: list[tuple[int, Line]], grp: list[Anchor], kind: str) -> str | None:
    """Cell text in the one-cell-per-line stretch continues on the next lines until the
    next cell's anchor; in the wide stretch only the anchor line is trustworthy."""
    if start is None:
        return None
    line = next(it.line for it in grp if it.kind == kind)
    parts = [start]
    wide = len(glines[line][1].text.split()) > WIDE_LINE_WORDS
    if not wide:
        k = line + 1
        while k < len(glines) and k < line + CELL_CONTINUATION_LINES:
            t = glines[k][1].text.strip()
            if not t:
                k += 1
                continue
            if SIGLAS.search(t) or VARIABLE_MARK.search(t) or "UNIDAD" in t or "INDICADOR" in t:
                break
            if any(frecuencia_of(x) for x in t.split()) or block_token(t) or line_anchor(t)[0]:
                break
            parts.append(t)
            k += 1
    text = " ".join(parts)
    text = CELL_TEXT_END.split(text)[0]
    text = WHITESPACE.sub(" ", text).strip(" |;:,")
    return text or None

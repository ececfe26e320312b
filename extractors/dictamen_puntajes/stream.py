"""The score table read from the line stream, when the table reader could not split its columns.

Why: OCR'd text often prints a row's cells joined by single spaces ('Estrada Domínguez Mauricio
Visitador Adjunto 8,333 8,833 8,301 8,323 Medio') or one cell per line with a blank line after
each; no column geometry survives either. The header's words still give the columns' order, and
scores still look like scores, so a row is what lies between one row's scores and the next's.
"""

from __future__ import annotations

import logging
from collections import Counter

import regex

from papeleo.model import Document
from papeleo.text.normalize import fold

from .header import HEADER_WORD, ROLES, SCORE_ROLES, Layout, _word_is
from .rows import CONNECTORS, POSTS, Hints, RawRow, from_words, read_row
from .tokens import is_score, score_words

log = logging.getLogger(__name__)

# words a header line may have: a header label line is short; a prose line naming the factors
# ('la calificación obtenida en cada uno de los factores: Metas individuales, ...') is not
MAX_HEADER_WORDS = 14
# lines the header may run over (two-line labels, a sub-label line, one label per line)
MAX_HEADER_LINES = 24
# a line without scores longer than this is prose after the table, not a wrapped cell
MAX_FRAGMENT_WORDS = 9
# a group label over two goal columns ('Metas' over 'Individuales | Colectivas')
GROUP_WORDS = ("metas", "objetivos", "logro")
# words after a level/final word that show it belongs to a factor's label ('Metas de desempeño individual')
LOOKAHEAD = 2
# a page's furniture line (running header, folio) recurs on this many pages
FURNITURE_PAGES = 2
# 'Página 3 de 12', '- 4 -', '7'
DIGITS = regex.compile(r"\d+")
FOLIO = regex.compile(r"^\W*(?:p[aá]gina\s+)?\d{1,3}(?:\s+de\s+\d{1,3})?\W*$", regex.I)


def _role_of_word(word: str) -> str | None:
    w = fold(word)
    for role, stems in ROLES.items():
        if any(_word_is(w, s) for s in stems):
            return role
    return None


def header_layout(lines: list[str]) -> Layout | None:
    """The columns' roles in printed order from header lines read as words: roles in the order
    first named, a group label's place taken by the sub-labels under it, in their order."""
    seq: list[str] = []
    words = [w for ln in lines for w in HEADER_WORD.findall(ln)]
    for i, word in enumerate(words):
        f = fold(word)
        role = _role_of_word(word)
        ahead = [_role_of_word(w) for w in words[i + 1 : i + 1 + LOOKAHEAD]]
        if f in GROUP_WORDS and not any(r in ("ind", "col") for r in ahead):
            seq.append("group")
            continue
        if role in ("nivel", "final") and any(r in ("ind", "col", "comp") for r in ahead):
            continue
        if role is None or role in seq:
            continue
        if role in ("ind", "col") and "group" in seq:
            seq[seq.index("group")] = role
            continue
        seq.append(role)
    seq = [r for r in seq if r != "group"]
    lay = Layout(tuple((r,) for r in seq))
    return lay if lay.is_score_table else None


def _furniture_key(text: str) -> str:
    """A line as it recurs from page to page: its folio's digits aside ('Página 3 de 12')."""
    return DIGITS.sub("#", fold(text.strip()))


def _furniture(doc: Document) -> set[str]:
    seen: Counter = Counter()
    for page in doc.pages:
        seen.update({_furniture_key(ln.text) for ln in page.lines if ln.text.strip()})
    return {t for t, n in seen.items() if n >= FURNITURE_PAGES}


def _n_scores(text: str) -> int:
    return sum(is_score(w) for w in score_words(text.split()))


def _find_header(lines: list[tuple[int, str]], start: int) -> tuple[int, int, Layout] | None:
    """(first header line, first data line, layout) of the next score table from ``start``."""
    for i in range(start, len(lines)):
        text = lines[i][1]
        if not text.strip() or len(text.split()) > MAX_HEADER_WORDS or _n_scores(text):
            continue
        if not any(_role_of_word(w) == "nombre" for w in HEADER_WORD.findall(text)):
            continue
        j = i
        while j < len(lines) and j - i < MAX_HEADER_LINES and _n_scores(lines[j][1]) < 2:
            if len(lines[j][1].split()) > MAX_HEADER_WORDS:
                break
            j += 1
        if j >= len(lines) or _n_scores(lines[j][1]) < 2 and not is_score(lines[j][1].strip()):
            continue
        lay = header_layout([t for _, t in lines[i:j]])
        if lay is not None:
            return i, j, lay
    return None


def _fragment(text: str, lay: Layout, cargo_words: set[str]) -> RawRow:
    """A wrapped line: its leading name words to the name, the rest to the post (or the reverse
    when the post is printed first)."""
    words = text.split()
    is_post = [fold(w) in cargo_words or fold(w) in CONNECTORS or fold(w) in POSTS for w in words]
    cut = next((k for k, p in enumerate(is_post) if p), len(words))
    first, second = (
        ("nombre", "cargo")
        if "cargo" not in lay.texts or lay.texts.index("cargo") > lay.texts.index("nombre")
        else ("cargo", "nombre")
    )
    if first == "cargo":
        cut = next((k for k in range(len(words), 0, -1) if is_post[k - 1]), 0)
    texts = {first: " ".join(words[:cut]), second: " ".join(words[cut:])}
    if "cargo" not in lay.texts:
        texts = {"nombre": text}
    return RawRow(texts={k: v for k, v in texts.items() if v}, cells=(text,), how="words")


def _cells_rows(units: list[tuple[int, str]], lay: Layout, hints: Hints) -> list[RawRow]:
    """One cell per unit: a row closes after its last score (and a level printed last)."""
    out, buf = [], []
    want = len(lay.scores)
    level_last = lay.tail[-1:] == ("nivel",)
    for page, text in units:
        buf.append((page, text))
        n = sum(1 for _, t in buf if is_score(t.strip()) or _n_scores(t))
        if n >= want and (not level_last or not is_score(text.strip())):
            row = read_row(tuple(t for _, t in buf), lay, hints)
            row.page = buf[0][0]
            out.append(row)
            buf = []
    return out


def read_stream(doc: Document, hints: Hints) -> list[RawRow]:
    """The score rows of every score table found in the document's lines."""
    furniture = _furniture(doc)
    lines = [(p.number, ln.text) for p in doc.pages for ln in p.lines]
    out: list[RawRow] = []
    pos = 0
    while (found := _find_header(lines, pos)) is not None:
        i, j, lay = found
        cells_style = sum(1 for _, t in lines[i:j] if not t.strip()) >= (j - i) // 3 and (j - i) > 4
        rows, units, k, blank = [], [], j, 0
        while k < len(lines):
            page, text = lines[k]
            t = text.strip()
            k += 1
            if not t:
                blank += 1
                if blank > 2 and not cells_style:
                    break
                continue
            blank = 0
            if _furniture_key(t) in furniture or FOLIO.match(t) or header_layout([t]) is not None:
                continue
            if cells_style:
                if len(t.split()) > MAX_FRAGMENT_WORDS and not _n_scores(t):
                    break
                units.append((page, t))
                continue
            if _n_scores(t) >= 2:
                row = from_words((t,), lay, hints)
                row.page = page
                rows.append(row)
            elif len(t.split()) <= MAX_FRAGMENT_WORDS and not t.endswith((".", ":")) and rows:
                rows.append(_fragment(t, lay, set()))
            else:
                break
        if cells_style:
            rows = _cells_rows(units, lay, hints)
        else:
            cargo_words = {fold(w) for r in rows if not r.is_fragment for w in (r.texts.get("cargo") or "").split()}
            rows = [_fragment(" ".join(r.cells), lay, cargo_words) if r.is_fragment else r for r in rows]
        out.extend(rows)
        pos = k
    return [r for r in out if set(r.scores) <= set(SCORE_ROLES) | {"_unassigned"}]

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

from .header import GROUP_WORDS, HEADER_WORD, ROLES, SCORE_ROLES, Layout, _word_is, roles_of_label
from .rows import CONNECTORS, POSTS, Hints, RawRow, from_words, read_row
from .tokens import is_loose_score, is_score, score_words

log = logging.getLogger(__name__)

# words a header line may have: a header label line is short; a prose line naming the factors
# ('la calificación obtenida en cada uno de los factores: Metas individuales, ...') is not
MAX_HEADER_WORDS = 14
# lines the header may run over (two-line labels, a sub-label line, one label per line)
MAX_HEADER_LINES = 24
# labels before the name's that may belong to the header, and the words such a label has
MAX_LABELS_BEFORE = 3
MAX_LABEL_WORDS = 4
# a line without scores longer than this is prose after the table, not a wrapped cell
MAX_FRAGMENT_WORDS = 9
# words after a level/final word that show it belongs to a factor's label ('Metas de desempeño individual')
LOOKAHEAD = 2
# a page's furniture line (running header, folio) recurs on this many pages
FURNITURE_PAGES = 2
# running headers and footers are among a page's first and last lines this many (a table's
# wrapped 'Dorada' recurs on every page too, in the middle)
FURNITURE_ZONE = 5
# letters a recurring line needs to be furniture ('Página # de #' has 9; 'N/A #.## #.##' has 2)
FURNITURE_LETTERS = 6
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
    group: int | None = None  # where the sub-labels of a group label go
    for line in lines:
        words = HEADER_WORD.findall(line)
        for i, word in enumerate(words):
            role = _role_of_word(word)
            ahead = [_role_of_word(w) for w in words[i + 1 : i + 1 + LOOKAHEAD]]
            if fold(word) in GROUP_WORDS and not any(r in ("ind", "col") for r in ahead):
                if group is None:
                    group = len(seq)
                    seq.append("group")
                continue
            if role in ("nivel", "final") and any(r in ("ind", "col", "comp") for r in ahead):
                continue  # 'Metas de desempeño individual'
            if role is None or role in seq:
                continue
            if role in ("ind", "col") and group is not None:
                if seq[group] == "group":
                    seq[group] = role
                else:
                    seq.insert(group + 1, role)
                continue
            seq.append(role)
    seq = [r for r in seq if r != "group"]
    lay = Layout(tuple((r,) for r in seq))
    return lay if lay.is_score_table else None


def furniture_key(text: str) -> str:
    """A line as it recurs from page to page: its folio's digits aside ('Página 3 de 12')."""
    return DIGITS.sub("#", " ".join(fold(text).split()))


def furniture(doc: Document) -> set[str]:
    """The running headers and footers: lines with words that recur on several pages (a row of
    scores recurs too once its digits are aside, so a line needs words to be furniture)."""
    seen: Counter = Counter()
    for page in doc.pages:
        lines = [ln.text for ln in page.lines if ln.text.strip()]
        edge = lines[:FURNITURE_ZONE] + lines[-FURNITURE_ZONE:]
        seen.update({furniture_key(t) for t in edge})
    return {t for t, n in seen.items() if n >= FURNITURE_PAGES and sum(c.isalpha() for c in t) >= FURNITURE_LETTERS}


def _n_scores(text: str) -> int:
    return sum(is_score(w) for w in score_words(text.split()))


def _header_start(lines: list[tuple[int, str]], i: int) -> int:
    """The header's first line: labels printed before the name's ('No.', 'Cargo' when the post
    comes first), one per line, are part of it."""
    k, back = i, 0
    while k > 0 and back < MAX_LABELS_BEFORE:
        text = lines[k - 1][1].strip()
        if not text:
            k, back = k - 1, back
            if k > 0 and not lines[k - 1][1].strip():
                break
            continue
        if len(text.split()) > MAX_LABEL_WORDS or _n_scores(text) or not roles_of_label(text):
            break
        k, back = k - 1, back + 1
    while k < i and not lines[k][1].strip():
        k += 1
    return k


def _find_header(lines: list[tuple[int, str]], start: int) -> tuple[int, int, Layout] | None:
    """(first header line, first data line, layout) of the next score table from ``start``: a
    short line naming a name column, the short lines after it up to the first with a score."""
    for i in range(start, len(lines)):
        text = lines[i][1]
        if not text.strip() or len(text.split()) > MAX_HEADER_WORDS or _n_scores(text):
            continue
        if not any(_role_of_word(w) == "nombre" for w in HEADER_WORD.findall(text)):
            continue
        j = i + 1
        while j < len(lines) and j - i <= MAX_HEADER_LINES and not _n_scores(lines[j][1]):
            if len(lines[j][1].split()) > MAX_HEADER_WORDS:
                break
            j += 1
        if j >= len(lines) or not _n_scores(lines[j][1]):
            continue
        i = _header_start(lines, i)
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
    numbered = "numero" in lay.texts
    for page, text in units:
        buf.append((page, text))
        cells = buf[1:] if numbered and buf[0][1].strip().isdigit() else buf
        n = sum(1 for _, t in cells if _n_scores(t) or is_loose_score(t.strip()))
        if n >= want and (not level_last or not is_score(text.strip())):
            row = read_row(tuple(t for _, t in buf), lay, hints)
            row.page = buf[0][0]
            out.append(row)
            buf = []
    return out


def read_stream(doc: Document, hints: Hints) -> list[RawRow]:
    """The score rows of every score table found in the document's lines."""
    lines_out = furniture(doc)
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
            if furniture_key(t) in lines_out or FOLIO.match(t) and not cells_style or header_layout([t]) is not None:
                continue
            if cells_style:
                if len(t.split()) > MAX_FRAGMENT_WORDS and not _n_scores(t):
                    break
                if units and not lines[k - 2][1].strip() == "" and units[-1][0] == page:
                    units[-1] = (page, f"{units[-1][1]} {t}")  # a wrapped cell: its lines run on
                else:
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

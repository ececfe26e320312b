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

from .header import (
    GROUP_WORDS,
    HEADER_WORD,
    ROLES,
    SCORE_ROLES,
    VOCAB,
    Layout,
    _word_is,
    header_fold,
    layout_of,
    named_factors,
    roles_of_label,
    with_lost_role,
)
from .rows import CONNECTORS, POSTS, Hints, RawRow, from_cells, read_row
from .tokens import is_loose_score, is_score, score_words

log = logging.getLogger(__name__)

# words a header line may have: a header label line is short; a prose line naming the factors
# ('la calificación obtenida en cada uno de los factores: Metas individuales, ...') is not
MAX_HEADER_WORDS = 14
# a line split into at least this many cells (tabs, wide spaces) is a header line whatever its words
MIN_HEADER_CELLS = 4
# lines from the header to the first score: two-line labels, sub-labels, one label per line with a
# blank line after each, and a first row printed one cell per line before its scores
MAX_HEADER_LINES = 40
# words a label continues with on a line of its own (see vocab.json)
LABEL_FILLERS = frozenset(VOCAB["label_fillers"])
# labels before the name's that may belong to the header, and the words such a label has
MAX_LABELS_BEFORE = 3
MAX_LABEL_WORDS = 4
# a line without scores longer than this is prose after the table, not a wrapped cell
MAX_FRAGMENT_WORDS = 9
# words after a level/final word that show it belongs to a factor's label ('Metas de desempeño individual')
LOOKAHEAD = 2
# a label left open at a header line's end: 'Evaluación de' (its role named on the line below)
OPEN_ENDS = frozenset({"de", "del"})
# a header whose first line holds this many labels apart by wide spaces is aligned: the words of
# its later lines stand under the labels they belong to (fewer: one label per line, or prose)
MIN_ALIGNED_LABELS = 3
# a page's furniture line (running header, folio) recurs on this many pages
FURNITURE_PAGES = 2
# running headers and footers are among a page's first and last lines this many (a table's
# wrapped 'Dorada' recurs on every page too, in the middle)
FURNITURE_ZONE = 5
# letters a recurring line needs to be furniture ('Página # de #' has 9; 'N/A #.## #.##' has 2)
FURNITURE_LETTERS = 6
# the rule under a Markdown table's header: '|---|:---:|'
MARKDOWN_RULE = regex.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*\|?$")
# columns of aligned text: two or more spaces ('Ramírez Ávila Jimena   Técnica de ...   9,583')
WIDE_SPACE = regex.compile(r" {2,}")
# 'Página 3 de 12', '- 4 -', '7'
DIGITS = regex.compile(r"\d+")
FOLIO = regex.compile(r"^\W*(?:p[aá]gina\s+)?\d{1,3}(?:\s+de\s+\d{1,3})?\W*$", regex.I)


def _role_of_word(word: str) -> str | None:
    w = header_fold(word)
    for role, stems in ROLES.items():
        if any(_word_is(w, s) for s in stems):
            return role
    return None


def header_layout(lines: list[str]) -> Layout | None:
    """The columns' roles in printed order from header lines. Lines split into cells by tabs are
    joined column by column (the table's own labels); lines of single spaces are read as words:
    roles in the order first named, a group label's place taken by the sub-labels under it, and a
    label left open on the first line ('Evaluación de') taken by the role a later line names
    ('competencias')."""
    rows = [ln for ln in lines if ln.strip() and not MARKDOWN_RULE.match(ln.strip())]
    if rows and all("\t" in ln or ln.strip().startswith("|") for ln in rows):
        cells = [split_cells(ln) for ln in rows]
        width = max(len(c) for c in cells)
        labels = tuple(" ".join(c[i].strip() for c in cells if i < len(c) and c[i].strip()) for i in range(width))
        spread = _spread_groups(cells, width, labels)
        # two labels in one cell ('Cargo/Puesto Entidad'): the cells are shifted, read the words
        if all(roles_of_label(label, strict=True) or not roles_of_label(label) for label in spread):
            lay = layout_of(spread)
            if lay.is_score_table:
                return lay
    seq: list[str] = []
    at: list[int] = []  # each role's character offset on its line (aligned headers only)
    group: int | None = None  # where the sub-labels of a group label go
    aligned = bool(rows) and len(WIDE_SPACE.split(rows[0].strip())) >= MIN_ALIGNED_LABELS
    for n, line in enumerate(rows):
        found = list(HEADER_WORD.finditer(line))
        words = [m.group() for m in found]
        # a later line of an aligned header is placed under the labels by where its words stand
        # ('Ind.  Col.' under a group label OCR damaged past reading, 'O6jetivos')
        placed = aligned and n > 0 and (line[:1] == " " or bool(WIDE_SPACE.search(line.strip())))
        for i, word in enumerate(words):
            role = _role_of_word(word)
            ahead = [_role_of_word(w) for w in words[i + 1 : i + 1 + LOOKAHEAD]]
            if fold(word) in GROUP_WORDS and ahead[:1] not in (["ind"], ["col"]):
                if group is None:
                    group = len(seq)
                    seq.append("group")
                    at.append(found[i].start())
                continue
            if role in ("nivel", "final") and any(r in ("ind", "col", "comp") for r in ahead):
                continue  # 'Metas de desempeño individual'
            if role is None:
                if (
                    n == 0 and fold(word) not in LABEL_FILLERS and fold(words[i + 1]) in OPEN_ENDS
                    if i + 1 < len(words)
                    else False
                ):
                    seq.append("open")  # 'Evaluación de' … continued on the next line
                    at.append(found[i].start())
                continue
            if role in seq:
                continue
            if role in ("ind", "col") and group is not None:
                if seq[group] == "group":
                    seq[group] = role
                else:
                    seq.insert(group + 1, role)
                    at.insert(group + 1, at[group])
                continue
            if n > 0 and "open" in seq:
                seq[seq.index("open")] = role
                continue
            k = len(seq)
            if placed:
                k = next((j for j, x in enumerate(at) if x > found[i].start()), len(seq))
            seq.insert(k, role)
            at.insert(k, found[i].start())
    seq = [r for r in seq if r not in ("group", "open")]
    lay = Layout(tuple((r,) for r in seq))
    return lay if lay.is_score_table else None


def _spread_groups(cells: list[list[str]], width: int, labels: tuple[str, ...]) -> tuple[str, ...]:
    """A group label printed once over two columns ('Metas' | '' over 'Individuales' | 'Colectivas')
    heads both: the empty top cell takes the group label on its left."""
    out = list(labels)
    top = cells[0]
    for i in range(1, width):
        if i < len(top) and not top[i].strip() and top[i - 1].strip() and fold(top[i - 1].split()[0]) in GROUP_WORDS:
            out[i] = f"{top[i - 1].strip()} {out[i]}".strip()
    return tuple(out)


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


def _too_long(text: str) -> bool:
    """Longer than a header line: too many words, unless its labels stand in cells of their own."""
    cells = split_cells(text)
    return len(text.split()) > MAX_HEADER_WORDS and len(cells) < MIN_HEADER_CELLS


def _label_line(text: str) -> bool:
    """A line of only label words ('laborales', 'final desempeño'): still the header."""
    words = HEADER_WORD.findall(text)
    return bool(words) and all(_role_of_word(w) or fold(w) in LABEL_FILLERS for w in words)


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
        if not text.strip() or _too_long(text) or _n_scores(text):
            continue
        if not any(_role_of_word(w) == "nombre" for w in HEADER_WORD.findall(text)):
            continue
        j = i + 1
        while j < len(lines) and j - i <= MAX_HEADER_LINES and not _n_scores(lines[j][1]):
            if _too_long(lines[j][1]):
                break
            j += 1
        if j >= len(lines) or not _n_scores(lines[j][1]):
            continue
        i = _header_start(lines, i)
        # the header ends at its last label line: a first row printed before its scores is data
        end = 1 + max(
            k
            for k in range(i, j)
            if any(_role_of_word(w) or fold(w) in GROUP_WORDS for w in HEADER_WORD.findall(lines[k][1]))
        )
        while end < j and (not lines[end][1].strip() or _label_line(lines[end][1])):
            end += 1
        lay = header_layout([t for _, t in lines[i:end]])
        if lay is not None:
            return i, end, lay
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


def split_cells(text: str) -> list[str]:
    """A text line's cells: by tabs or Markdown pipes (empty cells kept), else by runs of two or
    more spaces."""
    if "\t" in text:
        return [c.strip() for c in text.rstrip("\n").split("\t")]
    if text.strip().startswith("|") and text.strip().endswith("|"):  # '| Salazar ... | 100.00 |'
        return [c.strip() for c in text.strip()[1:-1].split("|")]
    return [c for c in WIDE_SPACE.split(text.strip()) if c]


def _closes(buf: list[tuple[int, str]], lay: Layout) -> bool:
    """A row read one cell at a time is complete: all its scores (and a level printed last)."""
    cells = buf[1:] if "numero" in lay.texts and buf[0][1].strip().isdigit() else buf
    n = sum(1 for _, t in cells if _n_scores(t) or is_loose_score(t.strip()))
    last_is_score = bool(_n_scores(buf[-1][1]))
    return n >= len(lay.scores) and (lay.tail[-1:] != ("nivel",) or not last_is_score)


def _cells_rows(units: list[tuple[int, str]], lay: Layout, hints: Hints, force: bool = False) -> list[RawRow]:
    """One cell per unit: a row closes after its last score (and a level printed last); with
    ``force`` what is left is a row too (it has some scores) or is dropped."""
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
    if force and any(_n_scores(t) for _, t in buf):
        row = read_row(tuple(t for _, t in buf), lay, hints)
        row.page = buf[0][0]
        out.append(row)
    return out


def _with_clean_rows(hints: Hints, lines: list[str], lay: Layout) -> Hints:
    """The hints with the posts and states of the lines whose cells each hold what their
    header says: what a row whose cells OCR split or merged is matched against."""
    cargos, entidades = list(hints.cargos), list(hints.entidades)
    for text in lines:
        row = from_cells(tuple(split_cells(text)), lay) if _n_scores(text) >= 2 else None
        if row is None or not row.scores:
            continue
        cargos += [row.texts["cargo"]] if row.texts.get("cargo") else []
        entidades += [row.texts["entidad"]] if row.texts.get("entidad") else []
    return Hints(cargos=cargos, entidades=entidades, decimals=hints.decimals)


def _next_number(rows: list[RawRow]) -> str | None:
    """The running number the row after ``rows`` would print ('4' after row '3')."""
    last = next((r.texts.get("numero") for r in reversed(rows) if r.texts.get("numero")), None)
    return str(int(last) + 1) if last and last.isdigit() else None


def _fill_lost_label(lay: Layout, first_row: list[str], named: set[str]) -> Layout:
    """A header cell left empty (OCR lost 'Competencias' from '| Logro de metas |  |  |') over a
    column the first row fills with a score takes the score role the header lacks. Only when
    the first row has a cell per column: otherwise no cell says which column is which."""
    if all(lay.roles) or len(first_row) != len(lay.roles):
        return lay
    blank = [i for i, roles in enumerate(lay.roles) if not roles and is_score(first_row[i])]
    return with_lost_role(lay, blank, named)


def read_stream(doc: Document, hints: Hints) -> list[RawRow]:
    """The score rows of every score table found in the document's lines."""
    lines_out = furniture(doc)
    lines = [(p.number, ln.text) for p in doc.pages for ln in p.lines]
    out: list[RawRow] = []
    pos = 0
    named = named_factors(doc.text)
    while (found := _find_header(lines, pos)) is not None:
        i, j, lay = found
        first = next((t for _, t in lines[j:] if _n_scores(t) >= MIN_HEADER_CELLS // 2), "")
        lay = _fill_lost_label(lay, split_cells(first), named)
        hints = _with_clean_rows(hints, [t for _, t in lines[j:]], lay)
        cells_style = sum(1 for _, t in lines[i:j] if not t.strip()) >= (j - i) // 3 and (j - i) > 4
        rows, k, blank = [], j, 0
        buf: list[tuple[int, str]] = []
        while k < len(lines):
            page, text = lines[k]
            t = text.strip()
            k += 1
            if not t:
                blank += 1
                if blank > 2 and not cells_style:
                    break
                continue
            after_blank, blank = blank > 0, 0
            if MARKDOWN_RULE.match(t):
                continue
            # a page number: between rows, where no running number can stand (mid-row it may be a score)
            folio = FOLIO.match(t) and not buf and (not cells_style or "numero" not in lay.texts)
            if folio and "numero" in lay.texts and rows and t == _next_number(rows):
                folio = False  # the running number of the next row, printed on a line of its own
            # a recurring line inside a row read cell by cell on one page is its cell ('Mesa Dorada',
            # the state that also heads every page), not the page's furniture
            mid_row = bool(buf) and buf[-1][0] == page
            if furniture_key(t) in lines_out and not mid_row or folio or header_layout([t]) is not None:
                continue
            cells = split_cells(text)
            n = _n_scores(t)
            if n < 2 and len(" ".join(cells).split()) > MAX_FRAGMENT_WORDS:
                break  # prose after the table
            alone = len([c for c in cells if c.strip()]) == 1 and k < len(lines) and not lines[k][1].strip()
            one_cell = len(cells) == 1
            # fewer scores than a row has: one cell ('7 133' is one score whose point became a space)
            partial = n < max(2, len(lay.scores))
            if partial and one_cell and (buf or cells_style or (alone and (not rows or not rows[-1].is_fragment))):
                # a row printed one cell per line, a blank line after each; a cell's own lines run on
                if buf and not after_blank and cells_style and buf[-1][0] == page:
                    buf[-1] = (page, f"{buf[-1][1]} {t}")
                else:
                    buf.append((page, t))
                if _closes(buf, lay):
                    rows.extend(_cells_rows(buf, lay, hints))
                    buf = []
                continue
            if n >= 2:
                if buf:  # an unfinished row read one cell at a time before a whole row
                    rows.extend(_cells_rows(buf, lay, hints, force=True))
                    buf = []
                row = read_row(tuple(cells), lay, hints)
                row.page = page
                rows.append(row)
            elif rows and not t.endswith((".", ":")):
                frag = from_cells(tuple(cells), lay) if len(cells) > 1 else None
                rows.append(frag if frag is not None and frag.is_fragment else _fragment(t, lay, set()))
            else:
                break
        cargo_words = {fold(w) for r in rows if not r.is_fragment for w in (r.texts.get("cargo") or "").split()}
        rows = [
            _fragment(" ".join(r.cells), lay, cargo_words) if r.is_fragment and r.how == "words" else r for r in rows
        ]
        out.extend(rows)
        pos = k
    return [r for r in out if set(r.scores) <= set(SCORE_ROLES) | {"_unassigned"}]

"""The score table read from the line stream, when the table reader could not split its columns.

Why: OCR'd text often prints a row's cells joined by single spaces ('Estrada Domínguez Mauricio
Visitador Adjunto 8,333 8,833 8,301 8,323 Medio') or one cell per line with a blank line after
each; no column geometry survives either. The header's words still give the columns' order, and
scores still look like scores, so a row is what lies between one row's scores and the next's.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable

import regex

from papeleo.model import Document
from papeleo.text.normalize import fold

from .furniture import furniture, furniture_key
from .header import SCORE_ROLES, Layout, with_lost_role
from .placing import fill_lost_text_label
from .rows import (
    CONNECTORS,
    POSTS,
    Hints,
    RawRow,
    from_cells,
    read_row,
)
from .stream_repairs import (
    repeated_header,
    reread,
    with_detached_column,
    with_lost_labels,
    with_lost_numbering,
    with_settled_goals,
)
from .text_header import (
    MARKDOWN_RULE,
    MIN_HEADER_CELLS,
    find_header,
    header_layout,
    n_scores,
    split_cells,
)
from .tokens import is_loose_score, is_score, score_words

log = logging.getLogger(__name__)

# lines under a tab header whose cells say what an unlabelled text column holds (fill_lost_text_label)
TEXT_LABEL_SAMPLE = 40
# a line without scores longer than this is prose after the table, not a wrapped cell
MAX_FRAGMENT_WORDS = 9
# lines looked ahead of a long line without scores for a score alone on its line
LOOKAHEAD_LINES = 4
# ... and of a line that may start a row printed one cell per line (its name, post and state
# wrapped over up to this many lines before its first score)
MAX_CELL_LINES = 8
# a state's name has at most this many words, and this share of a table's rows repeat it for it
# to be taken as their state column ('Los Cedros'); a post shared by most rows would end in a
# post's word, and posts differ from row to row
MAX_STATE_WORDS = 3
STATE_SHARE = 0.6
# a page number on a line of its own: 'Página 3 de 12', '- 4 -', '7'
FOLIO = regex.compile(r"^\W*(?:p[aá]gina\s+)?\d{1,3}(?:\s+de\s+\d{1,3})?\W*$", regex.I)


# times a level split over two cells must be printed whole or split alike in the document
# (here, and in the bands or another row) to be joined (_continues_level)
MIN_LEVEL_REPEATS = 2


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


def _continues_level(level: str, line: str, spaced: str) -> bool:
    """A word after a blank line that ends the level before it ('Altamente' | 'competente', the
    blank line OCR's): the two as one level are printed elsewhere in the document too (the bands,
    other rows). Once is this place itself; a next row's name beginning there is printed once."""
    words = line.split()
    return len(words) == 1 and spaced.count(" ".join(fold(f"{level} {line}").split())) >= MIN_LEVEL_REPEATS


def _closes(buf: list[tuple[int, str]], lay: Layout) -> bool:
    """A row read one cell at a time is complete: all its scores (and a level printed last)."""
    cells = buf[1:] if "numero" in lay.texts and buf[0][1].strip().isdigit() else buf
    n = sum(1 for _, t in cells if n_scores(t) or is_loose_score(t.strip()))
    last_is_score = bool(n_scores(buf[-1][1]))
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
        n = sum(1 for _, t in cells if n_scores(t) or is_loose_score(t.strip()))
        if n >= want and (not level_last or not is_score(text.strip())):
            row = read_row(tuple(t for _, t in buf), lay, hints)
            row.page = buf[0][0]
            out.append(row)
            buf = []
    if force and any(n_scores(t) for _, t in buf):
        row = read_row(tuple(t for _, t in buf), lay, hints)
        row.page = buf[0][0]
        out.append(row)
    return out


def _with_clean_rows(hints: Hints, lines: list[str], lay: Layout) -> Hints:
    """The hints with the posts and states of the lines whose cells each hold what their
    header says: what a row whose cells OCR split or merged is matched against."""
    cargos, entidades = list(hints.cargos), list(hints.entidades)
    for text in lines:
        row = from_cells(tuple(split_cells(text)), lay) if n_scores(text) >= 2 else None
        if row is None or not row.scores:
            continue
        cargos += [row.texts["cargo"]] if row.texts.get("cargo") else []
        entidades += [row.texts["entidad"]] if row.texts.get("entidad") else []
    if not entidades:
        entidades = _repeated_state(lines, lay)
    return Hints(cargos=cargos, entidades=entidades, decimals=hints.decimals)


def _repeated_state(lines: list[str], lay: Layout) -> list[str]:
    """The state a table of one state's staff repeats on every row ('... Oficial Secretaria Los
    Cedros N/A 8,75 ...'), when its cells ran together: the one to three words most rows' texts
    end with (or open with, when the state's column comes first)."""
    texts = [r for r in lay.texts if r != "numero"]
    if "entidad" not in texts or texts[0] != "entidad" and texts[-1] != "entidad":
        return []
    at_end = texts[-1] == "entidad"
    heads = []
    for text in lines:
        words = score_words(text.split())
        first = next((i for i, w in enumerate(words) if is_score(w)), None)
        if first is not None and n_scores(text) >= 2:
            heads.append(words[:first])
    counts: Counter = Counter()
    for words in heads:
        for n in range(1, MAX_STATE_WORDS + 1):
            if len(words) > n:
                counts[" ".join(words[-n:] if at_end else words[:n])] += 1
    best = [(n, -len(v), v) for v, n in counts.items() if n >= STATE_SHARE * len(heads) and len(heads) >= 2]
    # the longest tail that most rows share: 'Los Cedros' over 'Cedros'
    return [max(best, key=lambda t: (t[0], -t[1]))[2]] if best else []


def _complete_cut_row(row: RawRow, cells: list[str], lay: Layout, hints: Hints) -> RawRow | None:
    """``row`` read again with the cells printed after a page break, when it lacked scores and
    now has every one; None otherwise."""
    if len(row.scores) >= len(lay.scores) and "_unassigned" not in row.scores:
        return None
    joined = reread(row, lay, hints, tuple(cells))
    if len(joined.scores) < len(lay.scores) or "_unassigned" in joined.scores:
        return None
    joined.texts = {**row.texts, **{k: v for k, v in joined.texts.items() if k not in row.texts}}
    return joined


def _cells_row_ahead(lines: list[tuple[int, str]], k: int) -> bool:
    """A row printed one cell per line starts here: scores alone on their lines come before any
    whole row ('IBARRA LUNA IGNACIO' / 'ANDRÉS' / ... / '10,000' / '9,167' amid rows of cells)."""
    ahead = [t.strip() for _, t in lines[k : k + MAX_CELL_LINES] if t.strip()]
    for t in ahead:
        if n_scores(t) >= 2:
            return False
        if len(t.split()) == 1 and is_score(t):
            return True
    return False


def _cells_fragment(cells: list[str], lay: Layout) -> RawRow:
    """A wrapped line of a row whose cells the reader split unlike the header ('| MANUEL PEDRO |
    |  |  |  |  |  | COMPETENTE |'): its text cells in the header's order, a last cell beyond
    them the level's."""
    texts = [r for r in lay.flat if r in ("numero", "nombre", "cargo", "entidad")]
    row = RawRow(cells=tuple(cells), how="cells")
    for role, cell in zip(texts, cells):
        if cell.strip() and role != "numero":
            row.texts[role] = " ".join(cell.split())
    filled = [i for i, c in enumerate(cells) if c.strip()]
    if "nivel" in lay.flat and filled and filled[-1] >= len(texts) and not is_score(cells[filled[-1]].strip()):
        row.nivel = cells[filled[-1]].strip()
    return row


def _cell_ahead(lines: list[tuple[int, str]], k: int) -> bool:
    """A score alone on one of the next lines: the long line before it is a row's text printed
    before its scores one per line ('AGUILAR MONTES DE OCA LEONEL Jefe de Departamento de
    Oficialía Electoral' over '7,778'), not prose after the table."""
    ahead = [t.strip() for _, t in lines[k : k + LOOKAHEAD_LINES] if t.strip()][:2]
    return any(len(t.split()) == 1 and is_score(t) for t in ahead)


def _next_number(rows: list[RawRow]) -> str | None:
    """The running number the row after ``rows`` would print ('4' after row '3')."""
    last = next((r.texts.get("numero") for r in reversed(rows) if r.texts.get("numero")), None)
    return str(int(last) + 1) if last and last.isdigit() else None


def _fill_lost_label(lay: Layout, first_row: list[str], named: tuple[str, ...]) -> Layout:
    """A header cell left empty (OCR lost 'Competencias' from '| Logro de metas |  |  |') over a
    column the first row fills with a score takes the score role the header lacks. Only when
    the first row has a cell per column: otherwise no cell says which column is which."""
    if all(lay.roles) or len(first_row) != len(lay.roles):
        return lay
    blank = [i for i, roles in enumerate(lay.roles) if not roles and is_score(first_row[i])]
    return with_lost_role(lay, blank, named)


def read_stream(
    doc: Document, hints: Hints, named: tuple[str, ...], confirmed: Callable[[list[RawRow]], int] | None = None
) -> list[RawRow]:
    """The score rows of every score table found in the document's lines; ``named``: the score
    roles its prose names (header.named_factors); ``confirmed``: how many of some rows the
    document's arithmetic confirms (names score columns whose labels were lost, stream_repairs.with_lost_labels)."""
    lines_out = furniture(doc)
    lines = [(p.number, ln.text) for p in doc.pages for ln in p.lines]
    spaced = " ".join(fold(doc.text).split())  # for a level's second word (_continues_level)
    out: list[RawRow] = []
    pos = 0
    before: Layout | None = None  # the layout the table above was read under
    while (found := find_header(lines, pos)) is not None:
        i, j, lay = found
        first = next((t for _, t in lines[j:] if n_scores(t) >= MIN_HEADER_CELLS // 2), "")
        lay = _fill_lost_label(lay, split_cells(first), named)
        if not all(lay.roles):  # a tab header's text column whose label OCR lost
            tabbed = [tuple(split_cells(t)) for _, t in lines[j : j + TEXT_LABEL_SAMPLE] if n_scores(t) >= 2]
            lay = fill_lost_text_label([c for c in tabbed if len(c) == len(lay.roles)], lay)
        lay = repeated_header(lay, before, first)
        before = lay
        hints = _with_clean_rows(hints, [t for _, t in lines[j:]], lay)
        cells_style = sum(1 for _, t in lines[i:j] if not t.strip()) >= (j - i) // 3 and (j - i) > 4
        rows, k, blank = [], j, 0
        buf: list[tuple[int, str]] = []
        closed_on: int | None = None  # the page a row read cell by cell just closed on, with its level
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
            n = n_scores(t)
            if n < 2 and len(" ".join(cells).split()) > MAX_FRAGMENT_WORDS and not _cell_ahead(lines, k):
                break  # prose after the table
            alone = len([c for c in cells if c.strip()]) == 1 and k < len(lines) and not lines[k][1].strip()
            one_cell = len(cells) == 1
            # fewer scores than a row has: one cell ('7 133' is one score whose point became a space)
            partial = n < max(2, len(lay.scores))
            starts_row = alone and (not rows or not rows[-1].is_fragment) or not n and _cells_row_ahead(lines, k)
            level = rows[-1].nivel if closed_on == page else None
            if partial and one_cell and level and (not after_blank or _continues_level(level, t, spaced)):
                # the level's next line ('Altamente' over 'competente'): the row closed on its first
                rows[-1].nivel = f"{rows[-1].nivel} {t}"
                rows[-1].cells = (*rows[-1].cells[:-1], f"{rows[-1].cells[-1]} {t}")  # one cell, read again alike
                continue
            closed_on = None
            if partial and one_cell and (buf or cells_style or starts_row):
                # a row printed one cell per line, a blank line after each; a cell's own lines run on
                if buf and not after_blank and cells_style and buf[-1][0] == page:
                    buf[-1] = (page, f"{buf[-1][1]} {t}")
                else:
                    buf.append((page, t))
                if _closes(buf, lay):
                    rows.extend(_cells_rows(buf, lay, hints))
                    buf = []
                    closed_on = page if cells_style and lay.tail[-1:] == ("nivel",) and rows else None
                continue
            if n >= 2:
                if buf:  # an unfinished row read one cell at a time before a whole row
                    rows.extend(_cells_rows(buf, lay, hints, force=True))
                    buf = []
                row = read_row(tuple(cells), lay, hints)
                row.page = page
                rows.append(row)
            elif not rows and not buf and n:
                # scores before a continued table's first row: the end of the row the page broke
                # ('9,89 Sobresaliente' under the repeated header), joined to it when that completes it
                if out and (joined := _complete_cut_row(out[-1], cells, lay, hints)) is not None:
                    out[-1] = joined
                continue
            elif rows and not t.endswith((".", ":")):
                frag = from_cells(tuple(cells), lay) if len(cells) > 1 else None
                if frag is None and len(cells) > 1:
                    frag = _cells_fragment(cells, lay)
                rows.append(frag if frag is not None and frag.is_fragment else _fragment(t, lay, set()))
            else:
                break
        # lines left after the last row without a score: dropped, unless they are a column OCR
        # wrote after the table
        left = [] if any(n_scores(t) for _, t in buf) else [RawRow(cells=(t,), page=p, how="words") for p, t in buf]
        ends = [n for n, r in enumerate(left) if r.cells[0].endswith((".", ":"))]  # a sentence: the prose
        left = left[: ends[0]] if ends else left
        cargo_words = {fold(w) for r in rows if not r.is_fragment for w in (r.texts.get("cargo") or "").split()}
        rows = [
            _fragment(" ".join(r.cells), lay, cargo_words) if r.is_fragment and r.how == "words" else r for r in rows
        ]
        rows, lay = with_lost_numbering(rows, lay, hints)
        if confirmed is not None:
            rows, lay = with_lost_labels(rows, lay, named, hints, confirmed)
            rows = with_settled_goals(rows, lay, hints, confirmed)
        rows = with_detached_column(rows, lay, left)  # last: the repairs above read rows again from their cells
        out.extend(rows)
        pos = k
    return [r for r in out if set(r.scores) <= set(SCORE_ROLES) | {"_unassigned"}]

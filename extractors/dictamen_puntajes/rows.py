"""One printed row of a score table → its name, post, state, score tokens and level.

Why two ways: when the table reader kept the cells apart and each cell holds what its header
says, the cells are taken as they are (text PDFs, most scans). When it did not — single-space
text, a level and a score OCR'd into one cell, a cell split in two — the row is read by what
its words look like: the scores are the score-like words, in the header's order; the level is
the text among or after them; the words before them are the name, the post and the state,
split where a post's first word begins or where a post already read in this table ends.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from papeleo.model import BBox
from papeleo.text.normalize import fold

from .header import ROLES, SCORE_ROLES, VOCAB, Layout
from .tokens import is_loose_score, is_na, is_score, join_split_numbers, score_words

log = logging.getLogger(__name__)

POSTS = frozenset(VOCAB["posts"])
# words a post may continue with that no name has: a wrapped post's second line ('Visitaduría
# General') is told from a wrapped name ('Andrés') by them
CONNECTORS = frozenset({"de", "del", "la", "las", "los", "y", "e", "en", "con", "para", "a", "al"})
# a name has at least this many words before its post may start ('Delgado Vázquez Óscar')
MIN_NAME_WORDS = 2
# characters of a score cell without digits read as a speck (an unreadable dash), not as text
MAX_SPECK = 3
# rows that must open with a running number, and share of rises among those numbers (OCR misreads
# some digits: '8' for '6'), for a numbering column the header lost to be put back; fewer may be
# marks OCR made digits of
LOST_NUMBERING_SHARE = 0.6
LOST_NUMBERING_MIN_ROWS = 3
# rapidfuzz ratio for a post or state already read in this table to be recognised again in a row
# whose cells were merged; lower would cut a post that only shares its first words
KNOWN_FLOOR = 90.0
NUMBERING = frozenset(ROLES["numero"])
# a table most of whose names run on into a post (more than this share of its rows) has a post
# column whose header OCR lost ('Cargo' read as 'elo' on a shaded band, dev dictámenes scan 5):
# its rows are split where their post begins. Lower would split a table of names only where a
# few surnames are post words ('Juez'); higher leaves a lost column merged when some posts are
# not in the vocabulary
LOST_POST_SHARE = 0.5


@dataclass
class RawRow:
    """A row as printed: text fields, score tokens by role, the level, and where it was read."""

    texts: dict[str, str] = field(default_factory=dict)
    scores: dict[str, str] = field(default_factory=dict)
    nivel: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    confidence: float | None = None
    cells: tuple[str, ...] = ()
    how: str = "cells"
    # score roles whose column was placed by the prose's order, not by a label (Layout.guessed),
    # and text roles whose cells OCR wrote after the table (stream_repairs.with_detached_column)
    guessed: frozenset[str] = frozenset()

    @property
    def is_fragment(self) -> bool:
        """No score at all: a wrapped line of the row above (or below) it."""
        return not self.scores

    def absorb(self, other: RawRow, before: bool = False) -> None:
        """Take a wrapped line's text into this row's fields. A line read as all name, under a
        post left open ('Directora de Adquisiciones y' over 'Servicios Generales'), ends the
        post: a post does not stop at 'y' or 'de', and a name's next line would carry on the name
        beside the post's ('del Castillo Coordinados')."""
        post = (self.texts.get("cargo") or "").split()
        open_post = not before and bool(post) and fold(post[-1]) in CONNECTORS
        for k, v in other.texts.items():
            if not v:
                continue
            if k == "nombre" and open_post and set(other.texts) == {"nombre"}:
                k = "cargo"
            mine = self.texts.get(k) or ""
            self.texts[k] = f"{v} {mine}".strip() if before else f"{mine} {v}".strip()
        if other.nivel:
            self.nivel = (
                f"{other.nivel} {self.nivel}".strip()
                if before and self.nivel
                else (f"{self.nivel or ''} {other.nivel}".strip())
            )
        self.bbox = BBox.union([self.bbox, other.bbox])
        self.cells = self.cells + other.cells


@dataclass
class Hints:
    """What the table's cleanly read rows teach about the others: its posts and states."""

    cargos: list[str] = field(default_factory=list)
    entidades: list[str] = field(default_factory=list)
    decimals: int | None = None


def _cell_fits(role: str, text: str) -> bool:
    t = text.strip()
    if role in SCORE_ROLES:  # empty: a wrapped line's score cells, or a value lost (read as absent)
        if sum(is_score(w) for w in score_words(t.split())) > 1:
            return False  # two scores in one cell ('87,50 87,31'): the cells ran together
        # a speck where a dash stood ('LS', '_', '=' read from an 'N/A' dash on a shaded band) is
        # the cell, unreadable, not a reason to read the row by its words
        speck = len(t) <= MAX_SPECK and not any(c.isdigit() for c in t)
        return not t or is_score(t) or is_na(t) or is_loose_score(t) or speck
    if role == "numero":
        return not t or t.isdigit()
    if role == "nivel":
        return not any(is_score(w) for w in t.split())
    words = score_words(t.split())
    # a dash among a post's words is a speck or a hyphen, not a cell of its own saying N/A
    return not t or not any(is_score(w) and not (is_na(w) and len(words) > 1) for w in words)


def _without_dash_specks(text: str) -> str:
    """A score cell holding one number and a lone dash ('- 10,000', '8,889 -'): a cell holds one
    value, so the dash is a speck (a scan's dirt, or a neighbour's N/A dash cut into this cell),
    not a second value; read as the number. The dash's own cell then reads empty, which is null
    as N/A is: no value is made up either way."""
    words = score_words(text.split())
    numbers = [w for w in words if is_score(w) and not is_na(w)]
    dashes = [w for w in words if len(w) == 1 and not w.isalnum()]
    if len(numbers) == 1 and len(numbers) + len(dashes) == len(words) and dashes:
        return numbers[0]
    return text


def from_cells(cells: tuple[str, ...], layout: Layout) -> RawRow | None:
    """The row when every cell holds what its header says; None when it does not."""
    if len(cells) != len(layout.roles):
        return None
    row = RawRow(cells=cells)
    for text, roles in zip(cells, layout.roles):
        text = " ".join(text.split())
        if not roles:
            if text:
                return None
            continue
        if roles == ("numero", "nombre"):  # 'Consecutivo Persona evaluada' over '1 Ramírez Ávila Jimena'
            first, _, rest = text.partition(" ")
            if first.isdigit():
                row.texts["numero"], text = first, rest
            roles = ("nombre",)
        elif len(roles) > 1:  # '— 91,67' or '10,00 Excelente' under one merged label
            words = score_words(text.split())
            nums = [w for w in words if is_score(w)]
            scores = [r for r in roles if r in SCORE_ROLES]
            if nums and len(nums) != len(scores):
                return None
            row.scores.update(zip(scores, nums))
            rest = " ".join(w for w in words if not is_score(w))
            if rest and "nivel" not in roles:
                return None
            row.nivel = rest or row.nivel
            continue
        role = roles[0]
        bare = "".join(c for c in text if c.isalnum())
        if role == "numero" and bare.isdigit():
            text = bare  # '* 2': a speck OCR read beside the number
        if role in SCORE_ROLES:
            text = _without_dash_specks(text)
        if not _cell_fits(role, text):
            return None
        if role in SCORE_ROLES:
            if text:
                row.scores[role] = text
        elif role == "nivel":
            row.nivel = text or None
        else:
            row.texts[role] = text
    return row


def _strip_known(words: list[str], known: list[str], at_end: bool) -> tuple[list[str], str | None]:
    """Cut a known post or state off one end of ``words`` (fuzzily, longest first)."""
    for value in sorted(set(known), key=len, reverse=True):
        n = len(value.split())
        if n > len(words):
            continue
        part = words[-n:] if at_end else words[:n]
        if fuzz.ratio(fold(" ".join(part)), fold(value)) >= KNOWN_FLOOR:
            return (words[:-n] if at_end else words[n:]), " ".join(part)
    return words, None


def _capitals_cut(words: list[str], name_first: bool) -> int | None:
    """Where a name printed in capitals meets a post that is not ('HÉCTOR CERVANTES DELGADO
    Auxiliar Administrativo', 'Jefa del Departamento de Servicios ZOILA CONCEPCIÓN LARA RÍOS'):
    the index the post (name first) or the name (post first) starts at; None when the case does
    not tell them apart. Words without two letters (specks) go with either side."""

    def caps(w: str) -> bool | None:
        letters = [c for c in w if c.isalpha()]
        return None if len(letters) < 2 else all(c.isupper() for c in letters)

    kinds = [caps(w) for w in words]
    for k in range(MIN_NAME_WORDS if name_first else 1, len(words) - (0 if name_first else MIN_NAME_WORDS - 1)):
        head, tail = [c for c in kinds[:k] if c is not None], [c for c in kinds[k:] if c is not None]
        name, post = (head, tail) if name_first else (tail, head)
        if len(name) >= MIN_NAME_WORDS and post and all(name) and not any(post) and kinds[k] is not None:
            return k
    return None


def _name_then_post(words: list[str], hints: Hints) -> tuple[str, str]:
    rest, post = _strip_known(words, hints.cargos, at_end=True)
    if post and len(rest) >= MIN_NAME_WORDS:
        return " ".join(rest), post
    if (k := _capitals_cut(words, name_first=True)) is not None:
        return " ".join(words[:k]), " ".join(words[k:])
    for i in range(MIN_NAME_WORDS, len(words)):
        if fold(words[i]).strip(".,") in POSTS:
            return " ".join(words[:i]), " ".join(words[i:])
    return " ".join(words), ""


def _post_then_name(words: list[str], hints: Hints) -> tuple[str, str]:
    rest, post = _strip_known(words, hints.cargos, at_end=False)
    if post and len(rest) >= MIN_NAME_WORDS:
        return " ".join(rest), post
    if (k := _capitals_cut(words, name_first=False)) is not None:
        return " ".join(words[k:]), " ".join(words[:k])
    # the post runs to the word after its last connector ('... de Orientación y Quejas')
    last = max((i for i, w in enumerate(words[:-MIN_NAME_WORDS]) if fold(w) in CONNECTORS), default=None)
    if last is None:
        return " ".join(words), ""
    return " ".join(words[last + 2 :]), " ".join(words[: last + 2])


def split_known_posts(rows: list[RawRow]) -> None:
    """A row whose post ran into its name ('Efraín Valentín Eleazar Bautista Ríos Oficial
    Judicial': two rows at a page's foot, too few for the gap between the columns to show) while
    other rows of the table read their posts apart: the post those rows print, cut off the name's
    end (or start) when what is left is still a name."""
    posts = [r.texts["cargo"] for r in rows if r.texts.get("cargo")]
    if not posts:
        return
    for r in rows:
        words = (r.texts.get("nombre") or "").split()
        if r.texts.get("cargo") or len(words) <= MIN_NAME_WORDS:
            continue
        for at_end in (True, False):
            rest, post = _strip_known(words, posts, at_end=at_end)
            if post and len(rest) >= MIN_NAME_WORDS:
                r.texts["nombre"], r.texts["cargo"] = " ".join(rest), post
                break


def split_lost_post_column(rows: list[RawRow], hints: Hints) -> bool:
    """Split names and posts of a table whose post column lost its header (LOST_POST_SHARE);
    True when it did. A table with any post read, or without a name column, is left alone."""
    if any(r.texts.get("cargo") for r in rows):
        return False
    found = []
    for r in rows:
        words = (r.texts.get("nombre") or "").split()
        if words and fold(words[0]).strip(".,") in POSTS:
            name, post = _post_then_name(words, hints)
        else:
            name, post = _name_then_post(words, hints)
        if post and name:
            found.append((r, name, post))
    if not rows or len(found) <= LOST_POST_SHARE * len(rows):
        return False
    for r, name, post in found:
        r.texts["nombre"], r.texts["cargo"] = name, post
    log.info("dictamen_puntajes: %d of %d names split from the post column the header lost", len(found), len(rows))
    return True


def split_text(words: list[str], layout: Layout, hints: Hints) -> dict[str, str]:
    """The name, post and state of a row whose text cells ran together."""
    roles = [r for r in layout.texts if r != "numero"]
    out: dict[str, str] = {}
    if "entidad" in roles and hints.entidades:
        at_end = roles[-1] == "entidad"
        if at_end or roles[0] == "entidad":
            words, ent = _strip_known(words, hints.entidades, at_end=at_end)
            if ent:
                out["entidad"] = ent
            roles.remove("entidad")
    pair = [r for r in roles if r in ("nombre", "cargo")]
    if pair == ["nombre", "cargo"]:
        out["nombre"], out["cargo"] = _name_then_post(words, hints)
    elif pair == ["cargo", "nombre"]:
        out["nombre"], out["cargo"] = _post_then_name(words, hints)
    else:
        out["nombre"] = " ".join(words)
    return {k: v for k, v in out.items() if v}


def _text_cells(cells: tuple[str, ...], layout: Layout, taken: dict[str, str], hints: Hints) -> dict[str, str] | None:
    """The name, post and state from the cells before the first score, when there are exactly
    as many of them as the header has text columns (a tab line whose scores ran together)."""
    roles = [r for r in layout.texts if r not in taken]
    texts = []
    if "numero" in taken and cells and cells[0].strip() == taken["numero"]:
        cells = cells[1:]  # the running number is no score
    for c in cells:
        words = score_words(c.split())
        first = next((i for i, w in enumerate(words) if is_score(w)), None)
        if first is not None:
            if first:  # 'Mesa Dorada N/A': a text cell ran into the score after it
                texts.append(" ".join(words[:first]))
            break
        if c.strip():
            texts.append(" ".join(c.split()))
    if len(cells) < 2:
        return None
    if len(texts) == len(roles) + 1:
        texts = _rejoin_split_cell(texts, roles, hints)
    if texts is None or len(texts) != len(roles):
        return None
    return dict(zip(roles, texts))


def _fits_text(role: str, text: str, hints: Hints) -> bool:
    """A text cell that looks like its column: a post opens with a post's word or is one read
    before, a state is one read before, a name has two words and opens with no post's word."""
    words = [fold(w).strip(".,") for w in text.split()]
    if role == "cargo":
        return bool(words) and words[0] in POSTS or _known(text, hints.cargos)
    if role == "entidad":
        return _known(text, hints.entidades)
    if role == "nombre":
        return len(words) >= MIN_NAME_WORDS and words[0] not in POSTS
    return False


def _known(text: str, values: list[str]) -> bool:
    return any(fuzz.ratio(fold(text), fold(v)) >= KNOWN_FLOOR for v in values)


def _rejoin_split_cell(texts: list[str], roles: list[str], hints: Hints) -> list[str] | None:
    """One text cell more than the header has ('Arturo' | 'Galindo Bautista': OCR saw a gutter
    inside a name): the two neighbours whose joining makes every cell look like its column,
    when exactly one such pair does."""
    found = []
    for k in range(len(texts) - 1):
        joined = [*texts[:k], f"{texts[k]} {texts[k + 1]}", *texts[k + 2 :]]
        if all(_fits_text(r, t, hints) for r, t in zip(roles, joined) if r != "numero"):
            found.append(joined)
    return found[0] if len(found) == 1 else None


def from_words(cells: tuple[str, ...], layout: Layout, hints: Hints) -> RawRow:
    """The row read by what its words look like (see the module docstring)."""
    words = score_words(" ".join(cells).split())
    row = RawRow(cells=cells, how="words")
    if "numero" in layout.texts and words and words[0].isdigit() and len(words[0]) <= 3:
        row.texts["numero"] = words.pop(0)
    first = next((i for i, w in enumerate(words) if is_score(w)), len(words))
    head, tail = words[:first], words[first:]
    row.texts.update(_text_cells(cells, layout, row.texts, hints) or split_text(head, layout, hints))
    tail_roles = layout.tail
    want = sum(1 for r in tail_roles if r in SCORE_ROLES)
    nums = [w for w in tail if is_score(w) or is_loose_score(w)]
    text = [w for w in tail if not (is_score(w) or is_loose_score(w))]
    nums = join_split_numbers(nums, want, hints.decimals)
    if len(nums) == want:
        row.scores = dict(zip(layout.scores, nums))
    elif len(nums) == want + 1 and "final" not in layout.scores:
        # the final score's label was lost (OCR): it is the one score printed after the factors
        row.scores = dict(zip((*layout.scores, "final"), nums))
    elif nums:
        row.scores = {"_unassigned": " ".join(nums)}  # the count does not match the header: unreadable
    if text and "nivel" in tail_roles:
        row.nivel = " ".join(text)
    elif text:
        log.debug("words %r among the scores of a table with no level column: left out", text)
    return row


def read_row(cells: tuple[str, ...], layout: Layout, hints: Hints) -> RawRow:
    row = from_cells(cells, layout)
    if row is None or not (row.scores or not any(is_score(w) for c in cells for w in c.split())):
        row = from_words(cells, layout, hints)
    row.guessed = layout.guessed
    return row


def running_number(token: str) -> int | None:
    """The running number a row opens with ('12', '4.'), or None."""
    t = token.strip(".:-")
    return int(t) if t.isdigit() and len(t) <= 3 else None


def is_running_numbering(numbers: list[int], rows: int) -> bool:
    """Numbers that open most of ``rows`` rows and mostly rise: a numbering column."""
    rises = sum(1 for a, b in zip(numbers, numbers[1:]) if a < b)
    return (
        rows >= LOST_NUMBERING_MIN_ROWS
        and len(numbers) >= LOST_NUMBERING_SHARE * rows
        and rises >= LOST_NUMBERING_SHARE * (len(numbers) - 1)
    )

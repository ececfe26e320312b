"""The header of a score table in text lines: where it is, and which column each label names.

Why apart from the rows: the header is found and read the same way whatever follows it (rows
of cells, rows of single spaces, one cell per line) and by the geometry reader for its labels'
words; a header's lines are short label lines, tab- or pipe-separated cells, aligned columns or
single-spaced words, and OCR damages them as much as any line.
"""

from __future__ import annotations

import logging

import regex

from papeleo.text.normalize import fold

from .header import (
    GROUP_WORDS,
    HEADER_WORD,
    MIN_SCORE_COLUMNS,
    ROLES,
    VOCAB,
    Layout,
    _word_is,
    header_fold,
    layout_of,
    roles_of_label,
)
from .tokens import is_score, score_words

log = logging.getLogger(__name__)

# words a header line may have: a header label line is short; a prose line naming the factors
# ('la calificación obtenida en cada uno de los factores: Metas individuales, ...') is not
MAX_HEADER_WORDS = 14
# ... unless this share of its words are labels' words (a prose line naming the factors has
# 'obtenida', 'cada', 'uno', 'factores' among them; a single-spaced header has none)
LONG_HEADER_SHARE = 0.85
# roles a header line names for it to keep a score-like speck ('4' for '#') and stay a header
MIN_SPECK_ROLES = 2
# a line split into at least this many cells (tabs, wide spaces) is a header line whatever its words
MIN_HEADER_CELLS = 4
# lines from the header to the first score: two-line labels, sub-labels, one label per line with a
# blank line after each, and a first row printed one cell per line before its scores
MAX_HEADER_LINES = 40
# words a label continues with on a line of its own (see vocab.json)
LABEL_FILLERS = frozenset(VOCAB["label_fillers"])
# ... and the column's role some of them carry on ('laborales': competencies)
LABEL_CONTINUES: dict[str, str] = VOCAB["label_continues"]
# labels before the name's that may belong to the header, and the words such a label has
MAX_LABELS_BEFORE = 3
MAX_LABEL_WORDS = 4
# words after a level/final word that show it belongs to a factor's label ('Metas de desempeño individual')
LOOKAHEAD = 2
# words a header row may have to be a piece of one label printed a cell per line ('Metas de',
# 'desempeño'); a row of labels side by side has more
MAX_LABEL_PIECE_WORDS = 3
# a label left open at a header line's end: 'Evaluación de' (its role named on the line below)
OPEN_ENDS = frozenset({"de", "del"})
# a header whose first line holds this many labels apart by wide spaces is aligned: the words of
# its later lines stand under the labels they belong to (fewer: one label per line, or prose)
MIN_ALIGNED_LABELS = 3
# the rule under a Markdown table's header: '|---|:---:|'
MARKDOWN_RULE = regex.compile(r"^\|?[\s:|-]*-{3,}[\s:|-]*\|?$")
# a sentence's end inside or at the end of a line ('... individuales. El dictamen ...', '...
# el nivel de desempeño alcanzado.'), or a list of clauses ('(Metas ..., Metas ...), el periodo
# evaluado, la calificación final'): prose, which a header line never is however many label
# words it holds. A label's own abbreviations ('Ind.', 'No.') are one capital or short
SENTENCE = regex.compile(r"\p{Ll}{3,}\.(?:\s+\p{Lu}|\s*$)|,\s.*,\s")
# columns of aligned text: two or more spaces ('Ramírez Ávila Jimena   Técnica de ...   9,583')
WIDE_SPACE = regex.compile(r" {2,}")


def role_of_word(word: str) -> str | None:
    w = header_fold(word)
    for role, stems in ROLES.items():
        if any(_word_is(w, s) for s in stems):
            return role
    return None


def header_layout(lines: list[str], min_scores: int = MIN_SCORE_COLUMNS) -> Layout | None:
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
            if _enough(lay, min_scores):
                return lay
    follow = _label_continuations(lines)
    seq: list[str] = []
    at: list[int] = []  # each role's character offset on its line (aligned headers only)
    group: int | None = None  # where the sub-labels of a group label go
    sub_at: dict[str, int] = {}  # the goal sub-labels' offsets on the aligned lines under the groups
    aligned = bool(rows) and len(WIDE_SPACE.split(rows[0].strip())) >= MIN_ALIGNED_LABELS
    pending: list[str] = []  # a later line's new labels, waiting for a label it carries on
    # a header of two single-spaced lines: the second's words stand under the first's, in order
    two_line = len(rows) == 2 and not aligned
    for n, line in enumerate(rows):
        found = list(HEADER_WORD.finditer(line))
        words = [m.group() for m in found]
        # a later line of an aligned header is placed under the labels by where its words stand
        # ('Ind.  Col.' under a group label OCR damaged past reading, 'O6jetivos')
        placed = aligned and n > 0 and (line[:1] == " " or bool(WIDE_SPACE.search(line.strip())))
        for i, word in enumerate(words):
            role = role_of_word(word)
            ahead = [role_of_word(w) for w in [*words[i + 1 :], *follow.get(n, [])][:LOOKAHEAD]]
            if fold(word) in GROUP_WORDS and ahead[:1] not in (["ind"], ["col"]):
                if group is None:
                    group = len(seq)
                    seq.append("group")
                    at.append(found[i].start())
                continue
            if role in ("nivel", "final") and any(r in ("ind", "col", "comp") for r in ahead):
                continue  # 'Metas de desempeño individual'
            if role is None and pending and LABEL_CONTINUES.get(fold(word)) in seq:
                role = LABEL_CONTINUES[fold(word)]  # an anchor only: it carries on a label above
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
                if pending:
                    # 'Individual Colectiva laborales': the new labels stand left of the label
                    # 'laborales' carries on ('competencias' on the line above)
                    k = seq.index(role)
                    seq[k:k] = pending
                    at[k:k] = [at[k]] * len(pending)
                    pending = []
                continue
            if role in ("ind", "col") and group is not None:
                if placed:
                    sub_at[role] = found[i].start()
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
            elif n > 0 and two_line:
                pending.append(role)  # placed before the first label this line carries on, if any
                continue
            seq.insert(k, role)
            at.insert(k, found[i].start())
        seq += pending
        at += [at[-1] if at else 0] * len(pending)
        pending = []
    seq = [r for r in seq if r not in ("group", "open")]
    if len(sub_at) == 2 and (seq.index("ind") < seq.index("col")) != (sub_at["ind"] < sub_at["col"]):
        # 'Metas de' over 'productividad' over 'individual', 'Objetivos' over 'colectivos': the
        # sub-labels came line by line, collective first; where they stand says which goes where
        a, b = seq.index("ind"), seq.index("col")
        seq[a], seq[b] = seq[b], seq[a]
    lay = Layout(tuple((r,) for r in seq))
    return lay if _enough(lay, min_scores) else None


def _label_continuations(lines: list[str]) -> dict[int, list[str]]:
    """For each header row (blank and rule lines left out, as header_layout counts them) that is a
    piece of one label ('Metas de' over 'desempeño' over 'individual', a cell per line), the words
    of the row right under it, no blank line between: the label goes on there, and 'desempeño'
    is the goal's, not the level's. A row of several labels side by side ('Nivel de' at the end of
    'Nombre Cargo Metas ... Nivel de') is none: the row under it holds other columns' words. Only
    a header with blank lines between its labels is printed a cell per line."""
    kept = [ln for ln in lines if ln.strip() and not MARKDOWN_RULE.match(ln.strip())]
    out: dict[int, list[str]] = {}
    if len(kept) == len(lines):
        # no blank line between labels: the lines are no labels printed a cell each but a header
        # OCR wrote word by word ('Competencias' over 'Promedio' over 'colectivas' over ...), whose
        # next line may be any column's
        return out
    n = -1
    for k, line in enumerate(lines):
        if not line.strip() or MARKDOWN_RULE.match(line.strip()):
            continue
        n += 1
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if n + 1 < len(kept) and nxt.strip() and len(line.split()) <= MAX_LABEL_PIECE_WORDS and "\t" not in line:
            out[n] = [m.group() for m in HEADER_WORD.finditer(nxt)]
    return out


def _enough(lay: Layout, min_scores: int) -> bool:
    """A name column and ``min_scores`` score columns: a score table's header (the geometry
    reader takes one with fewer, its other labels lost, and finds the rest in the body)."""
    return "nombre" in lay.flat and len(lay.scores) >= min_scores


def _spread_groups(cells: list[list[str]], width: int, labels: tuple[str, ...]) -> tuple[str, ...]:
    """A group label printed once over two columns ('Metas' | '' over 'Individuales' | 'Colectivas')
    heads both: the empty top cell takes the group label on its left."""
    out = list(labels)
    top = cells[0]
    for i in range(1, width):
        if i < len(top) and not top[i].strip() and top[i - 1].strip() and fold(top[i - 1].split()[0]) in GROUP_WORDS:
            out[i] = f"{top[i - 1].strip()} {out[i]}".strip()
    return tuple(out)


def n_scores(text: str) -> int:
    return sum(is_score(w) for w in score_words(text.split()))


def split_cells(text: str) -> list[str]:
    """A text line's cells: by tabs or Markdown pipes (empty cells kept), else by runs of two or
    more spaces."""
    if "\t" in text:
        return [c.strip() for c in text.rstrip("\n").split("\t")]
    if text.strip().startswith("|") and text.strip().endswith("|"):  # '| Salazar ... | 100.00 |'
        return [c.strip() for c in text.strip()[1:-1].split("|")]
    return [c for c in WIDE_SPACE.split(text.strip()) if c]


def _too_long(text: str) -> bool:
    """Longer than a header line: too many words, unless its labels stand in cells of their own
    or nearly every word is a label's ('Nombre de la persona evaluada Plaza Entidad Metas de
    productividad individual Metas Colectivas Competencias Nivel Promedio ponderado')."""
    cells = split_cells(text)
    if len(text.split()) <= MAX_HEADER_WORDS or len(cells) >= MIN_HEADER_CELLS:
        return False
    if SENTENCE.search(text):  # a considerando naming every factor and the level is prose
        return True
    words = HEADER_WORD.findall(text)
    labels = sum(1 for w in words if role_of_word(w) or fold(w) in LABEL_FILLERS or fold(w) in GROUP_WORDS)
    return labels < LONG_HEADER_SHARE * len(words)


def _label_line(text: str) -> bool:
    """A line of only label words ('laborales', 'final desempeño'): still the header."""
    words = HEADER_WORD.findall(text)
    return bool(words) and all(role_of_word(w) or fold(w) in LABEL_FILLERS for w in words)


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
        if len(text.split()) > MAX_LABEL_WORDS or n_scores(text) or not roles_of_label(text):
            break
        k, back = k - 1, back + 1
    while k < i and not lines[k][1].strip():
        k += 1
    return k


def _speck_allowance(text: str) -> int:
    """Score-like tokens a header line may hold: one ('4 Miembro del Servicio Cargo/Puesto', the
    '#' OCR read as a digit) when it names columns enough that no row could read so."""
    roles = {role_of_word(w) for w in HEADER_WORD.findall(text)} - {None}
    return 1 if len(roles) >= MIN_SPECK_ROLES else 0


def find_header(lines: list[tuple[int, str]], start: int) -> tuple[int, int, Layout] | None:
    """(first header line, first data line, layout) of the next score table from ``start``: a
    short line naming a name column, the short lines after it up to the first with a score."""
    for i in range(start, len(lines)):
        text = lines[i][1]
        if not text.strip() or _too_long(text) or n_scores(text) > _speck_allowance(text):
            continue
        if not any(role_of_word(w) == "nombre" for w in HEADER_WORD.findall(text)):
            continue
        j = i + 1
        while j < len(lines) and j - i <= MAX_HEADER_LINES and not n_scores(lines[j][1]):
            if _too_long(lines[j][1]):
                break
            j += 1
        if j >= len(lines) or not n_scores(lines[j][1]):
            continue
        i = _header_start(lines, i)
        # the header ends at its last label line: a first row printed before its scores is data
        end = 1 + max(
            k
            for k in range(i, j)
            if any(role_of_word(w) or fold(w) in GROUP_WORDS for w in HEADER_WORD.findall(lines[k][1]))
        )
        while end < j and (not lines[end][1].strip() or _label_line(lines[end][1])):
            end += 1
        lay = header_layout([t for _, t in lines[i:end]])
        if lay is not None:
            return i, end, lay
    return None

"""A table body's lines -> the rows they make: which lines print a row's numbers (its
anchor), where the body ends, and which anchor each other line belongs to.

Split from ``geometry.py``, which reads the head, sets the columns' borders and turns each row's
words into cells; here only lines and the columns' borders are looked at.
"""

from __future__ import annotations

import regex

from papeleo.model import Word
from papeleo.tables.words import words_to_text

from .commentary import NOTE
from .fields import split_code
from .head_find import line_gap
from .head_layout import Column
from .row_tokens import NUMBERISH

# a line is a row's anchor when it prints numbers in at least this many numeric columns (a page
# footer's '1 / 3' prints two in one)
MIN_ANCHOR_NUMBERS = 2
# a digit: a word with one is a number's reading ('4', '0o', '1ZaS)')
DIGIT = regex.compile(r"\d")

# ... and more than this share of the words under numeric columns are numbers: a note under the
# table ('… con fundamento en el artículo 79 de la Ley General …') or a footer ('Página 2 de 2')
# runs across the numeric columns with a number or two among its words (higher would drop a row
# whose cells carry words the number pattern does not take, such as 'Sin dato')
MIN_ANCHOR_NUMBER_SHARE = 0.5

# ... or, short of that share, at least this many numbers in as many columns where every other
# word under the numeric columns is a speck of fewer than MIN_WORD_LETTERS letters: cells a heavy
# scan read as marks ('124.10 241.69 ar a” TO 170.72', generated scan 7050), whose row then lost
# its anchor and went into the next row. A note or a footer prints words ('Página 2 de 2')
MIN_SPECKED_ANCHOR_NUMBERS = 3

# ... and, when every number it prints is one digit, at least this many of them: a ruling OCR read
# as glyphs ('¡ + ¡ | y " y ¡ 4 0 . 7', dev MIR scan 544) leaves a digit or two under the numeric
# columns, and taken as a row it took the next row's code and text. An annual row of one-digit
# values prints its meta, programado and alcanzado (three)
MIN_ONE_DIGIT_ANCHOR_NUMBERS = 3
# ... unless the line also prints a word of this many letters (_has_a_word): an annual row at an
# early quarter prints its meta and fourth programado only ('Fin … Anual 2 2', dev MIR scan 541)
MIN_WORD_LETTERS = 3

# the body ends at a vertical gap this many word heights wide after the last anchor (notes,
# signatures and footers are set apart further than a table's rows)
TABLE_END_GAP = 3.5

# a word reaching this many points past a border on both sides crosses it (glyph boxes touch a
# rule or a gutter's edge by a point or so)
STRADDLE_PT = 2.0


def column_of(word: Word, cols: list[Column]) -> int | None:
    xc = (word.bbox.x0 + word.bbox.x1) / 2
    for i, c in enumerate(cols):
        if c.left <= xc < c.right:
            return i
    return None


def anchor_lines(lines: list[list[Word]], cols: list[Column], numeric: set[int]) -> list[int]:
    out = []
    for j, line in enumerate(lines):
        if is_note(line):
            continue  # commentary printed under the table names numbers across its columns
        in_numeric = [(i, w.text) for w in line if (i := column_of(w, cols)) in numeric]
        under = [(i, NUMBERISH.match(t) is not None) for i, t in in_numeric]
        numbers = sum(1 for _, is_number in under if is_number)
        filled = len({i for i, is_number in under if is_number})
        digits = [t for _, t in in_numeric if DIGIT.search(t)]
        if all(len(t) == 1 for t in digits) and len(digits) < MIN_ONE_DIGIT_ANCHOR_NUMBERS and not _has_a_word(line):
            continue
        if filled >= MIN_ANCHOR_NUMBERS and numbers > MIN_ANCHOR_NUMBER_SHARE * len(under):
            out.append(j)
        elif filled >= MIN_SPECKED_ANCHOR_NUMBERS and not any(
            sum(ch.isalpha() for ch in t) >= MIN_WORD_LETTERS for _, t in in_numeric if not NUMBERISH.match(t)
        ):
            out.append(j)
    return out


def _has_a_word(line: list[Word]) -> bool:
    """Whether a line prints a word of MIN_WORD_LETTERS letters: a row's level, frequency or
    text beside its numbers ('Fin … Anual 2 2'), never a ruling's glyphs ('¡ + ¡ | y')."""
    return any(sum(ch.isalpha() for ch in w.text) >= MIN_WORD_LETTERS for w in line)


def table_end(lines: list[list[Word]], last: int, h: float) -> int:
    """The body ends at the first wide gap after the last anchor."""
    end = last + 1
    while end < len(lines) and line_gap(lines[end - 1], lines[end]) < TABLE_END_GAP * h:
        end += 1
    return end


def code_lines_start_the_next_row(
    lines: list[list[Word]], anchors: list[int], owner: list[int | None], cols: list[Column]
) -> None:
    """A row prints one code. A line under a row's numbers that starts with a second code
    ('5.6.1.2.5 Actualización de' under '5.6.1.2.4 Limpieza de …') begins the next row when that
    row has no code of its own: its text is centred on its own numbers further down, so its first
    line can lie nearer the row above. That line and the row's lines after it go to the next row
    (dev scan 29: two resúmenes ran on into the next row's, which lost its code). When the next
    row has a code, the second one belongs to a row whose numbers were not found, and stays."""
    named = {i for i, c in enumerate(cols) if any(k[0] in ("clave", "resumen") for k in c.kinds)}
    coded = {j for j in range(len(lines)) if _starts_with_code(lines[j], cols, named)}
    for k, a in enumerate(anchors[:-1]):
        own = [j for j in range(len(lines)) if owner[j] == a]
        nxt = anchors[k + 1]
        if any(owner[j] == nxt for j in coded):
            continue
        later = [j for j in own if j in coded and j > a and any(i in coded for i in own if i < j)]
        if later:
            for j in own:
                if j >= later[0]:
                    owner[j] = nxt


def _starts_with_code(line: list[Word], cols: list[Column], named: set[int]) -> bool:
    words = [w for w in line if column_of(w, cols) in named]
    code = split_code(words_to_text(words))[0] if words else None
    return code is not None and "." in code


def drop_trailing_strays(lines: list[list[Word]], anchors: list[int], owner: list[int | None], h: float) -> None:
    """Lines under the last row reach no further below its numbers than the other rows' text
    reaches below theirs; what lies further (a caption over the next table, a note) is not
    part of the row."""
    if len(anchors) < 2:
        return
    mids = {
        j: (min(w.bbox.top for w in lines[j]) + max(w.bbox.bottom for w in lines[j])) / 2 for j in range(len(lines))
    }
    reach = 0.0
    for a in anchors[:-1]:
        below = [max(w.bbox.bottom for w in lines[j]) - mids[a] for j in range(len(lines)) if owner[j] == a and j > a]
        reach = max([reach, *below])
    last = anchors[-1]
    for j in range(last + 1, len(lines)):
        if owner[j] == last and max(w.bbox.bottom for w in lines[j]) - mids[last] > reach + h:
            owner[j] = None


def is_note(line: list[Word]) -> bool:
    """'6.1 Meta Trimestral: Se obtuvo …' — the commentary printed under a table ends it."""
    return NOTE.match(" ".join(w.text for w in line)) is not None


def crosses_border(line: list[Word], cols: list[Column]) -> bool:
    """Whether a word of the line runs across a border. A number does not count: two cells'
    numbers OCR read as one ('4212831537493' for '421283' and '1537493') run across the gutter
    between them, and the row is still a row (validation scan 1003: its Componente lost)."""
    cuts = [c.left for c in cols[1:] if c.left_sure]
    return any(
        w.bbox.x0 < x - STRADDLE_PT and w.bbox.x1 > x + STRADDLE_PT and not NUMBERISH.match(w.text)
        for w in line
        for x in cuts
    )


def lines_to_anchors(lines: list[list[Word]], anchors: list[int], hrules: list[float]) -> list[int | None]:
    """Each line's anchor: the nearer one, unless a rule lies between them."""
    tops = [min(w.bbox.top for w in ln) for ln in lines]
    bottoms = [max(w.bbox.bottom for w in ln) for ln in lines]
    owner = []
    for j in range(len(lines)):
        best = min(
            anchors,
            key=lambda a: (
                _ruled_between(a, j, tops, bottoms, hrules),
                abs(_mid(a, tops, bottoms) - _mid(j, tops, bottoms)),
            ),
        )
        owner.append(best)
    return owner


def _mid(j: int, tops: list[float], bottoms: list[float]) -> float:
    return (tops[j] + bottoms[j]) / 2


def _ruled_between(a: int, j: int, tops, bottoms, hrules: list[float]) -> int:
    lo, hi = sorted((_mid(a, tops, bottoms), _mid(j, tops, bottoms)))
    return sum(1 for y in hrules if lo < y < hi)

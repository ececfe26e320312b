"""A row's text -> its tokens, the runs of numbers among them, and the head's columns they are
read against.

Split from ``lines.py``, which reads rows of OCR'd text against their head; the head finder
(``line_head.py``) and the cell readers use the same notion of a numeric token.
"""

from __future__ import annotations

import regex

from .record import QUARTERS_OF
from .table import live_columns

# a numeric token: '1,216,904.50', '133%', '6b,293' (a look-alike letter), '-', 'N/A'; led by a
# look-alike that is also a word or a sign ('€72' or 'b72' for 672, 's,475' for 5,475, 'a,783' for
# 3,783) only with a digit in it, so that the word 'a' between two cells is no number; an 's'
# after a digit is a 5 ('33s' for 335, report block 423: the row's run of numbers cut there)
NUMBERISH = regex.compile(
    r"^(?:[-+]?[\dOolIZSB|(\]][\d,.OolIZSBabs|€(\]]*%?|[sab€](?=[^\d]*\d)[\d,.OolIZSBabs|€(\]]+%?|-|—|–|N/A|n/a|N/D|ND)$"
)
# where the cells of a row laid out in columns part: a tab, or a run of two spaces or more
CELL_GAP = regex.compile(r"\t| {2,}")
# one number whose thousands mark OCR read as a space: '6 519.96', '3 645', '1 206 528'
SPACED_NUMBER = regex.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d{1,2})?%?")


def numeric_runs(tokens: list[str]) -> list[tuple[int, int]]:
    """Every run of consecutive numeric tokens, (start, end), left to right."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if NUMBERISH.match(tokens[i]):
            j = i
            while j < len(tokens) and NUMBERISH.match(tokens[j]):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def numeric_run(tokens: list[str]) -> tuple[int, int]:
    """The longest run of numeric tokens (start, end); ties: the last (numbers follow text)."""
    best = (0, 0)
    for i, j in numeric_runs(tokens):
        if j - i >= best[1] - best[0]:
            best = (i, j)
    return best


def tokens_with_spaced_numbers_joined(text: str) -> list[str] | None:
    """The row's tokens, each cell of a text laid out in columns (tabs, runs of spaces) that
    prints one number with a space for its thousands mark read as one token ('4,147    3 645
    3,472' -> '4,147', '3645', '3,472'); None when the text has no such cell. Two cells run
    together print alike ('12 133'), so the caller takes this reading only where the count of
    the row's numbers then fits its head and the plain split does not."""
    if not CELL_GAP.search(text):
        return None
    out: list[str] = []
    joined = False
    for cell in CELL_GAP.split(text):
        cell = cell.strip()
        if SPACED_NUMBER.fullmatch(cell):
            out.append(cell.replace(" ", ""))
            joined = True
        else:
            out += cell.split()
    return out if joined else None


def measured_columns(tokens: list[str], seq, T, frecuencia: str | None):
    """The head's columns, those of the quarters a semestral or annual row does not measure left
    out where the row prints as many numbers as the rest and fits the head no other way: its
    blank cells in those quarters left no trace in the text ('Anual 3764 3764 2966': the meta,
    the fourth quarter's programado and alcanzado; dev MIR OCR'd text 328)."""
    measured = QUARTERS_OF.get(frecuencia or "")
    if not measured:
        return seq
    live = live_columns(seq, T)
    if len(tokens) in (len(seq), len(live)):
        return seq
    for columns in (seq, live):
        kept = [k for k in columns if k[0] not in ("prog", "alc") or not k[1] or k[1] in measured]
        if len(tokens) == len(kept):
            return kept
    return seq


def row_tokens(text: str, seq, T) -> list[str]:
    """The row's tokens; a number whose thousands mark OCR read as a space ('3 645' among cells
    set apart by wider gaps) is one token where the row's count of numbers then fits the head
    and does not otherwise (``tokens_with_spaced_numbers_joined``)."""
    tokens = text.split()
    joined = tokens_with_spaced_numbers_joined(text)
    if joined is None:
        return tokens
    fits = {len(seq), len(live_columns(seq, T))}
    start, stop = numeric_run(tokens)
    j_start, j_stop = numeric_run(joined)
    return joined if j_stop - j_start in fits and stop - start not in fits else tokens

"""A summary table an OCR export wrote one cell per paragraph, read back into its rows.

Some exports write a table cell by cell: each header label on a paragraph of its own ('ASPECTO A
EVALUAR' / 'OBSERVACIONES' / 'RECOMENDACIONES' / 'ESTATUS'), then each row's cells in the same
order, a cell's wrapped lines together and a blank line between cells. The table reader finds
no columns there. Knowing the header's order, the paragraphs after it are the cells, so many to
a row; each row must prove itself (its aspect numbered in sequence, its status a few words), and
reading stops at the first that does not — what follows is the report's text again.
"""

from __future__ import annotations

from papeleo.tables import Cell, Row, Table

from .blocks import join_text
from .lines import Ln
from .summary import ROW_NUMBER, Summary, roles_named, tokens_of

# a status cell is a few words ('No satisfactorio', 'En proceso'); more is no status
STATUS_WORDS = 4


def _paragraphs(lines: list[Ln], start: int) -> list[tuple[int, int]]:
    """(first, end) of each plain-text paragraph from ``start``: a blank line (``gap``) opens one."""
    out: list[tuple[int, int]] = []
    for i in range(start, len(lines)):
        if lines[i].bbox is not None:
            break
        # a cell's wrapped line after a stray blank goes on in lower case: still the same cell
        if not out or (lines[i].gap and not lines[i].text[:1].islower()):
            out.append((i, i + 1))
        else:
            out[-1] = (out[-1][0], i + 1)
    return out


def paragraph_table(lines: list[Ln], k: int) -> tuple[Summary, int] | None:
    """The summary table whose header starts at line ``k`` with one label per paragraph, and how
    many lines it takes; None when it is no such table."""
    labels: list[str] = []
    roles: dict[str, int] = {}
    i = k
    while i < len(lines) and lines[i].bbox is None and len(named := roles_named(lines[i].text)) == 1:
        role = next(iter(named))
        if role in roles:
            break
        roles[role] = len(labels)
        labels.append(lines[i].text.strip())
        i += 1
    if len(labels) < 3 or "observacion" not in roles:
        return None
    paras = _paragraphs(lines, i)
    rows: list[Row] = []
    end = i
    first = None  # a table continued under a repeated header goes on with its numbers ('4.')
    for r in range(len(paras) // len(labels)):
        cells = paras[r * len(labels) : (r + 1) * len(labels)]
        texts = [join_text([ln.text for ln in lines[a:b]], set()) for a, b in cells]
        number = ROW_NUMBER.match(texts[roles["aspecto"]]) if "aspecto" in roles else None
        if "aspecto" in roles:
            if number is None or (first is not None and int(number["n"]) != first + r):
                break
            first = int(number["n"]) if first is None else first
        if "estatus" in roles and len(texts[roles["estatus"]].split()) > STATUS_WORDS:
            break
        rows.append(Row(tuple(Cell(t) for t in texts), page=lines[cells[0][0]].page))
        end = cells[-1][1]
    if not rows:
        return None
    table = Table(tuple(labels), tuple(rows), source="paragraphs")
    words: set[str] = set()
    for ln in lines[k:end]:
        words |= tokens_of(ln.text)
    heads = tuple(frozenset(tokens_of(label)) for label in labels)
    return Summary(table, roles, frozenset(words), heads), end - k

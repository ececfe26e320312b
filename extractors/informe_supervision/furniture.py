"""Page furniture: running headers and footers, told from the body by recurring at a page's edge.

A line among the first or last FURNITURE_LINES of a page is a running line when its text,
digits aside ('Página 3 de 9'), recurs at the same edge and height on enough of the pages that
print anything. A scan prints the same running line with specks ('E E i ÓRGANO SUPERIOR ...'),
so spellings that hold one another are one line; a heading that happens to open two pages
('Resultado 4 sin observación', 'Resultado 9 ...') stands at other heights or on too few pages.
"""

from __future__ import annotations

import math
import re

from rapidfuzz import fuzz

from papeleo.model import Document, Page
from papeleo.text.normalize import fold

# Running headers and footers: a line among the first/last FURNITURE_LINES of a page whose text
# (digits aside) recurs on at least FURNITURE_MIN_PAGES pages. Lower would take a repeated
# sentence for furniture; one page cannot tell furniture from body.
FURNITURE_LINES = 3
FURNITURE_MIN_PAGES = 2
# ... and on at least this share of the pages that print anything: a running line is on (nearly)
# every page, while two procedures may open two pages of six ('Procedimiento 1.2.1', '1.3.1': one
# key without digits). Higher would miss a header printed on odd pages only.
FURNITURE_SHARE = 0.5
# A scan prints a running line with specks ('E E i ÓRGANO SUPERIOR ...', 'MES Dirección de ...'):
# keys (FURNITURE_FUZZY_CHARS or longer) one of which holds the other (rapidfuzz partial ratio,
# 0-100) with at most FURNITURE_SPECK_CHARS more characters are one line. Lower ratio or more
# characters would take 'Resultado con observación' for 'Resultado sin observación'.
FURNITURE_FUZZ = 95
FURNITURE_FUZZY_CHARS = 12
FURNITURE_SPECK_CHARS = 6
# A running line stands at one height on every page: within this many points (a scan shifts
# pages by a few); in plain text, at the same line from the edge.
FURNITURE_Y_TOL = 30.0


def furniture_key(text: str) -> str:
    """A line's identity as furniture: folded, digits and spaces out ('Página 3 de 9')."""
    return re.sub(r"[\d\s|.,:;\-–—]+", "", fold(text))


def same_key(a: str, b: str) -> bool:
    """Two furniture keys name one running line, OCR specks aside: one holds the other, a
    few characters longer ('mesdirecciondeauditoria...' and 'direcciondeauditoria...')."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return (
        len(short) >= FURNITURE_FUZZY_CHARS
        and len(long_) - len(short) <= FURNITURE_SPECK_CHARS
        and fuzz.partial_ratio(short, long_) >= FURNITURE_FUZZ
    )


def edge_lines(page: Page) -> list[tuple[str, str, float]]:
    """(key, edge, position) of the lines at the page's top and bottom edges; the position is
    the line's top in points, or its index from the edge in plain text."""
    lines = [ln for ln in page.lines if ln.text.strip()]
    out = []
    for edge, picked in (("top", lines[:FURNITURE_LINES]), ("bottom", lines[::-1][:FURNITURE_LINES])):
        for i, ln in enumerate(picked):
            pos = ln.bbox.top if ln.bbox is not None else float(i) * FURNITURE_Y_TOL
            out.append((furniture_key(ln.text), edge, pos))
    return out


def furniture_keys(doc: Document) -> set[str]:
    """Keys of the lines at one page edge, at one height, on FURNITURE_MIN_PAGES pages (every
    spelling OCR gave them). A heading that happens to open two pages ('Resultado 4 sin
    observación', 'Resultado 9 sin observación': one key without digits) stands at other heights."""
    clusters: list[tuple[str, str, float, set[int], set[str]]] = []  # key, edge, position, pages, keys
    for page in doc.pages:
        for k, edge, pos in edge_lines(page):
            if len(k) < 4:
                continue
            home = next(
                (c for c in clusters if c[1] == edge and abs(c[2] - pos) <= FURNITURE_Y_TOL and same_key(k, c[0])),
                None,
            )
            if home is None:
                clusters.append((k, edge, pos, {page.number}, {k}))
            else:
                home[3].add(page.number)
                home[4].add(k)
    printed = sum(1 for page in doc.pages if any(ln.text.strip() for ln in page.lines))
    least = max(FURNITURE_MIN_PAGES, math.ceil(FURNITURE_SHARE * printed))
    return {k for *_, pages, keys in clusters if len(pages) >= least for k in keys}


def is_furniture(text: str, furniture: set[str]) -> bool:
    k = furniture_key(text)
    return k in furniture or any(same_key(k, f) for f in furniture)

"""A document's page furniture: the running headers and footers every page repeats.

Why apart: every reader (tables, word geometry, the line stream) must leave these lines out of
the rows, and must recognise them whatever page number they carry.
"""

from __future__ import annotations

from collections import Counter

import regex

from papeleo.model import Document
from papeleo.text.normalize import fold

# a page's furniture line (running header, folio) recurs on this many pages
FURNITURE_PAGES = 2
# running headers and footers are among a page's first and last lines this many (a table's
# wrapped 'Dorada' recurs on every page too, in the middle)
FURNITURE_ZONE = 5
# letters a recurring line needs to be furniture ('Página # de #' has 9; 'N/A #.## #.##' has 2)
FURNITURE_LETTERS = 6
# the digits a running footer changes from page to page: 'Página 3 de 12'
DIGITS = regex.compile(r"\d+")


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

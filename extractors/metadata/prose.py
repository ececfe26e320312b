"""Where a document's running text names its own issuer: 'ante *esta* Auditoría Superior',
'las acciones que competen al *mandato constitucional del* Procurador de los Derechos Humanos'.
Names and pages only; ``emisor`` weighs them with the rest of the evidence."""

from __future__ import annotations

import regex

from papeleo.text.bodies import HEAD, HEAD_ALTERNATION, find_bodies
from papeleo.text.normalize import fold_keep_offsets

from .layout import Layout, PageView

# 'esta Secretaría de Educación', 'está Auditoría Superior', 'ESTE INSTITUTO', 'esta. Secretaría' (folded)
SELF_REF = regex.compile(r"(?<!\w)est(?:a|e)\W{0,2}\s+(?=" + HEAD_ALTERNATION + ")")
# 'que competen al mandato constitucional del', 'en cumplimiento del mandato legal de la',
# 'en ejercicio del mandato de la' (folded): the body named next is the one acting
MANDATE_CUE = regex.compile(
    r"\b(?:competen?\s+al|en\s+(?:cumplimiento|ejercicio)\s+del)\s+mandato\s+(?:constitucional\s+|legal\s+)?(?:del?|de\s+la)\s+"
)


def _page_text(page: PageView) -> str:
    return "\n".join(text for _, text in sorted(page.lines_text().items()))


def layout_to_self_references(layout: Layout) -> tuple[list[tuple[str, int]], list[str]]:
    """(name, page) of each named self-reference, and the head nouns of bare ones ('este
    Instituto') for ``emisor`` to resolve."""
    out, bare = [], []
    for page in layout.text_pages:
        text = _page_text(page)
        for m in SELF_REF.finditer(fold_keep_offsets(text)):
            found = find_bodies(text[m.end() : m.end() + 200])
            if found and found[0].start == 0:
                out.append((found[0].name, page.number))
            else:
                head = HEAD.match(fold_keep_offsets(text[m.end() :]))
                if head:
                    bare.append(head.group(0))
    return out, bare


def layout_to_mandates(layout: Layout) -> list[tuple[str, int]]:
    """(name, page) of the body whose mandate the document says it carries out (``MANDATE_CUE``)."""
    out = []
    for page in layout.text_pages:
        text = _page_text(page)
        for m in MANDATE_CUE.finditer(fold_keep_offsets(text)):
            found = find_bodies(text[m.end() : m.end() + 200])
            if found and found[0].start == 0:
                out.append((found[0].name, page.number))
    return out

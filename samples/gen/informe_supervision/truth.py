"""The truth of one generated report, read back from its plan and its drawn pages.

Rows come from the plan (the values drawn); only their ``page`` comes from the layout. Each
record's drawn lines are checked against its text before the truth is returned, so a wrap,
a hyphenation or a page break can never silently change what the truth says was printed;
each mention must be found in the lines of the element it was written into (a table's in the
cells of its row, the running header's in each header drawn), which also gives its page.
"""

from __future__ import annotations

from .._text import Block
from .draw import Drawn
from .marks import Mention
from .model import FOOTNOTE_MARK, Plan


def squeeze(text: str) -> str:
    """Text compared across line breaks: no spaces, no hyphens (wrapped URLs, hyphenation)."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "-")


def drawn_text(blocks: list[Block]) -> str:
    return " ".join(line for b in blocks for line in b.lines)


def check_drawn(index: int, printed: str, blocks: list[Block]) -> None:
    """The lines drawn for a record spell the text handed to the layout (marks glued)."""
    expected = FOOTNOTE_MARK.sub(r"\1", printed).replace("**", "")
    got = drawn_text(blocks)
    if got != expected:
        raise AssertionError(f"element {index}: drawn {got!r} != printed {expected!r}")


def page_of(mention: Mention, blocks: list[Block]) -> int:
    """The page on which the mention's printed text starts, within its element's blocks."""
    chars: list[int] = []
    for b in blocks:
        for line in b.lines:
            chars += [b.page] * len(squeeze(line))
    where = "".join(squeeze(line) for b in blocks for line in b.lines).find(squeeze(mention.texto))
    if where < 0:
        raise AssertionError(f"mention {mention.texto!r} is not in the drawn lines {drawn_text(blocks)!r}")
    return chars[where]


def rows_of(plan: Plan, drawn: Drawn) -> list[dict]:
    out = []
    for i, el in enumerate(plan.els):
        blocks = drawn.blocks[i]
        if el.kind == "table":
            for b, records in zip(blocks, el.opts["row_truth"]):
                out += [{**r, "page": b.page} for r in records]
        elif el.row is not None:
            check_drawn(i, drawn.printed[i], blocks)
            out.append({**el.row, "page": blocks[0].page})
    return out


def row_page(mention: Mention, row: Block) -> int:
    """The page of a table row holding the mention in one of its cells (each cell wraps on its
    own, so the row's text is read cell by cell, not line by line)."""
    cells = [squeeze(" ".join(lines)) for lines in row.meta["cells"].values()]
    if not any(squeeze(mention.texto) in cell for cell in cells):
        raise AssertionError(f"mention {mention.texto!r} is not in the row's cells {row.meta['cells']!r}")
    return row.page


def mentions_of(plan: Plan, drawn: Drawn) -> list[dict]:
    out: list[dict] = []
    for i, el in enumerate(plan.els):
        out += [m.to_truth(page_of(m, drawn.blocks[i])) for m in el.mentions]
        if el.kind == "table":
            for b, mentions in zip(drawn.blocks[i], el.opts.get("row_mentions", [])):
                out += [m.to_truth(row_page(m, b)) for m in mentions]
    notes = {b.label: b for b in drawn.doc.blocks if b.kind == "footnote"}
    for num, mentions in plan.footnote_mentions.items():
        out += [m.to_truth(page_of(m, [notes[num]])) for m in mentions]
    # the running header: its bodies on every page it is drawn on
    for b in drawn.doc.blocks:
        if b.kind == "header":
            out += [m.to_truth(page_of(m, [b])) for m in plan.header_mentions]
    seen, unique = set(), []
    for m in out:
        key = (m["tipo"], str(m["valor"]), m["texto"], m["page"])
        if key not in seen:
            seen.add(key)
            unique.append(m)
    return unique


def truth_of(plan: Plan, drawn: Drawn) -> dict:
    documents = {
        "doc_type": plan.documents["doc_type"],
        "pages": drawn.pages,
        "emisor": plan.documents["emisor"],
        "titulo": plan.documents["titulo"],
        "clave_documento": plan.documents.get("clave_documento"),
        "fecha_documento": plan.documents.get("fecha_documento"),
    }
    return {"documents": documents, "findings": rows_of(plan, drawn), "mentions": mentions_of(plan, drawn)}

"""What the page builder drew, in order, so the text form and the truth's pages come from the
drawing itself and are never re-derived.

Every drawn paragraph, table header and table row is an ``Event`` with its page; tagged events
(a row's index, ``"firmas"``) give the truth its pages. ``events_to_blocks`` turns the record
into the damage channel's blocks: one ``Table`` per drawn table with ``breaks`` where its rows
change page, ``PageBreak`` where other content starts a new page, and the running header and
footer once, as the PDF prints them on every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .._damage import PageBreak, Paragraph, RunningFooter, RunningHeader, Table


@dataclass
class Event:
    kind: str  # "lines", "header" (a table's header rows) or "row"
    page: int
    lines: tuple[str, ...] = ()  # kind "lines"
    cells: tuple = ()  # kind "row": cell strings; kind "header": tuple of header rows
    table: int | None = None
    tag: object = None


@dataclass
class Recorder:
    events: list[Event] = field(default_factory=list)
    repeat: dict[int, bool] = field(default_factory=dict)  # table -> header repeated after a break
    n_tables: int = 0

    def lines(self, page: int, lines, tag=None) -> None:
        lines = tuple(ln for ln in lines)
        if any(ln.strip() for ln in lines):
            self.events.append(Event("lines", page, lines=lines, tag=tag))

    def mark(self, page: int, tag) -> None:
        """A place a mention sits that the text form holds elsewhere (the running header)."""
        self.events.append(Event("mark", page, tag=tag))

    def new_table(self, repeat_header: bool) -> int:
        self.n_tables += 1
        self.repeat[self.n_tables] = repeat_header
        return self.n_tables

    def header(self, page: int, table: int, rows) -> None:
        self.events.append(Event("header", page, cells=tuple(tuple(r) for r in rows), table=table))

    def row(self, page: int, table: int, cells, tag=None) -> None:
        self.events.append(Event("row", page, cells=tuple(cells), table=table, tag=tag))

    def page_of(self, tag, text: str | None = None) -> int | None:
        """First page an event with this tag was drawn on; with ``text``, the page where that
        text starts when the tagged paragraph runs onto another page (spacing ignored, so a
        line break inside the text does not hide it)."""
        events = [e for e in self.events if e.tag == tag]
        if not events:
            return None
        if text and len({e.page for e in events}) > 1:
            texts = [(t, e.page) for e in events for t in (*e.lines, *(e.cells if e.kind == "row" else ()))]
            chars = [(ch, page) for t, page in texts for ch in t if not ch.isspace()]
            flat = "".join(ch for ch, _ in chars)
            at = flat.find("".join(text.split()))
            if at >= 0:
                return chars[at][1]
        return events[0].page

    def pages_of_rows(self) -> dict:
        out: dict = {}
        for e in self.events:
            if e.kind == "row" and e.tag is not None:
                out.setdefault(e.tag, e.page)
        return out


def events_to_blocks(
    rec: Recorder,
    style: str,
    running: tuple[str, ...] | None = None,
    footer: tuple[str, ...] | None = None,
) -> list:
    """The damage channel's description of the document: what was printed, page by page."""
    blocks: list = []
    if running:
        blocks.append(RunningHeader(running))
    if footer:
        blocks.append(RunningFooter(footer))
    page, i, ev = 1, 0, rec.events
    while i < len(ev):
        e = ev[i]
        while page < e.page:
            blocks.append(PageBreak())
            page += 1
        if e.kind in ("lines", "mark"):
            if e.kind == "lines":
                blocks.append(Paragraph(e.lines))
            i += 1
            continue
        header = e.cells if e.kind == "header" else ()
        j = i + 1 if e.kind == "header" else i
        rows, pages = [], []
        while j < len(ev) and ev[j].table == e.table:
            if ev[j].kind == "row":
                rows.append(ev[j].cells)
                pages.append(ev[j].page)
            j += 1
        breaks = tuple(k for k in range(1, len(rows)) if pages[k] != pages[k - 1])
        if rows:
            blocks.append(Table(rows, header, style, breaks, repeat_header=rec.repeat.get(e.table, True)))
            page = pages[-1]
        i = j
    return blocks

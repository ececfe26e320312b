"""The plan of one generated report: what to print, in order, and the truth of each record.

The builders (``ombudsman.py``, ``audit.py``) only decide content and draw every random
choice; ``draw.py`` only lays the plan out; ``truth.py`` reads rows and mentions back from
the plan and the drawn pages. Keeping the plan as plain data between them is what lets the
coverage test draw 200 plans without drawing 200 PDFs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .marks import Marks, Mention

# "vecinos.^1^" -> the footnote reference drawn as a superscript (the _text markup)
FOOTNOTE_MARK = re.compile(r"\^(\d+)\^")

# what an element is drawn as (draw.py has one branch per kind)
KINDS = (
    "titulo",  # centred, bold, large
    "linea",  # centred, normal (unit, place and date under the title)
    "clave",  # the document's reference number, right-aligned
    "heading",  # a section heading; opts["lines"] when printed over two lines
    "subheading",  # an area or procedure heading
    "visita",  # a dated visit heading
    "para",  # running text
    "item",  # a labelled record (bullet or number in ``label``)
    "parrafo_item",  # a record printed as a plain paragraph
    "figure",  # a photo placeholder with its caption (``text``)
    "destinatario",  # an addressee line of the recommendations
    "resultado",  # an audit result heading ('Resultado 3 con observación')
    "cierre",  # place and date of signature
    "firma",  # signatory lines (opts["lines"])
    "table",  # a ruled table (opts: cols, header, rows, row_truth)
    "redaccion",  # a redacted span: a grey box after the previous paragraph's last line
    "pagebreak",
    "blank_page",  # a page with nothing on it, no running header or footer
)


def plain_text(text: str) -> str:
    """An authored string as the truth states it: footnote marks and bold markup removed."""
    return FOOTNOTE_MARK.sub("", text).replace("**", "")


@dataclass
class El:
    kind: str
    text: str = ""
    label: str | None = None
    row: dict | None = None  # the truth record this element prints (without "page")
    mentions: list[Mention] = field(default_factory=list)
    opts: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown element kind {self.kind!r}")


@dataclass
class Page:
    """The page setup drawn for the document (reportlab points)."""

    size: tuple[float, float]
    margins: tuple[float, float, float, float]  # left, right, top, bottom
    body: float  # body font size
    leading: float  # body line height
    justify: bool
    hyphen_rate: float  # per line end followed by a long word: the word is hyphenated


@dataclass
class Plan:
    seed: int
    family: str
    variant: dict
    documents: dict  # doc_type, emisor, titulo, clave_documento, fecha_documento
    page: Page
    header: dict | None  # {"style", "left", "right"}
    footer: str | None  # "{n}", "Página {n} de {t}", "{n} de {t}", "- {n} -"
    unnumbered: int  # leading pages (cover, blank) without header/footer; numbering starts after
    els: list[El] = field(default_factory=list)
    footnotes: dict[str, str] = field(default_factory=dict)
    footnote_mentions: dict[str, list[Mention]] = field(default_factory=dict)
    header_mentions: list[Mention] = field(default_factory=list)

    def add(self, M: Marks, kind: str, text: str = "", **kw) -> El:
        """Append an element carrying every mention written since the last one."""
        el = El(kind, text, mentions=M.take(), **kw)
        self.els.append(el)
        return el

    def footnote(self, M: Marks, text: str) -> str:
        """Register a footnote; returns the reference mark to glue to the preceding word."""
        num = str(len(self.footnotes) + 1)
        self.footnotes[num] = text
        self.footnote_mentions[num] = M.take()
        return f"^{num}^"

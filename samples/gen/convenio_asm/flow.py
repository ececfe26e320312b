"""Writing on the toolkit's ``Doc`` while keeping track of what landed on which page.

The truth needs the page of every mention (a date inside a justified paragraph, a signer in a
signature block), and the OCR'd text needs the page furniture drawn the same way on every
page. ``Writer`` wraps ``Doc``: a paragraph is given as pieces, some of them ``Ment``s; the
writer knows each mention's word position, and after the paragraph is laid out it reads the
page from the drawn lines. The running header (the year's motto), the page number and the
rúbricas in the margin are drawn by the page hooks, from a random state seeded per page so the
two layout passes draw them identically.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .._layout import Doc
from .._text import Block

# pagination furniture: how the page number is printed
PAGE_NUMBER_FORMATS = {
    "ninguna": None,
    "pagina_de": "Página {p} de {n}",
    "numero": "{p}",
    "guiones": "- {p} -",
    "fraccion": "{p}/{n}",
}
RUBRICA_INK = (0.12, 0.16, 0.45)  # blue-black ballpoint


class AsmDoc(Doc):
    """``Doc`` whose justified lines leave no word spacing behind. PDF keeps ``Tw`` across text
    objects, and ``Doc.draw_line`` sets it only on justified lines, so the next unjustified
    line (a paragraph's last line, a centred heading, the page number) inherited it — up to
    15 pt between words after a line stretched around a long URL."""

    def draw_line(self, x, baseline, line, size, width, align="left", justify=False):
        super().draw_line(x, baseline, line, size, width, align, justify)
        if justify and len(line) > 1:
            t = self.c.beginText()
            t.setWordSpace(0)
            self.c.drawText(t)


@dataclass(frozen=True)
class Ment:
    """A mention printed inside a piece of text: its canonical value, as printed, and extras."""

    tipo: str
    valor: Any
    texto: str
    extra: tuple[tuple[str, Any], ...] = ()


def ment(tipo: str, valor: Any, texto: str, **extra: Any) -> Ment:
    return Ment(tipo, valor, texto, tuple(sorted(extra.items())))


@dataclass(frozen=True)
class Mark:
    """A mention whose words the next pieces print (an article, then the law it cites inside it):
    it adds no text, and takes the page of the word that follows it."""

    m: Ment


@dataclass
class Furniture:
    """What every page carries besides its content."""

    lema: str | None  # the motto line as printed (quotes included), or None
    numeracion: str  # key of PAGE_NUMBER_FORMATS
    rubricas: bool
    seed: int  # for the per-page scribbles


@dataclass
class Writer:
    d: Doc
    mentions: list[dict] = field(default_factory=list)

    def add_mention(self, m: Ment, page: int) -> None:
        self.mentions.append({"tipo": m.tipo, "valor": m.valor, "texto": m.texto, "page": page, **dict(m.extra)})

    def para(self, pieces: Sequence[str | Ment | Mark], **kw) -> list[Block]:
        """A paragraph made of text and mentions; each mention gets the page its first word is on."""
        text, starts = "", []
        for p in pieces:
            if isinstance(p, (Ment, Mark)):
                plain = text.replace("**", "")
                idx = len(plain.split())
                if plain and not plain[-1].isspace():
                    idx -= 1  # glued to the word before it ('(FASP', '“2019')
                starts.append((max(idx, 0), p.m if isinstance(p, Mark) else p))
                text += p.texto if isinstance(p, Ment) else ""
            else:
                text += p
        blocks = self.d.para(text, **kw)
        pages = [b.page for b in blocks for line in b.words for _ in line]
        for idx, m in starts:
            self.add_mention(m, pages[min(idx, len(pages) - 1)])
        return blocks


def draw_rubrica(c, x: float, y: float, rng: random.Random, scale: float = 1.0) -> None:
    """A handwritten initial: a few looping strokes, ink only (nothing for a text layer to read)."""
    c.saveState()
    c.setStrokeColorRGB(*RUBRICA_INK)
    c.setLineWidth(rng.uniform(0.6, 1.1))
    px, py = x, y
    for _ in range(rng.randint(2, 4)):
        dx, dy = rng.uniform(8, 26) * scale, rng.uniform(-14, 14) * scale
        c.bezier(
            px,
            py,
            px + rng.uniform(-10, 20) * scale,
            py + rng.uniform(-18, 22) * scale,
            px + dx + rng.uniform(-14, 10) * scale,
            py + dy + rng.uniform(-18, 18) * scale,
            px + dx,
            py + dy,
        )
        px, py = px + dx, py + dy
    c.restoreState()


def draw_firma(c, x: float, y: float, w: float, rng: random.Random) -> None:
    """A signature over a signature line: a wider scribble."""
    draw_rubrica(c, x + w * rng.uniform(0.2, 0.4), y + rng.uniform(2, 10), rng, scale=1.4)


def page_start_hook(f: Furniture, top_gap: float = 8.0, size: float = 8.5):
    def start(d: Doc) -> None:
        if f.lema:
            d.c.setFont("Helvetica-Oblique", size)
            d.c.drawCentredString(d.W / 2, d.H - d.top + top_gap, f.lema)
            d.y = d.H - d.top - 8

    return start


def page_end_hook(f: Furniture, size: float = 8.0):
    fmt = PAGE_NUMBER_FORMATS[f.numeracion]

    def end(d: Doc) -> None:
        if fmt is not None:
            text = fmt.format(p=d.page, n=d.total_pages or 0)
            d.c.setFont("Helvetica", size)
            d.c.drawCentredString(d.W / 2, d.bottom - 6, text)
        last = d.total_pages is not None and d.page == d.total_pages
        if f.rubricas and not last:
            rng = random.Random(f.seed * 1000 + d.page)
            for k in range(rng.randint(2, 3)):
                draw_rubrica(d.c, d.W - d.right + 6 + rng.uniform(0, 8), d.H * 0.55 - k * 60, rng, 0.8)

    return end

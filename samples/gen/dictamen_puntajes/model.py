"""What a dictamen prints, as items the drawing, the text form and the truth all read.

Why an intermediate model: the prose is composed once (with every date, name and reference
registered as a mention where it is written), then drawn on pages; the text form is made from
what the drawing recorded and the truth from both. Nothing is re-derived from the PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Para:
    """A paragraph; ``text`` may hold ``**bold**`` runs. ``size`` is added to the body size."""

    text: str
    kind: str = "para"
    align: str = "justify"
    base: str = "n"
    size: float = 0.0
    before: float = 0.0
    after: float = 4.0
    keep: int = 1


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str | None = None  # label printed over this and its neighbours with the same group
    numeric: bool = False


@dataclass
class Grid:
    """A table: the score table, or a small one (commission, universe, weights, bands)."""

    name: str
    columns: list[Column]
    rows: list[dict[str, str]]
    caption: list[str] = field(default_factory=list)
    rules: str = "ruled"
    header_fill: bool = True
    zebra: bool = False
    size: float = 7.5
    num_align: str = "c"
    num_valign: str = "middle"
    repeat_header: bool = True
    landscape: bool = False
    full_width: bool = True


@dataclass(frozen=True)
class Signatures:
    cols: list[list[str]]


Item = Para | Grid | Signatures


class Mentions:
    """Everything the prose names, registered as it is written: ``add`` returns the text so a
    template writes ``m.fecha(...)`` where the date goes and the truth can never miss it.
    ``where`` pins a table cell (``("grid", name, row)``) or a page (``("page", 1)``: what the
    running header or footer prints); other mentions are found on the page whose drawn text
    holds their ``texto``."""

    def __init__(self) -> None:
        self.items: list[dict] = []
        self._seen: set[tuple] = set()

    def add(self, tipo: str, valor, texto: str, where: tuple | None = None, **extra) -> str:
        key = (tipo, str(valor), texto, extra.get("variante"))  # a name in the table and in the prose: two
        if key not in self._seen:
            self._seen.add(key)
            self.items.append({"tipo": tipo, "valor": valor, "texto": texto, "where": where, **extra})
        return texto

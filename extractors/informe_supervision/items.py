"""What the section readers pass around: a report's section and one item read from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .blocks import Block
from .lines import Ln


@dataclass
class Section:
    key: str
    heading: str
    lines: list[Ln] = field(default_factory=list)


@dataclass
class Item:
    seccion: str
    block: Block
    texto_lines: list[str]
    numero: int | None = None
    subseccion: str | None = None
    fecha: dt.date | None = None
    destinatario: str | None = None
    extra: dict = field(default_factory=dict)
    # (corrected entry or None for a check's conflict, why): ('fecha:imputado', 'fecha: ...')
    notes: list[tuple[str | None, str]] = field(default_factory=list)

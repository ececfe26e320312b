"""What every format of the family shares: the plan a format hands the forms writer, names of
places and people, number and date printing, mentions resolved to their pages, and the
two-pass layout into memory.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .._common import MESES
from . import vocab as V
from .record import Recorder

FAMILY = "mir_avance"


@dataclass
class Mention:
    """A thing the generator printed; ``tag`` names the drawn event whose page it is on."""

    tipo: str
    valor: object
    texto: str
    tag: object
    extra: dict = field(default_factory=dict)

    def resolve(self, rec: Recorder) -> dict:
        page = rec.page_of(self.tag, self.texto)
        assert page is not None, f"mention {self.texto!r} tagged {self.tag!r} was never drawn"
        return {"tipo": self.tipo, "valor": self.valor, "texto": self.texto, "page": page, **self.extra}


def distinct(mentions) -> list[dict]:
    """One row per distinct thing (docs/mentions.md): of the printings of one (tipo, valor[,
    unidad, moneda, precision]), the first printed (lowest page, then registration order)."""
    out: dict[tuple, dict] = {}
    for m in sorted(mentions, key=lambda m: m["page"]):
        key = (m["tipo"], str(m["valor"]), m.get("unidad"), m.get("moneda"), m.get("precision"))
        out.setdefault(key, m)
    return list(out.values())


# a body named inside a post ('Jefa del Departamento de Programación', 'Coordinador de la UIPPE'):
# a unit, department or office by its name; 'Secretario del Ayuntamiento' names none
BODY_IN_POST = re.compile(
    r"\b(?:de la|del|de) ((?:Unidad|Departamento|Dirección|Coordinación|Subdirección) de .+|UIPPE)$"
)


def bodies_in_posts(firmas, tag) -> list[Mention]:
    """organizacion mentions of the bodies named inside the signers' posts."""
    out = []
    for _, _, _, cargo in firmas:
        m = BODY_IN_POST.search(cargo)
        if m:
            out.append(Mention("organizacion", m.group(1), m.group(1), tag))
    return out


def numero(value: Decimal) -> int | float:
    """A printed count as a number: whole when it is whole ('1.00 deslindes' counts 1)."""
    return int(value) if value == value.to_integral_value() else float(value)


@dataclass
class Plan:
    """One document, fully drawn but not yet laid out: ``build(target, total)`` draws its pages
    (twice: the footer needs the page count) and returns the ``Doc`` with its ``rec``;
    ``rows(rec)`` gives the dataset rows once the pages are known."""

    format: str
    variant: dict
    documents: dict
    build: Callable
    rows: Callable[[Recorder], list[dict]]
    mentions: list[Mention]
    running: tuple[str, ...] | None = None  # text of the running header, when every page prints it
    footer: tuple[str, ...] | None = None  # running footer, with {page}/{pages}
    landscape: bool = True


def layout_to_bytes(build: Callable) -> tuple[bytes, object]:
    """Lay the document out twice in memory (page count, then the real pass) and return the
    PDF's bytes and the final ``Doc`` (its ``rec`` holds what was drawn where)."""
    probe = build(io.BytesIO(), None)
    total = probe.finish()
    buf = io.BytesIO()
    doc = build(buf, total)
    n = doc.finish()
    assert n == total, (n, total)
    return buf.getvalue(), doc


# --- names ------------------------------------------------------------------------------------
PARTICLES = {"de", "del", "la", "las", "los", "y", "el", "e", "para", "a"}


def municipio(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"{rng.choice(V.SANTOS)} {rng.choice(V.LUGARES)}"
    return rng.choice(V.NOMBRES_PROPIOS)


def persona(rng: random.Random) -> tuple[str, str, str]:
    """(title, name as printed without it, gender)."""
    g = rng.choice("fm")
    first = rng.choice(V.NOMBRES_F if g == "f" else V.NOMBRES_M)
    return rng.choice(V.TITULOS[g]), f"{first} {rng.choice(V.APELLIDOS)} {rng.choice(V.APELLIDOS)}", g


def slug(text: str) -> str:
    plain = text.lower().translate(str.maketrans("áéíóúüñ", "aeiouun"))
    return "".join(ch for ch in plain if ch.isalnum())


# --- numbers and dates ------------------------------------------------------------------------
def fmt(value: Decimal | None, decimales: int, miles: str = "coma", vacio: str = "") -> str:
    """A number as the report prints it: ``1,216,904`` / ``1216904`` / ``52 830.00``."""
    if value is None:
        return vacio
    s = f"{value:,.{decimales}f}"
    if miles == "sin":
        return s.replace(",", "")
    if miles == "espacio":
        return s.replace(",", " ")
    return s


def num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def fecha_larga(d: date) -> str:
    return f"{d.day} de {MESES[d.month - 1]} de {d.year}"


def fecha_mention(d: date, texto: str, tag) -> Mention:
    return Mention("fecha", d.isoformat(), texto, tag, {"precision": "dia"})


def fin_de_trimestre(ejercicio: int, trimestre: int) -> date:
    return date(ejercicio, 3 * trimestre, (31, 30, 30, 31)[trimestre - 1])


def persona_mentions(firmas: list[tuple[str, str, str, str]], tag) -> list[Mention]:
    """(label, title, name, cargo) of each signature → persona mentions with their cargo."""
    return [Mention("persona", n, f"{t} {n}", tag, {"cargo": c}) for _, t, n, c in firmas]


def draw_firmas(rng: random.Random, n: int) -> list[tuple[str, str, str, str]]:
    """(label, title, name, cargo) of ``n`` signers, the cargo in the signer's gender."""
    labels = rng.sample(V.FIRMAS, n)
    out = []
    for lab, cargos in zip(labels, rng.sample(V.CARGOS_FIRMA, n)):
        titulo, nombre, g = persona(rng)
        out.append((lab, titulo, nombre, cargos[g == "f"]))
    return out


def firma_columns(firmas, gap_lines: int = 2) -> list[list[str]]:
    return [[lab] + [""] * gap_lines + [f"{t} {n}", c] for lab, t, n, c in firmas]


def record_columns(d, rec: Recorder, cols: list[list[str]], tag, **kw) -> None:
    """Side-by-side text columns (signatures), recorded as the lines a reader sees across."""
    d.columns(cols, **kw)
    page = d.page
    depth = max(len(c) for c in cols)
    lines = ["   ".join(c[i] for c in cols if i < len(c) and c[i]) for i in range(depth)]
    rec.lines(page, [ln for ln in lines if ln], tag=tag)


def record_para(d, rec: Recorder, text: str, tag=None, **kw) -> None:
    for b in d.para(text, **kw):
        rec.lines(b.page, b.lines, tag=tag)


def draw_trazo(rng: random.Random) -> list[tuple[float, float]]:
    """A handwritten signature stroke, as points relative to its centre (drawn in the plan so
    both layout passes draw the same one)."""
    n = rng.randint(5, 9)
    return [(-60 + 120 * k / (n - 1) + rng.uniform(-8, 8), rng.uniform(-14, 14)) for k in range(n)]


def stroke_trazo(c, x: float, y: float, puntos: list[tuple[float, float]]) -> None:
    """Ink over the printed names, as real signed reports have: the text layer is untouched,
    the scan loses letters under it."""
    c.saveState()
    c.setStrokeColorRGB(0.15, 0.2, 0.55)
    c.setLineWidth(1.1)
    p = c.beginPath()
    p.moveTo(x + puntos[0][0], y + puntos[0][1])
    for (x1, y1), (x2, y2) in zip(puntos[1::2], puntos[2::2]):
        p.curveTo(x + x1, y + y1 + 10, x + x1, y + y1 - 10, x + x2, y + y2)
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()

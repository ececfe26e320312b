"""Authored tables drawn with reportlab, so that every expected cell in these tests is the
text the test itself put on the page (never the program's own output). A module of its own
rather than conftest.py, so test files import it by a name no other test folder uses.

``TableDrawer`` lays a table out the way report generators do: cell text wrapped to the
column width, rows padded, an optional group label spanning columns over a two-line header,
and one of four ruling styles: a full grid, a rule under every row, rules only above and
below the header and under the body (booktabs), or no rules at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

A4_W, A4_H = A4
FONT, BOLD = "Helvetica", "Helvetica-Bold"


@dataclass
class Authored:
    """A table as written: leaf header labels, group labels (text, first col, last col),
    body rows, column widths in points, and the ruling style."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    groups: list[tuple[str, int, int]] = field(default_factory=list)
    style: str = "grid"  # grid | rows | booktabs | header (ruled above and below the header only) | none
    size: float = 9.0
    pad: float = 4.0

    def column_names(self) -> list[str]:
        names = []
        for i, label in enumerate(self.header):
            group = next((g for g, a, b in self.groups if a <= i <= b), None)
            names.append(f"{group} {label}" if group else label)
        return names

    def expected_rows(self) -> list[dict[str, str]]:
        return [dict(zip(self.column_names(), row)) for row in self.rows]


def wrap(text: str, width: float, font: str, size: float, pad: float) -> list[str]:
    return simpleSplit(text, font, size, width - 2 * pad) if text else []


class TableDrawer:
    """Draws Authored tables on a reportlab canvas, tracking y from the top of the page."""

    def __init__(self, c: canvas.Canvas, left: float = 50.0) -> None:
        self.c = c
        self.left = left

    def xs(self, t: Authored) -> list[float]:
        out = [self.left]
        for w in t.widths:
            out.append(out[-1] + w)
        return out

    def text_line(self, x: float, y_top: float, text: str, font: str, size: float) -> None:
        """Draw text whose box top is ``y_top`` points from the page top."""
        self.c.setFont(font, size)
        self.c.drawString(x, A4_H - y_top - size * 0.8, text)

    def hline(self, x0: float, x1: float, y_top: float) -> None:
        self.c.line(x0, A4_H - y_top, x1, A4_H - y_top)

    def vline(self, x: float, y0: float, y1: float) -> None:
        self.c.line(x, A4_H - y0, x, A4_H - y1)

    def header(self, t: Authored, y: float) -> float:
        xs, lead = self.xs(t), t.size * 1.25
        grouped = {i for _, a, b in t.groups for i in range(a, b + 1)}
        band = (lead + 2 * t.pad) if t.groups else 0.0
        leaf_lines = [wrap(h, w, BOLD, t.size, t.pad) for h, w in zip(t.header, t.widths)]
        sub_h = max(len(leaf_lines[i]) for i in grouped) * lead + 2 * t.pad if grouped else 0.0
        full_h = max([len(leaf_lines[i]) for i in range(len(t.header)) if i not in grouped] or [0]) * lead + 2 * t.pad
        height = max(full_h, band + sub_h)
        for label, a, b in t.groups:
            width = sum(t.widths[a : b + 1])
            lw = self.c.stringWidth(label, BOLD, t.size)
            self.text_line((xs[a] + xs[b + 1]) / 2 - lw / 2, y + t.pad, label, BOLD, t.size)
            if t.style == "grid":
                self.hline(xs[a], xs[b + 1], y + band)
            assert width > lw
        for i, lines in enumerate(leaf_lines):
            top = y + (band if i in grouped else 0.0) + t.pad
            for k, line in enumerate(lines):
                self.text_line(xs[i] + t.pad, top + k * lead, line, BOLD, t.size)
        if t.style == "grid":
            for i, x in enumerate(xs):
                inner_group_cut = any(a < i <= b for _, a, b in t.groups)
                self.vline(x, y + (band if inner_group_cut else 0.0), y + height)
        if t.style in ("grid", "rows", "booktabs", "header"):
            self.hline(xs[0], xs[-1], y)
            self.hline(xs[0], xs[-1], y + height)
        return y + height

    def row(self, t: Authored, cells: Sequence[Sequence[str]], y: float) -> float:
        """One row of pre-wrapped cell lines; returns the y of its bottom."""
        xs, lead = self.xs(t), t.size * 1.25
        height = max(1, max(len(c) for c in cells)) * lead + 2 * t.pad
        for i, lines in enumerate(cells):
            for k, line in enumerate(lines):
                self.text_line(xs[i] + t.pad, y + t.pad + k * lead, line, FONT, t.size)
        if t.style == "grid":
            for x in xs:
                self.vline(x, y, y + height)
        if t.style in ("grid", "rows"):
            self.hline(xs[0], xs[-1], y + height)
        return y + height

    def wrapped(self, t: Authored, texts: Sequence[str]) -> list[list[str]]:
        return [wrap(text, w, FONT, t.size, t.pad) for text, w in zip(texts, t.widths)]

    def table(self, t: Authored, y: float, rows: Sequence[Sequence[str]] | None = None) -> float:
        y = self.header(t, y)
        for texts in t.rows if rows is None else rows:
            y = self.row(t, self.wrapped(t, texts), y)
        if t.style == "booktabs":
            self.hline(self.xs(t)[0], self.xs(t)[-1], y)
        return y

    def paragraph(self, text: str, y: float, width: float = 480.0, size: float = 10.0) -> float:
        for line in simpleSplit(text, FONT, size, width):
            self.text_line(self.left, y, line, FONT, size)
            y += size * 1.3
        return y


# Two authored tables the tests draw in every style: a score table with a group label over
# two columns (the dictamen family), and findings whose cells wrap (the ASM family).
SCORES = Authored(
    header=["Nombre completo", "Cargo/Puesto", "Individuales", "Colectivas", "Calificación final"],
    groups=[("Metas", 2, 3)],
    rows=[
        ["Ramírez Ochoa Lucía Fernanda", "Coordinadora de Educación Cívica", "N/A", "9,722", "9,628"],
        ["Villaseñor Trejo Martín", "Coordinador de Organización Electoral", "10,000", "9,722", "9,602"],
        ["Olvera Durán Karina", "Técnica de Participación Ciudadana", "9,500", "8,889", "8,903"],
        ["Nájera Campos Édgar Iván", "Técnico", "N/A", "8,333", "8,125"],
    ],
    widths=[110, 150, 70, 70, 80],
)

FINDINGS = Authored(
    header=["No.", "Hallazgo", "Actividad comprometida", "Fecha compromiso"],
    rows=[
        [
            "1",
            "El Fondo no cuenta con un diagnóstico actualizado de la población potencial y objetivo.",
            "Elaborar y publicar el diagnóstico de la población potencial.",
            "Agosto 2024",
        ],
        [
            "2",
            "Los indicadores de la MIR no miden la oportunidad en la entrega de los desayunos escolares.",
            "Rediseñar la MIR con un indicador de oportunidad.",
            "30 de junio de 2024",
        ],
        [
            "3",
            "No se documentan los criterios para seleccionar a los municipios beneficiarios.",
            "Emitir y publicar los criterios de focalización.",
            "Septiembre 2024",
        ],
    ],
    widths=[35, 190, 170, 90],
)

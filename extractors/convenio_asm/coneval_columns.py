"""Columns of a CONEVAL follow-up table whose labels OCR lost, found in its body and named by
the form's fixed order.

A "Documento institucional" prints eight narrow columns under labels turned a quarter; on a
scan, tesseract may keep some labels and lose others whole ('Área coordinadora', 'Área
responsable' over the cells 'Subdirección de Planeación y Vinculación', ASM 7526). The header
then names six columns, and the lost ones' cells fall into a neighbour's ('Primer Semestre
Dirección Administrativa de 2023' as a date). The body still shows every column: between the
centres of two labels the cells leave one gutter per border, so two gutters mean a column
between. The form's columns come in a fixed order (``SHAPES``); the column found is named
when filling the header's gaps gives exactly one of those orders, and left unread otherwise.
"""

from __future__ import annotations

from papeleo.model import Line

from .coneval_line import SHAPES
from .head import table_lines
from .labels import EVIDENCIAS, NUMERO, RESULTADOS

Label = tuple[str | None, float, float]

# a gutter between two columns' cells is at least this wide (points): a border's width and the
# cells' padding on both sides; narrower runs are gaps between words inside a cell that no line
# happened to cross. Wider would miss columns set close; narrower would cut cells in two.
MIN_GUTTER = 6.0


def _gutters(lines: list[Line], lo: float, hi: float) -> list[tuple[float, float]]:
    """Runs of x between ``lo`` and ``hi`` that no word of the body's lines covers and that
    words follow: a run reaching ``hi`` is the right column's cells falling short of its
    label's centre (a short 'Captura' under a long 'Productos y/o evidencias'), no border."""
    spans = sorted(
        (w.bbox.x0, w.bbox.x1)
        for ln in lines
        for w in ln.words
        if w.bbox is not None and w.bbox.x1 > lo and w.bbox.x0 < hi
    )
    out, at = [], lo
    for s0, s1 in spans:
        if s0 - at >= MIN_GUTTER:
            out.append((at, s0))
        at = max(at, s1)
    return out


def _named_by_shape(roles: list[str | None]) -> list[str | None] | None:
    """The roles with each unnamed column named, when exactly one of the form's orders fits."""
    fits = []
    for shape in SHAPES:
        full = [NUMERO, *shape] if roles[:1] == [NUMERO] else list(shape)
        if len(full) == len(roles) and all(r is None or r == s for r, s in zip(roles, full, strict=True)):
            fits.append(full)
    return fits[0] if len(fits) == 1 else None


def with_lost_columns(labels: list[Label], body: list[Line]) -> list[Label]:
    """A CONEVAL header's labels with the columns it lost put back where the body shows them, and
    its columns whose label OCR could not read (a turned 'Fecha de Término', dev ASM scan 8529),
    named by the form's order; the labels as they were when the body shows none or no order
    fits. Only a header that names a CONEVAL column ('Resultados esperados', 'Productos y/o
    evidencias') is looked at: an agreement's table has no fixed order to name a column by."""
    if not any(r in (RESULTADOS, EVIDENCIAS) for r, _, _ in labels):
        return labels
    lines = table_lines(body, labels)
    out: list[Label] = [labels[0]]
    for a, b in zip(labels, labels[1:]):
        lo, hi = (a[1] + a[2]) / 2, (b[1] + b[2]) / 2
        gutters = _gutters(lines, lo, hi)
        for (_, end), (start, _) in zip(gutters, gutters[1:]):
            out.append((None, end, start))  # the cells between two gutters: a column the head lost
        out.append(b)
    roles = [r for r, _, _ in out]
    if len(out) == len(labels) and None not in roles:
        return labels  # no column lost: the head named every one
    named = _named_by_shape(roles)
    if named is None:
        return labels
    return [(role, x0, x1) for role, (_, x0, x1) in zip(named, out, strict=True)]

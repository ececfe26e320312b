"""Filled dark boxes on a scanned page: a table head printed white on a dark band, a column of
black cells with white print. Erased like rulings, their print went with them; found here and
inverted (fill to paper, print to ink) so that tesseract reads them, and the dark runs of their
fill are kept out of the rulings (:func:`segments_outside_bands`). Split from ``rules`` (the
rulings themselves), which calls these while it erases a page's lines.
"""

from __future__ import annotations

import numpy as np

from papeleo.model import Rule

from .ink import DARK

# A dark area this many times a rule's greatest thickness tall is a filled band (a head printed
# white on black), not a rule: its print is inverted rather than erased. 4 x 0.04 in = 0.16 in
# (12 pt): a band holding a line of 8-10 pt print; a double rule or a thick underline is thinner.
MIN_BAND_RULE_MULTIPLE = 4
# A row belongs to a band while at least this share of it, across the band, is dark: white print
# takes a quarter to a third of a row through its letters; a row of dark print on white, well
# under half.
BAND_DARK_SHARE = 0.5
# A band is at least this many times as wide as it is tall: a head or a title bar runs across
# a table or a page; a logo panel's shading, a stamp or a corner triangle does not (a real
# report cover's grey logo panel, inverted, lost the issuer's name under the logo).
MIN_BAND_ASPECT = 4
# A box's print differs from its fill by this much grey to count as print (a scan's noise on a
# black fill stays within ~20 levels; white print on it stands 150 and more above)
PRINT_CONTRAST = 60
# ... and a box narrower than a band is inverted only when at least this share of it is such
# lighter print (a cell of one or two lines of white print: 5-20 %; less is a speck of paper
# in a redaction box) ...
MIN_LIGHT_PRINT_SHARE = 0.03
# ... and this many times more of it than darker print (a shaded panel's dark print)
LIGHT_OVER_DARK = 10
# The outer 1/8 of a band's height, all round, is taken for its edge: a band of 20 pt holding
# 10 pt print keeps 5 pt of fill above and below it; a narrower margin leaves a skewed edge as
# a black bar, a wider one would cut into print that fills its band.
BAND_EDGE_FRACTION = 8
# two touching filled boxes are one band when together they cover this share of the box they
# would make: pieces of one band (its margins, the runs between its letters) cover it nearly
# whole; a head's band and a black cell under it cover a third of the head-and-row box. Lower
# joins those again; higher leaves a skewed band's pieces apart (each is still inverted)
MERGED_FILL_SHARE = 0.7


def segments_outside_bands(segments: list[Rule], bands: list[tuple[int, int, int, int]], tol: int) -> list[Rule]:
    """The ruling segments that are not pieces of a filled band: the dark fill between a band's
    white letters makes runs as long as rules, down the band and along it (a dark ASM head gave
    45 'vertical rules' the band's height, and 'horizontal' ones that cut its two-line labels).
    A segment within a band, or within bands that touch (``tol`` pixels around each), is fill: a
    black cell under a head band makes runs down both (dev ASM scan 27: the cell's edges became
    seven 'column rules' that cut its date in two). A table's border that runs on past the band
    is kept."""

    def inside(r: Rule) -> bool:
        # the bands across whose width the segment lies, as spans along its length
        if r.orientation == "v":
            start, end = r.top, r.bottom
            spans = [(t, b) for t, b, left, right in bands if left - tol <= r.x0 and r.x1 <= right + tol]
        else:
            start, end = r.x0, r.x1
            spans = [(left, right) for t, b, left, right in bands if t - tol <= r.top and r.bottom <= b + tol]
        reach = start
        for lo, hi in sorted(spans):
            if lo - tol > reach:
                break
            reach = max(reach, hi + tol)
        return reach >= end

    return [r for r in segments if not inside(r)]


def horizontal_to_bands(
    horizontal: np.ndarray, grey: np.ndarray, max_thickness: int
) -> list[tuple[int, int, int, int]]:
    """Filled dark bands (a table head printed white on black, a dark title bar) as pixel boxes
    (top, bottom, left, right; bottom and right exclusive). A band is found where the
    horizontal-run mask is MIN_BAND_RULE_MULTIPLE rules thick (its solid margins), and reaches
    up and down over the rows at least BAND_DARK_SHARE dark across it: the rows of its print
    are dark too, between the letters. Their print is inverted, not erased."""
    k = max_thickness * MIN_BAND_RULE_MULTIPLE // 2
    dark = grey < DARK
    h = horizontal.shape[0]
    if h <= 2 * k:
        return []
    inside = horizontal[k : h - k] & horizontal[: h - 2 * k] & horizontal[2 * k :]
    rows = np.flatnonzero(inside.any(axis=1))
    boxes: list[tuple[int, int, int, int]] = []
    if not rows.size:
        return boxes
    for g in np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1):
        cols = inside[g[0] : g[-1] + 1].any(axis=0)
        padded = np.concatenate(([0], cols.view(np.int8), [0]))
        edges = np.flatnonzero(np.diff(padded))
        for left, right in zip(edges[::2].tolist(), edges[1::2].tolist()):
            top, bottom = int(g[0]) + k, int(g[-1]) + k + 1
            # the seed rows may start on the band's blurred edge, which inverted would be a
            # black bar: start from its dark rows only
            while top < bottom and dark[top, left:right].mean() < BAND_DARK_SHARE:
                top += 1
            while bottom > top and dark[bottom - 1, left:right].mean() < BAND_DARK_SHARE:
                bottom -= 1
            if bottom <= top:
                continue
            while top > 0 and dark[top - 1, left:right].mean() >= BAND_DARK_SHARE:
                top -= 1
            while bottom < h and dark[bottom, left:right].mean() >= BAND_DARK_SHARE:
                bottom += 1
            # and sideways, over the columns of the band its runs missed (a letter in every
            # window, a rule between two head cells)
            while left > 0 and dark[top:bottom, left - 1].mean() >= BAND_DARK_SHARE:
                left -= 1
            while right < dark.shape[1] and dark[top:bottom, right].mean() >= BAND_DARK_SHARE:
                right += 1
            boxes.append(_trimmed_to_fill(grey, (top, bottom, left, right)))
    return [
        b for b in _merged_boxes(boxes) if b[1] > b[0] and (is_band(b) or _light_print(grey[b[0] : b[1], b[2] : b[3]]))
    ]


def is_band(box: tuple[int, int, int, int]) -> bool:
    """A filled box (top, bottom, left, right) wide enough to be a band across a table or a
    page, not one cell: MIN_BAND_ASPECT times as wide as it is tall."""
    top, bottom, left, right = box
    return right - left >= MIN_BAND_ASPECT * (bottom - top)


def _light_print(region: np.ndarray) -> bool:
    """A filled box narrower than a band holds print lighter than its fill and none darker: a
    table cell printed white on black (a 'Fecha de término' column of black cells, ASM dev scan
    69: every date read as noise). A grey logo panel or a shaded cell holds dark print, which
    inverting would lose, and a redaction box holds none."""
    dark = region < DARK
    if not dark.any():
        return False
    fill = float(np.median(region[dark]))
    lighter = float((region > fill + PRINT_CONTRAST).mean())
    darker = float((region < fill - PRINT_CONTRAST).mean())
    return lighter >= MIN_LIGHT_PRINT_SHARE and darker * LIGHT_OVER_DARK <= lighter


def band_to_inverted(band: np.ndarray, edge_px: int | None = None) -> np.ndarray:
    """A filled band made paper with ink print: the fill (darker than halfway to the paper)
    white, the lighter print inverted to dark; its rows and columns nearer the paper than the
    fill (its blurred edge, a border rule's halo) left white rather than turned black. Its
    margin of ``edge_px`` (default: the band's height over BAND_EDGE_FRACTION) is paper: a
    cell's print may come within a few pixels of its edge, where a band's margin would cut
    into it."""
    dark = band < DARK
    fill = float(np.median(band[dark])) if dark.any() else 0.0
    cut = (fill + 255.0) / 2
    # the fill becomes paper (a grey ground is what tesseract's layout takes for a picture),
    # the print on it ink
    out = np.where(band < cut, 255, 255 - band).astype(band.dtype)
    out[np.median(band, axis=1) > cut, :] = 255
    out[:, np.median(band, axis=0) > cut] = 255
    # a skewed scan's band edge crosses pixel rows, light on one side of the page and dark on
    # the other: its margin (print sits inside a band, never on its edge) is paper
    m = max(2, band.shape[0] // BAND_EDGE_FRACTION if edge_px is None else edge_px)
    out[:m, :] = 255
    out[-m:, :] = 255
    out[:, :m] = 255
    out[:, -m:] = 255
    return out


def _trimmed_to_fill(grey: np.ndarray, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """The box without its edge rows and columns that are nearer the paper than the fill: a
    scan blurs a band's edge (and a table's border rule runs along it), and those light rows,
    inverted, would print a black bar over the head."""
    top, bottom, left, right = box
    region = grey[top:bottom, left:right]
    fill, paper = float(np.median(region[region < DARK])) if (region < DARK).any() else 0.0, 255.0
    cut = (fill + paper) / 2
    while top < bottom and np.median(grey[top, left:right]) > cut:
        top += 1
    while bottom > top and np.median(grey[bottom - 1, left:right]) > cut:
        bottom -= 1
    while left < right and np.median(grey[top:bottom, left]) > cut:
        left += 1
    while right > left and np.median(grey[top:bottom, right - 1]) > cut:
        right -= 1
    return top, bottom, left, right


def _area(box: tuple[int, int, int, int]) -> int:
    return max(0, box[1] - box[0]) * max(0, box[3] - box[2])


def _merged_boxes(boxes: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    """Overlapping or touching boxes as one (a band found from its top and its bottom margin,
    or piece by piece between its letters) when the two fill most of the box they make
    (``MERGED_FILL_SHARE``): a table head's band and a black cell of the row under it touch, and
    their joint box held that whole row, whose print the inverting turned to paper (dev ASM scan
    27 lost row 1). Each is inverted on its own."""
    out: list[tuple[int, int, int, int]] = []
    for box in sorted(boxes):
        for i, o in enumerate(out):
            if box[0] <= o[1] and o[0] <= box[1] and box[2] <= o[3] and o[2] <= box[3]:
                joint = (min(o[0], box[0]), max(o[1], box[1]), min(o[2], box[2]), max(o[3], box[3]))
                if _area(o) + _area(box) < MERGED_FILL_SHARE * _area(joint):
                    continue
                out[i] = joint
                break
        else:
            out.append(box)
    return out

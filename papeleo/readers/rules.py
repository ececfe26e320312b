"""Table rulings: found on scans (then erased before OCR) and merged from text-layer edges.

Tesseract's page segmentation reads a ruled grid as graphics and drops the short cells
inside it: on the scanned MIR sample it kept 31 of the page's numbers with the grid and 77
without it (``--psm 3``; ``--psm 4`` and ``11`` did no better with the grid). A ruling line
is a run of dark pixels far longer than any glyph stroke, so it can be found with running
sums and painted white, leaving the text untouched.

The lines are not thrown away: they are the grid a table reader would otherwise have to
guess from word positions, so they are also returned as :class:`~papeleo.model.Rule`
segments (pixels here; the OCR reader converts them to points). Text-layer pages get the
same kind of segments from pdfplumber's edges, merged by :func:`rules_to_merged_rules`.

A filled dark band (a table head printed white on black) is also made of long dark runs, but
erasing it erased its print with it: on generated ASM scans with dark heads tesseract read
'sena de CUMDIMICNO' for the whole head. Such bands (:func:`horizontal_to_bands`) are made
paper with ink print instead (:func:`band_to_inverted`); dev ASM scans 0-19, rows found 61 -> 81
of 202, dates exact 40 -> 51, MIR scans unchanged.

A faint rule (grey, blurred: a light print scanned) is under ``DARK`` nowhere and is looked for
again against the paper's own grey, as a thin ridge (:func:`faint_rules`); dev MIR scans 540-579,
numbers exact 92.9% -> 95.7% (heavily degraded ones 85.8% -> 93.5%), together with MIR v2
reading the quarter labels of the ruled heads those grids gave.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PIL import Image

from papeleo.model import Rule

from .bands import band_to_inverted, horizontal_to_bands, is_band, segments_outside_bands
from .ink import DARK

RULE_INCHES = 0.4  # a glyph stroke is < 0.3 in even at 20 pt; a table rule is longer
FILL = 0.95  # a scanned rule may have a few broken pixels
# A recorded rule is a line, not a filled box: a black header band or a stamp is also made of
# long dark runs (and is erased like a rule), but as a "rule" it would be a 2 cm thick line.
# 0.04 in (3 pt) keeps a double-weight ruling and drops anything wider.
MAX_RULE_THICKNESS_INCHES = 0.04
# An erased rule takes this many pixels (at the page's dpi) of its grey fringe on each side
# with it. One left a scan's blurred rule edge, which tesseract's local threshold reads as ink:
# 'l' and '|' beside a ruled table's cells, one of which ('l', an OCR '1') started a row of its
# own (the committed ASM sample scan); two leave the paper. Glyphs sit further from their cell's
# rules than that.
FRINGE_PX = 2
# Collinear pieces closer than this (points) are one rule: a text-layer grid is often drawn
# cell by cell, so one column line arrives as one segment per row, touching end to end.
JOIN_GAP_PT = 2.0
# Pieces whose centre lines differ by less than this (points) are on the same line: the
# stroke of a 0.5 pt line and the edge of the filled cell under it, or a scan's 1-pixel step.
SAME_LINE_PT = 1.5
# Shorter than this after merging (points) is not a table line: checkbox sides, a glyph
# drawn as a path, the tick of a chart axis.
MIN_RULE_PT = 10.0
# A faint rule (a thin grey line, a scan's blurred one) is looked for a second time with ink
# taken as anything this many grey levels darker than the page's paper: on a heavily degraded
# MIR scan the body's column rules were grey 145-160 on paper 223, under DARK nowhere along
# their length, so only the head's rules were found and the table reader had no columns. Such a
# search also takes a grey fill for ink; what it finds is kept only where it is a line (as thin
# as a rule, ``mask_to_segments``), so a shaded head or row band is neither a rule nor erased.
# Fewer levels would take a light shading's speckle for a line; more miss a grey rule.
FAINT_RULE_CONTRAST = 50
# The paper's grey level: this percentile of the page (most of a page is paper, even a dense
# table's).
PAPER_PERCENTILE = 90
# A ridge pixel is this many grey levels darker than the pixels RIDGE_PX away on both sides
# across the line: a blurred 0.5 pt rule at 300 dpi is 3-4 pixels wide, so its centre stands out
# from 3 pixels off; a shaded band's print does not (its neighbours are print or fill too).
RIDGE_CONTRAST = 25
RIDGE_PX = 3


def _runs_along_rows(dark: np.ndarray, length: int) -> np.ndarray:
    """Pixels that belong to a horizontal window of ``length`` that is almost all ink.

    Only rows that can hold such a window are summed (:func:`_rows_with_long_runs`): on a
    page's 2,550 x 3,300 pixels a few hundred rows at most, where two running sums over every
    row were a quarter of a scanned page's time. Same result, row for row."""
    h, w = dark.shape
    out = np.zeros((h, w), bool)
    if w < length:
        return out
    need = int(length * FILL)
    rows = _rows_with_long_runs(dark, length, need)
    if rows.size == 0:
        return out
    csum = np.zeros((rows.size, w + 1), np.int32)
    np.cumsum(dark[rows], axis=1, out=csum[:, 1:])
    full = (csum[:, length:] - csum[:, :-length]) >= need
    hit = full.any(axis=1)
    if not hit.any():
        return out
    rows, full = rows[hit], full[hit]
    spread = np.zeros((rows.size, w + 1), np.int32)
    spread[:, : full.shape[1]] += full
    spread[:, length : length + full.shape[1]] -= full
    out[rows] = np.cumsum(spread, axis=1)[:, :w] > 0
    return out


# Rows are screened in blocks of this many pixels: a window of ``length`` holds at least
# ``(length - BLOCK_PX + 1) // BLOCK_PX`` whole blocks, which between them miss no more pixels
# than the window may. Larger blocks screen less (fewer whole blocks per window); smaller ones
# cost more to sum. The screen only skips rows that cannot qualify, so it changes no result.
BLOCK_PX = 16


def _rows_with_long_runs(dark: np.ndarray, length: int, need: int) -> np.ndarray:
    """Indices of the rows of ``dark`` that may hold a window of ``length`` with ``need`` ink
    pixels: those with ``m`` consecutive whole blocks holding at least ``m * BLOCK_PX -
    (length - need)`` ink pixels, ``m`` the fewest whole blocks any such window contains. A line
    of print never qualifies (glyphs leave gaps); a rule or a filled band does."""
    h, w = dark.shape
    m = (length - BLOCK_PX + 1) // BLOCK_PX
    blocks = w // BLOCK_PX
    if m < 1 or blocks < m:
        return np.arange(h)
    # summed as BLOCK_PX strided slices (one per offset in the block): numpy reduces a short
    # last axis one block at a time, 3x slower; uint8 holds a block's count
    ink = dark.view(np.uint8)
    end = blocks * BLOCK_PX
    counts = ink[:, 0:end:BLOCK_PX].copy()
    for offset in range(1, BLOCK_PX):
        counts += ink[:, offset:end:BLOCK_PX]
    csum = np.zeros((h, blocks + 1), np.int32)
    np.cumsum(counts, axis=1, out=csum[:, 1:])
    best = (csum[:, m:] - csum[:, :-m]).max(axis=1)
    return np.flatnonzero(best >= m * BLOCK_PX - (length - need))


def image_to_unruled(img: Image.Image, dpi: float) -> Image.Image:
    """The page image with its ruling lines painted white (the image itself when it has none)."""
    return image_to_unruled_and_rules(img, dpi)[0]


def image_to_unruled_and_rules(img: Image.Image, dpi: float) -> tuple[Image.Image, list[Rule]]:
    """(the image with its rulings erased, the rulings as segments in *pixels*).

    The erasing is exactly :func:`image_to_unruled`'s (measured: 31 -> 77 numbers on the
    scanned MIR sample); the segments are read from the same masks before they are erased."""
    grey = np.asarray(img.convert("L"))
    dark = grey < DARK
    length = max(20, int(dpi * RULE_INCHES))
    horizontal = _runs_along_rows(dark, length)
    vertical = _runs_along_rows(dark.T, length).T
    max_thickness = max(2, int(round(dpi * MAX_RULE_THICKNESS_INCHES)))
    faint, faint_segments = faint_rules(grey, (horizontal, vertical), length, max_thickness)
    rules = horizontal | vertical | faint
    if not rules.any():
        return img, []
    segments = [
        *mask_to_segments(horizontal, "h", max_thickness, dark),
        *mask_to_segments(vertical, "v", max_thickness, dark),
        *faint_segments,
    ]
    grown = rules.copy()  # take the anti-aliased fringe too
    for _ in range(FRINGE_PX):
        step = grown.copy()
        step[1:, :] |= grown[:-1, :]
        step[:-1, :] |= grown[1:, :]
        step[:, 1:] |= grown[:, :-1]
        step[:, :-1] |= grown[:, 1:]
        grown = step
    out = grey.copy()
    bands = horizontal_to_bands(horizontal, grey, max_thickness)
    segments = segments_outside_bands(segments, bands, max_thickness)
    for top, bottom, left, right in bands:
        grown[top:bottom, left:right] = False
    out[grown] = 255
    for top, bottom, left, right in bands:
        # white print on a dark fill: inverted, it is dark print on a light ground, which
        # tesseract reads; erased like a rule, the print went with the fill
        edge = None if is_band((top, bottom, left, right)) else FRINGE_PX  # a filled cell's: print to its edge
        out[top:bottom, left:right] = band_to_inverted(grey[top:bottom, left:right], edge)
    return Image.fromarray(out), segments


def faint_rules(
    grey: np.ndarray, strict_runs: tuple[np.ndarray, np.ndarray], length: int, max_thickness: int
) -> tuple[np.ndarray, list[Rule]]:
    """(the pixels of rules too faint for ``DARK``, their segments in pixels): runs along a
    ridge, pixels ``FAINT_RULE_CONTRAST`` darker than the paper *and* ``RIDGE_CONTRAST`` darker
    than the grey ``RIDGE_PX`` to either side across the line, so that a shaded band's print
    or a strict rule's blurred fringe is no line. The ridge is widened by a pixel each way
    across the line before the runs are taken: a slightly skewed line steps a pixel along its
    length, and a one-pixel ridge would break there."""
    threshold = _paper_grey(grey) - FAINT_RULE_CONTRAST
    mask = np.zeros(grey.shape, bool)
    if threshold <= DARK:
        return mask, []
    g = grey.astype(np.int16)
    segments: list[Rule] = []
    # Both orientations are worked in the page's own orientation (``axis`` is the one across
    # the line): the same arithmetic on a transposed view strides through memory, 2-3x slower.
    for orientation, axis, strict in (("h", 0, strict_runs[0]), ("v", 1, strict_runs[1])):
        ridge = _ridge(g, threshold, axis)
        wide = ridge.copy()
        _or_shifted(wide, ridge, 1, axis)
        _or_shifted(wide, ridge, -1, axis)
        # the runs as the line's own pixels: the widening is for the search, not the line
        along = _runs_along_rows(wide, length) if axis == 0 else _runs_along_rows(wide.T, length).T
        runs = along & ridge
        # a strict rule's own ridge and its blurred fringe are that rule, found already
        _drop_near(runs, strict, RIDGE_PX + 1, axis)
        for seg in mask_to_segments(runs, orientation, max_thickness, ridge):
            top, bottom, left, right = int(seg.top), int(seg.bottom), int(seg.x0), int(seg.x1)
            mask[top:bottom, left:right] |= runs[top:bottom, left:right]
            segments.append(seg)
    return mask, segments


def _paper_grey(grey: np.ndarray) -> float:
    """``np.percentile(grey, PAPER_PERCENTILE)`` of a uint8 image, from its 256-bin histogram
    rather than by partitioning its millions of pixels; the same order statistics and linear
    interpolation, so the same value."""
    if grey.dtype != np.uint8:
        return float(np.percentile(grey, PAPER_PERCENTILE))
    cumulative = np.cumsum(Image.fromarray(grey).histogram())  # PIL counts in C, without a copy to int64
    position = PAPER_PERCENTILE / 100 * (grey.size - 1)
    below = int(np.floor(position))
    low = int(np.searchsorted(cumulative, below, side="right"))
    high = int(np.searchsorted(cumulative, min(below + 1, grey.size - 1), side="right"))
    return float(low + (high - low) * (position - below))


def _or_shifted(target: np.ndarray, mask: np.ndarray, by: int, axis: int) -> None:
    """``target |= mask`` moved ``by`` pixels along ``axis`` (positive: towards higher indices)."""
    src = [slice(None), slice(None)]
    dst = [slice(None), slice(None)]
    src[axis], dst[axis] = (slice(None, -by), slice(by, None)) if by > 0 else (slice(-by, None), slice(None, by))
    target[tuple(dst)] |= mask[tuple(src)]


def _drop_near(runs: np.ndarray, strict: np.ndarray, reach: int, axis: int) -> None:
    """Clear the pixels of ``runs`` within ``reach`` pixels of ``strict`` along ``axis``, in place.

    Only the lines (rows for ``axis`` 0, columns for 1) where ``runs`` has pixels are looked
    at: a handful on a page, where growing ``strict`` over the whole page took 16 passes."""
    lines = np.flatnonzero(runs.any(axis=1 - axis))
    extent = runs.shape[axis]
    for i in lines.tolist():
        lo, hi = max(0, i - reach), min(extent, i + reach + 1)
        if axis == 0:
            runs[i] &= ~strict[lo:hi].any(axis=0)
        else:
            runs[:, i] &= ~strict[:, lo:hi].any(axis=1)


def _ridge(g: np.ndarray, threshold: float, axis: int) -> np.ndarray:
    """Pixels under ``threshold`` and ``RIDGE_CONTRAST`` darker than the pixels ``RIDGE_PX``
    away on both sides along ``axis`` (``g`` int16); False within ``RIDGE_PX`` of the edge."""
    k = RIDGE_PX
    ridge = g < threshold
    inner = [slice(None), slice(None)]
    before, after = list(inner), list(inner)
    inner[axis], before[axis], after[axis] = slice(k, -k), slice(None, -2 * k), slice(2 * k, None)
    lifted = g[tuple(inner)] + RIDGE_CONTRAST
    ridge[tuple(inner)] &= (lifted <= g[tuple(before)]) & (lifted <= g[tuple(after)])
    edge_low, edge_high = [slice(None), slice(None)], [slice(None), slice(None)]
    edge_low[axis], edge_high[axis] = slice(None, k), slice(-k, None)
    ridge[tuple(edge_low)] = False
    ridge[tuple(edge_high)] = False
    return ridge


def mask_to_segments(
    mask: np.ndarray, orientation: str, max_thickness: int, ink: np.ndarray | None = None
) -> list[Rule]:
    """Connected runs of a one-orientation rule mask -> pixel Rules (x1/bottom exclusive).

    Runs on neighbouring pixel rows that overlap along the line are one segment (a 3-pixel
    thick line is one rule, not three; a slightly skewed line, stepping one pixel every few
    hundred, is one rule whose box is as tall as its drift). Segments whose *mean* thickness
    (pixels / length) exceeds ``max_thickness`` are filled areas, not lines, and are left
    out; the mean, not the box, so that the skewed line is kept. With ``ink`` (the dark
    pixels), each segment's ends are trimmed to its ink: the mask reaches up to 5% of a
    window past a line's end."""
    along = mask if orientation == "h" else mask.T
    dark = None if ink is None else (ink if orientation == "h" else ink.T)
    open_: list[list[int]] = []  # [start, end, first_row, last_row, pixels] along the line / across it
    done: list[list[int]] = []
    for r in np.flatnonzero(along.any(axis=1)):
        padded = np.concatenate(([0], along[r].view(np.int8), [0]))
        edges = np.flatnonzero(np.diff(padded))
        runs = list(zip(edges[::2].tolist(), edges[1::2].tolist()))
        still_open: list[list[int]] = []
        for seg in open_:
            if seg[3] < r - 1:
                done.append(seg)
            else:
                still_open.append(seg)
        open_ = still_open
        for start, end in runs:
            match = next((s for s in open_ if s[3] == r - 1 and start < s[1] and s[0] < end), None)
            if match is None:
                open_.append([start, end, int(r), int(r), end - start])
            else:
                match[0], match[1], match[3] = min(match[0], start), max(match[1], end), int(r)
                match[4] += end - start
    done.extend(open_)
    out: list[Rule] = []
    for start, end, first, last, inked_pixels in done:
        if inked_pixels / max(1, end - start) > max_thickness:
            continue
        if dark is not None:
            inked = np.flatnonzero(dark[first : last + 1, start:end].any(axis=0))
            if inked.size:
                start, end = start + int(inked[0]), start + int(inked[-1]) + 1
        if orientation == "h":
            out.append(Rule(float(start), float(first), float(end), float(last + 1)))
        else:
            out.append(Rule(float(first), float(start), float(last + 1), float(end)))
    return out


def pixel_rules_to_point_rules(rules: Iterable[Rule], x_dpi: float, y_dpi: float) -> list[Rule]:
    """Pixels -> PDF points (``px * 72 / dpi``), merged and with short pieces dropped."""
    sx, sy = 72.0 / x_dpi, 72.0 / y_dpi
    return rules_to_merged_rules(Rule(r.x0 * sx, r.top * sy, r.x1 * sx, r.bottom * sy) for r in rules)


def rules_to_merged_rules(
    rules: Iterable[Rule],
    join_gap: float = JOIN_GAP_PT,
    same_line: float = SAME_LINE_PT,
    min_length: float = MIN_RULE_PT,
) -> list[Rule]:
    """Collinear pieces joined into whole lines, then lines shorter than ``min_length``
    dropped; horizontal rules first (by top, then x), then vertical (by x, then top)."""
    rules = list(rules)
    horizontal = [r for r in rules if r.orientation == "h"]
    vertical = [Rule(r.top, r.x0, r.bottom, r.x1) for r in rules if r.orientation == "v"]  # transposed
    merged_h = _merge_transposed(horizontal, join_gap, same_line)
    merged_v = [Rule(r.top, r.x0, r.bottom, r.x1) for r in _merge_transposed(vertical, join_gap, same_line)]
    return [r for r in (*merged_h, *merged_v) if r.length >= min_length]


def _merge_transposed(rules: list[Rule], join_gap: float, same_line: float) -> list[Rule]:
    """Merge horizontal rules (vertical ones are passed in transposed): grouped by the
    centre line, then joined along x where they touch or overlap."""
    by_centre = sorted(rules, key=lambda r: (r.top + r.bottom) / 2)
    lines: list[list[Rule]] = []
    for rule in by_centre:
        centre = (rule.top + rule.bottom) / 2
        if lines and centre - (lines[-1][0].top + lines[-1][0].bottom) / 2 <= same_line:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    out: list[Rule] = []
    for line in lines:
        line.sort(key=lambda r: r.x0)
        cur = line[0]
        for rule in line[1:]:
            if rule.x0 <= cur.x1 + join_gap:
                cur = Rule(cur.x0, min(cur.top, rule.top), max(cur.x1, rule.x1), max(cur.bottom, rule.bottom))
            else:
                out.append(cur)
                cur = rule
        out.append(cur)
    out.sort(key=lambda r: (r.top, r.x0))
    return out

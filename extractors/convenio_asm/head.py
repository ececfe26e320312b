"""An ASM table's header: where it is, the labels it prints and the columns they make.

A header is the anchor of ``grid``'s reading: its labels give the columns and their roles, the
whitespace (or the ruling) between two labels gives the border. A label may wrap over lines,
stand turned a quarter in a narrow column, lose its number label to OCR or pick up a speck or a
ruling read as a glyph; each is dealt with here, so that ``grid`` only walks the body.
"""

from __future__ import annotations

import re
from statistics import median

from papeleo.model import Line, Word
from papeleo.tables.words import words_to_word_lines
from papeleo.text import fold

from .labels import (
    FECHA,
    NUMERO,
    RECOMENDACION,
    TEXTO,
    fecha_label_end,
    is_header_text,
    role_of,
    role_of_fragments,
    roles_in,
    row_number,
)
from .stacked import is_date_piece

# a gap between two header words wider than this share of the line height separates two
# labels: a space is ~0.3 of it, a column gap several; lower splits 'Actividad comprometida'
LABEL_GAP = 0.8
# a turned label's lines stand a line's pitch apart (~1.4 of the thickness); OCR may lose the
# middle one ('Aspecto' / [lost] / 'Mejora', dev ASM scan 77: 11 pt at 5.5), about twice that: still
# one label. Turned labels of two columns stand a column's width apart, far more
TURNED_LABEL_GAP = 2.5
# labels closer than this (points) leave no room to look for the gutter between their edges;
# then it is looked for between their centres
MIN_LABEL_GAP = 4.0
# a header wrapped over more lines than this is not a header (prose that names two labels)
MAX_HEADER_LINES = 4
# a column's ruling OCR read as a glyph between two labels ('Núm. | Recomendaciones', dev scan
# 16): no word, and no part of either label
RULE_GLYPH = re.compile(r"[|¦]+")
# a header 'word' narrower than this (points) is a speck OCR read as a letter ('J', 0.24 pt wide,
# dev scan 16), which made a column of its own; a one-letter label ('N', '#') is 4 pt or more
MIN_LABEL_WORD_W = 1.5
# labels a header line holds at most (a CONEVAL annex has seven columns): how many of OCR's
# lines, one per label cell, a header's visual lines may be made of
MAX_LABELS = 8
# a header line may sit this far (line heights) under the one above; a table's first row
# sits further, below the header's padding; more swallows a continued row at a page's top
HEADER_LINE_GAP = 0.35
# a header with no number label gets one when this many lone row numbers stand left of its first
# label in the NUMBER_LOOKAHEAD lines under it
MIN_NUMBER_CELLS = 2
NUMBER_LOOKAHEAD = 60
# an unnamed column is the date's when this many of the body's lines under it are date pieces
MIN_DATE_LINES = 3
# a head whose finding's label no stem finds is still read label by label when its text names
# this many other columns: one is any row's date label ('Fecha compromiso: ...'), two a header's
MIN_GATE_ROLES = 2
# an upright label OCR half garbled is named by a whole word it kept only when it is this short:
# a label is a few words ('dos e cumplimiento'); a line of a finding is many, and its words
# ('resultado', 'evaluación') are labels' words too (dev ASM scan 30 found a header in prose)
MAX_PARTIAL_LABEL_WORDS = 3
# the junk tesseract reads across a turned head is short ('YN', 'Es]', 'CES', '223'): upright
# words longer than this beside turned ones are a line of text ('Nombre del programa: ...' above
# the head, generated ASM 8322), not junk, and the cluster is no label
MAX_DEBRIS_CHARS = 3
# a word box this many times taller than wide is a word printed turned (no upright word of two
# letters or more is; a turned two-letter word is about square and goes with its label's majority)
VERTICAL_ASPECT = 1.5


def _clusters(words: list[Word], height: float) -> list[list[Word]]:
    """Header words grouped into labels: overlapping in x (a label wrapped over lines) or
    closer than a label gap on one line."""
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.bbox.x0):
        gap = (TURNED_LABEL_GAP if _is_vertical(w) and out and _is_vertical(out[-1][-1]) else LABEL_GAP) * height
        if out and w.bbox.x0 <= max(v.bbox.x1 for v in out[-1]) + gap:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def _label_text(words: list[Word]) -> str:
    """A label's words in reading order: lines top to bottom, words left to right; a label
    printed turned upwards (a narrow column's head) reads its lines left to right and each
    line bottom to top ('Aspecto' / 'Susceptible de' / 'Mejora')."""
    if _mostly_turned(words):
        return " ".join(w.text for w in sorted(words, key=lambda w: (round(w.bbox.x0), -w.bbox.bottom)))
    # lines by vertical overlap, not by rounded tops: on a scan tilted 0.4 degrees 'Fecha' sat a
    # point under 'comprometida' and the label read 'comprometida Fecha' (dev ASM scan 7)
    return " ".join(w.text for line in words_to_word_lines(words, keep_specks=True) for w in line)


def _mostly_turned(words: list[Word]) -> bool:
    """A label most of whose words are printed turned a quarter."""
    return 2 * sum(1 for w in words if _is_vertical(w)) > len(words)


def _is_vertical(word: Word) -> bool:
    """A word printed turned a quarter: its box is taller than wide by VERTICAL_ASPECT."""
    return word.bbox.height > VERTICAL_ASPECT * word.bbox.width


def _block(lines: list[Line], i: int, hrules: list[float]) -> list[Line]:
    """Line ``i`` and the lines a header wrapped onto: overlapping it (a label centred over
    two lines) or right under it with no ruling between, until a row starts."""
    block = [lines[i]]
    bottom = lines[i].bbox.bottom
    rows = 1  # visual lines: tesseract reads each label of a ruled head as a line of its own
    for nxt in lines[i + 1 : i + MAX_HEADER_LINES * MAX_LABELS]:
        if row_number(nxt.words[0].text) is not None or fecha_row_end(nxt) is not None:
            break
        height = max(nxt.bbox.height, 1.0)
        gap = nxt.bbox.top - bottom
        ruled = any(bottom - 1 <= y <= nxt.bbox.top + 1 for y in hrules)
        if gap > HEADER_LINE_GAP * height or (gap > 0 and ruled):
            break
        rows += nxt.bbox.top >= bottom - height / 2  # below the lines so far, not beside them
        if rows > MAX_HEADER_LINES:
            break
        block.append(nxt)
        bottom = max(bottom, nxt.bbox.bottom)
    return block


def header_at(
    lines: list[Line], i: int, hrules: list[float] = ()
) -> tuple[int, list[tuple[str | None, float, float]], str] | None:
    """If a header starts at line ``i``: (its line count, its labels as (role, x0, x1), tipo).
    Of the header's possible extents, the one naming most columns, the longest on a tie."""
    block = _block(lines, i, list(hrules))
    turned = any(_is_vertical(w) for ln in block for w in ln.words if w.bbox is not None and len(w.text) > 2)
    text = " ".join(ln.text for ln in block)
    if not is_header_text(text) and not turned and len(roles_in(text)) < MIN_GATE_ROLES:
        # a turned head is judged by its labels below: OCR may keep only their ends; so is one
        # naming other columns whose finding's label OCR misspelt ('Aspectos Susceptibies de
        # Mejora' beside 'Actividades', 'Área Responsable' ..., ASM 7520): named one by one
        return None
    best = None
    for k in range(1, len(block) + 1):
        words = [
            w
            for ln in block[:k]
            for w in ln.words
            if w.bbox is not None and not RULE_GLYPH.fullmatch(w.text) and w.bbox.width >= MIN_LABEL_WORD_W
        ]
        if not words:
            continue
        height = median(_thickness(w) for w in words)
        labels = [(_role_of_label(c, k), min(w.bbox.x0 for w in c), max(w.bbox.x1 for w in c))
                  for k, c in enumerate(_clusters(words, height))]  # fmt: skip
        named = [r for r, _, _ in labels if r]
        if TEXTO in named and len(named) >= 2 and 2 * len(named) >= len(labels):
            if best is None or len(named) >= best[0]:
                best = (len(named), k, labels)
    if best is None:
        return None
    text = " ".join(ln.text for ln in block[: best[1]])
    tipo = "recomendacion" if RECOMENDACION.search(fold(text)) else "hallazgo"
    body = lines[i + best[1] : i + best[1] + NUMBER_LOOKAHEAD]
    return best[1], _with_date_column(_with_number_column(best[2], body), body), tipo


def _thickness(word: Word) -> float:
    """A word's line height as printed: its box's height, or its width when it is turned (a
    turned label's 'height' is its length, and as a gap it would join every column's label)."""
    return word.bbox.width if _is_vertical(word) else word.bbox.height


def _role_of_label(words: list[Word], k: int) -> str | None:
    """A label's role; a label OCR garbled in part, by the words or word ends it kept (a turned
    label's ends; 'dos e cumplimiento' for 'Fecha de cumplimiento', dev ASM scan 47); the first
    label, when it is a symbol or two and no word, is the number column's '#' as OCR misreads
    it ('$', '%', '*': dev scan 21 lost its table over '$')."""
    text = _label_text(words)
    role = role_of(text)
    if role is None and _mostly_turned(words):
        role = role_of_fragments(text)  # a turned label's ends
    turned = [w for w in words if _is_vertical(w)]
    upright = [w for w in words if not _is_vertical(w)]
    debris = all(len(re.sub(r"\W", "", w.text)) <= MAX_DEBRIS_CHARS for w in upright)
    if role is None and turned and not _mostly_turned(words) and debris:
        # a turned label among upright debris: tesseract also read the turned head across, as
        # lines of junk over every column ('YN = Es] CES Mo] Doy nv', ASM 7805); its turned
        # words alone are the label's ends, however few of them it kept
        role = role_of_fragments(_label_text(turned), share=0.0)
    elif role is None and len(text.split()) <= MAX_PARTIAL_LABEL_WORDS:
        role = role_of_fragments(text, whole=True)  # an upright one OCR half lost: 'dos e cumplimiento'
    if role is None and k == 0 and 0 < len(text.strip()) <= 2 and not any(c.isalnum() for c in text):
        return NUMERO
    return role


def _with_number_column(
    labels: list[tuple[str | None, float, float]], body: list[Line]
) -> list[tuple[str | None, float, float]]:
    """A header with no number label ('No.' printed white on a dark band OCR read as nothing,
    dev ASM scan 13) over rows whose numbers stand first, left of its first label: the number
    column is there, its label lost. Likewise a first label no role was read in, over the
    numbers. At least MIN_NUMBER_CELLS of them, or a stray digit would make one."""
    if any(role == NUMERO for role, _, _ in labels) or not labels:
        return labels
    numbers = [  # a line's first word: OCR's lines of an unruled page are regrouped into visual lines
        ln.words[0].bbox for ln in body if ln.words and ln.words[0].bbox and row_number(ln.words[0].text) is not None
    ]
    unread = labels[0][0] is None and len(labels) > 1
    if unread:  # a first label OCR garbled ('mur. Consc', dev ASM scan 26) over the numbers
        under = [b for b in numbers if b.x1 < labels[1][1] - MIN_LABEL_GAP]
        if len(under) >= MIN_NUMBER_CELLS:
            return [(NUMERO, labels[0][1], labels[0][2]), *labels[1:]]
    numbers = [b for b in numbers if b.x1 < labels[0][1] - MIN_LABEL_GAP]
    if len(numbers) < MIN_NUMBER_CELLS:
        return labels
    return [(NUMERO, min(b.x0 for b in numbers), max(b.x1 for b in numbers)), *labels]


def _with_date_column(
    labels: list[tuple[str | None, float, float]], body: list[Line]
) -> list[tuple[str | None, float, float]]:
    """A header with no date label over a column of dates: the label OCR garbled ('Fecha
    compromiso de atención' on a grey band read 'ERGO OMPESisO' / 'de atención', generated ASM
    scan 83 dropped eight rows' dates with no flag) is the date's, when the body's text under it
    is made of date pieces ('30 de SEPTIEMBRE' / 'de 2020') on MIN_DATE_LINES lines or more and
    on most of the lines that hold any text there."""
    if any(role == FECHA for role, _, _ in labels):
        return labels
    for k, (role, x0, x1) in enumerate(labels):
        if role is not None:
            continue
        # the label's own pieces after it (a garbled label OCR cut in two: 'Fecra ce cum' / 'm ento')
        end = k + 1
        while end < len(labels) and labels[end][0] is None:
            end += 1
        x1 = labels[end - 1][2]
        # from the label's left edge, not the activity label's right one: the activity's lines
        # reach under a label printed right of them ('... que definan Enero 2025', ASM scan 7708)
        left = max(labels[k - 1][2], x0 - MIN_LABEL_GAP) if k else x0 - MIN_LABEL_GAP
        right = labels[end][1] if end < len(labels) else x1 + MIN_LABEL_GAP
        texts = []
        for ln in body:
            words = [w.text for w in ln.words if w.bbox is not None and left < w.bbox.x_center < right]
            if words:
                texts.append(" ".join(words))
        dated = sum(1 for t in texts if is_date_piece(t))
        if dated >= MIN_DATE_LINES and 2 * dated > len(texts):
            return [*labels[:k], (FECHA, x0, x1), *labels[end:]]
    return labels


def fecha_row_end(line: Line) -> int | None:
    """Where the 'Fecha comprometida ...:' label at the start of a line with a date after it ends."""
    end = fecha_label_end(line.text)
    if end is None or not line.text[end:].strip():
        return None
    return end


def cell_lines(body: list[Line], labels: list[tuple[str | None, float, float]]) -> list[Line]:
    """Body lines that hold two cells or more (a gap wider than a label gap between two words),
    up to the first prose line: one with no such gap whose words run unbroken over the centres of
    two labels of different roles. A justified prose line covers every x and would hide the
    columns' gutters, and the signature block under the clauses (three names in three columns, dev
    ASM text PDF 50) has gaps of its own that would move a gutter into a cell's text. Labels of one
    role do not count: a header OCR garbled names one column twice ('p ecomendació' / 'compro'),
    and a finding's line runs over both (dev ASM scan 39)."""
    centres = [(role, (a0 + a1) / 2) for role, a0, a1 in labels if role is not None]
    out = []
    for ln in body:
        ws = [w for w in ln.words if w.bbox is not None]
        height = max(median(w.bbox.height for w in ws), 1.0) if ws else 1.0
        if any(b.bbox.x0 - a.bbox.x1 > LABEL_GAP * height for a, b in zip(ws, ws[1:])):
            out.append(ln)
            continue
        spanned = {role for role, c in centres if ws and ws[0].bbox.x0 < c < ws[-1].bbox.x1}
        if len(spanned) >= 2 and fecha_label_end(ln.text) is None:
            break  # prose; a 'Fecha comprometida: …' row spans the table and is no end of it
    return out


def table_lines(body: list[Line], labels: list[tuple[str | None, float, float]]) -> list[Line]:
    """The body's lines up to the first that runs unbroken over the centres of two named
    columns (prose, or the signatures under the table); tesseract writes a ruled table's cells
    as lines of their own, so every line counts, not only those holding two cells."""
    centres = [(a0 + a1) / 2 for role, a0, a1 in labels if role is not None]
    keep = {id(ln) for ln in cell_lines(body, labels)}  # lines of several cells: not prose
    out = []
    for ln in body:
        ws = [w for w in ln.words if w.bbox is not None]
        if not ws:
            continue
        if id(ln) not in keep and sum(1 for c in centres if ws[0].bbox.x0 < c < ws[-1].bbox.x1) >= 2:
            break
        out.append(ln)
    return out


def _shared_cell(ra: str | None, rb: str | None, lo: float, hi: float, rules: list[float]) -> float | None:
    """Two labels between the same two rulings of a ruled table stand in one column: a header OCR
    garbled into pieces ('p ecomendació compro Je atención', dev ASM scan 39) names a column twice
    or adds a piece no role knows. The column is the named label's whole, up to its ruling: the
    cut goes on the ruling past the unnamed piece (right of both when the left one is named). Two
    different roles in one ruled cell are left to the gutter: the scan may have lost the ruling
    between them."""
    if ra != rb and ra is not None and rb is not None:
        return None
    left = [x for x in rules if x < lo]
    right = [x for x in rules if x > hi]
    if not left or not right:
        return None
    return min(right) if ra is not None else max(left)


# signs OCR reads from specks, stains and rúbricas before a word's first letter
LEADING_SPECKS = "“”\"'‘’`.,;:|_-~*»«"


def speck_led(word: Word) -> bool:
    """A word OCR read with a speck before its letters ('“información': a mark in the number
    column joined to the text's first word, ASM scan 7824): its box starts where no letter of it
    is, so it tells nothing of where a column starts."""
    return len(word.text) > 1 and word.text[0] in LEADING_SPECKS and word.text[1].isalnum()


def borders(labels: list[tuple[str | None, float, float]], body: list[Line], rules: list[float]) -> list[float]:
    """Cuts between adjacent labels: a vertical ruling between their centres, else the middle of
    the widest run of x covered by the fewest words of the body's cell lines there (the gutter)."""
    cuts = []
    # lines holding two cells show the gutters; where tesseract wrote every cell as a line of its
    # own (a ruled table's, under a turned head: ASM 7526), every line of the table does
    cells = cell_lines(body, labels) or table_lines(body, labels)
    for (ra, a0, a1), (rb, b0, b1) in zip(labels, labels[1:]):
        lo, hi = (a0 + a1) / 2, (b0 + b1) / 2
        inside = [x for x in rules if lo < x < hi]
        if inside:
            cuts.append(min(inside, key=lambda x: abs(x - (a1 + b0) / 2)))
            continue
        shared = _shared_cell(ra, rb, lo, hi, rules)
        if shared is not None:
            cuts.append(shared)
            continue
        if b0 - a1 > MIN_LABEL_GAP:  # the gutter lies between the labels' edges, not inside a centred cell
            lo, hi = a1, b0
        spans = [
            (w.bbox.x0, w.bbox.x1)
            for ln in cells
            for w in ln.words
            if w.bbox and w.bbox.x1 > lo and w.bbox.x0 < hi and not speck_led(w)
        ]
        xs = [lo + k for k in range(int(hi - lo) + 1)]
        cover = [sum(1 for s0, s1 in spans if s0 <= x <= s1) for x in xs]
        if not xs:
            cuts.append((a1 + b0) / 2)
            continue
        least = min(cover)
        runs: list[tuple[float, float]] = []  # runs of least coverage, (start, end)
        for x, n in zip(xs, cover):
            if n != least:
                continue
            if runs and x - runs[-1][1] <= 1.0:
                runs[-1] = (runs[-1][0], x)
            else:
                runs.append((x, x))
        mid = (a1 + b0) / 2
        start, end = max(runs, key=lambda r: (r[1] - r[0], -abs((r[0] + r[1]) / 2 - mid)))
        cuts.append((start + end) / 2)
    return cuts

"""Tesseract's text of a scanned table, one cell per line -> rows, the columns' order asked of
the rows' arithmetic.

Run on a scan without layout options, tesseract segments a wide table into blocks and writes
each cell as lines of its own: a row's resumen, its code, its indicator and its commentary come
interleaved, and its numbers follow one another ('10,110' / '2,906' / '1,918' / '3,651' /
'11035 2,906 1,741 3691'). The line readings look for a row on a line and find none (the
generator's real-OCR text forms read 24% of their numbers). Here a row is its run of lines
that print numbers only (at least ``MIN_RUN_TOKENS`` of them: a code alone or a figure the
commentary wrapped is no run), and its keys are the code, acronym and level printed on the
lines before the run, the last of each (the lines after the previous run are that row's
commentary).

The head's cells come interleaved too, so the order of the numeric columns is not read from
it: every order a MIR head prints (the annual target first or last; programado and alcanzado
grouped by kind or by quarter; alcanzados for all quarters or up to the reported one; a %
column or none) of the rows' count of numbers is tried against the rows' own arithmetic (Σ
programado = meta anual, % = alcanzado / programado), and the one it backs on the most rows
is taken, only when it is the one. Each row's values then go through its own checks.
"""

from __future__ import annotations

import regex

from papeleo.model import Document

from .align import DOUBTFUL_SUFFIX, FIELDS, row_relations, value_of
from .fields import frecuencia_of, nivel_of
from .lines import place_numbers
from .record import QUARTERS_OF
from .row_tokens import NUMBERISH
from .solve import adds_up, suma_holds
from .table import RowCells, numeric_field

# a run of number lines is a row's cells when it prints at least this many numbers: a code
# alone ('1.5') or a commentary's wrapped figure ('342,650') prints one
MIN_RUN_TOKENS = 4
# ... or this many right under the row's frequency cell: an annual indicator's target and fourth
# quarter (two figures of a commentary never follow a frequency word on its own line)
MIN_MEASURED_TOKENS = 2
# a speck OCR read among a line's numbers as a short word ('The'); a longer word is text
MAX_STRAY_CHARS = 3
# the text is tesseract's cells apart when at least this share of its lines printing two or more
# numbers print nothing else: 0.65-0.95 on the generator's real-OCR texts, 0.0-0.2 on text laid
# out in rows or one cell per line (dev OCR'd text 100-399, block (c) and (d))
MIN_APART_SHARE = 0.5
DIGIT = regex.compile(r"\d")
# an order of the columns is taken when the rows' arithmetic backs it on at least this many rows,
# and backs no other order as well: fewer is within coincidence
MIN_BACKED_ROWS = 3
# a code printed alone on its line: '1.5', '1.5.1.1', '2.3.1.' (not a value: values print
# thousands with commas and at most one point)
# (a speck before it: '.3.6.4.2'). A code of two levels only when another code of the document
# extends it ('1.5' beside '1.5.1'): alone, '78.73' on its line is a value
CODE_LINE = regex.compile(r"^[.,']?(\d{1,3}(?:\.\d{1,3}){1,7})\.?$")
# a code of this many levels or more is a code wherever it stands (a value prints one point)
MIN_SURE_CODE_LEVELS = 3
# a code leading the resumen's first line: '3.2.1.1 Recolección de toneladas de residuos' (a
# capital after it: a commentary's figure is followed by lower case or '%')
CODE_LEAD = regex.compile(r"^(\d{1,3}(?:\.\d{1,3}){1,7})\.?\s+\p{Lu}")
# ... or a Fin's code of one level, before a word: '3 Contribuir a impulsar el' (a figure the
# commentary wrapped is followed by lower case, '%' or a unit)
CODE_LEAD_ONE_LEVEL = regex.compile(r"^(\d{1,3})\s+\p{Lu}\p{Ll}{2,}")
# an acronym alone on its line: 'TVDPUL', 'PSALAM'
ACRONYM_LINE = regex.compile(r"^[A-ZÁÉÍÓÚÑ]{3,12}$")
# ... or leading the indicator's first line, marked: 'PAEEE= Porcentaje de', 'PSAL: Porcentaje',
# 'PTRSUR - Porcentaje de toneladas'
ACRONYM_LEAD = regex.compile(r"^([A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{2,11})(?:\s?[:=]|\s[-–—])\s")

Kind = tuple[str, int | None]
# the last row's lines after its numbers are read this far: its level and frequency stand within
# the few lines of its wrapped cells; further on stand the page's foot and signatures
MAX_LAST_TAIL_LINES = 12
# a column the arithmetic cannot name
UNKNOWN: Kind = ("?", None)


def document_to_cell_line_rows(doc: Document, T: int | None) -> list[RowCells]:
    """The rows of a plain-text document written one cell per line (module doc); none when its
    lines hold no such runs or no order of the columns is backed."""
    if not T or any(p.text_source != "plain_text" for p in doc.pages):
        return []
    lines = [(p.number, ln.text.strip()) for p in doc.pages for ln in p.lines if ln.text.strip()]
    codes = _codes_of([t for _, t in lines])
    numbers = [_numbers_of(t, codes) for _, t in lines]
    if not _cells_apart([t for _, t in lines], numbers):
        return []  # rows printed on lines, or cells one per line in row order: the line readings' text
    runs = _number_runs([t for _, t in lines], numbers)
    if len(runs) < MIN_BACKED_ROWS:
        return []
    # each row's numbers with its lines as tesseract wrote them, and bottom-up (module doc)
    directions = [
        [[t for j in range(a, b) for t in numbers[j] or []] for a, b in runs],
        [[t for j in reversed(range(a, b)) for t in numbers[j] or []] for a, b in runs],
    ]
    backed = _backed_order(directions, T)
    if backed is None:
        return []
    seq = backed[0]
    tokens = _tokens_by_page_direction(seq, directions, backed[1], [lines[a][0] for a, _ in runs], T)
    out: list[RowCells] = []
    texts = [t for _, t in lines]
    heads, tails = _row_segments(texts, runs, codes)
    # where the rows print their level and frequency: before their numbers, or after them
    after = _described_after(heads, tails)
    for (a, b), toks, head, tail in zip(runs, tokens, heads, tails):
        rc = RowCells(page=lines[a][0])
        _keys(rc, head, codes, described=not after)
        _keys(rc, [t for j, t in enumerate(texts[a:b], a) if numbers[j] is None], codes, keys=False)
        if after:
            _keys(rc, tail[::-1], codes, keys=False)  # the first of each after the numbers: the cells beside them
        elif "frecuencia" not in rc.text:
            # the frequency cell can come right after the numbers too ('0 100' / 'Semestral')
            _keys(rc, [t for t in texts[b : b + 2] if frecuencia_of(t) and len(t.split()) == 1], codes)
        measured = QUARTERS_OF.get(frecuencia_of(rc.text.get("frecuencia")) or "")
        # an indicator measured in some quarters prints '0' in the others, or a blank, gone from
        # the text: the columns of its count
        row_seq = [k for k in seq if k[0] not in ("prog", "alc") or not measured or k[1] in measured]
        pairs, note, _ = place_numbers(
            toks, row_seq if len(toks) == len(row_seq) else _columns_of_count(seq, len(toks)) or seq, T
        )
        if pairs is None:
            rc.notes.append(
                f"{len(toks)} números para {len(seq)} columnas: ninguna alineación cuadra con la aritmética de la fila"
            )
        else:
            for (kind, q), tok in pairs:
                if name := numeric_field(kind, q, T):
                    rc.numbers[name] = tok
            if note:
                rc.notes.append(note)
            _doubt_constant_only(rc)
            if b - a > 1:
                _doubt_unpinned_quarters(rc, T)
        rc.notes.append(
            "orden de las columnas tomado de la aritmética de las filas (texto de OCR, una celda por línea)"
        )
        out.append(rc)
    return out


def _doubt_constant_only(rc: RowCells) -> None:
    """A row whose Σ holds only as a constant indicator's (every programado printed non-zero equal
    to the meta) while it also prints zeros: the zeros and the targets could sit in any of its
    quarters and the check would still hold. In this reading a row's numbers come in an order
    tesseract chose ('0 100' / '100 0 100'), so its programados are doubted, each by name."""
    values = {f: value_of(t) for f, t in rc.numbers.items()}
    meta, progs = (
        values.get("meta_anual"),
        {f: v for f, v in values.items() if f.startswith("programado_") and v is not None},
    )
    if meta is None or not progs or adds_up(meta, list(progs.values())):
        return
    if 0 in progs.values() and suma_holds({**dict.fromkeys(FIELDS), **values}):
        rc.checks += [f"{f}{DOUBTFUL_SUFFIX}=conflict" for f in sorted(progs)]
        rc.notes.append(
            "Σ programado sólo cuadra como indicador constante: los ceros y las metas pueden ir en otros trimestres"
        )


def _doubt_unpinned_quarters(rc: RowCells, T: int) -> None:
    """A row whose numbers tesseract wrote over several lines: it orders those lines as it
    segments the page, not always top to bottom ('109 109 100.00%' / '98 130' / '127 163' /
    '81 78': the fourth quarter first, validation OCR'd text 1025). Σ programado holds whatever
    quarter each programado sits in, so only a check that names a quarter's cell (the % of the
    reported quarter) pins it; every other programado and alcanzado is doubted, by name."""
    pinned = {
        f for name, fields, ok in row_relations(rc.numbers, T, None) if ok and name != "suma_programado" for f in fields
    }
    doubted = sorted(f for f in rc.numbers if f.startswith(("programado_", "alcanzado_")) and f not in pinned)
    flagged = {c.partition("=")[0] for c in rc.checks}
    new = [f for f in doubted if f"{f}{DOUBTFUL_SUFFIX}" not in flagged]
    if new:
        rc.checks += [f"{f}{DOUBTFUL_SUFFIX}=conflict" for f in new]
        rc.notes.append(f"celdas en varias líneas del OCR: ninguna comprobación fija el trimestre de {', '.join(new)}")


def _cells_apart(lines: list[str], numbers: list[list[str] | None]) -> bool:
    """Whether the text sets numbers apart from words: most lines printing two numbers or more
    print nothing else (``MIN_APART_SHARE``). Tesseract's text of a scanned table does ('216,970.90
    223,972.00 167,052.95 349,627.00 -'); text laid out in rows prints them among the row's words,
    and text of one cell per line in row order prints one number a line — both read by the line
    readings, which this reading only loses rows to."""
    several = [
        i for i, ln in enumerate(lines) if sum(1 for t in ln.split() if NUMBERISH.match(t) and DIGIT.search(t)) >= 2
    ]
    apart = sum(1 for i in several if numbers[i] is not None)
    return len(several) >= MIN_BACKED_ROWS and apart >= MIN_APART_SHARE * len(several)


def _number_runs(lines: list[str], numbers: list[list[str] | None]) -> list[tuple[int, int]]:
    """(start, end) of every run of consecutive lines printing numbers only (but for a level or
    frequency cell between them), MIN_RUN_TOKENS or more of them — or two or more right under
    the row's frequency ('Anual' / '393' / '393': an annual indicator prints its target and its
    fourth quarter only)."""
    out = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and numbers[j] is not None:
            j += 1
            # a row's level or frequency cell set among its numbers ('95 102 95 95 95' /
            # 'Trimestral' / '95', dev MIR OCR'd text 149: the meta anual after it)
            if j + 1 < len(lines) and numbers[j] is None and numbers[j + 1] is not None and _described(lines[j]):
                j += 1
        count = sum(len(numbers[k] or []) for k in range(i, j))
        after_frequency = i > 0 and len(lines[i - 1].split()) == 1 and frecuencia_of(lines[i - 1]) is not None
        if j > i and (count >= MIN_RUN_TOKENS or (after_frequency and count >= MIN_MEASURED_TOKENS)):
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _codes_of(lines: list[str]) -> frozenset[str]:
    """The lines of a document that print a code alone: of MIN_SURE_CODE_LEVELS levels or more,
    or fewer where a longer code of the document starts with it (CODE_LINE)."""
    alone = {ln: m.group(1) for ln in lines if (m := CODE_LINE.match(ln))}
    led = [m.group(1) for ln in lines if (m := CODE_LEAD.match(ln))]
    longer = [c for c in [*alone.values(), *led] if c.count(".") + 1 >= MIN_SURE_CODE_LEVELS]
    return frozenset(
        ln
        for ln, code in alone.items()
        if code.count(".") + 1 >= MIN_SURE_CODE_LEVELS or any(c.startswith(code + ".") for c in longer)
    )


def _numbers_of(line: str, codes: frozenset[str]) -> list[str] | None:
    """The numbers of a line that prints numbers only, None for any other line. One short
    token without a digit among them is OCR's reading of a speck ('3691 The') and is dropped."""
    if line in codes:
        return None
    tokens = line.split()
    numbers = [t for t in tokens if NUMBERISH.match(t)]
    stray = [t for t in tokens if not NUMBERISH.match(t)]
    if not numbers or len(stray) > 1 or any(len(t) > MAX_STRAY_CHARS or DIGIT.search(t) for t in stray):
        return None
    return numbers


def _row_segments(
    texts: list[str], runs: list[tuple[int, int]], codes: frozenset[str]
) -> tuple[list[list[str]], list[list[str]]]:
    """Each row's lines before its numbers, from its first key line (code or acronym) on, and
    its lines after them, up to the next row's first key line. Between two runs the lines of
    the row above end where the next row's keys begin; a window with no key line is all the
    next row's."""
    heads: list[list[str]] = []
    tails: list[list[str]] = []
    previous_end = 0
    for a, b in runs:
        window = texts[previous_end:a]
        first = next((i for i, t in enumerate(window) if _key_line(t, codes)), 0)
        if tails:
            tails[-1] = window[:first]
        heads.append(window[first:])
        tails.append(texts[b:])
        previous_end = b
    if tails:
        tails[-1] = tails[-1][:MAX_LAST_TAIL_LINES]
    return heads, tails


def _described_after(heads: list[list[str]], tails: list[list[str]]) -> bool:
    """Whether the rows print their level and frequency after their numbers: more such lines
    stand after the runs than before them (tesseract writes a row's cells block by block, and
    the blocks' order follows the page's segmentation, not the head's)."""
    before = sum(1 for h in heads for t in h if _described(t))
    return sum(1 for t_ in tails for t in t_ if _described(t)) > before


def _key_line(line: str, codes: frozenset[str]) -> bool:
    return bool(line in codes or CODE_LEAD.match(line) or CODE_LEAD_ONE_LEVEL.match(line) or _acronym(line))


def _described(line: str) -> bool:
    return len(line.split()) <= 2 and bool(nivel_of(line) or frecuencia_of(line))


def _acronym(line: str) -> str | None:
    if ACRONYM_LINE.match(line):
        return line
    m = ACRONYM_LEAD.match(line)
    return m.group(1) if m else None


def _keys(rc: RowCells, window: list[str], codes: frozenset[str], keys: bool = True, described: bool = True) -> None:
    """The row's code and acronym (``keys``), level and frequency (``described``): the last of
    each printed on a line of its own (or leading one, for the code, the acronym and the level)."""
    for line in window:
        if line in codes and keys:
            rc.text["clave"] = CODE_LINE.match(line).group(1)
        elif (m := CODE_LEAD.match(line) or CODE_LEAD_ONE_LEVEL.match(line)) and keys:
            rc.text["clave"] = m.group(1)
        elif nivel_of(line) and len(line.split()) <= 2:
            if described:
                rc.text["nivel"] = line
        elif frecuencia_of(line) and len(line.split()) <= 2:
            # 'TRIMESTRAL' is no acronym; 'Ascendente Trimestral': the sentido's cell beside it
            if described:
                rc.text["frecuencia"] = frecuencia_of(line) or line
        elif (siglas := _acronym(line)) and keys:
            rc.text["siglas"] = siglas


def _orders(T: int) -> list[list[Kind]]:
    """Every order of numeric columns a MIR head prints (module doc), behind a column no check
    reaches (a línea base) or not."""
    out = []
    for alcanzados in (4, T):
        by_kind = [*(("prog", q) for q in range(1, 5)), *(("alc", q) for q in range(1, alcanzados + 1))]
        by_quarter = [k for q in range(1, 5) for k in (("prog", q), ("alc", q)) if k[0] == "prog" or q <= alcanzados]
        for quarters in (by_kind, by_quarter):
            for pct in ([], [("avance", None)]):
                # ... after a column of no check ('Línea base') or none
                for lead in ([], [UNKNOWN]):
                    out.append([*lead, ("meta", None), *quarters, *pct])
                    out.append([*lead, *quarters, ("meta", None), *pct])
    unique: list[list[Kind]] = []
    for o in out:
        if o not in unique:
            unique.append(o)
    return unique


def _backed_order(directions: list[list[list[str]]], T: int) -> tuple[list[Kind], int] | None:
    """The order of columns the rows' arithmetic backs best (each order tried on the rows that
    print as many numbers as it has columns), when it is the only one, and the reading of the
    rows' lines it was backed on (``directions``: each row's numbers, its lines in one order)."""
    scored = []
    for d, tokens in enumerate(directions):
        for seq in _orders(T):
            held, failed = _backing(seq, tokens, T)
            scored.append((held, -failed, d, seq))
    top = max(scored, key=lambda x: x[:2])
    # a wrong order holds on next to no row; the right one can fail on as many as it holds where
    # tesseract set a neighbour's cell among a row's (a % read before the next row's numbers)
    if top[0] < MIN_BACKED_ROWS:
        return None
    tied = [(d, seq) for held, failed, d, seq in scored if (held, failed) == top[:2]]
    # lines as written where both ways are backed alike (rows of one line read the same both
    # ways); rows over several lines then doubt the quarters no check pins (_doubt_unpinned_quarters)
    best = [(d, seq) for d, seq in tied if d == tied[0][0]]
    # orders the arithmetic backs equally agree where it reaches (the meta, the programados);
    # where they differ ('alcanzado T4' or '%' last, both printed '-' for a third quarter) the
    # column is nobody's: its numbers stay unplaced
    return [kinds[0] if all(k == kinds[0] for k in kinds) else UNKNOWN for kinds in zip(*(s for _, s in best))], best[
        0
    ][0]


def _tokens_by_page_direction(
    seq: list[Kind], directions: list[list[list[str]]], chosen: int, pages: list[int | None], T: int
) -> list[list[str]]:
    """Each row's numbers in the direction its page's rows back best under ``seq``: tesseract
    segments each page anew, and wrote one page's row lines bottom-up and the next top-down
    (dev MIR OCR'd text 355: the rows of page 2 read against page 1's way); the document's
    way where a page's rows back both alike."""
    out = list(directions[chosen])
    for page in dict.fromkeys(pages):
        idx = [i for i, p in enumerate(pages) if p == page]
        held = [_backing(seq, [d[i] for i in idx], T)[0] for d in directions]
        best = max(range(len(directions)), key=lambda d: (held[d], d == chosen))
        for i in idx:
            out[i] = directions[best][i]
    return out


def _columns_of_count(seq: list[Kind], n: int) -> list[Kind] | None:
    """The columns a row of ``n`` numbers is read against: the order itself, or the order without
    its last column when nobody can name that one and the row prints one number fewer (the '-' of
    a quarter not yet reported, lost from tesseract's text: dev MIR OCR'd text 155, page 2's
    rows eight numbers for nine columns, none read); None when the count fits neither."""
    if len(seq) == n:
        return seq
    if seq and seq[-1] == UNKNOWN and len(seq) - 1 == n:
        return seq[:-1]
    return None


def _backing(seq: list[Kind], tokens: list[list[str]], T: int) -> tuple[int, int]:
    """(rows whose every relation holds, rows where one fails) under one order of columns."""
    held = failed = 0
    for toks in tokens:
        columns = _columns_of_count(seq, len(toks))
        if columns is None:
            continue
        numbers = {f: t for (k, q), t in zip(columns, toks) if (f := numeric_field(k, q, T))}
        relations = [ok for _, _, ok in row_relations(numbers, T, None)]
        held += bool(relations) and all(relations)
        failed += not all(relations)
    return held, failed

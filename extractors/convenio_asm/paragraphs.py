"""Rows OCR wrote one cell per paragraph around a Markdown table, put back as its pipe rows.

Tesseract could not keep some rows of a Markdown export together: a row comes out as its number,
then each cell a paragraph of its own, between two pieces of its pipe table, or after the table's
last pipe line; its 'Fecha compromiso:' row likewise (ASM dev seed 79, 7725, 7726). Each such
row is written back as a pipe line of the table above, so that the Markdown reader (``markup``)
reads it with the rest; only where the paragraphs are plainly a row (its number, the table's
cells, a date closing it, or the table going on after them) — prose after a table looks alike.
"""

from __future__ import annotations

import re

from papeleo.text import parse_date

from .labels import fecha_label_end, row_number
from .stacked import is_date_piece

# '| 1 | Los reportes ... |' — a pipe row; '|---|---|---|' — its rule
PIPE_LINE = re.compile(r"^\s*\|.*\|\s*$")
PIPE_RULE = re.compile(r"^\s*\|(?:\s*:?-+:?\s*\|)+\s*$")
# a line wholly in quotes: a page's running motto ('“2021. Año del Respeto a los Derechos de las
# Niñas, Niños y Adolescentes”'), never a cell of the table it interrupts
RUNNING_QUOTE = re.compile(r"^\s*[\"“”'‘].{8,}[\"“”'’]\s*$")
# a row's number opening its first cell's text: '3 No se publican ...', '12. Los ...'
MERGED_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2})[.)]?\s+(?P<rest>\S.*)$", re.S)
# a paragraph row is looked for this many lines at most after its table's last pipe line: the
# lines between two pieces of one table (a row of up to four cells of a few lines each); more
# and the paragraphs are the prose after the table
MAX_PARAGRAPH_ROW_LINES = 30
# a date row written as paragraphs is its label's line, blank lines, and the date's line
DATE_ROW_LINES = 6
# a date's line is at most this long ('1 de noviembre de 2018 al 31 de marzo de 2019' is 45); a
# longer line after a bare date label is the prose after the table, not that row's date
MAX_DATE_LINE_CHARS = 60
DIGIT = re.compile(r"\d")
# a page break after text on its line: 'agosto 2021\f| Núm. | Descripción ...'
PAGE_BREAK_IN_LINE = re.compile(r"(?<=[^\n\f])\f")
# a bar glued to a word's letters: an 'l' OCR misread ('fisca|', 'ü|timo', 'de|')
GLYPH_BAR = re.compile(r"(?<=\w)\|(?=\w|\s|$)|(?<=\s)\|(?=\w)")


def _paragraphs(lines: list[str], start: int, stop: int) -> list[tuple[int, int]]:
    """(first, end) line spans of the runs of non-blank lines in ``lines[start:stop]``."""
    out, i = [], start
    while i < stop:
        if not lines[i].strip():
            i += 1
            continue
        j = i
        while j < stop and lines[j].strip():
            j += 1
        out.append((i, j))
        i = j
    return out


def _date_row(lines: list[str], spans: list[tuple[int, int]], columns: int) -> tuple[str, int] | None:
    """A date row written as paragraphs under its row ('Fecha compromiso:' / 'S/F', ASM 7726) as
    a pipe line of the table, and the line after what it took; None when the first paragraph is
    no date row's label. The date is the label's own line's rest, or the one-line paragraph
    after it, short as a date is (prose after the table is no date: it stays prose)."""
    if not spans:
        return None
    label = lines[spans[0][0]].strip()
    end = fecha_label_end(label)
    if end is None or "|" in label:
        return None
    # the lines after the label's: in its own paragraph (a reader that drops blank lines) or the next
    after = list(range(spans[0][0] + 1, spans[0][1])) + (list(range(*spans[1])) if len(spans) > 1 else [])
    rest, stop = label[end:].strip(), spans[0][0] + 1
    if not rest and after:
        date = lines[after[0]].strip()  # a short line with a digit or a date's words: the date
        if len(date) <= MAX_DATE_LINE_CHARS and "|" not in date and (is_date_piece(date) or DIGIT.search(date)):
            rest, stop = date, after[0] + 1
    cells = [label[:end].strip(), rest]
    return _pipe_line(cells, columns), stop


def _rows_of_paragraphs(lines: list[str], spans: list[tuple[int, int]], columns: int) -> list[str] | None:
    """The pipe lines of the rows written one cell per paragraph between two pieces of a table:
    a new row opens at a paragraph that is a number alone right after a date's paragraph (the
    row before closed: '8' / its activity / 'enero 2021' / '9' / ..., dev OCR'd text 122); None
    when any piece is not such a row."""
    starts = [0] + [
        k
        for k in range(1, len(spans))
        if spans[k][1] - spans[k][0] == 1
        and row_number(lines[spans[k][0]].strip()) is not None
        and is_date_piece(" ".join(ln.strip() for ln in lines[spans[k - 1][0] : spans[k - 1][1]]))
    ]
    out: list[str] = []
    for a, b in zip(starts, [*starts[1:], len(spans)]):
        got = _row_of_paragraphs(lines, spans[a:b], columns)
        if got is None:
            return None
        out += got
    return out


def _row_of_paragraphs(lines: list[str], spans: list[tuple[int, int]], columns: int) -> list[str] | None:
    """The pipe lines of a row written one cell per paragraph: its number (alone, or opening its
    finding's line: '5 También se detectó ...'), then at most one paragraph per remaining column
    (one starting in lower case goes on the cell before: a blank line OCR put inside a cell),
    and its date row written the same way; None when the paragraphs are not such a row. A
    running line before the number ('"2019. Año de ..."', one line) is the page's, not the row's."""
    if len(spans) > 1 and spans[0][1] - spans[0][0] == 1 and _opening(lines[spans[0][0]]) is None:
        spans = spans[1:]
    first = _opening(lines[spans[0][0]]) if spans and spans[0][1] - spans[0][0] == 1 else None
    if first is None:
        return None
    cells = first
    for k, (a, b) in enumerate(spans[1:], start=1):
        text = _cell_text(lines, a, b)
        if text is None:
            continue
        dated = _date_row(lines, spans[k:], columns)
        if dated is not None:
            return [_pipe_line(cells, columns), dated[0]] if len(cells) <= columns else None
        _add_cell(cells, text)
    cells = _date_led_split(cells, columns)
    return [_pipe_line(cells, columns)] if len(cells) <= columns else None


def _date_led_split(cells: list[str], columns: int) -> list[str]:
    """A row of paragraphs a cell short whose date ran into the next cell's paragraph ('31 de
    Agosto de 2023 Contar con procesos establecidos ...', dev OCR'd text 8515: the results read
    as the date's words, the row a failure): that one paragraph cut after its date, when it opens
    with a whole date and goes on with a capital; the cells as they were otherwise."""
    if len(cells) != columns - 1:
        return cells
    led = []
    for k, text in enumerate(cells[1:], start=1):
        d = parse_date(text.strip())
        rest = text.strip()[d.span[1] :].strip() if d is not None and d.start == 0 else ""
        if rest[:1].isupper() and not d.year_inferred:
            led.append((k, text.strip()[: d.span[1]], rest))
    if len(led) != 1:
        return cells
    k, date, rest = led[0]
    return [*cells[:k], date, rest, *cells[k + 1 :]]


def _cell_text(lines: list[str], a: int, b: int) -> str | None:
    """A paragraph's text as one cell; None for the page's running line in quotes ('“2021. Año
    del Respeto a ...”'), which is no cell. No line of these paragraphs is a pipe line: a bar in
    one is a letter OCR misread ('ejercicio fisca| y se reintegró', ASM 7725), which would cut
    the cell in two."""
    text = GLYPH_BAR.sub("l", " ".join(ln.strip() for ln in lines[a:b])).replace("|", " ")
    return None if RUNNING_QUOTE.match(text) else text


def _add_cell(cells: list[str], text: str) -> None:
    """The next cell, or more of the last one when it goes on in lower case (a blank line OCR
    put inside a cell), unless it is a date ('enero 2021': a month's name is in lower case too);
    the number's cell takes no more."""
    if len(cells) > 1 and text[:1].islower() and not is_date_piece(text):
        cells[-1] += " " + text
    else:
        cells.append(text)


def _pipe_line(cells: list[str], columns: int) -> str:
    return "| " + " | ".join(cells + [""] * (columns - len(cells))) + " |"


def _opening(line: str) -> list[str] | None:
    """A row's first cells from the line that opens it: its number alone, or its number and the
    first line of its finding, in capitals ('5 También se detectó que ...')."""
    text = line.strip()
    if row_number(text) is not None:
        return [text]
    m = MERGED_NUMBER.match(text)
    if m and row_number(m["n"]) is not None and m["rest"][:1].isupper() and "|" not in text:
        return [m["n"], m["rest"]]
    return None


def paragraph_rows_to_pipes(text: str) -> str:
    """``text`` with each row written one cell per paragraph between two pieces of its pipe
    table (dev seed 79: '3' / the finding's lines / the list / 'Tercer Trimestre de 2024', then
    '| 4 | ...') put back as a pipe row of that table. Only where the table goes on after the
    paragraphs, or where the paragraphs are the table's next row closed by its date (the last
    rows of a table, ASM 7725): a row's cells and the prose after a table look alike otherwise.
    A date row written as paragraphs right under the table is its last row's, wherever the text
    goes on. Paragraphs that cross a page break are left as they are: the shared reader takes
    pipe lines at a page's foot for the head of the table on the next page."""
    # a page's last line and the next page's first share a line where the page break is ('agosto
    # 2021\f| Núm. | ...', dev OCR'd text 122): each is a line of its own page
    lines = PAGE_BREAK_IN_LINE.sub("\n\f", text).split("\n")
    out: list[str] = []
    columns = 0  # of the pipe table last seen (its rule's count)
    width = 0  # cells of the table's last numbered row (0 before the first)
    last = 0  # the number of the table's last row
    i = 0
    while i < len(lines):
        ln = lines[i]
        if PIPE_LINE.match(ln):
            if PIPE_RULE.match(ln):
                columns, last, width = ln.strip().count("|") - 1, 0, 0
            opening = _opening(ln.strip().strip("\f").lstrip("|").split("|")[0])
            if opening and row_number(opening[0]) is not None:
                # a body row's cells: a table that lost a column writes its rows a cell short of its rule
                last, width = row_number(opening[0]), ln.strip().count("|") - 1
            out.append(ln)
            i += 1
            continue
        after_table = columns and out and PIPE_LINE.match(out[-1])
        if after_table:
            # up to the page's end: a date row does not cross a page break
            end = next((k for k in range(i, min(len(lines), i + DATE_ROW_LINES)) if "\f" in lines[k]), None)
            dated = _date_row(lines, _paragraphs(lines, i, end or min(len(lines), i + DATE_ROW_LINES)), columns)
            if dated is not None:
                out.append(dated[0])
                i = dated[1]
                continue
        nxt = next(
            (k for k in range(i, min(len(lines), i + MAX_PARAGRAPH_ROW_LINES)) if PIPE_LINE.match(lines[k])), None
        )
        if after_table and nxt is not None and "\f" not in "".join(lines[i:nxt]):
            got = _rows_of_paragraphs(lines, _paragraphs(lines, i, nxt), width or columns)
            if got is not None:
                out += got
                last = row_number(got[-1].strip("| ").split("|")[0].strip()) or last
                i = nxt
                continue
        if after_table:
            stop = next((k for k in range(i, min(len(lines), i + MAX_PARAGRAPH_ROW_LINES)) if "\f" in lines[k]), None)
            closed = _closed_row(
                lines, _paragraphs(lines, i, stop or min(len(lines), i + MAX_PARAGRAPH_ROW_LINES)), columns, last + 1
            )
            if closed is not None:
                out.append(closed[0])
                last, i = last + 1, closed[1]
                continue
        out.append(ln)
        i += 1
    return "\n".join(out)


def _closed_row(lines: list[str], spans: list[tuple[int, int]], columns: int, number: int) -> tuple[str, int] | None:
    """The table's next row written one cell per paragraph where no pipe line follows: its number
    ``number`` alone (a running line may come before it, on a line of its own or just above the
    number's), one paragraph per column, the last a date; the pipe line and the line after its
    date. Anything less is left as prose."""
    if spans and spans[0][1] - spans[0][0] == 2 and row_number(lines[spans[0][0] + 1].strip()) == number:
        spans = [(spans[0][0] + 1, spans[0][1]), *spans[1:]]
    if len(spans) > 1 and spans[0][1] - spans[0][0] == 1 and row_number(lines[spans[0][0]].strip()) is None:
        spans = spans[1:]
    if not spans or spans[0][1] - spans[0][0] != 1 or row_number(lines[spans[0][0]].strip()) != number:
        return None
    cells = [str(number)]
    for a, b in spans[1:]:
        text = _cell_text(lines, a, b)
        if text is None:
            continue
        before = len(cells)
        _add_cell(cells, text)
        if len(cells) > before and len(cells) == columns:
            date = cells[-1]
            if len(date) <= MAX_DATE_LINE_CHARS and (parse_date(date) is not None or is_date_piece(date)):
                return _pipe_line(cells, columns), b
            return None
    return None

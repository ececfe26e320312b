"""ASM tables in Markdown and HTML exports of OCR tools (seed 002), row by row.

The shared text-table reader gives the tables; they are walked the way ``grid`` walks lines: a
numbered row starts a record, a ``Fecha comprometida ...:`` row gives the record above its date,
a row without a number continues the record above (a row cut by a page break, or a wrapped cell
exported line by line), a repeated header is skipped. What OCR does to an export's structure is
mended on the way, each from what the table itself shows:

* a row written one cell per paragraph between two pieces of its table (tesseract could not keep
  its cells together) goes back into the table as a row (``paragraph_rows_to_pipes``);
* a head cell holding two labels ('N° Recomendacion') over a body with a column more is split;
* a date row's label cut over two cells ('| Fecha | compromiso: |') is read whole;
* a number run into its text cell ('| 3 No se publican ...') is split back.
"""

from __future__ import annotations

import re
from collections import Counter

import regex

from papeleo.tables import Table, text_to_tables
from papeleo.tables.html import html_fragment_to_text
from papeleo.text import Precision, fold, parse_date

from .coneval_line import COMMENT
from .labels import (
    ACTIVIDAD,
    EVIDENCIAS,
    FECHA,
    NUMERO,
    RECOMENDACION,
    RESULTADOS,
    TEXTO,
    fecha_label_end,
    label_cuts,
    role_of,
    row_number,
)
from .markup_cells import (
    coneval_cell_lost,
    filled_width,
    is_date_cell,
    merged_cells_split,
    number_split,
    shifted_piece,
    split_cell_joined,
)
from .paragraphs import PIPE_LINE, PIPE_RULE, paragraph_rows_to_pipes
from .raw_row import CellLine, RawRow
from .spaced import split_cells
from .spaced_head import header_roles
from .stacked import ACTIVITY_OPENING

# the shared reader's name for a column with no header: 'col4'
PLACEHOLDER = re.compile(r"^col\d+$")
# a bar glued to a day before its month and year: a '1' OCR read as the bar, not a cell's border
# ('| 3| de enero 2020 |' for '31 de enero 2020', dev OCR'd text 209 read the 3rd, unflagged); kept
# in the cell (escaped for the table reader), where the date's repairs read it back and say so
DAY_BAR = regex.compile(r"(?<=[\s|][0-3]?\d)\|(?=\s*d[eac]l?\s+\p{L}{3,}\.?\s+(?:d[eac]l?\s+)?[12][0-9OoIlZ]{3}\b)")
# a finding is a sentence: a cell of fewer words where the findings go is a piece of another cell
MIN_FINDING_WORDS = 3
LOST_FINDINGS = (
    "the table's findings column was lost (its rows hold an activity and a date only); the "
    "activity and date are in this record: read the finding from the document"
)
# a Markdown/HTML table line: '| 1 | ... |', '<table'
PIPES_OR_HTML = re.compile(r"^\s*\||<table\b", re.I | re.M)
# ... or a tab-separated one ('1\tNo existe ...'): the shared reader gives all three as tables of cells
MARKUP_TABLE = re.compile(PIPES_OR_HTML.pattern + r"|\t", re.I | re.M)


def _merged_labels_split(columns: tuple[str, ...], roles: list[str | None]) -> list[str | None]:
    """'N° Recomendacion | Actividades comprometidas | Fecha ... | col4': a head cell OCR read as
    one from two labels, over a body with a column more than the head (the reader named it
    'col4'), gets a column per label; the columns after it move right into the unnamed one.
    The whole cell may still pass for one of its labels ('N° Recomendacion' for the text
    column), so every cell is tried, left to right."""
    if not columns or not PLACEHOLDER.match(columns[-1]):
        return roles
    for j, label in enumerate(columns):
        if PLACEHOLDER.match(label):
            continue
        for _, _, left, right in label_cuts(label):
            if left is not None and right is not None and left != right:
                return [*roles[:j], left, right, *roles[j + 1 : -1]]
    for j, label in enumerate(columns):
        # a label OCR garbled beyond reading joined to one it kept ('Araa Rcsponsabla Fecha de
        # Término', dev OCR'd text 5): the garbled one an unnamed column, the last words the
        # named one; only for a cell that names nothing as a whole
        if PLACEHOLDER.match(label) or roles[j] is not None:
            continue
        for _, _, left, right in label_cuts(label):
            if right is not None and right not in roles and left is None:
                return [*roles[:j], None, right, *roles[j + 1 : -1]]
    return roles


def _split_label_joined(t: Table, roles: list[str | None]) -> list[str | None]:
    """'Área | Coordinadora', 'Acción | de mejora comprometida': a label OCR cut into two head
    cells over a body a column narrower
    (ASM dev seed 74's sibling 26) is one column again; the columns after it move left. The
    body's width is its numbered rows' most common one: a row whose cell OCR cut in two as well
    is a column wider ('Departamento de | Vinculación y Extensión', ASM 7728)."""
    widths = [filled_width(r.texts) for r in t.rows if r.texts and row_number(r.texts[0].strip()) is not None]
    body = (
        Counter(widths).most_common(1)[0][0]
        if widths
        else max((filled_width(r.texts) for r in t.rows), default=len(roles))
    )
    if body >= len(roles):
        return roles
    for j in range(len(roles) - 1):
        if roles[j] is None and roles[j + 1] is None:
            joined = role_of(f"{t.columns[j]} {t.columns[j + 1]}")
            if joined is not None:
                return [*roles[:j], joined, *roles[j + 2 :], None]
    for j in range(len(roles) - 1):
        # a label's rest in lower case beside a half that names the same or nothing ('Acción |
        # de mejora comprometida', dev OCR'd text 122; 'Actividades | comprometidas', 173)
        named = roles[j] if roles[j] is not None else roles[j + 1]
        if (
            named is not None
            and None in (roles[j], roles[j + 1])
            and t.columns[j + 1].strip()[:1].islower()
            and role_of(f"{t.columns[j]} {t.columns[j + 1]}") == named
        ):
            return [*roles[:j], named, *roles[j + 2 :], None]
    return roles


def table_roles(t: Table) -> list[str | None]:
    roles = _merged_labels_split(t.columns, [role_of(c) for c in t.columns])
    return _split_label_joined(t, roles)


def _opens_next(texts: list[str], roles: list[str | None], current: RawRow) -> bool:
    """A row whose number OCR lost: under a row whose date is whole, its number cell empty, a
    finding opening with a capital and a date of its own ('|  | Derivado del resultado ... |
    Integrar ... | 1 de Agosto de 2022 al 31 de Enero de 2023 |' under row 1's '1 de Mayo al 30
    de Septiembre de 2022', dev OCR'd text 181: the two rows read as one, both dates a failure).
    A cell's next line goes on in lower case, and a date's next piece completes a date cut."""
    finding = _finding(texts, roles)
    if finding is None or not finding[:1].isupper():
        return False
    have, new = parse_date(" ".join(current.fecha_lines)), parse_date(texts[roles.index(FECHA)].strip())
    return (
        have is not None
        and new is not None
        and not (have.year_inferred or new.year_inferred)
        and have.precision != Precision.YEAR
        and new.precision != Precision.YEAR
        and new.span[0] == 0
    )


def _whole_row(texts: list[str], roles: list[str | None]) -> bool:
    """The row fills its head's columns: a date where the head puts the date and a finding of
    words where it puts the finding (not a letter a bar cut off an activity: '| 4 | E|aborar un
    calendario ... | septiembre 2021 |', dev OCR'd text 122)."""
    finding = _finding(texts, roles)
    return finding is not None and is_date_cell(texts[roles.index(FECHA)]) and ACTIVITY_OPENING.match(finding) is None


def _finding(texts: list[str], roles: list[str | None]) -> str | None:
    """The row's finding cell as text when it is a sentence's worth of words and the row reaches
    its date's column too; None otherwise."""
    if FECHA not in roles or TEXTO not in roles or len(texts) <= max(roles.index(FECHA), roles.index(TEXTO)):
        return None
    finding = html_fragment_to_text(texts[roles.index(TEXTO)]).strip()
    return finding if len(finding.split()) >= MIN_FINDING_WORDS else None


def _lost_column(roles: list[str | None], body: list[list[str]]) -> list[str | None]:
    """The roles of a table whose export lost the activity's column in every row: the head names
    four columns, the rows fill three, the third a date ('| 1 | Hace falta ... | Julio 2021 |',
    dev OCR'd text 71). Its dates are read where they are; its activities are missing, not dates.
    When the cells left of the dates are orders, the findings' column is the lost one."""
    if FECHA not in roles or ACTIVIDAD not in roles or roles.index(ACTIVIDAD) + 1 != roles.index(FECHA):
        return roles
    ai, at = roles.index(ACTIVIDAD), roles.index(FECHA)
    rows = [t for t in body if any(c.strip() for c in t) and not _date_label(t)]
    numbered = [t for t in rows if t and row_number(t[0].strip()) is not None and len(t) > ai]
    # a row whose cell OCR cut in two fills the date column all the same (dev OCR'd text 122)
    if not rows or 2 * sum(1 for t in numbered if len(t) > at and t[at].strip()) >= max(len(numbered), 1):
        return roles
    dated = [t for t in numbered if is_date_cell(t[ai])]
    if not numbered or 2 * len(dated) < len(numbered):
        return roles
    ti = roles.index(TEXTO)
    merged = [t for t in numbered if split_cells(t[ti].strip())[1].strip()]
    if 2 * len(merged) >= len(numbered):
        return roles  # the activities are there, run into the findings: cut row by row
    orders = [t for t in numbered if ACTIVITY_OPENING.match(html_fragment_to_text(t[ti]).strip())]
    if ti + 1 == ai and 2 * len(orders) > len(numbered):
        # the cells left of the dates are orders: the findings' column is the one lost (dev
        # OCR'd text 122), and the rows have no finding to read (each a failure that says so)
        return [*roles[:ti], ACTIVIDAD, FECHA, None, *roles[at + 1 :]]
    return [*roles[:ai], FECHA, None, *roles[at + 1 :]]


def _date_label(texts: list[str]) -> tuple[str, int] | None:
    """A date row's label and the cells it takes: 'Fecha compromiso:' in the first cell, or cut
    over the first two by a split cell ('| Fecha | compromiso: |'); the label's text is returned
    with what follows it in those cells."""
    first = texts[0].strip() if texts else ""
    end = fecha_label_end(first)
    if end is not None:
        return first[end:], 1
    if len(texts) > 1 and texts[1].strip():
        two = f"{first} {texts[1].strip()}"
        end = fecha_label_end(two)
        if end is not None and end > len(first):
            return two[end:], 2
    return None


def _numbered(roles: list[str | None], rows: list[list[str]]) -> list[str | None]:
    """The roles of rows one cell wider than a head that names no number column, each opening
    with a row number: the number's column first ('| # Descripción de la recomendación |
    Actividad | Fecha |' over a rule and rows of four, the number's label read into the
    finding's, dev OCR'd text 204); the head's roles otherwise."""
    if NUMERO in roles or not rows:
        return roles
    wider = [r for r in rows if len(r) == len(roles) + 1 and row_number(r[0].strip()) is not None]
    return [NUMERO, *roles] if 2 * len(wider) > len(rows) else roles


def _goes_on(head: list[str], roles: list[str | None]) -> bool:
    """A headerless table's first row is a row of an ASM table with ``roles``: no more cells than
    it has columns, and its first cell a number, a date row's label, or empty (a wrapped cell)."""
    # its filled cells: the reader pads a piece to its widest row ('| Fecha | compromiso: | | ... |',
    # a label cut in two, made ASM 7726's second piece a column wider than its rows)
    head = split_cell_joined(head, roles)  # bars OCR read inside its cells undone first
    if filled_width(head) > len(roles) + 1 or not any(c.strip() for c in head):
        return False
    first = number_split(head, roles)[0].strip()
    return not first or row_number(first) is not None or _date_label(head) is not None


# a header row OCR took out of its pipes is on at most this many lines above its table's rule
MAX_LOOSE_HEADER_LINES = 4
# the label each role's cell gets in a header row put back between pipes
CANONICAL = {NUMERO: "No.", ACTIVIDAD: "Actividad comprometida", FECHA: "Fecha compromiso"}


def loose_header_to_pipes(text: str) -> str:
    """A Markdown table whose header row OCR took out of its pipes, its labels on lines of their
    own above the rule ('Núm. Hallazgo' / 'Actividad comprometida' / 'Fecha de cumplimiento' /
    '|---|---|---|---|', ASM 7808 lost its findings): the labels put back as the header row, when
    they name as many columns as the rule has."""
    lines = text.split("\n")
    for i, ln in enumerate(lines):
        if not PIPE_RULE.match(ln) or (i and PIPE_LINE.match(lines[i - 1])):
            continue
        above: list[int] = []
        j = i - 1
        while j >= 0 and len(above) < MAX_LOOSE_HEADER_LINES and not PIPE_LINE.match(lines[j]):
            if lines[j].strip():
                above.insert(0, j)
            j -= 1
        columns = ln.count("|") - 1
        for k in range(len(above)):
            head = header_roles(" ".join(lines[m].strip() for m in above[k:]))
            if head is None or len(head[0]) != columns or not set(head[0]) <= {NUMERO, TEXTO, ACTIVIDAD, FECHA}:
                continue
            text_label = "Recomendación" if head[1] == "recomendacion" else "Hallazgo"
            cells = [CANONICAL.get(r, text_label) for r in head[0]]
            for m in above[k:]:
                lines[m] = ""
            lines[above[-1]] = "| " + " | ".join(cells) + " |"
            break
    return "\n".join(lines)


def markup_rows(text: str) -> list[RawRow] | None:
    """Rows of the Markdown/HTML ASM tables in ``text``; None when it has none."""
    if not MARKUP_TABLE.search(text):
        return None
    text = DAY_BAR.sub(r"\\|", loose_header_to_pipes(text))
    rows: list[RawRow] = []
    current: RawRow | None = None
    found = False
    last: tuple[list[str | None], str] | None = None  # the roles and kind of the last ASM table
    for t in text_to_tables(paragraph_rows_to_pipes(text), page=1):
        roles = table_roles(t)
        body = [([c.text for c in row.cells], row.page or 1) for row in t.rows]
        if TEXTO not in roles:
            head = ["" if PLACEHOLDER.match(c) else c for c in t.columns]
            if not any(head):  # no head at all (its first row is numbered): the rows alone
                filled = [texts for texts, _ in body if any(c.strip() for c in texts)]
                if last is None or not filled or not _goes_on(filled[0], last[0]):
                    continue
                roles, tipo = _numbered(last[0], filled), last[1]
            else:
                if last is None or not _goes_on(head, last[0]):
                    continue
                # a row of the ASM table above under no header (the table goes on after lines
                # OCR took out of it, and its first row was taken for a header)
                roles, tipo = last
                body = [(head, body[0][1] if body else 1), *body]
        else:
            tipo = "recomendacion" if any(RECOMENDACION.search(fold(c)) for c in t.columns) else "hallazgo"
            if current is not None and current.tipo != tipo:
                current = None
        found, last = True, (roles, tipo)
        # this piece's own: a later piece that has the column keeps it
        kept = _lost_column(roles, [texts for texts, _ in body])
        head_roles, table_lost = roles, TEXTO in roles and TEXTO not in kept
        for texts, page in body:
            # a row as wide as its head, its date where the head puts it, lost no column (a first
            # row the export wrote apart and put back whole, then the rows that lost the column)
            whole = kept != head_roles and _whole_row(texts, head_roles)
            roles = head_roles if whole else kept
            lost_findings = table_lost and not whole
            texts = merged_cells_split(split_cell_joined(number_split(texts, roles), roles), roles)
            recut = coneval_cell_lost(texts, roles)
            texts = recut or texts
            if not any(c.strip() for c in texts):
                continue
            label = _date_label(texts)
            if label is not None:
                if current is not None:
                    rest, taken = label
                    current.fecha_lines.append(" ".join([rest, *[s for s in texts[taken:] if s.strip()]]).strip())
                    current.closed = True
                continue
            if sum(1 for c in texts if role_of(c)) >= 2:  # a header row repeated inside the body
                continue
            first = texts[0].strip() if texts else ""
            n = row_number(first) if roles[0] == NUMERO else None
            if n is not None:
                current = RawRow(tipo, n, page, note=LOST_FINDINGS if lost_findings else None)
                # a CONEVAL form whose date column's label was lost: its empty dates are unread
                current.date_column_lost = FECHA not in roles and (RESULTADOS in roles or EVIDENCIAS in roles)
                if recut is not None:
                    current.note = COMMENT
                rows.append(current)
            elif (
                roles[0] == NUMERO
                and not first
                and current is not None
                and (current.closed or _opens_next(texts, roles, current))
            ):
                # cells after a finished row's date row, the number cell empty: a row whose
                # number the damage took ('|  | El subprograma ... | Realizar ... |' under row 8's
                # 'Fecha compromiso:', dev OCR'd text 90 gave row 9's cells to row 8, unflagged);
                # numbering.placed numbers it between its neighbours, or joins it back
                current = RawRow(tipo, 0, page, read_numero="", tentative=True)
                rows.append(current)
            if current is None:
                continue
            if n is None and not first:
                texts = shifted_piece(texts, roles, current)
            for role, cell in zip(roles, texts):
                if role is None or role == NUMERO or not cell.strip():
                    continue
                if role == FECHA:
                    current.fecha_lines.append(cell)
                else:
                    for ln in cell.split("\n"):
                        current.add(role, CellLine(ln, 0.0, float(len(ln))))
    return rows if found else None

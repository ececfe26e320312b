"""A summary table of findings read into rows: one finding per table row, a recommendation where
the row gives one.

External auditors (and some audit offices) close their results with a table
``ASPECTO A EVALUAR | OBSERVACIONES | RECOMENDACIONES | ESTATUS``. Read as lines, its columns
interleave ('1. Comprobar el adecuado -De acuerdo con el proceso ... Ninguna Satisfactorio'),
so the table is read by the shared table reader (``papeleo.tables``: ruled grids, gutters,
Markdown, tab-separated and space-aligned text) and its columns are named by their header.
Each row's OBSERVACIONES cell is a ``hallazgo`` (numbered as the row's aspect is, or in
order); a RECOMENDACIONES cell that is not 'Ninguna' is also a ``recomendacion`` of the same
number, addressed to the audited body. The row's lines are then taken out of the section, so
that no finding is read twice.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz

from papeleo.model import Document
from papeleo.tables import Table, pages_to_tables
from papeleo.text.normalize import fold

from .blocks import Block
from .items import Item
from .lines import Ln

log = logging.getLogger(__name__)

# column role -> folded words a header label opens with ('ASPECTO A EVALUAR', 'OBSERVACIONES')
ROLES = {
    "aspecto": ("aspecto", "procedimiento", "rubro", "concepto"),
    "observacion": ("observaciones", "observacion", "hallazgos", "hallazgo"),
    "recomendacion": ("recomendaciones", "recomendacion"),
    "estatus": ("estatus", "status", "estado", "situacion"),
}
# the name the table reader gives a column whose header label it did not find ('col2'): in a
# summary table with its aspect and recommendation or status named, the observations' label is
# the one OCR lost
UNNAMED = regex.compile(r"^col\d+$")
# fuzzy ratio (0-100) of a header label's first word to a role word: OCR reads
# 'OBSERVACI0NES', 'RECOMENDACIONLS'; lower would name a column by an unrelated word
LABEL_FLOOR = 80
# a recommendation cell that recommends nothing: 'Ninguna', 'N/A', '-'
NO_RECOMMENDATION = regex.compile(r"^\W*(?:ningun[ao]s?|n\s*/?\s*a|no\s+aplica|sin\s+recomendaci\w*)?\W*$", regex.I)
# a status that keeps the observation open: 'No satisfactorio', 'Pendiente', 'En proceso'
OPEN_STATUS = regex.compile(r"\b(?:no\s+satisf|insatisf|pendiente|en\s+proceso|no\s+atendid|no\s+solventad)", regex.I)
# '1. Comprobar el adecuado', '5.Verificar el manejo', '3) Validar'
ROW_NUMBER = regex.compile(r"^\s*(?P<n>\d{1,2})\s*[.)\-]")
# a word this short outside the table's words is OCR's speck, not another text (a line after the
# table printing one real word of its own ends the table)
SPECK_CHARS = 2
# a summary table's header line has at most this many words (its four labels, a few words each)
HEADER_WORDS = 12
# a header label broken over two lines leaves at most this many words on its first ('ASPECTO A');
# a sub-heading naming the table's words ('RESUMEN DE HALLAZGOS Y OBSERVACIONES') is longer
BROKEN_LABEL_WORDS = 3
# marks an observation cell's entries open with ('-Se pudo constatar', '• Se identificaron')
ENTRY_MARKS = ("-", "–", "•")
TOKEN = regex.compile(r"[\p{L}\d]+")


@dataclass
class Summary:
    """A summary table with its columns' roles (role -> column index)."""

    table: Table
    roles: dict[str, int]
    tokens: frozenset[str]  # every folded word the table prints, header included
    header_words: tuple[frozenset[str], ...]  # each named column's label words


def _role(label: str) -> str | None:
    words = fold(label).split()
    if not words:
        return None
    for role, names in ROLES.items():
        if any(fuzz.ratio(words[0], n) >= LABEL_FLOOR for n in names):
            return role
    return None


def tokens_of(text: str) -> set[str]:
    return {t for t in TOKEN.findall(fold(text))}


def summaries(doc: Document) -> list[Summary]:
    """The document's summary tables: an OBSERVACIONES column beside a RECOMENDACIONES or an
    ESTATUS column (a table of figures or of files names neither)."""
    out: list[Summary] = []
    for t in pages_to_tables(doc.pages):
        roles: dict[str, int] = {}
        for i, name in enumerate(t.columns):
            role = _role(name)
            if role is not None and role not in roles:
                roles[role] = i
        unnamed = [i for i, name in enumerate(t.columns) if UNNAMED.match(name)]
        if "observacion" not in roles and "aspecto" in roles and len(unnamed) == 1 and unnamed[0] > roles["aspecto"]:
            roles["observacion"] = unnamed[0]  # the one label OCR lost, beside the aspect's
        if "observacion" not in roles or not ({"recomendacion", "estatus"} & roles.keys()):
            continue
        toks: set[str] = set()
        for row in (*t.header_rows, *t.rows):
            for c in row.cells:
                toks |= tokens_of(c.text)
        for name in t.columns:
            toks |= tokens_of(name)
        heads = tuple(frozenset(tokens_of(t.columns[i])) for i in roles.values())
        out.append(Summary(t, roles, frozenset(toks), heads))
    log.debug("informe_supervision: %d summary table(s)", len(out))
    return out


@functools.lru_cache(maxsize=4096)
def roles_named(text: str) -> frozenset[str]:
    """The columns a line names by their labels' words. Asked of each line several times over
    (sections, sub-headings, findings all look for a table's header), so remembered."""
    words = fold(text).split()
    if len(words) > HEADER_WORDS:
        return frozenset()
    return frozenset(role for role, names in ROLES.items() if any(w in names for w in words))


def looks_like_header(text: str) -> bool:
    """A line naming at least two of a summary table's columns ('ASPECTO A EVALUAR
    OBSERVACIONES RECOMENDACIONES ESTATUS'), read as a table or not."""
    return len(roles_named(text)) >= 2


def _broken_label(text: str, nxt: str) -> bool:
    """'ASPECTO A' over 'OBSERVACIONES RECOMENDACIONES ESTATUS': a short line opening with a
    label of a column the header line under it does not name."""
    words = fold(text).split()
    if not words or len(words) > BROKEN_LABEL_WORDS or not looks_like_header(nxt):
        return False
    role = next((r for r, names in ROLES.items() if words[0] in names), None)
    return role is not None and role not in roles_named(nxt)


def header_start(lines: list[Ln], k: int) -> int | None:
    """Where the summary-table header that line ``k`` belongs to starts: a line naming two of
    its columns, or a run of lines naming one each, three columns at least ('ASPECTO A EVALUAR' /
    'OBSERVACIONES' / 'RECOMENDACIONES' / 'ESTATUS': OCR wrote one cell per line)."""
    if looks_like_header(lines[k].text):
        return k
    if k + 1 < len(lines) and _broken_label(lines[k].text, lines[k + 1].text):
        return k  # 'ASPECTO A' over 'OBSERVACIONES RECOMENDACIONES ESTATUS': a label broken in two
    for j in range(max(0, k - len(ROLES) + 1), k + 1):
        run: set[str] = set()
        i = j
        while i < len(lines) and len(named := roles_named(lines[i].text)) == 1 and not named & run:
            run |= named
            i += 1
        if len(run) >= 3 and j <= k < i:
            return j
    return None


def run_at(lines: list[Ln], k: int, summary: Summary) -> int:
    """How many lines from ``k`` on print the table (0 when line ``k`` is not its header): the
    header line names two of its columns, and the lines after it print only the table's words."""
    words = tokens_of(lines[k].text)
    if sum(1 for h in summary.header_words if h and h <= words) < 2 or not words <= summary.tokens:
        return 0
    end = k + 1
    while end < len(lines) and _prints_table(tokens_of(lines[end].text), summary):
        end += 1
    return end - k


def _prints_table(words: set[str], summary: Summary) -> bool:
    """Every word of the line is the table's, but for OCR specks ('E', 'y.') of up to
    SPECK_CHARS characters; at least one word is a real one of the table's."""
    real = {w for w in words if len(w) > SPECK_CHARS}
    return bool(real) and real <= summary.tokens


def _cell(row, i: int | None) -> str:
    if i is None or i >= len(row.cells):
        return ""
    return row.cells[i].text.strip()


def logical_rows(summary: Summary) -> list[list]:
    """The table's rows as printed, from the lines a reader may have cut them into.

    A line numbering the aspect ('3. Comprobar ...') or giving a status opens a row unless the
    row being read has no number or status yet: a cell centred vertically prints its number or
    status a few lines down. A line whose observation opens an entry the way the row's does
    ('-Se pudo constatar ...', the first mark of the column's first entry), while nothing else
    on it does, opens the next row before its number."""
    asp, obs, est = summary.roles.get("aspecto"), summary.roles["observacion"], summary.roles.get("estatus")
    groups: list[list] = []
    numbered: list[bool] = []
    stated: list[bool] = []
    mark = None  # how the column's entries open: '-', '•' (the first entry's first character)
    for row in summary.table.rows:
        num, status, text = bool(ROW_NUMBER.match(_cell(row, asp))), bool(_cell(row, est)), _cell(row, obs)
        if mark is None and text[:1] in ENTRY_MARKS:
            mark = text[:1]
        opens = mark is not None and text.startswith(mark) and not num and not status and not _cell(row, asp)
        if not groups or (num and numbered[-1]) or (status and stated[-1]) or (opens and numbered[-1]):
            groups.append([row])
            numbered.append(num)
            stated.append(status)
        else:
            groups[-1].append(row)
            numbered[-1] |= num
            stated[-1] |= status
    return groups


def rows_to_items(summary: Summary, lines: list[Ln], subseccion: str | None, entidad: str | None):
    """(hallazgo and recomendacion items) of the table, from the ``lines`` that print it (their
    boxes and confidence give the rows theirs)."""
    roles = summary.roles
    out: list[Item] = []
    for n, group in enumerate(logical_rows(summary), 1):
        obs = [_cell(r, roles["observacion"]) for r in group]
        rec = [_cell(r, roles.get("recomendacion")) for r in group]
        status = " ".join(_cell(r, roles.get("estatus")) for r in group).strip()
        m = ROW_NUMBER.match(_cell(group[0], roles.get("aspecto")))
        numero = int(m["n"]) if m else n
        page = group[0].page or (lines[0].page if lines else 1)
        anchor = [ln for ln in lines if ln.page == page] or lines[:1]
        block = Block("item", anchor, "table", numero, obs[0] if obs else "")
        has_rec = any(t for t in rec) and not NO_RECOMMENDATION.match(" ".join(rec))
        tipo = "con_observacion" if has_rec or OPEN_STATUS.search(status) else "sin_observacion"
        if any(obs):
            it = Item("hallazgo", block, [t for t in obs if t], numero, subseccion)
            it.extra.update(tipo_observacion=tipo)
            out.append(it)
        if has_rec:
            it = Item("recomendacion", block, [t for t in rec if t], numero, subseccion, destinatario=entidad)
            it.extra.update(tipo_accion="recomendacion")
            out.append(it)
    return out

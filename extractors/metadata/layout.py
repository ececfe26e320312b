"""Where a piece of text sits on its page: the view of a document every metadata field needs.

A reader finds the issuer, the title and the oficio number by *place* before wording: the
letterhead at the top of page 1, the addressee above 'PRESENTE', the signature under
'ATENTAMENTE', the running header repeated on every page. Font sizes are not in the model,
so place is what boxes give (top, centre) and, for plain text, line order.

Lines are cut into *segments* first: a letterhead line often carries two things side by side
('H. AYUNTAMIENTO DE SAN ISIDRO DEL VALLE        Ejercicio Fiscal 2024', a logo's word glued to
a centred title), which the reader sees apart. With boxes a segment ends at a wide gap between
words; in plain text at a run of spaces or a tab.
"""

from __future__ import annotations

import collections
import logging
from dataclasses import dataclass, field
from functools import cached_property

import regex

from papeleo.model import BBox, Document, Line, Page, Word
from papeleo.text.dates import MONTHS
from papeleo.text.normalize import fold, fold_spaces

log = logging.getLogger(__name__)

# a gap between two words wider than this many line heights separates two segments: a word
# space is about a third of a line height, a column or a logo gap several heights
SEGMENT_GAP_HEIGHTS = 2.5
# an OCR word of UNSURE_WORD_LETTERS letters or more read below this confidence is unsure: a logo's
# curved lettering reads as words at 0.2-0.4 ('METÍ/0.24 TECHOLÓGICA DEL ESTADO DE CRASAS./0.36'),
# printed type rarely does, even on a poor scan; shorter specks ('—=', 'a') beside a title are not words
UNSURE_WORD = 0.4
UNSURE_WORD_LETTERS = 3
# 'H. AYUNTAMIENTO DE SAN ISIDRO DEL VALLE   Ejercicio Fiscal 2024': three spaces or a tab apart
PLAIN_SEGMENT_GAP = regex.compile(r"\t+|[ \u00a0]{3,}")
# '**OFICIO No. SESESP/DPyP/336/2025**', '## ANTECEDENTES': emphasis and heading marks of OCR tools' Markdown
MARKDOWN = regex.compile(r"\*\*+|^\s*#{1,6}\s|__+")
# words of a period: 'Segundo Trimestre 2024', 'Ejercicio Fiscal 2024', 'Abril 2023', 'Ene-Jun 2018'
PERIOD_WORDS = frozenset(
    set(MONTHS)
    | {"ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"}
    | {"primer", "primero", "segundo", "tercer", "tercero", "cuarto", "trimestre", "semestre", "bimestre", "mes"}
    | {"ejercicio", "fiscal", "periodo", "ano", "anual", "corte", "al", "a", "de", "del", "y"}
)
# two or more spaces inside a plain-text line: a column gap of a table or a row of fields
COLUMN_GAP = regex.compile(r"[ \t]{2,}")
# the top of a page where a letterhead, title block and oficio data sit (fraction of its height);
# lower takes body text for a heading, higher misses titles set under a tall logo
HEAD_ZONE = 0.30
# without boxes, the heading zone is this many non-blank lines of the page
HEAD_LINES = 14
# the bottom of a page where footers sit (fraction of its height)
FOOT_ZONE = 0.10
# a segment is centred when its centre is within this fraction of the page width of the page's centre
CENTRE_TOLERANCE = 0.12
# a page with fewer words than this is a cover (a title, logos, a name, a date), not a text page;
# a text page holds a few hundred
COVER_MAX_WORDS = 80
# without pages or boxes, a line repeated this often is a running header (a signer's post is printed
# twice, a header on every page of the original)
PLAIN_RUNNING_MIN = 3
# points a line may start off the page's left margin and still be running text
MARGIN_TOLERANCE = 3.0
# how far (fraction of page height) two running lines may sit apart on their pages and still be one
RUNNING_TOP_TOLERANCE = 0.04

# 'PRESENTE', 'P R E S E N T E', 'PRESENTE:', 'Presente.': the line that closes an addressee block
PRESENTE = regex.compile(r"^\W*p\s?r\s?e\s?s\s?e\s?n\s?t\s?e\W*$", regex.IGNORECASE)
# 'Página 2 de 45', '1 de 9', '- 3 -': page numbers, dropped from running lines
PAGE_NUMBER = regex.compile(r"(?:p[aá]gina|p[aá]g\.|hoja)?\s*\d{1,4}\s*(?:de|/)\s*\d{1,4}\s*$|^\W*\d{1,4}\W*$", regex.I)
# 'I N F O R M E', 'G L O S A R I O': letters spaced apart (a heading style, or two lines interleaved)
SPACED_LETTERS = regex.compile(r"^(?:\S\s){4,}\S?")


@dataclass(frozen=True)
class Segment:
    """One run of text on a line, with what its place says.

    order: position in the document's reading order (segments of all pages).
    line_no: index of its line among the page's lines; seg_no: its place on that line.
    rel_top / rel_x: its top and horizontal centre as fractions of the page (None without boxes).
    """

    text: str
    page: int
    line_no: int
    seg_no: int
    order: int
    bbox: BBox | None = None
    rel_top: float | None = None
    rel_x: float | None = None
    confidence: float = 1.0
    unsure_words: int = 0  # unsure OCR words on the segment's whole line (UNSURE_WORD)

    @cached_property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def centred(self) -> bool | None:
        return None if self.rel_x is None else abs(self.rel_x - 0.5) <= CENTRE_TOLERANCE

    @cached_property
    def upper_ratio(self) -> float:
        letters = [c for c in self.text if c.isalpha()]
        return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0

    @cached_property
    def words(self) -> list[str]:
        return self.text.split()


def _split_words(words: tuple[Word, ...]) -> list[list[Word]]:
    """Words of one line, cut where the gap is wider than a few line heights."""
    runs: list[list[Word]] = [[words[0]]]
    for prev, word in zip(words, words[1:]):
        if prev.bbox and word.bbox:
            height = max(prev.bbox.height, word.bbox.height, 1.0)
            if word.bbox.x0 - prev.bbox.x1 > SEGMENT_GAP_HEIGHTS * height:
                runs.append([word])
                continue
        runs[-1].append(word)
    return runs


def line_to_unsure_words(line: Line) -> int:
    """How many of a line's words OCR read unsure (UNSURE_WORD): counted over the line, as a logo's
    lettering is cut into segments by its gaps."""
    return sum(w.confidence < UNSURE_WORD and sum(map(str.isalpha, w.text)) >= UNSURE_WORD_LETTERS for w in line.words)


def line_to_segments(line: Line) -> list[tuple[str, BBox | None, float]]:
    """(text, box, mean word confidence) of each segment of a line."""
    if line.bbox is not None and line.words and all(w.bbox for w in line.words):
        out = []
        for run in _split_words(line.words):
            text = " ".join(w.text for w in run).strip()
            if text:
                conf = sum(w.confidence for w in run) / len(run)
                out.append((text, BBox.union(w.bbox for w in run), conf))
        return out
    parts = [fold_spaces(MARKDOWN.sub(" ", p)) for p in PLAIN_SEGMENT_GAP.split(line.text)]
    return [(p, None, line.confidence) for p in parts if p]


@dataclass
class PageView:
    page: Page
    segments: list[Segment] = field(default_factory=list)

    @property
    def number(self) -> int:
        return self.page.number

    @cached_property
    def word_count(self) -> int:
        return sum(len(s.words) for s in self.segments)

    @property
    def is_cover(self) -> bool:
        return 0 < self.word_count < COVER_MAX_WORDS

    @cached_property
    def head(self) -> list[Segment]:
        """The heading zone: the top of the page, or its first lines when there are no boxes."""
        if self.segments and self.segments[0].rel_top is not None:
            return [s for s in self.segments if s.rel_top is not None and s.rel_top <= HEAD_ZONE]
        lines = sorted({s.line_no for s in self.segments})[:HEAD_LINES]
        return [s for s in self.segments if s.line_no in set(lines)]

    @cached_property
    def addressee_lines(self) -> set[int]:
        """Lines of the addressee block: 'MTRO. JOSÉ ROMÁN RUIZ CARRILLO' / 'SECRETARIO DE
        CONTRALORÍA DEL EDO DE CAMPECHE' / 'PRESENTE:' — up to four lines above 'PRESENTE'."""
        out: set[int] = set()
        lines = self.lines_text()
        numbers = sorted(lines)
        for pos, n in enumerate(numbers):
            if PRESENTE.match(lines[n]):
                out.add(n)
                for m in reversed(numbers[max(0, pos - 4) : pos]):
                    if ":" in lines[m] and not lines[m].rstrip().endswith(":"):
                        break  # 'ASUNTO: Entrega de Información', 'Oficio número: ...' end the block
                    out.add(m)
        return out

    def lines_text(self) -> dict[int, str]:
        out: dict[int, str] = {}
        for s in self.segments:
            out[s.line_no] = (out[s.line_no] + " " + s.text) if s.line_no in out else s.text
        return out

    def plain_columns(self, line_no: int) -> int:
        """Columns of a plain-text line as an OCR tool lays a table out: runs of two or more spaces."""
        line = self.page.lines[line_no]
        if line.bbox is not None:
            return 0
        return len(COLUMN_GAP.findall(line.text.strip())) + 1

    def below(self, seg: Segment) -> Segment | None:
        """The first segment on a later line."""
        return next((s for s in self.segments if s.line_no > seg.line_no), None)

    @cached_property
    def left_margin(self) -> float | None:
        """The x where most lines start: running text's margin (a centred line starts elsewhere)."""
        starts = collections.Counter(round(s.bbox.x0) for s in self.segments if s.bbox is not None and s.seg_no == 0)
        return float(starts.most_common(1)[0][0]) if starts else None

    def at_margin(self, seg: Segment) -> bool:
        margin = self.left_margin
        return margin is not None and seg.bbox is not None and abs(seg.bbox.x0 - margin) <= MARGIN_TOLERANCE

    @property
    def is_letter(self) -> bool:
        return bool(self.addressee_lines)


def _running_key(text: str) -> str:
    """A line as running headers repeat it: page numbers and digits blanked, folded."""
    text = PAGE_NUMBER.sub("", text)
    return regex.sub(r"\d+", "#", fold(text)).strip(" .,-|")


@dataclass
class Layout:
    """A document as pages of segments, with its running lines found once."""

    doc: Document
    pages: list[PageView]

    @cached_property
    def segments(self) -> list[Segment]:
        return [s for p in self.pages for s in p.segments]

    @cached_property
    def running_keys(self) -> set[str]:
        """Texts printed on two or more pages at about the same height in the header or footer
        (with boxes); in plain text, on two form-feed pages or PLAIN_RUNNING_MIN times anywhere
        (running headers land between paragraphs)."""
        where: dict[str, list[tuple[int, float | None]]] = collections.defaultdict(list)
        for s in self.segments:
            key = _running_key(s.text)
            if len(key) >= 4 and _in_furniture_zone(s):
                where[key].append((s.page, s.rel_top))
        keys = set()
        for key, places in where.items():
            pages = {p for p, _ in places}
            if len(places) < 2:
                continue
            tops = [t for _, t in places if t is not None]
            if tops:
                if len(pages) >= 2 and _same_height_on_two_pages(places):
                    keys.add(key)
            elif len(pages) >= 2 or len(places) >= PLAIN_RUNNING_MIN:
                keys.add(key)  # plain text: on two form-feed pages, or often enough in one stream
        return keys

    def is_running(self, seg: Segment) -> bool:
        """A running header or footer: its text repeats on other pages, and it sits where they do
        (the same words in mid-page are the page's own: a cover's title quoted by the footer)."""
        return _in_furniture_zone(seg) and _running_key(seg.text) in self.running_keys

    @cached_property
    def text_pages(self) -> list[PageView]:
        """Pages with text, covers included."""
        return [p for p in self.pages if p.segments]

    def first_text_page(self) -> PageView | None:
        """The first page with more text than a cover."""
        return next((p for p in self.text_pages if not p.is_cover), None)

    def heading_pages(self) -> list[PageView]:
        """The title page (the first with text), and the first text page after it when the title
        page is a cover: where the letterhead, title block and reference number sit."""
        if not self.text_pages:
            return []
        first = self.text_pages[0]
        pages = [first]
        following = self.first_text_page()
        if first.is_cover and following is not None and following is not first:
            pages.append(following)
        return pages


def _in_furniture_zone(seg: Segment) -> bool:
    return seg.rel_top is None or seg.rel_top <= HEAD_ZONE or seg.rel_top >= 1 - FOOT_ZONE


def _same_height_on_two_pages(places: list[tuple[int, float | None]]) -> bool:
    by_page: dict[int, float] = {}
    for page, top in places:
        if top is not None:
            by_page.setdefault(page, top)
    tops = sorted(by_page.values())
    return any(b - a <= RUNNING_TOP_TOLERANCE for a, b in zip(tops, tops[1:]))


def document_to_layout(doc: Document) -> Layout:
    pages, order = [], 0
    for page in doc.pages:
        view = PageView(page)
        for line_no, line in enumerate(page.lines):
            unsure = line_to_unsure_words(line)
            for seg_no, (text, bbox, conf) in enumerate(line_to_segments(line)):
                rel_top = rel_x = None
                if bbox is not None and page.width and page.height:
                    rel_top, rel_x = bbox.top / page.height, bbox.x_center / page.width
                view.segments.append(
                    Segment(text, page.number, line_no, seg_no, order, bbox, rel_top, rel_x, conf, unsure)
                )
                order += 1
        pages.append(view)
    return Layout(doc, pages)


# two segments stack (one name or title printed over two lines) when the lower starts within this
# many line heights under the upper and they overlap horizontally; more joins a letterhead to the
# oficio data under it
STACK_GAP_HEIGHTS = 1.2
# without boxes a line goes on with the next when it ends in a particle: 'Instituto Tecnológico Superior de'
CONTINUES = regex.compile(r"(?:^|\s)(?:de|del|la|las|los|y|e|para|en)\s*$", regex.IGNORECASE)
# how many later segments are looked at for the one stacked under a segment
STACK_LOOKAHEAD = 4


def stacked(upper: Segment, lower: Segment) -> bool:
    """Is ``lower`` the next line of the same printed block as ``upper``?"""
    if upper.page != lower.page:
        return False
    if upper.bbox is not None and lower.bbox is not None:
        # the smaller height: a tall logo line must not swallow the small print beside it
        height = max(min(upper.bbox.height, lower.bbox.height), 1.0)
        gap = lower.bbox.top - upper.bbox.bottom
        overlap = min(upper.bbox.x1, lower.bbox.x1) - max(upper.bbox.x0, lower.bbox.x0)
        below = lower.bbox.top > upper.bbox.top
        return below and -0.5 * height <= gap <= STACK_GAP_HEIGHTS * height and overlap > 0
    return lower.line_no == upper.line_no + 1 and bool(CONTINUES.search(upper.text))


def stack_blocks(segments: list[Segment], joinable=lambda seg: True, goes_on=lambda seg: True) -> list[list[Segment]]:
    """Segments chained into printed blocks (a logo's name over three lines, a wrapped title);
    ``joinable`` says which segments may continue a block, ``goes_on`` which may be continued."""
    used: set[int] = set()
    blocks: list[list[Segment]] = []
    for i, seg in enumerate(segments):
        if i in used:
            continue
        block, used_i = [seg], i
        while True:
            tail = block[-1]
            if not goes_on(tail):
                break
            nxt = next(
                (
                    j
                    for j in range(used_i + 1, min(used_i + 1 + STACK_LOOKAHEAD, len(segments)))
                    if j not in used
                    and segments[j].line_no > tail.line_no
                    and joinable(segments[j])
                    and stacked(tail, segments[j])
                ),
                None,
            )
            if nxt is None:
                break
            used.add(nxt)
            block.append(segments[nxt])
            used_i = nxt
        used.add(i)
        blocks.append(block)
    return blocks


def block_text(block: list[Segment]) -> str:
    return " ".join(s.text for s in block)


def is_spaced_letters(text: str) -> bool:
    """'G L O S A R I O', 'I I N N S F O': one letter per token for most of the line."""
    tokens = text.split()
    return len(tokens) >= 5 and sum(len(t) == 1 for t in tokens) >= 0.7 * len(tokens)

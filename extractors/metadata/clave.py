"""The document's own reference number, over the numbers of the documents it cites.

An oficio prints its number in its heading ('OFICIO No. ITSE/SPV/SD017/04/19', 'No. OFICIO:
ITSE/DG/209/2022', 'Oficio número: SE/SPPyE/DPyP/DPyE/2025_5616'); an acuerdo or a report prints
it alone under the letterhead and repeats it as a running header ('IEM/CV/SPE/07/2020'), or in
its title block ('Auditoría Extraordinaria ... número ASEH/DGFSE/EXT-SFP/01/2023'). Numbers the
text cites are not its own: 'En atención a su oficio No.SE/DPP/DPyP/9423/2019', 'notificada
mediante oficio ASEH/DAS/DGFSE/4253/2023 de fecha ...', the reply letters an audit report lists
('número(s) SH/SE/DGASA/0038/2024, de fecha(s) ...') however often it repeats them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import regex

from papeleo.text.normalize import DIGIT_TO_LETTER, fold_keep_offsets, is_digitlike, letters_to_digits

from .layout import Layout, PageView, Segment

log = logging.getLogger(__name__)

# 'IEM/CV/SPE/07/2020', 'IEM-CG-29/2020', 'SE/SPPyE/DPyP/DPyE/2025_5616', '20704000000000L/0980/2019',
# 'ACU-IEERC-CSSPEN-043-2024': three or more parts joined by '/', '-' or '_', a letter and a digit somewhere
CODE = regex.compile(
    r"(?<![\w/.-])(?=[\w./-]*\d)(?=[\w./-]*[A-Za-z])[A-Za-z0-9][A-Za-z0-9.]*(?:[/_-][A-Za-z0-9.]+){2,8}(?![\w/-])"
)
# a number's year: '/2020', '-2024', '_2025', or an oficio's closing '/19' ('ITSE/SPV/SD017/04/19')
YEARED = regex.compile(r"(?:19|20)\d\d(?!\d)|/\d\d$")
# 'OFICIO No.', 'No. OFICIO:', 'Oficio número:', 'Núm. de oficio', 'Acuerdo No.', 'Folio:', 'Expediente:',
# 'Ref.: PGDDH/DDES/072/2020' at the start of a segment (folded)
LABEL = regex.compile(
    r"^\W*(?:oficio\s*(?:numero|num|n[o°º])?\.?|n[o°º]\.?\s*(?:de\s+)?oficio|num(?:ero)?\.?\s*de\s+oficio"
    r"|acuerdo\s*(?:numero|num\.?|n[o°º]\.?)?|folio|expediente|referencia|ref|clave|numero)(?!\w)\s*[:.]?\s*"
)
# 'Auditoría de Cumplimiento Financiero número ', 'orden de auditoría número ' (folded)
AUDIT_NUMBER = regex.compile(r"\bau(?:d|cl)itoria\b[^.;]{0,80}?\bn(?:umero|o\.|um\.)\s*")
# 'número ASEH/...', 'No. IEEV/...' inside a heading line (folded)
NUMBER_WORD = regex.compile(r"\b(?:numero|num\.|n[o°º]\.)\s*$")
# the text before a cited number: 'En atención a su oficio', 'mediante oficio', 'notificada mediante' (folded)
REFERENCE_CUE = regex.compile(
    r"\b(?:su|sus|dicho|citado|referido|relativo|mediante|atencion|respuesta|relacion|derivado|alcance|conforme"
    r"|notificad[oa]s?|anexo|oficios|numero\(s\)|segun)\b[^/]{0,40}$"
)
# after a cited number: ', de fecha 30 de octubre', 'de fecha(s) 19/01/2024' (folded)
DATED_AFTER = regex.compile(r"^\W{0,3}(?:de\s+)?fecha")
# 'No.SE/DPP/...' : a label glued to its code
GLUED_LABEL = regex.compile(r"^(?:no|num|n[°º])\.", regex.IGNORECASE)
# the most words after a label on its line: a code, perhaps split by OCR, and a field beside it
LABEL_VALUE_WORDS = 4
# 'l' where a run of capitals has an 'I': 'lEERC', 'SlSTEMA'
L_AMONG_CAPITALS = regex.compile(r"(?<![a-z])l(?=[A-Z]{2})|(?<=[A-Z])l(?=[A-Z])")
# 'IEETB', 'SEDUC': an acronym beside a code in a letterhead
ACRONYM = regex.compile(r"[A-ZÁÉÍÓÚÑ]{2,10}")
# one part of a code between its separators: 'CJELS', 'PCJ', '034', '2O19'
CODE_PART = regex.compile(r"[^/_-]+")
# '5ESESP/...': a digit opening a run of capitals is the letter it looks like
DIGIT_OPENING_CAPITALS = regex.compile(r"^\d(?=[A-Z]{3})|(?<=/)\d(?=[A-Z]{3})")
# characters a code keeps when a label's value is rejoined: OCR puts spaces and quotes inside
CODE_CHARS = regex.compile(r"[^\w/.-]")

# strengths: what place says the number is the document's own
LABELLED_ON_TITLE_PAGE = 5
ALONE_IN_HEADING = 4  # the code is the whole line, under the letterhead or as a running header
NUMBERED_IN_HEADING = 4  # 'Auditoría ... número X' in the title block
LABELLED_ELSEWHERE = 3  # 'OFICIO No. ...' heading a later letter of the bundle
AUDIT_NUMBERED = 3  # 'la Auditoría de Cumplimiento Financiero número X' in a report's text
# a code inside a paragraph is a cited one ('aprobó, mediante el acuerdo CTP-47/2015, ...'): never taken


@dataclass(frozen=True)
class ClaveCandidate:
    code: str
    strength: int
    page: int
    order: int
    basis: str


def _clean(code: str) -> str:
    """'No.SE/DPP/...' -> 'SE/DPP/...'; 'lEERC/CSSPEN/...' -> 'IEERC/CSSPEN/...' (OCR's 'l' for 'I'
    among capitals)."""
    code = L_AMONG_CAPITALS.sub("I", GLUED_LABEL.sub("", code))
    code = DIGIT_OPENING_CAPITALS.sub(lambda m: DIGIT_TO_LETTER.get(m.group(0), m.group(0)), code)
    code = CODE_PART.sub(lambda m: _digits_read_back(m.group(0)), code)
    return code.strip(".-")


def _digits_read_back(part: str) -> str:
    """'2O19' -> '2019': a part of digits with one look-alike letter, read back ('SDO7' has two
    letters: it is letters, misread or not)."""
    slips = sum(c.isalpha() for c in part)
    fixed = letters_to_digits(part) if is_digitlike(part) and slips == 1 and len(part) >= 3 else None
    return fixed if fixed is not None and len(fixed) == len(part) else part


def _label_value(text: str) -> str | None:
    """The code a label heads, rejoined when OCR split it: 'ITSE/SPV/SDO' 7/04/19'."""
    tokens = text.split()
    if not tokens:
        return None
    value = tokens[0]
    for tok in tokens[1:]:
        if any(c.islower() for c in tok if c.isalpha()) or not regex.search(r"[\d/]", tok):
            break
        value += tok
    value = CODE_CHARS.sub("", value)
    m = CODE.fullmatch(value) or CODE.match(value)
    return _clean(m.group(0)) if m else None


def _heads_a_line(text: str, label_end: int) -> bool:
    """A label starts its line with a capital ('OFICIO No.', 'Oficio número:') and its value ends
    the line, or nearly ('No. OFICIO: ITSE/DG/209/2022', 'Expediente: X  Fojas: 3')."""
    first = text.lstrip(" *•-|")[:1]
    return first.isupper() and len(text[label_end:].split()) <= LABEL_VALUE_WORDS


def _cited(folded_text: str, start: int, end: int) -> bool:
    return bool(REFERENCE_CUE.search(folded_text[:start]) or DATED_AFTER.match(folded_text[end:]))


def _segment_candidates(seg: Segment, page: PageView, title_pages: set[int], layout: Layout) -> list[ClaveCandidate]:
    folded = fold_keep_offsets(seg.text)
    on_title = seg.page in title_pages
    in_head = seg in page.head
    label = LABEL.match(folded)
    if label and not _heads_a_line(seg.text, label.end()):
        label = None  # 'acuerdo CTP-47/2015, los Lineamientos ...': a sentence wrapped onto this line
    out = []
    if label and (value := _label_value(seg.text[label.end() :])):
        strength = LABELLED_ON_TITLE_PAGE if on_title and in_head else LABELLED_ELSEWHERE
        out.append(ClaveCandidate(value, strength, seg.page, seg.order, f"label '{seg.text}'"))
        return out
    for m in CODE.finditer(seg.text):
        if _cited(folded, m.start(), m.end()) or "//" in seg.text[max(0, m.start() - 8) : m.start()]:
            continue
        code = _clean(m.group(0))
        if not YEARED.search(code):
            continue  # 'MIR-AV-01', 'UIPPE-04': a form's identifier, not a document's number
        rest = (seg.text[: m.start()] + seg.text[m.end() :]).split()
        # the code is the line, or shares it with the issuer's acronym only ('IEETB  CSSPEN-IEETB-22-2020')
        alone = len(code) >= 0.8 * len(seg.text.strip(" .:-|")) or (len(rest) == 1 and ACRONYM.fullmatch(rest[0]))
        if alone and (layout.is_running(seg) or (on_title and in_head)):
            out.append(ClaveCandidate(code, ALONE_IN_HEADING, seg.page, seg.order, f"alone '{seg.text}'"))
        elif on_title and in_head and NUMBER_WORD.search(folded[: m.start()]):
            out.append(ClaveCandidate(code, NUMBERED_IN_HEADING, seg.page, seg.order, f"numbered '{seg.text}'"))
    return out


def _audit_numbers(layout: Layout) -> list[ClaveCandidate]:
    """'se ordenó la práctica de la Auditoría de Cumplimiento Financiero número OSFERBS/DGFSE/...':
    the number of the audit a report reports on, read across line breaks; not when cited."""
    out = []
    for page in layout.text_pages:
        text = " ".join(t for _, t in sorted(page.lines_text().items()))
        folded = fold_keep_offsets(text)
        for cue in AUDIT_NUMBER.finditer(folded):
            m = CODE.match(text, cue.end())
            if m and not REFERENCE_CUE.search(folded[max(0, cue.start() - 40) : cue.start()]):
                snippet = " ".join(text[cue.start() : m.end()].split())
                out.append(ClaveCandidate(_clean(m.group(0)), AUDIT_NUMBERED, page.number, 0, f"audit '{snippet}'"))
    return out


def layout_to_clave(layout: Layout, title_pages: set[int]) -> ClaveCandidate | None:
    """The strongest candidate; of equals, the first in reading order (the bundle's cover letter)."""
    candidates = [
        c
        for page in layout.text_pages
        for seg in page.segments
        for c in _segment_candidates(seg, page, title_pages, layout)
    ]
    candidates += _audit_numbers(layout)
    if not candidates:
        return None
    best = max(candidates, key=lambda c: (c.strength, -c.page, -c.order))
    log.debug("clave_documento %s from %s (page %d)", best.code, best.basis, best.page)
    return best

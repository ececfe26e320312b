"""A section's lines cut into blocks: list items, paragraphs and photo captions.

An item opens at its label — a bullet glyph (•, -, », –, '(cid:127)' in text layers, and
what OCR makes of them: 'e', '*', '~', '>>'), a number ('3.', '2)'), a letter ('b)'), an
ordinal ('PRIMERA.'), or, when OCR lost the glyph, the single space the export left in its
place. A paragraph opens after a paragraph gap, or where the previous line ended a sentence
short of the right margin and this one starts a new one. Wrapped lines are joined and words
broken at a line end rejoined, keeping the hyphen of compounds the document prints whole
elsewhere ('hemato-oncología').
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from papeleo.text.normalize import fold_spaces

from .lines import Ln

# '• El área ...', '- No existe ...', '» Persisten ...', '(cid:127) La especialidad ...',
# OCR: 'e La Jefa ...', '~ Los pacientes ...', '>> Se observaron ...', '— De los 96 ...', '+ El área ...'
GLYPH = regex.compile(r"^(?:\(cid:\d+\)|[•·●▪■◦\-–—»>*~«+]{1,2}|[e.](?=\s+\p{Lu}))\s*(?=\S)")
# '3. Dar cumplimiento ...', '2) Establecer ...', '12.- Emitir ...'
NUMBER = regex.compile(r"^(?P<n>\d{1,2})\s*(?:[.)]-?|-)\s*(?=\S)")
# 'b) Determinar los avances ...', 'a. El material ...' (also a number OCR read as a letter: '3.' as 'a.')
LETTER = regex.compile(r"^(?P<l>[a-z])(?:\)\s*(?=\S)|\.\s+(?=\p{Lu}))")
# 'PRIMERA. Implementar ...', 'DÉCIMA SEGUNDA.- Informar ...'
ORDINALS = ["PRIMER", "SEGUND", "TERCER", "CUART", "QUINT", "SEXT", "SEPTIM", "OCTAV", "NOVEN", "DECIM"]
ORDINAL = regex.compile(
    r"^(?P<o>(?:D[EÉ]CIM[AO]\s+)?(?:PRIMER|SEGUND|TERCER|CUART|QUINT|SEXT|S[EÉ]PTIM|OCTAV|NOVEN|D[EÉ]CIM)[AO]?)\s*[.:\-]+\s*(?=\S)"
)
# 'Fotografía 1. ...', 'Foto 2: ...', 'Imagen 3. ...', 'Figura 4 - ...'
CAPTION = regex.compile(
    r"^(?:fotograf[ií]as?|fotos?|im[aá]gen(?:es)?|figura|ilustraci[oó]n|gr[aá]fic[ao])\s*(?:n[o°º]\.?\s*)?\d+\s*[.:\-]",
    regex.I,
)
# a sentence's end at a line's end: '... del hospital.', '... lo siguiente:' (a closing quote,
# parenthesis or footnote number after it is allowed: 'demanda.1', 'normalidad”.')
SENTENCE_END = regex.compile(r"[.:;!?][\"”’)\]]?\s*\d{0,2}\s*$")
OPENS_SENTENCE = regex.compile(r"^[\"“¿¡(]?[\p{Lu}\d]")
# a word broken at a line end: 'reasig-' + 'nación'
# an unlabelled caption after an image anchor runs to at most this many lines; longer text
# after an anchor is body (a page break of an export also leaves whitespace-only lines)
MAX_ANCHORED_CAPTION_LINES = 2
BROKEN = regex.compile(r"(\p{L}+)-\s*$")
HYPHEN_WORD = regex.compile(r"\b\p{L}+-\p{L}+\b")


@dataclass
class Block:
    kind: str  # "item", "para", "caption"
    lines: list[Ln]
    label: str | None = None  # "glyph", "num", "letter", "ordinal", "indent"
    number: int | None = None
    first: str = ""  # the first line's text without its label
    flags: set[str] = field(default_factory=set)

    @property
    def page(self) -> int:
        return self.lines[0].page


def read_label(ln: Ln) -> tuple[str | None, int | None, str]:
    """(label kind, printed number, the rest of the line)."""
    t = ln.text
    m = NUMBER.match(t)
    if m and not regex.match(r"^\d{1,2}\s*[.)]\s*\d", t):
        return "num", int(m["n"]), t[m.end() :]
    m = LETTER.match(t)
    if m:
        return "letter", ord(m["l"]) - 96, t[m.end() :]
    m = ORDINAL.match(t)
    if m:
        word = regex.sub(r"[ÉÍ]", lambda x: {"É": "E", "Í": "I"}[x.group()], m["o"].upper())
        n = _ordinal_value(word)
        if n:
            return "ordinal", n, t[m.end() :]
    m = GLYPH.match(t)
    if m and len(t) > m.end():
        return "glyph", None, t[m.end() :]
    if ln.bbox is None and ln.lead == 1:
        return "indent", None, t
    return None, None, t


def _ordinal_value(word: str) -> int | None:
    parts = word.split()
    base = next((i + 1 for i, o in enumerate(ORDINALS) if parts[-1].startswith(o)), None)
    if base is None:
        return None
    return 10 + base if len(parts) == 2 else base


def ends_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def is_caption_start(ln: Ln) -> bool:
    """A photo caption: labelled ('Fotografía 2.'), set small and centred, a centred sentence of
    one line (a scan's boxes need not show its smaller type), or the line after an image's anchor
    in a text export — unless it introduces something (':')."""
    if CAPTION.match(ln.text) or (ln.small and ln.centred and not ln.text[:1].islower()):
        return True  # (a word in lower case is one OCR set apart from its line, no caption)
    if ln.centred and ln.short and ends_sentence(ln.text) and not ln.text.rstrip().endswith(":"):
        return True
    return ln.anchor and not ln.text.rstrip().endswith(":")


def split_blocks(lines: list[Ln], indent_items: bool = True) -> list[Block]:
    """Cut ``lines`` into blocks (see the module docstring). ``indent_items``: a line that
    lost its glyph to OCR (one leading space) opens an item."""
    blocks: list[Block] = []
    for ln in lines:
        label, number, rest = read_label(ln)
        if label == "indent" and not indent_items:
            label = None
        cur = blocks[-1] if blocks else None
        if is_caption_start(ln) and label in (None, "indent"):
            blocks.append(Block("caption", [ln], first=ln.text))
            continue
        if cur is not None and cur.kind == "caption" and not ends_sentence(cur.lines[-1].text) and label is None:
            if ln.bbox is None or (ln.small or ln.centred):
                cur.lines.append(ln)
                if len(cur.lines) > MAX_ANCHORED_CAPTION_LINES and not CAPTION.match(cur.lines[0].text):
                    # too long for a caption: the anchor was a page break's blank; the text is body
                    first = cur.lines[0]
                    cur.kind, cur.label = ("item", "indent") if first.lead == 1 else ("para", None)
                continue
        if label == "glyph" and rest[:1].islower() and cur is not None and not ends_sentence(cur.lines[-1].text):
            cur.lines.append(replace(ln, text=rest))  # a wrapped line OCR gave a glyph (its layout kept)
            continue
        if label is not None:
            blocks.append(Block("item", [ln], label, number, rest))
            continue
        if cur is None or cur.kind == "caption" or _new_paragraph(cur.lines[-1], ln):
            blocks.append(Block("para", [ln], first=ln.text))
        else:
            cur.lines.append(ln)
    return blocks


def _new_paragraph(prev: Ln, ln: Ln) -> bool:
    if ln.page == prev.page and ln.gap:
        return True
    if ln.page != prev.page and not ends_sentence(prev.text):
        return False  # a paragraph going on over a page break
    if not ends_sentence(prev.text) or not OPENS_SENTENCE.match(ln.text):
        return False
    # a sentence ended at the line's end: a paragraph's last line stops short; in an indented
    # list whose glyphs were lost or never printed, a new sentence is a new item; a centred
    # line after body text is a signature or a caption
    return prev.short or (prev.indent and ln.indent) or (ln.centred and not prev.centred)


def join_text(lines: list[str], vocab: set[str]) -> str:
    """Lines joined with spaces; a word broken at a line end rejoined, with its hyphen when
    the document prints the hyphenated word whole elsewhere (``vocab``: folded compounds)."""
    out = ""
    for t in (x.strip() for x in lines):
        if not t:
            continue
        m = BROKEN.search(out)
        if out and m and t[:1].islower():
            head = m.group(1)
            tail = regex.match(r"\p{L}+", t)
            whole = f"{head}-{tail.group() if tail else ''}".lower()
            out = out[: m.start()] + (f"{head}-" if whole in vocab or head.isupper() else head) + t
        else:
            out = f"{out} {t}" if out else t
    # 'reasig- nación': a paragraph the OCR export put on one line keeps the break's hyphen and space
    out = regex.sub(r"(\p{Ll}+)- (\p{Ll}+)", lambda m: m.group(0) if f"{m[1]}-{m[2]}" in vocab else m[1] + m[2], out)
    return fold_spaces(out)


def compounds(lines: list[Ln]) -> set[str]:
    """Hyphenated words printed whole inside a line ('hemato-oncología', 'post-COVID')."""
    found: set[str] = set()
    for ln in lines:
        for m in HYPHEN_WORD.finditer(ln.text[:-1] if ln.text.endswith("-") else ln.text):
            found.add(m.group().lower())
    return found

"""Rich text for the sample documents: markup, measuring and wrapping, and the drawn record.

Authored strings carry two marks, ``**bold**`` and ``^1^`` (a footnote reference drawn as a
superscript), because the real seeds mix both inside justified prose and the extractors
must cope with them. A "word" is a list of (text, style) pieces and a line a list of words:
wrapping works on that so a bold run or a superscript glued to a word ("vecinos.1") stays
one word, just as a PDF text extractor will see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.pdfbase.pdfmetrics import stringWidth

FONTS = {
    "n": "Helvetica",
    "b": "Helvetica-Bold",
    "i": "Helvetica-Oblique",
    "bi": "Helvetica-BoldOblique",
    "sup": "Helvetica",
}
SUP_SCALE = 0.62
BREAK_AFTER = "/-_.?&="
# "**SEGUNDA.** vecinos.^1^" -> ["", "**SEGUNDA.**", " vecinos.", "^1^", ""]
RICH_MARK = re.compile(r"(\*\*.+?\*\*|\^\d+\^)")
# "a  b" -> ["a", "  ", "b"] (the separators are kept so they can be recognised)
SPACE_RUN = re.compile(r"( +)")


def parse_rich(s: str, base: str = "n") -> list[list[tuple[str, str]]]:
    """Split on spaces only after the markup is resolved, so a style change inside a word
    (``vecinos.^1^``) does not become a word break."""
    pieces: list[tuple[str, str]] = []
    for part in RICH_MARK.split(s):
        if not part:
            continue
        if part.startswith("**"):
            pieces.append((part[2:-2], "b"))
        elif part.startswith("^"):
            pieces.append((part[1:-1], "sup"))
        else:
            pieces.append((part, base))
    words: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for text, st in pieces:
        for tok in SPACE_RUN.split(text):
            if not tok:
                continue
            if tok.isspace():
                if cur:
                    words.append(cur)
                    cur = []
            else:
                cur.append((tok, st))
    if cur:
        words.append(cur)
    return words


def piece_w(text: str, st: str, size: float) -> float:
    return stringWidth(text, FONTS[st], size * (SUP_SCALE if st == "sup" else 1.0))


def word_w(word, size: float) -> float:
    return sum(piece_w(t, st, size) for t, st in word)


def _fit(text: str, st: str, size: float, avail: float) -> int:
    """Prefer a break after a URL separator in the second half of what fits, the way a word
    processor breaks a long link (the seeds show URLs split after ``san-``)."""
    if piece_w(text, st, size) <= avail:
        return len(text)
    n = 0
    while n < len(text) and piece_w(text[: n + 1], st, size) <= avail:
        n += 1
    if n == 0:
        return 0
    for i in range(n, max(1, n // 2), -1):
        if text[i - 1] in BREAK_AFTER:
            return i
    return n


def wrap(words, size: float, width: float, break_long: bool = True):
    """Greedy wrap; words longer than a line (URLs) are broken after / - _ . characters.
    With break_long=False a word that does not fit is an error (table cells must be sized)."""
    sp = stringWidth(" ", "Helvetica", size)
    lines: list[list] = [[]]
    wcur = 0.0
    for w in words:
        ww = word_w(w, size)
        need = ww + (sp if lines[-1] else 0)
        if wcur + need <= width + 0.01:
            lines[-1].append(w)
            wcur += need
            continue
        if ww <= width:
            lines.append([w])
            wcur = ww
            continue
        if not break_long and "/" not in w[0][0]:
            raise ValueError(f"word {line_text([w])!r} does not fit in {width:.1f}pt")
        assert len(w) == 1, f"cannot break mixed-style word {w}"
        text, st = w[0]
        while text:
            space = sp if lines[-1] else 0
            avail = width - wcur - space
            k = _fit(text, st, size, avail)
            if k == 0 or (lines[-1] and k < len(text) and avail < width * 0.35):
                lines.append([])
                wcur = 0.0
                continue
            chunk, text = text[:k], text[k:]
            lines[-1].append([(chunk, st)])
            wcur += space + piece_w(chunk, st, size)
            if text:
                lines.append([])
                wcur = 0.0
    return [ln for ln in lines if ln] or [[]]


def line_text(line, sup_sep: str = "") -> str:
    """``sup_sep`` lets an export detach footnote marks (``vecinos. 1``) as some OCR does."""
    out = []
    for w in line:
        s = ""
        for t, st in w:
            s += (sup_sep + t) if st == "sup" else t
        out.append(s)
    return " ".join(out)


@dataclass
class Block:
    """What the layout drew for one piece of the page, kept so the OCR'd text exports are
    built from exactly the drawn lines and pagination instead of re-deriving them."""

    kind: str
    page: int
    lines: list[str] = field(default_factory=list)
    words: list = field(default_factory=list)
    items: list = field(default_factory=list)  # (x, y, text, tag) positioned strings
    meta: dict = field(default_factory=dict)
    label: str | None = None
    cont: bool = False

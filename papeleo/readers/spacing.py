"""Text layers that lose their spaces: find run-together words and read them again.

Many PDFs do not draw a space glyph between words: a justified line is set word by word
(or with ``TJ`` offsets) and the space is only the distance between two glyphs. pdfplumber
then starts a new word only where that distance exceeds ``x_tolerance`` — 3 pt by default,
which is wider than a space in 11 pt Arial Narrow (2.5 pt). Whole lines of the real audit
report in shared/realworld come out as ``losejerciciosfiscales2018,2019y2021`` while
``pdftotext`` keeps the spaces.

The evidence is in the geometry pdfplumber already grouped: inside a run-together token
the gaps between consecutive glyphs are of two kinds — letter gaps (about zero, or the
character spacing the PDF set) and word gaps (a space wide). Measured in ems (the gap
divided by the font size, so 8 pt table figures and 12 pt headings compare), a page's
within-token gaps are then bimodal. Where they are, the valley between the two modes is
the page's own word-gap threshold, and the page is read again with pdfplumber's
``x_tolerance_ratio`` set to it. The re-reading is kept only when it splits the
run-together tokens and changes (splits or joins) almost no other word.

Left as read: pages whose glyphs touch with no gap at all (nothing in the geometry to
repair from — ``pdftotext`` fails too), and pages whose gaps show no clean valley, such as
an index whose dot leaders are spaced like words with a few gaps in between.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Within-token gaps needed before their histogram is trusted. Fewer (a page with a title
# and a date) and one odd kerning pair could pass for a mode of its own; more would leave
# short pages of run-together text unrepaired.
MIN_GAPS = 30
# A word gap must be at least this far (in ems) above the page's usual letter gap (the
# median of the lower mode: about zero, or the character spacing the PDF set). 0.1 em is
# about where pdftotext starts a word; lower would read loose kerning or tracking noise as
# spaces (splitting real words), higher would miss tightly justified lines.
MIN_BREAK_EM = 0.1
# The two modes must be separated by an empty band at least this wide (ems) with no gap in
# it: a continuum of gaps (glyphs placed one by one with rounding) has no threshold to
# find. Narrower would accept noise as a valley; wider would reject tight justified text
# whose word gaps come within 0.1 em of its letter gaps.
MIN_VALLEY_EM = 0.06
# Word breaks (gaps above the threshold, in any token) a page must have before it is read
# again. One alone is often a figure drawn with an odd gap; two or more — one long token
# holding a whole line, or several short ones — are a pattern. Lower costs a re-extraction
# (~10-25 ms) on more clean pages; higher leaves pages with a few stuck words unrepaired.
MIN_WORD_BREAKS = 2
# The re-reading must split at least this share of the run-together tokens ...
MIN_FIXED_SHARE = 0.9
# ... and may change (split or join) at most this share of the other tokens. Higher lets a
# re-reading that also breaks real words through; lower rejects repairs over a stray
# kerning pair on an otherwise clean page.
MAX_COLLATERAL_SHARE = 0.01
# Run-together tokens quoted in a note, so a reader can see what was wrong, each cut to EXAMPLE_CHARS.
EXAMPLES_IN_NOTE = 2
EXAMPLE_CHARS = 40


@dataclass(frozen=True, slots=True)
class Respacing:
    """What happened to one page's run-together words: ``words`` is what to read (the
    re-extraction when kept, the original otherwise) and ``note`` says why in a sentence."""

    words: list[dict[str, Any]]
    kept: bool
    note: str
    run_together: int
    fixed: int
    collateral: int
    threshold_em: float


def char_gap_em(prev: dict[str, Any], curr: dict[str, Any]) -> float | None:
    """The blank between two consecutive glyphs of a horizontal line, in ems of the first
    glyph's size — the unit pdfplumber's ``x_tolerance_ratio`` is measured in."""
    size = float(prev.get("size") or 0.0)
    if size <= 0:
        return None
    return (float(curr["x0"]) - float(prev["x1"])) / size


def word_to_gaps(word: dict[str, Any]) -> list[float]:
    """Gaps between consecutive glyphs of one left-to-right pdfplumber word (extracted with
    ``return_chars=True``). Vertical text is skipped: its gaps run along y."""
    if word.get("direction", "ltr") != "ltr":
        return []
    chars = word.get("chars") or []
    gaps = (char_gap_em(a, b) for a, b in zip(chars, chars[1:]))
    return [g for g in gaps if g is not None]


def gaps_to_break_threshold(gaps: Sequence[float]) -> float | None:
    """The page's word-gap threshold in ems, or None when its gaps are not two clear modes.

    Otsu's split (the cut that maximises the between-class variance) finds where the mode
    of letter gaps ends; the threshold is the middle of the empty band there, accepted only
    when that band is at least MIN_VALLEY_EM wide and the upper mode starts at least
    MIN_BREAK_EM above the lower mode's median (the page's letter gap)."""
    if len(gaps) < MIN_GAPS:
        return None
    ordered = sorted(gaps)
    cut = otsu_cut(ordered)
    if cut is None:
        return None
    low, high = ordered[cut - 1], ordered[cut]
    letter_gap = ordered[cut // 2]
    if high - low < MIN_VALLEY_EM or high - letter_gap < MIN_BREAK_EM:
        return None
    return (low + high) / 2


def otsu_cut(ordered: Sequence[float]) -> int | None:
    """Index k splitting sorted values into ``[:k]`` and ``[k:]`` with the largest
    between-class variance, or None when all values are equal."""
    n = len(ordered)
    total = sum(ordered)
    best, best_k, running = -1.0, None, 0.0
    for k in range(1, n):
        running += ordered[k - 1]
        if ordered[k] == ordered[k - 1]:
            continue
        w0, w1 = k / n, (n - k) / n
        m0, m1 = running / k, (total - running) / (n - k)
        between = w0 * w1 * (m1 - m0) ** 2
        if between > best:
            best, best_k = between, k
    return best_k


def word_breaks(word: dict[str, Any], threshold_em: float) -> int:
    """Gaps inside one token wider than the word-gap threshold: the words it should have been."""
    return sum(g > threshold_em for g in word_to_gaps(word))


def char_key(char: dict[str, Any]) -> tuple[str, float, float]:
    """A glyph's identity across two extractions of the same page (the dicts may be copies)."""
    return (char["text"], round(float(char["x0"]), 3), round(float(char["top"]), 3))


def char_owners(words: Sequence[dict[str, Any]]) -> dict[tuple[str, float, float], int]:
    return {char_key(c): i for i, w in enumerate(words) for c in w.get("chars") or []}


def respacing_effect(
    old: Sequence[dict[str, Any]], new: Sequence[dict[str, Any]], run_together: set[int]
) -> tuple[int, int]:
    """(run-together tokens the new reading splits, other tokens it changes). A token is
    changed when its glyphs land in several new tokens (a split) or when a new token holds
    glyphs of several old ones (a join) — measured on the glyphs, not on the text, so no
    dictionary decides what a real word is."""
    new_owner, old_owner = char_owners(new), char_owners(old)
    fixed = collateral = 0
    for i, word in enumerate(old):
        pieces = {new_owner.get(char_key(c)) for c in word.get("chars") or []}
        if i in run_together:
            fixed += len(pieces) > 1
        elif len(pieces) > 1:
            collateral += 1
    for word in new:
        if len({old_owner.get(char_key(c)) for c in word.get("chars") or []}) > 1:
            collateral += 1
    return fixed, collateral


def page_words_to_respacing(page: Any, words: Sequence[dict[str, Any]], **extract_kwargs: Any) -> Respacing | None:
    """None when the page's words are not run together; otherwise the repair attempted.

    ``words`` are the page's default pdfplumber words extracted with ``return_chars=True``;
    ``extract_kwargs`` are the other settings they were extracted with, reused for the
    second reading so only the word gap changes."""
    gaps = [g for w in words for g in word_to_gaps(w)]
    threshold = gaps_to_break_threshold(gaps)
    if threshold is None:
        return None
    breaks = [word_breaks(w, threshold) for w in words]
    if sum(breaks) < MIN_WORD_BREAKS:
        return None
    stuck = [i for i, n in enumerate(breaks) if n]
    settings = {**extract_kwargs, "x_tolerance_ratio": threshold, "return_chars": True}
    new = page.extract_words(**settings)
    fixed, collateral = respacing_effect(words, new, set(stuck))
    others = max(1, len(words) - len(stuck))
    kept = fixed >= MIN_FIXED_SHARE * len(stuck) and collateral <= MAX_COLLATERAL_SHARE * others
    note = respacing_note(words, stuck, threshold, fixed, collateral, kept)
    return Respacing(
        words=list(new) if kept else list(words),
        kept=kept,
        note=note,
        run_together=len(stuck),
        fixed=fixed,
        collateral=collateral,
        threshold_em=threshold,
    )


def respacing_note(
    words: Sequence[dict[str, Any]], stuck: Sequence[int], threshold: float, fixed: int, collateral: int, kept: bool
) -> str:
    """One sentence for the person reading the document: what ran together, what was done."""
    examples = ", ".join(repr(shorten(words[i]["text"])) for i in stuck[:EXAMPLES_IN_NOTE])
    found = f"{len(stuck)} of {len(words)} words ran together (e.g. {examples})"
    if kept:
        return (
            f"{found}; re-read with a word gap of {threshold:.2f} em from the page's own spacing: "
            f"{fixed} split, {collateral} other words changed"
        )
    return (
        f"{found}; kept as read: re-reading with a word gap of {threshold:.2f} em split {fixed} of them "
        f"and would have changed {collateral} other words"
    )


def shorten(text: str) -> str:
    return text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1] + "…"

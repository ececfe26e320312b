"""The generator toolkit's damage channel (samples/gen/_damage), tested like the engine.

Every structure is built here with distinctive words, so what must survive is known from the
input: a cell's words are 'r3c2w0 r3c2w1', and finding them (in order) in the output says the
cell survived; a damage that changed a line without logging it shows up as a line that
differs from the clean rendering with no log entry. Rates are checked over many opportunities
whose number the test counts from what it built.
"""

from __future__ import annotations

import copy
import math
import random
import re
import sys

import pytest

from helpers import SAMPLES

_no_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True  # samples/ is walked by `papeleo ingest samples`: leave no __pycache__ there
if str(SAMPLES) not in sys.path:
    sys.path.insert(0, str(SAMPLES))
from gen._damage import (  # noqa: E402
    CHAR_KINDS,
    KINDS,
    LEVELS,
    RANGES,
    SEPARATOR_KINDS,
    STRUCTURE_KINDS,
    DamageProfile,
    PageBreak,
    Paragraph,
    RunningFooter,
    RunningHeader,
    Table,
    render_damaged,
    render_plain,
)

sys.dont_write_bytecode = _no_bytecode

SIGMAS = 5  # tolerance of a measured rate, in binomial standard deviations (seeded, so never flaky)
TEXT_KINDS = CHAR_KINDS + SEPARATOR_KINDS


def words(row: int, col: int, n: int = 2, lines: int = 1) -> str:
    """A cell of ``n`` distinctive words per printed line."""
    k = iter(range(n * lines))
    return "\n".join(" ".join(f"r{row}c{col}w{next(k)}" for _ in range(n)) for _ in range(lines))


def tokens(text: str) -> list[str]:
    return re.split(r"[\s|]+", text.replace("¦", " "))


def is_subsequence(needle: list[str], hay: list[str]) -> bool:
    it = iter(hay)
    return all(any(w == h for h in it) for w in needle)


def assert_rate(hits: int, n: int, rate: float) -> None:
    sd = math.sqrt(rate * (1 - rate) / n)
    assert abs(hits / n - rate) <= SIGMAS * sd, f"{hits}/{n} = {hits / n:.4f}, expected {rate} ± {SIGMAS * sd:.4f}"


def mir_like(style: str, breaks: tuple[int, ...] = (3,)) -> list:
    """A document like the MIR report: furniture, paragraphs, a wrapped table crossing a page."""
    rows = [
        (words(r, 0, 1), words(r, 1, 2, lines=2 + r % 2), words(r, 2, 1), f"{1000 + 7 * r:,}", f"{90 + r}.5{r}")
        for r in range(6)
    ]
    return [
        RunningHeader(["HEADER hdrw0 hdrw1"]),
        RunningFooter(["Página {page} de {pages}"]),
        Paragraph(["para0w0 para0w1", "para0w2"]),
        Table(
            rows,
            header_rows=[("Nivel", "Resumen narrativo", "Indicador", "Meta anual", "Avance")],
            style=style,
            breaks=breaks,
        ),
        Paragraph(["para1w0"]),
    ]


# --- the clean rendering ------------------------------------------------------------------


def parse_table_lines(lines: list[str], style: str, n_cols: int) -> list[tuple[str, ...]]:
    """Cells back from a table's clean lines, by the style's own convention."""
    if style == "cells":  # a cell is its lines up to a blank line; a row is n_cols cells
        cells, current = [], []
        for ln in [*lines, ""]:
            if ln:
                current.append(ln)
            elif current:
                cells.append(" ".join(current))
                current = []
        return [tuple(cells[i : i + n_cols]) for i in range(0, len(cells), n_cols)]
    lines = [ln for ln in lines if ln]
    if style == "tsv":
        return [tuple(ln.split("\t")) for ln in lines]
    if style == "markdown":
        return [tuple(ln[2:-2].split(" | ")) for ln in lines if set(ln) != set("|-")]
    if style == "aligned":
        return [tuple(re.split(r" {2,}", ln.strip())) for ln in lines]
    return [tuple(ln.split(" ")) for ln in lines]  # spaced


@pytest.mark.parametrize("style", ["aligned", "spaced", "tsv", "markdown", "cells"])
def test_render_plain_round_trips(style):
    """Parsing the clean text back by the style's convention gives the structure's cells,
    paragraph and furniture lines, page by page (header repeated, page numbers filled)."""
    one_word = style == "spaced"  # spaced joins cells with one space: only one-word cells come back apart
    head = ("Clave", "Indicador") if one_word else ("Clave", "Nombre del indicador")
    rows = [(f"k{r}", words(r, 1, 1) if one_word else words(r, 1, 2, lines=1 + r % 2)) for r in range(5)]
    blocks = [
        RunningHeader(["Municipio de Prueba"]),
        RunningFooter(["Página {page} de {pages}"]),
        Paragraph(["Primera línea.", "Segunda línea."]),
        Table(rows, header_rows=[head], style=style, breaks=(3,)),
        Paragraph(["Nota final."]),
    ]
    text = render_plain(blocks)
    pages = text.split("\f")
    assert len(pages) == 2 and all(p.endswith("\n") for p in pages) and not text.endswith("\f")
    joined = [tuple(c.replace("\n", " ") for c in row) for row in rows]
    for number, page, body, before, after in (
        (1, pages[0], joined[:3], ["Primera línea.", "Segunda línea."], []),
        (2, pages[1], joined[3:], [], ["Nota final."]),
    ):
        lines = page.rstrip("\n").split("\n")
        assert lines[0] == "Municipio de Prueba" and lines[-1] == f"Página {number} de 2"
        content = [ln for ln in lines[1:-1] if ln]
        assert content[: len(before)] == before and content[len(content) - len(after) :] == after
        table_lines = [ln for ln in lines[1:-1] if ln not in before + after]
        assert parse_table_lines(table_lines, style, 2) == [head, *body]


def test_render_plain_is_the_damaged_rendering_without_damage():
    blocks = mir_like("aligned")
    rng = random.Random(1)
    text, log = render_damaged(blocks, rng, DamageProfile.none())
    assert text == render_plain(blocks) and len(log) == 0
    assert rng.random() == random.Random(1).random()  # no damage, no randomness used


# --- determinism, truth, pages --------------------------------------------------------------


def test_same_seed_same_text_and_log_other_seed_other_text():
    blocks = mir_like("spaced")

    def run(seed):
        rng = random.Random(seed)
        return render_damaged(blocks, rng, DamageProfile.draw(rng, "heavy"))

    (t1, l1), (t2, l2), (t3, _) = run(7), run(7), run(8)
    assert t1 == t2 and l1.to_records() == l2.to_records() and len(l1) > 0
    assert t1 != t3


@pytest.mark.parametrize("level", LEVELS)
def test_truth_untouched_and_pages_kept(level):
    """Damage edits a copy: the blocks compare equal to a deep copy taken before, and the
    damaged text keeps the page count (a form feed between pages, none after the last)."""
    blocks = mir_like("tsv", breaks=(2, 4))
    before = copy.deepcopy(blocks)
    clean = render_plain(blocks)
    for seed in range(20):
        rng = random.Random(seed)
        text, _ = render_damaged(blocks, rng, DamageProfile.draw(rng, level))
        assert text.count("\f") == clean.count("\f") == 2 and not text.endswith("\f")
    assert blocks == before and render_plain(blocks) == clean


# --- the profile ----------------------------------------------------------------------------


def test_profile_draws_every_kind_inside_its_level_range():
    for level in LEVELS:
        drawn = [DamageProfile.draw(random.Random(s), level) for s in range(30)]
        for kind in KINDS:
            lo, hi = RANGES[kind][level]
            values = [p.rate(kind) for p in drawn]
            assert all(lo <= v <= hi for v in values), (level, kind)
            assert hi == lo or len(set(values)) == len(values), (level, kind)  # per document, not per level
    assert DamageProfile.draw(random.Random(3), "medium") == DamageProfile.draw(random.Random(3), "medium")
    with pytest.raises(ValueError):
        DamageProfile.draw(random.Random(0), "catastrophic")
    with pytest.raises(ValueError):
        DamageProfile.only(char_smudge=0.1)


# --- character and separator damage: rates and logging ---------------------------------------

# kind -> (one token, how many opportunities of that kind it holds)
TEXT_CASES = {
    "char_digit": ("12356780", 8),  # every digit with a look-alike
    "char_letter": ("tlmrnBcl", 6),  # t, l, m, rn, B, cl
    "accent_dropped": ("áéíóúñ", 6),
    "accent_misread": ("áéíóúñ", 6),
    "accent_moved": ("Juárez", 1),  # one accented vowel with another vowel beside it
    "sep_swapped": ("1,234,567", 1),
    "sep_dropped": ("1,234,567", 1),
    "sep_space": ("1,234,567", 1),
    "sep_doubled": ("1,234,567", 1),
    "decimal_lost": ("12.50", 1),
}
assert set(TEXT_CASES) == set(TEXT_KINDS)


@pytest.mark.parametrize("kind", TEXT_KINDS)
def test_text_damage_occurs_at_its_rate_and_every_change_is_logged(kind):
    token, per_token = TEXT_CASES[kind]
    n_lines = 3000
    blocks = [Paragraph([token] * n_lines, gap=0)]
    rate = DamageProfile.draw(random.Random(11), "heavy").rate(kind)  # a document's drawn rate
    text, log = render_damaged(blocks, random.Random(5), DamageProfile.only(**{kind: rate}))
    entries = log.of(kind)
    assert len(entries) == len(log)
    assert_rate(len(entries), n_lines * per_token, rate)
    out = text.rstrip("\n").split("\n")
    assert len(out) == n_lines
    changed = {i for i, ln in enumerate(out) if ln != token}
    assert changed == {e.where.line for e in entries}  # no damage without its entry, no entry without a damage
    last = {e.where.line: e for e in entries}
    assert all(out[i] == e.after and e.before != e.after for i, e in last.items())


def test_separator_damage_reads_like_the_seeds():
    """The four separator damages on '1,216,904' look like what seed 004 shows."""
    seen: dict[str, set[str]] = {}
    for kind in ("sep_swapped", "sep_dropped", "sep_space", "sep_doubled"):
        _, log = render_damaged([Paragraph(["1,216,904"] * 50)], random.Random(2), DamageProfile.only(**{kind: 1.0}))
        seen[kind] = {e.after for e in log}
    assert seen["sep_swapped"] == {"1.216,904", "1,216.904"}
    assert seen["sep_dropped"] == {"1216,904", "1,216904"}
    assert seen["sep_space"] == {"1 216 904"}
    assert seen["sep_doubled"] == {"1,,216,904", "1,216,,904"}
    _, log = render_damaged([Paragraph(["2.00 2.3.1.1"])], random.Random(2), DamageProfile.only(decimal_lost=1.0))
    assert [(e.before, e.after) for e in log] == [("2.00", "200")]  # a code's dots are not a decimal point


# --- structure damage: rates --------------------------------------------------------------


def many_tables(n: int, rows: int, make_row, breaks=()) -> list:
    return [Table([make_row(r) for r in range(rows)], style="tsv", breaks=breaks) for _ in range(n)]


STRUCTURE_CASES = {
    # kind -> (blocks, opportunities in them)
    "cell_merge": (many_tables(1, 800, lambda r: (words(r, 0), words(r, 1))), 800),
    "cell_split": (many_tables(1, 800, lambda r: (words(r, 0),)), 800),
    "cell_dropped": (many_tables(1, 800, lambda r: (words(r, 0), words(r, 1))), 1600),
    "columns_interleaved": (many_tables(1, 800, lambda r: (words(r, 0, lines=2), words(r, 1))), 800),
    "row_cells_per_line": (many_tables(1, 800, lambda r: (words(r, 0), words(r, 1))), 800),
    "column_detached": (many_tables(600, 2, lambda r: (words(r, 0), words(r, 1))), 600),
    "row_cut_by_page_break": (
        many_tables(1, 1200, lambda r: (words(r, 0), words(r, 1)), breaks=range(2, 1200, 2)),
        599,
    ),
    "furniture_in_table": (
        [RunningFooter(["Página {page}"])]
        + [b for p in range(600) for b in ([PageBreak()] if p else []) + many_tables(1, 2, lambda r: (words(r, 0),))],
        600,
    ),
    "blank_line": ([Paragraph([f"line{i}" for i in range(1500)], gap=0)], 1500),
}


@pytest.mark.parametrize("kind", sorted(STRUCTURE_CASES))
def test_structure_damage_occurs_at_its_rate_and_is_logged(kind):
    blocks, n = STRUCTURE_CASES[kind]
    rate = 0.2
    text, log = render_damaged(blocks, random.Random(3), DamageProfile.only(**{kind: rate}))
    assert len(log.of(kind)) == len(log) and all(e.before != e.after for e in log)
    assert_rate(len(log), n, rate)
    assert (text != render_plain(blocks)) == (len(log) > 0)


def test_kinds_are_all_covered_by_a_rate_test():
    assert set(TEXT_CASES) | set(STRUCTURE_CASES) == set(KINDS)


# --- structure damage: nothing lost unless logged -------------------------------------------


@pytest.mark.parametrize("style", ["aligned", "spaced", "tsv", "markdown", "cells"])
def test_structure_damage_keeps_every_cell_unless_logged_dropped(style):
    """Over many heavy structure-only draws: every body cell's words are in the output, in
    order; a cell the log says was dropped has none of its words left; header cells likewise
    on every page they are printed on."""
    blocks = mir_like(style, breaks=(2, 4))
    table = blocks[3]
    seen: set[str] = set()
    for seed in range(40):
        rng = random.Random(seed)
        profile = DamageProfile.draw(rng, "heavy").with_rates(**dict.fromkeys(TEXT_KINDS, 0.0))
        text, log = render_damaged(blocks, rng, profile)
        seen |= set(log.counts())
        hay = tokens(text)
        lost = {w for d in log.of("cell_dropped") if not d.where.header for w in tokens(d.before)}
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row):
                if not cell.startswith("r"):  # numbers are not distinctive words
                    continue
                kept = [w for w in tokens(cell) if w not in lost]
                assert is_subsequence(kept, hay), (seed, r, c, text)
                assert not set(tokens(cell)) - set(kept) & set(hay), (seed, r, c)
        dropped = log.dropped_cells()
        for page_no, page in enumerate(text.split("\f"), 1):
            for c, head in enumerate(table.header_rows[0]):
                if (3, True, 0, c, page_no) not in dropped:
                    assert is_subsequence(tokens(head), tokens(page)), (seed, page_no, head)
        for line in ("hdrw0", "para0w2", "para1w0"):
            assert line in hay
    read_as_cells = {"row_cells_per_line", "columns_interleaved"} if style == "cells" else set()
    assert seen == set(STRUCTURE_KINDS) - read_as_cells  # every structure damage was exercised


def test_structure_damage_shows_up_as_seed_004_reads_it():
    """One cell per line with a blank after each cell; a wrapped row read across its cells."""
    row = ("Actividad", "Atención de servicios\nde soporte técnico", "Trimestral", "3000")
    blocks = [Table([row], style="spaced")]
    text, _ = render_damaged(blocks, random.Random(0), DamageProfile.only(row_cells_per_line=1.0))
    assert text == "Actividad\n\nAtención de servicios\nde soporte técnico\n\nTrimestral\n\n3000\n"
    text, _ = render_damaged(blocks, random.Random(0), DamageProfile.only(columns_interleaved=1.0))
    assert text == "Actividad Atención de servicios Trimestral 3000\nde soporte técnico\n"

"""The two text forms of a document: ``render_plain`` (clean) and ``render_damaged`` (OCR'd).

Order matters and is fixed, so one seed always gives one text: characters and separators are
damaged first, cell by cell and line by line, while every string still sits at its place in
the structure (so the log can say 'row 4, column 7'); then the structure is damaged; then the
text is written and blank lines are inserted. The caller's blocks are only read.
"""

from __future__ import annotations

import random
from dataclasses import replace

from .blocks import Block
from .chars import damages_characters, line_to_damaged
from .layout import PageIR, TableRun, blocks_to_pages, page_runs
from .log import DamageLog, Where
from .profile import DamageProfile
from .structure import damage_structure
from .write import page_to_lines, pages_to_text


def damage_characters(pages: list[PageIR], rng: random.Random, profile: DamageProfile, log: DamageLog) -> None:
    """Every printed line of every run (running header and footer included, on every page
    they are printed) gets its own character and separator damage."""
    if not damages_characters(profile):
        return
    for page in pages:
        for run in page_runs(page):
            if isinstance(run, TableRun):
                for row in run.rows:
                    for cell in row.cells:
                        cell.lines = [
                            line_to_damaged(ln, rng, profile, log, replace(cell.where, line=k))
                            for k, ln in enumerate(cell.lines)
                        ]
            else:
                run.lines = [
                    line_to_damaged(ln, rng, profile, log, replace(run.where, line=k)) for k, ln in enumerate(run.lines)
                ]


def insert_blank_lines(
    lines: list[str], page: int, rng: random.Random, profile: DamageProfile, log: DamageLog
) -> list[str]:
    """blank_line: per non-blank output line, a blank line after it."""
    if not profile.rate("blank_line"):
        return lines
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        if line.strip() and profile.hits(rng, "blank_line"):
            out.append("")
            log.add("blank_line", Where(page, line=k), line, line + "\n")
    return out


def render_plain(blocks: list[Block] | tuple[Block, ...]) -> str:
    """The document's text without any damage: what a perfect reading of its PDF would export."""
    return pages_to_text([page_to_lines(p) for p in blocks_to_pages(blocks)])


def render_damaged(
    blocks: list[Block] | tuple[Block, ...], rng: random.Random, profile: DamageProfile
) -> tuple[str, DamageLog]:
    """The document's OCR'd text and the log of every damage applied, all randomness from ``rng``."""
    log = DamageLog()
    pages = blocks_to_pages(blocks)
    damage_characters(pages, rng, profile, log)
    damage_structure(pages, rng, profile, log)
    texts = [insert_blank_lines(page_to_lines(p), p.number, rng, profile, log) for p in pages]
    return pages_to_text(texts), log

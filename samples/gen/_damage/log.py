"""The record of every damage the channel applied, so a benchmark can group failures by cause.

A wrong value in an extractor's output is only diagnosable if we know what the text form did
to it: was the number's separator swapped, its cell merged with the next one, its row cut by a
page break? Each entry says the kind, where in the *structure* it happened (block, row, column
— not just a text offset, which structure damage moves around) and the text before and after.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Where:
    """A place in the document's structure. ``block`` indexes the caller's block list; ``row``
    and ``col`` a table's body rows (or its header rows when ``header``); ``line`` the printed
    line inside a cell or paragraph — or, for ``blank_line``, the line of the output page."""

    page: int
    block: int | None = None
    row: int | None = None
    col: int | None = None
    line: int | None = None
    header: bool = False

    def __str__(self) -> str:
        parts = [f"p{self.page}"]
        if self.block is not None:
            parts.append(f"b{self.block}")
        if self.row is not None:
            parts.append(("h" if self.header else "r") + str(self.row))
        if self.col is not None:
            parts.append(f"c{self.col}")
        if self.line is not None:
            parts.append(f"l{self.line}")
        return " ".join(parts)


@dataclass(frozen=True)
class Damage:
    kind: str
    where: Where
    before: str
    after: str

    def __str__(self) -> str:
        return f"{self.kind} @ {self.where}: {self.before!r} -> {self.after!r}"


@dataclass
class DamageLog:
    """Every damage, in the order applied."""

    entries: list[Damage] = field(default_factory=list)

    def add(self, kind: str, where: Where, before: str, after: str) -> None:
        self.entries.append(Damage(kind, where, before, after))

    def __iter__(self) -> Iterator[Damage]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def of(self, kind: str) -> list[Damage]:
        return [d for d in self.entries if d.kind == kind]

    def counts(self) -> Counter[str]:
        return Counter(d.kind for d in self.entries)

    def dropped_cells(self) -> set[tuple[int | None, bool, int | None, int | None, int]]:
        """(block, header, row, col, page) of every cell whose text the channel dropped."""
        return {
            (d.where.block, d.where.header, d.where.row, d.where.col, d.where.page) for d in self.of("cell_dropped")
        }

    def to_records(self) -> list[dict]:
        """Plain dicts (JSON-ready) for a benchmark's failure table."""
        return [{"kind": d.kind, **asdict(d.where), "before": d.before, "after": d.after} for d in self.entries]

"""Row numbers in single-spaced OCR'd text: which number a lone or misread one stands for.

OCR drops a row's number, reads it as a letter or a sign ('B', '|1'), or as a digit it takes
for another ('3' for '8'); a number out of sequence may also be a page's or a date's day. Each
rule here says when a number read is the row's due one (flagged by the caller as read back),
when it is a row's after one whose number was lost, and when it is no row's.
"""

from __future__ import annotations

from .labels import row_number
from .raw_row import RawRow
from .spaced_head import header_roles
from .stacked import CLOSED_DATE, is_date_piece

# a row's number runs at most this far ahead of the last one read (rows whose number OCR lost in
# between); further is no row's number but a day or a page's ('30 de Abrll de 2024' after row 10)
MAX_ROW_SKIP = 3
# a row's number centred on its lines comes after its first or second line, not later
MAX_LINES_BEFORE_NUMBER = 2
# a row's number alone on its line, read as the letter it looks like; taken only where that
# number is due next (a lone 'B' anywhere else is no number)
LOOKALIKE_DIGIT = {"B": 8, "S": 5, "Z": 2, "G": 6, "g": 9, "q": 9}
# digits OCR reads one for another ('3' for '8', '1' for '7', '6' for '5'): a row's number read so
# where the next is due is that number misread; any other digit is another number
CONFUSABLE_DIGITS = frozenset(frozenset(p) for p in ("38", "17", "56", "68", "89", "08"))


def confusable(read: str, due: int) -> bool:
    """The number read is the one due but for one digit OCR takes for another ('3' for '8',
    '1' for '7', '5' for '6', a bar for a '1'): every other digit the same."""
    want = str(due)
    read = read.strip(".)").replace("|", "1")  # a '1' read as a bar: '|1' where 11 is due (ASM 7815)
    if len(read) != len(want) or not read.isdigit():
        return False
    diff = [(a, b) for a, b in zip(read, want) if a != b]
    return not diff or (len(diff) == 1 and frozenset(diff[0]) in CONFUSABLE_DIGITS)


def _finding_opens(following: str) -> bool:
    """The next line opens a finding: a capital, and neither a row's number nor a header."""
    return following[:1].isupper() and row_number(following.split()[0]) is None and header_roles(following) is None


def misread_next(n: int, rest: str, above: RawRow | None, open_now: bool, page: int, following: str) -> bool:
    """A lone number just after a row that its date row closed, when a finding opens on the next
    line, is a row's: a few ahead, the number of a row after one whose number OCR lost ('7'
    after row 5, dev OCR'd text 87); else the next row's misread ('8' for '3', ASM 7822: the
    table ended there and 13 rows were lost), taken as the next and flagged. The page's own
    number alone on its line is no row's."""
    if rest or open_now or above is None or n == page or not any(t.strip() for t in above.fecha_lines):
        return False
    return _finding_opens(following)


def first_lone(n: int, rest: str, last: int, open_now: bool, pending: list[str]) -> bool:
    """A lone number just under a header, where the table's first row's is due, is that row's
    number misread ('4' for '1' after the first finding's line, real-path ASM 7910): kept, and
    read back from the rows after it (``numbering.renumbered``, flagged). Further than
    ``MAX_ROW_SKIP`` ahead, or after more lines than a row's first, it is no row's number."""
    return not rest and last == 0 and not open_now and n <= 1 + MAX_ROW_SKIP and len(pending) <= MAX_LINES_BEFORE_NUMBER


def ahead_after_date(n: int, rest: str, pieces: list[str], last: int, page: int, following: str) -> bool:
    """A lone number a few ahead of the last row's, inside a row written one piece per line whose
    pieces already hold a whole date, with a finding opening on the next line: the number of a
    row after one whose number OCR lost ('6' after row 4's pieces and row 5's, real-path ASM
    197). Without the whole date before it, a lone number there may be a piece of that date."""
    if rest or n == page or not last + 1 < n <= last + 1 + MAX_ROW_SKIP:
        return False
    dates = [p for p in pieces if is_date_piece(p)]
    if not dates or CLOSED_DATE.search(" ".join(dates)) is None:
        return False
    return _finding_opens(following)

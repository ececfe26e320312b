"""The shared text layer: what every family needs to read OCR'd Spanish text.

normalize  accents, folding, dehyphenation, digit/letter look-alikes, names' usual case
numbers    one token as a number under its column's format, with the repairs named
columns    a column's number format decided from its own values
numwords   numbers written in words ('cien mil', '3.5 millones')
quarters   quarter ordinals and labels ('segundo trimestre', 'T2') and their dates
dates      Spanish dates and periods with their precision
vocab      fuzzy vocabularies of canonical terms
"""

from .columns import FormatInference, infer_number_format
from .damaged_dates import parse_damaged_date
from .dates import DateMatch, Precision, find_dates, last_day_of_month, month_of, parse_date
from .normalize import (
    dehyphenate,
    digits_to_letters,
    fold,
    fold_keep_offsets,
    fold_spaces,
    fold_token,
    is_digitlike,
    join_lines,
    letters_to_digits,
    name_case,
    strip_accents,
    trim_punct,
)
from .numbers import (
    DECIMAL_COMMA,
    MX,
    UNKNOWN,
    NumberFormat,
    NumberReading,
    Repair,
    Status,
    find_percents,
    parse_number,
    parse_value,
)
from .quarters import QuarterMention, find_quarters, quarter_bounds, quarter_of
from .vocab import Found, Vocabulary, fold_term

__all__ = [
    "DECIMAL_COMMA",
    "MX",
    "UNKNOWN",
    "DateMatch",
    "FormatInference",
    "Found",
    "NumberFormat",
    "NumberReading",
    "Precision",
    "QuarterMention",
    "Repair",
    "Status",
    "Vocabulary",
    "dehyphenate",
    "digits_to_letters",
    "find_dates",
    "find_percents",
    "find_quarters",
    "fold",
    "fold_keep_offsets",
    "fold_spaces",
    "fold_term",
    "fold_token",
    "infer_number_format",
    "is_digitlike",
    "join_lines",
    "last_day_of_month",
    "letters_to_digits",
    "month_of",
    "name_case",
    "parse_damaged_date",
    "parse_date",
    "parse_number",
    "parse_value",
    "quarter_bounds",
    "quarter_of",
    "strip_accents",
    "trim_punct",
]

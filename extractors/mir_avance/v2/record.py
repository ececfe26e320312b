"""Read rows -> ``indicators`` records: numbers parsed, checked and flagged, text fields cleaned,
provenance attached.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import regex

from papeleo.text.columns import infer_number_format
from papeleo.text.numbers import MX, NumberFormat, NumberReading, Repair, Status, find_percents, parse_number

from .align import DOUBTFUL_SUFFIX, other_decimal_readings
from .fields import FRECUENCIAS, NIVELES, PARENS, TextFields
from .solve import ALC, NUMERIC, adds_up, solve_row
from .table import NULL_TOKENS, RowCells

# an alcanzado printed for a quarter after the one reported: the quarter or the column is wrong
OUT_OF_PERIOD = "alcanzado_fuera_de_periodo"
# a value in a quarter the indicator's frequency does not measure (a semestral indicator is
# measured at the half-year, in the second and fourth quarters; an annual one at the year's
# end): a cell shifted into its neighbour's column, or a '-' OCR lost
FREQUENCY_CHECK = "frecuencia_trimestres"
QUARTERS_OF = {"semestral": (2, 4), "anual": (4,)}
# digits, and a space between two of them ('12 133.33', '52 830.00')
DIGIT = regex.compile(r"\d")
SPACED = regex.compile(r"\d\s+\d")
# one number grouped by spaces and nothing else: '52 830.00', '1 206 528' ('12 133.33%' is two)
GROUPED_BY_SPACES = regex.compile(r"\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
# ... in at least this many values of a column, or one cell of two numbers would pass for the
# column's grouping where it holds the only long value
MIN_SPACED = 2
# a row whose level cell names two levels, or whose frequency cell two frequencies, is two
# printed rows read as one (a Propósito that prints no code, under its Fin, on a scan whose
# line between them OCR lost): its values may be either row's, and nothing says whose
MERGED_ROWS = "filas_fusionadas"
# an acronym marked as opening an indicator's name: 'PRIPEM= Promedio', 'PSAL: Porcentaje'
INDICATOR_OPENING = regex.compile(r"(?<![\p{L}\p{N}])(?P<s>[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ0-9]{2,13})\s*[:=]\s*(?=\p{Lu}\p{Ll})")
# a value whose decimals disagree with the rest of its row: '3759' among '40.41 18.65 35.35' (a
# decimal point OCR lost: 37.59) or '2.739' among '2119 3440 4160' (a thousands comma read as a
# point: 2739; dev MIR OCR'd text 109, 133, 190, 203, 235, 304, 337); the value is kept as printed
# and flagged '<field>_decimales_dudosos'. The row's percentage prints its own decimals and is left
# out. A column that prints decimals throughout is the number layer's (Status.DECIMALS_MISSING)
DECIMALS_SUFFIX = "_decimales_dudosos"
# a % printed whole with at least this many digits may be one whose point OCR lost ('10779%' for
# 107.79%): three lets '100%' be tried as 1.00, which the checks then refuse; more would miss
# '5000%' for 50.00%
PERCENT_POINT_MIN_DIGITS = 3
# the note of a row whose % is read from its commentary (the table has no % column); the final
# pass (v2/__init__.flag_unbacked) looks for it
PERCENT_FROM_COMMENT = "avance_pct: leído del comentario (el cuadro no tiene columna de %)"


# a numeric cell that prints nothing but one of these is a zero OCR read as a letter ('O', 'o'):
# the number layer reads look-alikes only beside a real digit ('2O19'), as a lone 'o' in prose is
# the word 'or'; a table's numeric cell prints no word of one letter (dev MIR scan 49: the
# programados of quarters with no target, 'O' on every other row, silently unread)
LONE_ZERO_LOOKALIKES = frozenset({"O", "o"})


def token_to_reading(token: str | None, fmt: NumberFormat = MX, ruled: bool = False) -> NumberReading | None:
    """None for an empty cell; a MISSING reading for '-', 'N/A' and the like; a lone zero read as
    a letter as 0, repaired (``LONE_ZERO_LOOKALIKES``). ``ruled``: the cell's page draws the
    table's vertical rulings (``RowCells.ruled``)."""
    raw = (token or "").strip()
    if not raw:
        return None
    if raw.lower() in NULL_TOKENS:
        return parse_number("-", fmt)
    if raw in LONE_ZERO_LOOKALIKES:
        return NumberReading(raw, 0.0, Status.REPAIRED, (Repair.LETTERS_AS_DIGITS,), (0.0,))
    return parse_number(raw, fmt, rule_strokes=ruled)


def rows_to_formats(rows: list[RowCells]) -> dict[str, NumberFormat]:
    """Each numeric field's format from what the document prints under it (papeleo.text.columns):
    a column that prints two decimals throughout makes '3200' among '32.00's ambiguous (3200 or
    a lost point: 32) and '332.053' a thousands group, instead of two silent misreadings (OCR'd
    text, dev seeds). Where the values decide nothing ('1,347' alone), the Mexican convention
    (MX) the reports print in."""
    out: dict[str, NumberFormat] = {}
    for name in NUMERIC:
        tokens = [rc.numbers[name].strip() for rc in rows if (rc.numbers.get(name) or "").strip()]
        inferred = infer_number_format(tokens)
        out[name] = inferred.format if inferred.decided else MX
    return out


def cells_to_merged_terms(text: dict[str, str]) -> str | None:
    """'Fin Propósito' in the level cell or 'Semestral Anual' in the frequency cell (dev MIR
    scan 3: the Fin's values lost, the Propósito's under the Fin's code), as printed; None when
    each names one at most. A term repeated ('Anual Anual') is one row's cell read twice."""
    for cell, vocabulary in (("nivel", NIVELES), ("frecuencia", FRECUENCIAS)):
        # an area in parentheses ('Fin (Dirección de Actividades Cívicas)') names no level
        words = PARENS.sub(" ", text.get(cell) or "").split()
        terms = {
            t for i, w in enumerate(words) if (t := vocabulary.term_of(w)) and not _is_caption(w, words[i + 1 : i + 2])
        }
        if len(terms) > 1:
            return text[cell]
    # ... or two acronyms each opening an indicator's name in the indicator cell ('PEPIM= Promedio
    # de expedientes … PRIPEM= Promedio de recibos …': a Propósito and the Componente under it,
    # its level word lost; report block 6775 scan, one row's values under the other's code)
    marked = list(dict.fromkeys(m.group("s") for m in INDICATOR_OPENING.finditer(text.get("indicador") or "")))
    if len(marked) > 1:
        return " / ".join(marked)
    return None


def _is_caption(word: str, after: list[str]) -> bool:
    """'Componente 3:' or 'Componente:' opens a section caption ('Componente 3: Sistema
    Municipal DIF', printed over the rows at a page's top, dev MIR text 710), not a row's level."""
    return word.endswith(":") or bool(after and after[0].endswith(":"))


def row_to_record(
    rc: RowCells,
    tf: TextFields,
    meta: dict,
    formats: dict[str, NumberFormat] | None = None,
    spaced: set[str] | None = None,
) -> dict[str, Any]:
    T = meta.get("trimestre")
    formats = formats or {}
    readings = {name: token_to_reading(rc.numbers.get(name), formats.get(name, MX), rc.ruled) for name in NUMERIC}
    notes = list(tf.notes) + list(rc.notes)
    # a cell of two numbers ('12 133.33%': an alcanzado and the % beside it, read into one cell)
    # in a column that groups no thousands with spaces: the space joined two cells, and the
    # number read is neither (validation MIR scan 1025: 12133.33 for 12, unflagged)
    joined = [
        name
        for name in NUMERIC
        if readings[name]
        and Repair.SPACE_IN_NUMBER not in readings[name].repairs  # a space inside one number ('11,8 38')
        and _joins_two_numbers((rc.numbers.get(name) or "").strip(), name in (spaced or set()))
    ]
    joined_checks = [f"{name}{DOUBTFUL_SUFFIX}=conflict" for name in joined]
    notes += [f"{name}: la celda '{rc.numbers[name].strip()}' junta dos números" for name in joined]
    from_comment = False
    if "avance_pct" not in rc.numbers and tf.comentario:
        # no % column: the percentage the commentary states is the document's
        found = find_percents(tf.comentario)
        if found:
            readings["avance_pct"] = found[0][1]
            from_comment = True
            notes.append(PERCENT_FROM_COMMENT)
    alternatives = row_decimal_alternatives(readings)
    # ... and a % column's cell printed whole, tried with a point: a candidate the checks take or
    # leave, never a doubt of its own ('100%' is as often right)
    percent = {} if from_comment else percent_point_alternative(readings.get("avance_pct"))
    solved = _solve_with_other_decimals(readings, {**alternatives, **percent}, T, tf.comentario, from_comment, joined)
    checks = list(solved.checks) + list(rc.checks) + joined_checks
    notes += solved.notes
    touched = {str(c).partition(":")[0] for c in solved.corrected}
    for name in alternatives:
        if name not in touched and name not in joined:
            checks.append(f"{name}{DECIMALS_SUFFIX}=conflict")
            notes.append(f"{name}: '{rc.numbers[name].strip()}' imprime decimales distintos a los del resto de la fila")
    if T:
        late = [f for f in ALC[T:] if solved.values.get(f) is not None]
        if late:
            checks.append(f"{OUT_OF_PERIOD}=conflict")
            notes.append(f"valores alcanzados después del trimestre {T} reportado: {', '.join(late)}")
    if not T:
        notes.append("el documento no dice qué trimestre reporta")
    merged = cells_to_merged_terms(rc.text)
    if merged:
        checks.append(f"{MERGED_ROWS}=conflict")
        notes.append(f"la fila reúne dos filas impresas ({merged}): sus valores pueden ser de cualquiera de ellas")
    if "suma_programado=ok" in checks and constant_without_its_quarters(solved.values, tf.frecuencia):
        checks[checks.index("suma_programado=ok")] = "suma_programado=conflict"
        notes.append(_constant_note(tf.frecuencia))
    freq = frequency_check(tf.frecuencia, solved.values)
    if freq:
        checks.append(freq[0])
        notes += freq[1:]
    rec: dict[str, Any] = {
        "ente": meta.get("ente"),
        "ejercicio": meta.get("ejercicio"),
        "trimestre": T,
        "clave": tf.clave,
        "nivel": tf.nivel,
        "resumen_narrativo": tf.resumen_narrativo,
        "siglas": tf.siglas,
        "indicador": tf.indicador,
        "frecuencia": tf.frecuencia,
        "unidad_medida": tf.unidad_medida,
        **solved.values,
        "comentario": tf.comentario,
        "checks": checks,
        "corrected": list(tf.corrected) + solved.corrected,
        "comentario_extraccion": "; ".join(notes) or None,
        "page": rc.page,
        "confidence": _confidence(rc, checks),
    }
    if rc.bbox is not None:
        rec.update(zip(("x0", "top", "x1", "bottom"), rc.bbox))
    return rec


def constant_without_its_quarters(values: dict[str, Any], frecuencia: str | None) -> bool:
    """Whether Σ programado holds only as a constant indicator (each programmed quarter equal to
    the meta, not summing to it) while a quarter the frequency measures has no value. A constant
    indicator prints its target in every quarter it measures; two of four quarters equal to the
    meta is a value read into a neighbouring column as often ('4 4' under a trimestral meta of 4
    programmed 1 1 1 1, generated MIR scan 6536, the second 4 unflagged)."""
    # a row whose frequency went unread measures any quarter: its lost quarters are as doubtful
    measured = QUARTERS_OF.get(frecuencia or "") or ((1, 2, 3, 4) if frecuencia in ("trimestral", None) else None)
    meta = values.get("meta_anual")
    if measured is None or meta is None:
        return False
    given = {q: v for q in range(1, 5) if (v := values.get(f"programado_t{q}")) is not None}
    if not given or adds_up(meta, list(given.values())):
        return False  # no programado, or the quarters add up: not the constant reading
    return any(given.get(q) is None for q in measured)


def _constant_note(frecuencia: str | None) -> str:
    return f"programados iguales a la meta anual, pero no en cada trimestre que mide un indicador {frecuencia or 'de frecuencia ilegible'}"


def flag_constant_only_sums(records: list[dict[str, Any]]) -> None:
    """``constant_without_its_quarters`` on finished records of a reading whose rows did not go
    through ``row_to_record`` (the line stream, v1's: a meta of 1 read for 4 over programados 1 1
    and two quarters lost held as a constant indicator's, generated MIR report 6704)."""
    for r in records:
        checks = r.get("checks") or []
        if "suma_programado=ok" in checks and constant_without_its_quarters(r, r.get("frecuencia")):
            r["checks"] = [c if c != "suma_programado=ok" else "suma_programado=conflict" for c in checks]
            add_flags(r, [], _constant_note(r.get("frecuencia")))


def frequency_check(frecuencia: str | None, values: dict[str, Any]) -> list[str]:
    """[FREQUENCY_CHECK outcome, the note when it fails] for a semestral or anual indicator;
    [] for one that measures every quarter (or says nothing). A value in a quarter the
    indicator does not measure was read from a neighbouring column: '740,892 O 409,892 0 331,000 0'
    with the 'O' lost puts the semestral's programados in quarters 1 and 3 (dev MIR OCR'd text 287)."""
    measured = QUARTERS_OF.get(frecuencia or "")
    if measured is None:
        return []
    off = [
        f"{kind}_t{q}"
        for kind in ("programado", "alcanzado")
        for q in range(1, 5)
        if q not in measured and values.get(f"{kind}_t{q}")
    ]
    if not off:
        return [f"{FREQUENCY_CHECK}=ok"]
    return [
        f"{FREQUENCY_CHECK}=conflict",
        f"indicador {frecuencia} con valores en trimestres que no mide: {', '.join(off)}",
    ]


def add_flags(rec: dict[str, Any], checks: list[str], note: str) -> None:
    """Checks added to a finished record, and the note saying why added to its
    ``comentario_extraccion``."""
    rec["checks"] = [*(rec.get("checks") or []), *checks]
    rec["comentario_extraccion"] = "; ".join(x for x in (rec.get("comentario_extraccion"), note) if x)


def _solve_with_other_decimals(
    readings, alternatives: dict[str, float], T, comentario, from_comment: bool, joined: list[str]
):
    """The row solved with each value whose decimals disagree with the row's read both ways
    ('400' among '7.00 5.00': 400 or 4.00, its point lost; ``alternatives``, from
    ``row_decimal_alternatives``), when the row's checks take exactly
    one of them (the solver fills an ambiguous reading only so); else solved as printed, and
    the value is flagged (DECIMALS_SUFFIX)."""
    plain = solve_row(readings, T, comentario, percent_is_commentary=from_comment)
    others = {n: x for n, x in alternatives.items() if n not in joined}
    if not others or all(c.endswith("=ok") for c in plain.checks):
        return plain
    trial = dict(readings)
    for name, x in others.items():
        r = readings[name]
        trial[name] = NumberReading(r.raw, None, Status.AMBIGUOUS, candidates=(r.value, x), percent=r.percent)
    solved = solve_row(trial, T, comentario, percent_is_commentary=from_comment)
    settled = {str(c).partition(":")[0] for c in solved.corrected}
    # ... by one of its two readings: a value the checks alone give (the meta less the other
    # quarters) would replace a printed value on the word of a neighbour OCR misread
    if not set(others) <= settled or any(solved.values[n] not in (readings[n].value, x) for n, x in others.items()):
        return _solved_jointly(readings, others, T, comentario, from_comment) or plain
    # the solver's words for a reading it filled are for an illegible cell: this one was read
    solved.corrected = [
        f"{c.partition(':')[0]}:corregido" if c.partition(":")[0] in others else c for c in solved.corrected
    ]
    for name in others:
        raw = readings[name].raw.strip()
        solved.notes = [
            n.replace(
                f"{name}: '{raw}' ilegible;", f"{name}: '{raw}' imprime decimales distintos a los del resto de la fila;"
            )
            for n in solved.notes
        ]
    return solved


# at most this many values with the row's decimals in doubt are tried together (2^n readings of
# the row): more and some set of them makes Σ programado hold by chance
MAX_JOINT_DECIMALS = 4


def _solved_jointly(readings, others: dict[str, float], T, comentario, from_comment: bool):
    """The row solved with a set of its doubted values read the row's way, when exactly one set
    makes every check hold. The solver fills one ambiguous value at a time, so two thousands
    commas read as points ('3.o51' and '2.581' among whole numbers, report block 7010-7049
    OCR'd text 7039) each leave Σ programado short whichever way the other is read."""
    names = sorted(others)
    if not 2 <= len(names) <= MAX_JOINT_DECIMALS:
        return None
    fits = []
    for k in range(1, len(names) + 1):
        for chosen in combinations(names, k):
            trial = dict(readings)
            for name in chosen:
                r = readings[name]
                trial[name] = NumberReading(r.raw, others[name], Status.CLEAN, percent=r.percent)
            solved = solve_row(trial, T, comentario, percent_is_commentary=from_comment)
            if solved.checks and all(c.endswith("=ok") for c in solved.checks):
                fits.append((chosen, solved))
    if len(fits) != 1:
        return None
    chosen, solved = fits[0]
    for name in chosen:
        raw = readings[name].raw.strip()
        solved.corrected = [c for c in solved.corrected if c.partition(":")[0] != name] + [f"{name}:corregido"]
        solved.notes.append(
            f"{name}: '{raw}' imprime decimales distintos a los del resto de la fila; leído como {others[name]:g},"
            " con el que cuadran las comprobaciones"
        )
    return solved


def percent_point_alternative(reading: NumberReading | None) -> dict[str, float]:
    """The % read with the point OCR lost put back before its last two digits ('10779%' ->
    107.79, new dev block 484), when it prints no decimals and has ``PERCENT_POINT_MIN_DIGITS``
    digits or more; the row's checks choose between the two (``_solve_with_other_decimals``)."""
    if (
        reading is None
        or reading.value is None
        or reading.decimals
        or reading.value < 10 ** (PERCENT_POINT_MIN_DIGITS - 1)
    ):
        return {}
    return {"avance_pct": round(reading.value / 100, 2)}


def row_decimal_alternatives(readings: dict[str, NumberReading | None]) -> dict[str, float]:
    """The fields whose printed decimals disagree with the row's, each with the value its
    printing would have had with the row's decimals (``align.other_decimal_readings``)."""
    return other_decimal_readings(
        {
            name: (r.decimals, r.value)
            for name, r in readings.items()
            if name != "avance_pct" and r is not None and r.value is not None
        }
    )


def _confidence(rc: RowCells, checks: list[str]) -> float:
    """The words' own confidence (1.0 for a text layer), halved by an open conflict."""
    base = rc.confidence if rc.confidence is not None else 1.0
    return round(base * (0.5 if any(c.endswith("=conflict") for c in checks) else 1.0), 3)


def _joins_two_numbers(token: str, column_spaced: bool) -> bool:
    """A space between digits that is no thousands grouping the column prints."""
    return bool(SPACED.search(token)) and not (column_spaced and GROUPED_BY_SPACES.fullmatch(token))


def rows_to_spaced_fields(rows: list[RowCells]) -> set[str]:
    """The numeric fields whose column groups thousands with spaces ('52 830.00'): most of its
    values of four digits or more, and MIN_SPACED at least, print a space between digit groups."""
    out = set()
    for name in NUMERIC:
        long = [t.strip() for rc in rows if len(DIGIT.findall(t := rc.numbers.get(name) or "")) >= 4]
        n = sum(1 for t in long if GROUPED_BY_SPACES.fullmatch(t))
        if n >= MIN_SPACED and 2 * n > len(long):
            out.add(name)
    return out


def rows_to_records(rows: list[RowCells], texts: list[TextFields], meta: dict) -> list[dict[str, Any]]:
    formats, spaced = rows_to_formats(rows), rows_to_spaced_fields(rows)
    return [row_to_record(rc, tf, meta, formats, spaced) for rc, tf in zip(rows, texts)]

"""Every axis of one generated dictamen, drawn from ``random.Random(seed)`` before anything is drawn.

Why a spec first: the coverage test and a benchmark's grouping need the axes without rendering
a PDF, and the three forms must show the same document, so the whole document is decided here
and the drawing, the text form and the truth only read it. The distributions are in ``shares``,
the parts and their drawing in ``axes``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from . import bodies, labels, scores, vocab
from . import shares as S
from .axes import (
    Columns,
    Format,
    Institute,
    Look,
    Period,
    TextForm,
    draw_clave,
    draw_columns,
    draw_commission,
    draw_dates,
    draw_institute,
    draw_look,
    draw_period,
    draw_text_form,
)
from .draws import pick
from .names import Person
from .roster import Roster, draw_roster


@dataclass
class Spec:
    seed: int
    inst: Institute
    purpose: str
    period: Period
    fmt: Format
    scheme: scores.Scheme
    bands_name: str
    bands: tuple
    nivel_column: bool
    columns: Columns
    look: Look
    roster: Roster
    clave: str | None
    fecha: date  # approval date = fecha_documento
    dates: dict  # the other dates the prose prints
    prose: dict  # prose axes
    comision: list[tuple[str, Person, str]]  # (role, person, printed name with title)
    secretario: tuple[Person, str]
    text: TextForm
    extra: dict = field(default_factory=dict)


def draw_spec(seed: int) -> Spec:
    """The whole document of ``seed``: every later step only reads this."""
    rng = random.Random(seed)
    kind_name = pick(rng, S.KIND_SHARE)
    inst = draw_institute(rng, kind_name)
    purpose = pick(rng, S.PURPOSE_SHARE)
    period = draw_period(rng, kind_name)
    if rng.random() < S.PERIOD_UNSTATED_SHARE:
        period = Period(period.kind, period.inicio, period.fin, period.style, False)
    top = pick(rng, S.SCALE_SHARE)
    fmt = Format(
        top=top,
        decimals=pick(rng, S.DECIMALS_SHARE[top]),
        sep=pick(rng, S.DECIMAL_SEP_SHARE),
        na=pick(rng, S.NA_TOKEN_SHARE),
        rounding=pick(rng, S.ROUNDING_SHARE),
        nivel_case=pick(rng, S.NIVEL_CASE),
        name_order=pick(rng, S.NAME_ORDER),
        name_case=pick(rng, S.NAME_CASE),
    )
    scheme_name = pick(rng, S.SCHEME_SHARE)
    scheme = next(s for s in scores.SCHEMES if s.name == scheme_name)
    bands_name, bands = rng.choice(labels.BANDAS)
    nivel_column = rng.random() < S.NIVEL_COLUMN_SHARE
    columns = draw_columns(rng, kind_name, scheme, nivel_column)
    look = draw_look(rng)
    na = scores.NaRates(pick(rng, S.NA_IND_SHARE), pick(rng, S.NA_COL_SHARE), pick(rng, S.NA_COMP_SHARE))
    entidades = list(rng.sample(vocab.ESTADOS, 6)) if kind_name == "nacional" else [inst.estado]
    row_order = pick(rng, S.ROW_ORDER)
    universe_table = purpose == "incentivos" and rng.random() < S.UNIVERSE_TABLE_SHARE
    shown = ({"nivel"} if nivel_column else set()) | ({"universo"} if universe_table else set())
    roster = draw_roster(
        rng,
        rng.randint(*S.PEOPLE),
        bodies.KINDS[kind_name],
        fmt,
        scheme,
        na,
        pick(rng, S.LOW_SHARE),
        bands,
        entidades,
        purpose,
        row_order,
        shown,
    )
    fecha, dates = draw_dates(rng, period)
    clave = draw_clave(rng, inst, fecha.year) if rng.random() < S.CLAVE_SHARE else None
    taken = {r.person.natural for r in roster.rows}
    comision, secretario = draw_commission(rng, taken)
    prose = {
        "row_order": row_order,
        "date_style": pick(rng, S.DATE_STYLE),
        "glosario": rng.random() < S.GLOSARIO_SHARE,
        "glosario_spaced": rng.random() < S.GLOSARIO_SPACED_SHARE,
        "commission_table": rng.random() < S.COMMISSION_TABLE_SHARE,
        "weights_stated": pick(rng, S.WEIGHTS_STATED),
        "bands_stated": pick(rng, S.BANDS_STATED) if nivel_column else "no",
        "universe_table": universe_table,
        "monto": purpose == "incentivos" and rng.random() < S.MONTO_SHARE,
        "previous_period": period.stated and rng.random() < S.PREVIOUS_PERIOD_SHARE,
        "numbering": rng.choice(S.NUMBERING),
        "sesion": rng.choice(labels.TIPOS_SESION),
        "acuerdo_n": rng.sample(range(1, 100), 8),
        "monto_valor": rng.choice(S.MONTOS),
        "articulos": [rng.randint(5, 120) for _ in range(6)],
        "extra_paras": rng.randint(0, S.FILLER_KINDS),
        "bullets": rng.random() < S.BULLETS_SHARE,
        "bullet": rng.choice(S.BULLET_GLYPHS),
        "fundamento": rng.random() < S.FUNDAMENTO_SHARE,
        "title_upper": rng.random() < S.TITLE_UPPER_SHARE,
        "dateline": rng.random() < S.DATELINE_SHARE,
        "transitorios": rng.random() < S.TRANSITORIOS_SHARE,
        "url_scheme": rng.random() < S.URL_SCHEME_SHARE,
        "body_size": rng.choice(S.BODY_SIZES),
        "caption": pick(rng, S.CAPTION_STYLE),
        "filler": rng.sample(range(S.FILLER_KINDS), S.FILLER_KINDS),
        "signature_cols": rng.choice(S.SIGNATURE_COLUMNS),
        "antecedentes_extra": [k for k in ("estatuto", "enlace", "metas") if rng.random() < S.EXTRA_ANTECEDENTE_SHARE],
        "acuerdo_style": rng.choice(S.ACUERDO_STYLES),
    }
    return Spec(
        seed=seed,
        inst=inst,
        purpose=purpose,
        period=period,
        fmt=fmt,
        scheme=scheme,
        bands_name=bands_name,
        bands=bands,
        nivel_column=nivel_column,
        columns=columns,
        look=look,
        roster=roster,
        clave=clave,
        fecha=fecha,
        dates=dates,
        prose=prose,
        comision=comision,
        secretario=secretario,
        text=draw_text_form(rng),
    )

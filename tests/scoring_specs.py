"""How each dataset's rows are scored: its natural key and how each column compares.

One place, so the golden tests, the family tests and the benchmarks score a dataset the same
way (see tests/scoring.py for what the outcomes mean). Keys come from the contract
(../shared/CONTRACT.md): what identifies a row in its document, as printed.

Text floors are rapidfuzz ratios (0–100) on whitespace-collapsed text. ``TEXT_FLOOR`` trades
tolerance of OCR damage against telling two rows apart: a sentence with a few misread
characters (`s6lidos`, `Proposito`, accents lost) stays above it; a different sentence, or
half of one, falls below.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from scoring import ALCANZADO, PROGRAMADO, Score, score_rows

# a sentence read with a few OCR-damaged characters passes; another sentence does not
TEXT_FLOOR = 90


@dataclass(frozen=True)
class Spec:
    """The arguments of ``score_rows`` for one dataset."""

    key: tuple[str, ...]
    fallback_keys: tuple[tuple[str, ...], ...] = ()
    numeric: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    text: Mapping[str, int] = field(default_factory=dict)

    def score(self, expected: Sequence[Mapping[str, Any]], got: Sequence[Mapping[str, Any]]) -> Score:
        return score_rows(
            expected,
            got,
            key=self.key,
            fallback_keys=self.fallback_keys,
            numeric=self.numeric,
            text=self.text,
            exact=self.exact,
        )

    def with_text_floor(self, floor: int) -> Spec:
        """The same spec with every text floor set to ``floor`` (a test on a harder form)."""
        return replace(self, text={f: floor for f in self.text})


MIR_NUMERIC = ("meta_anual", *PROGRAMADO, *ALCANZADO, "avance_pct")

SPECS: dict[str, Spec] = {
    # clave is the printed code; siglas pairs rows whose clave was not printed or is
    # duplicated (fixtures with Fin/Propósito without a code); SEVAC metas share their
    # project's clave, so clave with the indicator's name pairs them; POA rows have no code
    # and are keyed by the unit they measure (with its posición first, as a unit's name may
    # repeat), and last by the posición alone: the printed row number identifies a unit whose
    # name OCR cut or reordered ('UNIDAD TLAXCOMULCO DE CAPACITACIÓN' for 'UNIDAD DE CAPACITACIÓN
    # TLAXCOMULCO'), whose values are then scored, not counted as a row the truth lacks; a
    # misread posición pairs the wrong unit and its values count as wrong
    "indicators": Spec(
        key=("clave",),
        fallback_keys=(("siglas",), ("clave", "indicador"), ("posicion", "unidad"), ("unidad",), ("posicion",)),
        numeric=MIR_NUMERIC,
        exact=(
            "ente",
            "ejercicio",
            "trimestre",
            "clave",
            "nivel",
            "siglas",
            "frecuencia",
            "unidad_medida",
            "page",
            "posicion",
        ),
        text={"resumen_narrativo": TEXT_FLOOR, "indicador": TEXT_FLOOR, "comentario": TEXT_FLOOR, "unidad": TEXT_FLOOR},
    ),
    # numero restarts per table, so it is unique only with tipo
    "commitments": Spec(
        key=("tipo", "numero"),
        fallback_keys=(("tipo", "texto"),),
        exact=("tipo", "numero", "fecha_compromiso", "fecha_precision", "page"),
        text={
            "texto": TEXT_FLOOR,
            "actividad_comprometida": TEXT_FLOOR,
            "programa_evaluado": TEXT_FLOOR,
            "sujeto_evaluado": TEXT_FLOOR,
        },
    ),
    # the person as printed; OCR may drop accents from it, hence fuzzy (nombre has a floor)
    "scores": Spec(
        key=("nombre",),
        fallback_keys=(("cargo",),),
        numeric=("metas_individuales", "metas_colectivas", "competencias", "calificacion_final"),
        exact=("entidad", "nivel_desempeno", "periodo_inicio", "periodo_fin", "page"),
        text={"nombre": TEXT_FLOOR, "cargo": TEXT_FLOOR},
    ),
    # recommendations restart their numbering per addressee, so the key includes it
    # (null for the other sections)
    "findings": Spec(
        key=("seccion", "destinatario", "numero"),
        fallback_keys=(("seccion", "texto"),),
        exact=("seccion", "numero", "fecha", "page"),
        text={"subseccion": TEXT_FLOOR, "texto": TEXT_FLOOR, "destinatario": TEXT_FLOOR},
    ),
}

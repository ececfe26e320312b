"""The document's tables as printed cells: the score table and the small ones around it.

Every number of the score table is formatted here, once, with the document's decimal separator,
decimals and N/A token; the truth reads the same Decimals, so a cell and its truth value can
only differ by the formatting the spec recorded.
"""

from __future__ import annotations

from . import scores
from .bodies import named
from .model import Column, Grid, Mentions
from .phrases import org, persona
from .spec import Spec

NUMERIC = frozenset({"numero", "ind", "col", "comp", "final"})


def level_text(label: str, case: str) -> str:
    return label.upper() if case == "upper" else label


def score_columns(spec: Spec) -> list[Column]:
    cols = spec.columns
    out = []
    for key in cols.keys:
        label, group = cols.labels[key], None
        if cols.grouped and key in ("ind", "col"):
            label = cols.sub_labels[0 if key == "ind" else 1]
            group = cols.group_label
        out.append(Column(key, label, group, numeric=key in NUMERIC))
    return out


def score_cells(spec: Spec, i: int) -> dict[str, str]:
    r, fmt = spec.roster.rows[i], spec.fmt

    def num(v):
        return scores.format_score(v, fmt.decimals, fmt.sep, fmt.na)

    return {
        "numero": str(i + 1),
        "nombre": r.nombre_tabla,
        "cargo": r.cargo,
        "entidad": r.entidad,
        "ind": num(r.values["ind"]),
        "col": num(r.values["col"]),
        "comp": num(r.values["comp"]),
        "final": num(r.final),
        "nivel": level_text(r.nivel, fmt.nivel_case),
    }


def score_grid(spec: Spec, m: Mentions, caption: list[str]) -> Grid:
    """The score table; every person in it registered as printed (the table's spelling), and the
    bodies a printed post names ('Jefa de Departamento de Recursos Humanos')."""
    rows = []
    for i, r in enumerate(spec.roster.rows):
        cells = score_cells(spec, i)
        rows.append({k: cells[k] for k in spec.columns.keys})
        where = ("grid", "scores", i)
        extra = {"cargo": r.cargo} if "cargo" in spec.columns.keys else {}
        persona(m, r.nombre_tabla, where=where, persona_id=i, variante="tabla", **extra)
        for body in named(r.cargo, itself=False) if extra else ():
            org(m, body, where=where, variante="tabla")
    look = spec.look
    return Grid(
        name="scores",
        columns=score_columns(spec),
        rows=rows,
        caption=caption,
        rules=look.rules,
        header_fill=look.header_fill,
        zebra=look.zebra,
        size=look.size,
        num_align=look.num_align,
        num_valign=look.num_valign,
        repeat_header=look.repeat_header,
        landscape=look.landscape,
    )


def small_grid(spec: Spec, name: str, columns: list[Column], rows: list[dict[str, str]]) -> Grid:
    """A small table in the document's rule style (never landscape, never shaded rows)."""
    return Grid(
        name=name,
        columns=columns,
        rows=rows,
        rules=spec.look.rules if spec.look.rules != "unruled" else "booktabs",
        header_fill=spec.look.header_fill,
        size=spec.look.size + 0.5,
        num_align="c",
        full_width=False,
    )


def commission_grid(spec: Spec, m: Mentions) -> Grid:
    rows = []
    for role, p, printed in spec.comision:
        persona(m, p.natural, printed, cargo=role)
        rows.append({"cargo": role, "nombre": printed})
    post = f"Titular de la {spec.inst.enlace}"
    rows.append({"cargo": "Secretaría Técnica", "nombre": post})
    for body in named(post, itself=False):  # the liaison body named inside the post
        org(m, body, where=("grid", "comision", len(rows) - 1), variante="tabla")
    return small_grid(spec, "comision", [Column("cargo", "Cargo"), Column("nombre", spec.inst.comision)], rows)


def universe_grid(spec: Spec) -> Grid:
    """'Número de MSPEN | Porcentaje … | Universo de Elegibles (UE)': figures in table cells and a
    percentage, none of them a mention (docs/mentions.md: not a cantidad)."""
    u, acr = spec.roster.universe, spec.inst.miembros_acr
    cols = [
        Column("n", f"Número de {acr}", numeric=True),
        Column("pct", "Porcentaje de Universo de Elegibles", numeric=True),
        Column("ue", "Universo de Elegibles (UE)", numeric=True),
    ]
    return small_grid(spec, "universo", cols, [{"n": str(u.miembros), "pct": f"{u.pct}%", "ue": str(u.ue)}])


def weights_grid(spec: Spec) -> Grid:
    labels = spec.columns.labels
    rows = [{"factor": labels[f], "peso": f"{w}%"} for f, w in spec.scheme.full.items()]
    cols = [Column("factor", "Factor"), Column("peso", "Ponderación", numeric=True)]
    return small_grid(spec, "ponderacion", cols, rows)


def band_ranges(spec: Spec) -> list[tuple[str, str, str]]:
    """(label, from, to) per band, printed in the document's number format."""
    fmt, out = spec.fmt, []
    q = scores.quantum(fmt.decimals)
    upper = scores.D(fmt.top)
    for label, lower in spec.bands:
        lo = (scores.D(str(lower)) * fmt.top / 10).quantize(q)
        out.append(
            (
                level_text(label, fmt.nivel_case),
                scores.format_score(lo, fmt.decimals, fmt.sep, ""),
                scores.format_score(upper, fmt.decimals, fmt.sep, ""),
            )
        )
        upper = lo - q
    return out


def bands_grid(spec: Spec) -> Grid:
    rows = [{"nivel": lab, "rango": f"{a} a {b}"} for lab, a, b in band_ranges(spec)]
    cols = [Column("nivel", "Nivel de desempeño"), Column("rango", "Rango de calificación", numeric=True)]
    return small_grid(spec, "bandas", cols, rows)

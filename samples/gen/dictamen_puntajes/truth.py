"""The truth of a generated dictamen, in the golden shape, from the spec and what was drawn.

Values come from the spec's Decimals and strings (never from reading the PDF); pages come from
the drawing's record: a row's page is the page its table row was drawn on, a mention's page the
first page whose drawn text holds it (a table cell's, the page of its row; what the running
header or footer prints, page 1, the first page it is printed on).
"""

from __future__ import annotations

import re

from .._layout import Doc
from .model import Mentions
from .spec import Spec
from .tables import level_text

SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def page_texts(d: Doc) -> list[str]:
    """Each page's drawn body text (running header and footer left out, so a phrase cut by a page
    break reads on across it), blocks in drawing order, a table row's cells one after another."""
    pages = [""] * (d.page + 1)
    for b in d.blocks:
        if b.kind in ("header", "footer"):  # running furniture: its mentions are pinned to page 1
            continue
        if b.kind in ("table_row", "table_header"):
            text = " ".join(" ".join(lines) for lines in b.meta["cells"].values())
        elif b.kind == "sig":
            text = " ".join(t for _, _, t, _ in b.items)
        else:
            text = " ".join(b.lines)
        pages[b.page] += " " + text
    return [squash(p) for p in pages]


def row_pages(d: Doc, grid: str) -> dict[int, int]:
    return {b.meta["row"]: b.page for b in d.blocks if b.kind == "table_row" and b.meta["grid"] == grid}


def mention_page(texto: str, pages: list[str]) -> int:
    """The first page holding ``texto`` as whole words, not inside a word or a code ('INE' is
    not in 'DETERMINE' nor 'IEEC' in 'ACU-IEEC-025-2018'); one that runs over a page break
    belongs to the page it starts on."""
    t = re.compile(rf"(?<![\w/-]){re.escape(squash(texto))}(?![\w/-])")
    for p in range(1, len(pages)):
        if t.search(pages[p]):
            return p
    for p in range(1, len(pages) - 1):
        if t.search(pages[p] + " " + pages[p + 1]):
            return p
    raise AssertionError(f"mention {texto!r} was registered but never drawn")


def num(v) -> float | None:
    return None if v is None else float(v)


def score_rows(spec: Spec, d: Doc) -> list[dict]:
    keys, fmt = spec.columns.keys, spec.fmt
    pages = row_pages(d, "scores")
    stated = spec.period.stated
    out = []
    for i, r in enumerate(spec.roster.rows):
        out.append(
            {
                "nombre": r.nombre_tabla,
                "cargo": r.cargo if "cargo" in keys else None,
                "entidad": r.entidad if "entidad" in keys else None,
                "metas_individuales": num(r.values["ind"]) if "ind" in keys else None,
                "metas_colectivas": num(r.values["col"]) if "col" in keys else None,
                "competencias": num(r.values["comp"]) if "comp" in keys else None,
                "calificacion_final": num(r.final),
                "nivel_desempeno": level_text(r.nivel, fmt.nivel_case) if "nivel" in keys else None,
                "periodo_inicio": spec.period.inicio.isoformat() if stated else None,
                "periodo_fin": spec.period.fin.isoformat() if stated else None,
                "page": pages[i],
            }
        )
    return out


def mentions(m: Mentions, d: Doc) -> list[dict]:
    """Every registered mention with its page; a person printed in the table and in the prose is
    linked both ways (``igual_a``: the other spelling), whatever the two spellings are."""
    pages = page_texts(d)
    grids = {w[1]: row_pages(d, w[1]) for w in (it["where"] for it in m.items) if w and w[0] == "grid"}
    out = []
    for it in m.items:
        where = it["where"]
        if not where:
            page = mention_page(it["texto"], pages)
        elif where[0] == "page":  # printed by the running header or footer, from page 1 on
            page = where[1]
        else:
            page = grids[where[1]][where[2]]
        row = {k: v for k, v in it.items() if k != "where"}
        row["page"] = page
        out.append(row)
    by_id: dict[int, dict[str, dict]] = {}
    for row in out:
        if row["tipo"] == "persona" and "persona_id" in row:
            by_id.setdefault(row["persona_id"], {})[row["variante"]] = row
    for pair in by_id.values():
        if "tabla" in pair and "prosa" in pair:
            pair["tabla"]["igual_a"] = pair["prosa"]["valor"]
            pair["prosa"]["igual_a"] = pair["tabla"]["valor"]
    return out


def truth_of(spec: Spec, d: Doc, m: Mentions) -> dict:
    return {
        "documents": {
            "doc_type": "dictamen_puntajes",
            "pages": d.page,
            "emisor": spec.inst.nombre,
            "titulo": spec.extra["titulo"],
            "clave_documento": spec.clave,
            "fecha_documento": spec.fecha.isoformat(),
        },
        "scores": score_rows(spec, d),
        "mentions": mentions(m, d),
    }

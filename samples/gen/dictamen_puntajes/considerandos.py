"""The considerandos (competence, the evaluation, its weighting and bands, the score table, the
people it names) and the resolutive points.

The weighting and the bands are stated here only when the spec says so; the table obeys them
either way. The people the prose names are the table's best (the eligible universe, for an
incentive agreement), in the prose's own spelling, which a drawn share of documents misspells
on one side.
"""

from __future__ import annotations

from . import phrases as ph
from .bodies import counted_noun
from .model import Item, Para
from .prose import Writer, heading
from .tables import band_ranges, bands_grid, score_grid, universe_grid, weights_grid

UNIVERSE_ROUNDING_TEXT = {
    "abajo": "redondeando al número entero inmediato inferior",
    "arriba": "redondeando al número entero inmediato superior",
    "cercano": "redondeando al número entero más próximo",
}


def fillers(w: Writer) -> list:
    """Generic legal paragraphs, as functions giving (lead, body): only the ones the spec draws
    are written, so only their references are registered."""
    inst = w.inst
    return [
        lambda: (
            "Del Servicio.",
            f"De conformidad con el {w.articulo(inst.estatuto)}, el {w.servicio()} se integra por personal "
            "calificado cuyo ingreso, permanencia, evaluación y promoción se rigen por los principios de mérito e "
            "igualdad de oportunidades.",
        ),
        lambda: (
            "Naturaleza de la evaluación.",
            "La evaluación del desempeño establece los métodos para valorar anualmente el cumplimiento cualitativo "
            "y cuantitativo, de manera individual y, en su caso, colectiva, de las funciones y objetivos asignados, "
            "con la finalidad de identificar fortalezas y áreas de oportunidad.",
        ),
        lambda: (
            "Expediente.",
            f"Corresponde {w.enlace('al')} integrar el dictamen de resultados individuales en el "
            "expediente físico o electrónico de cada persona evaluada.",
        ),
        lambda: (
            "Condición de entrega.",
            f"La entrega de {inst.incentivo} estará condicionada a que las personas acreedoras se encuentren en "
            "activo al momento de su otorgamiento, previa verificación de los requisitos aplicables.",
        ),
        lambda: (
            "Notificación.",
            "Los resultados de la evaluación se notificarán a las personas evaluadas en un periodo no mayor a "
            f"{ph.cantidad(w.m, 2, 'meses', figure=False)} meses contados a partir del día siguiente al de su aprobación.",
        ),
        lambda: (
            "Verificación.",
            "La información y las evidencias que sirvieron de base para la evaluación fueron verificadas, con la "
            "finalidad de que esta se efectuara de manera objetiva, certera e imparcial.",
        ),
        lambda: (
            "Principios rectores.",
            f"En el ejercicio de sus funciones, {w.organo('el')} se rige por los principios de certeza, "
            "legalidad, independencia, imparcialidad, máxima publicidad y objetividad.",
        ),
        lambda: (
            "Factores.",
            "Los factores cualitativos y cuantitativos se aplicaron conforme a los instrumentos de planeación "
            "vigentes y a las metas aprobadas para cada cargo y puesto.",
        ),
    ]


ATRIBUCIONES = (
    "Difundir entre las personas evaluadas y evaluadoras los lineamientos y las metas aprobadas.",
    "Apoyar en la capacitación de las personas evaluadas y de quienes evalúan.",
    "Recabar la información y las evidencias que sirvieron de base para la evaluación.",
    "Verificar la adecuada vinculación de personas evaluadas, evaluadoras y factores a evaluar.",
    "Integrar el Dictamen General de Resultados y presentarlo para su aprobación.",
    "Generar los dictámenes de resultados individuales y notificarlos en el plazo previsto.",
)


def bullets(w: Writer) -> list[Item]:
    """A list of duties, one paragraph per item with a bullet glyph (the seed lists them with '-')."""
    glyph = w.p["bullet"]
    intro = w.item(
        "Atribuciones.",
        f"Entre las atribuciones {w.enlace('del')} en el procedimiento de evaluación se encuentran las siguientes:",
    )
    k = len(w.p["filler"]) % 3 + 3  # 3 to 5 items, fixed per document by its drawn filler order
    marks = [f"{chr(ord('a') + i)})" if glyph == "a)" else glyph for i in range(k)]
    return [intro] + [Para(f"{mark} {text}", kind="bullet", after=1.5) for mark, text in zip(marks, ATRIBUCIONES)]


def fundamento(w: Writer) -> Para:
    inst = w.inst
    return Para(
        f"Por lo anteriormente expuesto y con fundamento en el {w.articulo(inst.estatuto)}, "
        f"{w.comision('el')} emite el siguiente:",
        before=2,
    )


def factor_list(w: Writer) -> str:
    labels = [w.spec.columns.labels[f] for f in w.spec.scheme.factors]
    return ", ".join(labels[:-1]) + " y " + labels[-1] if len(labels) > 1 else labels[0]


def weights_sentence(w: Writer) -> str:
    labels, sch = w.spec.columns.labels, w.spec.scheme
    parts = [f"{labels[f]} {p}%" for f, p in sch.full.items()]
    text = "La calificación final se obtiene de la suma ponderada de los factores: " + ", ".join(parts) + "."
    if "ind" in sch.full:
        if sch.sin_ind:
            alt = " y ".join(f"{labels[f]} {p}%" for f, p in sch.sin_ind.items())
            text += f" Para quienes no tuvieron {labels['ind'].lower()}, la ponderación es {alt}."
        else:
            text += (
                " Cuando un factor no aplica, su ponderación se distribuye en proporción entre los factores restantes."
            )
    return text


def bands_sentence(w: Writer) -> str:
    ranges = band_ranges(w.spec)
    parts = [f"{lab} de {a} a {b}" for lab, a, b in ranges]
    return "El nivel de desempeño se asigna conforme a los rangos siguientes: " + "; ".join(parts) + "."


def evaluation(w: Writer) -> list[Item]:
    spec, out = w.spec, []
    body = (
        f"El dictamen de resultados individuales incluye la calificación obtenida en cada uno de los factores "
        f"({factor_list(w)}), el periodo evaluado, la calificación final"
        + (" y el nivel de desempeño alcanzado." if spec.nivel_column else ".")
    )
    ws, bs = w.p["weights_stated"], w.p["bands_stated"]
    if ws == "frase":
        body += " " + weights_sentence(w)
    if bs == "frase":
        body += " " + bands_sentence(w)
    if ws == "tabla":
        body += " Los factores se ponderan como sigue:"
    out.append(w.item("Dictamen de resultados individuales.", body))
    if ws == "tabla":
        out.append(weights_grid(spec))
    if bs == "tabla":
        out.append(Para("Los niveles de desempeño corresponden a los rangos siguientes:"))
        out.append(bands_grid(spec))
    return out


def caption(w: Writer) -> list[str]:
    style = w.p["caption"]
    if style == "ninguno":
        return []
    per = w.correspondiente()
    if style == "una_linea":
        return [f"Resultados de la Evaluación del Desempeño{per}"]
    return [
        w.enlace(),
        f"Dictamen General de Resultados de la Evaluación del Desempeño de {w.las_los()}{per}",
    ]


def results(w: Writer) -> list[Item]:
    body = (
        f"Conforme al Dictamen General de Resultados, las calificaciones de {w.las_los()} adscritos "
        f"{ph.art('al', w.nombre_inst())} quedaron de la siguiente manera:"
    )
    return [w.item("Resultados.", body), score_grid(w.spec, w.m, caption(w))]


def prose_names(w: Writer, idx: list[int]) -> str:
    rows = w.spec.roster.rows
    names = []
    for i in idx:
        r = rows[i]
        names.append(ph.persona(w.m, r.nombre_prosa, persona_id=i, variante="prosa"))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " y " + names[-1]


def universe(w: Writer) -> list[Item]:
    spec, inst, u = w.spec, w.inst, w.spec.roster.universe
    out: list[Item] = []
    body = (
        f"El Programa Anual de {inst.incentivo} establece que podrá ser elegible hasta el {u.pct} por ciento de "
        f"{w.las_los()}, {UNIVERSE_ROUNDING_TEXT[u.rounding]}"
    )
    if w.p["universe_table"]:
        out.append(w.item("Universo de elegibles.", body + ", como se muestra a continuación:"))
        out.append(universe_grid(spec))
    else:
        n = ph.cantidad(w.m, u.ue, "personas")
        out.append(
            w.item("Universo de elegibles.", body + f"; en consecuencia, el universo de elegibles es de {n} personas.")
        )
    n_rows = len(spec.roster.rows)
    total = f"un total de {ph.cantidad(w.m, n_rows, counted_noun(inst.miembros))}"
    adscritos = w.acr("al")
    named = prose_names(w, spec.roster.named)
    text = (
        f"Cabe destacar que se encuentran adscritos {adscritos} {total} {w.miembros()}. "
        f"Quienes obtuvieron la mayor calificación final, y por tanto son acreedores a los {inst.incentivo}, "
        f"son los siguientes: {named}."
    )
    if w.p["monto"]:
        text += f" A cada persona acreedora se le otorgará un monto de {ph.monto(w.m, w.p['monto_valor'])}."
    out.append(w.item("", text))
    return out


def named_best(w: Writer) -> list[Item]:
    spec = w.spec
    named = prose_names(w, spec.roster.named)
    verb = "obtuvo" if len(spec.roster.named) == 1 else "obtuvieron"
    text = f"De los resultados se desprende que {named} {verb} la calificación final más alta del periodo."
    lowest = spec.bands[-1][0]
    low = [i for i, r in enumerate(spec.roster.rows) if r.nivel == lowest and i not in spec.roster.named]
    if low and spec.nivel_column:
        lows = prose_names(w, low)
        text += f" Por su parte, {lows} se ubicaron en el nivel {lowest}, por lo que se les dará seguimiento."
    return [w.item("Resultados destacados.", text)]


def considerandos(w: Writer) -> list[Item]:
    spec, inst = w.spec, w.inst
    w.restart()
    out: list[Item] = [heading("CONSIDERANDOS")]
    out.append(
        w.item(
            "Competencia.",
            f"De conformidad con el {w.articulo(inst.estatuto)}, {w.comision('el')} es competente para conocer de "
            f"los resultados de la evaluación del desempeño y, en su caso, proponer {w.organo('al')} lo "
            "conducente.",
        )
    )
    pool = fillers(w)
    for k in w.p["filler"][: w.p["extra_paras"]]:
        out.append(w.item(*pool[k]()))
    if w.p["bullets"]:
        out += bullets(w)
    out += evaluation(w)
    out += results(w)
    out += universe(w) if spec.purpose == "incentivos" else named_best(w)
    if w.p["fundamento"] and spec.purpose != "informe":
        out.append(fundamento(w))
    return out


def acuerdos(w: Writer) -> list[Item]:
    spec, inst = w.spec, w.inst
    if spec.purpose == "informe":
        return [
            heading("CONCLUSIÓN"),
            Para(
                f"Se informa {w.organo('al')} de los resultados de la evaluación del desempeño"
                f"{w.correspondiente()}, para los efectos a que haya lugar."
            ),
        ]
    w.restart()
    out: list[Item] = [heading(w.p.get("acuerdo_heading", "ACUERDO"))]
    com = w.comision("el")
    out.append(w.item("", f"{com[0].upper()}{com[1:]} es competente para emitir el presente Acuerdo."))
    if spec.purpose == "incentivos":
        named = prose_names(w, spec.roster.named)
        out.append(
            w.item(
                "",
                f"Se propone {w.organo('al')} otorgar {inst.incentivo}{w.correspondiente()} a {named}.",
            )
        )
    else:
        out.append(
            w.item(
                "", f"Se aprueba el Dictamen General de Resultados de la Evaluación del Desempeño{w.correspondiente()}."
            )
        )
    out.append(
        w.item(
            "",
            f"Se instruye {w.enlace('al')} para que notifique a las personas evaluadas los dictámenes de "
            "resultados individuales.",
        )
    )
    if w.p["transitorios"]:
        w.restart()
        out.append(heading("TRANSITORIOS"))
        out.append(w.item("", "El presente Acuerdo entrará en vigor al momento de su aprobación."))
        out.append(
            w.item(
                "",
                f"Publíquese en el sitio oficial de Internet {w.acr('del')}: {ph.url(w.m, inst.sitio, w.p['url_scheme'])}.",
            )
        )
    return out

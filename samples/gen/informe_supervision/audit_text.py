"""The words of an audit-office report: audited bodies, procedures, result paragraphs with
reference numbers that look like dates ('SFP-DGA-01-02-2019'), the audited body's answer,
the actions promoted, the summary and the opinion.

Reference numbers are written through ``Marks.ley`` as ``referencia_legal`` mentions (as the
hand-read golden of the real audit report lists them), never as dates.
"""

from __future__ import annotations

import random
from datetime import date

from .marks import Marks

TITLES = ["Informe Individual de Auditoría", "Informe Excepcional", "Informe de Resultados de la Fiscalización"]
TITLES += ["Informe de Auditoría de Cumplimiento"]
OBJETO_HEADS = ["Objeto", "Objetivo", "Objetivo de la auditoría"]
ENTIDADES = [
    ("Secretaría de Finanzas Públicas del Estado de {estado}", "finanzas"),
    ("Municipio de {lugar}", "municipio"),
    ("Comisión de Agua Potable y Alcantarillado de {lugar}", "agua"),
    ("Secretaría de Obras Públicas del Estado de {estado}", "obra"),
    ("Sistema para el Desarrollo Integral de la Familia de {lugar}", "asistencia"),
    ("Servicios de Salud del Estado de {estado}", "salud"),
]
AUDIT_TYPES = ["Auditoría de Cumplimiento Financiero", "Auditoría Extraordinaria de tipo financiera y de cumplimiento"]
AUDIT_TYPES += ["Auditoría de Obra Pública", "Auditoría de Inversiones Físicas"]
GROUPS = [
    (
        "Registros Contables y Presupuestales",
        [
            "Comprobar que la Entidad Fiscalizada registró contable, presupuestaria "
            "y patrimonialmente las operaciones realizadas con los recursos."
        ],
    ),
    (
        "Adquisiciones, Arrendamientos y Servicios",
        [
            "Verificar que las adquisiciones y la prestación de servicios se realizaron en términos de la normativa aplicable.",
            "Comprobar que las adquisiciones se encuentren amparadas en un contrato o pedido debidamente formalizado.",
            "Constatar que los bienes adquiridos o servicios prestados se entregaron en los plazos pactados.",
        ],
    ),
    (
        "Obra Pública",
        [
            "Verificar que las obras se adjudicaron y contrataron conforme a la normativa aplicable.",
            "Comprobar que los volúmenes de obra pagados corresponden a los ejecutados.",
        ],
    ),
    (
        "Servicios Personales",
        ["Verificar que los pagos de nómina se ajustaron a la plantilla y tabulador autorizados."],
    ),
]
DOCUMENTOS = [
    "al oficio de autorización de recursos número {ref}",
    "al contrato de prestación de servicios número {ref}",
    "al expediente unitario de la obra {ref}",
    "al contrato de obra pública número {ref}",
    "a la póliza de egresos número {ref}",
    "a los oficios de autorización de recursos {ref}",
]
PROYECTOS = [
    "obras de gasto de inversión monitoreadas",
    "Recaudación de contribuciones por morosidad",
    "Servicios de Consultoría a la Dirección General",
    "Gestión de Resultados para el Desarrollo",
    "Rehabilitación de la red de agua potable",
    "Adquisición de equipo de cómputo",
    "Mantenimiento de caminos rurales",
    "Programa de Alimentación Escolar",
]
# the audited body's unit a project's name names ('Servicios de Consultoría a la Dirección
# General'): a body by its name, an ``organizacion`` (the project itself is none)
BODIES_IN_PROJECTS = ("Dirección General",)
SIN_OBS = [
    ", se constató que los recursos se registraron contable y presupuestalmente conforme a la normativa, "
    "sin determinar observación alguna.",
    ", se verificó que el proceso de adjudicación se realizó en términos de la normativa aplicable.",
    ", se comprobó que los bienes se entregaron en los plazos pactados en el contrato respectivo.",
]
CON_MONTO = [
    ", se detectaron pagos improcedentes por {monto}, toda vez que no se comprobó la prestación de los "
    "servicios estipulados en la cláusula primera del contrato respectivo.",
    ", se identificó que la Entidad Fiscalizada realizó pagos por {monto} sin contar con la documentación "
    "comprobatoria y justificativa del gasto.",
    ", se determinaron volúmenes de obra pagados no ejecutados por {monto}.",
]
# {articulos}: 'artículos 23 y 56 de la Ley …' (a citation, and the law it names); {dias}: '12 días'
CON_SIN_MONTO = [
    ", se detectó que la Entidad Fiscalizada no presentó el registro contable de las operaciones, "
    "incumpliendo los {articulos}.",
    ", se constató que el contrato no fue formalizado dentro del plazo establecido en la {ley}.",
    ", se observó que los bienes fueron entregados con {dias} de atraso sin que se aplicaran las "
    "penas convencionales previstas en la {ley}.",
]
LEYES = [
    "Ley General de Contabilidad Gubernamental",
    "Ley de Adquisiciones, Arrendamientos y Servicios del Sector Público del Estado",
    "Ley de Obras Públicas y Servicios Relacionados con las Mismas",
]
RECOMENDACION = [
    "Que la Entidad Fiscalizada implemente mecanismos de control que garanticen el registro oportuno de "
    "sus operaciones.",
    "Que la Entidad Fiscalizada fortalezca la supervisión de los contratos de prestación de servicios.",
    "Que se establezcan controles para verificar la entrega de los bienes en los plazos pactados.",
    "Que la Entidad Fiscalizada formalice en tiempo los contratos y pedidos de sus adquisiciones.",
]
PLIEGO = [
    "Se determina un Pliego de Observaciones por un monto de {monto}, por los pagos señalados en el presente "
    "resultado.",
    "Se promueve Pliego de Observaciones por {monto}, más los rendimientos financieros generados hasta su reintegro.",
]
SIGLAS = ["SFP", "SOP", "CAPA", "DIF", "SSE", "MUN", "SH"]
AREAS = ["DGA", "CPF", "DRF", "DA", "DOP"]


def entity(rng: random.Random, ctx: dict) -> tuple[str, str]:
    """(audited body, its sector): the body audited is never the issuer."""
    template, sector = rng.choice(ENTIDADES)
    return template.format(estado=ctx["estado"], lugar=ctx["lugar"]), sector


def date_like_ref(rng: random.Random, year: int) -> str:
    """'SFP-DGA-01-02-2019': a contract number whose tail reads like a date."""
    return f"{rng.choice(SIGLAS)}-{rng.choice(AREAS)}-{rng.randint(1, 12):02d}-{rng.randint(1, 12):02d}-{year}"


def oficio_ref(rng: random.Random, year: int) -> str:
    return f"{rng.choice(SIGLAS)}-{rng.choice(AREAS)}-{rng.randint(1, 30):02d}-{rng.randint(100, 2999)}/{year}"


def clave(rng: random.Random, ctx: dict) -> str:
    return f"{ctx['abbr']}/DGFSE/EXT-{rng.choice(SIGLAS)}/{rng.randint(1, 20):02d}/{ctx['year'] + 1}"


def objective(rng: random.Random, ctx: dict) -> str:
    return rng.choice(
        [
            "Determinar los posibles actos u omisiones que motivaron la denuncia recibida, a efecto de identificar si "
            "existe daño o perjuicio a la Hacienda Pública o al patrimonio de la Entidad Fiscalizada.",
            "Fiscalizar la gestión financiera de los recursos públicos ejercidos por la Entidad Fiscalizada, para "
            "comprobar que se administraron conforme a la normativa aplicable.",
            "Verificar que los recursos autorizados se aplicaron con eficiencia, eficacia y transparencia para "
            "satisfacer los objetivos a los que estaban destinados.",
        ]
    )


def antecedent(rng: random.Random, M: Marks, ctx: dict, clave_doc: str | None) -> str:
    y = ctx["year"] + 1
    denuncia = date(y, rng.randint(1, 6), rng.randint(1, 28))
    orden = date(y, denuncia.month + rng.randint(1, 4), rng.randint(1, 28))
    ejercicio = f"ejercicio fiscal {ctx['year']}"  # a year named as such: a fecha
    text = (
        f"Con fecha {M.fecha(denuncia, rng.choice(('de', 'del')))} se recibió una denuncia relacionada con los "
        f"recursos ejercidos por {M.org(ctx['entidad'])} durante el {M.anio(ctx['year'], ejercicio)}. "
    )
    numero = f" número {M.ley(clave_doc)}" if clave_doc else ""
    text += (
        f"En consecuencia, se ordenó la práctica de la {rng.choice(AUDIT_TYPES)}{numero}, notificada mediante "
        f"oficio {M.ley(oficio_ref(rng, y))} de fecha {M.fecha(orden, 'de')}."
    )
    return text


def scope(rng: random.Random, M: Marks, ctx: dict) -> str:
    universo = round(rng.uniform(2_000_000, 90_000_000), 2)
    muestra = universo if rng.random() < 0.4 else round(universo * rng.uniform(0.35, 0.95), 2)
    pct = round(muestra / universo * 100, 2)
    ctx.update(universo=universo, muestra=muestra)
    return (
        f"El universo seleccionado fue de {M.monto(universo, '$', 'MXN')}, del cual se revisó una muestra de "
        f"{M.monto(muestra, '$', 'MXN')}, que representa el {pct:.2f}% del universo."
    )


def procedures(rng: random.Random) -> list[tuple[str, str, str]]:
    """(group heading '1.2 Adquisiciones …', code '1.2.1', text) for 2-6 procedures."""
    out = []
    for gi, (name, texts) in enumerate(rng.sample(GROUPS, rng.randint(1, 3)), 1):
        for pi, text in enumerate(texts[: rng.randint(1, len(texts))], 1):
            out.append((f"1.{gi} {name}", f"1.{gi}.{pi}", text))
    return out


def result_text(rng: random.Random, M: Marks, ctx: dict, res: dict) -> str:
    y = ctx["year"]
    doc = rng.choice(DOCUMENTOS).format(ref=M.ley(date_like_ref(rng, y)))
    proyecto = rng.choice(PROYECTOS)
    for body in BODIES_IN_PROJECTS:
        if body in proyecto:
            M.org(body)
    text = f"De la revisión {doc} del proyecto {proyecto}"
    if not res["con"]:
        return text + rng.choice(SIN_OBS)
    if res["amount"] is not None:
        return text + rng.choice(CON_MONTO).format(monto=M.monto(res["amount"], "$", "MXN"))
    template = rng.choice(CON_SIN_MONTO)
    a, b, k, ley = rng.randint(16, 45), rng.randint(46, 85), rng.randint(5, 60), rng.choice(LEYES)
    slots = {}  # only what the template prints is registered
    if "{articulos}" in template:
        slots["articulos"] = M.ley(f"artículos {a} y {b} de la {ley}")
    if "{dias}" in template:
        slots["dias"] = M.cantidad(k, "días")
    if "{ley}" in template:
        slots["ley"] = ley
    M.ley(ley)  # the law, named on its own or inside the articles' citation
    return text + template.format(**slots)


def response(rng: random.Random, M: Marks, ctx: dict) -> str:
    d = date(ctx["year"] + 1, rng.randint(8, 11), rng.randint(1, 28))
    return (
        f"En atención a la presente observación, la Entidad Fiscalizada presentó justificaciones y aclaraciones "
        f"mediante oficio {M.ley(oficio_ref(rng, ctx['year'] + 1))}, de fecha {M.fecha(d, 'numerico')}, las "
        "cuales, al ser analizadas, se determinó que no atienden la irregularidad detectada, por lo que subsiste "
        "la observación."
    )


def action_text(rng: random.Random, M: Marks, res: dict) -> str:
    if res["amount"] is None:
        return rng.choice(RECOMENDACION)
    return rng.choice(PLIEGO).format(monto=M.monto(res["amount"], "$", "MXN"))


def summary_text(M: Marks, counts: dict, total: float) -> str:
    rec = "Recomendación" if counts["rec"] == 1 else "Recomendaciones"
    pli = "Pliego" if counts["pli"] == 1 else "Pliegos"
    n_rec = M.cantidad(counts["rec"], rec.lower(), f"{counts['rec']} {rec}")
    n_pli = M.cantidad(counts["pli"], pli.lower(), f"{counts['pli']} {pli}")
    return (
        f"Se determinaron {M.cantidad(counts['total'], 'resultados')}, de los cuales {counts['con']} corresponden "
        f"a resultados con observación, mismos que generaron {n_rec} y {n_pli} de "
        f"observaciones que representan probables recuperaciones por {M.monto(total, '$', 'MXN')}."
    )


def dictamen(rng: random.Random, results: list[dict]) -> str:
    opinion = "con salvedad" if any(r["con"] for r in results) else "limpia"
    return (
        f"Opinión {opinion}. La auditoría se practicó sobre la información proporcionada por la Entidad "
        "Fiscalizada, de cuya veracidad es responsable; fue planeada y desarrollada de acuerdo con el objeto y "
        "alcance establecidos."
    )

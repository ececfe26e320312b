"""The dictamen's prose, front to back: title, glossary, antecedents, closing and signatures.

Templates are written against the kind's vocabulary (service, commission, approving body,
incentive word), never against the seed's words, and every date, person, body and reference
goes through ``phrases`` so the truth's mentions are exactly what was printed. The considerandos
with the tables and the resolutive points are in ``considerandos``.
"""

from __future__ import annotations

from . import bodies
from . import phrases as ph
from .axes import acronym
from .labels import ORDINALES, ROMANOS
from .model import Item, Mentions, Para, Signatures
from .spec import Spec


class Writer:
    """The spec, the mentions and the numbering of the section being written."""

    def __init__(self, spec: Spec, m: Mentions) -> None:
        self.spec, self.m, self.inst = spec, m, spec.inst
        self.p = spec.prose
        self.n = 0
        self.acuerdos = iter(spec.prose["acuerdo_n"])
        self.articulos = iter(spec.prose["articulos"] * 3)

    # -- numbering -----------------------------------------------------------------------------
    def restart(self) -> None:
        self.n = 0

    def num(self) -> str:
        self.n += 1
        return ORDINALES[self.n - 1] if self.p["numbering"] == "ordinal" else ROMANOS[self.n - 1]

    def item(self, lead: str, body: str, **kw) -> Para:
        """'**PRIMERO. Lead.** body' (the lead may be empty)."""
        head = f"{self.num()}." + (f" {lead}" if lead else "")
        return Para(f"**{head}** {body}", **kw)

    # -- phrases ---------------------------------------------------------------------------------
    def fecha(self, key_or_date, upper: bool = False) -> str:
        d = self.spec.dates[key_or_date] if isinstance(key_or_date, str) else key_or_date
        return ph.fecha(self.m, d, self.p["date_style"], upper)

    def periodo(self, upper: bool = False, period=None) -> str:
        return ph.periodo(self.m, period or self.spec.period, self.p["date_style"], upper)

    def correspondiente(self, upper: bool = False) -> str:
        """', correspondiente al periodo …' or nothing when the document never states its period."""
        if not self.spec.period.stated:
            return ""
        return (", CORRESPONDIENTE AL " if upper else ", correspondiente al ") + self.periodo(upper)

    def acuerdo_key(self, year: int) -> str:
        """A cited agreement's key in the document's own numbering ('IEEV-CG-29/2020')."""
        organo = acronym(self.inst.organo) if self.inst.kind != "ople" else "CG"
        return self.p["acuerdo_style"].format(A=self.inst.acronimo, O=organo, n=next(self.acuerdos), y=year)

    def acuerdo(self, year: int) -> str:
        return ph.acuerdo(self.m, self.acuerdo_key(year))

    def articulo(self, norma: str) -> str:
        return ph.articulo(self.m, next(self.articulos), norma)

    def org(self, name: str, upper: bool = False, itself: bool = True, acr: bool = False, **extra) -> str:
        """``name`` as printed: registered as a body when it is one (``itself``), with every body
        named inside it ('Pleno del *Consejo de la Judicatura*'); ``upper``: printed in capitals;
        ``acr``: printed with the institute's acronym for its name ('Comisión … del IEEV'), each
        value the long form the glossary gives. Returns it as printed."""
        inst = self.inst
        for body in bodies.named(name, itself):
            shown = body.replace(inst.nombre, inst.acronimo) if acr else body
            ph.org(self.m, body, shown.upper() if upper else shown, **extra)
        shown = name.replace(inst.nombre, inst.acronimo) if acr else name
        return shown.upper() if upper else shown

    def nombre_inst(self) -> str:
        return self.org(self.inst.nombre)

    def comision_acr(self) -> str:
        """'Comisión … del IEEV' (the glossary's): the commission of the institute, one body, and
        the institute inside it, each value with the acronym's long form (``acr``)."""
        return self.org(f"{self.inst.comision} {ph.art('del', self.inst.nombre)}", acr=True)

    def comision(self, case: str = "") -> str:
        """The commission with its article ('de la Comisión …', 'del Comité …'), registered."""
        return ph.art(case, self.org(self.inst.comision))

    def organo_full(self) -> str:
        """'Consejo General del Instituto …': the approving body with the institute."""
        return f"{self.inst.organo} {ph.art('del', self.inst.nombre)}"

    def register_organo_full(self, upper: bool = False) -> None:
        """The approving body with its institute is one body, and the bodies inside it run to its
        end ('Consejo de la Judicatura del Tribunal …', the institute); the approving body alone
        is not printed here."""
        self.org(self.organo_full(), upper)

    def organo(self, case: str = "", full: bool = False) -> str:
        """The approving body, alone or with the institute ('el Consejo General del …'), registered."""
        if full:
            self.register_organo_full()
            return ph.art(case, self.organo_full())
        return ph.art(case, self.org(self.inst.organo))

    def enlace(self, case: str = "") -> str:
        """The liaison body with its article, registered (unless it is the generic 'Órgano de Enlace')."""
        return ph.art(case, self.org(self.inst.enlace))

    def servicio(self) -> str:
        """The service as printed, registered when it is a body (not 'Carrera Judicial', not a program)."""
        return self.org(self.inst.servicio)

    def estatuto(self) -> str:
        return ph.ley(self.m, self.inst.estatuto)

    def acr(self, case: str = "", where: tuple | None = None) -> str:
        """The institute's acronym with its article ('de la SFPEP'): the institute when the glossary
        gives its long form, else the acronym as printed (docs/mentions.md)."""
        inst = self.inst
        ph.org(self.m, inst.nombre if self.p["glosario"] else inst.acronimo, inst.acronimo, where=where)
        return ph.art(case, inst.acronimo, inst.nombre)

    def miembros(self) -> str:
        """The members' phrase as printed, registering the service it names."""
        return self.org(self.inst.miembros, itself=False)

    def body(self, case: str) -> str:
        """The commission's head noun with its article: 'de la Comisión', 'del Comité'."""
        head = self.inst.comision.split()[0]
        return ph.art(case, head if head in ("Comité", "Consejo") else "Comisión")

    def las_los(self, register: bool = True) -> str:
        """'las y los miembros del Servicio …' but 'servidoras y servidores públicos …' (already both);
        the service it names registered (``register``: the caller registers, e.g. in capitals)."""
        m = self.miembros() if register else self.inst.miembros
        return f"las y los {m}" if m.split()[0] in ("miembros", "integrantes") else m

    @property
    def size(self) -> float:
        return self.p["body_size"]


def heading(text: str, spaced: bool = False) -> Para:
    return Para(" ".join(text) if spaced else text, kind="heading", align="center", base="b", before=4, after=3, keep=3)


def title(w: Writer) -> list[Item]:
    inst, upper = w.inst, w.p["title_upper"]
    periodo = w.correspondiente(upper=upper)
    if w.spec.purpose == "incentivos":
        text = (
            f"Acuerdo {ph.art('del', inst.comision)}, por el que se propone {ph.art('al', inst.organo)} {ph.art('del', inst.nombre)}, sean "
            f"aprobados los dictámenes individuales para el otorgamiento de {inst.incentivo} a "
            f"{w.las_los(register=False)}"
        )
    elif w.spec.purpose == "resultados":
        text = (
            f"Acuerdo {ph.art('del', inst.organo)} {ph.art('del', inst.nombre)}, por el que se aprueba el Dictamen General de "
            f"Resultados de la Evaluación del Desempeño de {w.las_los(register=False)}"
        )
    else:
        text = (
            f"Informe {ph.art('del', inst.comision)} sobre los resultados de la evaluación del desempeño de "
            f"{w.las_los(register=False)} {ph.art('del', inst.nombre)}"
        )
    text = (text.upper() if upper else text) + periodo + "."
    w.spec.extra["titulo"] = text
    # the bodies the title names, as printed (in capitals when the title is)
    if w.spec.purpose != "resultados":
        w.org(inst.comision, upper)
    if w.spec.purpose != "informe":
        w.register_organo_full(upper)
        w.org(inst.miembros, upper, itself=False)
    else:  # '… miembros del Servicio … del Instituto …', '… de carrera judicial del Tribunal …': one name
        w.org(f"{inst.miembros} {ph.art('del', inst.nombre)}", upper, itself=False)
    out: list[Item] = []
    if w.spec.clave and w.spec.look.header_style == "centrado":
        out.append(Para(f"**{w.spec.clave}**", kind="clave", align="right", after=6))
    out.append(Para(text, kind="titulo", base="b", after=8))
    return out


def glosario(w: Writer) -> list[Item]:
    inst, nat = w.inst, w.inst.nacional
    prev = w.p["previous_period"]
    # a term that is an acronym names the body its definition gives (docs/mentions.md: an
    # acronym's valor is the long form the document gives); the institute's, by ``acr``
    if bodies.is_body(inst.servicio):
        ph.org(w.m, inst.servicio, inst.servicio_acr)
    entries = [
        (inst.acronimo, w.nombre_inst() + "."),
        (w.body("").split()[-1], w.comision_acr() + "."),
        (inst.servicio_acr, w.servicio() + "."),
        ("Órgano de Enlace", w.enlace() + "."),
        ("Estatuto" if "Estatuto" in inst.estatuto else "Reglamento", w.estatuto() + "."),
    ]
    if w.spec.period.stated:
        if prev:  # the seed's glossary names the cycle before the one evaluated
            w.spec.extra["periodo_previo_en"] = "glosario"
        periodo = ph.periodo(w.m, ph.previous(w.spec.period) if prev else w.spec.period, w.p["date_style"])
        entries.append(
            ("Evaluación del desempeño", f"Evaluación del desempeño de {w.las_los()} correspondiente al {periodo}.")
        )
    if nat:
        ph.org(w.m, nat, "INE")
        entries.append(("INE", ph.org(w.m, nat) + "."))
    entries.append(
        (
            "Incentivo" if inst.incentivo == "incentivos" else "Estímulo",
            "Retribución individual que puede recibir el personal que forme parte del universo de elegibles, "
            "ligada directamente a los resultados obtenidos en la evaluación del desempeño.",
        )
    )
    out = [heading("GLOSARIO", spaced=w.p["glosario_spaced"])]
    out += [Para(f"**{term}:** {text}", kind="glosario", align="left", after=1.5) for term, text in entries]
    return out


def commission_prose(w: Writer) -> str:
    names = [ph.persona(w.m, p.natural, printed, cargo=role) for role, p, printed in w.spec.comision]
    return ", ".join(names[:-1]) + " y " + names[-1]


def antecedentes(w: Writer) -> list[Item]:
    from .tables import commission_grid

    spec, inst = w.spec, w.inst
    w.restart()
    out: list[Item] = [heading("ANTECEDENTES")]
    lin_year = spec.dates["lineamientos"].year
    if inst.nacional:
        aprobador = f"la {w.org(f'Junta General Ejecutiva del {inst.nacional}')}"
    else:
        aprobador = w.organo("el", full=True)
    key = f"INE/JGE{next(w.acuerdos)}/{lin_year}" if inst.nacional else w.acuerdo_key(lin_year)
    extra = w.p["antecedentes_extra"]
    if "estatuto" in extra:
        out.append(
            w.item(
                "Reforma a la norma del Servicio.",
                f"El {w.fecha('estatuto')}, se publicó la reforma al {w.estatuto()}, que regula el ingreso, la "
                f"profesionalización, la evaluación, los {inst.incentivo} y la disciplina de {w.las_los()}.",
            )
        )
    if "enlace" in extra:
        out.append(
            w.item(
                "Designación del Órgano de Enlace.",
                f"Mediante el {w.acuerdo(spec.dates['enlace'].year)}, de fecha {w.fecha('enlace')}, "
                f"{w.organo('el')} designó {w.enlace('al')} como órgano de enlace para la atención de "
                f"los asuntos del {w.servicio()}.",
            )
        )
    out.append(
        w.item(
            "Aprobación de los Lineamientos.",
            f"El {w.fecha('lineamientos')}, {aprobador} aprobó, mediante el {ph.acuerdo(w.m, key, lower=True)}, "
            f"los {ph.ley(w.m, f'Lineamientos para la Evaluación del Desempeño de {w.las_los()}')}"
            f"{w.correspondiente()}, los cuales forman parte integral del referido Acuerdo.",
        )
    )
    if "metas" in extra:
        out.append(
            w.item(
                "Modificación de metas.",
                f"El {w.fecha('metas')}, se aprobó la incorporación y modificación de las metas "
                f"para la evaluación del desempeño de {w.las_los()}.",
            )
        )
    if spec.purpose == "incentivos":
        out.append(
            w.item(
                f"Programa Anual de {inst.incentivo.capitalize()}.",
                f"El {w.fecha('programa')}, {w.comision('el')} aprobó mediante el "
                f"{w.acuerdo(spec.dates['programa'].year)} el Programa Anual de {inst.incentivo} "
                f"{spec.dates['programa'].year + 1} para el personal que integra el {w.servicio()}.",
            )
        )
    lead = f"El {w.fecha('integracion')}, en {w.p['sesion']}, {w.organo('el')} aprobó el "
    lead += f"{w.acuerdo(spec.dates['integracion'].year)}, por el que se modifica la integración de sus comisiones"
    if w.p["commission_table"]:
        out.append(w.item(f"Integración {w.body('del')}.", lead + ", quedando su integración de la siguiente manera:"))
        out.append(commission_grid(spec, w.m))
    else:
        out.append(
            w.item(
                f"Integración {w.body('del')}.", lead + f"; {w.comision('el')} se integró por {commission_prose(w)}."
            )
        )
    if w.p["previous_period"] and not w.p["glosario"]:
        spec.extra["periodo_previo_en"] = "antecedentes"
        prev = ph.previous(spec.period)
        out.append(
            w.item(
                "Evaluación del periodo anterior.",
                f"Mediante el {w.acuerdo(prev.fin.year + 1)}, se aprobaron los resultados de la evaluación del "
                f"desempeño correspondiente al {w.periodo(period=prev)}, cuyos dictámenes fueron notificados en tiempo y forma.",
            )
        )
    if spec.purpose == "resultados":
        body = (
            f"El {w.fecha('resultados')}, {w.enlace('el')} remitió {w.comision('al')} los resultados de la "
            f"evaluación del desempeño de {w.las_los()}{w.correspondiente()}, para su revisión."
        )
    else:
        body = (
            f"El {w.fecha('resultados')}, {w.organo('el')} emitió el {w.acuerdo(spec.dates['resultados'].year)}, "
            f"mediante el cual aprobó el Dictamen General de Resultados de la Evaluación del Desempeño de "
            f"{w.las_los()}{w.correspondiente()}."
        )
    out.append(w.item("Dictamen General de Resultados.", body))
    return out


def closing(w: Writer) -> list[Item]:
    spec, inst = w.spec, w.inst
    doc = {"incentivos": "Acuerdo", "resultados": "Acuerdo", "informe": "Informe"}[spec.purpose]
    cuerpo = inst.organo if spec.purpose == "resultados" else inst.comision
    members = commission_prose(w)
    out: list[Item] = [
        Para(
            f"El presente {doc} fue aprobado en {w.p['sesion']} {ph.art('del', w.org(cuerpo))}, celebrada el {w.fecha(spec.fecha)}, "
            f"por unanimidad de votos de {members}.",
            kind="cierre",
            before=4,
        )
    ]
    if w.p["dateline"]:
        out.append(Para(f"{inst.ciudad}, {inst.estado}, a {w.fecha(spec.fecha)}.", kind="dateline", align="right"))
    (pres_role, pres, pres_name) = spec.comision[0]
    sec, sec_name = spec.secretario
    ph.persona(w.m, sec.natural, sec_name, cargo="Secretaría Técnica")
    de = w.body("del")
    sec_role = "Secretaria Técnica" if sec.femenino else "Secretario Técnico"
    cols = [[pres_name, f"{pres_role} {de}"], [sec_name, sec_role, de]]
    if w.p["signature_cols"] == 3 and len(spec.comision) > 1:
        _, p2, n2 = spec.comision[1]
        cols.insert(1, [n2, "Integrante", de])
    out.append(Signatures(cols))
    return out


def furniture(w: Writer) -> None:
    """What the running header and footer print (draw.running_header, running_footer) on every
    page, from page 1: registered first, so a later printing in the prose keeps page 1."""
    spec, inst = w.spec, w.inst
    page1 = ("page", 1)
    if spec.clave:  # the header's, or the line over the title ('centrado')
        ph.clave(w.m, spec.clave)
    style = spec.look.header_style
    if style in ("escudo", "centrado"):  # the state's name over it is a place alone
        w.org(inst.nombre, upper=True, where=page1)
    if style == "centrado":
        w.org(inst.servicio, where=page1)
    if style == "clave_solo":
        w.acr(where=page1)
    if spec.look.footer_style == "direccion":  # the address beside it is no mention
        ph.url(w.m, inst.sitio, scheme=False, where=page1)


def compose(spec: Spec) -> tuple[list[Item], Mentions]:
    """The whole document as items, and every mention it prints."""
    from .considerandos import acuerdos, considerandos

    m = Mentions()
    w = Writer(spec, m)
    furniture(w)
    items: list[Item] = title(w)
    if w.p["glosario"]:
        items += glosario(w)
    items += antecedentes(w)
    items += considerandos(w)
    items += acuerdos(w)
    items += closing(w)
    return items, m

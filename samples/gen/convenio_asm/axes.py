"""The layout and reading axes of one document: how it is printed, scanned and OCR'd.

Each axis is a named choice with its domain in ``AXES`` (the coverage test counts every value
over seeds 0–199) and its weights beside it, with what the weight trades. The content (who,
what, which dates) is in ``model.py``; this is only how it looks.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

from .model import CONVENIO, FICHA, INSTITUCIONAL, TRABAJO

# --- page -------------------------------------------------------------------------------
PAGINAS = ("carta", "oficio")  # letter, or Mexican oficio (8.5 × 13 in)
PAGINA_WEIGHTS = (4, 1)
NUMERACION = ("ninguna", "pagina_de", "numero", "guiones", "fraccion")  # '', 'Página 2 de 5', '2', '- 2 -', '2/5'
# the running motto ("“2019. Año del ...”") on every page: the seed has it; many agreements do not
LEMA_SHARE = 0.6
# rúbricas (initials) in the margin of every page but the last: real signed agreements carry them
RUBRICAS_SHARE = 0.5
# --- convenio tables ---------------------------------------------------------------------
REGLAS = ("completa", "horizontal", "sin_reglas")  # ruled grid, horizontal rules only, unruled
REGLAS_WEIGHTS = (6, 3, 2)
RELLENO = ("ninguno", "gris", "oscuro")  # header band: none, grey, dark with white text
FECHA_LAYOUT = ("fila", "columna")  # 'Fecha comprometida de cumplimiento:' row below each finding, or a column
FECHA_LAYOUT_WEIGHTS = (2, 3)
FECHA_ETIQUETAS = (
    "Fecha comprometida de cumplimiento:",
    "Fecha compromiso:",
    "Fecha de cumplimiento:",
    "Fecha comprometida:",
)
# per table that crosses a page, the header row is printed again on the next page (seed: yes)
REPEAT_HEADER_SHARE = 0.7
# a row that does not fit is cut by the page break (its tail on the next page) instead of moving whole
SPLIT_ROWS_SHARE = 0.5
VINETAS = ("•", "-", "a)", "–")  # how list items are marked in a cell
VINETA_WEIGHTS = (5, 2, 2, 1)
FIRMAS = ("apiladas", "columnas")  # signers one below another (seed), or side by side
HOJA_RESPONSABLES_SHARE = 0.4  # the seed's last page: designated responsible officials
CLAVE_SHARE = 0.3  # the agreement prints its own reference number
# header labels of the convenio tables: each column's label drawn from these
ENC_NUMERO = ("No.", "Núm.", "N°", "#")
ENC_HALLAZGO = ("Hallazgo", "Hallazgos", "Descripción del hallazgo")
ENC_RECOMENDACION = ("Recomendación", "Recomendaciones", "Descripción de la recomendación")
ENC_ACTIVIDAD = ("Actividad comprometida", "Actividades comprometidas", "Acción de mejora comprometida")
ENC_FECHA = ("Fecha compromiso", "Fecha comprometida", "Fecha de cumplimiento", "Fecha compromiso de atención")
# --- CONEVAL annexes -----------------------------------------------------------------------
OFICIO_SHARE = 0.6  # a cover letter precedes the annex (both real Campeche files have one)
ANEXO_F_SHARE = 0.5  # the "Posición Institucional" (Anexo F) follows the annex
# the dates printed white on a black band (real 2021 letter): extractors reading ink-on-paper miss them
FECHA_INVERTIDA_SHARE = 0.25
# the institucional annex prints its column labels turned 90° in the header band (real 2021)
ENCABEZADO_VERTICAL_SHARE = 0.5
# Anexo F's priority counts do not add up to the ASM total (real 2018: Alta 4 of 5): the cross-check
ANEXO_F_INCONSISTENT_SHARE = 0.2
# --- deliberate inconsistencies of a convenio ----------------------------------------------
# the clause states a count of findings that is not the table's (an extractor's cross-check must flag)
CONTEO_INCONSISTENT_SHARE = 0.06
# one committed date falls after the clause's "no podrán exceder del ..." limit
LIMITE_INCONSISTENT_SHARE = 0.06
INCONSISTENCIAS = ("ninguna", "conteo", "limite", "anexo_f")
# --- text forms --------------------------------------------------------------------------
# the OCR'd-text form comes from real tesseract on the scan for this share of documents; the rest
# from the damage channel (cheap, logged). More real OCR costs ~7 s a page and is not logged.
REAL_OCR_SHARE = 0.15
OCR_ESTILOS = ("markdown", "aligned", "spaced", "tsv", "cells")
# seed 002 is a Markdown export; the others are the exports other portals' files come as
OCR_ESTILO_WEIGHTS = (5, 2, 2, 1, 1)
PARRAFOS = ("una_linea", "como_impreso")  # the OCR tool unwraps paragraphs (seed), or keeps the lines
# per Markdown export, signatures are described in words ('Handwritten signatures ... in blue ink')
DESCRIBE_FIRMAS_SHARE = 0.3
LEVELS = ("light", "medium", "heavy")
LEVEL_WEIGHTS = (3, 4, 2)


@dataclass
class Ejes:
    pagina: str
    numeracion: str
    lema: bool
    rubricas: bool
    reglas: str
    relleno: str
    fecha_layout: str
    fecha_etiqueta: str
    repetir_encabezado: bool
    filas_partidas: bool
    vineta: str
    firmas: str
    hoja_responsables: bool
    clave: bool
    enc_numero: str
    enc_hallazgo: str
    enc_recomendacion: str
    enc_actividad: str
    enc_fecha: str
    oficio: bool
    anexo_f: bool
    fecha_invertida: bool
    encabezado_vertical: bool
    inconsistencia: str
    font: float
    ocr_path: str
    ocr_estilo: str
    parrafos: str
    describe_firmas: bool
    damage_level: str
    scan_level: str

    def as_variant(self) -> dict:
        return asdict(self)


AXES: dict[str, tuple] = {
    "pagina": PAGINAS,
    "numeracion": NUMERACION,
    "lema": (True, False),
    "rubricas": (True, False),
    "reglas": REGLAS,
    "relleno": RELLENO,
    "fecha_layout": FECHA_LAYOUT,
    "fecha_etiqueta": FECHA_ETIQUETAS,
    "repetir_encabezado": (True, False),
    "filas_partidas": (True, False),
    "vineta": VINETAS,
    "firmas": FIRMAS,
    "hoja_responsables": (True, False),
    "clave": (True, False),
    "enc_numero": ENC_NUMERO,
    "enc_hallazgo": ENC_HALLAZGO,
    "enc_recomendacion": ENC_RECOMENDACION,
    "enc_actividad": ENC_ACTIVIDAD,
    "enc_fecha": ENC_FECHA,
    "oficio": (True, False),
    "anexo_f": (True, False),
    "fecha_invertida": (True, False),
    "encabezado_vertical": (True, False),
    "inconsistencia": INCONSISTENCIAS,
    "ocr_path": ("channel", "real"),
    "ocr_estilo": OCR_ESTILOS,
    "parrafos": PARRAFOS,
    "describe_firmas": (True, False),
    "damage_level": LEVELS,
    "scan_level": LEVELS,
}


def draw_ejes(rng: random.Random, fmt: str) -> Ejes:
    """Every axis is drawn for every document, in a fixed order, whatever the format uses, so a
    format's later draws never shift with another format's needs."""
    coneval = fmt in (TRABAJO, INSTITUCIONAL)
    e = Ejes(
        pagina=rng.choices(PAGINAS, PAGINA_WEIGHTS)[0],
        numeracion=rng.choice(NUMERACION),
        lema=rng.random() < LEMA_SHARE,
        rubricas=rng.random() < RUBRICAS_SHARE,
        reglas=rng.choices(REGLAS, REGLAS_WEIGHTS)[0],
        relleno=rng.choice(RELLENO),
        fecha_layout=rng.choices(FECHA_LAYOUT, FECHA_LAYOUT_WEIGHTS)[0],
        fecha_etiqueta=rng.choice(FECHA_ETIQUETAS),
        repetir_encabezado=rng.random() < REPEAT_HEADER_SHARE,
        filas_partidas=rng.random() < SPLIT_ROWS_SHARE,
        vineta=rng.choices(VINETAS, VINETA_WEIGHTS)[0],
        firmas=rng.choice(FIRMAS),
        hoja_responsables=rng.random() < HOJA_RESPONSABLES_SHARE,
        clave=rng.random() < CLAVE_SHARE,
        enc_numero=rng.choice(ENC_NUMERO),
        enc_hallazgo=rng.choice(ENC_HALLAZGO),
        enc_recomendacion=rng.choice(ENC_RECOMENDACION),
        enc_actividad=rng.choice(ENC_ACTIVIDAD),
        enc_fecha=rng.choice(ENC_FECHA),
        oficio=rng.random() < OFICIO_SHARE,
        anexo_f=rng.random() < ANEXO_F_SHARE,
        fecha_invertida=rng.random() < FECHA_INVERTIDA_SHARE,
        encabezado_vertical=rng.random() < ENCABEZADO_VERTICAL_SHARE,
        inconsistencia="ninguna",
        font=rng.choice((8.0, 8.5, 9.0, 9.5, 10.0)),
        ocr_path="real" if rng.random() < REAL_OCR_SHARE else "channel",
        ocr_estilo=rng.choices(OCR_ESTILOS, OCR_ESTILO_WEIGHTS)[0],
        parrafos=rng.choice(PARRAFOS),
        describe_firmas=rng.random() < DESCRIBE_FIRMAS_SHARE,
        damage_level=rng.choices(LEVELS, LEVEL_WEIGHTS)[0],
        scan_level=rng.choices(LEVELS, LEVEL_WEIGHTS)[0],
    )
    r = rng.random()
    if fmt == CONVENIO:
        if r < CONTEO_INCONSISTENT_SHARE:
            e.inconsistencia = "conteo"
        elif r < CONTEO_INCONSISTENT_SHARE + LIMITE_INCONSISTENT_SHARE:
            e.inconsistencia = "limite"
    elif coneval and e.anexo_f and r < ANEXO_F_INCONSISTENT_SHARE:
        e.inconsistencia = "anexo_f"
    if fmt != CONVENIO:
        # the annexes and sheets print none of the convenio's furniture; keep the variant honest
        e.lema = e.hoja_responsables = e.clave = False
        e.fecha_layout = "columna"
    if not coneval:
        e.anexo_f = e.fecha_invertida = e.encabezado_vertical = False
        e.oficio = e.oficio and fmt == FICHA
    if fmt != INSTITUCIONAL:
        e.encabezado_vertical = False
    return e

"""The distributions every axis of a generated dictamen is drawn from, one named constant each.

Each says what it trades; the first value of each is the seed's. Kept apart from the drawing so
a reader sees the whole family's variety in one place.
"""

from __future__ import annotations

from . import scores

KIND_SHARE = {  # electoral institutes are the seed's kind and the most published; the rest keep words apart
    "ople": 0.38,
    "nacional": 0.08,
    "judicial": 0.12,
    "derechos_humanos": 0.1,
    "universidad": 0.1,
    "carrera_estatal": 0.11,
    "fiscalia": 0.11,
}
PEOPLE = (5, 25)  # rows of the score table (the seed: 16)
# incentive agreements (the seed: a universe table and named recipients), approvals of the general
# results (the best and the lowest named), reports to the approving body (no resolutive points)
PURPOSE_SHARE = {"incentivos": 0.5, "resultados": 0.35, "informe": 0.15}
# the seed's weighting (70/30 without individual goals) most often; the others so no weighting is assumed
SCHEME_SHARE = {s.name: (0.3 if s.name == "40-30-30" else 0.7 / (len(scores.SCHEMES) - 1)) for s in scores.SCHEMES}
SCALE_SHARE = {10: 0.8, 100: 0.2}  # 0–10 like the seed; 0–100 in universities and civil services
DECIMALS_SHARE = {10: {3: 0.75, 2: 0.25}, 100: {2: 0.8, 3: 0.2}}  # per scale; 3 on 0–10 is the seed's
DECIMAL_SEP_SHARE = {",": 0.6, ".": 0.4}  # decided per document, never per cell
NA_TOKEN_SHARE = {
    "N/A": 0.7,
    "NA": 0.1,
    "No aplica": 0.1,
    "—": 0.1,
}  # how a missing factor is printed; "No aplica" spans two words
ROUNDING_SHARE = {"half_up": 0.85, "truncate": 0.15}  # truncation: a check must allow one unit below
# per-document share of people without a score in a factor: the seed has most people without
# individual goals; collective goals and competences are rarely missing
NA_IND_SHARE = {0.0: 0.3, 0.3: 0.2, 0.75: 0.3, 0.95: 0.2}
NA_COL_SHARE = {0.0: 0.8, 0.06: 0.2}
NA_COMP_SHARE = {0.0: 0.7, 0.07: 0.3}
LOW_SHARE = {0.0: 0.4, 0.1: 0.35, 0.3: 0.25}  # share of weak performers: feeds the lower bands
NIVEL_COLUMN_SHARE = 0.8  # the level column printed (else nivel_desempeno is null)
BANDS_STATED = {
    "no": 0.5,
    "frase": 0.25,
    "tabla": 0.25,
}  # the bands printed as a sentence, a table, or not (always applied)
WEIGHTS_STATED = {"no": 0.4, "frase": 0.4, "tabla": 0.2}  # the weighting stated likewise (always applied)
NIVEL_CASE = {"title": 0.85, "upper": 0.15}  # 'Excelente' / 'EXCELENTE'
NAME_ORDER = {"apellidos": 0.65, "nombres": 0.35}  # the table's order; the prose always writes given names first
NAME_CASE = {"title": 0.85, "upper": 0.15}  # table names in capitals: matching them to the prose needs case folding
ROW_ORDER = {"cargo": 0.5, "alfabetico": 0.3, "calificacion": 0.2}  # by post (the seed), by surname, by score
# columns
NUMERO_COLUMN_SHARE = 0.3  # a running-number column first: a number column that is not a score
CARGO_COLUMN_SHARE = 0.92  # posts are nearly always printed
ENTIDAD_COLUMN_SHARE = {"ople": 0.6, "nacional": 1.0}  # other kinds: ENTIDAD_OTHER_SHARE
ENTIDAD_OTHER_SHARE = 0.15  # state bodies rarely print their own state in every row
GROUPED_HEADER_SHARE = 0.6  # 'Metas' over 'Individuales | Colectivas' when both goal columns exist
FIRST_LABEL_SHARE = 0.5  # the seed's label for a column; the rest share the remainder
# where name, post and state sit; the scores always follow them
IDENTITY_ORDER = {"nombre-cargo-entidad": 0.8, "cargo-nombre-entidad": 0.1, "nombre-entidad-cargo": 0.1}
# the order of the factor columns (the final score follows them)
FACTOR_ORDER = {"ind-col-comp": 0.75, "comp-ind-col": 0.15, "col-ind-comp": 0.1}
NIVEL_BEFORE_FINAL_SHARE = 0.12  # the level printed before the final score: order cannot be assumed
# the table's look
TABLE_RULES = {"ruled": 0.4, "horizontal": 0.25, "booktabs": 0.15, "unruled": 0.2}
HEADER_FILL_SHARE = 0.6  # a shaded header band (its sides must not be taken for rulings)
ZEBRA_SHARE = 0.3  # alternate shaded rows, only where rows are not ruled apart
NUM_ALIGN = {"c": 0.6, "r": 0.4}  # numbers centred (the fixed sample) or right-aligned
NUM_VALIGN = {"middle": 0.7, "top": 0.3}  # beside a wrapped name, numbers on its middle or first line
TABLE_SIZES = (6.5, 6.75, 7.0, 7.25, 7.5, 7.75, 8.0)  # table print, points (shrunk further when it does not fit)
LANDSCAPE_TABLE_SHARE = 0.2  # the table printed on landscape pages inside a portrait document
REPEAT_HEADER_SHARE = 0.8  # a continued table repeats its header (else its rows continue bare)
PAGE_SIZES = {"letter": 0.75, "oficio": 0.25}  # letter, or the 8.5 × 13 in Mexican oficio
# running header: state name + body + clave (the seed), centred body + service, acronym + clave
HEADER_STYLE = {"escudo": 0.45, "centrado": 0.35, "clave_solo": 0.2}
# running footer: address + 'Página X de N', a bare number, address + site, nothing
FOOTER_STYLE = {"pagina_de": 0.4, "numero": 0.25, "direccion": 0.2, "ninguno": 0.15}
# prose
CLAVE_SHARE = 0.9  # the document carries its own reference (else clave_documento is null)
DATE_STYLE = {
    "plain": 0.5,
    "palabras": 0.35,
    "del": 0.15,
}  # '24 de octubre de 2020', with number words (the seed), 'del 2020'
PERIOD_UNSTATED_SHARE = 0.04  # no period printed anywhere: periodo_inicio/fin are null
PREVIOUS_PERIOD_SHARE = 0.2  # the prose also names the previous cycle's period (the seed's glossary does)
GLOSARIO_SHARE = 0.6  # a glossary of acronyms (more bodies named, more text before the table)
COMMISSION_TABLE_SHARE = 0.5  # the commission's members as a post | name table (the seed), else in a sentence
UNIVERSE_TABLE_SHARE = 0.85  # incentive documents: the universe as a table, else only in a sentence
MONTO_SHARE = 0.3  # the incentive's amount is stated
TITLE_UPPER_SHARE = 0.85  # the title in capitals (the seed), else in sentence case
DATELINE_SHARE = 0.5  # 'Santa Catalina, Valle Verde, a 24 de octubre de 2020.' before the signatures
TRANSITORIOS_SHARE = 0.6  # a TRANSITORIOS section ordering publication on the body's site
BODY_SIZES = (8.6, 9.0, 9.5, 10.0)  # prose print, points: how much prose precedes the table on its page
CAPTION_STYLE = {"dos_lineas": 0.5, "una_linea": 0.3, "ninguno": 0.2}  # the title printed over the score table
FILLER_KINDS = 8  # generic legal paragraphs the prose draws from (considerandos.fillers)
BULLETS_SHARE = 0.35  # a bulleted list of the liaison body's duties (the seed has one)
BULLET_GLYPHS = ("-", "•", "a)")  # '-' as in the seed; '•' is read as '(cid:127)' by some extractors
FUNDAMENTO_SHARE = 0.7  # 'Por lo anteriormente expuesto y con fundamento en …' before the points
URL_SCHEME_SHARE = 0.5  # the site printed with 'https://' (else bare 'www.')
# the text forms
DAMAGE_LEVEL = {"light": 0.35, "medium": 0.45, "heavy": 0.2}  # the channel's level (gen._damage.profile)
SCAN_LEVEL = {"light": 0.35, "medium": 0.45, "heavy": 0.2}  # the scanner's level (gen._damage.scan)
REAL_OCR_SHARE = 0.15  # the OCR'd text is tesseract's reading of the scan instead of the channel's
# the score table in the OCR'd text: tab-separated (the seed) most often, then the other exports
OCR_TABLE_STYLE = {"tsv": 0.4, "aligned": 0.2, "spaced": 0.15, "cells": 0.15, "markdown": 0.1}
OCR_PARAGRAPHS = {"unwrapped": 0.6, "lines": 0.4}  # seed 003 writes a paragraph on one line
# each of three more antecedents (statute reform, liaison body designated, goals modified): longer
# documents whose score table starts lower on its page and crosses a page break more often
EXTRA_ANTECEDENTE_SHARE = 0.5
# how the document numbers the agreements it cites ({A}: the body's acronym, {O}: its approving body's)
ACUERDO_STYLES = ("{A}-{O}-{n:02d}/{y}", "{A}/{O}/{n:03d}/{y}", "{O}-{n:02d}/{y}", "ACU-{A}-{n:03d}-{y}")
# periods: semesters are rarer than years outside the electoral service (which always runs Sept–Aug)
SEMESTER_SHARE = 0.3
PERIOD_STYLES = {
    "sept_ago": ("meses", "meses_de", "del_mes", "dias"),
    "anual": ("meses", "ejercicio", "dias"),
    "semestre": ("meses", "dias"),
}
GLOSARIO_SPACED_SHARE = 0.5  # 'G L O S A R I O' (the seed), else 'GLOSARIO'
NUMBERING = ("ordinal", "romano")  # 'PRIMERO.' (the seed) or 'I.'
MONTOS = (5000, 7500, 8000, 10000, 12500, 15000, 20000)  # incentive amounts, pesos
SIGNATURE_COLUMNS = (2, 3)  # president and secretary, or a member between them

"""Documents papeleo must call ``unknown``: seeded, varied pages of kinds that are none of the families.

The classifier is calibrated and benchmarked on these beside the families' documents, so each kind
is one that lands in a transparency inbox by mistake and shares something with a family: a page of a
novel (Spanish prose, no accountability vocabulary), a commercial invoice and a CFDI printout (numeric
rows, RFCs, IVA), a bank statement (dated movements with running balances, a 'periodo') and an oficio
(a government letter about something else: the letterhead, 'Asunto', 'Presente' and 'Atentamente'
that cover letters of ASM annexes and audit reports print too). Everything is fictional and drawn
from ``random.Random(seed)``; the kind is ``KINDS[seed % len(KINDS)]`` so any run of seeds covers them all.

``generate(seed, out_dir, forms)`` follows the family generators' contract (``_generated.py``) with
family ``"unrelated"``: a text PDF, a degraded scan (``gen._damage.scan``) and an OCR'd text from the
damage channel; the truth is just ``doc_type: unknown``. Underscore-named: it is not a family.
"""

from __future__ import annotations

import random
import textwrap
import uuid
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from ._damage import (
    ALIGNED,
    SPACED,
    TSV,
    DamageProfile,
    Paragraph,
    RunningFooter,
    Table,
    render_damaged,
    render_plain,
)
from ._generated import FORMS, OCR_TEXT, SCAN_PDF, TEXT_PDF, GeneratedDoc, check_forms, doc_name

FAMILY = "unrelated"
KINDS = ("novela", "factura", "cfdi", "estado_cuenta", "oficio")
# The kinds a benchmark scans by default: a letter and a statement are what arrives scanned; OCR is
# slow (~3 s a page), and the text forms already cover every kind.
SCANNED_KINDS = ("oficio", "estado_cuenta")
LEVELS = ("light", "medium", "heavy")
WRAP = 88  # characters per printed line of running text: a letter page in a 10 pt font
PAGE_MARGIN = 54  # points
MAX_FONT, LEADING = 10.0, 1.25  # font size shrinks so the widest line fits; leading is a multiple of it
LINES_PER_PAGE = 52  # a printed page holds about this many lines at 10 pt

NAMES = ("María", "José", "Lucía", "Andrés", "Rosa", "Tomás", "Elena", "Ramiro", "Inés", "Julián", "Carmen", "Félix")
SURNAMES = ("Robles", "Esquivel", "Zamora", "Ortiz", "Villalobos", "Paredes", "Quiroga", "Beltrán", "Salas", "Ugalde")
PLACES = ("San Telmo", "Valle Hondo", "Puerto Azul", "Las Lomas", "Santa Brígida", "El Carrizal", "Río Frío")
CITIES = ("Monterrey", "Oaxaca de Juárez", "Guadalajara", "Mérida", "Querétaro", "Tuxtla Gutiérrez", "Morelia")
MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def person(rng: random.Random) -> str:
    return f"{rng.choice(NAMES)} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"


def money(x: float) -> str:
    return f"{x:,.2f}"


def wrap(text: str, width: int = WRAP) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def rfc(rng: random.Random, moral: bool) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    head = "".join(rng.choice(letters) for _ in range(3 if moral else 4))
    return f"{head}{rng.randint(70, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.choice(letters)}{rng.randint(1, 9)}{rng.choice(letters)}"


# --- a page of a novel --------------------------------------------------------------------
SUBJECTS = ("El viejo", "La muchacha", "Su madre", "El forastero", "Nadie en el pueblo", "El perro", "La maestra")
VERBS = ("miraba", "recordaba", "esperaba", "escuchaba", "cruzaba", "buscaba", "no entendía")
OBJECTS = (
    "el río crecido después de la tormenta",
    "la casa de las ventanas azules",
    "el camino que bajaba hacia el mar",
    "las cartas que nunca llegaron",
    "el reloj detenido en la cocina",
    "la plaza vacía a la hora de la siesta",
)
CLAUSES = (
    "mientras la tarde se apagaba sobre los tejados",
    "como si el tiempo se hubiera olvidado de ellos",
    "sin decir una palabra a nadie",
    "con la paciencia de quien ya ha perdido demasiado",
    "aunque sabía que era inútil",
    "cuando sonaron las campanas de la iglesia",
)
LINES = (
    "—¿Vendrás mañana? —preguntó {a}.",
    "—No lo sé —respondió {b}—, depende del tiempo.",
    "—Ya es tarde —dijo {a}.",
)


def novela(rng: random.Random) -> list:
    a, b = rng.choice(NAMES), rng.choice(NAMES)
    out: list = [Paragraph([f"Capítulo {rng.choice(ROMAN)}"], gap=1)]
    for _ in range(rng.randint(4, 7)):
        sentences = []
        for _ in range(rng.randint(3, 5)):
            place = rng.choice(PLACES)
            sentences.append(
                f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} en {place}, {rng.choice(CLAUSES)}."
            )
        out.append(Paragraph(wrap(" ".join(sentences))))
        if rng.random() < 0.5:
            out.append(Paragraph([rng.choice(LINES).format(a=a, b=b) for _ in range(rng.randint(1, 3))]))
    out.append(RunningFooter([str(rng.randint(9, 320))]))
    return out


# --- invoices: a commercial one and a CFDI printout -----------------------------------------
PRODUCTS = (
    ("Resma de papel bond carta", 95.0),
    ("Tóner para impresora láser", 1450.0),
    ("Cemento gris 50 kg", 245.0),
    ("Servicio de mantenimiento de aire acondicionado", 1800.0),
    ("Llanta 195/65 R15", 1390.0),
    ("Caja de guantes de nitrilo", 210.0),
    ("Garrafón de agua 20 l", 45.0),
    ("Renta de mobiliario para evento", 3500.0),
    ("Cartucho de tinta negra", 380.0),
)
SELLERS = ("Comercializadora del Norte", "Suministros Alfa", "Ferretería La Llave", "Distribuidora Sol y Mar")


def items(rng: random.Random) -> list[tuple[int, str, float, float]]:
    chosen = rng.sample(PRODUCTS, rng.randint(2, 6))
    rows = []
    for desc, base in chosen:
        qty, price = rng.randint(1, 40), round(base * rng.uniform(0.8, 1.3), 2)
        rows.append((qty, desc, price, round(qty * price, 2)))
    return rows


def factura(rng: random.Random) -> list:
    rows = items(rng)
    sub = sum(r[3] for r in rows)
    rate = rng.choice((0.12, 0.13, 0.16))  # Guatemala, Costa Rica / El Salvador, México
    head = rng.choice(("FACTURA", "NOTA DE VENTA", "FACTURA COMERCIAL"))
    style = rng.choice((ALIGNED, SPACED, TSV))
    return [
        Paragraph([rng.choice(SELLERS) + ", S.A.", f"NIT {rng.randint(1000000, 9999999)}-{rng.randint(0, 9)}"]),
        Paragraph(
            [f"{head} No. {rng.randint(100, 99999):06d}", f"Fecha: {rng.randint(1, 28)}/{rng.randint(1, 12):02d}/2024"]
        ),
        Paragraph(
            [
                f"Cliente: {person(rng)}",
                f"Dirección: Calle {rng.randint(1, 40)} No. {rng.randint(1, 900)}, {rng.choice(CITIES)}",
            ]
        ),
        Table(
            header_rows=[("Cantidad", "Descripción", "Precio unitario", "Importe")],
            rows=[(str(q), d, money(p), money(t)) for q, d, p, t in rows],
            style=style,
            align=("r", "l", "r", "r"),
        ),
        Paragraph(
            [
                f"Subtotal {money(sub)}",
                f"IVA {int(rate * 100)}% {money(sub * rate)}",
                f"Total {money(sub * (1 + rate))}",
            ]
        ),
        Paragraph(["Gracias por su compra. Esta factura no es válida sin el sello del establecimiento."]),
    ]


def cfdi(rng: random.Random) -> list:
    rows = items(rng)
    sub = sum(r[3] for r in rows)
    uid = str(uuid.UUID(int=rng.getrandbits(128))).upper()
    seal = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") for _ in range(176))
    return [
        Paragraph(
            [
                f"{rng.choice(SELLERS)} S.A. de C.V.",
                f"RFC emisor: {rfc(rng, True)}",
                "Régimen fiscal: 601 General de Ley Personas Morales",
            ]
        ),
        Paragraph(
            [
                f"Receptor: {person(rng)}",
                f"RFC receptor: {rfc(rng, False)}",
                f"Uso CFDI: {rng.choice(('G03 Gastos en general', 'G01 Adquisición de mercancías'))}",
            ]
        ),
        Paragraph(
            [
                f"Folio fiscal (UUID): {uid}",
                f"Serie {rng.choice('ABF')} Folio {rng.randint(100, 9999)}",
                f"Lugar de expedición: {rng.randint(10000, 99999)}",
                f"Fecha de emisión: 2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 19):02d}:{rng.randint(0, 59):02d}:00",
            ]
        ),
        Paragraph(["Conceptos"], gap=0),
        Table(
            header_rows=[("Clave prod/serv", "Cantidad", "Clave unidad", "Descripción", "Valor unitario", "Importe")],
            rows=[
                (str(rng.randint(10000000, 99999999)), str(q), rng.choice(("H87", "E48", "EA")), d, money(p), money(t))
                for q, d, p, t in rows
            ],
            style=rng.choice((ALIGNED, SPACED)),
        ),
        Paragraph(
            [
                f"Subtotal: ${money(sub)}",
                f"IVA Trasladado 16%: ${money(sub * 0.16)}",
                f"Total: ${money(sub * 1.16)}",
                "Moneda: MXN",
            ]
        ),
        Paragraph(
            ["Forma de pago: 03 Transferencia electrónica de fondos", "Método de pago: PUE Pago en una sola exhibición"]
        ),
        Paragraph(
            [
                "Sello digital del CFDI:",
                *wrap(seal, 80),
                f"No. de serie del certificado del SAT: {rng.randint(10**19, 10**20 - 1)}",
            ]
        ),
        Paragraph(
            ["Este documento es una representación impresa de un Comprobante Fiscal Digital por Internet (CFDI)."]
        ),
    ]


# --- a bank statement ---------------------------------------------------------------------
MOVES = (
    ("SPEI RECIBIDO", 1),
    ("DEPOSITO EN EFECTIVO", 1),
    ("PAGO TARJETA DE CREDITO", -1),
    ("RETIRO CAJERO AUTOMATICO", -1),
    ("COMPRA COMERCIO", -1),
    ("COMISION MANEJO DE CUENTA", -1),
    ("PAGO DE NOMINA", 1),
)


def estado_cuenta(rng: random.Random) -> list:
    month = rng.randint(1, 12)
    balance = round(rng.uniform(2000, 90000), 2)
    opening, moves = balance, []
    for day in sorted(rng.randint(1, 28) for _ in range(rng.randint(6, 45))):
        concept, sign = rng.choice(MOVES)
        amount = round(rng.uniform(50, 12000), 2)
        balance = round(balance + sign * amount, 2)
        moves.append(
            (
                f"{day:02d}/{month:02d}",
                concept,
                f"{rng.randint(1000000, 9999999)}",
                money(amount) if sign < 0 else "",
                money(amount) if sign > 0 else "",
                money(balance),
            )
        )
    deposits = sum(float(m[4].replace(",", "")) for m in moves if m[4])
    withdrawals = sum(float(m[3].replace(",", "")) for m in moves if m[3])
    breaks = tuple(range(LINES_PER_PAGE - 20, len(moves), LINES_PER_PAGE - 8))
    return [
        Paragraph(
            [rng.choice(("BANCO DEL VALLE", "BANCA SOLIDARIA", "BANCO INTERAMERICANO DEL SUR")), "ESTADO DE CUENTA"]
        ),
        Paragraph(
            [
                person(rng).upper(),
                f"Número de cuenta: {rng.randint(10**9, 10**10 - 1)}",
                f"CLABE: {rng.randint(10**17, 10**18 - 1)}",
                f"Periodo: del 01/{month:02d}/2024 al 28/{month:02d}/2024",
            ]
        ),
        Paragraph(
            [
                "Resumen del periodo",
                f"Saldo anterior {money(opening)}",
                f"Depósitos {money(deposits)}",
                f"Retiros {money(withdrawals)}",
                f"Saldo final {money(balance)}",
            ]
        ),
        Paragraph(["Detalle de movimientos"], gap=0),
        Table(
            header_rows=[("Fecha", "Concepto", "Referencia", "Cargos", "Abonos", "Saldo")],
            rows=moves,
            style=rng.choice((ALIGNED, SPACED)),
            breaks=breaks,
            align=("l", "l", "l", "r", "r", "r"),
        ),
        RunningFooter(["Página {page} de {pages}"]),
    ]


# --- an oficio about something else -----------------------------------------------------------
OFFICES = (
    "H. Ayuntamiento de {c}",
    "Secretaría de Desarrollo Urbano",
    "Dirección de Obras Públicas Municipales",
    "Coordinación Estatal de Protección Civil",
    "Dirección de Servicios Públicos",
)
TOPICS = (
    (
        "Invitación a ceremonia cívica",
        "me permito invitarle a la ceremonia cívica con motivo del aniversario de la fundación de {c}, que se llevará a cabo el próximo {d} en la explanada principal a las 9:00 horas.",
    ),
    (
        "Solicitud de préstamo de vehículo",
        "solicito de la manera más atenta el préstamo de una camioneta para el traslado de material deportivo a la comunidad de {p} el día {d}.",
    ),
    (
        "Bacheo de vialidad",
        "le informo que se recibió la solicitud de bacheo de la calle principal de la colonia {p}; los trabajos se programaron para la semana del {d}, sujetos a las condiciones del clima.",
    ),
    (
        "Cambio de domicilio",
        "hago de su conocimiento que a partir del {d} las oficinas de esta dependencia se ubicarán en la avenida Juárez número {n}, colonia Centro.",
    ),
    (
        "Reunión de trabajo",
        "le convoco a una reunión de trabajo para coordinar el operativo de temporada de lluvias, el {d} a las 10:00 horas en la sala de juntas de esta dependencia.",
    ),
    (
        "Poda de árboles",
        "en respuesta a su escrito, le comunico que personal de parques y jardines realizará la poda de los árboles ubicados frente al domicilio señalado en {p} durante la semana del {d}.",
    ),
    # letters that share words with the families (a supervision visit, a quarterly report, an audit's request
    # for papers, a course on the MIR) and are still none of them: no findings, indicators or commitments
    (
        "Requerimiento de información",
        "con motivo de la auditoría a la cuenta pública 2023 que practica la Auditoría Superior del Estado, le solicito remitir a más tardar el {d} los expedientes de obra que se indican en el anexo, a fin de que esta entidad fiscalizada atienda el requerimiento en tiempo.",
    ),
    (
        "Invitación a curso",
        "le invito a designar a dos servidores públicos de su área para el curso de capacitación sobre la Matriz de Indicadores para Resultados y el Presupuesto basado en Resultados, que se impartirá el {d} en el auditorio municipal.",
    ),
    (
        "Visita de supervisión de obra",
        "le informo que el residente de obra realizará una visita de supervisión a los trabajos de pavimentación en {p} el {d}; le solicito designar a una persona que lo acompañe.",
    ),
    (
        "Solicitud de informe",
        "le solicito remitir a más tardar el {d} su informe de actividades del trimestre, con las metas alcanzadas por su área, para integrar el reporte trimestral del Ayuntamiento.",
    ),
)
MOTTOS = ("Sufragio Efectivo. No Reelección.", '"2024, Año del Bicentenario"', "Por un gobierno cercano a la gente")


def oficio(rng: random.Random) -> list:
    city = rng.choice(CITIES)
    office = rng.choice(OFFICES).format(c=city)
    subject, body = rng.choice(TOPICS)
    date = f"{rng.randint(1, 28)} de {rng.choice(MONTHS)} de 2024"
    fill = {
        "c": city,
        "p": rng.choice(PLACES),
        "d": f"{rng.randint(1, 28)} de {rng.choice(MONTHS)}",
        "n": rng.randint(10, 900),
    }
    initials = "".join(rng.choice("ABCDEFGHJLMNPRSTV") for _ in range(3))
    paragraphs = [f"Por medio del presente, {body.format(**fill)}"]
    if rng.random() < 0.7:
        paragraphs.append(
            "Lo anterior con fundamento en el reglamento interior de esta dependencia y con el propósito de atender oportunamente las necesidades de la ciudadanía."
        )
    paragraphs.append("Sin otro particular, le envío un cordial saludo.")
    return [
        Paragraph([office.upper(), rng.choice(MOTTOS)]),
        Paragraph(
            [
                f"Oficio No. {''.join(rng.choice('DOPSUC') for _ in range(3))}/{rng.randint(1, 999):04d}/2024",
                f"Asunto: {subject}",
                f"{city}, a {date}",
            ]
        ),
        Paragraph(
            [
                f"C. {person(rng)}",
                rng.choice(("Presidente del Comité Vecinal", "Director de Educación Municipal", "Ciudadano")),
                "P r e s e n t e",
            ]
        ),
        *[Paragraph(wrap(p)) for p in paragraphs],
        Paragraph(
            ["A t e n t a m e n t e", "", person(rng).upper(), rng.choice(("Director", "Secretario", "Coordinador"))]
        ),
        Paragraph(["c.c.p. Archivo", f"{initials}/{initials.lower()[:2]}"]),
    ]


BUILDERS = {"novela": novela, "factura": factura, "cfdi": cfdi, "estado_cuenta": estado_cuenta, "oficio": oficio}


def kind_for(seed: int) -> str:
    return KINDS[seed % len(KINDS)]


def blocks_to_pdf(blocks: list, path: Path) -> int:
    """Draw the clean text, page by page, in a monospaced font (tables keep their columns);
    the font shrinks so the widest line fits the page. Returns the page count."""
    pages = render_plain(blocks).split("\f")
    width = max((len(line) for page in pages for line in page.split("\n")), default=1)
    size = min(MAX_FONT, (letter[0] - 2 * PAGE_MARGIN) / (0.6 * max(width, 1)))
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1, pageCompression=1)
    c.setTitle("")
    for page in pages:
        y = letter[1] - PAGE_MARGIN
        c.setFont("Courier", size)
        for line in page.rstrip("\n").split("\n"):
            if y < PAGE_MARGIN:  # a page the text layout overfilled continues on the next
                c.showPage()
                c.setFont("Courier", size)
                y = letter[1] - PAGE_MARGIN
            c.drawString(PAGE_MARGIN, y, line)
            y -= size * LEADING
        c.showPage()
    c.save()
    return len(pages)


def generate(seed: int, out_dir: Path, forms: Sequence[str] = FORMS) -> GeneratedDoc:
    forms = check_forms(forms)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kind = kind_for(seed)
    blocks = BUILDERS[kind](rng)
    level = rng.choice(LEVELS)
    doc = GeneratedDoc(FAMILY, seed, variant={"kind": kind, "damage_level": level})
    pdf = out_dir / doc_name(FAMILY, seed, TEXT_PDF)
    pages = blocks_to_pdf(blocks, pdf)
    if TEXT_PDF in forms:
        doc.files[TEXT_PDF] = pdf
    if OCR_TEXT in forms:
        drng = random.Random(seed * 7919 + 1)
        text, damage = render_damaged(blocks, drng, DamageProfile.draw(drng, level))
        path = out_dir / doc_name(FAMILY, seed, OCR_TEXT)
        path.write_text(text, encoding="utf-8")
        doc.files[OCR_TEXT], doc.damage[OCR_TEXT] = path, damage.to_records()
    if SCAN_PDF in forms:
        from ._damage.scan import ScanProfile, pdf_to_scan  # needs papeleo and pypdfium2

        scan_rng = random.Random(seed * 7919 + 2)
        path = out_dir / doc_name(FAMILY, seed, SCAN_PDF)
        record = pdf_to_scan(pdf, path, scan_rng, ScanProfile.draw(scan_rng, level))
        doc.files[SCAN_PDF], doc.damage[SCAN_PDF] = path, {"dpi": record.profile.dpi, "level": level}
    if TEXT_PDF not in forms:
        pdf.unlink()
    doc.truth = {"documents": {"doc_type": "unknown", "pages": pages}}
    return doc

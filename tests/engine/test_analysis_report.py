"""``papeleo.analysis.write_report`` over output roots written by hand.

Every expected figure below is counted by hand from the rows ``corpus`` writes (the comments
say how), never taken from the program's output. The page must stay safe (a file name or an
ente may hold markup), offline (nothing loaded from anywhere) and whole when datasets are
empty (a sentence instead of a chart)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import schemas
from papeleo.analysis import figures, write_report
from papeleo.analysis import spanish as es
from papeleo.store import ParquetStore, source_key

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
EVIL_NAME = "<script>alert(1)</script>.pdf"
EVIL_SOURCE = f"/in/{EVIL_NAME}"
EVIL_ENTE = "Ente <b>Dos</b>"
EVIL_MESSAGE = 'fila rechazada <img src=x onerror="alert(2)">'
VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "col", "source"}


def _doc(source, doc_type, status, text_source, pages=2):
    doc_id = hashlib.sha256(source.encode()).hexdigest()
    row = {
        "doc_id": doc_id,
        "source": source,
        "file_name": Path(source).name,
        "doc_type": doc_type,
        "status": status,
        "text_source": text_source,
        "pages": pages,
        "extracted_at": NOW,
    }
    return doc_id, schemas.get("documents").to_table([row])


def _rows(dataset, doc_id, rows):
    full = [
        {"doc_id": doc_id, "record_id": f"{doc_id[:8]}-{i}", "page": 1, "confidence": 0.9, **r}
        for i, r in enumerate(rows)
    ]
    return schemas.get(dataset).to_table(full)


def _failure(doc_id, source, stage, error_type, message):
    row = {"doc_id": doc_id, "source": source, "stage": stage, "error_type": error_type, "message": message}
    return {**row, "failed_at": NOW, "record_id": hashlib.sha256(f"{source}{message}".encode()).hexdigest()[:16]}


MUNI = {"ente": "Municipio Uno", "ejercicio": 2024}


def build_corpus(out: Path) -> Path:
    """Five documents, one unreadable file, every charted dataset with rows."""
    store = ParquetStore(out)
    store.prepare()
    # A: the Q1 report of Municipio Uno: 1 indicator, 3 values, all read.
    a, docs = _doc("/in/mir_q1.pdf", "mir_avance", "ok", "text_layer")
    ind_a = [
        {
            **MUNI,
            "trimestre": 1,
            "clave": "1.1",
            "meta_anual": 40.0,
            "programado_t1": 10.0,
            "alcanzado_t1": 8.0,
            "checks": ["suma_programado=ok"],
            "corrected": [],
        },
    ]
    store.replace_document(
        source_key("/in/mir_q1.pdf"), {"indicators": _rows("indicators", a, ind_a), "documents": docs}
    )
    # B: the Q2 report of the same ente and year, the one drawn: 4 indicators, 3 with quarters.
    b, docs = _doc("/in/mir_q2.pdf", "mir_avance", "ok", "ocr")
    ind_b = [
        # 6 values: 5 read, alcanzado_t2 corrected; alcanzado_t2 in conflict
        {
            **MUNI,
            "trimestre": 2,
            "clave": "1.1",
            "meta_anual": 40.0,
            "programado_t1": 10.0,
            "programado_t2": 10.0,
            "alcanzado_t1": 8.0,
            "alcanzado_t2": 12.0,
            "avance_pct": 120.0,
            "corrected": ["alcanzado_t2:corregido"],
            "checks": ["alcanzado_t2_fuentes=conflict", "suma_programado=ok"],
        },
        # 3 values: programado_t1 and alcanzado_t1 read, programado_t2 imputed (clave:corregido is no
        # number); programado_t1 in conflict; suma_programado names no column: the row is in doubt
        {
            **MUNI,
            "trimestre": 2,
            "clave": "1.2",
            "siglas": "PX",
            "programado_t1": 5.0,
            "programado_t2": 5.0,
            "alcanzado_t1": 5.0,
            "corrected": ["programado_t2:imputado", "clave:corregido"],
            "checks": ["suma_programado=conflict", "programado_t1_sin_respaldo=conflict"],
        },
        # 2 values: programado_t1 read, alcanzado_t1 reviewed (the reviewer's mark wins)
        {
            **MUNI,
            "trimestre": 2,
            "clave": "1.3",
            "programado_t1": 7.0,
            "alcanzado_t1": 7.0,
            "corrected": ["alcanzado_t1:corregido", "alcanzado_t1:revisado"],
            "checks": [],
        },
        # 1 value read, no quarterly value: not drawn
        {**MUNI, "trimestre": 2, "siglas": "SOLO", "avance_pct": 50.0, "checks": ["avance_comentario=ok"]},
    ]
    store.replace_document(
        source_key("/in/mir_q2.pdf"), {"indicators": _rows("indicators", b, ind_b), "documents": docs}
    )
    # C: a partial MIR report under a hostile file name, of a hostile ente: 2 values read.
    c, docs = _doc(EVIL_SOURCE, "mir_avance", "partial", "mixed")
    ind_c = [
        {
            "ente": EVIL_ENTE,
            "ejercicio": 2023,
            "trimestre": 1,
            "clave": "9.9",
            "programado_t1": 1.0,
            "alcanzado_t1": 2.0,
        }
    ]
    fail_c = [
        _failure(c, EVIL_SOURCE, "extract", "schema_violation", EVIL_MESSAGE),
        _failure(c, EVIL_SOURCE, "extract", "schema_violation", "otra fila rechazada"),
    ]
    store.replace_document(
        source_key(EVIL_SOURCE),
        {
            "indicators": _rows("indicators", c, ind_c),
            "failures": schemas.get("failures").to_table(fail_c),
            "documents": docs,
        },
    )
    # D: scores. Excelente 9.5, 9.7; Bueno 8.0 and one unscored; one without a level, 7.0.
    d, docs = _doc("/in/dictamen.txt", "dictamen_puntajes", "ok", "plain_text", pages=1)
    scores = [
        {"nombre": "A", "nivel_desempeno": "Excelente", "calificacion_final": 9.5},
        {"nombre": "B", "nivel_desempeno": "Excelente", "calificacion_final": 9.7},
        {"nombre": "C", "nivel_desempeno": "Bueno", "calificacion_final": 8.0},
        {"nombre": "D", "nivel_desempeno": None, "calificacion_final": 7.0},
        {"nombre": "E", "nivel_desempeno": "Bueno", "calificacion_final": None},
    ]
    store.replace_document(source_key("/in/dictamen.txt"), {"scores": _rows("scores", d, scores), "documents": docs})
    # E: commitments: May 2024 one of each tipo, July 2024 one hallazgo, one undated.
    e_, docs = _doc("/in/convenio.pdf", "convenio_asm", "ok", "text_layer", pages=3)
    commitments = [
        {"tipo": "hallazgo", "numero": 1, "texto": "h1", "fecha_compromiso": dt.date(2024, 5, 31)},
        {"tipo": "recomendacion", "numero": 1, "texto": "r1", "fecha_compromiso": dt.date(2024, 5, 15)},
        {"tipo": "hallazgo", "numero": 2, "texto": "h2", "fecha_compromiso": dt.date(2024, 7, 31)},
        {"tipo": "hallazgo", "numero": 3, "texto": "h3", "fecha_compromiso": None},
    ]
    store.replace_document(
        source_key("/in/convenio.pdf"), {"commitments": _rows("commitments", e_, commitments), "documents": docs}
    )
    # An encrypted PDF: a failures row, no documents row.
    locked = [_failure(None, "/in/secret.pdf", "read", "encrypted_pdf", "the PDF is encrypted")]
    store.replace_document(source_key("/in/secret.pdf"), {"failures": schemas.get("failures").to_table(locked)})
    return store.root


@pytest.fixture
def corpus(tmp_path):
    return build_corpus(tmp_path / "out")


class Structure(HTMLParser):
    """Checks that elements nest and close; collects scripts and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.scripts, self.attrs = [], [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        self.attrs += [(tag, k, v or "") for k, v in attrs]
        if tag == "script":
            self._script = {"attrs": dict(attrs), "text": ""}
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()
        if tag == "script":
            self.scripts.append(self._script)
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data


def parse(page: Path) -> tuple[str, Structure]:
    html = page.read_text("utf-8")
    parser = Structure()
    parser.feed(html)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    return html, parser


def charts_of(parser: Structure) -> dict:
    (data,) = [s for s in parser.scripts if s["attrs"].get("type") == "application/json"]
    return json.loads(data["text"])["charts"]


def section(html: str, key: str) -> str:
    return re.search(rf'<section id="{key}">(.*?)</section>', html, re.S).group(1)


def test_the_figures_match_the_rows_written(corpus):
    counts, frames = figures.load(corpus)
    assert counts == {
        "documents": 5,
        "commitments": 4,
        "findings": 0,
        "indicators": 6,
        "mentions": 0,
        "scores": 5,
        "failures": 3,
    }
    docs = frames["documents"]
    assert figures.counts(docs, "doc_type").values.tolist() == [
        ["mir_avance", 3],
        ["convenio_asm", 1],
        ["dictamen_puntajes", 1],
    ]
    assert dict(figures.counts(docs, "status").values.tolist()) == {"ok": 4, "partial": 1}
    assert dict(figures.counts(docs, "text_source").values.tolist()) == {
        "text_layer": 2,
        "ocr": 1,
        "mixed": 1,
        "plain_text": 1,
    }
    kinds = figures.failure_kinds(frames["failures"])
    assert [(k.stage, k.error_type, k.n) for k in kinds] == [
        ("extract", "schema_violation", 2),
        ("read", "encrypted_pdf", 1),
    ]
    assert (EVIL_SOURCE, EVIL_MESSAGE) in kinds[0].examples
    months, undated = figures.commitments_by_month(frames["commitments"])
    assert months.values.tolist() == [
        [dt.date(2024, 5, 1), "hallazgo", 1],
        [dt.date(2024, 5, 1), "recomendacion", 1],
        [dt.date(2024, 7, 1), "hallazgo", 1],
    ]
    assert undated == 1
    _, summary = figures.scores_by_level(frames["scores"])
    assert summary.values.tolist() == [
        ["Bueno", 2, 1, 8.0, 8.0, 8.0],
        ["Excelente", 2, 2, 9.5, 9.6, 9.7],
        [figures.NO_VALUE, 1, 1, 7.0, 7.0, 7.0],
    ]


def test_value_shares_match_hand_counts(corpus):
    _, frames = figures.load(corpus)
    states = figures.value_states(frames["indicators"])
    # values: A 3 + B 6 + 3 + 2 + 1 + C 2 = 17; corrected, imputed, reviewed one each; 2 in conflict
    assert states.total == 17
    assert states.origins == {"leido": 14, "corregido": 1, "imputado": 1, "revisado": 1}
    assert states.conflict == 2
    assert (states.rows, states.rows_in_doubt) == (6, 1)
    html, _ = parse(write_report(corpus))
    mir = section(html, "mir")
    for label, n, share in [
        ("leído", 14, "82.4 %"),
        ("corregido", 1, "5.9 %"),
        ("imputado", 1, "5.9 %"),
        ("revisado", 1, "5.9 %"),
        ("en conflicto", 2, "11.8 %"),
    ]:
        assert f'<tr><td>{label}</td><td class="n">{n}</td><td class="n">{share}</td></tr>' in mir
    assert "1 de 6 filas tienen un chequeo en conflicto" in mir


def test_the_mir_panel_draws_the_latest_report_of_each_ente(corpus):
    _, frames = figures.load(corpus)
    mir = figures.mir_panels(frames["indicators"], frames["documents"])
    muni, dos = mir.panels
    assert (muni.ente, muni.ejercicio, muni.trimestre, muni.source) == ("Municipio Uno", 2024, 2, "mir_q2.pdf")
    assert (muni.indicators, muni.without_values, muni.left_out, muni.other_documents) == (4, 1, 0, 1)
    got = {(r.indicador, r.trimestre, r.tipo, r.valor) for r in muni.values.itertuples()}
    assert got == {
        ("1.1", "T1", "programado", 10.0),
        ("1.1", "T2", "programado", 10.0),
        ("1.1", "T1", "alcanzado", 8.0),
        ("1.1", "T2", "alcanzado", 12.0),
        ("1.2 PX", "T1", "programado", 5.0),
        ("1.2 PX", "T2", "programado", 5.0),
        ("1.2 PX", "T1", "alcanzado", 5.0),
        ("1.3", "T1", "programado", 7.0),
        ("1.3", "T1", "alcanzado", 7.0),
    }
    assert (dos.ente, dos.ejercicio, len(dos.values)) == (EVIL_ENTE, 2023, 2)


def test_caps_say_what_they_leave_out(corpus, monkeypatch):
    monkeypatch.setattr(figures, "MAX_ENTES", 1)
    monkeypatch.setattr(figures, "MAX_INDICATORS", 2)
    html, parser = parse(write_report(corpus))
    mir = section(html, "mir")
    assert "Se muestran los primeros 2 indicadores por clave; se omiten 1." in mir
    assert "se omiten 1: Ente &lt;b&gt;Dos&lt;/b&gt; (2023)." in mir
    panel = [s for s in charts_of(parser).values() if "columns" in s]  # the MIR grids wrap
    assert len(panel) == 1 and {v["indicador"] for v in panel[0]["data"]["values"]} == {"1.1", "1.2 PX"}


def test_the_page_shows_every_section_with_a_chart(corpus):
    page = write_report(corpus)
    assert page == corpus / "report.html"
    assert not list(corpus.glob(".report.html*"))  # written beside, then moved in
    html, parser = parse(page)
    specs = charts_of(parser)
    # documents x3, rows per dataset, failures, value origins, two MIR panels, scores, commitments
    assert len(specs) == 10
    assert len(re.findall(r'<div class="chart" id="grafica-\d+"', html)) == 10
    assert '<html lang="es">' in html
    assert (
        '<tr><td>Excelente</td><td class="n">2</td><td class="n">2</td><td class="n">9.5</td><td class="n">9.6</td><td class="n">9.7</td></tr>'
        in html
    )
    assert "de mayo 2024 a julio 2024" in section(html, "compromisos")
    assert "1 compromiso(s) sin fecha no aparecen." in section(html, "compromisos")
    (months,) = [s for s in specs.values() if s.get("encoding", {}).get("x", {}).get("field") == "etiqueta"]
    assert months["encoding"]["x"]["scale"]["domain"] == ["may 2024", "jun 2024", "jul 2024"]
    assert "<code>read</code>" in section(html, "fallas") and "the PDF is encrypted" in section(html, "fallas")


def test_hostile_strings_are_escaped(corpus):
    html, parser = parse(write_report(corpus))
    for raw in (EVIL_NAME, "<b>Dos</b>", "<img src=x"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;.pdf" in html  # failures examples list the source
    assert "Ente &lt;b&gt;Dos&lt;/b&gt; — ejercicio 2023" in html
    assert "fila rechazada &lt;img src=x onerror=&quot;alert(2)&quot;&gt;" in html
    # only the page's own three scripts: data block, Vega bundle, drawing script
    assert len(parser.scripts) == 3 and html.lower().count("<script") == 3
    assert {t for t, _, _ in parser.attrs} <= {
        "html",
        "meta",
        "div",
        "section",
        "a",
        "code",
        "script",
        "p",
        "table",
        "td",
        "th",
        "tr",
    }
    # the hostile ente reaches the chart data intact (Vega draws it as text)
    values = [v for s in charts_of(parser).values() for v in s.get("data", {}).get("values", [])]
    assert any(v.get("indicador") == "9.9" for v in values)


def test_the_page_is_offline_and_its_policy_allows_only_its_scripts(corpus):
    html, parser = parse(write_report(corpus))
    for tag, name, value in parser.attrs:
        if name in ("src", "href", "action", "data", "poster"):
            assert not re.match(r"\s*(https?:)?//", value), (tag, name, value)
    assert "<link" not in html.lower() and "@import" not in html and not re.search(r"url\(\s*['\"]?https?:", html)
    (policy,) = [v for t, k, v in parser.attrs if t == "meta" and k == "content" and "default-src" in v]
    assert "default-src 'none'" in policy and "unsafe-eval" not in policy and "script-src 'sha256-" in policy
    executable = [s for s in parser.scripts if s["attrs"].get("type") != "application/json"]
    assert len(executable) == 2
    for script in executable:
        digest = base64.b64encode(hashlib.sha256(script["text"].encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert re.findall(r"'sha256-[^']+'", policy).__len__() == 2


def test_an_empty_root_still_gets_a_whole_page(tmp_path):
    out = tmp_path / "out"
    ParquetStore(out).prepare()
    html, parser = parse(write_report(out))
    assert charts_of(parser) == {}
    for key in ("documentos", "filas", "fallas", "mir", "puntajes", "compromisos"):
        assert '<p class="vacio">' in section(html, key)
    assert "Aún no hay documentos" in html


def test_a_dataset_without_rows_gets_a_sentence(tmp_path):
    store = ParquetStore(tmp_path / "out")
    store.prepare()
    doc_id, docs = _doc("/in/convenio.pdf", "convenio_asm", "ok", "text_layer")
    undated = [{"tipo": "hallazgo", "numero": 1, "texto": "h1"}]
    store.replace_document(
        source_key("/in/convenio.pdf"), {"commitments": _rows("commitments", doc_id, undated), "documents": docs}
    )
    html, parser = parse(write_report(store.root, tmp_path / "elsewhere.html"))
    assert "No hay filas en scores" in section(html, "puntajes")
    assert "No hay filas en indicators" in section(html, "mir")
    assert "Ninguno de los 1 compromisos tiene fecha_compromiso." in section(html, "compromisos")
    assert len(charts_of(parser)) == 4  # documents x3, rows per dataset
    assert not (store.root / "report.html").exists()


def test_a_missing_root_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_report(tmp_path / "nowhere")


def test_spanish_formats():
    assert es.integer(1234567) == "1,234,567"
    assert es.number(9.5830) == "9.58" and es.number(1200.0) == "1,200"
    assert es.percent(1 / 17) == "5.9 %"
    assert es.day(dt.date(2019, 7, 31)) == "31 jul 2019"
    assert es.month(dt.date(2024, 5, 1)) == "mayo 2024"

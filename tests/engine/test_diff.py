"""``papeleo diff``: rows paired by document and natural key, each difference with its cause.

Output roots are built by hand (every expected value is the one written here) and, for the
end-to-end cases, by ingesting a copy of samples/mir_avance_ocr.txt."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest

import schemas
from helpers import SAMPLES
from papeleo.cli import main
from papeleo.diff import diff_outputs, format_diff
from papeleo.diff.model import (
    DOCUMENT_ADDED,
    EXTRACTOR_CHANGED,
    NONDETERMINISM,
    REVIEWED,
    SOURCE_CHANGED,
)
from papeleo.store import ParquetStore, source_key

T1 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
SHA_A, SHA_B = "a" * 64, "b" * 64


def indicator(rid, clave, t2, page=1, top=100.0, **more):
    return {"record_id": rid, "clave": clave, "alcanzado_t2": t2, "page": page, "top": top, **more}


def write_root(root, docs, when=T1, keyed_by_source=True):
    """``docs``: (source, sha, extractor suffix, {dataset: rows}); every record row gets the
    document's doc_id and ``<family>.<suffix>`` as extractor unless it names its own."""
    store = ParquetStore(root)
    store.prepare()
    families = {"indicators": "mir_avance", "commitments": "convenio_asm", "mentions": "mentions"}
    for source, sha, version, datasets in docs:
        tables = {}
        for name, rows in datasets.items():
            full = [{"doc_id": sha, "extractor": f"{families.get(name, name)}.{version}", **r} for r in rows]
            tables[name] = schemas.get(name).to_table(full)
        extractors = ",".join(sorted(f"{families.get(n, n)}.{version}" for n in datasets))
        doc = {
            "doc_id": sha,
            "source": source,
            "file_name": source.rsplit("/", 1)[-1],
            "status": "ok",
            "extractor": extractors,
            "extracted_at": when,
        }
        tables["documents"] = schemas.get("documents").to_table([doc])
        store.replace_document(source_key(source) if keyed_by_source else sha, tables)
    return str(root)


MIR = [
    indicator("r1", "1.4.1", 585.0),
    indicator("r2", "1.4.1.1", 4885.0, top=200.0),
    indicator("r3", "1.4.1.1.1", 25.0, top=300.0),
]
ASM = [{"record_id": "c1", "tipo": "hallazgo", "numero": 1, "texto": "Sin diagnóstico"}]
MENTIONS = [{"record_id": "m1", "tipo": "persona", "valor": "Rosaura Méndez Ibarra", "ocurrencias": 2}]


def base(root, when=T1, version="v2", sha=SHA_A, mir=None, keyed_by_source=True):
    docs = [
        ("inbox/mir.pdf", sha, version, {"indicators": mir if mir is not None else MIR, "mentions": MENTIONS}),
        ("inbox/asm.pdf", SHA_B, version, {"commitments": ASM}),
    ]
    return write_root(root, docs, when, keyed_by_source)


def renumbered(rows, prefix):
    return [{**r, "record_id": prefix + r["record_id"]} for r in rows]


def test_an_extractor_version_bump_with_the_same_values_is_no_difference(tmp_path, capsys):
    old = base(tmp_path / "old")
    new = write_root(
        tmp_path / "new",
        [
            ("inbox/mir.pdf", SHA_A, "v3", {"indicators": renumbered(MIR, "x"), "mentions": renumbered(MENTIONS, "x")}),
            ("inbox/asm.pdf", SHA_B, "v3", {"commitments": renumbered(ASM, "x")}),
        ],
        when=T2,
    )
    result = diff_outputs(old, new)
    assert result.empty, format_diff(result)
    # what the bump left alone is said, not counted as a difference: 3 indicators under mir_avance.v3
    assert result["indicators"].same_under_new_version == {("mir_avance.v2", "mir_avance.v3"): 3}
    assert result["commitments"].same_under_new_version == {("convenio_asm.v2", "convenio_asm.v3"): 1}
    assert main(["diff", old, new]) == 0
    out = capsys.readouterr().out
    assert "no differences" in out
    assert "indicators: 3 row(s) re-extracted by mir_avance.v3 (was mir_avance.v2), every value the same" in out


def test_one_number_changed_in_the_source_file_is_that_field_only(tmp_path):
    old = base(tmp_path / "old")
    edited = [MIR[0], {**MIR[1], "alcanzado_t2": 4855.0}]  # and 1.4.1.1.1 is gone
    new = base(tmp_path / "new", when=T2, sha="c" * 64, mir=renumbered(edited, "n"))
    result = diff_outputs(old, new)
    ind = result["indicators"]
    assert [(r.key_label, [(c.field, c.old, c.new) for c in r.fields], r.cause) for r in ind.changed] == [
        ("clave=1.4.1.1", [("alcanzado_t2", 4885.0, 4855.0)], SOURCE_CHANGED)
    ]
    assert [(r.source, dict(r.key)["clave"], r.cause) for r in ind.removed] == [
        ("inbox/mir.pdf", "1.4.1.1.1", SOURCE_CHANGED)
    ]
    assert ind.added == []
    # the documents row differs only in doc_id (the cause) and extracted_at (volatile)
    assert result["documents"].empty and result["mentions"].empty and result["commitments"].empty
    assert result.nondeterministic == 0
    text = format_diff(result)
    assert "alcanzado_t2: 4885 -> 4855" in text and "[source file changed]" in text
    assert text.index("indicators") < text.index("alcanzado_t2")  # the summary comes first
    assert "WARNING" not in text


def test_the_same_bytes_and_extractor_giving_another_value_is_flagged_loudly(tmp_path):
    old = base(tmp_path / "old")
    new = base(tmp_path / "new", when=T2, mir=[MIR[0], MIR[1], {**MIR[2], "alcanzado_t2": 26.0}])
    result = diff_outputs(old, new)
    (row,) = result["indicators"].changed
    assert row.cause == NONDETERMINISM and [(c.field, c.old, c.new) for c in row.fields] == [
        ("alcanzado_t2", 25.0, 26.0)
    ]
    text = format_diff(result)
    warning = [line for line in text.splitlines() if line.startswith("WARNING:")]
    assert len(warning) == 1 and "1 row(s) changed with neither the file nor the extractor changing" in warning[0]
    assert json.loads(format_diff(result, fmt="json"))["summary"]["nondeterministic"] == 1
    assert "WARNING" in format_diff(result, fmt="md") and 'class="warning"' in format_diff(result, fmt="html")


def test_a_changed_value_under_a_new_extractor_names_the_extractor(tmp_path):
    old = base(tmp_path / "old")
    new = base(tmp_path / "new", when=T2, version="v3", mir=renumbered([MIR[0], {**MIR[1], "page": 2}, MIR[2]], "z"))
    (row,) = diff_outputs(old, new)["indicators"].changed
    assert row.cause == EXTRACTOR_CHANGED and [(c.field, c.old, c.new) for c in row.fields] == [("page", 1, 2)]
    assert (row.old_extractor, row.new_extractor) == ("mir_avance.v2", "mir_avance.v3")


def test_repeated_keys_pair_by_page_and_top_not_by_write_order(tmp_path):
    twice = [indicator("r1", "2.1", 10.0, page=1, top=500.0), indicator("r2", "2.1", 20.0, page=2, top=50.0)]
    old = base(tmp_path / "old", mir=twice)
    # the new run writes them the other way round, with new ids
    swapped = [indicator("s2", "2.1", 20.0, page=2, top=50.0), indicator("s1", "2.1", 10.0, page=1, top=500.0)]
    assert diff_outputs(old, base(tmp_path / "same", mir=swapped))["indicators"].empty
    later = [indicator("s2", "2.1", 21.0, page=2, top=50.0), indicator("s1", "2.1", 10.0, page=1, top=500.0)]
    (row,) = diff_outputs(old, base(tmp_path / "new", mir=later))["indicators"].changed
    assert (row.occurrence, row.repeats, row.page) == (2, 2, 2)
    assert [(c.field, c.old, c.new) for c in row.fields] == [("alcanzado_t2", 20.0, 21.0)]
    assert row.key_label == "clave=2.1 #2"
    # a third occurrence in the new run is added; the two before it still pair
    three = [*twice, indicator("r3", "2.1", 30.0, page=3, top=10.0)]
    ind = diff_outputs(old, base(tmp_path / "three", mir=three))["indicators"]
    assert (
        ind.changed == []
        and ind.removed == []
        and [(r.occurrence, r.values["alcanzado_t2"]) for r in ind.added] == [(3, 30.0)]
    )


def test_rows_join_their_document_by_doc_id_in_a_root_keyed_by_doc_id(tmp_path):
    old = base(tmp_path / "old", keyed_by_source=False)
    new = base(tmp_path / "new", when=T2, mir=[MIR[0], MIR[1]])
    (row,) = diff_outputs(old, new)["indicators"].removed
    assert (row.source, dict(row.key)["clave"], row.cause) == ("inbox/mir.pdf", "1.4.1.1.1", NONDETERMINISM)


def test_a_document_in_one_run_only_is_its_rows_added(tmp_path):
    old = write_root(tmp_path / "old", [("inbox/mir.pdf", SHA_A, "v2", {"indicators": MIR})])
    new = base(tmp_path / "new", when=T2)
    result = diff_outputs(old, new)
    assert [(r.source, r.cause) for r in result["documents"].added] == [("inbox/asm.pdf", DOCUMENT_ADDED)]
    assert [(r.key_label, r.cause) for r in result["commitments"].added] == [("tipo=hallazgo numero=1", DOCUMENT_ADDED)]
    # mir.pdf's rows gained mentions: an extractor that had not run on it did
    assert [r.cause for r in result["mentions"].added] == [EXTRACTOR_CHANGED]
    # a row that appears with the same bytes and the same extractors: nothing explains it
    (row,) = diff_outputs(base(tmp_path / "fewer", mir=MIR[:2]), new)["indicators"].added
    assert (dict(row.key)["clave"], row.cause) == ("1.4.1.1.1", NONDETERMINISM)


def test_a_moved_inbox_pairs_documents_by_file_name(tmp_path):
    old = base(tmp_path / "old")
    moved = [
        ("/data/inbox/mir.pdf", SHA_A, "v2", {"indicators": MIR, "mentions": MENTIONS}),
        ("/data/inbox/asm.pdf", SHA_B, "v2", {"commitments": ASM}),
    ]
    result = diff_outputs(old, write_root(tmp_path / "new", moved, T2))
    assert result.empty
    assert result.moved == [("inbox/asm.pdf", "/data/inbox/asm.pdf"), ("inbox/mir.pdf", "/data/inbox/mir.pdf")]


REVIEWED_MIR = [
    MIR[0],
    {**MIR[1], "alcanzado_t2": 4855.0, "corrected": ["alcanzado_t2:revisado"], "comentario_extraccion": "revisado"},
    MIR[2],
]


def test_a_reviewed_value_shows_as_reviewed_in_every_format(tmp_path):
    old = base(tmp_path / "old")
    new = base(tmp_path / "new", when=T2, mir=REVIEWED_MIR)
    result = diff_outputs(old, new)
    (row,) = result["indicators"].changed
    assert row.cause == REVIEWED
    change = {c.field: c for c in row.fields}["alcanzado_t2"]
    assert change.reviewed and not change.was_reviewed
    assert "alcanzado_t2: 4885 -> 4855 (reviewed)" in format_diff(result)
    assert re.search(
        r"\| `alcanzado_t2` \(reviewed\) \| 4885 \| 4855 \| reviewer decision \|", format_diff(result, fmt="md")
    )
    fields = json.loads(format_diff(result, fmt="json"))["datasets"]["indicators"]["changed"][0]["fields"]
    assert {"field": "alcanzado_t2", "old": 4885, "new": 4855, "reviewed": True, "was_reviewed": False} in fields
    page = format_diff(result, fmt="html")
    assert re.search(
        r"<code>alcanzado_t2</code> <span class=\"reviewed\">\(reviewed\)</span></td>\s*<td class=\"v\">4885</td>", page
    )
    # the same review plus a value nobody decided is nondeterminism, not a review
    other = [REVIEWED_MIR[0], {**REVIEWED_MIR[1], "page": 3}, MIR[2]]
    (row,) = diff_outputs(old, base(tmp_path / "other", mir=other))["indicators"].changed
    assert row.cause == NONDETERMINISM


def test_filters_by_dataset_document_and_field(tmp_path):
    old = base(tmp_path / "old")
    mir = [MIR[0], {**MIR[1], "alcanzado_t2": 4855.0, "page": 2}, MIR[2]]
    asm = [{**ASM[0], "texto": "Con diagnóstico"}]
    new = write_root(
        tmp_path / "new",
        [
            ("inbox/mir.pdf", "c" * 64, "v2", {"indicators": mir, "mentions": MENTIONS}),
            ("inbox/asm.pdf", "d" * 64, "v2", {"commitments": asm}),
        ],
        T2,
    )
    everything = diff_outputs(old, new)
    assert (len(everything["indicators"].changed), len(everything["commitments"].changed)) == (1, 1)
    only = diff_outputs(old, new, datasets=["commitments"])
    assert [d.name for d in only] == ["commitments"] and len(only["commitments"].changed) == 1
    by_doc = diff_outputs(old, new, doc="mir")
    assert len(by_doc["indicators"].changed) == 1 and by_doc["commitments"].empty
    by_field = diff_outputs(old, new, field="page")
    (row,) = by_field["indicators"].changed
    assert [c.field for c in row.fields] == ["page"] and by_field["commitments"].empty
    assert main(["diff", old, new, "--field", "texto", "--dataset", "indicators"]) == 2  # indicators has no texto
    assert main(["diff", old, new, "--field", "programado_t1"]) == 0  # nothing changed there
    assert main(["diff", old, new, "--doc", "asm", "--dataset", "indicators"]) == 0
    assert main(["diff", old, new, "--doc", "asm", "--dataset", "commitments", "--dataset", "indicators"]) == 1


def test_exit_status_follows_diff(tmp_path, capsys):
    old = base(tmp_path / "old")
    new = base(tmp_path / "new", when=T2, mir=[MIR[0]])
    assert main(["diff", old, old]) == 0
    assert main(["diff", old, new]) == 1
    capsys.readouterr()
    assert main(["diff", old, str(tmp_path / "missing")]) == 2
    assert "is not a folder" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["diff", old, str(tmp_path / "empty")]) == 2
    assert main(["diff", old, new, "--dataset", "indicadores"]) == 2
    err = capsys.readouterr().err
    assert "unknown dataset 'indicadores'" in err and all(n in err for n in schemas.DATASETS)
    with pytest.raises(SystemExit) as exc:
        main(["diff", old, new, "--format", "pdf"])
    assert exc.value.code == 2


def test_limit_lists_that_many_rows_and_says_how_many_more(tmp_path):
    old = base(tmp_path / "old")
    new = base(tmp_path / "new", when=T2, mir=[])
    text = format_diff(diff_outputs(old, new), limit=1)
    assert text.count("\n  - inbox/mir.pdf") == 1 and "... 2 more (raise --limit)" in text


def test_markdown_has_a_summary_table_then_the_rows(tmp_path, capsys):
    old = base(tmp_path / "old")
    new = base(tmp_path / "new", when=T2, sha="c" * 64, mir=[MIR[0], {**MIR[1], "alcanzado_t2": 4855.0}])
    assert main(["diff", old, new, "--format", "md"]) == 1
    out = capsys.readouterr().out
    assert "| indicators | 0 | 1 | 1 | 2 |" in out  # added, removed, changed, source file changed
    assert "| dataset | added | removed | changed | source file changed |" in out
    assert "| changed | inbox/mir.pdf | clave=1.4.1.1 | 1 | `alcanzado_t2` | 4885 | 4855 | source file changed |" in out
    assert "| removed | inbox/mir.pdf | clave=1.4.1.1.1 | 1 | | | | source file changed |" in out
    assert out.index("### Summary") < out.index("### indicators")


def test_json_is_complete_and_stable(tmp_path, capsys):
    old = base(tmp_path / "old")
    new = base(tmp_path / "new", when=T2, sha="c" * 64, mir=[MIR[0], {**MIR[1], "alcanzado_t2": 4855.0}])
    assert main(["diff", old, new, "--format", "json", "--limit", "1"]) == 1
    first = capsys.readouterr().out
    main(["diff", old, new, "--format", "json"])
    assert capsys.readouterr().out == first
    data = json.loads(first)
    assert (data["format"], data["version"], data["differences"]) == ("papeleo-diff", 1, True)
    assert data["summary"]["datasets"]["indicators"] == {
        "added": 0,
        "removed": 1,
        "changed": 1,
        "by_cause": {SOURCE_CHANGED: 2},
    }
    (changed,) = data["datasets"]["indicators"]["changed"]
    assert changed["key"] == {"clave": "1.4.1.1", "siglas": None, "unidad": None}
    assert (changed["old_doc_id"], changed["new_doc_id"]) == (SHA_A, "c" * 64)
    (removed,) = data["datasets"]["indicators"]["removed"]
    assert removed["values"]["alcanzado_t2"] == 25.0 and removed["source"] == "inbox/mir.pdf"


HOSTILE = '<script>alert(1)</script><a href="javascript:alert(2)">x</a>'


def test_html_is_one_self_contained_page_that_shows_document_text_as_text(tmp_path, capsys):
    old = base(tmp_path / "old")
    new = base(
        tmp_path / "new", when=T2, mir=[MIR[0], {**MIR[1], "comentario": HOSTILE}, indicator("r9", HOSTILE, 1.0)]
    )
    assert main(["diff", old, new, "--format", "html"]) == 1
    page = capsys.readouterr().out
    assert page.startswith("<!DOCTYPE html>")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert csp and "default-src 'none'" in csp[1] and "script-src" not in csp[1]
    assert "<script" not in page and 'javascript:alert(2)">' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "href=&quot;javascript:alert(2)&quot;" in page
    assert not re.search(r"https?:", page) and not re.search(r"<[^>]*\b(src|href)\s*=", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page


def test_document_text_cannot_drive_the_terminal_or_break_a_markdown_table(tmp_path):
    old = base(tmp_path / "old")
    new = base(tmp_path / "new", when=T2, mir=[*MIR, indicator("r9", "9.9|\x1b[2J", 1.0)])
    result = diff_outputs(old, new)
    text, md = format_diff(result), format_diff(result, fmt="md")
    assert "\x1b" not in text and "clave=9.9|\\x1b[2J" in text
    assert "\x1b" not in md and "clave=9.9\\|\\\\x1b\\[2J" in md


# end to end: two ingests of the same text and of an edited copy


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    base_dir = tmp_path_factory.mktemp("diff_ingest")
    inbox = base_dir / "inbox"
    inbox.mkdir()
    doc = inbox / "mir_avance_ocr.txt"
    original = (SAMPLES / "mir_avance_ocr.txt").read_text("utf-8")
    roots = {}
    # PRFA (2.3.1.1.1.1) attended 497 of 520 reports in T2 (95.58%): 494 (95.00%) in the edited copy
    edited = (
        original.replace("466 497\n", "466 494\n")
        .replace("atender 497 reportes", "atender 494 reportes")
        .replace("95.58%", "95.00%")
    )
    assert edited.count("494") == original.count("494") + 2
    for name, text in (("first", original), ("again", original), ("edited", edited)):
        doc.write_text(text, "utf-8")
        out = base_dir / name
        assert main(["ingest", str(doc), "--out", str(out), "--jobs", "1", "--no-progress"]) == 0
        roots[name] = str(out)
    return roots


def test_ingesting_the_same_file_twice_gives_no_difference(ingested):
    result = diff_outputs(ingested["first"], ingested["again"])
    assert result.empty, format_diff(result)


def test_an_extractor_bump_over_an_ingested_root_is_no_difference(ingested, tmp_path):
    import pyarrow.parquet as pq

    bumped = tmp_path / "bumped"
    shutil.copytree(ingested["first"], bumped)
    renamed = 0
    for name in schemas.DATASETS:
        for path in ParquetStore(bumped).files(name):
            rows = pq.read_table(path).to_pylist()
            for row in rows:
                if row.get("extractor"):
                    row["extractor"] = row["extractor"].replace(".v", ".v9")
                    renamed += 1
                if "record_id" in row:
                    row["record_id"] = row["record_id"][::-1]
            pq.write_table(schemas.get(name).to_table(rows), path)
    assert renamed > 20  # documents, indicators, mentions
    result = diff_outputs(ingested["first"], str(bumped))
    assert result.empty, format_diff(result)
    # and with one value moved besides, that value is the extractor's doing
    path = ParquetStore(bumped).files("indicators")[0]
    rows = pq.read_table(path).to_pylist()
    rows[0]["meta_anual"] += 1
    pq.write_table(schemas.get("indicators").to_table(rows), path)
    (row,) = diff_outputs(ingested["first"], str(bumped))["indicators"].changed
    assert [c.field for c in row.fields] == ["meta_anual"] and row.cause == EXTRACTOR_CHANGED


def test_an_edited_number_in_an_ingested_file_is_a_change_the_file_caused(ingested, capsys):
    result = diff_outputs(ingested["first"], ingested["edited"])
    ind = result["indicators"]
    assert ind.added == [] and ind.removed == []
    (row,) = ind.changed  # the other seven rows read the same
    assert (dict(row.key)["clave"], row.cause) == ("2.3.1.1.1.1", SOURCE_CHANGED)
    fields = {c.field: (c.old, c.new) for c in row.fields}
    assert set(fields) == {"alcanzado_t2", "avance_pct", "comentario"}
    assert fields["alcanzado_t2"] == (497.0, 494.0) and fields["avance_pct"] == (95.58, 95.0)
    assert "atender 494 reportes" in fields["comentario"][1]
    mentions = result["mentions"]
    assert mentions.changed == [] and len(mentions.added) == len(mentions.removed) == 1
    assert "494" in dict(mentions.added[0].key)["valor"] and "497" in dict(mentions.removed[0].key)["valor"]
    assert {r.cause for d in result for kind in ("added", "removed", "changed") for r in d.rows(kind)} == {
        SOURCE_CHANGED
    }
    capsys.readouterr()
    assert (
        main(["diff", ingested["first"], ingested["edited"], "--dataset", "indicators", "--field", "alcanzado_t2"]) == 1
    )
    out = capsys.readouterr().out
    assert "alcanzado_t2: 497 -> 494" in out and "avance_pct" not in out and "mentions" not in out

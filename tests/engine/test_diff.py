import datetime as dt

import schemas
from papeleo.cli import main
from papeleo.diff import diff_outputs
from papeleo.store import ParquetStore

T1 = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
T2 = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)


def _write(root, indicators, when):
    store = ParquetStore(root)
    store.prepare()
    rows = [
        {"doc_id": "d" * 64, "record_id": rid, "clave": clave, "alcanzado_t2": value}
        for rid, clave, value in indicators
    ]
    doc = [{"doc_id": "d" * 64, "source": "mir.pdf", "file_name": "mir.pdf", "status": "ok", "extracted_at": when}]
    store.replace_document(
        "d" * 64,
        {"indicators": schemas.get("indicators").to_table(rows), "documents": schemas.get("documents").to_table(doc)},
    )


def test_diff_names_added_removed_and_changed_values(tmp_path, capsys):
    old, new = tmp_path / "old", tmp_path / "new"
    _write(old, [("r1", "1.4.1.1.2.1", 585.0), ("r2", "1.4.1.1.2.2", 20.0), ("r3", "1.4.1.1.2.3", 25.0)], T1)
    _write(new, [("r1", "1.4.1.1.2.1", 586.0), ("r2", "1.4.1.1.2.2", 20.0), ("r4", "1.4.1.1.2.5", 42.0)], T2)
    by_name = {d.name: d for d in diff_outputs(str(old), str(new))}
    ind = by_name["indicators"]
    assert ind.added == ["1.4.1.1.2.5"] and ind.removed == ["1.4.1.1.2.3"]
    assert ind.changed == [("1.4.1.1.2.1", [("alcanzado_t2", 585.0, 586.0)])]
    assert by_name["documents"].empty  # only extracted_at differs: not a change
    assert main(["diff", str(old), str(new)]) == 1
    assert "alcanzado_t2: 585.0 -> 586.0" in capsys.readouterr().out
    assert main(["diff", str(old), str(old)]) == 0

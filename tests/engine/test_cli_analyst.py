"""``papeleo compact``, ``papeleo catalog``, ``papeleo report`` and what a run publishes: the
catalog after every run, the report page with ``--report`` (always in the nightly flow), both
named in the run record."""

import json
import shutil
from pathlib import Path

import duckdb

from papeleo.cli import main
from papeleo.publish import CATALOG_STAMP, NOT_WRITTEN, publish
from papeleo.store import ParquetStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "mir_avance_ocr.txt"


def _record(out: Path) -> dict:
    # the latest written: two runs in one second have ids that sort by their random part
    path = max((out / "_runs").glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
    return json.loads(path.read_text("utf-8"))


def test_a_run_publishes_the_catalog_and_with_report_the_page(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(SAMPLE), "--out", str(out), "--no-progress"]) == 0
    published = _record(out)["published"]
    assert published == {"catalog": str(out.resolve() / "papeleo.duckdb")}
    con = duckdb.connect(published["catalog"], read_only=True)
    assert con.sql("select count(*) from indicators").fetchall()[0][0] == ParquetStore(out).read("indicators").num_rows
    con.close()
    stamp = (out / CATALOG_STAMP).stat().st_mtime_ns
    catalog = (out / "papeleo.duckdb").stat().st_mtime_ns
    assert main(["ingest", str(SAMPLE), "--out", str(out), "--no-progress", "--force", "--report"]) == 0
    published = _record(out)["published"]
    assert Path(published["report"]).is_file() and published["report"].endswith("report.html")
    capsys.readouterr()
    assert main(["runs", str(out)]) == 0
    assert f"report of the latest run that wrote one: {published['report']}" in capsys.readouterr().out
    # same schemas, same place: the catalog's views already see the new files; not rebuilt
    assert (out / "papeleo.duckdb").stat().st_mtime_ns == catalog and (out / CATALOG_STAMP).stat().st_mtime_ns == stamp


def test_a_moved_root_gets_its_catalog_rebuilt(tmp_path):
    out = tmp_path / "out"
    assert main(["ingest", str(SAMPLE), "--out", str(out), "--no-progress"]) == 0
    moved = tmp_path / "moved"
    shutil.copytree(out, moved, symlinks=True)
    assert publish(moved, report=False)["catalog"] == str(moved.resolve() / "papeleo.duckdb")
    con = duckdb.connect(str(moved / "papeleo.duckdb"), read_only=True)
    sql = con.sql("select sql from duckdb_views() where view_name = 'indicators'").fetchall()[0][0]
    con.close()
    assert str(moved.resolve()) in sql and str(out.resolve()) + "/" not in sql


def test_a_report_that_cannot_be_written_does_not_fail_the_run(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert main(["ingest", str(SAMPLE), "--out", str(out), "--no-progress"]) == 0

    def broken(*args, **kwargs):
        raise RuntimeError("no charts today")

    monkeypatch.setattr("papeleo.analysis.write_report", broken)
    assert main(["ingest", str(SAMPLE), "--out", str(out), "--no-progress", "--force", "--report"]) == 0
    published = _record(out)["published"]
    assert published["report"] == f"{NOT_WRITTEN}RuntimeError: no charts today"


def test_compact_by_hand(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(3):
        (inbox / f"mir_{i}.txt").write_text(SAMPLE.read_text("utf-8") + f"\nNota {i}.\n", "utf-8")
    out = tmp_path / "out"
    assert main(["ingest", str(inbox), "--out", str(out), "--no-progress", "--no-compact"]) == 0
    assert len(ParquetStore(out).files("indicators")) == 3  # the run left them
    capsys.readouterr()
    assert main(["compact", str(out)]) == 0
    said = capsys.readouterr().out
    assert "generation 2" in said and "indicators" in said
    assert len(ParquetStore(out).files("indicators")) == 1
    assert (
        ParquetStore(out).read("indicators").num_rows == 3 * 8
    )  # 8 indicator rows each, as the sample's hand-read golden lists
    assert main(["compact", str(out)]) == 0
    assert "nothing to compact" in capsys.readouterr().out


def test_the_commands_refuse_a_folder_that_is_not_an_output_root(tmp_path, capsys):
    for command in ("compact", "catalog", "report"):
        assert main([command, str(tmp_path)]) == 2
        assert "not an output root" in capsys.readouterr().err


def test_report_and_catalog_commands(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["ingest", str(SAMPLE), "--out", str(out), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["report", str(out), "--output", str(tmp_path / "r.html")]) == 0
    assert (tmp_path / "r.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert main(["catalog", str(out)]) == 0
    assert "read_only=True" in capsys.readouterr().out


def test_a_catalog_that_cannot_be_built_does_not_fail_the_run(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("papeleo.catalog.build_catalog", broken)
    out = tmp_path / "out"
    assert main(["ingest", str(SAMPLE), "--out", str(out), "--no-progress"]) == 0
    assert _record(out)["published"]["catalog"] == f"{NOT_WRITTEN}OSError: disk full"
    assert (
        ParquetStore(out).read("indicators").num_rows == 8
    )  # the golden's 8 rows (tests/families/mir_avance/goldens), written all the same
    assert not (out / "papeleo.duckdb").exists()

"""Families by static spec, extractors by versioned name."""

import dataclasses
import json

import pytest

from papeleo import registry
from papeleo.registry import Extraction, Registry, SpecError, UnknownExtractorError


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(UnknownExtractorError) as err:
        registry.get("mir_avance.v99")
    message = str(err.value)
    assert "mir_avance.v99" in message
    assert "mentions.v1" in message and "metadata.v1" in message


def test_generic_extractors_apply_to_every_doc_type():
    generic = [registry.specs()[f].runs for f in ("mentions", "metadata")]  # the versions their specs run
    for doc_type in ("unknown", "mir_avance", "convenio_asm"):
        chosen, unavailable = registry.for_doc_type(doc_type)
        names = [e.name for e in chosen]
        assert not unavailable
        # generic extractors first, so a family's own document fields win
        assert names[:2] == generic


def test_doc_types_come_from_the_specs():
    assert registry.doc_types() == ["convenio_asm", "dictamen_puntajes", "informe_supervision", "mir_avance", "unknown"]


def test_names_must_be_versioned():
    with pytest.raises(ValueError, match="family.v1"):
        registry.register("no_version")


def _write_family(root, name, spec, code=None):
    pkg = root / name
    pkg.mkdir(parents=True)
    (pkg / "spec.json").write_text(json.dumps(spec), "utf-8")
    if code is not None:
        (pkg / "__init__.py").write_text(code, "utf-8")


GOOD = "from papeleo.registry import Extraction, register\n@register('{name}')\ndef extract(doc, ctx):\n    return Extraction()\n"


def test_a_broken_family_is_unavailable_only_for_its_own_doc_type(tmp_path, monkeypatch):
    plugins = tmp_path / "probe_plugins"
    plugins.mkdir()
    (plugins / "__init__.py").write_text("")
    _write_family(
        plugins,
        "good",
        {
            "family": "good",
            "runs": "good.v1",
            "doc_types": ["good_doc"],
            "dataset": "mentions",
            "classify": {"evidence": [{"id": "x", "weight": 1, "phrase": "bueno"}]},
        },
        GOOD.format(name="good.v1"),
    )
    _write_family(
        plugins,
        "broken",
        {
            "family": "broken",
            "runs": "broken.v1",
            "doc_types": ["broken_doc"],
            "dataset": "mentions",
            "classify": {"evidence": [{"id": "y", "weight": 1, "phrase": "roto"}]},
        },
        "from nowhere import nothing\n",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    reg = Registry("probe_plugins")
    # the specs are known without importing any family's code, the broken one's too
    assert reg.doc_types() == ["broken_doc", "good_doc", "unknown"]
    assert set(reg.evidence()) == {"broken_doc", "good_doc"}
    assert reg.load_errors() == {}
    chosen, unavailable = reg.for_doc_type("good_doc")
    assert [e.name for e in chosen] == ["good.v1"] and unavailable == {}
    chosen, unavailable = reg.for_doc_type("broken_doc")
    assert chosen == [] and "ModuleNotFoundError" in unavailable["broken"]
    # asked for by name, the broken family says why it is missing, not that the name is unknown
    with pytest.raises(UnknownExtractorError) as err:
        reg.extractor("broken.v1")
    assert "could not be loaded" in str(err.value) and "nowhere" in str(err.value)
    assert "good.v1" in str(err.value)


def test_the_spec_names_the_version_that_runs_and_older_ones_stay_registered(tmp_path, monkeypatch):
    plugins = tmp_path / "probe_versions"
    plugins.mkdir()
    (plugins / "__init__.py").write_text("")
    code = GOOD.format(name="famv.v1") + GOOD.format(name="famv.v2").replace("def extract", "def extract_v2")
    _write_family(
        plugins, "famv", {"family": "famv", "runs": "famv.v2", "doc_types": ["famv_doc"], "dataset": "mentions"}, code
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    reg = Registry("probe_versions")
    chosen, _ = reg.for_doc_type("famv_doc")
    assert [e.name for e in chosen] == ["famv.v2"]
    assert reg.extractor("famv.v1").name == "famv.v1"


def test_a_spec_that_runs_another_familys_version_is_refused(tmp_path, monkeypatch):
    plugins = tmp_path / "probe_bad_spec"
    plugins.mkdir()
    (plugins / "__init__.py").write_text("")
    _write_family(plugins, "fam", {"family": "fam", "runs": "other.v1", "doc_types": ["x"], "dataset": "mentions"})
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(SpecError, match="not a version of family"):
        Registry("probe_bad_spec").specs()


def test_a_spec_without_its_registered_function_is_unavailable(tmp_path, monkeypatch):
    plugins = tmp_path / "probe_missing_fn"
    plugins.mkdir()
    (plugins / "__init__.py").write_text("")
    _write_family(
        plugins,
        "famm",
        {"family": "famm", "runs": "famm.v3", "doc_types": ["famm_doc"], "dataset": "mentions"},
        GOOD.format(name="famm.v2"),
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    chosen, unavailable = Registry("probe_missing_fn").for_doc_type("famm_doc")
    assert chosen == [] and "does not register 'famm.v3'" in unavailable["famm"]


def test_a_family_without_an_extractor_yet_is_classified_but_not_extracted(probe_family):
    # every family has an extractor now: declare one as classified only ("runs": null)
    probe_family("zz_unused.v1", lambda doc, ctx: Extraction(), doc_types=("zz_unused",))
    specs = registry._default.specs()
    specs["convenio_asm"] = dataclasses.replace(specs["convenio_asm"], runs=None)
    spec = registry.specs()["convenio_asm"]
    assert spec.runs is None and spec.evidence
    chosen, unavailable = registry.for_doc_type("convenio_asm")
    assert all(e.family != "convenio_asm" for e in chosen) and not unavailable


def test_probe_family_fixture_extracts(probe_family):
    def probe(doc, ctx):
        return Extraction()

    probe_family("zz_probe.v1", probe)
    chosen, _ = registry.for_doc_type("anything")
    assert "zz_probe.v1" in [e.name for e in chosen]

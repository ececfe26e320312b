import pytest

from papeleo import registry
from papeleo.registry import Extraction, UnknownExtractorError


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(UnknownExtractorError) as err:
        registry.get("mir_avance.v99")
    message = str(err.value)
    assert "mir_avance.v99" in message
    assert "mentions.v1" in message and "metadata.v1" in message


def test_generic_extractors_apply_to_every_doc_type():
    for doc_type in ("unknown", "mir_avance", "convenio_asm"):
        names = [s.name for s in registry.for_doc_type(doc_type)]
        assert "mentions.v1" in names and "metadata.v1" in names


def test_newest_version_of_a_family_wins(monkeypatch):
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))

    def v1(doc):
        return Extraction()

    def v2(doc):
        return Extraction()

    registry.register("probe_family.v1", doc_types=["probe"], dataset="mentions")(v1)
    registry.register("probe_family.v2", doc_types=["probe"], dataset="mentions")(v2)
    chosen = [s for s in registry.for_doc_type("probe") if s.family == "probe_family"]
    assert [s.name for s in chosen] == ["probe_family.v2"]
    assert registry.get("probe_family.v1").func is v1


def test_names_must_be_versioned():
    with pytest.raises(ValueError, match="family.v1"):
        registry.register("no_version", doc_types=["x"], dataset="mentions")


def test_a_broken_extractor_module_does_not_stop_the_others(tmp_path, monkeypatch):
    pkg = tmp_path / "probe_extractors"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "good.py").write_text(
        "from papeleo.registry import Extraction, register\n"
        "@register('probe_good.v1', doc_types=['x'], dataset='mentions')\n"
        "def extract(doc):\n    return Extraction()\n"
    )
    (pkg / "broken.py").write_text("from nowhere import nothing\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setattr(registry, "_load_errors", {})
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    registry.load_extractors("probe_extractors")
    assert "probe_good.v1" in registry._REGISTRY
    assert "probe_extractors.broken" in registry._load_errors

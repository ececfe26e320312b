import datetime as dt

import pyarrow as pa

import schemas
from helpers import ROOT
from schemas import dictionary
from schemas._base import DESCRIPTION

CONTRACT_TYPES = {  # from shared/CONTRACT.md, column by column
    "documents": {
        "doc_id": pa.string(),
        "doc_type_score": pa.float64(),
        "pages": pa.int64(),
        "fecha_documento": pa.date32(),
        "extracted_at": pa.timestamp("us", tz="UTC"),
        "ocr_confidence": pa.float64(),
    },
    "indicators": {
        "ejercicio": pa.int64(),
        "trimestre": pa.int64(),
        "meta_anual": pa.float64(),
        "programado_t4": pa.float64(),
        "alcanzado_t1": pa.float64(),
        "avance_pct": pa.float64(),
        "checks": pa.list_(pa.string()),
        "corrected": pa.list_(pa.string()),
        "page": pa.int64(),
        "confidence": pa.float64(),
        "x0": pa.float64(),
    },
    "commitments": {"numero": pa.int64(), "fecha_compromiso": pa.date32(), "fecha_precision": pa.string()},
    "scores": {"metas_individuales": pa.float64(), "calificacion_final": pa.float64(), "periodo_inicio": pa.date32()},
    "findings": {"numero": pa.int64(), "fecha": pa.date32(), "destinatario": pa.string()},
    "mentions": {"tipo": pa.string(), "valor": pa.string(), "texto_original": pa.string()},
    "failures": {
        "doc_id": pa.string(),
        "stage": pa.string(),
        "record": pa.string(),
        "failed_at": pa.timestamp("us", tz="UTC"),
    },
}


def test_every_contract_dataset_and_type():
    assert set(CONTRACT_TYPES) == set(schemas.DATASETS)
    for name, cols in CONTRACT_TYPES.items():
        schema = schemas.get(name).schema
        for col, type_ in cols.items():
            assert schema.field(col).type == type_, (name, col)


def test_every_column_is_described():
    for ds in schemas.DATASETS.values():
        for f in ds.schema:
            assert f.metadata and f.metadata[DESCRIPTION].strip(), (ds.name, f.name)
            assert not pa.types.is_large_string(f.type)


def test_validation_names_each_problem():
    ds = schemas.get("indicators")
    row = {
        "doc_id": "d",
        "record_id": "r",
        "trimestre": 7,
        "meta_anual": "3,600",
        "nivel": "Actividad",
        "confidence": 1.5,
    }
    errors = " | ".join(ds.validate(row))
    assert "trimestre" in errors and "meta_anual: must be a number" in errors
    assert "nivel" in errors and "confidence" in errors
    assert (
        ds.validate({"doc_id": "d", "record_id": "r", "nivel": "actividad", "meta_anual": 3600.0, "checks": ["a=ok"]})
        == []
    )


def test_tables_are_built_from_the_declared_schema():
    table = schemas.get("commitments").to_table(
        [{"doc_id": "d", "record_id": "r", "fecha_compromiso": dt.date(2019, 7, 31)}]
    )
    assert table.schema == schemas.get("commitments").schema


def test_data_dictionary_is_current():
    assert (ROOT / "docs" / "datasets.md").read_text("utf-8") == dictionary.render(), (
        "run `make docs` and commit docs/datasets.md"
    )

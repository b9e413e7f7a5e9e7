"""docs/data-model.md (the CSV contract) describes every table and column of the store."""

from opsdash.datamodel_doc import DOC, updated_document


def test_data_model_doc_is_current():
    text = DOC.read_text(encoding="utf-8")
    assert text == updated_document(text), "run: python -m opsdash.datamodel_doc"

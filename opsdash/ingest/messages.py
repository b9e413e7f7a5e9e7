"""A refused import said in the user's language: :class:`~opsdash.errors.UserError` carries
a ``code`` and ``values``; this turns them into the i18n catalog's ``error.<code>`` text
(field codes shown with their names, kinds by their labels). Errors without a code, or with
a code the catalog does not have, keep their English message."""

from __future__ import annotations

from opsdash.errors import UserError
from opsdash.i18n import CATALOG, translate
from opsdash.i18n import error_text as catalog_error_text
from opsdash.ingest.fields import field_label


def error_text(error: UserError, language: str) -> str:
    """``error`` as a sentence in ``language`` (zh or en)."""
    key = f"error.{error.code}" if error.code else ""
    if key not in CATALOG:
        return str(error)
    values = error.values
    if error.code == "missing_fields":
        separator = "、" if language == "zh" else ", "
        fields = separator.join(field_label(name, language) for name in values["fields"])
        text = translate(key, language, fields=fields)
        if values.get("date"):
            text += translate("error.missing_fields.date", language)
        text += "。" if language == "zh" else "."
        if values.get("guessed"):
            kind = translate(f"data.kind.{values['guessed']}", language)
            text += (" " if language == "en" else "") + translate(
                "error.missing_fields.kind", language, kind=kind
            )
        if values.get("no_header"):
            text += (" " if language == "en" else "") + translate(
                "error.missing_fields.no_header", language
            )
        return text
    return catalog_error_text(error, language)

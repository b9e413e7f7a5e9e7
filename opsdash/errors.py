"""Errors a user can cause. They carry a message meant for people, not a traceback."""

from __future__ import annotations

from collections.abc import Mapping


class UserError(Exception):
    """Bad input or a refused action; ``str(error)`` is the message to show (English).

    ``code`` and ``values``, when given, let the UI say the same in the user's language: the
    i18n catalog key ``error.<code>`` formatted with ``values``."""

    def __init__(
        self, message: str, *, code: str | None = None, values: Mapping[str, object] | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.values = dict(values or {})

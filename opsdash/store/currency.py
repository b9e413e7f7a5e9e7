"""The store's one currency, kept in ``store_meta`` under :data:`CURRENCY_KEY` (an ISO 4217
code). The first import with money in it sets it (see :mod:`opsdash.ingest.currency`); a later
file in another currency is refused unless the user says it is the same. Every page shows
money with :func:`currency_symbol` of it; an empty store (no currency yet) shows the
configured ``OPSDASH_CURRENCY_SYMBOL``."""

from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from opsdash.errors import UserError
from opsdash.store.meta import get_meta, set_meta

CURRENCY_KEY = "currency"
SYMBOLS = {
    "CNY": "¥",
    "GBP": "£",
    "USD": "$",
    "EUR": "€",
    "JPY": "JP¥",
    "HKD": "HK$",
}
CHOICES = tuple(SYMBOLS)  # what the Data page offers
_CODE = re.compile(r"^[A-Z]{3}$")


def store_currency(engine: Engine) -> str | None:
    """The store's currency code, or None while no money import has set it."""
    with engine.connect() as conn:
        return get_meta(conn, CURRENCY_KEY)


def read_currency(conn: sa.Connection) -> str | None:
    return get_meta(conn, CURRENCY_KEY)


def write_currency(conn: sa.Connection, code: str) -> None:
    set_meta(conn, CURRENCY_KEY, code)


def clear_currency(conn: sa.Connection) -> None:
    """Forget the store's currency (the store is emptied)."""
    from opsdash.store.meta import META

    conn.execute(sa.delete(META).where(META.c.key == CURRENCY_KEY))


def currency_symbol(code: str | None, default: str) -> str:
    """The symbol shown before amounts in ``code``; ``default`` when the store has none."""
    if not code:
        return default
    return SYMBOLS.get(code, code + " ")


def normalise_currency(value: str) -> str:
    """A currency the user typed (``gbp``, ``£``, ``元``) -> its ISO code; UserError if it is
    neither a three-letter code nor a known symbol."""
    from opsdash.ingest.parse import CURRENCY_SYMBOLS

    text = value.strip()
    if text.casefold() in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[text.casefold()]
    if text in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[text]
    if _CODE.match(text.upper()):
        return text.upper()
    raise UserError(
        f"{value!r} is not a currency: give an ISO code such as GBP, USD, EUR or CNY.",
        code="currency_invalid",
        values={"value": value},
    )

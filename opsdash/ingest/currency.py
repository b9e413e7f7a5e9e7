"""Which currency a file's money is in, before it is written (rules in docs/data-model.md,
"Currency").

In order: a mapped currency column (its codes); currency symbols or codes in the money cells
(``£12.50``, ``¥30``, ``12 USD``); a currency named in a money column's header (``金额(元)``,
``price_gbp``, ``dollar_value``); a known export whose currency its source documents (UCI
Online Retail: a UK shop, amounts in pounds). Those are *sure*. Chinese money headers without
a unit (``总金额``) suggest CNY but are *unsure*, as is finding nothing: the Data page then asks,
the CLI takes ``--currency``."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

MONEY_FIELDS = {
    "orders": ("amount", "unit_price", "refund_amount"),
    "campaign_stats": ("cost", "revenue"),
    "campaigns": ("budget",),
}
# (pattern on the header, casefolded; code). The first match wins.
HEADER_UNITS = (
    (re.compile(r"hk\$|\bhkd\b|港币|港元"), "HKD"),
    (re.compile(r"元|人民币|\brmb\b|\bcny\b|¥|￥"), "CNY"),
    (re.compile(r"£|\bgbp\b|pound|sterling|英镑"), "GBP"),
    (re.compile(r"€|\beur\b|euro|欧元"), "EUR"),
    (re.compile(r"\$|\busd\b|dollar|美元"), "USD"),
    (re.compile(r"\bjpy\b|日元"), "JPY"),
)
# Exports whose currency is documented by their source: (header names, casefolded; code).
KNOWN_EXPORTS = (
    # UCI Online Retail: "a UK-based and registered non-store online retail"; UnitPrice in £
    (frozenset({"invoiceno", "stockcode", "unitprice", "customerid"}), "GBP"),
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class CurrencyGuess:
    """What the file says about its currency: ``code`` (ISO; None: nothing found), ``source``
    (column, cells, header, known_export, chinese_header; None) and whether it is ``sure``."""

    code: str | None = None
    source: str | None = None
    sure: bool = False
    codes: tuple[str, ...] = ()  # a currency column with several codes: all of them


def has_money(kind: str, fields: set[str]) -> bool:
    """Whether a file of ``kind`` mapping ``fields`` carries amounts of money."""
    if kind == "orders":
        return True
    return bool(set(MONEY_FIELDS.get(kind, ())) & fields)


def detect_currency(
    *,
    columns: list[str],
    money_sources: list[str],
    cell_codes: list[str],
    column_codes: pd.Series | None,
) -> CurrencyGuess:
    """The currency of a file (see the module docstring for the order of the rules)."""
    if column_codes is not None:
        codes = tuple(sorted({str(c).strip().upper() for c in column_codes.dropna()} - {""}))
        if codes:
            return CurrencyGuess(codes[0], "column", True, codes)
    if cell_codes:
        return CurrencyGuess(cell_codes[0], "cells", True, tuple(cell_codes))
    for header in money_sources:
        folded = re.sub(r"[_\-./()（）\[\]]", " ", header.casefold())
        for pattern, code in HEADER_UNITS:
            if pattern.search(folded):
                return CurrencyGuess(code, "header", True, (code,))
    names = {c.strip().casefold() for c in columns}
    for signature, code in KNOWN_EXPORTS:
        if signature <= names:
            return CurrencyGuess(code, "known_export", True, (code,))
    if any(_CJK.search(header) for header in money_sources):
        return CurrencyGuess("CNY", "chinese_header", False, ("CNY",))
    return CurrencyGuess()

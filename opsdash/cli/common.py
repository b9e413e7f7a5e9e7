"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # SQLAlchemy, pydantic and the store load when a handler runs, not at --help
    from sqlalchemy.engine import Engine


def open_store(args: argparse.Namespace) -> Engine:
    """The engine for ``--db`` (or the configured store), migrated and ready."""
    from opsdash.db import init_store, make_engine
    from opsdash.settings import get_settings

    settings = get_settings()
    engine = make_engine(args.db or settings.store_url)
    init_store(engine, timezone=settings.timezone)
    return engine


def print_json(payload: Any) -> None:
    """Print ``payload`` as JSON (UTF-8, Chinese kept readable, dates as ISO strings)."""
    json.dump(payload, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def day_argument(text: str) -> dt.date:
    """argparse ``type`` for a day given as YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from error

"""One report per page: the calls a page's numbers come from, shared by the page and the CLI.

A page's report module (``opsdash.reports.users``, ...) defines

- a frozen ``<Page>Settings`` dataclass: the page's own choices (period, funnel steps, ...),
  every field defaulting to what the page shows on a first visit;
- ``plan(engine, *, filters, settings) -> dict[str, Part]``: every library call whose result
  the page shows, with its arguments;
- ``build_report(engine, *, filters, settings) -> dict``: the same parts run and made
  JSON-ready (``opsdash report PAGE --json``).

The page draws from ``ctx.part(parts[name])`` (cached, prefetched in parallel), the report
from :func:`run_parts`; so a number checked in the CLI is the number the page shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine

from opsdash.errors import UserError


@dataclass(frozen=True)
class Part:
    """``func(engine, **kwargs)``: one call a page shows the result of."""

    func: Callable[..., Any]
    kwargs: dict[str, Any] = field(default_factory=dict)

    def run(self, engine: Engine) -> Any:
        return self.func(engine, **self.kwargs)

    def __hash__(self) -> int:  # kwargs are hashable values (the cache keys on them)
        return hash((self.func, tuple(sorted(self.kwargs.items()))))


def run_parts(
    engine: Engine, parts: dict[str, Part], *, threads: int | None = None
) -> dict[str, Any]:
    """Every part's result, by name (the CLI's side of a page), computed on ``threads``
    threads like the page's prefetch (default: ``OPSDASH_PREFETCH_THREADS``; the database
    works outside the GIL). The same call listed twice is computed once; an error is raised
    as it would be one after another."""
    if threads is None:
        from opsdash.settings import get_settings

        threads = get_settings().prefetch_threads
    unique = list(dict.fromkeys(parts.values()))
    if threads < 2 or len(unique) < 2:
        done = {part: part.run(engine) for part in unique}
    else:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(threads, len(unique))) as pool:
            futures = {part: pool.submit(part.run, engine) for part in unique}
            done = {part: future.result() for part, future in futures.items()}
    return {name: done[part] for name, part in parts.items()}


def check_choice(name: str, value: Any, allowed: tuple) -> None:
    """Refuse a setting outside ``allowed`` (a CLI flag a user typed), in their language."""
    if value not in allowed:
        shown = ", ".join("none" if a is None else str(a) for a in allowed)
        raise UserError(
            f"{name} cannot be {value!r} (choose one of: {shown})",
            code="report_setting",
            values={"name": name, "value": value, "allowed": shown},
        )

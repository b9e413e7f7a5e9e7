"""Run the parsing of an upload in a worker process bounded in time and memory.

One hostile file (a workbook that expands to gigabytes, a sheet padded to 16,384 columns) must
never pin the server's CPU or memory for other users: :func:`run_bounded` forks a worker from a
forkserver (started once, with the readers preloaded, so a call costs ~50 ms, and safe beside
Streamlit's threads), limits its address space (``RLIMIT_AS``: what it has at start plus
``memory_mb``) and CPU time (``RLIMIT_CPU``), waits at most ``seconds`` of wall time, and
returns the function's result pickled back to the parent. Anything that goes wrong in the
worker comes back as a :class:`~opsdash.errors.UserError` naming the file: a limit hit
(``parse_timeout``, ``parse_memory``), or an unexpected failure (``parse_failed``), never a
traceback. Where there is no forkserver or no ``resource`` module (Windows), or inside a
daemon process, the function runs in the caller's process unbounded."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
import types
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from opsdash.errors import UserError

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
PRELOAD = ["opsdash.ingest.read", "openpyxl", "openpyxl.worksheet._reader"]
GRACE_SECONDS = 5.0  # after a result or a timeout: how long the worker may take to exit


@dataclass(frozen=True)
class ParseLimits:
    """How much one upload's parsing may take: wall ``seconds``, CPU ``cpu_seconds`` and
    ``memory_mb`` of address space above what the worker holds when it starts."""

    seconds: float = 180.0
    cpu_seconds: int = 150
    memory_mb: int = 4096
    isolated: bool = True  # False: run in the caller's process (no limits)

    @classmethod
    def from_settings(cls) -> ParseLimits:
        from opsdash.settings import get_settings

        settings = get_settings()
        return cls(
            seconds=float(settings.parse_timeout_seconds),
            cpu_seconds=int(settings.parse_timeout_seconds),
            memory_mb=int(settings.parse_memory_mb),
        )


_context = None
_starting = threading.Lock()
_EMPTY_MAIN = types.ModuleType("__main__")


def _forkserver():
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context
    return _context


def can_isolate() -> bool:
    """Whether :func:`run_bounded` runs the function in a bounded worker here."""
    return (
        resource is not None
        and "forkserver" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def run_bounded(
    function: Callable[..., Any],
    *args: Any,
    file_name: str,
    limits: ParseLimits,
    **kwargs: Any,
) -> Any:
    """``function(*args, **kwargs)`` computed in a bounded worker (``function`` must be a
    module-level function, its arguments and result picklable). A UserError raised by the
    function is raised again here with its code and values; the worker exceeding a limit or
    failing otherwise raises UserError naming ``file_name``."""
    if not limits.isolated or not can_isolate():
        return function(*args, **kwargs)
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(
        target=_work,
        args=(sender, function, args, kwargs, limits.cpu_seconds, limits.memory_mb),
        daemon=True,
        name=f"opsdash-parse-{file_name[:40]}",
    )
    started = time.monotonic()
    with _starting:
        # The worker needs nothing of the caller's __main__ (the function lives in a module):
        # without this, multiprocessing re-runs the caller's script in the worker, which an
        # unguarded script (``python job.py`` without ``if __name__ == "__main__"``) refuses.
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = _EMPTY_MAIN
        try:
            worker.start()
        finally:
            if main is not None:
                sys.modules["__main__"] = main
    sender.close()
    try:
        message = None
        if receiver.poll(limits.seconds):
            try:
                message = receiver.recv()
            except (EOFError, OSError):
                message = None
        elif worker.is_alive():
            _stop(worker)
            raise _timeout(file_name, limits.seconds)
    finally:
        receiver.close()
        worker.join(GRACE_SECONDS)
        if worker.is_alive():
            _stop(worker)
    if message is None:
        elapsed = time.monotonic() - started
        if worker.exitcode == -signal.SIGXCPU or elapsed >= limits.seconds:
            raise _timeout(file_name, limits.seconds)
        log.warning("parse worker for %s ended with exit code %s", file_name, worker.exitcode)
        raise _memory(file_name, limits.memory_mb)
    status = message[0]
    if status == "ok":
        return message[1]
    if status == "user":
        _, text, code, values = message
        raise UserError(text, code=code, values=values)
    if status == "memory":
        raise _memory(file_name, limits.memory_mb)
    log.warning("parse worker for %s failed: %s", file_name, message[1])
    raise UserError(
        f"{file_name} could not be read ({message[1]}). It may be damaged; export it again "
        "as CSV or .xlsx.",
        code="parse_failed",
        values={"file": file_name, "what": message[1]},
    )


def _stop(worker) -> None:
    worker.kill()
    worker.join(GRACE_SECONDS)


def _timeout(file_name: str, seconds: float) -> UserError:
    return UserError(
        f"Reading {file_name} took longer than {seconds:.0f} s and was stopped. A workbook may "
        "declare far more rows or columns than it holds: save it as CSV, or split it.",
        code="parse_timeout",
        values={"file": file_name, "seconds": f"{seconds:.0f}"},
    )


def _memory(file_name: str, memory_mb: int) -> UserError:
    return UserError(
        f"Reading {file_name} needed more than {memory_mb} MB of memory and was stopped. "
        "Split the file into smaller ones (for example one per month), or save it as CSV.",
        code="parse_memory",
        values={"file": file_name, "limit": memory_mb},
    )


def _virtual_bytes() -> int:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _work(sender, function, args, kwargs, cpu_seconds: int, memory_mb: int) -> None:
    """The worker: set the limits, run, send ("ok", result) or what went wrong."""
    if cpu_seconds > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    if memory_mb > 0:
        # what the worker already maps (pyarrow's thread pools reserve ~1.5 GB of address
        # space without touching it) plus the budget
        limit = _virtual_bytes() + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        try:
            result = function(*args, **kwargs)
            sender.send(("ok", result))
        except UserError as error:
            sender.send(("user", str(error), error.code, error.values))
        except MemoryError:
            sender.send(("memory",))
        except Exception as error:  # reported to the parent: never a traceback
            sender.send(("crash", type(error).__name__))
    except MemoryError:
        os._exit(3)  # could not even send: the parent reports the memory limit
    finally:
        sender.close()

"""Work that runs beside the caller on a thread of its own (no Qt here: the services' own)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def start(work: Callable[[], T], name: str) -> Future[T]:
    """work() started on a new thread; the future's result() waits for it and raises what it
    raised. The thread ends with the work (an exit of the process waits for it)."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    future = executor.submit(work)
    executor.shutdown(wait=False)
    return future

"""A bounded retry of a tickets' database operation that failed for a passing reason (locked, unreachable).

Three tries over about two seconds, each try itself bounded by CAF_TICKETS_DB_TIMEOUT (store.py). The log
says which error class made it try again, never the error's message: the database's message quotes the
row's values (the official's name, e-mail or phone).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from caf_assistant.handoff.store import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)
T = TypeVar("T")
DELAYS = (0.5, 1.5)  # the waits between the three tries


def retried(operation: Callable[[], T], delays: tuple[float, ...] = DELAYS,
            transient: tuple[type[BaseException], ...] = TRANSIENT_ERRORS,
            sleep: Callable[[float], object] = time.sleep) -> T:
    """`operation()`, tried again after each delay while it fails with a transient error; the last error is raised."""
    for delay in (*delays, None):
        try:
            return operation()
        except transient as error:
            if delay is None:
                raise
            logger.warning("base des tickets indisponible (%s) : nouvel essai dans %.1f s", type(error).__name__, delay)
            sleep(delay)
    raise AssertionError("unreachable")

"""Hand-off requests kept aside while the tickets' database is unavailable, recorded once it is back.

One JSON file per request in CAF_HANDOFF_OUTBOX (default var/handoff_outbox/, readable by the action
server's user only), written atomically. `flush` records them in the order they came and removes each once
its ticket exists (at least once: a crash between the two would record it twice). `keep_flushing` runs a
daemon thread per process that tries every CAF_OUTBOX_RETRY_SECONDS (default 10) until none is left; a lock
file keeps two action servers that share the folder from recording the same request. Bounded like the
tickets themselves (rate_limits.py): per conversation, and in all.

The files hold the official's name and contact only until the database is back; `make erase` and `make purge`
record the waiting ones first, so that they see them. Logs say how many requests wait and which error class,
never their content.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from caf_assistant import paths
from caf_assistant.handoff.rate_limits import limit
from caf_assistant.handoff.store import TRANSIENT_ERRORS

logger = logging.getLogger(__name__)
SUFFIX = ".json"
SET_ASIDE = ".failed"  # a request the database refuses for good: kept for an operator, no longer retried
DEFAULT_RETRY_SECONDS = 10.0


def outbox_dir(environ: dict | None = None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get("CAF_HANDOFF_OUTBOX") or paths.var_dir() / "handoff_outbox")


def retry_seconds(environ: dict | None = None) -> float:
    environ = os.environ if environ is None else environ
    try:
        value = float(environ.get("CAF_OUTBOX_RETRY_SECONDS", ""))
    except ValueError:
        return DEFAULT_RETRY_SECONDS
    return value if 0 < value <= 3600 else DEFAULT_RETRY_SECONDS


class Outbox:
    def __init__(self, directory: Path, max_per_sender: int | None = None, max_total: int | None = None):
        self.directory = Path(directory)
        self.max_per_sender = max_per_sender or limit("CAF_TICKETS_PER_CONVERSATION_PER_DAY")
        self.max_total = max_total or limit("CAF_TICKETS_PER_HOUR")

    def pending(self) -> list[Path]:
        """The requests waiting, oldest first."""
        if not self.directory.is_dir():
            return []
        return sorted(self.directory.glob(f"*{SUFFIX}"))

    def put(self, request: dict) -> bool:
        """Keeps `request` (TicketStore.create's arguments, `created_at` added when missing); False when the
        outbox is full for this conversation or in all, or the disk refuses."""
        try:
            senders = [_sender(path) for path in self.pending()]
            if len(senders) >= self.max_total or senders.count(request["sender_id"]) >= self.max_per_sender:
                logger.warning("demande de mise en relation non gardée : file d'attente pleine (%d)", len(senders))
                return False
            created = request.get("created_at") or dt.datetime.now(dt.timezone.utc)
            data = json.dumps({**request, "created_at": created.isoformat()}, ensure_ascii=False)
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
            temporary = self.directory / f".{name}.tmp"
            with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temporary, self.directory / f"{name}{SUFFIX}")
            return True
        except (OSError, ValueError, TypeError, KeyError) as error:
            logger.error("demande de mise en relation non gardée (%s)", type(error).__name__)
            return False

    def flush(self, create: Callable[..., object]) -> int:
        """Records the waiting requests in order with `create(**request)`, each removed once recorded; how
        many were. A transient database error stops the flush and is raised (the rest waits)."""
        if not self.pending():
            return 0
        recorded = 0
        with self._flushing() as ours:
            if not ours:  # another process is recording them
                return 0
            for path in self.pending():
                try:
                    request = json.loads(path.read_text(encoding="utf-8"))
                    request["created_at"] = dt.datetime.fromisoformat(request["created_at"])
                except FileNotFoundError:
                    continue
                except (OSError, ValueError, TypeError, KeyError) as error:
                    self._set_aside(path, error)
                    continue
                try:
                    create(**request)
                except TRANSIENT_ERRORS:
                    raise
                except Exception as error:  # noqa: BLE001 - one refused request must not hold up the others
                    self._set_aside(path, error)
                    continue
                path.unlink(missing_ok=True)
                recorded += 1
        return recorded

    @contextlib.contextmanager
    def _flushing(self) -> Iterator[bool]:
        with open(self.directory / ".lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    @staticmethod
    def _set_aside(path: Path, error: BaseException) -> None:
        logger.error("demande de mise en relation en attente refusée (%s) : mise de côté dans %s",
                     type(error).__name__, path.with_suffix(SET_ASIDE).name)
        with contextlib.suppress(OSError):
            path.rename(path.with_suffix(SET_ASIDE))


def _sender(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("sender_id")
    except (OSError, ValueError, AttributeError):  # just recorded by the flush, or unreadable
        return None


_threads: dict[Path, threading.Thread] = {}
_threads_lock = threading.Lock()


def keep_flushing(outbox: Outbox, create: Callable[..., object], interval: float) -> None:
    """Records the waiting requests from a daemon thread, every `interval` seconds until none is left; one
    thread per outbox and process, started only when a request waits."""
    with _threads_lock:
        running = _threads.get(outbox.directory)
        if (running and running.is_alive()) or not outbox.pending():
            return
        thread = threading.Thread(target=_flush_until_empty, args=(outbox, create, interval), daemon=True,
                                  name="handoff-outbox")
        _threads[outbox.directory] = thread
        thread.start()


def _flush_until_empty(outbox: Outbox, create: Callable[..., object], interval: float) -> None:
    while True:
        time.sleep(interval)
        try:
            recorded = outbox.flush(create)
            if recorded:
                logger.info("%d demande(s) de mise en relation en attente enregistrée(s)", recorded)
        except TRANSIENT_ERRORS as error:
            logger.warning("base des tickets toujours indisponible (%s) : %d demande(s) en attente",
                           type(error).__name__, len(outbox.pending()))
        except Exception as error:  # noqa: BLE001 - the thread keeps trying; the error's class only
            logger.error("file des demandes de mise en relation en attente : %s", type(error).__name__)
        with _threads_lock:
            if not outbox.pending():
                _threads.pop(outbox.directory, None)
                return

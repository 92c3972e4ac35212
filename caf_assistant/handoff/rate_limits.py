"""How many hand-off tickets may be created: per conversation and per day, and for everyone per hour.

Anyone can reach the widget; these bounds keep a script from flooding the agents' queue. Settings:
CAF_TICKETS_PER_CONVERSATION_PER_DAY (default 3) and CAF_TICKETS_PER_HOUR (default 60). The counts come
from the tickets' table, so every replica sees the same ones.
"""

from __future__ import annotations

import datetime as dt
import os

DEFAULTS = {"CAF_TICKETS_PER_CONVERSATION_PER_DAY": 3, "CAF_TICKETS_PER_HOUR": 60}


def setting(name: str, default: int, environ: dict | None = None) -> int:
    """A positive whole number from the environment, or the default when unset or not a positive number."""
    environ = os.environ if environ is None else environ
    value = environ.get(name, "")
    return int(value) if value.isdigit() and int(value) > 0 else default


def limit(name: str, environ: dict | None = None) -> int:
    return setting(name, DEFAULTS[name], environ)


def over_limit(store, sender_id: str, now: dt.datetime | None = None, environ: dict | None = None) -> bool:
    """Whether one more ticket would pass either bound."""
    now = now or dt.datetime.now(dt.timezone.utc)
    per_day = store.count_since(now - dt.timedelta(days=1), sender_id)
    per_hour = store.count_since(now - dt.timedelta(hours=1))
    return per_day >= limit("CAF_TICKETS_PER_CONVERSATION_PER_DAY", environ) \
        or per_hour >= limit("CAF_TICKETS_PER_HOUR", environ)

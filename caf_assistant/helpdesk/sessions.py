"""Agents' sessions: a random cookie value, only its SHA-256 kept, a CSRF token per session, expiry.

Settings: CAF_HELPDESK_IDLE_MINUTES (default 60) without a request ends a session, and
CAF_HELPDESK_SESSION_HOURS (default 10) ends it whatever happens.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import delete, or_
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from caf_assistant.handoff.rate_limits import setting
from caf_assistant.helpdesk.tables import SessionRow, aware, now

TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen is written at most once a minute


@dataclass(frozen=True)
class AgentSession:
    login: str
    csrf: str

    def csrf_matches(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.csrf.encode())


def _key_hash(cookie_value: str) -> str:
    return hashlib.sha256(cookie_value.encode()).hexdigest()


def idle_limit() -> dt.timedelta:
    return dt.timedelta(minutes=setting("CAF_HELPDESK_IDLE_MINUTES", 60))


def max_age() -> dt.timedelta:
    return dt.timedelta(hours=setting("CAF_HELPDESK_SESSION_HOURS", 10))


def open_session(engine: Engine, login: str) -> tuple[str, AgentSession]:
    """A new session for the agent: the cookie's value (given once, to the browser) and the session."""
    cookie_value, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    moment = now()
    with Session(engine) as session, session.begin():
        session.add(SessionRow(key_hash=_key_hash(cookie_value), login=login, csrf=csrf, created_at=moment,
                               last_seen=moment))
    return cookie_value, AgentSession(login, csrf)


def find_session(engine: Engine, cookie_value: str | None) -> AgentSession | None:
    """The live session of this cookie, or None (unknown, idle too long or too old: then deleted)."""
    if not cookie_value or len(cookie_value) > 128:
        return None
    moment = now()
    with Session(engine) as session, session.begin():
        row = session.get(SessionRow, _key_hash(cookie_value))
        if row is None:
            return None
        if moment - aware(row.last_seen) > idle_limit() or moment - aware(row.created_at) > max_age():
            session.delete(row)
            return None
        if moment - aware(row.last_seen) > TOUCH_EVERY:
            row.last_seen = moment
        return AgentSession(row.login, row.csrf)


def close_session(engine: Engine, cookie_value: str | None) -> None:
    if cookie_value:
        with Session(engine) as session, session.begin():
            session.execute(delete(SessionRow).where(SessionRow.key_hash == _key_hash(cookie_value)))


def close_sessions_of(engine: Engine, login: str) -> int:
    """Ends every session of an agent (account disabled or secret changed)."""
    with Session(engine) as session, session.begin():
        return session.execute(delete(SessionRow).where(SessionRow.login == login)).rowcount


def purge_expired(engine: Engine) -> int:
    moment = now()
    with Session(engine) as session, session.begin():
        return session.execute(delete(SessionRow).where(or_(
            SessionRow.last_seen < moment - idle_limit(), SessionRow.created_at < moment - max_age()))).rowcount

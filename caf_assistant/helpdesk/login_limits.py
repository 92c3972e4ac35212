"""How many failed logins are allowed before the login is refused for a while, per account and per address.

Settings: CAF_LOGIN_FAILURES_PER_ACCOUNT (default 5) and CAF_LOGIN_FAILURES_PER_ADDRESS (default 20) within
CAF_LOGIN_WINDOW_MINUTES (default 15). Counted from the database, so every replica sees the same counts;
a successful login clears the account's failures.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from caf_assistant.handoff.rate_limits import setting
from caf_assistant.helpdesk.tables import LoginAttemptRow, now


def window() -> dt.timedelta:
    return dt.timedelta(minutes=setting("CAF_LOGIN_WINDOW_MINUTES", 15))


def blocked(engine: Engine, login: str, address: str) -> bool:
    since = now() - window()
    count = select(func.count()).select_from(LoginAttemptRow).where(LoginAttemptRow.at >= since)
    with Session(engine) as session:
        for_account = session.execute(count.where(LoginAttemptRow.login == login)).scalar_one()
        for_address = session.execute(count.where(LoginAttemptRow.address == address)).scalar_one()
    return for_account >= setting("CAF_LOGIN_FAILURES_PER_ACCOUNT", 5) \
        or for_address >= setting("CAF_LOGIN_FAILURES_PER_ADDRESS", 20)


def record_failure(engine: Engine, login: str, address: str) -> None:
    with Session(engine) as session, session.begin():
        session.add(LoginAttemptRow(login=login[:64], address=address[:64], at=now()))


def clear(engine: Engine, login: str) -> None:
    with Session(engine) as session, session.begin():
        session.execute(delete(LoginAttemptRow).where(or_(LoginAttemptRow.login == login,
                                                          LoginAttemptRow.at < now() - window())))


def purge_old(engine: Engine) -> int:
    """Deletes the attempts older than the window (they no longer count)."""
    with Session(engine) as session, session.begin():
        return session.execute(delete(LoginAttemptRow).where(LoginAttemptRow.at < now() - window())).rowcount

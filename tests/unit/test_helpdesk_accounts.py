"""Agents' accounts, sessions and login limits on a throwaway SQLite database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text, update
from sqlalchemy.orm import Session

from caf_assistant.helpdesk import accounts, login_limits, sessions
from caf_assistant.helpdesk.tables import SessionRow, helpdesk_engine

SECRET = "un-secret-assez-long"


@pytest.fixture
def engine(tmp_path):
    return helpdesk_engine(f"sqlite:///{tmp_path / 'helpdesk.db'}")


def test_the_secret_is_stored_hashed_with_argon2id(engine):
    accounts.add_agent(engine, "Alice.Martin", SECRET)
    with engine.connect() as connection:
        stored = connection.execute(text("select secret_hash from helpdesk_agents")).scalar_one()
    assert stored.startswith("$argon2id$") and SECRET not in stored


def test_verify(engine):
    accounts.add_agent(engine, "alice", SECRET)
    assert accounts.verify(engine, " Alice ", SECRET) == "alice"
    assert accounts.verify(engine, "alice", SECRET + "x") is None
    assert accounts.verify(engine, "bob", SECRET) is None
    assert accounts.verify(engine, "'; drop table helpdesk_agents; --", SECRET) is None
    accounts.add_agent(engine, "alice", "un-nouveau-secret-long")
    assert accounts.verify(engine, "alice", SECRET) is None
    assert accounts.verify(engine, "alice", "un-nouveau-secret-long") == "alice"
    assert accounts.disable_agent(engine, "alice")
    assert accounts.verify(engine, "alice", "un-nouveau-secret-long") is None
    assert not accounts.has_agents(engine)


@pytest.mark.parametrize("login,secret", [("a", SECRET), ("alice martin", SECRET), ("Élodie", SECRET), ("alice", "court")])
def test_bad_logins_and_short_secrets_are_refused(engine, login, secret):
    with pytest.raises(accounts.AccountError):
        accounts.add_agent(engine, login, secret)


def test_a_session_is_found_by_its_cookie_only(engine):
    cookie, opened = sessions.open_session(engine, "alice")
    found = sessions.find_session(engine, cookie)
    assert found == opened and found.csrf_matches(opened.csrf) and not found.csrf_matches("autre")
    assert not found.csrf_matches("") and not found.csrf_matches(None)
    assert sessions.find_session(engine, cookie + "x") is None and sessions.find_session(engine, None) is None
    with engine.connect() as connection:
        kept = connection.execute(text("select key_hash from helpdesk_sessions")).scalar_one()
    assert kept != cookie and len(kept) == 64
    sessions.close_session(engine, cookie)
    assert sessions.find_session(engine, cookie) is None


@pytest.mark.parametrize("column,age", [("last_seen", dt.timedelta(minutes=61)), ("created_at", dt.timedelta(hours=11))])
def test_idle_or_old_sessions_end(engine, column, age):
    cookie, _ = sessions.open_session(engine, "alice")
    with Session(engine) as session, session.begin():
        session.execute(update(SessionRow).values({column: dt.datetime.now(dt.timezone.utc) - age}))
    assert sessions.find_session(engine, cookie) is None


def test_closing_an_agents_sessions(engine):
    first, _ = sessions.open_session(engine, "alice")
    other, _ = sessions.open_session(engine, "bob")
    assert sessions.close_sessions_of(engine, "alice") == 1
    assert sessions.find_session(engine, first) is None and sessions.find_session(engine, other) is not None


def test_failed_logins_block_the_account_then_the_address(engine, monkeypatch):
    for _ in range(4):
        login_limits.record_failure(engine, "alice", "10.0.0.1")
    assert not login_limits.blocked(engine, "alice", "10.0.0.2")
    login_limits.record_failure(engine, "alice", "10.0.0.1")
    assert login_limits.blocked(engine, "alice", "10.0.0.2") and not login_limits.blocked(engine, "bob", "10.0.0.2")
    monkeypatch.setenv("CAF_LOGIN_FAILURES_PER_ADDRESS", "5")
    assert login_limits.blocked(engine, "bob", "10.0.0.1")
    login_limits.clear(engine, "alice")
    assert not login_limits.blocked(engine, "alice", "10.0.0.2")

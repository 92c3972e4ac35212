"""Agents' accounts: one login per agent, the secret hashed with Argon2id (argon2-cffi), never stored."""

from __future__ import annotations

import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from caf_assistant.helpdesk.tables import AgentRow, now

LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
MIN_SECRET_LENGTH = 12
_hasher = PasswordHasher()
# verified when the login is unknown, so that a wrong login takes as long as a wrong secret
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(ValueError):
    """A login or secret that cannot be used; the message is French, for the command line."""


def check_login(login: str) -> str:
    login = (login or "").strip().lower()
    if not LOGIN.match(login):
        raise AccountError("Identifiant invalide : 2 à 64 caractères, lettres minuscules, chiffres, « . », « _ » ou « - ».")
    return login


def new_secret() -> str:
    return secrets.token_urlsafe(15)


def add_agent(engine: Engine, login: str, secret: str) -> str:
    """Creates the account, or gives it a new secret (and enables it again) when it exists."""
    login = check_login(login)
    if len(secret) < MIN_SECRET_LENGTH:
        raise AccountError(f"Mot de passe trop court : au moins {MIN_SECRET_LENGTH} caractères.")
    with Session(engine) as session, session.begin():
        row = session.get(AgentRow, login)
        if row is None:
            session.add(AgentRow(login=login, secret_hash=_hasher.hash(secret), created_at=now()))
        else:
            row.secret_hash = _hasher.hash(secret)
            row.disabled_at = None
    return login


def disable_agent(engine: Engine, login: str) -> bool:
    with Session(engine) as session, session.begin():
        row = session.get(AgentRow, (login or "").strip().lower())
        if row is None:
            return False
        row.disabled_at = now()
        return True


def agents(engine: Engine) -> list[tuple[str, bool]]:
    """(login, enabled) for every account."""
    with Session(engine) as session:
        return [(row.login, row.disabled_at is None) for row in session.scalars(select(AgentRow).order_by(AgentRow.login))]


def has_agents(engine: Engine) -> bool:
    return any(enabled for _, enabled in agents(engine))


def verify(engine: Engine, login: str, secret: str) -> str | None:
    """The agent's login when the secret is right and the account enabled; else None (same cost either way)."""
    login = (login or "").strip().lower()
    with Session(engine) as session:
        row = session.get(AgentRow, login) if LOGIN.match(login) else None
        enabled = row is not None and row.disabled_at is None
        stored = row.secret_hash if enabled else _DUMMY_HASH
    try:
        _hasher.verify(stored, secret or "")
    except (VerificationError, InvalidHashError):
        return None
    if not enabled:
        return None
    if _hasher.check_needs_rehash(stored):
        with Session(engine) as session, session.begin():
            session.get(AgentRow, login).secret_hash = _hasher.hash(secret)
    return login

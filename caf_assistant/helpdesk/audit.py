"""The audit of the agents' side: who logged in (or failed to), who read, listed or closed which ticket.

One row per action, in the database (every replica writes the same table). `make audit` prints it.
Rows carry the agent's login, the ticket's number and the client address, never a ticket's content.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from caf_assistant.helpdesk.tables import AuditRow, aware, now

LOGIN, LOGIN_FAILED, LOGIN_REFUSED, LOGOUT = "connexion", "connexion_refusee", "connexion_bloquee", "deconnexion"
LIST, READ, CLOSE, TRIAGE = "liste", "lecture", "fermeture", "tri"


@dataclass(frozen=True)
class Entry:
    at: str
    login: str
    action: str
    ticket_id: int | None
    address: str

    def line(self) -> str:
        ticket = f"#{self.ticket_id}" if self.ticket_id is not None else "-"
        return f"{self.at}  {self.login:<20} {self.action:<18} {ticket:<8} {self.address}"


def record(engine: Engine, login: str, action: str, address: str, ticket_id: int | None = None) -> None:
    with Session(engine) as session, session.begin():
        session.add(AuditRow(at=now(), login=login[:64], action=action, ticket_id=ticket_id, address=address[:64]))


def entries(engine: Engine, ticket_id: int | None = None, login: str | None = None, limit: int = 200) -> list[Entry]:
    query = select(AuditRow).order_by(AuditRow.id.desc()).limit(limit)
    if ticket_id is not None:
        query = query.where(AuditRow.ticket_id == ticket_id)
    if login is not None:
        query = query.where(AuditRow.login == login)
    with Session(engine) as session:
        return [Entry(aware(row.at).isoformat(timespec="seconds"), row.login, row.action, row.ticket_id, row.address)
                for row in session.scalars(query)]

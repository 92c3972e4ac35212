"""Personal data kept no longer than needed: erasure on request, and a purge after the retention period.

Both act on the conversations' database (DATABASE_URL): the hand-off tickets and Rasa's tracker store
(table ``events``), so that a ticket goes with the conversation it came from.
- `erase(store, ticket=, email=, phone=)`: a person's erasure request; deletes the matching tickets and
  their conversations, and says what it deleted (ids and counts, never the data itself).
- `purge(store, days)`: tickets created, and conversations last active, more than `days` ago
  (CAF_RETENTION_DAYS, default 180).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from sqlalchemy import delete, inspect, select, text
from sqlalchemy.orm import Session

from caf_assistant.handoff.store import TicketRow, TicketStore
from caf_assistant.handoff.validation import check_email, check_phone

DEFAULT_RETENTION_DAYS = 180
EVENTS_TABLE = "events"  # Rasa's SQL tracker store


def retention_days(environ: dict | None = None) -> int:
    environ = os.environ if environ is None else environ
    value = environ.get("CAF_RETENTION_DAYS", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_RETENTION_DAYS


@dataclass
class Erased:
    tickets: list[int] = field(default_factory=list)
    conversations: list[str] = field(default_factory=list)
    events: int = 0

    def describe(self) -> str:
        if not self.tickets and not self.conversations:
            return "Rien à effacer : aucune demande ni conversation ne correspond."
        tickets = ", ".join(f"#{i}" for i in self.tickets) or "aucune"
        return (f"Effacé : {len(self.tickets)} demande(s) ({tickets}), {len(self.conversations)} conversation(s), "
                f"{self.events} événement(s) de conversation.")


def _has_events(session: Session) -> bool:
    return inspect(session.bind).has_table(EVENTS_TABLE)


def _secure(session: Session) -> None:
    if session.bind.dialect.name == "sqlite":  # deleted rows overwritten, not left in the file's free pages
        session.execute(text("PRAGMA secure_delete = ON"))


def _delete_conversations(session: Session, senders: set[str]) -> int:
    if not senders or not _has_events(session):
        return 0
    count = 0
    for sender in sorted(senders):
        count += session.execute(text(f"DELETE FROM {EVENTS_TABLE} WHERE sender_id = :sender"),
                                 {"sender": sender}).rowcount or 0
    return count


def _matches(row: TicketRow, email: str | None, phone: str | None) -> bool:
    if email and row.contact.strip().lower() == email:
        return True
    return bool(phone and check_phone(row.contact) == phone)


def erase(store: TicketStore, ticket: int | str | None = None, email: str | None = None,
          phone: str | None = None) -> Erased:
    """Deletes the tickets of a ticket id, an e-mail or a phone number, and the conversations they came from."""
    email = check_email(email) if email else None
    email = email.lower() if email else None
    phone = check_phone(phone) if phone else None
    erased = Erased()
    with Session(store.engine) as session, session.begin():
        _secure(session)
        rows = session.scalars(select(TicketRow)).all()
        chosen = [r for r in rows if (ticket is not None and str(r.id) == str(ticket)) or _matches(r, email, phone)]
        senders = {r.sender_id for r in chosen}
        for row in chosen:
            session.delete(row)
        erased.tickets = sorted(r.id for r in chosen)
        erased.events = _delete_conversations(session, senders)
        erased.conversations = sorted(senders)
    return erased


def purge(store: TicketStore, days: int, now: dt.datetime | None = None) -> Erased:
    """Deletes the tickets created, and the conversations last active, before `days` ago."""
    now = now or dt.datetime.now(dt.timezone.utc)
    cutoff = now - dt.timedelta(days=days)
    erased = Erased()
    with Session(store.engine) as session, session.begin():
        _secure(session)
        old = [r for r in session.scalars(select(TicketRow)).all()
               if (r.created_at if r.created_at.tzinfo else r.created_at.replace(tzinfo=dt.timezone.utc)) < cutoff]
        senders = {r.sender_id for r in old}
        erased.tickets = sorted(r.id for r in old)
        if old:
            session.execute(delete(TicketRow).where(TicketRow.id.in_(erased.tickets)))
        if _has_events(session):
            last_active = session.execute(text(
                f"SELECT sender_id, MAX(timestamp) FROM {EVENTS_TABLE} GROUP BY sender_id")).all()
            senders |= {sender for sender, latest in last_active if latest is not None and latest < cutoff.timestamp()}
            senders -= set(session.scalars(select(TicketRow.sender_id)).all())  # stays with its kept ticket
        erased.events = _delete_conversations(session, senders)
        erased.conversations = sorted(senders)
    return erased


def count_events(store: TicketStore, sender_id: str) -> int:
    with Session(store.engine) as session:
        if not _has_events(session):
            return 0
        return session.execute(text(f"SELECT COUNT(*) FROM {EVENTS_TABLE} WHERE sender_id = :s"),
                               {"s": sender_id}).scalar_one()

"""Handoff tickets in the conversations' database (table ``handoff_tickets``, created if missing).

DATABASE_URL as for the tracker store (caf_assistant.endpoints): SQLite in var/ by default,
postgresql://user:pw@host:5432/db for PostgreSQL. SQLAlchemy 2. Logs carry ticket ids, never the
official's name, e-mail or phone.

A locked or unreachable database fails within CAF_TICKETS_DB_TIMEOUT seconds (default 2: SQLite's busy
timeout, PostgreSQL's connect timeout) with one of `TRANSIENT_ERRORS`, which the hand-off retries
(caf_assistant/handoff/retry.py) before keeping the request aside (caf_assistant/handoff/outbox.py).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import math
import os
import threading
from dataclasses import asdict, dataclass, field
from urllib.parse import urlparse

from sqlalchemy import JSON, DateTime, Integer, String, Text, create_engine, func, select
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from caf_assistant import paths

logger = logging.getLogger(__name__)
OPEN, CLOSED = "open", "closed"
# the database is locked, unreachable or out of connections for now: worth trying again
TRANSIENT_ERRORS = (sa_exc.OperationalError, sa_exc.TimeoutError)
DEFAULT_DB_TIMEOUT = 2.0


class Base(DeclarativeBase):
    pass


class TicketRow(Base):
    __tablename__ = "handoff_tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(255), index=True)
    status: Mapped[str] = mapped_column(String(16), default=OPEN, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    commune: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(120))
    contact: Mapped[str] = mapped_column(String(255))
    contact_kind: Mapped[str] = mapped_column(String(16))
    theme: Mapped[str | None] = mapped_column(String(64), nullable=True)
    route: Mapped[str | None] = mapped_column(String(64), nullable=True)
    transcript: Mapped[list] = mapped_column(JSON, default=list)
    triage: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)


@dataclass
class Ticket:
    id: int
    sender_id: str
    status: str
    created_at: str
    closed_at: str | None
    commune: str
    name: str
    contact: str
    contact_kind: str
    theme: str | None
    route: str | None
    transcript: list = field(default_factory=list)
    triage: dict | None = None
    note: str | None = None

    @classmethod
    def from_row(cls, row: TicketRow) -> Ticket:
        return cls(id=row.id, sender_id=row.sender_id, status=row.status, created_at=_iso(row.created_at),
                   closed_at=_iso(row.closed_at) if row.closed_at else None, commune=row.commune, name=row.name,
                   contact=row.contact, contact_kind=row.contact_kind, theme=row.theme, route=row.route,
                   transcript=list(row.transcript or []), triage=row.triage, note=row.note)

    def to_dict(self) -> dict:
        return asdict(self)


def _iso(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.isoformat(timespec="seconds")


def database_url(environ: dict | None = None) -> str:
    """The SQLAlchemy URL of the conversations' database (same rules as caf_assistant.endpoints)."""
    environ = os.environ if environ is None else environ
    url = environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{paths.var_dir() / 'conversations.db'}"
    scheme = urlparse(url).scheme
    if scheme.startswith("sqlite"):
        return url
    if scheme in ("postgres", "postgresql"):
        return "postgresql+psycopg2://" + url.split("://", 1)[1]
    if scheme.startswith("postgresql+"):
        return url
    raise ValueError(f"DATABASE_URL non pris en charge : {scheme} (sqlite:/// ou postgresql://)")


def db_timeout(environ: dict | None = None) -> float:
    """Seconds a ticket operation waits for a locked or unreachable database (CAF_TICKETS_DB_TIMEOUT)."""
    environ = os.environ if environ is None else environ
    try:
        value = float(environ.get("CAF_TICKETS_DB_TIMEOUT", ""))
    except ValueError:
        return DEFAULT_DB_TIMEOUT
    return value if 0 < value < 3600 else DEFAULT_DB_TIMEOUT


_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def engine_for(url: str) -> Engine:
    with _lock:
        if url not in _engines:
            if url.startswith("sqlite"):
                path = url.split("///", 1)[1] if "///" in url else ""
                if path and path != ":memory:":
                    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
                engine = create_engine(url, connect_args={"timeout": db_timeout()})
            elif url.startswith("postgresql+psycopg2"):
                engine = create_engine(url, pool_pre_ping=True,
                                       connect_args={"connect_timeout": max(1, math.ceil(db_timeout()))})
            else:
                engine = create_engine(url, pool_pre_ping=True)
            Base.metadata.create_all(engine)
            _engines[url] = engine
        return _engines[url]


class TicketStore:
    def __init__(self, url: str | None = None):
        self.url = url or database_url()
        self.engine = engine_for(self.url)

    def create(self, sender_id: str, commune: str, name: str, contact: str, contact_kind: str,
               transcript: list[dict], triage: dict | None = None, created_at: dt.datetime | None = None) -> Ticket:
        """`created_at`: when the official asked, for a request recorded later (caf_assistant/handoff/outbox.py)."""
        row = TicketRow(sender_id=sender_id, status=OPEN, created_at=created_at or dt.datetime.now(dt.timezone.utc),
                        commune=commune, name=name, contact=contact, contact_kind=contact_kind,
                        theme=(triage or {}).get("theme"), route=(triage or {}).get("route"),
                        transcript=transcript, triage=json.loads(json.dumps(triage)) if triage else None)
        with Session(self.engine) as session, session.begin():
            session.add(row)
            session.flush()
            ticket = Ticket.from_row(row)
        logger.info("ticket de mise en relation %d créé (thème %s, orientation %s)", ticket.id, ticket.theme,
                    ticket.route)
        return ticket

    def get(self, ticket_id: int | str) -> Ticket | None:
        try:
            key = int(ticket_id)
        except (TypeError, ValueError):
            return None
        with Session(self.engine) as session:
            row = session.get(TicketRow, key)
            return Ticket.from_row(row) if row else None

    def list(self, status: str | None = OPEN, limit: int = 200) -> list[Ticket]:
        query = select(TicketRow).order_by(TicketRow.id.desc()).limit(limit)
        if status in (OPEN, CLOSED):
            query = query.where(TicketRow.status == status)
        with Session(self.engine) as session:
            return [Ticket.from_row(row) for row in session.scalars(query)]

    def close(self, ticket_id: int | str, note: str | None = None) -> Ticket | None:
        try:
            key = int(ticket_id)
        except (TypeError, ValueError):
            return None
        with Session(self.engine) as session, session.begin():
            row = session.get(TicketRow, key)
            if row is None:
                return None
            if row.status != CLOSED:
                row.status = CLOSED
                row.closed_at = dt.datetime.now(dt.timezone.utc)
                if note:
                    row.note = note
            ticket = Ticket.from_row(row)
        logger.info("ticket de mise en relation %d fermé", ticket.id)
        return ticket

    def count_since(self, since: dt.datetime, sender_id: str | None = None) -> int:
        """Tickets created since `since` (by one conversation when `sender_id` is given): for the rate limits."""
        query = select(func.count()).select_from(TicketRow).where(TicketRow.created_at >= since)
        if sender_id is not None:
            query = query.where(TicketRow.sender_id == sender_id)
        with Session(self.engine) as session:
            return session.execute(query).scalar_one()

    def status(self, ticket_id: int | str | None) -> str | None:
        ticket = self.get(ticket_id) if ticket_id is not None else None
        return ticket.status if ticket else None

    def open_for(self, sender_id: str) -> Ticket | None:
        query = (select(TicketRow).where(TicketRow.sender_id == sender_id, TicketRow.status == OPEN)
                 .order_by(TicketRow.id.desc()).limit(1))
        with Session(self.engine) as session:
            row = session.scalars(query).first()
            return Ticket.from_row(row) if row else None

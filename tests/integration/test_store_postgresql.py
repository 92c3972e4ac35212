"""The ticket store on a real PostgreSQL (DATABASE_URL=postgresql://...), skipped when PostgreSQL is absent."""

from __future__ import annotations

import glob

import pytest

from caf_assistant.handoff.store import CLOSED, TicketStore

pytestmark = pytest.mark.skipif(not glob.glob("/usr/lib/postgresql/*/bin/postgres"),
                                reason="PostgreSQL absent (make setup-system)")


def test_tickets_on_postgresql(monkeypatch):
    from tests.servers import postgres_server

    with postgres_server() as url:
        monkeypatch.setenv("DATABASE_URL", url)
        store = TicketStore()
        assert store.url.startswith("postgresql+psycopg2://")
        ticket = store.create("sender-pg", "Craon", "Marie Dupont", "06 12 34 56 78", "telephone",
                              [{"role": "user", "text": "bonjour"}], {"theme": "petite_enfance", "route": "gestionnaire_conseil"})
        assert store.get(ticket.id).transcript == [{"role": "user", "text": "bonjour"}]
        assert store.open_for("sender-pg").id == ticket.id
        assert store.close(ticket.id).status == CLOSED
        assert store.list() == []
        store.engine.dispose()

"""Scale-out: two Rasa replicas share a PostgreSQL tracker store and a Redis lock store.

A conversation started on one replica goes on on the other (the remembered department is there),
and survives the loss of the first replica.
"""

from __future__ import annotations

import pytest

from caf_assistant.stack import start_stack
from tests.conftest import Conversation
from tests.servers import postgres_server, redis_server


def cited(messages: list[dict]) -> list[str]:
    return [s["sheet_id"] for m in messages if isinstance(m.get("custom"), dict)
            for s in m["custom"].get("sources", []) if not s.get("history")]


@pytest.mark.stack
def test_two_rasa_replicas_share_postgresql_and_redis(tmp_path):
    with postgres_server() as database_url, redis_server() as redis_url:
        first = start_stack(log_dir=tmp_path / "a", database_url=database_url, redis_url=redis_url)
        try:
            # the second Rasa calls the first's action server: with that server's token
            second = start_stack(log_dir=tmp_path / "b", database_url=database_url, redis_url=redis_url,
                                 action_url=first.action_url, extra_env={"CAF_ACTION_TOKEN": first.action_token})
            try:
                on_first = Conversation(first.rasa_url)
                on_first.send("je suis élue dans la Loire")
                on_second = Conversation(second.rasa_url, sender=on_first.sender)
                assert "loire-2020" in cited(on_second.send("combien d'allocataires chez nous ?"))
                first.processes["rasa"].terminate()
                assert "loire-2020" in cited(on_second.send("et combien d'enfants ?"))
            finally:
                second.stop()
        finally:
            first.stop()

"""A new model or index is picked up without stopping the service: two replicas behind nginx restarted one
after the other while officials keep writing; every message gets its reply, and the conversation goes on
across the restarts (its tracker is in PostgreSQL)."""

from __future__ import annotations

import threading

import pytest

from caf_assistant.replicas import Replicas
from tests.conftest import Conversation
from tests.servers import postgres_server, redis_server


@pytest.mark.stack
def test_a_rolling_restart_keeps_answering():
    with postgres_server() as database_url, redis_server() as redis_url, \
            Replicas(database_url, redis_url, count=2) as replicas:
        official = Conversation(replicas.url)
        assert official.send("je suis élue dans la Loire")
        failures: list[str] = []
        replies: list[int] = []
        done = threading.Event()

        def keep_writing() -> None:  # another official, all along the restarts
            chat = Conversation(replicas.url)
            while not done.is_set():
                try:
                    replies.append(len(chat.send("c'est quoi une ctg ?", timeout=60)))
                except OSError as error:
                    failures.append(repr(error))

        writer = threading.Thread(target=keep_writing)
        writer.start()
        try:
            for index in range(replicas.count):
                replicas.restart(index)  # the new model or index would be loaded here
        finally:
            done.set()
            writer.join(timeout=120)
        assert not failures, failures
        assert len(replies) >= 5 and all(replies), replies
        # the first official's conversation survived both restarts: its department is remembered
        reply = official.send("combien d'allocataires chez nous ?")
        assert any(source.get("sheet_id") == "loire-2020" for message in reply
                   if isinstance(message.get("custom"), dict) for source in message["custom"].get("sources", []))

"""A restart loses no conversation: the SQL tracker store keeps the slots of a conversation."""

from __future__ import annotations

import pytest

from caf_assistant.stack import start_stack
from tests.conftest import Conversation


@pytest.mark.stack
def test_restart_keeps_the_remembered_department(tmp_path):
    database = f"sqlite:///{tmp_path / 'conversations.db'}"
    stack = start_stack(log_dir=tmp_path, database_url=database)
    try:
        chat = Conversation(stack.rasa_url)
        chat.send("je suis élu dans les Pyrénées-Orientales")
    finally:
        stack.stop()
    stack = start_stack(log_dir=tmp_path / "second", database_url=database)
    try:
        again = Conversation(stack.rasa_url, sender=chat.sender)
        messages = again.send("combien d'allocataires chez nous ?")
        cited = [s["sheet_id"] for m in messages if isinstance(m.get("custom"), dict)
                 for s in m["custom"].get("sources", [])]
        assert "pyrenees-orientales-2020" in cited, messages
    finally:
        stack.stop()

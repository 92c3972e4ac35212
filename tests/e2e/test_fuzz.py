"""A small seeded fuzz run (benchmarks/fuzz/run.py does 10 000): hostile messages over 8 conversations at
once, a normal conversation beside them. No server error, no empty reply, the servers still answer, and
nothing the normal conversation said is lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "fuzz"))
from run import fuzz  # noqa: E402


@pytest.mark.stack
def test_hostile_messages_get_replies_and_a_normal_conversation_goes_on(rasa_stack):
    figures = fuzz(rasa_stack.rasa_url, count=240, seed=7, conversations=8, api_token=rasa_stack.api_token)
    assert sum(row["n"] for row in figures.by_family.values()) == 240
    assert sum(row["errors"] for row in figures.by_family.values()) == 0, figures.examples
    assert sum(row["empty"] for row in figures.by_family.values()) == 0, figures.examples
    assert figures.alive
    assert figures.normal_errors == 0 and figures.normal_empty == 0
    if rasa_stack.api_token:
        assert figures.lost == 0


@pytest.mark.stack
def test_a_very_long_conversation_goes_on_in_a_new_session_and_keeps_what_it_knew(tmp_path):
    """What Rasa reads on each turn stays bounded: past CAF_MAX_SESSION_EVENTS events a new session starts,
    with the slots carried over and every earlier event still in the store."""
    import json
    import urllib.request

    from caf_assistant.stack import start_stack
    from tests.conftest import Conversation

    stack = start_stack(log_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'conversations.db'}",
                        api_token="long-test", extra_env={"CAF_MAX_SESSION_EVENTS": "40"})
    try:
        chat = Conversation(stack.rasa_url, api_token="long-test")
        assert chat.send("combien de centres sociaux dans la Loire ?")
        said = ["combien de centres sociaux dans la Loire ?"]
        for turn in range(12):
            said.append(f"merci, et c'est quoi un Laep ? ({turn})")
            assert any(m.get("text") for m in chat.send(said[-1]))
        url = f"{stack.rasa_url}/conversations/{chat.sender}/tracker?token=long-test&include_events=ALL"
        with urllib.request.urlopen(url, timeout=30) as response:
            every = json.loads(response.read())
        starts = [i for i, e in enumerate(every["events"]) if e["event"] == "session_started"]
        assert len(starts) >= 3 and max(b - a for a, b in zip(starts, starts[1:])) <= 40 + 20
        # a new session carries each slot once (Rasa would copy every SlotSet of the session before)
        assert len(every["events"]) < 13 * 12 and len(starts) <= 13 // 3 + 1
        assert every["slots"].get("departement") == "Loire"  # carried over to each new session
        every = every["events"]
        assert [e["text"] for e in every if e["event"] == "user"] == said  # nothing said is lost
        assert any(m.get("custom") for m in chat.send("c'est quoi le bonus territoire ?"))
    finally:
        stack.stop()

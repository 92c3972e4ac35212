"""Faults while messages flow: the action server stopped then back. Rasa says in French that the service
is briefly unavailable, keeps what was said, and answers again once the action server is back."""

from __future__ import annotations

import subprocess

import pytest

from caf_assistant import paths
from caf_assistant.stack import APP_PYTHON, free_port, start_stack, wait_http
from tests.conftest import Conversation, domain_text


def start_action_server(port: int, log) -> subprocess.Popen:
    process = subprocess.Popen([str(APP_PYTHON), "-m", "caf_assistant.action_server", "--port", str(port)],
                               cwd=paths.REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/health", 180, process)
    return process


@pytest.mark.stack
def test_the_action_server_down_then_back(tmp_path):
    port = free_port()
    log = open(tmp_path / "actions.log", "w")
    actions = start_action_server(port, log)
    stack = start_stack(log_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'conversations.db'}",
                        action_url=f"http://127.0.0.1:{port}", api_token="fault-test")
    try:
        chat = Conversation(stack.rasa_url, api_token="fault-test")
        assert any(m.get("custom") for m in chat.send("c'est quoi le bonus territoire ?"))  # answered, with sources
        actions.terminate()
        actions.wait(timeout=30)
        while_down = chat.send("combien pour le Bafa ?")
        assert [m.get("text") for m in while_down if m.get("text")] == [domain_text("utter_service_unavailable")]
        actions = start_action_server(port, log)
        back = chat.send("combien pour le Bafa ?")
        assert any(m.get("custom") for m in back), back  # answered again, with its sources
        said = [e["text"] for e in chat.tracker()["events"] if e["event"] == "user"]
        assert said == ["c'est quoi le bonus territoire ?", "combien pour le Bafa ?", "combien pour le Bafa ?"]
    finally:
        stack.stop()
        actions.terminate()
        actions.wait(timeout=30)

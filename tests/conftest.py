"""Shared fixtures: the real running stack (action server + Rasa with the trained model)."""

from __future__ import annotations

import json
import os
import secrets
import urllib.request
import uuid
from pathlib import Path

import pytest

from caf_assistant import paths


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright")
    config.addinivalue_line("markers", "stack: needs the running Rasa stack")


def domain_text(name: str) -> str:
    """A response's text as bot/domain/*.yml writes it (tests compare with it, never with a copy)."""
    import yaml
    for path in sorted((paths.REPO_ROOT / "bot" / "domain").glob("*.yml")):
        responses = yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}
        if name in responses:
            return responses[name][0]["text"]
    raise KeyError(f"{name}: no such response in bot/domain")


class Conversation:
    """One conversation with the bot through the REST channel."""

    def __init__(self, rasa_url: str, sender: str | None = None, api_token: str | None = None):
        self.rasa_url = rasa_url
        self.sender = sender or f"test-{uuid.uuid4().hex[:12]}"
        self.api_token = api_token

    def tracker(self, api_token: str | None = None) -> dict:
        """The conversation as Rasa's tracker store holds it (Rasa's HTTP API)."""
        token = api_token or self.api_token
        if not token:
            pytest.skip("Rasa's HTTP API is not enabled on this stack")
        url = f"{self.rasa_url}/conversations/{self.sender}/tracker?token={token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return json.loads(response.read())

    def responses(self) -> list[str]:
        """The domain responses the bot sent after the latest user message, by name (from Rasa's tracker)."""
        events = self.tracker()["events"]
        last_user = max(i for i, event in enumerate(events) if event["event"] == "user")
        return [event.get("metadata", {}).get("utter_action") for event in events[last_user:]
                if event["event"] == "bot" and event.get("metadata", {}).get("utter_action")]

    def send(self, message: str, timeout: float = 60) -> list[dict]:
        request = urllib.request.Request(
            f"{self.rasa_url}/webhooks/rest/webhook",
            data=json.dumps({"sender": self.sender, "message": message}).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read() or b"[]")


@pytest.fixture(scope="session")
def rasa_stack(tmp_path_factory):
    """Starts the real stack once per test session (set CAF_STACK_URL to use one already running)."""
    if os.environ.get("CAF_STACK_URL"):
        class External:
            rasa_url = os.environ["CAF_STACK_URL"]
            database = None
            api_token = os.environ.get("CAF_STACK_API_TOKEN")
        yield External()
        return
    from caf_assistant.stack import start_stack

    work = tmp_path_factory.mktemp("stack")
    api_token = secrets.token_hex(16)  # Rasa's HTTP API, to read which responses were sent
    database = work / "conversations.db"
    stack = start_stack(log_dir=work, database_url=f"sqlite:///{database}",
                        origins=os.environ.get("CAF_ALLOWED_ORIGINS"), api_token=api_token)
    stack.database = database
    stack.api_token = api_token
    yield stack
    stack.stop()


@pytest.fixture
def conversation(rasa_stack):
    return Conversation(rasa_stack.rasa_url, api_token=rasa_stack.api_token)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return paths.REPO_ROOT

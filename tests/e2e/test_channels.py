"""The socket.io channel answers like the REST one."""

from __future__ import annotations

import threading
import uuid

import pytest


@pytest.mark.stack
def test_socketio_channel_answers_with_source(rasa_stack):
    import socketio

    received: list[dict] = []
    done = threading.Event()
    client = socketio.Client(reconnection=False)

    @client.on("bot_uttered")
    def on_bot(data):
        received.append(data)
        if isinstance(data.get("custom"), dict) and data["custom"].get("type") == "sources":
            done.set()

    client.connect(rasa_stack.rasa_url, socketio_path="/socket.io", transports=["websocket", "polling"])
    session_id = uuid.uuid4().hex
    client.emit("session_request", {"session_id": session_id})
    client.emit("user_uttered", {"message": "aide pour créer un relais petite enfance", "session_id": session_id})
    done.wait(timeout=60)
    client.disconnect()
    texts = [m.get("text") or "" for m in received]
    assert any("Source" in t for t in texts), texts
    customs = [m["custom"] for m in received if isinstance(m.get("custom"), dict)]
    assert any(c.get("type") == "sources" and c["sources"][0]["sheet_id"] for c in customs), received


@pytest.mark.stack
def test_socketio_refuses_a_website_not_allowed(rasa_stack):
    import os

    import socketio

    from caf_assistant.stack import DEFAULT_ORIGINS
    allowed = (os.environ.get("CAF_ALLOWED_ORIGINS") or DEFAULT_ORIGINS).split()[0]
    for origin, accepted in (("https://site-malveillant.example", False), (allowed, True)):
        client = socketio.Client(reconnection=False)
        try:
            client.connect(rasa_stack.rasa_url, socketio_path="/socket.io", transports=["polling"],
                           headers={"Origin": origin}, wait_timeout=10)
            connected = True
        except socketio.exceptions.ConnectionError:
            connected = False
        finally:
            client.disconnect()
        assert connected == accepted, origin

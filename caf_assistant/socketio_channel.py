"""Rasa's socket.io channel with two fixes for Rasa 3.6 on python-socketio 5.x (runs inside Rasa).

- Rasa's socket.io output passes a custom message's keys to `emit()` as keyword arguments, so a
  message such as `{"type": "sources", ...}` fails (`unexpected keyword argument 'type'`): it is sent
  as the event's payload instead, in the same shape as the REST channel (`custom`).
- Rasa calls `AsyncServer.enter_room` without awaiting it, but it is a coroutine in python-socketio
  5.x: the client never joined its session's room and received no reply. It is scheduled here.
- Rasa builds the server with `cors_allowed_origins=[]`, which turns python-socketio's origin check off:
  any website could talk to the bot through its visitors' browsers. The server here accepts only the
  origins Rasa's REST API accepts (`CAF_ALLOWED_ORIGINS`, set by caf_assistant.stack).
Configured in bot/credentials.yml as `caf_assistant.socketio_channel.SocketIOInput`.
"""

from __future__ import annotations

import asyncio
import inspect
import os
from typing import Any

import socketio as python_socketio
from rasa.core.channels import socketio


def allowed_origins() -> list[str]:
    from caf_assistant.stack import DEFAULT_ORIGINS

    return (os.environ.get("CAF_ALLOWED_ORIGINS") or DEFAULT_ORIGINS).split()


def origin_check(allowed: list[str]):
    """python-socketio's check: an allowed origin, or the server's own (a client on the same host)."""
    def accepts(origin: str | None, environ: dict) -> bool:
        own = f"{environ.get('wsgi.url_scheme', 'http')}://{environ.get('HTTP_HOST', '')}"
        return origin is None or origin in allowed or origin == own
    return accepts


class AsyncServer(python_socketio.AsyncServer):
    def __init__(self, *args, **kwargs):  # noqa: ANN002, ANN003 - the library's signature
        super().__init__(*args, **{**kwargs, "cors_allowed_origins": origin_check(allowed_origins())})

    def enter_room(self, sid, room, namespace=None):  # noqa: ANN001 - same signature as the library's
        joined = super().enter_room(sid, room, namespace=namespace)
        return asyncio.ensure_future(joined) if inspect.isawaitable(joined) else joined


class SocketIOOutput(socketio.SocketIOOutput):
    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


# The input channel builds its server and output inside its blueprint from the module's names.
socketio.SocketIOOutput = SocketIOOutput
socketio.AsyncServer = AsyncServer


class SocketIOInput(socketio.SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

"""Rasa's socket.io channel, with custom JSON messages sent as `{"custom": {...}}` (runs inside Rasa).

Rasa 3.6's socket.io output passes a custom message's keys to `emit()` as keyword arguments, so a
message such as `{"type": "sources", ...}` fails (`unexpected keyword argument 'type'`). This channel
sends it as the event's payload instead, in the same shape as the REST channel (`custom`).
Configured in bot/credentials.yml as `caf_assistant.socketio_channel.SocketIOInput`.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels import socketio


class SocketIOOutput(socketio.SocketIOOutput):
    async def send_custom_json(self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


# The input channel builds its output inside its blueprint from the module's name.
socketio.SocketIOOutput = SocketIOOutput


class SocketIOInput(socketio.SocketIOInput):
    @classmethod
    def name(cls) -> str:
        return "socketio"

"""What a user's message may be before Rasa reads it: bounded, visible, and no internal command.

Every channel (REST, socket.io, the widget, the tests) reaches Rasa's `MessageProcessor.handle_message`;
`caf_assistant.rasa_server` screens the message there, once, with these pure functions:

- a message longer than `max_message_chars()` is cut at a word boundary (the bot says so and answers on
  the first part): no parser, spaCy included, ever sees more, and one huge message cannot hold up the others;
- control and invisible format characters (zero-width, bidi overrides, NUL...) are dropped;
- Rasa's `/intent{"entity": value}` syntax is kept only for what the bot's own buttons send: an intent of
  the domain that is not internal (`/restart`, `/session_start`, `/back`, `/nlu_fallback` are not), with
  small entities the domain declares. Anything else typed with a leading « / » is read as ordinary text,
  so it gets the ordinary reply; entity values kept still go through the actions' validation.

No Rasa import here: the application's environment reads `max_message_chars` too (one limit for both).
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass

DEFAULT_MAX_MESSAGE_CHARS = 2000
# request bodies the servers accept (Sanic's default is 100 MB): a 1 MB message still reaches the screening
# and is answered on its first part; an action call carries the conversation, of bounded messages
RASA_REQUEST_MAX_BYTES = 4_000_000
ACTION_REQUEST_MAX_BYTES = 8_000_000
INTERNAL_INTENTS = frozenset({"restart", "back", "session_start", "nlu_fallback"})
MAX_PAYLOAD_CHARS = 500
MAX_ENTITY_VALUE_CHARS = 100
_PAYLOAD = re.compile(r"/([A-Za-z_][\w-]{0,60})(\{.*\})?", re.DOTALL)


def max_message_chars(environ: dict | None = None) -> int:
    environ = os.environ if environ is None else environ
    value = environ.get("CAF_MAX_MESSAGE_CHARS", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_MESSAGE_CHARS


DEFAULT_MAX_SESSION_EVENTS = 800


def max_session_events(environ: dict | None = None) -> int:
    """Events after which a conversation goes on in a new session (CAF_MAX_SESSION_EVENTS, default 800:
    about a hundred turns). Rasa reads a conversation's current session on every turn: bounded, a script
    sending thousands of messages cannot make each of its turns, and the others', slower and slower."""
    environ = os.environ if environ is None else environ
    value = environ.get("CAF_MAX_SESSION_EVENTS", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_SESSION_EVENTS


@dataclass(frozen=True)
class Screened:
    text: str
    cut_from: int | None = None  # the original length, when the message was cut
    payload_refused: bool = False  # a « /... » command that is not one of the bot's buttons


def visible(text: str) -> str:
    """The text without control and invisible format characters; tabs become spaces, and a list's lines stay lines
    (« Nombre de places : 40 » then « Coût : 1,2 M€ »: each label names its own number)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(" " if ch == "\t" else ch for ch in text
                   if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))


def cut(text: str, limit: int) -> str:
    """The first `limit` characters, ending at a word boundary when there is one in the last fifth."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    space = head.rfind(" ")
    return head[:space] if space > limit * 0.8 else head


def accepted_payload(text: str, intents: set[str], entities: set[str]) -> bool:
    """Whether `/intent{...}` is one the bot's buttons could send: a public intent, small known entities."""
    if len(text) > MAX_PAYLOAD_CHARS:
        return False
    match = _PAYLOAD.fullmatch(text)
    if not match or match.group(1) not in intents or match.group(1) in INTERNAL_INTENTS:
        return False
    if not match.group(2):
        return True
    try:
        values = json.loads(match.group(2))
    except ValueError:
        return False
    return isinstance(values, dict) and all(
        key in entities and isinstance(value, (str, int, float)) and not isinstance(value, bool)
        and len(str(value)) <= MAX_ENTITY_VALUE_CHARS for key, value in values.items())


def screen(text: str | None, intents: set[str], entities: set[str], limit: int | None = None) -> Screened:
    limit = limit or max_message_chars()
    raw = text or ""
    cut_from = len(raw) if len(raw) > limit else None
    cleaned = visible(cut(raw, limit * 2) if cut_from else raw)  # bound the work before anything else
    cleaned = re.sub(r" *\n[ \n]*", "\n", re.sub(r" {2,}", " ", cleaned)).strip()  # no blank lines, no margins
    cleaned = cut(cleaned, limit)
    if cleaned.startswith("/") and not accepted_payload(cleaned, intents, entities):
        return Screened(text=cleaned.lstrip("/ ").strip(), cut_from=cut_from, payload_refused=True)
    return Screened(text=cleaned, cut_from=cut_from)

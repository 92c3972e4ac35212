"""What the servers' logs never hold: what users typed, the slots they filled, the conversation.

`mask_event` is a structlog processor (Rasa logs through structlog): the keys Rasa's own anonymizer lists
(Rasa Open Source has no anonymization pipeline, so it leaves them as they are) are masked, and an
exception is reduced to its type and where it happened, because Rasa renders tracebacks with each frame's
local variables (the message, the tracker). `safe_traceback` does the same for the action server.
"""

from __future__ import annotations

import sys
import traceback

MASK = "[masqué]"
PERSONAL_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response", "slot_candidates",
    "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states", "successes", "current_entity",
    "next_entity", "states", "entity", "token_text", "user_message", "json_message", "events", "tracker", "slots",
    "metadata", "request_body", "body"})


def safe_traceback(error: BaseException) -> str:
    """The exception's type and the code it went through, without its message or any variable."""
    frames = traceback.extract_tb(error.__traceback__)
    where = " < ".join(f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno} {frame.name}" for frame in reversed(frames[-6:]))
    return f"{type(error).__name__} ({where})" if where else type(error).__name__


def mask_event(_logger, _method: str, event_dict: dict) -> dict:
    for key in list(event_dict):
        if key in PERSONAL_KEYS:
            event_dict[key] = MASK
    exc_info = event_dict.pop("exc_info", None)
    if exc_info:
        error = exc_info if isinstance(exc_info, BaseException) else (
            exc_info[1] if isinstance(exc_info, tuple) else sys.exc_info()[1])
        if error is not None:
            event_dict["exception"] = safe_traceback(error)
    return event_dict

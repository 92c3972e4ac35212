"""The conversation as agents read it: user and bot texts from the tracker's events, and its triage."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)
MAX_TURNS = 60
SMALL_TALK = {"greet", "goodbye", "thank", "affirm", "deny", "ask_human", "cancel", "bot_capabilities"}


def _before_form(events: list[dict], form: str) -> list[dict]:
    """Events before the handoff form was last activated (its answers are personal data, kept apart)."""
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        if event.get("event") == "active_loop" and event.get("name") == form:
            return events[:index]
    return events


def transcript_from_events(events: list[dict], form: str = "handoff_form") -> list[dict]:
    turns = []
    for event in _before_form(events, form):
        kind = event.get("event")
        text = event.get("text")
        if kind == "user" and text:
            turns.append({"role": "user", "text": text, "timestamp": event.get("timestamp")})
        elif kind == "bot" and text:
            turns.append({"role": "bot", "text": text, "timestamp": event.get("timestamp")})
    return turns[-MAX_TURNS:]


def questions_of(events: list[dict], form: str = "handoff_form") -> str:
    """What the official asked before the handoff (small talk and button payloads left out)."""
    texts = []
    for event in _before_form(events, form):
        if event.get("event") != "user" or not event.get("text") or event["text"].startswith("/"):
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent in SMALL_TALK:
            continue
        texts.append(event["text"].strip())
    return "\n".join(texts[-5:])


def conversation_triage(events: list[dict], retriever=None) -> dict | None:
    """The triage of the official's questions, or None when there is nothing to triage."""
    from caf_assistant.triage import TriageInputError, triage

    text = questions_of(events)
    if not text:
        return None
    try:
        return triage(text, retriever).to_dict()
    except TriageInputError:
        return None
    except Exception:  # noqa: BLE001 - a ticket is created even when the triage fails
        logger.warning("tri de la conversation impossible", exc_info=True)
        return None

"""Slots of the estimate form <-> inputs of caf_assistant.estimates (shared by the estimate actions); the slots
themselves are generated from the declarations (caf_assistant/estimates/domain_file.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk.events import FollowupAction

from caf_assistant.estimates.domain_file import PREFIX, RULES_SLOT, TYPE_SLOT, slot_of
from caf_assistant.estimates.facts import estimate_key
from caf_assistant.estimates.inputs import INPUT_TYPES
from caf_assistant.estimates.kind_from_sheets import kind_from_sheets
from caf_assistant.estimates.kinds import families_named
from caf_assistant.estimates.requests import describes_a_project, is_estimate_request
from caf_assistant.runtime import get_retriever

FACT_SLOTS = [slot_of(name) for name in INPUT_TYPES]
ALL_SLOTS = [TYPE_SLOT, *FACT_SLOTS, RULES_SLOT]


def input_of(slot: str | None) -> str | None:
    if slot and slot.startswith(PREFIX) and slot[len(PREFIX):] in INPUT_TYPES:
        return slot[len(PREFIX):]
    return None


def _plain(name: str, value: Any) -> Any:
    if isinstance(value, float) and INPUT_TYPES[name] in ("places", "count") and value == int(value):
        return int(value)
    return value


def known_inputs(tracker) -> dict[str, Any]:
    """The facts already given, by input name (unknown ones are absent)."""
    values = {name: tracker.get_slot(slot_of(name)) for name in INPUT_TYPES}
    return {name: _plain(name, value) for name, value in values.items() if value is not None}


def current_estimate(tracker) -> str | None:
    return estimate_key(tracker.get_slot(TYPE_SLOT))


def hand_to_estimate(tracker) -> list:
    """The events that hand the latest message to the estimate form when it is an estimate the NLU sent
    elsewhere (the answer action, the out-of-scope reply); none otherwise."""
    text = tracker.latest_message.get("text")
    if tracker.active_loop:
        return []
    if is_estimate_request(text, tracker.get_slot(TYPE_SLOT)):
        return [FollowupAction("estimate_form")]
    # a project's figures without its kind named: an estimate when the sheets tell which offer it is
    if describes_a_project(text) and not families_named(text) and kind_from_sheets(get_retriever(), text):
        return [FollowupAction("estimate_form")]
    return []


def recent_texts(tracker, before: int = 2) -> list[str]:
    """What the user typed since the form started, and the ``before`` messages before it (« faire tourner notre
    relais » answered from the sheets, then « 90 000 € par an »: the kind comes from the conversation)."""
    since = form_texts(tracker)
    typed = [e.get("text") or "" for e in tracker.events or [] if e.get("event") == "user"]
    typed = [text for text in typed if text and not text.startswith("/")]
    earlier = typed[:max(len(typed) - len(since), 0)][-before:] if before else []
    return [*earlier, *since]


def form_texts(tracker) -> list[str]:
    """What the user typed since the message that started the estimate form (button payloads left out)."""
    events = tracker.events or []
    starts = [i for i, e in enumerate(events) if e.get("event") == "active_loop" and e.get("name") == "estimate_form"]
    latest = tracker.latest_message.get("text") or ""
    if not starts:
        return [latest]
    trigger = max((i for i, e in enumerate(events[:starts[-1]]) if e.get("event") == "user"), default=starts[-1])
    texts = [e.get("text") or "" for e in events[trigger:] if e.get("event") == "user"]
    if not texts or texts[-1] != latest:
        texts.append(latest)
    return [text for text in texts if text and not text.startswith("/")]

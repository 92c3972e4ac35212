"""What a cancelled hand-off erases from the conversation store: what the official typed for it.

Pure functions over Rasa's events as stored (dicts). A turn that cancels the hand-off form (or ends it
without a ticket) erases, since the form last started, the user messages that answered its personal
questions (commune, name, e-mail or phone), the slots they set and the bot messages that quote them.
`caf_assistant.rasa_server` applies it to the tracker store after the turn, inside the conversation's lock.
"""

from __future__ import annotations

FORM = "handoff_form"
PERSONAL_SLOTS = frozenset({"handoff_commune", "handoff_name", "handoff_contact"})
CANCEL_ACTION = "action_handoff_cancel"
SUBMIT_ACTION = "action_handoff_submit"
TICKET_SLOT = "handoff_ticket"
MIN_QUOTED_CHARS = 3


def turn_erases(turn: list[dict]) -> bool:
    """The events of one turn cancel the hand-off, or end its form without recording a ticket."""
    actions = {e.get("name") for e in turn if e.get("event") == "action"}
    ticket = any(e.get("event") == "slot" and e.get("name") == TICKET_SLOT and e.get("value") for e in turn)
    return CANCEL_ACTION in actions or (SUBMIT_ACTION in actions and not ticket)


def positions_to_erase(events: list[dict]) -> list[int]:
    """Positions of the events that hold what was typed in the hand-off form since it last started."""
    starts = [i for i, e in enumerate(events) if e.get("event") == "active_loop" and e.get("name") == FORM]
    if not starts:
        return []
    requested, typed, erased = None, [], []
    for i in range(starts[-1], len(events)):
        event = events[i]
        kind = event.get("event")
        if kind == "slot" and event.get("name") == "requested_slot":
            requested = event.get("value")
        elif kind == "slot" and event.get("name") in PERSONAL_SLOTS and event.get("value") is not None:
            erased.append(i)
        elif kind == "user" and requested in PERSONAL_SLOTS \
                and (event.get("parse_data") or {}).get("intent", {}).get("name") != "cancel":
            erased.append(i)
            if len((event.get("text") or "").strip()) >= MIN_QUOTED_CHARS:
                typed.append(event["text"].strip())
        elif kind == "bot" and any(t in (event.get("text") or "") for t in typed):
            erased.append(i)
    return erased

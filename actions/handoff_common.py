"""Shared by the handoff actions and by action_answer_from_sheets: the ticket store, the outbox of the
requests waiting for it, and the notice shown while a ticket of the conversation is open (slot handoff_ticket)."""

from __future__ import annotations

from functools import lru_cache

from rasa_sdk.events import FollowupAction, SlotSet

from caf_assistant.handoff import outbox as outboxes
from caf_assistant.handoff.erasure import PERSONAL_SLOTS
from caf_assistant.handoff.store import CLOSED, OPEN, TicketStore

TICKET_SLOT = "handoff_ticket"
FORM_SLOTS = ("handoff_consent", *sorted(PERSONAL_SLOTS))  # the form's answers, cleared when it ends
FAILED_BEFORE_OFFER = 2


@lru_cache(maxsize=4)
def _store(url: str | None) -> TicketStore:
    return TicketStore(url)


def store() -> TicketStore:
    return _store(None)


def outbox() -> outboxes.Outbox:
    return outboxes.Outbox(outboxes.outbox_dir())


def keep_flushing() -> None:
    """Records the requests kept while the database was unavailable, in the background, once it is back."""
    outboxes.keep_flushing(outbox(), lambda **request: store().create(**request), outboxes.retry_seconds())


def open_notice(ticket_id: str) -> str:
    return (f"Votre demande n° {ticket_id} est transmise à la Caf : une personne va vous répondre. "
            "En attendant, je continue de répondre à partir des fiches.")


def closed_notice(ticket_id: str) -> str:
    return f"Votre demande n° {ticket_id} a été traitée par la Caf."


def ticket_status(tracker) -> tuple[str | None, str | None]:
    """(ticket id, its status) for the conversation's ticket, (None, None) when there is none."""
    ticket_id = tracker.get_slot(TICKET_SLOT)
    if not ticket_id:
        return None, None
    return ticket_id, store().status(ticket_id)


def after_answer(dispatcher, tracker, failed: float) -> list:
    """Called by action_answer_from_sheets before its reply: the open ticket's notice (or, once an agent
    closed it, a last word and back to normal), and the handoff proposal after two failed answers."""
    ticket_id, status = ticket_status(tracker)
    events: list = []
    if status == OPEN:
        dispatcher.utter_message(text=open_notice(ticket_id))
        dispatcher.utter_message(json_message={"type": "handoff", "ticket_id": int(ticket_id), "status": OPEN})
        return events
    if ticket_id:
        if status == CLOSED:
            dispatcher.utter_message(text=closed_notice(ticket_id))
        events.append(SlotSet(TICKET_SLOT, None))
    if failed >= FAILED_BEFORE_OFFER and not (tracker.active_loop or {}).get("name"):
        events.append(FollowupAction("action_handoff_offer"))
    return events

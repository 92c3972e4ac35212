from __future__ import annotations

import asyncio
import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff_common import FORM_SLOTS, TICKET_SLOT, keep_flushing, open_notice, outbox, store, ticket_status
from caf_assistant.handoff.rate_limits import over_limit
from caf_assistant.handoff.retry import retried
from caf_assistant.handoff.store import OPEN, TRANSIENT_ERRORS, Ticket
from caf_assistant.handoff.transcript import conversation_triage, transcript_from_events
from caf_assistant.handoff.validation import contact_kind
from caf_assistant.log_privacy import safe_traceback
from caf_assistant.runtime import get_retriever

logger = logging.getLogger(__name__)
TOO_MANY = ("Trop de demandes de mise en relation ont été faites ces dernières heures : je ne peux pas en "
            "enregistrer une de plus pour l'instant. Réessayez plus tard, ou joignez directement votre chargé de "
            "conseil et de développement de la Caf.")
NO_CONSENT = ("Sans votre accord, je ne transmets rien à la Caf. Vous pouvez aussi joindre directement votre "
              "chargé de conseil et de développement.")
NOT_RECORDED = ("Je n'ai pas pu enregistrer votre demande à cause d'un incident technique. Vous pouvez joindre "
                "directement votre chargé de conseil et de développement de la Caf.")


def record(request: dict) -> Ticket | None:
    """The ticket, None when the rate limits refuse it; a database still unavailable after the retries raises."""
    if retried(lambda: over_limit(store(), request["sender_id"])):
        return None
    return retried(lambda: store().create(**request))


class ActionHandoffSubmit(Action):
    """Records the ticket (transcript + triage of the conversation) once the form has every answer. A database
    locked or unreachable is tried again briefly; if it stays so, the request waits in the outbox, recorded in
    the background once the database is back (caf_assistant/handoff/outbox.py), and the official is told."""

    def __init__(self) -> None:
        keep_flushing()  # requests left waiting by a previous run of the action server

    def name(self) -> str:
        return "action_handoff_submit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        clear = [SlotSet(slot, None) for slot in FORM_SLOTS]
        ticket_id, status = ticket_status(tracker)
        if status == OPEN:
            dispatcher.utter_message(text=open_notice(ticket_id))
            return clear
        if tracker.get_slot("handoff_consent") != "oui":
            dispatcher.utter_message(text=NO_CONSENT)
            return clear
        commune = tracker.get_slot("handoff_commune")
        name = tracker.get_slot("handoff_name")
        contact = tracker.get_slot("handoff_contact")
        if not (commune and name and contact):
            dispatcher.utter_message(text="Il manque une information : je n'ai rien transmis. Redemandez à parler "
                                          "à une personne pour recommencer.")
            return clear
        events = list(tracker.events)
        try:
            request = dict(sender_id=tracker.sender_id, commune=commune, name=name, contact=contact,
                           contact_kind=contact_kind(contact), transcript=transcript_from_events(events),
                           triage=conversation_triage(events, get_retriever()))
            # in a thread: the waits for a locked database do not hold up the other conversations' actions
            ticket = await asyncio.to_thread(record, request)
            if ticket is None:
                dispatcher.utter_message(text=TOO_MANY)
                return clear
        except TRANSIENT_ERRORS as error:
            # the database's message holds the row's values (name, e-mail): its class only
            logger.warning("base des tickets indisponible (%s) : demande mise en attente", type(error).__name__)
            if outbox().put(request):
                keep_flushing()
                dispatcher.utter_message(response="utter_handoff_not_saved")
            else:
                dispatcher.utter_message(text=NOT_RECORDED)
            return clear
        except Exception as error:  # noqa: BLE001 - the official must get an answer even if the database fails
            # the database's message holds the row's values (name, e-mail): type and frames only
            logger.error("enregistrement du ticket impossible : %s", safe_traceback(error))
            dispatcher.utter_message(text=NOT_RECORDED)
            return clear
        route = (ticket.triage or {}).get("route_label")
        who = f" ({route.lower()})" if route else ""
        dispatcher.utter_message(
            text=f"C'est transmis : votre demande n° {ticket.id} est enregistrée. Une personne de la Caf{who} "
                 f"vous répondra ({'par e-mail' if ticket.contact_kind == 'email' else 'par téléphone'}). "
                 "En attendant, je reste à votre disposition pour vos questions sur les offres de la Caf.")
        dispatcher.utter_message(json_message={"type": "handoff", "ticket_id": ticket.id, "status": ticket.status})
        return [*clear, SlotSet(TICKET_SLOT, str(ticket.id)), SlotSet("failed_answers", 0.0)]

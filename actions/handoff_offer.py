from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.action_answer_from_sheets import ActionAnswerFromSheets
from actions.handoff_common import TICKET_SLOT, open_notice, ticket_status
from actions.replies import YES_NO
from caf_assistant.answers.requests import asks_for_person
from caf_assistant.handoff.store import OPEN

OFFER = ("Je peux transmettre votre demande à une personne de la Caf : votre chargé de conseil et de "
         "développement pour un projet ou une Ctg, ou le gestionnaire conseil pour un dossier de financement. "
         "Elle vous répondra par e-mail ou par téléphone. Voulez-vous que je transmette votre demande ?")
AFTER_FAILURES = "Je n'ai pas trouvé de réponse sûre à vos deux dernières questions. "


class ActionHandoffOffer(Action):
    """Proposes a handoff to a person (buttons Oui / Non), unless a ticket is already open."""

    def name(self) -> str:
        return "action_handoff_offer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        ticket_id, status = ticket_status(tracker)
        if status == OPEN:
            dispatcher.utter_message(text=open_notice(ticket_id))
            dispatcher.utter_message(json_message={"type": "handoff", "ticket_id": int(ticket_id), "status": OPEN})
            return [SlotSet("failed_answers", 0.0)]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        offered_after_answers = tracker.latest_action_name in ("action_answer_from_sheets", self.name())
        if intent == "ask_human" and not offered_after_answers \
                and not asks_for_person(tracker.latest_message.get("text") or ""):
            # a question about contacts: the sheets answer (run here, so that the rules see one action)
            return ActionAnswerFromSheets().run(dispatcher, tracker, domain)
        prefix = "" if intent == "ask_human" else AFTER_FAILURES
        dispatcher.utter_message(text=prefix + OFFER, buttons=YES_NO)
        events = [SlotSet("failed_answers", 0.0)]
        if ticket_id:
            events.append(SlotSet(TICKET_SLOT, None))  # the previous ticket was closed by an agent
        return events

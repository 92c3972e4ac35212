from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.action_answer_from_sheets import ActionAnswerFromSheets
from actions.estimate_common import hand_to_estimate
from actions.replies import latest_entity
from caf_assistant.answers.departements import canonical, detect_departement, explicit_departement
from caf_assistant.answers.service import asks_again_for_place, asks_more_than_place, no_portrait_text
from caf_assistant.runtime import get_retriever


class ActionSetLocation(Action):
    """Remembers the official's department; says whether the sheets have its portrait. After a question,
    « et chez nous dans la Loire ? » asks that question again for the department: the sheets answer it."""

    def name(self) -> str:
        return "action_set_location"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        handed = hand_to_estimate(tracker)
        if handed:  # « le syndicat mixte (27 communes) porte un relais à 310 000 € »: a project, not a place
            return handed
        text = tracker.latest_message.get("text") or ""
        if (tracker.get_slot("previous_question") and asks_again_for_place(text)) or asks_more_than_place(text):
            return ActionAnswerFromSheets().run(dispatcher, tracker, domain)
        departement = canonical(explicit_departement(latest_entity(tracker, "departement"), text)) \
            or detect_departement(text)
        if not departement:
            dispatcher.utter_message(response="utter_ask_departement")
            return []
        portraits = sorted(get_retriever().departements_with_portrait())
        if departement in portraits:
            dispatcher.utter_message(response="utter_departement_noted", departement=departement)
        else:
            dispatcher.utter_message(text=no_portrait_text(departement, portraits))
            dispatcher.utter_message(response="utter_national_offers_only")
        return [SlotSet("departement", departement)]

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from caf_assistant.estimates.requests import gives_project_facts


class ActionOutOfScope(Action):
    """Not the Caf's business: says so, unless the message gives a project's figures (« la toiture de notre
    halte-garderie de 15 places, 110 000 € »), which is an estimate the NLU did not recognise."""

    def name(self) -> str:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if not tracker.active_loop and gives_project_facts(tracker.latest_message.get("text")):
            return [FollowupAction("estimate_form")]
        dispatcher.utter_message(response="utter_out_of_scope")
        return []

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate_common import hand_to_estimate


class ActionOutOfScope(Action):
    """Not the Caf's business: says so, unless the message gives a project's figures (« la toiture de notre
    halte-garderie de 15 places, 110 000 € »), which is an estimate the NLU did not recognise."""

    def name(self) -> str:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        handed = hand_to_estimate(tracker)
        if handed:
            return handed
        dispatcher.utter_message(response="utter_out_of_scope")
        return []

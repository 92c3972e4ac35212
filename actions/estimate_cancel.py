from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate_common import ALL_SLOTS


class ActionEstimateCancel(Action):
    """"annuler" / "stop": forgets the estimate's facts and confirms (the form itself is left by the rule)."""

    def name(self) -> str:
        return "action_estimate_cancel"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        started = any(tracker.get_slot(slot) is not None for slot in ALL_SLOTS)
        dispatcher.utter_message(response="utter_estimate_cancelled" if started else "utter_estimate_nothing_to_cancel")
        return [SlotSet(slot, None) for slot in ALL_SLOTS if tracker.get_slot(slot) is not None]

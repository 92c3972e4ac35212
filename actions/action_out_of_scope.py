from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate_common import hand_to_estimate
from actions.handoff_common import after_answer


class ActionOutOfScope(Action):
    """Not the Caf's business: says so, unless the message gives a project's figures (« la toiture de notre
    halte-garderie de 15 places, 110 000 € »), which is an estimate the NLU did not recognise. It counts as a
    question left unanswered: after two, a person of the Caf is offered, as after two « je ne sais pas »."""

    def name(self) -> str:
        return "action_out_of_scope"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        handed = hand_to_estimate(tracker)
        if handed:
            return handed
        failed = float(tracker.get_slot("failed_answers") or 0) + 1
        handoff = after_answer(dispatcher, tracker, failed)
        dispatcher.utter_message(response="utter_out_of_scope")
        return [SlotSet("failed_answers", failed), *handoff]

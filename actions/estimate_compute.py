from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.action_answer_from_sheets import ActionAnswerFromSheets
from actions.estimate_common import RULES_SLOT, current_estimate, known_inputs
from actions.replies import messages
from caf_assistant.estimates import EstimateError, run_estimate, to_dict, to_text
from caf_assistant.estimates.facts import rules_date
from caf_assistant.estimates.followups import follow_ups


class ActionEstimate(Action):
    """Computes the estimate from the form's facts: breakdown as text, JSON for the widget, follow-up buttons.

    A message the form found no estimate in (no kind, no fact) is answered from the sheets instead.
    The facts stay in the slots, so a correction ("en fait 40 places") recomputes; a new request starts afresh.
    """

    def name(self) -> str:
        return "action_estimate"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        key = current_estimate(tracker)
        if key is None:  # the form found nothing to estimate ("combien d'allocataires ?"): a question
            return ActionAnswerFromSheets().run(dispatcher, tracker, domain)
        inputs = known_inputs(tracker)
        try:
            breakdown = run_estimate(key, inputs, rules_date(tracker.get_slot(RULES_SLOT)))
        except EstimateError as error:
            dispatcher.utter_message(text=f"{error} {messages()['estimate_rules_hint']}")
            return []
        dispatcher.utter_message(text=to_text(breakdown))
        dispatcher.utter_message(json_message={"type": "estimate", "breakdown": to_dict(breakdown)})
        buttons = [{"title": title, "payload": payload} for title, payload in follow_ups(key, inputs)]
        dispatcher.utter_message(text=messages()["estimate_next"], buttons=buttons)
        return []

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.action_answer_from_sheets import ActionAnswerFromSheets
from actions.estimate_common import RULES_SLOT, current_estimate, known_inputs
from caf_assistant.estimates import EstimateError, to_dict, to_text
from caf_assistant.estimates.cases import cases_lines, estimate_cases, headline
from caf_assistant.estimates.followups import follow_ups
from caf_assistant.estimates.rules_year import rules_date


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
            cases = estimate_cases(key, inputs, rules_date(tracker.get_slot(RULES_SLOT)))
        except EstimateError as error:
            dispatcher.utter_message(response="utter_estimate_not_computable", reason=str(error))
            return []
        breakdown = cases.cases[-1].breakdown
        if not cases.single:  # a yes/no fact left unanswered: every case, the last in detail
            dispatcher.utter_message(text="\n".join(cases_lines(cases)))
        dispatcher.utter_message(text=headline(breakdown))
        dispatcher.utter_message(text=to_text(breakdown))
        dispatcher.utter_message(json_message={"type": "estimate", "breakdown": to_dict(breakdown)})
        buttons = [{"title": title, "payload": payload} for title, payload in follow_ups(key, inputs)]
        dispatcher.utter_message(response="utter_estimate_next", buttons=buttons)
        return []

"""The form's questions that need more than their response: the kind of project (buttons narrowed to the
project named) and the yes/no questions (the figure for each answer first).

The other questions are the domain's ``utter_ask_est_<input>`` responses, generated from the declarations
(bot/domain/estimates_form.yml), which Rasa's form sends itself. One small class per asked slot (Rasa looks
them up by name).
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate_common import RULES_SLOT, TYPE_SLOT, current_estimate, known_inputs, recent_texts, slot_of
from caf_assistant.estimates import EstimateError, to_dict
from caf_assistant.estimates.cases import cases_lines, estimate_cases
from caf_assistant.estimates.domain_file import yes_no_asked
from caf_assistant.estimates.followups import type_buttons
from caf_assistant.estimates.kinds import families_named
from caf_assistant.estimates.rules_year import rules_date


class ActionAskTypeEstimation(Action):
    def name(self) -> str:
        return f"action_ask_{TYPE_SLOT}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        # only the kinds of the project the conversation named (« une crèche »: the four crèche estimates)
        families = families_named(" ".join(recent_texts(tracker)))
        buttons = [{"title": title, "payload": payload} for title, payload in type_buttons(families)]
        dispatcher.utter_message(response=f"utter_ask_{TYPE_SLOT}", buttons=buttons)
        return []


class AskYesNoInput(Action, ABC):
    """Asks a yes/no fact, after the figure for each answer; the concrete classes below only set ``input_name``."""

    @property
    @abstractmethod
    def input_name(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{slot_of(self.input_name)}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        key = current_estimate(tracker)
        try:
            cases = estimate_cases(key, known_inputs(tracker), rules_date(tracker.get_slot(RULES_SLOT))) if key \
                else None
        except EstimateError:
            cases = None  # the question alone; the estimate action will say what is wrong
        if cases and not cases.single:
            dispatcher.utter_message(response="utter_estimate_cases", cases="\n".join(cases_lines(cases)))
            dispatcher.utter_message(json_message={"type": "estimate", "breakdown": to_dict(cases.cases[-1].breakdown)})
        dispatcher.utter_message(response=f"utter_ask_{slot_of(self.input_name)}")
        return []


for _name in yes_no_asked():  # ActionAskEstQpv, ActionAskEstCtg
    _class_name = "ActionAskEst" + "".join(part.title() for part in _name.split("_"))
    globals()[_class_name] = type(_class_name, (AskYesNoInput,), {"input_name": _name})

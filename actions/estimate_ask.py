"""The form's questions: `action_ask_<slot>`, worded by the estimates registry for the current kind of estimate.

One small class per asked slot (Rasa looks them up by name); yes/no questions carry Oui / Non buttons and
the kind of project is chosen with buttons.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate_common import RULES_SLOT, TYPE_SLOT, current_estimate, form_texts, known_inputs, slot_of
from actions.replies import YES_NO, messages
from caf_assistant.estimates import EstimateError, to_dict
from caf_assistant.estimates.calculators import REGISTRY
from caf_assistant.estimates.cases import cases_lines, estimate_cases
from caf_assistant.estimates.followups import type_buttons
from caf_assistant.estimates.inputs import INPUT_TYPES, question
from caf_assistant.estimates.kinds import families_named
from caf_assistant.estimates.rules_year import rules_date


class ActionAskTypeEstimation(Action):
    def name(self) -> str:
        return f"action_ask_{TYPE_SLOT}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        # only the kinds of the project the conversation named (« une crèche »: the four crèche estimates)
        families = families_named(" ".join(form_texts(tracker)))
        buttons = [{"title": title, "payload": payload} for title, payload in type_buttons(families)]
        dispatcher.utter_message(text=messages()["estimate_type_question"], buttons=buttons)
        return []


class AskEstimateInput(Action, ABC):
    """Asks for one input; the concrete classes below only set ``input_name``."""

    @property
    @abstractmethod
    def input_name(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{slot_of(self.input_name)}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        key = current_estimate(tracker)
        text = question(key, self.input_name)
        if INPUT_TYPES[self.input_name] == "bool":
            # answer first: the figure for each answer, then the question that decides between them
            try:
                cases = estimate_cases(key, known_inputs(tracker), rules_date(tracker.get_slot(RULES_SLOT))) if key \
                    else None
            except EstimateError:
                cases = None  # the question alone; the estimate action will say what is wrong
            if cases and not cases.single:
                dispatcher.utter_message(text="\n".join([messages()["estimate_cases_intro"], *cases_lines(cases)]))
                dispatcher.utter_message(json_message={"type": "estimate",
                                                       "breakdown": to_dict(cases.cases[-1].breakdown)})
            dispatcher.utter_message(text=text, buttons=YES_NO)
        else:
            dispatcher.utter_message(text=text)
        return []


ASKED_INPUTS = sorted({spec.name for estimate in REGISTRY.values() for spec in estimate.required_inputs})
for _name in ASKED_INPUTS:  # ActionAskEstPlaces, ActionAskEstCoutProjet...
    _class_name = "ActionAskEst" + "".join(part.title() for part in _name.split("_"))
    globals()[_class_name] = type(_class_name, (AskEstimateInput,), {"input_name": _name})

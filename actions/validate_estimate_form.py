from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from actions.estimate_common import (
    ALL_SLOTS,
    RULES_SLOT,
    TYPE_SLOT,
    current_estimate,
    form_texts,
    input_of,
    known_inputs,
    recent_texts,
    slot_of,
)
from actions.replies import latest_entity
from caf_assistant.estimates.cases import to_ask
from caf_assistant.estimates.facts import Facts, estimate_key, extract_facts
from caf_assistant.estimates.inputs import check_fact, unreadable
from caf_assistant.estimates.kind_from_sheets import gives_numbers, kind_from_sheets
from caf_assistant.estimates.kinds import detect_estimate, families_named
from caf_assistant.estimates.numbers import bare_number
from caf_assistant.estimates.requests import corrects_estimate, not_an_estimate, refers_back
from caf_assistant.estimates.rules_year import check_rules_year, rules_date
from caf_assistant.runtime import get_retriever

# Messages that answer the form; any other intent is a digression (the form is rejected, a rule answers,
# then the form asks its question again) unless it plainly answers the pending question.
ANSWER_INTENTS = {"inform", "request_estimate", "affirm", "deny", "nlu_fallback"}


HANDING_OVER = ("action_answer_from_sheets", "action_handoff_offer", "action_redirect_beneficiary", "action_out_of_scope",
                "action_greet")


def handed_over(tracker: Tracker) -> bool:
    """The answer action handed this message over (it gives a project's figures) and the form started on it:
    not a correction after an estimate, nor a question in the middle of the form."""
    events = tracker.events or []
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    loops_before = [e.get("name") for e in events[:last_user] if e.get("event") == "active_loop"]
    if loops_before and loops_before[-1]:
        return False  # a form was active when the message came: a digression, not a new request
    names = [e.get("name") for e in events[last_user + 1:] if e.get("event") in ("action", "active_loop")]
    # the answer action, or a guard that ran it (the hand-off offer, the beneficiary redirection)
    answering = [i for i, name in enumerate(names) if name in HANDING_OVER]
    answered = answering[0] if answering else None
    return answered is not None and "estimate_form" in names[answered + 1:]


class ValidateEstimateForm(FormValidationAction):
    """Reads every fact of each message (caf_assistant.estimates.facts), checks it, asks only what is missing."""

    def name(self) -> str:
        return "validate_estimate_form"

    # ------------------------------------------------------------------ which slots

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> list[str]:
        return list(ALL_SLOTS)  # all are read from each message; the questions come from next_requested_slot

    async def next_requested_slot(self, dispatcher, tracker, domain) -> SlotSet:
        if self._read(tracker)[2]:
            return SlotSet(REQUESTED_SLOT, None)  # not an estimate: the form ends, action_estimate answers it
        key = current_estimate(tracker)
        if key is None:
            return SlotSet(REQUESTED_SLOT, TYPE_SLOT)
        # the numbers first; a yes/no fact only when its answer changes the figure (the ask action shows both)
        names = to_ask(key, known_inputs(tracker), rules_date(tracker.get_slot(RULES_SLOT)))
        return SlotSet(REQUESTED_SLOT, slot_of(names[0]) if names else None)

    # ------------------------------------------------------------------ reading the message

    def _read(self, tracker: Tracker) -> tuple[Facts | None, bool, bool]:
        """(facts of the latest message or None for a digression, whether it starts a new estimate,
        whether it is no estimate at all but a question routed here by the NLU)."""
        cached = getattr(tracker, "_estimate_facts", None)
        if cached is not None:
            return cached
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name")
        if intent != "request_estimate" and handed_over(tracker):
            intent = "request_estimate"  # handed over by the answer action: the message gives a project's figures
        requested = tracker.get_slot(REQUESTED_SLOT)
        pending = input_of(requested)
        entity = latest_entity(tracker, TYPE_SLOT)
        # a new request forgets the previous project's facts, unless it refers back to them (« pour ces places »)
        # an answer to the pending question that names no kind (« ah non pardon, 20 jeunes ») is no new request
        fresh = intent == "request_estimate" and not text.startswith("/") and not refers_back(text) \
            and not corrects_estimate(text, current_estimate(tracker)) \
            and (requested is None or detect_estimate(text) is not None)
        facts = extract_facts(text, None if fresh else current_estimate(tracker), pending, intent, entity)
        if facts.estimate is None and not text.startswith("/") and current_estimate(tracker) is None \
                and (requested == TYPE_SLOT or facts.values or bare_number(text)):
            # « création » typed at the kind's prompt after « une crèche », or figures after a question on the
            # relais: the kind comes from the conversation
            candidates = [form_texts(tracker)] if requested == TYPE_SLOT else []
            for texts in [*candidates, recent_texts(tracker)]:  # the form's messages first, then the ones before
                kind = extract_facts(" ".join(texts), intent=intent).estimate
                if kind:
                    facts = self._read_as(kind, text, texts, tracker, pending, intent, entity)
                    break
        if facts.estimate is None and not text.startswith("/") and current_estimate(tracker) is None \
                and requested != TYPE_SLOT and gives_numbers(facts) and not families_named(text):
            # a project described without naming its kind (« un lieu où les nounous se retrouvent, 70 k€ par an »):
            # the offer of the sheets its words are closest to
            kind = kind_from_sheets(get_retriever(), text)
            if kind:
                facts = self._read_as(kind, text, [text], tracker, pending, intent, entity)
        off_topic = requested is None and not_an_estimate(facts, text, intent)
        if off_topic:
            fresh = False  # keeps the facts of a previous estimate
        if intent not in ANSWER_INTENTS:
            answers_pending = pending is not None and pending in facts.values and "?" not in text
            if intent == "cancel" or not answers_pending:
                facts = None
        result = (facts, fresh, off_topic)
        tracker._estimate_facts = result  # type: ignore[attr-defined]  # one reading per message
        return result

    @staticmethod
    def _read_as(kind: str, text: str, texts: list[str], tracker: Tracker, pending: str | None, intent: str | None,
                 entity: str | None) -> Facts:
        """The message read as an estimate of ``kind``, the kind the conversation named: the facts of the
        conversation's earlier messages count too (« nous venons de signer notre Ctg »), « 45 000 € chargé » is
        the post's cost, and a bare « 8 » answers the question the form would ask first."""
        earlier = extract_facts(" ".join(t for t in texts if t != text), kind, intent=intent, decided_kind=kind)
        known = {**earlier.values, **known_inputs(tracker)}
        first = to_ask(kind, known, rules_date(tracker.get_slot(RULES_SLOT)))
        facts = extract_facts(text, kind, pending or (first[0] if first and bare_number(text) else None), intent,
                              entity, decided_kind=kind)
        for name, value in earlier.values.items():
            facts.values.setdefault(name, value)
        return facts

    def _extract(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        facts, fresh, off_topic = self._read(tracker)
        if off_topic:
            return {slot: None} if slot == TYPE_SLOT and tracker.get_slot(slot) is not None else {}
        if facts is None:
            return {}
        if slot == TYPE_SLOT:
            value: Any = facts.estimate
        elif slot == RULES_SLOT:
            if facts.rules_today:
                return {slot: None}
            value = float(facts.rules_year) if facts.rules_year is not None else None
        else:
            value = facts.values.get(input_of(slot))
        if value is not None:
            return {slot: value}
        if fresh and tracker.get_slot(slot) is not None:
            return {slot: None}  # a new request forgets the facts of the previous estimate
        return {}

    async def get_extraction_events(self, dispatcher, tracker, domain) -> list:
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        facts, _, _ = self._read(tracker)
        requested = tracker.get_slot(REQUESTED_SLOT)
        if facts is not None and requested and not events:
            # an answer with nothing usable in it: say what is expected; the form asks again
            if requested == TYPE_SLOT or input_of(requested) is None:
                dispatcher.utter_message(response="utter_estimate_type_unreadable")
            else:
                problem = unreadable(input_of(requested))
                dispatcher.utter_message(response=problem.response, **problem.values)
            events.append(SlotSet(requested, None))
        return events

    # ------------------------------------------------------------------ checking the values

    def _validate(self, slot: str, value: Any, dispatcher: CollectingDispatcher) -> dict[str, Any]:
        if value is None:
            return {slot: None}
        if slot == TYPE_SLOT:
            return {slot: estimate_key(value)}
        if slot == RULES_SLOT:
            year, error = check_rules_year(value)
            if error:
                dispatcher.utter_message(response=error)
                return {slot: None}
            return {slot: year}
        clean, problem = check_fact(input_of(slot), value)
        if problem:
            dispatcher.utter_message(response=problem.response, **problem.values)
            return {slot: None}
        return {slot: clean}


def _add_methods() -> None:
    """extract_<slot> and validate_<slot> for every slot of the form (rasa-sdk finds them by name)."""

    def make(slot: str):
        async def extract(self, dispatcher, tracker, domain):
            return self._extract(slot, tracker)

        async def validate(self, value, dispatcher, tracker, domain):
            return self._validate(slot, value, dispatcher)

        extract.__name__, validate.__name__ = f"extract_{slot}", f"validate_{slot}"
        return extract, validate

    for slot in ALL_SLOTS:
        extract, validate = make(slot)
        setattr(ValidateEstimateForm, extract.__name__, extract)
        setattr(ValidateEstimateForm, validate.__name__, validate)


_add_methods()

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction

from caf_assistant.handoff.validation import check_commune, check_consent, check_contact, check_name


class ValidateHandoffForm(FormValidationAction):
    """Checks each answer (caf_assistant/handoff/validation.py) and re-asks with a clear French message."""

    def name(self) -> str:
        return "validate_handoff_form"

    @staticmethod
    def _checked(slot: str, result: tuple[Any, str | None], dispatcher: CollectingDispatcher) -> dict:
        value, message = result
        if message:
            dispatcher.utter_message(text=message)
            return {slot: None}
        return {slot: value}

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: dict) -> list[str]:
        """Consent first: after a « non », nothing personal is asked."""
        if tracker.get_slot("handoff_consent") == "non":
            return []
        return domain_slots

    def validate_handoff_commune(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict) -> dict:
        return self._checked("handoff_commune", check_commune(value), dispatcher)

    def validate_handoff_name(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: dict) -> dict:
        return self._checked("handoff_name", check_name(value), dispatcher)

    def validate_handoff_contact(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict) -> dict:
        return self._checked("handoff_contact", check_contact(value), dispatcher)

    def validate_handoff_consent(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                 domain: dict) -> dict:
        text = value
        if isinstance(value, str) and value.startswith("/"):
            text = value  # a button payload: /affirm or /deny
        consent, message = check_consent(text)
        if message:
            dispatcher.utter_message(text=message)
            return {"handoff_consent": None}
        return {"handoff_consent": "oui" if consent else "non"}

"""The handoff form's questions (`action_ask_<slot>`, the domain's `utter_handoff_ask_*`); the consent question
carries Oui / Non buttons and the retention period."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import YES_NO
from caf_assistant.handoff.erasure import PERSONAL_SLOTS
from caf_assistant.handoff.retention import retention_days


def question(slot: str) -> str:
    """The domain response that asks for `slot` (« handoff_name » → utter_handoff_ask_name)."""
    return f"utter_handoff_ask_{slot.removeprefix('handoff_')}"


class AskHandoff(Action):
    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if self.slot == "handoff_consent":
            dispatcher.utter_message(response=question(self.slot), buttons=YES_NO, retention_days=retention_days())
        else:
            dispatcher.utter_message(response=question(self.slot))
        if self.slot in PERSONAL_SLOTS:  # the widget keeps the answer out of the browser's storage
            dispatcher.utter_message(json_message={"type": "personal_data"})
        return []


class ActionAskHandoffCommune(AskHandoff):
    slot = "handoff_commune"


class ActionAskHandoffName(AskHandoff):
    slot = "handoff_name"


class ActionAskHandoffContact(AskHandoff):
    slot = "handoff_contact"


class ActionAskHandoffConsent(AskHandoff):
    slot = "handoff_consent"

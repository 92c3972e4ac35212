from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.action_answer_from_sheets import ActionAnswerFromSheets
from actions.replies import send_contacts
from caf_assistant.answers.requests import is_own_case


class ActionRedirectBeneficiary(Action):
    """An individual beneficiary's own case is not for this assistant: points to the right channels."""

    def name(self) -> str:
        return "action_redirect_beneficiary"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if not is_own_case(tracker.latest_message.get("text") or ""):
            # a question on an offer, not someone's file: the sheets answer (run here: one action for the rules)
            return ActionAnswerFromSheets().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_redirect_beneficiary")
        send_contacts(dispatcher, "allocataires")
        return []

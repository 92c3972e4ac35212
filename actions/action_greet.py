from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.action_answer_from_sheets import ActionAnswerFromSheets
from caf_assistant.greeting import beyond_greeting


class ActionGreet(Action):
    """Greets; a greeting in front of a question or a project (« Bonjour, notre relais a deux animatrices :
    combien la Caf verse par an ? ») gets its answer or its estimate, not only « Bonjour »."""

    def name(self) -> str:
        return "action_greet"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        if not beyond_greeting(tracker.latest_message.get("text")):
            dispatcher.utter_message(response="utter_greet")
            return []
        # run here, not as a follow-up action: the rule « greet → action_greet » ends the turn as it expects
        # (a follow-up action made the policies predict the answer again and again)
        return ActionAnswerFromSheets().run(dispatcher, tracker, domain)

"""A greeting alone, or a greeting in front of a question: the question is answered."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.action_greet import ActionGreet
from caf_assistant.greeting import beyond_greeting


@pytest.mark.parametrize("text", ["bonjour", "Bonjour Madame, bonjour Monsieur !", "salut ça va ?", "Bonsoir à tous",
                                  "bonjour, merci beaucoup"])
def test_a_greeting_alone(text):
    assert not beyond_greeting(text)


@pytest.mark.parametrize("text", [
    "Bonjour, président de la communauté de communes du Val d'Oust (12 communes). Notre relais a deux animatrices.",
    "bonjour c'est quoi une Ctg ?",
    "Bonjour, simple question de budget : construire une crèche neuve de quarante places, ça coûte combien ?",
])
def test_a_greeting_in_front_of_a_question(text):
    assert beyond_greeting(text)


def _run(text: str) -> tuple[list, list]:
    tracker = Tracker("t", {}, {"text": text, "intent": {"name": "greet"}}, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = ActionGreet().run(dispatcher, tracker, {})
    return events, [m.get("response") for m in dispatcher.messages]


def test_the_greet_action_greets_or_hands_the_question_to_the_answer():
    events, responses = _run("bonjour")
    assert responses == ["utter_greet"] and events == []
    # the question is answered by the answer action, run within the greeting's (a follow-up action looped)
    from unittest import mock
    with mock.patch("actions.action_greet.ActionAnswerFromSheets.run", return_value=["answered"]) as answer:
        events, responses = _run("bonjour c'est quoi une Ctg ?")
    assert answer.called and events == ["answered"] and responses == []

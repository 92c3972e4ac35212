"""The handoff form's questions (`action_ask_<slot>`); the consent question carries Oui / Non buttons."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import YES_NO

QUESTIONS = {
    "handoff_commune": "Pour transmettre votre demande : quelle est votre commune ? (vous pouvez écrire « annuler » "
                       "à tout moment)",
    "handoff_name": "Quels sont votre prénom et votre nom ?",
    "handoff_contact": "À quelle adresse e-mail ou à quel numéro de téléphone la Caf peut-elle vous répondre ?",
    "handoff_consent": "Acceptez-vous que ces informations et notre échange soient transmis à la Caf pour qu'une "
                       "personne vous recontacte ? Elles ne servent qu'à répondre à votre demande.",
}


class AskHandoff(Action):
    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        buttons = YES_NO if self.slot == "handoff_consent" else None
        dispatcher.utter_message(text=QUESTIONS[self.slot], buttons=buttons or [])
        return []


class ActionAskHandoffCommune(AskHandoff):
    slot = "handoff_commune"


class ActionAskHandoffName(AskHandoff):
    slot = "handoff_name"


class ActionAskHandoffContact(AskHandoff):
    slot = "handoff_contact"


class ActionAskHandoffConsent(AskHandoff):
    slot = "handoff_consent"

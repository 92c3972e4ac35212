"""The handoff form's questions (`action_ask_<slot>`); the consent question carries Oui / Non buttons."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import YES_NO
from caf_assistant.handoff.erasure import PERSONAL_SLOTS

QUESTIONS = {
    "handoff_commune": "Quelle est votre commune ? (vous pouvez écrire « annuler » à tout moment : ce que vous "
                       "aurez écrit sera effacé)",
    "handoff_name": "Quels sont votre prénom et votre nom ?",
    "handoff_contact": "À quelle adresse e-mail ou à quel numéro de téléphone la Caf peut-elle vous répondre ?",
    "handoff_consent": "Pour transmettre votre demande, je vais vous demander votre commune, vos prénom et nom, et "
                       "une adresse e-mail ou un numéro de téléphone. Ils seront transmis à la Caf avec notre échange, "
                       "pour qu'une personne vous recontacte, et ne serviront qu'à cela ; vous pourrez en demander "
                       "l'effacement. Acceptez-vous ?",
}


class AskHandoff(Action):
    slot = ""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        buttons = YES_NO if self.slot == "handoff_consent" else None
        dispatcher.utter_message(text=QUESTIONS[self.slot], buttons=buttons or [])
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

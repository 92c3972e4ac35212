from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.replies import send_contacts


class ActionRedirectBeneficiary(Action):
    """An individual beneficiary's own case is not for this assistant: points to the right channels."""

    def name(self) -> str:
        return "action_redirect_beneficiary"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list:
        dispatcher.utter_message(
            text="Je suis l'assistant des élus et je n'ai pas accès aux dossiers personnels. Pour une question sur "
                 "votre dossier ou celui d'une famille (versements, RSA, aides au logement...), la Caf vous répond :")
        send_contacts(dispatcher, "allocataires")
        return []

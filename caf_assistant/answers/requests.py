"""Checks on what the NLU routed away from the answer path: a question stays a question unless it clearly
is a person's own case or a request to talk to someone.

Pure functions on the text. The own-case cues are the helpdesk triage's (knowledge/triage_themes.yml):
the chat and the helpdesk read a person's own case the same way.
"""

from __future__ import annotations

import re

from caf_assistant.text import fold
from caf_assistant.triage.config import load_config

# « mon », « ma », « mes »... but not an official's « ma commune », « mes administrés », « notre projet »
_POSSESSIVE = re.compile(r"(?<![a-z])(?:mon|ma|mes)\s(?!(?:commune|ville|village|mairie|territoire|collectivite|"
                         r"epci|interco|comcom|conseil|equipe|administres|habitants|elus|projet|question|"
                         r"structure|creche|centre|association|service|agents?|secretaire|dgs)\b)")
_PERSON = re.compile(r"\bparler\b|\bechanger avec\b|\brappel|\brecontact|\brendez[- ]vous|\brdv\b|\brencontrer\b|"
                     r"mettre en relation|mise en relation|\bconseill\w*\b.*\b(?:contact|appel|joindre)|"
                     r"\bquelqu un\b|\bhumain|\bune personne\b|\bun agent\b|\btransmet|\bjoindre\b|"
                     r"\bappeler\b|\bcontacte[rz]?\b|\bcoordonnees\b|\bun conseiller\b|\bune conseillere\b")


# what one is entitled to oneself (« à combien j'ai droit ? », « je viens d'accoucher »): a person's case
_OWN_ENTITLEMENT = re.compile(r"\bj ai droit\b|\bai je droit\b|\bje (?:touche|toucherai|percois|recois|vais toucher|"
                              r"vais recevoir)\b|\bje viens d accoucher\b|\bje suis enceinte\b|\bmon bebe\b")


def is_own_case(text: str) -> bool:
    """Someone's own file or aid (« mon APL », « la demande d'AEEH de ma fille », « à combien j'ai droit pour la
    Paje ? »), not a question on an offer."""
    folded = fold(text) + " "
    return bool(load_config().personal_case(text)) or bool(_POSSESSIVE.search(folded)) \
        or bool(_OWN_ENTITLEMENT.search(folded))


def asks_for_person(text: str) -> bool:
    """The message asks to talk to, or be called back by, someone of the Caf."""
    return bool(_PERSON.search(fold(text)))

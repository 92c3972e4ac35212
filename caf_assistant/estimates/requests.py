"""Whether a message is an estimate to compute at all, or a question for the sheets.

An estimate needs a project's facts (places, a cost, candidates, a salary...) or an explicit request for a
simulation; « combien coûte une place de crèche ? » is a question. Pure functions over the text and the
facts that caf_assistant.estimates.facts reads from it.
"""

from __future__ import annotations

import re

from caf_assistant.estimates.facts import Facts, extract_facts
from caf_assistant.text import fold

_AMOUNT_WORDING = re.compile(
    r"estim|simul|calcul|chiffr|\bcb\b|montant|quel(?:le)? (?:financement|somme|subvention|aide)|"
    r"combien\b.*\b(?:touch\w*|aur\w*|financ\w*|vers\w*|donn\w*|mett\w*|pai\w*|pay\w*|aides?|subvention\w*|"
    r"particip\w*|bonus|psu|pour)\b"
)
_SIMULATION = re.compile(r"estim|simul|calcul|chiffr")
_OWN_PROJECT = re.compile(r"\b(?:notre|nos|mon|ma) (?:projet|creche|micro|multi|mam|rpe|relais|poste|alsh|centre)")
_QUESTION = re.compile(r"c est quoi|qu est-ce|quest-ce|comment|pourquoi|\bquand\b|\bou\b|\bqui\b|definition")


def asks_for_amount(text: str) -> bool:
    """Whether the wording asks for an amount for one's project ("combien pour...", "estimation", "simule")."""
    return bool(_AMOUNT_WORDING.search(fold(text)))


def gives_project_facts(text: str | None) -> bool:
    """A message that names a kind of estimate and gives figures for it (« 18 places, 350 000 € de travaux »):
    an estimate to compute, whatever the NLU made of it."""
    if not text or text.startswith("/") or _QUESTION.search(fold(text)):
        return False
    facts = extract_facts(text, None, None, "request_estimate", None)
    return facts.estimate is not None and any(not isinstance(v, bool) for v in facts.values.values())


def not_an_estimate(facts: Facts, text: str, intent: str | None) -> bool:
    """A message routed to the estimates that holds nothing to estimate: a question for the sheets.

    A request with no figure and no explicit request for a simulation ("aide pour créer un relais petite
    enfance", "combien coûte une place de crèche ?", "combien d'allocataires chez nous ?") or a question
    classified as a fact ("c'est quoi un qpv ?", "c'est quoi le plan mercredi ?"): an estimate needs a
    project's facts (places, a cost, candidates, a salary...), the words « estimer », « simuler »,
    « calculer », « chiffrer », or an amount asked for one's own project (« combien pour notre projet ? »)."""
    if text.startswith("/") or facts.rules_year is not None or facts.rules_today:
        return False
    numbers = any(not isinstance(value, bool) for value in facts.values.values())
    if intent == "request_estimate":
        folded = fold(text)
        own_project = asks_for_amount(text) and _OWN_PROJECT.search(folded)
        return not numbers and not _SIMULATION.search(folded) and not own_project
    return "?" in text and not numbers and (not facts.values or bool(_QUESTION.search(fold(text))))

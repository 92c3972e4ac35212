"""Who at the Caf handles a message, and whether a person must act (rules over the theme and cues)."""

from __future__ import annotations

from dataclasses import dataclass

from caf_assistant.triage.config import OUT_OF_SCOPE, TriageConfig, normalise

LOW_CONFIDENCE = 0.35


@dataclass(frozen=True)
class Routing:
    route: str
    label: str
    needs_human: bool
    reasons: list[str]


def route_message(text: str, theme: str, config: TriageConfig) -> tuple[str, list[str]]:
    """(route key, reasons). Individual case or out of scope -> accueil allocataires; a financing file
    under way -> gestionnaire conseil; anything else (projects, Ctg) -> chargé de conseil et de développement."""
    normal = normalise(text)
    if theme == OUT_OF_SCOPE:
        return "accueil_allocataires", ["cas individuel ou hors du champ des offres aux territoires"]
    personal = config.personal_case(text)
    if personal:  # a person's own case, whatever aid it names
        return "accueil_allocataires", [f"situation d'une personne ({', '.join(personal[:3])})"]
    dossier = sorted(set(config.dossier.findall(normal))) if config.dossier else []
    if dossier:
        return "gestionnaire_conseil", [f"dossier de financement en cours ({', '.join(dossier[:3])})"]
    return "charge_conseil_developpement", ["projet, offre de service ou Ctg"]


def needs_person(text: str, route: str, answered: bool, has_estimate: bool, confidence: float,
                 config: TriageConfig) -> list[str]:
    """Reasons why a person must act (empty: the draft can be sent after a check)."""
    reasons = []
    if route == "gestionnaire_conseil":
        reasons.append("suivi d'un dossier de financement")
    if route == "accueil_allocataires":
        reasons.append("situation individuelle ou demande hors champ : réponse personnalisée")
    normal = normalise(text)
    if config.human and config.human.search(normal):
        reasons.append("demande un contact, un rendez-vous ou un rappel")
    if not answered and not has_estimate:
        reasons.append("aucune réponse sûre dans les fiches")
    if confidence < LOW_CONFIDENCE:
        reasons.append("thème incertain")
    return reasons


def route(text: str, theme: str, answered: bool, has_estimate: bool, confidence: float,
          config: TriageConfig) -> Routing:
    key, why = route_message(text, theme, config)
    human = needs_person(text, key, answered, has_estimate, confidence, config)
    return Routing(route=key, label=config.routes[key]["label"], needs_human=bool(human), reasons=why + human)

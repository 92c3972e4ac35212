"""What naturally follows an estimate, offered as quick-reply buttons (title, payload)."""

from __future__ import annotations

import json
from typing import Any

ASK_HUMAN = ("Parler à un conseiller de la Caf", "/ask_human")


def estimate_payload(key: str) -> str:
    """A button payload that starts another estimate, keeping the facts already given (places, QPV...)."""
    return "/request_estimate" + json.dumps({"type_estimation": key}, separators=(",", ":"))


def _places(inputs: dict[str, Any]) -> str:
    places = inputs.get("places")
    return f" pour ces {int(places)} places" if places else ""


def follow_ups(key: str, inputs: dict[str, Any]) -> list[tuple[str, str]]:
    """Buttons after an estimate of kind ``key`` made with ``inputs``."""
    places = _places(inputs)
    options = {
        "creche_creation": [
            (f"Bonus annuels{places}", "bonus_creche"),
            (f"Prestation de service (PSU){places}", "psu"),
        ],
        "creche_modernisation": [(f"Bonus annuels{places}", "bonus_creche"), (f"PSU{places}", "psu")],
        "bonus_creche": [(f"Prestation de service (PSU){places}", "psu")],
        "psu": [(f"Bonus annuels{places}", "bonus_creche")],
        "mam_creation": [("Fonctionnement d'un relais petite enfance", "rpe_fonctionnement")],
        "mam_renovation": [("Fonctionnement d'un relais petite enfance", "rpe_fonctionnement")],
        "rpe_investissement": [("Fonctionnement du relais", "rpe_fonctionnement")],
        "rpe_fonctionnement": [("Investissement pour le relais", "rpe_investissement")],
        "ctg_ingenierie": [("Bonus territoire d'une crèche (Ctg)", "bonus_creche")],
        "bafa": [("Bonification Plan mercredi", "plan_mercredi")],
        "plan_mercredi": [("Aide au Bafa des animateurs", "bafa")],
    }.get(key, [])
    return [(title, estimate_payload(target)) for title, target in options] + [ASK_HUMAN]


TYPE_BUTTONS: list[tuple[str, str]] = [
    ("Créer ou agrandir une crèche", "creche_creation"),
    ("Rénover ou équiper une crèche", "creche_modernisation"),
    ("Bonus annuels d'une crèche", "bonus_creche"),
    ("PSU d'une crèche", "psu"),
    ("Créer une Mam", "mam_creation"),
    ("Rénover une Mam", "mam_renovation"),
    ("Investissement d'un relais petite enfance", "rpe_investissement"),
    ("Fonctionnement d'un relais petite enfance", "rpe_fonctionnement"),
    ("Ingénierie Ctg", "ctg_ingenierie"),
    ("Aide au Bafa", "bafa"),
    ("Plan mercredi", "plan_mercredi"),
]


# the kinds of estimate a word of the conversation narrows the choice to (« une crèche » : the crèche ones)
FAMILIES = {
    "creche": ("creche_creation", "creche_modernisation", "bonus_creche", "psu"),
    "mam": ("mam_creation", "mam_renovation"),
    "relais": ("rpe_investissement", "rpe_fonctionnement"),
}


def likely_types(families: set[str]) -> list[str]:
    """The kinds of estimate of the families named, or every kind when none is."""
    keys = [key for family in sorted(families) for key in FAMILIES.get(family, ())]
    return keys or [key for _, key in TYPE_BUTTONS]


def type_buttons(families: set[str] | None = None) -> list[tuple[str, str]]:
    """Buttons to choose the kind of project (payload: the inform intent with the type entity), only those of
    the families the conversation named (« une crèche ») when it named one."""
    keys = likely_types(families or set())
    return [(title, "/inform" + json.dumps({"type_estimation": key}, separators=(",", ":")))
            for title, key in TYPE_BUTTONS if key in keys]

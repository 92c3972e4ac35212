"""Buttons around an estimate, from the declarations: the follow-ups after it, and the kinds to choose from."""

from __future__ import annotations

import json
from typing import Any

from caf_assistant.estimates.calculators import REGISTRY, get_estimate

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
    return [(follow.title.format(places=places), estimate_payload(follow.estimate))
            for follow in get_estimate(key).follow_ups] + [ASK_HUMAN]


def likely_types(families: set[str]) -> list[str]:
    """The kinds of estimate of the families named, or every kind when none is."""
    keys = [key for key, estimate in REGISTRY.items() if estimate.family in families]
    return keys or list(REGISTRY)


def type_buttons(families: set[str] | None = None) -> list[tuple[str, str]]:
    """Buttons to choose the kind of project (payload: the inform intent with the type entity), only those of
    the families the conversation named (« une crèche ») when it named one."""
    return [(REGISTRY[key].button, "/inform" + json.dumps({"type_estimation": key}, separators=(",", ":")))
            for key in likely_types(families or set())]

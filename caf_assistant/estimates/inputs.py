"""The inputs of all the estimates, from their declarations: the check of a value given, what to say when an
answer holds nothing usable, and each input's question.

What the bot says is a domain response (bot/domain/estimates.yml); a check returns the response's name and its
values (``Problem``), the form sends it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from caf_assistant.estimates.calculators import REGISTRY, all_inputs, get_estimate
from caf_assistant.estimates.calculators._common import MAX_COUNT, MAX_MONEY, MAX_PLACES
from caf_assistant.estimates.declaration import Input
from caf_assistant.estimates.formatting import format_eur, format_number

INPUTS: dict[str, Input] = all_inputs()
INPUT_TYPES: dict[str, str] = {name: spec.type for name, spec in INPUTS.items()}
LABELS: dict[str, str] = {name: spec.label for name, spec in INPUTS.items()}
DEFAULT_MAXIMUM = {"places": MAX_PLACES, "count": MAX_COUNT, "number": MAX_COUNT, "money": MAX_MONEY}


@dataclass(frozen=True)
class Problem:
    """Why a value is refused, as the domain response to send and its values."""

    response: str
    values: dict[str, str] = field(default_factory=dict)


def _shown(spec: Input, value: float) -> str:
    return format_eur(value) if spec.type == "money" else format_number(value)


def maximum(spec: Input) -> float:
    return spec.maximum if spec.maximum is not None else DEFAULT_MAXIMUM[spec.type]


def check_fact(name: str, value: Any) -> tuple[Any, Problem | None]:
    """(clean value, None) or (None, the problem to tell the user), by the input's declared type and bounds."""
    spec = INPUTS.get(name)
    if spec is None or value is None:
        return value, None
    values = {"label": spec.label}
    if spec.type == "bool":
        if isinstance(value, bool):
            return value, None
        return None, Problem("utter_estimate_bool_unreadable", values)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:  # NaN
        return None, Problem("utter_estimate_not_a_number", values)
    values["value"] = _shown(spec, value) if abs(value) < 1e15 else "ce nombre"
    whole = spec.type in ("places", "count")
    if whole and value != int(value):
        return None, Problem("utter_estimate_not_whole", values)
    if value < 0 or (value == 0 and not spec.zero_allowed):
        return None, Problem("utter_estimate_not_positive", values)
    if value > maximum(spec):
        return None, Problem("utter_estimate_too_high", values)
    if spec.type == "money" and 0 < value < spec.minimum_money:
        return None, Problem("utter_estimate_money_too_low", {**values, "example": spec.example})
    if whole:
        return int(value), None
    return float(value), None


def unreadable(name: str) -> Problem:
    """What to say when the answer holds nothing usable for ``name``."""
    spec = INPUTS[name]
    kind = {"bool": "bool", "money": "money"}.get(spec.type, "number")
    return Problem(f"utter_estimate_{kind}_unreadable", {"label": spec.label, "example": spec.example or "« 12 »"})


def question(estimate: str | None, name: str) -> str:
    """The question for input ``name`` of ``estimate`` (its own wording, or the first estimate's asking it)."""
    spec = get_estimate(estimate).input(name) if estimate else None
    if spec is None:
        spec = next((other.input(name) for other in REGISTRY.values() if other.input(name)), None)
    if spec is None:
        raise KeyError(name)
    return spec.question

"""Registry of the estimates: every module of this package declares its own (``ESTIMATES``, see
estimates/declaration.py) and is found here by name; nothing else lists them.

The Rasa form asks only the missing required inputs (``missing_inputs``), with the question of each, and
reads the answer according to the input's type (places, count, number, money, bool).
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Mapping
from typing import Any

from caf_assistant.estimates.breakdown import Breakdown
from caf_assistant.estimates.calculators._common import cited
from caf_assistant.estimates.declaration import Estimate, Input
from caf_assistant.estimates.parameters import ParameterSet, load_parameters, to_date


def _declared() -> dict[str, Estimate]:
    found: list[Estimate] = []
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            found.extend(getattr(importlib.import_module(f"{__name__}.{module.name}"), "ESTIMATES", ()))
    found.sort(key=lambda estimate: (estimate.order, estimate.key))
    registry: dict[str, Estimate] = {}
    for estimate in found:
        if estimate.key in registry:
            raise ValueError(f"estimation déclarée deux fois : {estimate.key}")
        registry[estimate.key] = estimate
    return registry


REGISTRY: dict[str, Estimate] = _declared()


def all_inputs() -> dict[str, Input]:
    """Every input by name, once (several estimates share « places », « qpv »...; they must agree)."""
    inputs: dict[str, Input] = {}
    for estimate in REGISTRY.values():
        for spec in estimate.inputs:
            known = inputs.setdefault(spec.name, spec)
            if not known.same_fact(spec):
                raise ValueError(f"la donnée {spec.name} est déclarée de deux façons ({estimate.key})")
    return inputs


def get_estimate(key: str) -> Estimate:
    try:
        return REGISTRY[key]
    except KeyError:
        raise KeyError(f"type d'estimation inconnu : {key} (connus : {', '.join(REGISTRY)})") from None


def missing_inputs(key: str, known: Mapping[str, Any]) -> list[Input]:
    """Required inputs not yet known (None counts as unknown), in the order to ask them; an input that a known
    one replaces (``Input.replaces``) is not missing."""
    estimate = get_estimate(key)
    replaced = {name for spec in estimate.inputs if known.get(spec.name) is not None for name in spec.replaces}
    return [spec for spec in estimate.required_inputs if known.get(spec.name) is None and spec.name not in replaced]


def run_estimate(
    key: str,
    inputs: Mapping[str, Any],
    date_regles: dt.date | str | None = None,
    parameters: ParameterSet | None = None,
) -> Breakdown:
    """Calls the calculator with the known inputs of its declaration (unknown optional inputs keep their
    default), then adds the declared remarks, each cited with its sheet at the rules date."""
    estimate = get_estimate(key)
    names = {spec.name for spec in estimate.inputs}
    kwargs = {name: value for name, value in inputs.items() if name in names and value is not None}
    breakdown = estimate.calculator(**kwargs, date_regles=date_regles, parameters=parameters)
    parameters = parameters if parameters is not None else load_parameters()
    when = to_date(date_regles)
    declared = [cited(remark.text, parameters.value_at(remark.parameter, when)) for remark in estimate.remarks]
    breakdown.remarks[:0] = declared
    return breakdown


__all__ = ["REGISTRY", "Estimate", "Input", "all_inputs", "get_estimate", "missing_inputs", "run_estimate"]

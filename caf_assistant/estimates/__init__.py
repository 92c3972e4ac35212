"""Indicative estimates of Caf funding, computed from knowledge/parameters (no Rasa here)."""

from caf_assistant.estimates.breakdown import CAVEAT, Amount, Breakdown, CeilingCheck, Line, to_dict, to_text
from caf_assistant.estimates.calculators import REGISTRY, get_estimate, missing_inputs, run_estimate
from caf_assistant.estimates.errors import EstimateError, InvalidInput, MissingInput, RuleNotAvailable
from caf_assistant.estimates.numbers import parse_count, parse_money, parse_places
from caf_assistant.estimates.parameter_files import validate_parameters
from caf_assistant.estimates.parameters import edition_rules, load_parameters, value_at

__all__ = [
    "CAVEAT",
    "REGISTRY",
    "Amount",
    "Breakdown",
    "CeilingCheck",
    "EstimateError",
    "InvalidInput",
    "Line",
    "MissingInput",
    "RuleNotAvailable",
    "edition_rules",
    "get_estimate",
    "load_parameters",
    "missing_inputs",
    "parse_count",
    "parse_money",
    "parse_places",
    "run_estimate",
    "to_dict",
    "to_text",
    "validate_parameters",
    "value_at",
]

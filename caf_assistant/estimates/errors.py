"""Errors raised by the estimates: all are ValueError, with a French message that can be shown as is."""

from __future__ import annotations


class EstimateError(ValueError):
    """Base class: the message is French and addressed to the user."""


class InvalidInput(EstimateError):
    """A fact given by the user is not usable (negative, zero, absurd)."""

    def __init__(self, message: str, input_name: str | None = None) -> None:
        super().__init__(message)
        self.input_name = input_name


class MissingInput(InvalidInput):
    """A fact is needed for this estimate at this date and was not given."""


class RuleNotAvailable(EstimateError):
    """The sheets in force at the date give no figure for this aid."""

    def __init__(self, message: str, parameter: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter


class ParameterFileError(ValueError):
    """The parameter files are inconsistent (see validate_parameters)."""

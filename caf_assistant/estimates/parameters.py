"""Parameters of the estimates: one YAML file per amount, rate, ceiling or range, in the style of OpenFisca.

A parameter is named by its path under the parameters folder without extension, e.g.
``bonus/bonus_territoire``. Each dated value is in force from its date until the next one; ``value: null``
says the newer sheet no longer states the figure. What that means depends on the parameter: when it names
what replaced it (``replaced_by``: the fund's ceiling per place, replaced by the Piaje's range), the figure has
ended; otherwise the newest edition that states a figure wins (the Plan mercredi's 0,46 € per hour, which the
2022 sheet no longer writes), and the value carries the sheet that stopped writing it (``unstated_by``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from caf_assistant.estimates.errors import ParameterFileError, RuleNotAvailable
from caf_assistant.estimates.parameter_files import (
    date_key,
    default_parameters_dir,
    name_of,
    parameter_files,
    sheet_front_matter,
    validate_parameters,
)


def edition_rules(year: int) -> dt.date:
    """The date to use for "selon les règles de <year>": the last day of that year."""
    return dt.date(int(year), 12, 31)


def to_date(value: dt.date | str | None) -> dt.date:
    """None means today; accepts a date, a datetime or an ISO string."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@dataclass(frozen=True)
class Reference:
    sheet: str
    edition: int
    section: str
    heading: str

    @property
    def sheet_name(self) -> str:
        """The sheet as an official knows it: « its title » (its publisher, édition N)."""
        title, publisher = sheet_titles().get(self.sheet, (self.sheet, ""))
        return f"« {title} » ({publisher + ', ' if publisher else ''}édition {self.edition})"

    def cite(self) -> str:
        return f"{self.sheet_name}, « {self.heading} »" if self.heading else self.sheet_name


def sheet_titles() -> dict[str, tuple[str, str]]:
    """Each sheet's title and publisher (knowledge/sheets front matter), by sheet id."""
    return {sheet: (str(front.get("title") or sheet), str(front.get("publisher") or ""))
            for sheet, front in sheet_front_matter().items()}


@dataclass(frozen=True)
class ValueRange:
    min: float
    max: float


@dataclass(frozen=True)
class ParameterValue:
    """One dated value of a parameter; ``value`` None means the figure is no longer stated from ``start``."""

    name: str
    start: dt.date
    value: float | ValueRange | None
    reference: Reference
    unit: str
    kind: str
    description: str
    note: str | None = None
    unstated_by: Reference | None = None  # a newer sheet that no longer writes this figure, which still holds

    @property
    def in_force(self) -> bool:
        return self.value is not None

    @property
    def number(self) -> float:
        """The value of an amount, ceiling or rate."""
        if not isinstance(self.value, (int, float)):
            raise TypeError(f"{self.name} n'est pas un nombre simple")
        return float(self.value)

    @property
    def range(self) -> ValueRange:
        if not isinstance(self.value, ValueRange):
            raise TypeError(f"{self.name} n'est pas une fourchette")
        return self.value


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    unit: str
    kind: str
    values: tuple[ParameterValue, ...]
    replaced_by: str | None = None  # the parameter that states the figure since this one is no longer given

    def at(self, when: dt.date) -> ParameterValue | None:
        """The value whose period contains ``when`` (possibly a null value), None before the first one."""
        current = None
        for value in self.values:
            if value.start <= when:
                current = value
            else:
                break
        return current

    def after(self, when: dt.date) -> tuple[ParameterValue, ...]:
        return tuple(v for v in self.values if v.start > when)


@dataclass
class ParameterSet:
    parameters: dict[str, Parameter] = field(default_factory=dict)
    path: Path | None = None

    def __contains__(self, name: str) -> bool:
        return name in self.parameters

    def __iter__(self):
        return iter(sorted(self.parameters))

    def get(self, name: str) -> Parameter:
        if name in self.parameters:
            return self.parameters[name]
        matches = [p for key, p in self.parameters.items() if key.rsplit("/", 1)[-1] == name]
        if len(matches) == 1:
            return matches[0]
        raise KeyError(f"paramètre inconnu : {name}")

    def value_at(self, name: str, when: dt.date | str | None = None) -> ParameterValue:
        """The value in force at ``when`` (today by default), with its reference.

        Raises RuleNotAvailable when no sheet in force at that date gives the figure."""
        parameter = self.get(name)
        day = to_date(when)
        value = parameter.at(day)
        if value is None:
            first = parameter.values[0]
            raise RuleNotAvailable(
                f"Les fiches en vigueur au {day:%d/%m/%Y} ne donnent pas de montant pour « "
                f"{parameter.description} » "
                f"(premier chiffre : édition {first.reference.edition}, fiche {first.reference.sheet}).",
                parameter=parameter.name,
            )
        if value.value is None:
            stated = [v for v in parameter.values if v.in_force and v.start <= day]
            if stated and parameter.replaced_by is None:  # the newest edition that states a figure wins
                return dataclasses.replace(stated[-1], unstated_by=value.reference, note=value.note)
            raise RuleNotAvailable(
                f"« {parameter.description} » : la fiche {value.reference.sheet} (édition "
                f"{value.reference.edition}) "
                f"ne donne plus de montant à la date du {day:%d/%m/%Y}"
                + (f" ({value.note})." if value.note else "."),
                parameter=parameter.name,
            )
        return value

    def current(self, name: str, _seen: frozenset[str] = frozenset()) -> ParameterValue:
        """The newest value that states the figure now: the parameter's last one, or, when the newest sheet no
        longer gives it and names what replaced it (``replaced_by``), that parameter's (the Piaje's range per
        place for the fund's « jusqu'à 17 000 € par place »)."""
        parameter = self.get(name)
        last = parameter.values[-1]
        if last.value is None and parameter.replaced_by in self.parameters and parameter.replaced_by not in _seen:
            return self.current(parameter.replaced_by, _seen | {parameter.name})
        return last

    def newer_values(self, name: str, when: dt.date | str | None = None) -> tuple[ParameterValue, ...]:
        """Values that start after ``when`` (used to flag a figure as history)."""
        return self.get(name).after(to_date(when))


# --- loading ---


def _build(name: str, raw: dict[str, Any]) -> Parameter:
    values = []
    for key, entry in raw["values"].items():
        ref = entry["reference"]
        reference = Reference(
            str(ref["sheet"]), int(ref["edition"]), str(ref["section"]), str(ref["heading"])
        )
        value = entry.get("value")
        if isinstance(value, dict):
            value = ValueRange(float(value["min"]), float(value["max"]))
        elif value is not None:
            value = float(value)
        values.append(
            ParameterValue(
                name=name,
                start=date_key(key),  # type: ignore[arg-type]  # checked by validate_parameters
                value=value,
                reference=reference,
                unit=raw["unit"],
                kind=raw["kind"],
                description=str(raw["description"]),
                note=entry.get("note"),
            )
        )
    return Parameter(name, str(raw["description"]), raw["unit"], raw["kind"], tuple(values),
                     str(raw["replaced_by"]) if raw.get("replaced_by") else None)


def load_parameters(path: Path | str | None = None) -> ParameterSet:
    """Loads every parameter file under ``path``; raises ParameterFileError on validation problems."""
    root = Path(path) if path is not None else default_parameters_dir()
    return _load_cached(root.resolve())


@lru_cache(maxsize=8)
def _load_cached(root: Path) -> ParameterSet:
    problems = validate_parameters(root)
    if problems:
        raise ParameterFileError("Paramètres invalides :\n- " + "\n- ".join(problems))
    parameters = {}
    for file in parameter_files(root):
        name = name_of(root, file)
        parameters[name] = _build(name, yaml.safe_load(file.read_text(encoding="utf-8")))
    return ParameterSet(parameters, root)


def clear_cache() -> None:
    _load_cached.cache_clear()


def value_at(
    name: str, when: dt.date | str | None = None, *, path: Path | str | None = None
) -> ParameterValue:
    """Shortcut on the default parameter set: the value in force at ``when`` (today by default)."""
    return load_parameters(path).value_at(name, when)

"""Parameters of the estimates: one YAML file per amount, rate, ceiling or range, in the style of OpenFisca.

A parameter is named by its path under the parameters folder without extension, e.g.
``bonus/bonus_territoire``. Each dated value is in force from its date until the next one; ``value: null``
ends a value (the newer sheet no longer states it).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from caf_assistant import paths
from caf_assistant.estimates.errors import ParameterFileError, RuleNotAvailable

UNITS = ("EUR", "EUR/place", "EUR/place/an", "EUR/heure", "EUR/candidat", "EUR/poste/an", "rate")
KINDS = ("amount", "range", "ceiling", "rate")
REFERENCE_FIELDS = ("sheet", "edition", "section", "heading")
VALUE_FIELDS = ("value", "reference", "note")

# Sheet ids and editions, used when knowledge/sheets is missing or incomplete.
DEFAULT_SHEETS: dict[str, int] = {
    "loire-2020": 2020,
    "pyrenees-orientales-2020": 2020,
    "mayenne-2021": 2021,
    "cnaf-vademecum-2022": 2022,
    "cnaf-sppe-2024": 2024,
}


def default_parameters_dir() -> Path:
    return Path(os.environ.get("CAF_PARAMETERS_DIR", paths.knowledge_dir() / "parameters"))


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


@lru_cache(maxsize=1)
def sheet_titles() -> dict[str, tuple[str, str]]:
    """Each sheet's title and publisher (knowledge/sheets front matter), by sheet id."""
    from caf_assistant.knowledge.sheets import load_sheets

    return {sheet.meta.id: (sheet.meta.title, sheet.meta.publisher) for sheet in load_sheets()}


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
            raise RuleNotAvailable(
                f"« {parameter.description} » : la fiche {value.reference.sheet} (édition "
                f"{value.reference.edition}) "
                f"ne donne plus de montant à la date du {day:%d/%m/%Y}"
                + (f" ({value.note})." if value.note else "."),
                parameter=parameter.name,
            )
        return value

    def newer_values(self, name: str, when: dt.date | str | None = None) -> tuple[ParameterValue, ...]:
        """Values that start after ``when`` (used to flag a figure as history)."""
        return self.get(name).after(to_date(when))


# --- loading ---


def _parameter_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def _name_of(root: Path, file: Path) -> str:
    return file.relative_to(root).with_suffix("").as_posix()


def _date_key(key: Any) -> dt.date | None:
    if isinstance(key, dt.datetime):
        return key.date()
    if isinstance(key, dt.date):
        return key
    if isinstance(key, str):
        try:
            return dt.date.fromisoformat(key)
        except ValueError:
            return None
    return None


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
                start=_date_key(key),  # type: ignore[arg-type]  # checked by validate_parameters
                value=value,
                reference=reference,
                unit=raw["unit"],
                kind=raw["kind"],
                description=str(raw["description"]),
                note=entry.get("note"),
            )
        )
    return Parameter(name, str(raw["description"]), raw["unit"], raw["kind"], tuple(values))


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
    for file in _parameter_files(root):
        name = _name_of(root, file)
        parameters[name] = _build(name, yaml.safe_load(file.read_text(encoding="utf-8")))
    return ParameterSet(parameters, root)


def clear_cache() -> None:
    _load_cached.cache_clear()


def value_at(
    name: str, when: dt.date | str | None = None, *, path: Path | str | None = None
) -> ParameterValue:
    """Shortcut on the default parameter set: the value in force at ``when`` (today by default)."""
    return load_parameters(path).value_at(name, when)


# --- validation ---

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_TOPIC_ROW = re.compile(r"^\|\s*([a-z][a-z0-9_]*)\s*\|", re.MULTILINE)
_TOPIC_ATTR = re.compile(r"\{#([a-z][a-z0-9_]*)")


def known_sheets(sheets_dir: Path | str | None = None) -> dict[str, int]:
    """Sheet id -> edition, from knowledge/sheets/*.md front matter, completed by the five known sheets."""
    folder = Path(sheets_dir) if sheets_dir is not None else paths.sheets_dir()
    sheets = dict(DEFAULT_SHEETS)
    if folder.is_dir():
        for file in sorted(folder.glob("*.md")):
            match = _FRONT_MATTER.match(file.read_text(encoding="utf-8"))
            if not match:
                continue
            try:
                front = yaml.safe_load(match.group(1)) or {}
            except yaml.YAMLError:
                continue
            if isinstance(front, dict) and front.get("id"):
                sheets[str(front["id"])] = int(
                    front.get("edition") or DEFAULT_SHEETS.get(str(front["id"]), 0)
                )
    return sheets


def known_topics(sheets_dir: Path | str | None = None) -> set[str] | None:
    """Topic keys of knowledge/FORMAT.md plus those used in the sheets; None if neither is available."""
    folder = Path(sheets_dir) if sheets_dir is not None else paths.sheets_dir()
    topics: set[str] = set()
    format_file = folder.parent / "FORMAT.md"
    if format_file.is_file():
        topics.update(_TOPIC_ROW.findall(format_file.read_text(encoding="utf-8")))
        topics.discard("key")
    if folder.is_dir():
        for file in folder.glob("*.md"):
            topics.update(_TOPIC_ATTR.findall(file.read_text(encoding="utf-8")))
    return topics or None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_value(where: str, kind: str, unit: str, value: Any) -> list[str]:
    if kind == "range":
        if not isinstance(value, dict) or set(value) != {"min", "max"}:
            return [f"{where}: une fourchette doit être {{min: ..., max: ...}}"]
        low, high = value["min"], value["max"]
        if not (_is_number(low) and _is_number(high)):
            return [f"{where}: min et max doivent être des nombres"]
        if low < 0 or low > high:
            return [f"{where}: fourchette incohérente ({low} > {high} ou négative)"]
        return []
    if not _is_number(value):
        return [f"{where}: la valeur doit être un nombre"]
    if value < 0:
        return [f"{where}: valeur négative"]
    if unit == "rate" and value > 1:
        return [f"{where}: un taux s'écrit entre 0 et 1"]
    return []


def _check_file(name: str, raw: Any, sheets: dict[str, int], topics: set[str] | None) -> list[str]:
    if not isinstance(raw, dict):
        return [f"{name}: le fichier doit être un dictionnaire YAML"]
    problems = []
    if not str(raw.get("description") or "").strip():
        problems.append(f"{name}: description manquante")
    unit, kind = raw.get("unit"), raw.get("kind")
    if not unit:
        problems.append(f"{name}: unité (unit) manquante")
    elif unit not in UNITS:
        problems.append(f"{name}: unité inconnue {unit!r} (attendu : {', '.join(UNITS)})")
    if not kind:
        problems.append(f"{name}: nature (kind) manquante")
    elif kind not in KINDS:
        problems.append(f"{name}: nature inconnue {kind!r} (attendu : {', '.join(KINDS)})")
    if (unit == "rate") != (kind == "rate") and unit in UNITS and kind in KINDS:
        problems.append(f"{name}: kind rate et unit rate vont ensemble")
    values = raw.get("values")
    if not isinstance(values, dict) or not values:
        return problems + [f"{name}: aucune valeur (values)"]
    previous: dt.date | None = None
    for index, (key, entry) in enumerate(values.items()):
        start = _date_key(key)
        where = f"{name} [{key}]"
        if start is None:
            problems.append(f"{where}: la clé doit être une date AAAA-MM-JJ")
            continue
        if previous is not None and start <= previous:
            problems.append(f"{where}: dates non triées (après {previous.isoformat()})")
        previous = start
        if not isinstance(entry, dict) or "value" not in entry:
            problems.append(f"{where}: entrée sans value")
            continue
        extra = set(entry) - set(VALUE_FIELDS)
        if extra:
            problems.append(f"{where}: champs inconnus {sorted(extra)}")
        value = entry["value"]
        if value is None:
            if index == 0:
                problems.append(f"{where}: la première valeur ne peut pas être null")
        elif kind in KINDS:
            problems.extend(_check_value(where, kind, str(unit), value))
        reference = entry.get("reference")
        if not isinstance(reference, dict):
            problems.append(f"{where}: valeur sans référence (reference)")
            continue
        missing = [f for f in REFERENCE_FIELDS if not str(reference.get(f) or "").strip()]
        if missing:
            problems.append(f"{where}: référence incomplète, manque {', '.join(missing)}")
            continue
        sheet = str(reference["sheet"])
        if sheet not in sheets:
            problems.append(f"{where}: fiche inconnue {sheet!r}")
            continue
        try:
            edition = int(reference["edition"])
        except (TypeError, ValueError):
            problems.append(f"{where}: édition non numérique")
            continue
        if sheets[sheet] and edition != sheets[sheet]:
            problems.append(f"{where}: la fiche {sheet} est l'édition {sheets[sheet]}, pas {edition}")
        if start != dt.date(edition, 1, 1):
            problems.append(f"{where}: la date doit être le 1er janvier de l'édition ({edition}-01-01)")
        if topics is not None and str(reference["section"]) not in topics:
            problems.append(f"{where}: section inconnue {reference['section']!r}")
    return problems


def validate_parameters(path: Path | str | None = None, sheets_dir: Path | str | None = None) -> list[str]:
    """Problems found in the parameter files (empty list when all is well)."""
    root = Path(path) if path is not None else default_parameters_dir()
    if not root.is_dir():
        return [f"dossier de paramètres introuvable : {root}"]
    files = _parameter_files(root)
    if not files:
        return [f"aucun fichier de paramètre dans {root}"]
    sheets = known_sheets(sheets_dir)
    topics = known_topics(sheets_dir)
    problems: list[str] = []
    for file in files:
        name = _name_of(root, file)
        try:
            raw = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            problems.append(f"{name}: YAML illisible ({error.__class__.__name__})")
            continue
        problems.extend(_check_file(name, raw, sheets, topics))
    return problems

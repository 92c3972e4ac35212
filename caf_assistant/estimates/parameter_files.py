"""The parameter files' format and their checks: each value dated, with a unit, a kind and a reference (sheet,
edition, section, heading) to a sheet that exists; a file that breaks a rule is reported, never loaded.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from caf_assistant import paths
from caf_assistant.knowledge.sheets import SheetFormatError, split_front_matter

UNITS = ("EUR", "EUR/place", "EUR/place/an", "EUR/heure", "EUR/candidat", "EUR/poste/an", "rate")
# a statistic (« 456 000 places de crèche », « 13,6 millions d'allocataires ») counts something: its unit names what
# (free text), it is never an estimate's amount; the sheets that update it make the older figure history
KINDS = ("amount", "range", "ceiling", "rate", "statistic")
REFERENCE_FIELDS = ("sheet", "edition", "section", "heading")
VALUE_FIELDS = ("value", "reference", "note")
FILE_FIELDS = ("description", "unit", "kind", "values", "replaced_by")

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


def parameter_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml") if p.is_file())


def name_of(root: Path, file: Path) -> str:
    return file.relative_to(root).with_suffix("").as_posix()


def date_key(key: Any) -> dt.date | None:
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


_TOPIC_ROW = re.compile(r"^\|\s*([a-z][a-z0-9_]*)\s*\|", re.MULTILINE)
_TOPIC_ATTR = re.compile(r"\{#([a-z][a-z0-9_]*)")


def sheet_front_matter(sheets_dir: Path | str | None = None) -> dict[str, dict[str, Any]]:
    """Each sheet's front matter (knowledge/sheets/*.md), by sheet id."""
    return _front_matter(Path(sheets_dir) if sheets_dir is not None else paths.sheets_dir())


@lru_cache(maxsize=8)
def _front_matter(folder: Path) -> dict[str, dict[str, Any]]:
    fronts: dict[str, dict[str, Any]] = {}
    if folder.is_dir():
        for file in sorted(folder.glob("*.md")):
            try:
                front, _ = split_front_matter(file.read_text(encoding="utf-8"))
            except (SheetFormatError, yaml.YAMLError):
                continue  # the sheets' own checks report it
            if isinstance(front, dict) and front.get("id"):
                fronts[str(front["id"])] = front
    return fronts


def known_sheets(sheets_dir: Path | str | None = None) -> dict[str, int]:
    """Sheet id -> edition, from knowledge/sheets/*.md front matter, completed by the five known sheets."""
    sheets = dict(DEFAULT_SHEETS)
    for sheet, front in sheet_front_matter(sheets_dir).items():
        sheets[sheet] = int(front.get("edition") or DEFAULT_SHEETS.get(sheet, 0))
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
    elif unit not in UNITS and kind != "statistic":
        problems.append(f"{name}: unité inconnue {unit!r} (attendu : {', '.join(UNITS)})")
    if not kind:
        problems.append(f"{name}: nature (kind) manquante")
    elif kind not in KINDS:
        problems.append(f"{name}: nature inconnue {kind!r} (attendu : {', '.join(KINDS)})")
    if (unit == "rate") != (kind == "rate") and unit in UNITS and kind in KINDS:
        problems.append(f"{name}: kind rate et unit rate vont ensemble")
    extra = set(raw) - set(FILE_FIELDS)
    if extra:
        problems.append(f"{name}: champs inconnus {sorted(extra)}")
    values = raw.get("values")
    if not isinstance(values, dict) or not values:
        return problems + [f"{name}: aucune valeur (values)"]
    last = list(values.values())[-1]
    if raw.get("replaced_by") is not None and not (isinstance(last, dict) and last.get("value", 0) is None):
        problems.append(f"{name}: replaced_by ne vaut que pour un montant qui n'est plus donné (dernière valeur null)")
    previous: dt.date | None = None
    for index, (key, entry) in enumerate(values.items()):
        start = date_key(key)
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
    files = parameter_files(root)
    if not files:
        return [f"aucun fichier de paramètre dans {root}"]
    sheets = known_sheets(sheets_dir)
    topics = known_topics(sheets_dir)
    problems: list[str] = []
    successors: dict[str, str] = {}  # replaced_by: the parameter that states the figure now
    for file in files:
        name = name_of(root, file)
        try:
            raw = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            problems.append(f"{name}: YAML illisible ({error.__class__.__name__})")
            continue
        problems.extend(_check_file(name, raw, sheets, topics))
        if isinstance(raw, dict) and raw.get("replaced_by") is not None:
            successors[name] = str(raw["replaced_by"])
    names = {name_of(root, file) for file in files}
    for name, successor in successors.items():
        if successor not in names:
            problems.append(f"{name}: replaced_by nomme un paramètre inconnu {successor!r}")
        elif successor == name or successors.get(successor) == name:
            problems.append(f"{name}: replaced_by forme une boucle")
    return problems

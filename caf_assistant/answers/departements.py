"""Recognises a French department named in a message (name, common abbreviation or number)."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from caf_assistant import paths
from caf_assistant.knowledge.sheets import load_sheets
from caf_assistant.text import fold

ABBREVIATIONS = {"po": "66", "p o": "66", "p-o": "66"}
# Words that are also everyday French words: recognised only after "dans le/la/l'", "en", "département".
AMBIGUOUS = {"nord", "var", "lot", "cher", "manche", "somme", "marne", "orne", "indre", "vienne", "eure",
             "aube", "gard", "ain", "jura", "loire", "doubs", "tarn", "gers", "meuse", "oise", "yonne"}


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(name)).strip()


@lru_cache(maxsize=1)
def departements() -> dict[str, str]:
    raw = yaml.safe_load((paths.knowledge_dir() / "departements.yml").read_text(encoding="utf-8"))
    return {str(code): name for code, name in raw.items()}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, str, bool]]:
    """Longest names first, so that "haute loire" is found before "loire"."""
    by_name = sorted(departements().values(), key=lambda name: -len(name))
    return [(re.compile(rf"(?<![a-z0-9]){re.escape(_key(name))}(?![a-z0-9])"), name, _key(name) in AMBIGUOUS)
            for name in by_name]


@lru_cache(maxsize=1)
def portrait_places() -> dict[str, str]:
    """Towns and EPCI the departmental sheets name in their front matter (`lieux`, `epci`), to their department."""
    return {_key(place): sheet.meta.departement for sheet in load_sheets() if sheet.meta.departement
            for place in sheet.meta.places}


# an ambiguous name is a department after these words (« dans le Cher », « la Caf de la Loire », « en Gironde »)
_CONTEXT = re.compile(r"(?:\b(?:dans|ds|en|du|des|departement|caf)(?: (?:le|la|les|l))?|\bde (?:la|l)) $")
# a number is a department only after these words, and never when it is an amount or a count
_CODE = re.compile(r"\b(?:dans le|departement|dept|dpt|du|le)\s+(\d{2,3}|2a|2b)\b"
                   r"(?!\s*(?:\d{3}\b|€|eur|euros?\b|%|k\b|m\b|places?\b|ans\b|enfants?\b|jeunes\b|familles\b|heures?\b|"
                   r"janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre))")


def _capitalised(name: str, text: str) -> bool:
    """« combien la Loire compte-t-elle... »: an ambiguous name written as a proper noun after its article."""
    return bool(re.search(rf"\b(?:[Ll]e|[Ll]a|[Ll]es|[Ll]')\s*{re.escape(name)}\b", text))


def detect_departement(text: str) -> str | None:
    folded = " " + _key(text) + " "
    for abbreviation, code in ABBREVIATIONS.items():
        if re.search(rf"\b(?:dans les|en|caf des|les) {re.escape(abbreviation)}\b", folded):
            return departements()[code]
    for pattern, name, ambiguous in _patterns():
        for match in pattern.finditer(folded):
            if ambiguous and not _CONTEXT.search(folded[: match.start()]) and not _capitalised(name, text):
                continue
            return name
    for place, name in portrait_places().items():
        if re.search(rf"(?<![a-z0-9]){re.escape(place)}(?![a-z0-9])", folded):
            return name
    code = _CODE.search(folded)
    if code:
        return departements().get(code.group(1).upper())
    return None


def canonical(name: str | None) -> str | None:
    """Maps an entity value ("pyrenees orientales", "42") to the canonical name, else None."""
    if not isinstance(name, str) or not name:
        return None
    if name.upper() in departements():
        return departements()[name.upper()]
    key = _key(name)
    for canonical_name in departements().values():
        if _key(canonical_name) == key:
            return canonical_name
    return detect_departement("dans le " + name)


def explicit_departement(entity: str | None, text: str | None) -> str | None:
    """The NLU's department entity when the text names that department.

    « 52 000 €/an » holds 52 but names no department; « dans le 42 », « département 66 », « à Laval » do.
    """
    if not entity:
        return None
    # the department must be in the text (a name, a town of its portrait, « dans le 42 »): the NLU's entity
    # alone is not enough, it sometimes finds one in a message that names none
    return canonical(entity) if detect_departement(text or "") == canonical(entity) else None


def without_departement(text: str, name: str) -> str:
    """The text without the words naming this department (« Pyrénées-Orientales » in « combien de QPV dans les
    Pyrénées-Orientales ? »): a follow-up « et dans la Loire ? » asks that question again for another one."""
    name_words = set(_key(name).split())
    return " ".join(word for word in text.split() if not (set(_key(word).split()) and set(_key(word).split()) <= name_words))

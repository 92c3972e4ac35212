"""« C'est quoi une MAM ? »: the sentence that says what the thing named is, wherever the sheets write it.

A sheet defines an offer by its name followed by « est un… », « sont des… », « : » (« La convention territoriale globale
(Ctg) est une démarche… », « Les relais petite enfance : ils renseignent… ») or by an explanation in brackets
(« en Maison d'assistants maternels (jusqu'à 4 assistants maternels regroupés) »). Pure functions.
"""

from __future__ import annotations

import re

from caf_assistant.retrieval.analysis import Query, asking_part
from caf_assistant.retrieval.query import abbreviations
from caf_assistant.text import STOPWORDS, content_terms, fold

# after the name: its acronym in brackets, then the verb or the colon that says what it is
# (« est une démarche », « sont des structures »; not « est modulé selon… », which says how, not what)
_SAYS_WHAT = re.compile(r"^\s*(?:\([^)]{1,15}\)\s*)?(?:(?:est|sont) (?:un|une|des|le|la|les|l)\b|"
                        r": (?!exemple|montant|constat|besoin)(?:\S+\s+){3,})")
# or an explanation in brackets, three words at least (not an acronym)
_EXPLAINED = re.compile(r"^\s*\((?:[^)\s]+\s+){2,}[^)]*\)")
_WORD = re.compile(r"[a-z0-9]+")


def names_asked(query: Query) -> list[tuple[str, ...]]:
    """The names of what a question asks to define, as content terms: the topics it names (« relais petite
    enfance ») and the abbreviations it uses, spelled out as the sheets do (« mam », « psu »)."""
    asking = asking_part(query.text)
    folded = f" {re.sub(r'[^a-z0-9-]+', ' ', fold(asking))} "
    own = content_terms(asking)
    positions: dict[tuple[str, ...], int] = {}
    for abbreviation, expansion in abbreviations().items():
        if not is_acronym(abbreviation, expansion):
            continue
        name = tuple(content_terms(expansion))
        if f" {abbreviation} " in folded:  # « la mam »
            positions[name] = folded.index(f" {abbreviation} ")
        elif name and set(name) <= set(own):  # written in full (« le schéma départemental des services aux familles »)
            positions[name] = folded.find(f" {name[0]}")
    # a topic named in so many words, or by its acronym; not one an everyday word stands for (« les nounous »)
    written = set(own).union(*positions)
    for topic in sorted(query.topics):
        name = tuple(content_terms(topic.replace("_", " ")))
        if name and set(name) <= written and name not in positions:
            positions[name] = folded.find(f" {name[0]}")
    named = [name for name in positions if len(set(name)) >= 2]
    return sorted(named, key=lambda name: positions[name] if positions[name] >= 0 else len(folded))


def is_acronym(abbreviation: str, expansion: str) -> bool:
    """« mam » for « maison d'assistants maternels », not « nounou » for « assistant maternel »."""
    initials = "".join(word[0] for word in re.findall(r"[a-z]+", fold(expansion)) if word not in STOPWORDS)
    return initials.startswith(abbreviation)


def defines(unit: str, name: tuple[str, ...]) -> bool:
    """The unit writes the name (its words in a row, in its order) and then says what it is."""
    folded = fold(unit)
    words = [(m.end(), set(content_terms(m.group()))) for m in _WORD.finditer(folded)]
    wanted = set(name)
    for start in range(len(words)):
        if name[0] not in words[start][1]:
            continue  # the name starts there (« maison d'assistants maternels »)
        seen: set[str] = set()
        for end, terms in words[start:start + len(name) + 2]:
            seen |= terms & wanted
            if seen == wanted:
                rest = folded[end:]
                if _SAYS_WHAT.match(rest) or _EXPLAINED.match(rest):
                    return True
                break
    return False


def defines_asked(units: list[str], query: Query) -> int | None:
    """The first unit that defines what the question asks about first, if any."""
    names = names_asked(query)[:1]  # the first thing named is the one asked about (« le schéma…, et la Ctg ? »)
    return next((i for i, unit in enumerate(units) if any(defines(unit, name) for name in names)), None)

"""« C'est quoi une MAM ? »: the sentence that says what the thing named is, wherever the sheets write it.

A sheet defines an offer by its name followed by « est », « sont », « : » (« La convention territoriale globale
(Ctg) est une démarche… », « Les relais petite enfance : ils renseignent… ») or by an explanation in brackets
(« en Maison d'assistants maternels (jusqu'à 4 assistants maternels regroupés) »). Pure functions.
"""

from __future__ import annotations

import re

from caf_assistant.retrieval.analysis import Query, asking_part
from caf_assistant.retrieval.query import abbreviations
from caf_assistant.text import STOPWORDS, content_terms, fold

# after the name: its acronym in brackets, then the verb or the colon that says what it is
_SAYS_WHAT = re.compile(r"^\s*(?:\([^)]{1,15}\)\s*)?(?:est |sont |: (?!exemple|montant|constat|besoin)(?:\S+\s+){3,})")
# or an explanation in brackets, three words at least (not an acronym)
_EXPLAINED = re.compile(r"^\s*\((?:[^)\s]+\s+){2,}[^)]*\)")
_WORD = re.compile(r"[a-z0-9]+")


def names_asked(query: Query) -> list[tuple[str, ...]]:
    """The names of what a question asks to define, as content terms: the topics it names (« relais petite
    enfance ») and the abbreviations it uses, spelled out as the sheets do (« mam », « psu »)."""
    asking = asking_part(query.text)
    folded = f" {re.sub(r'[^a-z0-9-]+', ' ', fold(asking))} "
    acronyms = [tuple(content_terms(expansion)) for abbreviation, expansion in abbreviations().items()
                if f" {abbreviation} " in folded and is_acronym(abbreviation, expansion)]
    # a topic named in so many words, or by its acronym; not one an everyday word stands for (« les nounous »)
    written = set(content_terms(asking)).union(*acronyms)
    names = [terms for terms in (tuple(content_terms(topic.replace("_", " "))) for topic in sorted(query.topics))
             if set(terms) <= written]
    return [name for name in dict.fromkeys(names + acronyms) if len(set(name)) >= 2]


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
    """The first unit that defines what the question asks about, if any."""
    names = names_asked(query)
    return next((i for i, unit in enumerate(units) if any(defines(unit, name) for name in names)), None)

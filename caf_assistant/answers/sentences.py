"""Splits a chunk into answer units (sentences and list items) and picks those that answer a query."""

from __future__ import annotations

import re

from caf_assistant.text import content_terms, fold

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«A-ZÀÂÇÉÈÊÎÔÛ0-9\"(])")
_MARKDOWN = re.compile(r"\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w)|`")


def strip_markdown(text: str) -> str:
    text = _MARKDOWN.sub("", text)
    text = re.sub(r"\[([^\]]+)\]\((?:#|https?://[^)]*)\)", r"\1", text)
    return re.sub(r"^\s*(?:[-*>]\s+)+", "", text).strip()


def split_units(text: str) -> list[str]:
    units: list[str] = []
    for line in text.splitlines():
        line = strip_markdown(line)
        if not line:
            continue
        units.extend(part.strip() for part in _SENTENCE_END.split(line) if part.strip())
    return units


def words(text: str) -> int:
    return len(text.split())


_ASKS_AMOUNT = re.compile(r"\b(combien|montant|tarif|prix|cout|taux|pourcentage|part|plafond|somme|budget|"
                          r"euros?|forfait|finance|financement|aide|subvention)\b|€")
_AMOUNT = re.compile(r"\d[\d\s\u00a0\u202f.,]*\s?(?:€|euros?|%|millions?|milliards?)", re.IGNORECASE)
_MONEY = re.compile(r"\d[\d\s\u00a0\u202f.,]*\s?(?:€|euros?)", re.IGNORECASE)


def asks_amount(query: str) -> bool:
    return bool(_ASKS_AMOUNT.search(fold(query)))


def unit_score(unit: str, query_terms: set[str]) -> float:
    terms = set(content_terms(unit))
    if not terms or not query_terms:
        return 0.0
    overlap = len(terms & query_terms)
    return overlap / len(query_terms) + 0.1 * overlap / len(terms)


def select_units(text: str, query: str, max_words: int = 80, heading: str = "") -> list[str]:
    """The best-scoring units, in their original order, within max_words (the best one always).

    Query terms that the section's heading already matches are taken as given for every unit of the
    section ("bonus territoire" under the heading « Le bonus territoire »): units are scored on the
    remaining terms, units with an amount win when the question asks for one, and earlier units win ties
    (a section usually opens with its definition).
    """
    units = split_units(text)
    if not units:
        return []
    query_terms = set(content_terms(query))
    remaining = query_terms - set(content_terms(heading))
    amount_bonus = 0.6 if asks_amount(query) else 0.0
    scored = [(unit_score(u, remaining) + (amount_bonus if _MONEY.search(u) else amount_bonus / 2 if _AMOUNT.search(u) else 0.0)
               + 0.05 * (1 - i / len(units)), i)
              for i, u in enumerate(units)]
    order = sorted(scored, key=lambda item: (-item[0], item[1]))
    chosen: list[int] = []
    budget = max_words
    best_score = order[0][0]
    for score, index in order:
        size = words(units[index])
        if chosen and (size > budget or score < 0.35 * best_score or score <= 0.05):
            continue
        if not chosen and size > max_words:
            return [truncate_words(units[index], max_words)]
        chosen.append(index)
        budget -= size
        if budget < 8:
            break
    # a unit ending with ":" introduces the next one(s): keep its continuation when it fits
    for index in list(chosen):
        if units[index].endswith(":") and index + 1 < len(units) and index + 1 not in chosen:
            if words(units[index + 1]) <= budget:
                chosen.append(index + 1)
                budget -= words(units[index + 1])
    return [units[i] for i in sorted(chosen)]


def truncate_words(text: str, max_words: int) -> str:
    parts = text.split()
    return text if len(parts) <= max_words else " ".join(parts[:max_words]) + " …"

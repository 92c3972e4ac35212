"""The rules an estimate is computed with: today's, or an earlier edition's (« selon les règles de 2020 »).

Pure functions: the year read from a message, checked, and turned into the date whose parameters apply.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from caf_assistant.estimates.parameters import edition_rules
from caf_assistant.text import fold

_RULES_YEAR = re.compile(
    r"(?:regles?|baremes?|fiches?|edition|conditions|montants|taux|criteres|grille|annee|millesime)"
    r"(?:\s+(?:de|du|des|en|pour|d|l|la|caf))*\s+(?P<year>(?:19|20)\d{2})\b(?!\s*(?:€|euros?|k\b|m\b))"
)
_RULES_TODAY = re.compile(
    r"(?:regles?|baremes?|fiches?|conditions|montants)\s+(?:actuel|en vigueur|d aujourd hui|de cette annee|"
    r"du moment|les plus recent)|aujourd hui|actuellement"
)


def rules_year(text: str) -> tuple[int | None, bool]:
    """(year, today): "selon les règles de 2020" -> (2020, False); "les règles actuelles" -> (None, True)."""
    folded = fold(text)
    match = _RULES_YEAR.search(folded)
    if match:
        return int(match.group("year")), False
    if _RULES_TODAY.search(folded):
        return None, True
    return None, False


def check_rules_year(value: Any) -> tuple[float | None, str | None]:
    """(year, None) or (None, the domain response to send) for the year of the rules to use."""
    try:
        year = int(float(value))
    except (TypeError, ValueError):
        year = 0
    if not 1990 <= year <= 2100:
        return None, "utter_estimate_rules_year_unreadable"
    return float(year), None


def rules_date(year: int | float | str | None, today: dt.date | None = None) -> dt.date | None:
    """The date of the rules for "<year>": the last day of that year; None (today) for this year or later."""
    if year in (None, ""):
        return None
    year = int(float(year))  # type: ignore[arg-type]
    today = today or dt.date.today()
    return None if year >= today.year else edition_rules(year)

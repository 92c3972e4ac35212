"""Fact keys for the answer benchmark: the normalised reply, and whether a reply holds its facts.

Pure standard-library code, so the question writers' checker runs without the project's environments.
The reply is normalised before the regexes of a question are matched:
- lower case, no accents, typographic apostrophes and quotes folded (’ → ', « » → ");
- non-breaking and narrow spaces become spaces, runs of white space one space;
- digit groups are joined: "2 600 €" → "2600 €", "1 200 000" → "1200000" (decimal commas stay: "13,6");
- "euros" / "euro" become "€".
"""

from __future__ import annotations

import re
import unicodedata

KINDS = ("definition", "amount", "condition", "contact", "departement", "edition", "followup", "overview",
         "beneficiary", "out_of_scope", "unanswerable", "estimate")
ROUTES = ("answer", "estimate", "redirect", "handoff", "chitchat", "unknown")
# what each kind needs, when a question does not say otherwise
DEFAULT_ROUTE = {"beneficiary": "redirect", "out_of_scope": "unknown", "unanswerable": "unknown",
                 "estimate": "estimate"}

_GROUPS = re.compile(r"(?<=\d)[ .](?=\d{3}(?!\d))")
_SPACES = re.compile(r"\s+")
_GUILLEMETS = re.compile(r"«\s*|\s*»")  # « territoire » -> "territoire"
_EUROS = re.compile(r"\beuros?\b")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u00a0", " "), ("\u202f", " "),
                 ("\u2009", " ")):
        text = text.replace(a, b)
    text = _GUILLEMETS.sub('"', _SPACES.sub(" ", text))
    previous = None
    while previous != text:
        previous, text = text, _GROUPS.sub("", text)
    return _EUROS.sub("€", text).strip()


def current_part(reply: str) -> str:
    """The reply without its history lines: what the official reads as current."""
    return "\n".join(line for line in reply.splitlines() if not line.strip().lower().startswith("historique"))


def route_of(question: dict) -> str:
    return question.get("route") or DEFAULT_ROUTE.get(question["kind"], "answer")


def facts_hold(question: dict, reply: str) -> tuple[bool, list[str]]:
    """(every fact present and nothing superseded stated as current, the reasons it fails)."""
    whole = normalise(reply)
    current = normalise(current_part(reply))
    problems = [f"missing {p!r}" for p in question.get("facts", []) if not re.search(p, whole)]
    any_of = question.get("any_of") or []
    if any_of and not any(re.search(p, whole) for p in any_of):
        problems.append(f"none of {any_of!r}")
    problems += [f"superseded {p!r}" for p in question.get("must_not", []) if re.search(p, current)]
    return not problems, problems


def wrong_figure(question: dict, reply: str) -> bool:
    """A superseded figure stated as current."""
    current = normalise(current_part(reply))
    return any(re.search(p, current) for p in question.get("must_not", []))

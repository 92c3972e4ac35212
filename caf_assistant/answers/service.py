"""From a user's message to a reply: cleaning, department handling, retrieval, composition.

Shared by the Rasa action, the triage command and `make ask`. Takes the loaded Retriever as argument.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from caf_assistant.answers.compose import Answer, compose_answer
from caf_assistant.answers.departements import canonical, detect_departement
from caf_assistant.retrieval.retriever import Retriever
from caf_assistant.text import clean_user_text

MAX_QUERY_CHARS = 2000
SEARCH_K = 12


@dataclass
class Reply:
    kind: str  # answer | unknown | unreadable
    answer: Answer | None = None
    departement: str | None = None  # department to remember in the conversation
    no_portrait_for: str | None = None
    portraits: list[str] = field(default_factory=list)
    truncated: bool = False


def readable(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]", text)) >= 2


def _compose(retriever: Retriever, query: str, **search) -> Answer:
    settings = retriever.settings
    hits = retriever.search(query, k=SEARCH_K, **search)
    return compose_answer(query, hits, retriever.chunks, settings.answer_max_words,
                          settings.min_dense_similarity, settings.min_term_coverage)


def answer_question(retriever: Retriever, text: str | None, departement_entity: str | None = None,
                    departement_slot: str | None = None) -> Reply:
    raw = text or ""
    query = clean_user_text(raw, MAX_QUERY_CHARS)
    truncated = len(raw) > MAX_QUERY_CHARS
    portraits = sorted(retriever.departements_with_portrait())
    if not readable(query):
        return Reply(kind="unreadable", portraits=portraits)
    named = canonical(departement_entity) or detect_departement(query)
    if named and named not in portraits:
        answer = _compose(retriever, query)
        return Reply(kind=answer.kind, answer=answer, departement=named, no_portrait_for=named,
                     portraits=portraits, truncated=truncated)
    # the department named now, or remembered from earlier: its portrait first, then the national sheets
    local = named or (departement_slot if departement_slot in portraits else None)
    if local:
        answer = _compose(retriever, query, departement=local, portrait_only=True)
        if answer.kind != "answer":
            answer = _compose(retriever, query, departement=local)
        return Reply(kind=answer.kind, answer=answer, departement=named, portraits=portraits, truncated=truncated)
    answer = _compose(retriever, query)
    return Reply(kind=answer.kind, answer=answer, portraits=portraits, truncated=truncated)


def no_portrait_text(departement: str, portraits: list[str]) -> str:
    return (f"Je n'ai pas de portrait pour le département {departement} : mes fiches départementales couvrent "
            f"{', '.join(portraits)}. Pour les chiffres de votre territoire, adressez-vous à la Caf de votre département.")

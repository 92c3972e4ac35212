"""From a user's message to a reply: cleaning, department handling, retrieval, composition.

Shared by the Rasa action, the triage command and the benchmarks. Takes the loaded Retriever as argument.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from caf_assistant.answers.compose import Answer, compose_answer
from caf_assistant.answers.contacts import contacts_after
from caf_assistant.answers.departements import canonical, detect_departement, without_departement
from caf_assistant.answers.fit import asks_phone, counted_subject, gives_contact, phones_in, shared_phones
from caf_assistant.answers.overview import compose_overview, wants_overview
from caf_assistant.message_screening import max_message_chars
from caf_assistant.retrieval.analysis import Query
from caf_assistant.retrieval.retriever import Retriever
from caf_assistant.retrieval.spelling import spell_out
from caf_assistant.text import clean_user_text, content_terms, fold

MAX_QUERY_CHARS = max_message_chars()  # what Rasa lets through (caf_assistant.message_screening); also for the triage
SEARCH_K = 12


@dataclass
class Reply:
    kind: str  # answer | unknown | unreadable
    answer: Answer | None = None
    query: Query | None = None
    departement: str | None = None  # department to remember in the conversation
    no_portrait_for: str | None = None
    portraits: list[str] = field(default_factory=list)
    truncated: bool = False
    contacts: list[str] = field(default_factory=list)  # lines of knowledge/contacts.yml to send after the answer


def readable(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]", text)) >= 2


OVERVIEW_K = 40
# what a question asks that the national sheets state for every territory
GENERAL_TYPES = frozenset({"condition", "definition", "how"})


def _compose(retriever: Retriever, query: Query, **search) -> Answer:
    hits = retriever.search(query, k=OVERVIEW_K if query.broad else SEARCH_K, **search)
    answer = compose_overview(query, hits, retriever.chunks) if query.broad else None
    answer = answer or compose_answer(query, hits, retriever.chunks, retriever.settings,
                                      retriever.unit_similarities(query))
    answer.hits = hits
    if answer.kind != "answer" and query.question_type == "contact" and search.get("departement") \
            and "only" not in search:
        # a phone number or an address asked for in a department: the passages that give one (portraits print
        # their Caf's own numbers, so without a department the nearest one would be another Caf's)
        phone = asks_phone(query.text)
        return _compose(retriever, query, only=lambda chunk: gives_contact(f"{chunk.section} {chunk.text}", phone),
                        departement=search["departement"])
    if answer.kind != "answer" and query.question_type == "contact" and not search and asks_phone(query.text):
        # a phone number asked with no department: a number the portraits of several Caf give is every Caf's
        # (the 32 30), quoted with the portrait it comes from; a local number is never given for another Caf
        shared = shared_phones(retriever.chunks)
        for departement in sorted(retriever.departements_with_portrait()) if shared else ():
            found = _compose(retriever, query, departement=departement, portrait_only=True,
                             only=lambda chunk: bool(phones_in(f"{chunk.section} {chunk.text}") & shared))
            if found.kind == "answer":
                return found
    return answer


def answer_question(retriever: Retriever, text: str | None, departement_entity: str | None = None,
                    departement_slot: str | None = None, previous_question: str | None = None,
                    previous_topic: str | None = None) -> Reply:
    """`previous_question`, `previous_topic`: the conversation's previous question and the topic it was answered
    from, to read a follow-up (« et en QPV ? »)."""
    reply = _answer(retriever, text, departement_entity, departement_slot, previous_question, previous_topic)
    if reply.kind == "answer" and reply.query is not None:
        body = reply.answer.text.split("\nSource : ")[0]
        reply.contacts = contacts_after(reply.query.text, body, asks_whom=reply.query.question_type == "who")
    return reply


def _answer(retriever: Retriever, text: str | None, departement_entity: str | None,
            departement_slot: str | None, previous_question: str | None, previous_topic: str | None) -> Reply:
    raw = text or ""
    cleaned = clean_user_text(raw, MAX_QUERY_CHARS)
    truncated = len(raw) > MAX_QUERY_CHARS
    portraits = sorted(retriever.departements_with_portrait())
    if not readable(cleaned):
        return Reply(kind="unreadable", portraits=portraits)
    previous = spell_out(clean_user_text(previous_question, MAX_QUERY_CHARS)) if previous_question else None
    cleaned = spell_out(cleaned)  # « cb d annees », « c koi »: read as written in full
    named = canonical(departement_entity) or detect_departement(cleaned)
    earlier = detect_departement(previous) if previous and named else None
    if earlier and earlier != named:  # « et dans la Loire ? » after a question on the Pyrénées-Orientales
        previous = without_departement(previous, earlier)
    query = retriever.analyse(cleaned, previous, previous_topic)
    query = dataclasses.replace(query, broad=wants_overview(query))  # « un panorama des leviers … »: an overview
    if named and named not in portraits:
        # a department without a portrait: national offers only when the question names one
        answer = _compose(retriever, query) if query.topics else Answer(kind="unknown")
        return Reply(kind=answer.kind, answer=answer, query=query, departement=named, no_portrait_for=named,
                     portraits=portraits, truncated=truncated)
    # the department named now, or remembered from earlier: its portrait first, then the national sheets
    local = named or (departement_slot if departement_slot in portraits else None)
    if local and query.broad:  # « qu'est-ce que la Caf peut faire pour ma commune du Pays de Craon ? »: the offers
        answer = _compose(retriever, query, departement=local)
        return Reply(kind=answer.kind, answer=answer, query=query, departement=named, portraits=portraits,
                     truncated=truncated)
    if local:
        answer = _compose(retriever, query, departement=local, portrait_only=True)
        # a figure asked about the department named now is the portrait's or nobody's, never a national one;
        # so is a count (« combien de centres sociaux dans la Loire ? ») even when it names an offer
        counts_locally = named and query.asks_amount and (not query.topics or counted_subject(query.text))
        if answer.kind != "answer" and not counts_locally:
            answer = _compose(retriever, query, departement=local)
        elif query.question_type in GENERAL_TYPES and not counts_locally:
            # « pour la crèche de Craon, quelle condition sur les tarifs ? »: a rule is the same everywhere; the
            # portrait answers only when its passage is ranked first among all the sheets
            answer = _compose(retriever, query, departement=local)
        elif query.topics and answer.topic not in query.topics and not counts_locally:
            # an offer named (« c'est quoi un espace de vie sociale ? ») that the portrait's passage is not
            # about: the sheet that presents that offer, when one does
            wider = _compose(retriever, query, departement=local)
            answer = wider if wider.kind == "answer" and wider.topic in query.topics else answer
        return Reply(kind=answer.kind, answer=answer, query=query, departement=named, portraits=portraits,
                     truncated=truncated)
    answer = _compose(retriever, query)
    return Reply(kind=answer.kind, answer=answer, query=query, portraits=portraits, truncated=truncated)


_AGAIN_FOR_PLACE = re.compile(r"^\W*(?:et|mais|pareil|idem|meme question)\b|\?\s*$")


def asks_again_for_place(text: str) -> bool:
    """« et chez nous dans la Loire ? », « et dans le 66 ? »: the previous question, for another department
    (a bare « Loire » answers « dans quel département ? »)."""
    return bool(_AGAIN_FOR_PLACE.search(fold(text)))


def no_portrait_text(departement: str, portraits: list[str]) -> str:
    return (f"Je n'ai pas de portrait pour le département {departement} : mes fiches départementales couvrent "
            f"{', '.join(portraits)}. Pour les chiffres de votre territoire, adressez-vous à la Caf de votre département.")


_ASKS = re.compile(r"\?|\b(?:combien|comment|pourquoi|quel(?:le)?s?|pourriez-vous|pouvez-vous|est-ce|y a-t-il)\b")


def asks_more_than_place(text: str) -> bool:
    """A question of its own that names a place (« En dehors de Perpignan, combien de points où rencontrer la Caf
    y a-t-il dans le département ? »), not only where the official is (« je suis maire d'une commune de la Loire »)."""
    return len(content_terms(text)) >= 5 and bool(_ASKS.search(fold(text)))

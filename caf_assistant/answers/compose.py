"""Builds the answer to a question from retrieved chunks: the sentences that answer, then the source.

Every sentence and figure comes word for word from the cited chunk; older editions' figures are shown
as history, with their own source.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from caf_assistant.answers.definitions import defines_asked
from caf_assistant.answers.fit import counted_subject, counts_in_so_many_words, holds_asked_fact, names_sum_for
from caf_assistant.answers.history import parameter_history, sentence_of
from caf_assistant.answers.newest import prefer_newest
from caf_assistant.answers.relevance import is_answerable, relevance
from caf_assistant.answers.sentences import join_units, select_units, split_units, truncate_words
from caf_assistant.answers.superseded import chunk_at, quoted_stale, superseding
from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.editions import GENERIC_TOPICS, HistoryNote, history_notes, newest_version
from caf_assistant.retrieval.analysis import Query, as_query
from caf_assistant.retrieval.retriever import ScoredChunk
from caf_assistant.retrieval.settings import RetrievalSettings
from caf_assistant.text import content_terms

NEWEST_WINDOW = 3


@dataclass
class Answer:
    kind: str  # answer | unknown
    text: str = ""
    sources: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)
    chunk_id: str | None = None
    topic: str | None = None
    dense_similarity: float = 0.0
    coverage: float = 0.0
    question_similarity: float = 0.0
    overview: list[dict] = field(default_factory=list)  # for a broad question: the offers listed
    hits: list = field(default_factory=list, repr=False, compare=False)  # what retrieval ranked, for diagnostics

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "hits"}


def source_of(chunk: Chunk) -> dict:
    return {"sheet_id": chunk.sheet_id, "title": chunk.title, "publisher": chunk.publisher,
            "edition": chunk.edition, "section": chunk.section, "fiche": chunk.fiche, "chunk_id": chunk.id}


def cite(source: dict) -> str:
    section = source["section"]
    where = section if section == source["fiche"] else f"{source['fiche']} > {section}"
    return f"Source : « {where} », {source['title']} — {source['publisher']}, édition {source['edition']}."


def cite_history(note: HistoryNote) -> str:
    return (f"Historique : l'édition {note.edition} ({note.publisher}) indiquait : "
            f"« {truncate_words(note.sentence, 40)} »")


def candidates_for(hits: list[ScoredChunk]) -> list[Chunk]:
    """The best section in all its editions, then other sections of the same topic ranked just below it."""
    candidates = list(hits[0].editions or (hits[0].chunk,))
    candidates += [c for h in hits[1:NEWEST_WINDOW] if h.chunk.topic == hits[0].chunk.topic
                   for c in (h.editions or (h.chunk,))]
    return candidates


GENERIC_HEADINGS = re.compile(r"^(?:en chiffres|les \+|les textes de r|le texte de r|textes de r|plus d.informations|"
                              r"ce que la caf vous apporte|édito|edito|sommaire)", re.IGNORECASE)


def with_heading(heading: str, text: str) -> str:
    """The answer opens with its section's heading when the sentences do not name what they are about
    (« Le bonus « territoire » : un forfait de 2 600 euros... », « 3230 (Service gratuit...) : Le numéro... »)."""
    heading_terms = set(content_terms(heading))
    if not heading or not heading_terms or heading.endswith("?") or len(heading.split()) > 12 \
            or GENERIC_HEADINGS.match(heading) or heading_terms <= set(content_terms(text)):
        return text
    return f"{heading} : {text}"


def section_text(chunk: Chunk, all_chunks: list[Chunk]) -> str:
    """The whole section a chunk is a piece of (long sections are cut into several chunks)."""
    pieces = [c.text for c in all_chunks if c.sheet_id == chunk.sheet_id and c.heading_path == chunk.heading_path
              and c.topic == chunk.topic]
    return "\n".join(pieces) if chunk.text in pieces else chunk.text


def unknown(top: ScoredChunk | None, query: Query) -> Answer:
    """« je ne sais pas », with the scores that decided it (for the benchmarks and the logs)."""
    r = relevance(top, query) if top else None
    return Answer(kind="unknown", dense_similarity=r.dense_similarity if r else 0.0,
                  coverage=r.coverage if r else 0.0, question_similarity=r.question_similarity if r else 0.0)


FALLBACK_SHARE = 0.85
FALLBACK_HITS = 6


def fallback_starts(query: Query, hits: list[ScoredChunk], min_confidence: float | None = None) -> list[int]:
    """Where to look when the best passage lacks the kind of fact asked (a figure, a phone number): first
    the best passage, then the next ones of its topic or of a topic the question names, or that the ranker
    finds answering in their own right (`min_confidence`); for a contact, any."""
    starts = [0]
    # the ranker's own bar, or nearly the best passage's confidence when it is unsure of all of them
    bar = min(min_confidence, FALLBACK_SHARE * (hits[0].confidence or 0.0)) if min_confidence is not None else None
    for i, hit in enumerate(hits[1:FALLBACK_HITS], start=1):
        if query.question_type == "contact" or hit.chunk.topic == hits[0].chunk.topic or hit.chunk.topic in query.topics \
                or (bar is not None and hit.confidence is not None and hit.confidence >= bar):
            starts.append(i)
    return starts


def beyond_editions(query: Query, units: list[str], all_chunks: list[Chunk]) -> bool:
    """A figure asked for a year after the newest edition (« le budget en 2026 ? ») that the sentences do
    not name: the sheets do not give it, and the newest figure would be another year's."""
    newest = max((c.edition for c in all_chunks), default=0)
    return bool(query.asks_amount and query.year and query.year > newest
                and not any(str(query.year) in unit for unit in units))


def defining_start(query: Query, hits: list[ScoredChunk], all_chunks: list[Chunk]) -> int | None:
    """« c'est quoi une MAM ? »: the rank of the first passage that says what it is, wherever the sheets write it
    (a generic section, the modes of care, does not count)."""
    return next((i for i in range(min(FALLBACK_HITS, len(hits))) if hits[i].chunk.topic not in GENERIC_TOPICS
                 and defines_asked(split_units(section_text(newest_version(hits[i].chunk, all_chunks), all_chunks)),
                                   query) is not None), None)


def conversation_topic(query: Query, chunk: Chunk, defined: bool) -> str | None:
    """The topic the conversation is on after this answer: the passage's, except for a definition found in another
    topic's section (« c'est quoi une Mam ? » answered from the modes of care), which keeps the offer asked for what
    follows (« et ça regroupe combien d'assistants maternels ? »)."""
    if defined and len(query.topics) == 1 and chunk.topic not in query.topics:
        return next(iter(query.topics))
    return chunk.topic


def compose_answer(query: Query | str, hits: list[ScoredChunk], all_chunks: list[Chunk],
                   settings: RetrievalSettings | None = None, unit_similarity: dict[str, float] | None = None) -> Answer:
    settings = settings or RetrievalSettings()
    query = as_query(query)
    top = hits[0] if hits else None
    if query.unknown_aid or not is_answerable(top, query, settings):
        return unknown(top, query)
    selected: dict[str, list[str]] = {}

    def units_of(chunk: Chunk) -> list[str]:  # each passage's sentences chosen once
        if chunk.id not in selected:
            selected[chunk.id] = select_units(section_text(chunk, all_chunks), query, heading=chunk.section,
                                              max_words=settings.answer_max_words, similarity=unit_similarity)
        return selected[chunk.id]

    older: list[HistoryNote] = []
    defined = False  # the passage chosen is where the sheets say what the thing asked is
    quoted = None if query.year else quoted_stale(query.text)
    current = chunk_at(quoted[0], all_chunks) if quoted else None
    if current is not None:  # « c'est toujours 17 000 € par place ? »: where the current figure is written
        chunk, units = current, units_of(current)
        older = [note for note in [sentence_of(quoted[1], all_chunks)] if note]
    else:
        counted = counted_subject(query.text) if query.asks_amount and not query.year else None
        # « combien d'allocataires ? »: the passage that writes the count before its noun, among the first ones
        # (a portrait's passages are all one place's figures: any of them)
        starts = sorted(set(fallback_starts(query, hits)) | {i for i, hit in enumerate(hits[:FALLBACK_HITS])
                                                             if hit.chunk.departement is not None})
        exact = next((i for i in starts if counted
                      and counts_in_so_many_words(counted, units_of(prefer_newest(candidates_for(hits[i:]), query)))),
                     None)
        if exact is None and query.asks_amount and not counted and not query.year:
            # « et pour le RSA ? » in a department: the passage that gives a sum for it by name
            exact = next((i for i in starts if hits[i].chunk.departement is not None
                          and names_sum_for(query.text, units_of(prefer_newest(candidates_for(hits[i:]), query)))),
                         None)
        if exact is None and query.question_type == "definition":
            exact = defining_start(query, hits, all_chunks)
            defined = exact is not None
        for start in [exact] if exact is not None else fallback_starts(query, hits, settings.min_confidence):
            chunk = prefer_newest(candidates_for(hits[start:]), query)
            if not query.year:
                chunk = newest_version(chunk, all_chunks)
            units = units_of(chunk)
            if holds_asked_fact(query, units, chunk.section):
                break
        else:
            return unknown(top, query)  # a figure asked for and none about it in the passages: not the nearest one
        if beyond_editions(query, units, all_chunks):
            return unknown(top, query)
        newer = None if query.year else superseding(units, chunk, query.asked)
        newer_chunk = chunk_at(newer, all_chunks) if newer else None
        if newer_chunk is not None:  # an older figure the chosen passage states: the newest sheet answers
            older = [HistoryNote(chunk.sheet_id, chunk.publisher, chunk.edition, chunk.title, chunk.section,
                                 join_units(units), "")]
            chunk, units = newer_chunk, units_of(newer_chunk)
    notes = older + (history_notes(units, chunk, all_chunks, split_units) if not query.year else [])
    if not query.year:  # figures the dated parameters know changed, quoted from the older sheet
        notes += parameter_history(units, chunk, all_chunks, {n.edition for n in notes})
    source = source_of(chunk)
    lines = [with_heading(chunk.section, join_units(units)), cite(source)]
    lines.extend(cite_history(note) for note in notes)
    r = relevance(top, query)
    return Answer(
        kind="answer",
        text="\n".join(lines),
        sources=[source] + [{"sheet_id": n.sheet_id, "title": n.title, "publisher": n.publisher,
                             "edition": n.edition, "section": n.section, "history": True} for n in notes],
        history=[asdict(n) for n in notes],
        chunk_id=chunk.id,
        topic=conversation_topic(query, chunk, defined),
        dense_similarity=r.dense_similarity,
        coverage=r.coverage,
        question_similarity=r.question_similarity,
    )

"""A broad question (« maire d'une commune rurale, que peut faire la Caf ? »): an overview of the offers.

One line per family of offers, in the order retrieval ranks them, each from the newest edition with its
source; the widget gets one button per offer to go deeper. Pure functions over the ranked chunks.
"""

from __future__ import annotations

from caf_assistant.answers.compose import Answer, section_text, source_of
from caf_assistant.answers.newest import prefer_newest
from caf_assistant.answers.sentences import select_units
from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.editions import newest_version
from caf_assistant.retrieval.analysis import Query, as_query
from caf_assistant.retrieval.retriever import ScoredChunk

OVERVIEW_TOPICS = 5
OVERVIEW_WORDS = 30
# the offers an overview lists (topic keys of knowledge/FORMAT.md), one line per family of offers;
# other topics describe, they do not offer
OFFER_FAMILIES = {
    "ctg": ("ctg", "ctg_ingenierie", "fonds_europeens"),
    "creches": ("creche_investissement", "fonds_modernisation", "psu", "bonus_mixite_sociale",
                "bonus_inclusion_handicap", "bonus_territoire"),
    "relais": ("relais_petite_enfance", "information_familles"),
    "mam": ("maison_assistants_maternels", "assistants_maternels"),
    "loisirs": ("accueils_de_loisirs", "plan_mercredi"),
    "jeunes": ("ps_jeunes", "bafa"),
    "vie_sociale": ("centres_sociaux", "espaces_de_vie_sociale"),
    "parentalite": ("parentalite", "laep", "clas"),
    "droits": ("acces_aux_droits", "rendez_vous_des_droits", "inclusion_numerique", "personnes_prioritaires"),
    "logement": ("logement",),
}
FAMILY_OF = {topic: family for family, topics in OFFER_FAMILIES.items() for topic in topics}


def compose_overview(query: Query, hits: list[ScoredChunk], all_chunks: list[Chunk]) -> Answer | None:
    """A broad question: the offers that fit, one line each from the newest edition, each with its source."""
    lines, sources, topics, families = [], [], [], set()
    for hit in hits:
        chunk = newest_version(prefer_newest(list(hit.editions or (hit.chunk,)), query), all_chunks)
        family = FAMILY_OF.get(chunk.topic)
        if family is None or family in families:
            continue
        units = select_units(section_text(chunk, all_chunks), as_query(f"c'est quoi {chunk.section} ?"),
                             max_words=OVERVIEW_WORDS, heading=chunk.section)
        if not units:
            continue
        topics.append(chunk.topic)
        families.add(family)
        source = source_of(chunk)
        sources.append(source)
        lines.append(f"- {chunk.section} : {' '.join(u.removeprefix('- ') for u in units)} "
                     f"({source['title']}, édition {source['edition']})")
        if len(topics) >= OVERVIEW_TOPICS:
            break
    if not lines:
        return None  # no offer among the passages found: the ordinary answer path decides
    return Answer(kind="answer", text="\n".join(lines), sources=sources, chunk_id=sources[0]["chunk_id"],
                  topic="overview", overview=[{"title": s["section"], "topic": t} for s, t in zip(sources, topics)])

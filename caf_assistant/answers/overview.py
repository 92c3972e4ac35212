"""A broad question (« maire d'une commune rurale, que peut faire la Caf ? »): an overview of the offers.

One line per family of offers, in the order retrieval ranks them, each from the newest edition with its
source; the widget gets one button per offer to go deeper. Pure functions over the ranked chunks.
"""

from __future__ import annotations

import re

from caf_assistant.answers.compose import Answer, section_text, source_of
from caf_assistant.answers.newest import prefer_newest
from caf_assistant.answers.sentences import select_units
from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.editions import newest_version
from caf_assistant.retrieval.analysis import Query, as_query, asks_overview
from caf_assistant.retrieval.retriever import ScoredChunk
from caf_assistant.text import fold

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

# the public a broad question is about (« que peut faire la Caf pour nos jeunes ? »): its families come first
PUBLIC_FAMILIES = {
    "jeunes": ("jeunes", "loisirs"), "ados": ("jeunes", "loisirs"), "adolescents": ("jeunes", "loisirs"),
    "jeunesse": ("jeunes", "loisirs"), "enfants": ("loisirs", "creches", "relais", "mam"),
    "petits": ("creches", "relais", "mam"), "bebes": ("creches", "relais", "mam"),
    "tout petits": ("creches", "relais", "mam"), "petite enfance": ("creches", "relais", "mam"),
    "garde": ("creches", "relais", "mam"), "parents": ("parentalite",), "parentalite": ("parentalite",),
    "peres": ("parentalite",), "meres": ("parentalite",), "familles": ("parentalite", "vie_sociale"),
    "habitants": ("vie_sociale", "droits"), "isoles": ("vie_sociale", "droits"), "anciens": ("vie_sociale", "droits"),
    "droits": ("droits",), "logement": ("logement",),
    "nounous": ("relais", "mam"), "assistantes maternelles": ("relais", "mam"), "assistants maternels": ("relais", "mam"),
    "assmat": ("relais", "mam"), "moins de trois ans": ("creches", "relais", "mam"),
    "moins de 3 ans": ("creches", "relais", "mam"),
}


def wants_overview(query: Query) -> bool:
    """An overview: a broad question, or one asking for the range of offers in so many words (« un panorama des
    leviers pour l'accueil des moins de trois ans », « les nounous partent à la retraite : comment la Caf peut-elle
    nous aider ? »), even on one family of offers: its offers are listed first."""
    return query.broad or (not query.follow_up and asks_overview(query.text))

def asked_families(text: str) -> list[str]:
    """The families of offers for the public a broad question names, in the order they are named."""
    folded = " " + re.sub(r"[^a-z0-9]+", " ", fold(text)) + " "
    named = sorted((folded.find(f" {word} "), families) for word, families in PUBLIC_FAMILIES.items()
                   if f" {word} " in folded)
    return list(dict.fromkeys(family for _, families in named for family in families))


def compose_overview(query: Query, hits: list[ScoredChunk], all_chunks: list[Chunk]) -> Answer | None:
    """A broad question: the offers that fit, one line each from the newest edition, each with its source."""
    lines, sources, topics, families = [], [], [], set()
    wanted = asked_families(query.text)
    if wanted:  # the offers for the public named first, then the others, each in retrieval's order
        def rank(hit: ScoredChunk) -> int:
            family = FAMILY_OF.get(hit.chunk.topic)
            return wanted.index(family) if family in wanted else len(wanted)
        hits = sorted(hits, key=rank)
    # one line per family; for the public named, one per offer (« nos jeunes »: the PS Jeunes and the Bafa), as
    # many per family as leaves room for each family it names (« les moins de trois ans »: crèches, relais, Mam)
    per_family = max(1, OVERVIEW_TOPICS // len(wanted)) if wanted else 1
    lines_of: dict[str, int] = {}
    for hit in hits:
        chunk = newest_version(prefer_newest(list(hit.editions or (hit.chunk,)), query), all_chunks)
        family = FAMILY_OF.get(chunk.topic)
        key = chunk.topic if family in wanted else family
        if family is None or key in families or lines_of.get(family, 0) >= per_family:
            continue
        units = select_units(section_text(chunk, all_chunks), as_query(f"c'est quoi {chunk.section} ?"),
                             max_words=OVERVIEW_WORDS, heading=chunk.section)
        if not units:
            continue
        topics.append(chunk.topic)
        families.add(key)
        lines_of[family] = lines_of.get(family, 0) + 1
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

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
    "moins de 3 ans": ("creches", "relais", "mam"), "garder": ("creches", "relais", "mam"),
    "lien": ("vie_sociale", "parentalite"), "personnes agees": ("vie_sociale", "droits"),
    "numerique": ("droits",), "demarches": ("droits",), "internet": ("droits",),
    "jeunes parents": ("creches", "relais", "mam"), "jeunes couples": ("creches", "relais", "mam"),
    "jeunes familles": ("creches", "relais", "mam"),
}
# an offer named in a broad question (« un panorama des financements pour les crèches »): its family's offers, before
# those of the publics it names (« le volet petite enfance »)
OFFER_NAMES = {"creche": "creches", "creches": "creches", "multi accueil": "creches", "micro creche": "creches",
               "micro creches": "creches", "centre de loisirs": "loisirs", "centres de loisirs": "loisirs",
               "accueil de loisirs": "loisirs", "accueils de loisirs": "loisirs", "centre social": "vie_sociale",
               "centres sociaux": "vie_sociale"}
# the frame in which the Caf works with a commune on all of them: first when a broad question names no public,
# and always among the lines of an overview
FRAME_FAMILY = "ctg"
# « en dehors de la garde des tout-petits », « à part les crèches »: a public set aside, its offers last
_SET_ASIDE = re.compile(r"\b(?:en dehors (?:de|du|des|d)|hors|a part|autre(?:s)? que|sauf)\s+((?:\w+\s+){0,4}\w+)")


def wants_overview(query: Query) -> bool:
    """An overview: a broad question, or one asking for the range of offers in so many words (« un panorama des
    leviers pour l'accueil des moins de trois ans », « les nounous partent à la retraite : comment la Caf peut-elle
    nous aider ? »), even on one family of offers: its offers are listed first."""
    return query.broad or (not query.follow_up and asks_overview(query.text))

# words that look like a public and are not one: a commune's size (« un village de 900 habitants »)
_NOT_A_PUBLIC = re.compile(r"\b\d+ habitants\b")


def _families_named(folded: str) -> list[str]:
    """The families of the publics named, in order; the longest name wins (« jeunes parents » are parents of
    young children, not young people)."""
    folded = f" {_NOT_A_PUBLIC.sub(' ', folded)} "
    named = []
    for word in sorted(PUBLIC_FAMILIES, key=len, reverse=True):
        at = folded.find(f" {word} ")
        if at >= 0:
            named.append((at, PUBLIC_FAMILIES[word]))
            folded = folded.replace(f" {word} ", " " + "_" * len(word) + " ")
    return list(dict.fromkeys(family for _, families in sorted(named) for family in families))


def set_aside_families(text: str) -> list[str]:
    """The families of the public a question sets aside (« en dehors de la garde des tout-petits »)."""
    folded = re.sub(r"[^a-z0-9]+", " ", fold(text))
    return list(dict.fromkeys(f for m in _SET_ASIDE.finditer(folded) for f in _families_named(m.group(1))))


_LACKED = re.compile(r" (?:pas d(?:e|u|es)?|sans|aucune?|ni|plus d(?:e|u|es)?) (?:(?:\w+ ){0,2})")


def offers_named(text: str) -> list[str]:
    """The families of the offers a broad question names (« les financements pour les crèches »)."""
    folded = _LACKED.sub(" ", f" {re.sub(r'[^a-z0-9]+', ' ', fold(text))} ")  # « pas de crèche »: a lack, not the subject
    return list(dict.fromkeys(family for name, family in OFFER_NAMES.items() if f" {name} " in folded))


def asked_families(text: str) -> list[str]:
    """The families of the offers a broad question names, then those for the public it names, in the order they are
    named, but those it sets aside."""
    folded = re.sub(r"[^a-z0-9]+", " ", fold(text))
    aside = set(set_aside_families(text))
    return [f for f in dict.fromkeys(offers_named(text) + _families_named(folded)) if f not in aside]


# sections that state the need an offer meets, not the offer (« Constat : le nombre d'assistants maternels décroît »)
_DESCRIBES_NEED = re.compile(r"^(?:constat|besoin)s?$|: constat et besoin$")


def compose_overview(query: Query, hits: list[ScoredChunk], all_chunks: list[Chunk]) -> Answer | None:
    """A broad question: the offers that fit, one line each from the newest edition, each with its source."""
    lines, sources, topics, families = [], [], [], set()
    wanted, aside = asked_families(query.text), set_aside_families(query.text)
    first = wanted or [FRAME_FAMILY]

    def rank(hit: ScoredChunk) -> int:  # the public named first, those set aside last, each in retrieval's order
        family = FAMILY_OF.get(hit.chunk.topic)
        return first.index(family) if family in first else len(first) + (family in aside)
    hits = sorted(hits, key=rank)
    # one line per family; for the public named, one per offer (« nos jeunes »: the PS Jeunes and the Bafa), as
    # many per family as leaves room for each family it names (« les moins de trois ans »: crèches, relais, Mam)
    offered = [f for f in offers_named(query.text) if f in wanted]
    per_family = max(1, OVERVIEW_TOPICS // len(offered or wanted)) if wanted else 1
    lines_of: dict[str, int] = {}
    framed = any(FAMILY_OF.get(hit.chunk.topic) == FRAME_FAMILY for hit in hits)
    # each offer's line from the newest sheet that presents it (« Dispositif de financement : Plan d'investissement… »
    # in 2024 rather than « Vous avez un projet de création… ? » in 2022), wherever retrieval ranks it
    newest_of: dict[str, ScoredChunk] = {}
    for hit in hits:
        known = newest_of.get(hit.chunk.topic)
        if known is None or hit.chunk.edition > known.chunk.edition:
            newest_of[hit.chunk.topic] = hit
    for hit in hits:
        hit = newest_of[hit.chunk.topic]
        chunk = newest_version(prefer_newest(list(hit.editions or (hit.chunk,)), query), all_chunks)
        family = FAMILY_OF.get(chunk.topic)
        key = chunk.topic if family in wanted else family
        if family is None or key in families or lines_of.get(family, 0) >= per_family \
                or _DESCRIBES_NEED.search(fold(chunk.section)):
            continue
        if framed and len(topics) == OVERVIEW_TOPICS - 1 and FRAME_FAMILY not in lines_of and family != FRAME_FAMILY:
            continue  # the last line for the Ctg, the frame in which the Caf and the commune contract all of these
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

"""Splits a chunk into answer units (sentences and list items) and picks those that answer a question.

Pure functions. A list item keeps a link to its lead-in (the sentence before the list, often ending
with « : »), so that an answer never shows an item without the words that introduce it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from caf_assistant.answers.definitions import defines_asked
from caf_assistant.answers.departements import detect_departement
from caf_assistant.answers.fit import LARGE_FIGURE, asks_national, counted_in, names
from caf_assistant.knowledge.units import answer_units, split_units, strip_markdown  # noqa: F401  (re-exported)
from caf_assistant.retrieval.analysis import CUES, Query, as_query
from caf_assistant.retrieval.query import expand_query
from caf_assistant.text import content_terms, fold

MAX_UNITS = 4
MAX_ITEMS = 6

CUE_WEIGHT = {"amount": 0.6, "definition": 0.25}
# questions asking one precise fact: a figure, an age, a duration, a contact, a date
PRECISE_TYPES = frozenset({"amount", "age", "duration", "contact", "when"})
# the precise facts a unit gives or not (a duration, an age, a date): a unit without one is scored down
CUED_TYPES = frozenset({"age", "duration", "when"})
UNCUED_SHARE = 0.5


# the sheets label what each part of a sheet says (« Qui est concerné : », « Comment la Caf vous accompagne : »): a
# question asking that reads the unit with that label first (question, label, both on folded text)
LABELS = (
    (re.compile(r"\bqui (?:peut|peuvent|pourrait|est concerne|sont concernes|a droit|beneficie)|\bpour qui\b|"
                r"\beligib|\bouverte? a qui\b|\ba qui s adresse"),
     re.compile(r"^qui est concerne\b")),
    (re.compile(r"\bcomment (?:la caf|les caf|elle|vous) (?:peut |peuvent |pourrait )?(?:nous |les |me )?"
                r"(?:aide|accompagn|soutien|epaul)|\bquel (?:soutien|accompagnement)\b"),
     re.compile(r"^(?:comment la caf vous accompagne|ce qui est propose concretement)\b")),
)
LABEL_WEIGHT = 1.0


def label_bonus(unit: str, asked: str) -> float:
    """The unit carries the label of what the question asks (« qui peut bénéficier ? »: « Qui est concerné : … »)."""
    folded = fold(unit)
    return LABEL_WEIGHT if any(question.search(asked) and label.search(folded) for question, label in LABELS) else 0.0


def words(text: str) -> int:
    return len(text.split())


def asks_amount(query: Query | str) -> bool:
    return as_query(query).asks_amount


@lru_cache(maxsize=8192)
def unit_terms(unit: str) -> frozenset[str]:
    """The unit's content terms, its abbreviations spelled out; the sheets' units are few, so each is read once."""
    return frozenset(content_terms(expand_query(unit)))


def unit_score(unit: str, query_terms: set[str]) -> float:
    """Share of the question's terms the unit holds, abbreviations read as the sheets spell them out
    (« 124 Communes classées ZRR » holds « zone de revitalisation rurale »)."""
    terms = unit_terms(unit)
    if not terms or not query_terms:
        return 0.0
    overlap = len(terms & query_terms)
    return overlap / len(query_terms) + 0.1 * overlap / len(terms)


def _cue_bonus(unit: str, question_type: str) -> float:
    cue = CUES.get(question_type)
    if cue is None:
        return 0.0
    folded = fold(unit)
    weight = CUE_WEIGHT.get(question_type, 0.3)
    if question_type == "amount":
        if re.search(r"\d[\d\s.,]*\s?(?:€|euros?)", folded):
            return weight
        return weight / 2 if cue.search(folded) else 0.0
    return weight if cue.search(folded) else 0.0


SCALE_WEIGHT = 0.3
UNIT_SIMILARITY_WEIGHT = 1.0
RESTATED_WEIGHT = 0.5
COUNTED_WEIGHT = 0.6


def counted_qualifier(query: Query, remaining: set[str], counted: list[str]) -> set[str]:
    """What the question says of what it counts, beyond the heading, the subject and the department (« zone de
    revitalisation rurale » in « combien de communes en zone de revitalisation rurale dans les Pyrénées-Orientales ? »)."""
    departement = detect_departement(query.asked)
    place = set(content_terms(departement)) if departement else set()
    subject = {term for word in counted for term in content_terms(word)}
    return {term for term in set(content_terms(expand_query(query.asked))) & remaining if not term.isdigit()} \
        - subject - place


def select_units(text: str, query: Query | str, max_words: int = 80, heading: str = "",
                 similarity: dict[str, float] | None = None) -> list[str]:
    """The best-scoring units, in their original order, within max_words (the best one always).

    Query terms that the section's heading already matches are taken as given for every unit of the
    section ("bonus territoire" under the heading « Le bonus territoire »): units are scored on the
    remaining terms, plus a cue for the kind of fact asked (a figure for « combien », a duration for
    « combien de temps », a definition for « c'est quoi »), and earlier units win ties (a section
    usually opens with its definition). `similarity` (each unit's embedding similarity to the question,
    from the answer-unit index) adds to the score relative to the section's best unit. A list item comes
    with its lead-in; a unit ending with « : » with what it introduces.
    """
    query = as_query(query)
    units = answer_units(text)
    if not units:
        return []
    asked = set(content_terms(query.asked))
    asked_folded = fold(query.text)
    remaining = asked - set(content_terms(heading))
    # for a precise fact (« combien d'allocataires ? »), asked words the heading holds: a unit that repeats
    # them names what it counts (« 155 609 allocataires » under « Nos allocataires »)
    restated = asked - remaining if query.question_type in PRECISE_TYPES else set()
    # « combien de communes ? »: the unit that gives a figure next to what is counted (« 323 Communes »)
    counted = counted_in(query) if query.asks_amount else []
    national = asks_national(query.asked) if query.asks_amount else None
    # what the question says of what it counts, beyond the heading and the department (« en zone de revitalisation
    # rurale » for « combien de communes … dans les Pyrénées-Orientales ? »)
    qualifier = counted_qualifier(query, remaining, counted) if counted else set()
    counting: list[int] = []
    position_weight = 0.15 if query.question_type == "definition" else 0.05
    scored = []
    sims = [similarity.get(unit.text, 0.0) for unit in units] if similarity else []
    top_sim = max(sims, default=0.0)
    for i, unit in enumerate(units):
        score = unit_score(unit.text, remaining) + _cue_bonus(unit.text, query.question_type) \
            + label_bonus(unit.text, asked_folded)
        if national is not None and LARGE_FIGURE.search(fold(unit.text)):
            score += SCALE_WEIGHT if national else -SCALE_WEIGHT
        if counted and re.search(r"\d", unit.text) and (
                any(names(word, set(content_terms(unit.text))) for word in counted)
                or (qualifier and 2 * len(qualifier & unit_terms(unit.text)) >= len(qualifier))):
            # « 226 Communes », or, for « combien de communes en zone de revitalisation rurale ? », « 124 ZRR »:
            # the figure of what qualifies the subject counted
            score += COUNTED_WEIGHT
            counting.append(i)
        if restated:
            score += RESTATED_WEIGHT * len(restated & set(content_terms(unit.text))) / len(restated)
        if sims and sims[i] > 0:
            score += UNIT_SIMILARITY_WEIGHT * max(0.0, 1 - (top_sim - sims[i]) / 0.05)
        score += position_weight * (1 - i / len(units))
        if (words(unit.text) < 4 and not re.search(r"\d", unit.text)) or unit.text.endswith("?"):
            score *= 0.3  # a bare heading-like fragment, or a question the sheet asks its reader, answers nothing
        scored.append((score, i))
    if query.question_type == "definition":
        # « c'est quoi » : the first sentence that defines (« est un », « permet »...); without one, the first
        # that names what is asked (« le bonus territoire »), else the opening one
        named = [set(content_terms(topic.replace("_", " "))) for topic in query.topics]
        # (a question the sheet asks its reader defines nothing: « Vous souhaitez proposer des sessions… ? »)
        stating = [i for i, u in enumerate(units) if words(u.text) >= 4 and not u.text.endswith("?")]
        naming = next((i for i in stating if any(terms and terms <= unit_terms(units[i].text) for terms in named)), None)
        defining = defines_asked([u.text for u in units], query)  # « … Maison d'assistants maternels (jusqu'à 4 …) »
        if defining is not None:  # the sentence that says what it is, and what carries it on; not the others
            scored = [(score if i == defining else 0.3 * score, i) for score, i in scored]
        else:
            defining = next((i for i in stating if CUES["definition"].search(fold(units[i].text))),
                            naming if naming is not None else 0 if words(units[0].text) >= 4 else None)
        if defining is not None:
            scored[defining] = (max(s for s, _ in scored) + 0.01, defining)
            if defining == naming:
                # the definition starts there: what comes before it in the section answers something else
                # (« Les crèches qui respectent le barème… » before the bonus territoire's sentence)
                scored = [(score if i >= defining else 0.0, i) for score, i in scored]
    if counting:  # « combien de QPV ? »: the units that count them, not the section's other figures
        scored = [(score if i in counting else 0.3 * score, i) for score, i in scored]
    elif query.question_type in CUED_TYPES:
        # « sur combien d'années ? »: the units that give a duration (an age, a date) before those that do not
        cued = {i for i, unit in enumerate(units) if CUES[query.question_type].search(fold(unit.text))}
        if cued:
            scored = [(score if i in cued else UNCUED_SHARE * score, i) for score, i in scored]
    order = sorted(scored, key=lambda item: (-item[0], item[1]))
    chosen: list[int] = []
    budget = max_words
    best_score = order[0][0]

    def take(index: int) -> bool:
        nonlocal budget
        if index in chosen or words(units[index].text) > budget:
            return False
        chosen.append(index)
        budget -= words(units[index].text)
        return True

    for score, index in order:
        if chosen and (score < 0.35 * best_score or score <= 0.05):
            continue
        if not chosen and words(units[index].text) > max_words:
            return [truncate_words(units[index].text, max_words)]
        lead = units[index].lead_in
        if lead is not None and lead not in chosen and words(units[lead].text) + words(units[index].text) <= budget:
            take(lead)
        take(index)
        if budget < 8 or len([i for i in chosen if units[i].lead_in is None]) >= MAX_UNITS:
            break
    # a unit that announces the fact without stating it (« Le numéro de téléphone unique des Caf ») is
    # followed by the one that states it
    cue = CUES.get(query.question_type) if query.question_type in ("contact", "amount", "age", "duration") else None
    if cue:
        for index in sorted(chosen):
            if not cue.search(fold(units[index].text)) and index + 1 < len(units) \
                    and cue.search(fold(units[index + 1].text)):
                take(index + 1)
    # a list right under its heading (no lead-in) answers « que peut-on faire ? » as a whole: its other items
    if query.question_type not in PRECISE_TYPES:
        for index in sorted(chosen):
            if units[index].item and units[index].lead_in is None:
                run = _item_run(units, index)
                for j in run[:MAX_ITEMS]:
                    take(j)
    # a sentence that points back (« La PS Jeunes cofinance ces postes. ») comes with the one it points to
    for index in sorted(chosen):
        if index > 0 and not units[index].item and index - 1 not in chosen and _POINTS_BACK.search(fold(units[index].text)):
            take(index - 1)
    # « c'est quoi ? »: the definition goes on in the sentence after it that points back to it (« La Ctg est une
    # démarche… » then « Ces services, définis d'après le diagnostic… »)
    if query.question_type == "definition":
        for index in sorted(chosen):
            after = index + 1
            if after < len(units) and not units[index].item and not units[after].item \
                    and units[after].paragraph == units[index].paragraph and _POINTS_BACK.search(fold(units[after].text)):
                take(after)
    # a short sentence that ends the paragraph of a chosen one completes it (« Chaque commune adhère
    # conformément à ses compétences. » after « … ne signifie pas que [l'intercommunalité] doit détenir des
    # compétences petite enfance. »)
    for index in sorted(chosen):
        after = index + 1
        if after < len(units) and not units[index].item and units[after].paragraph == units[index].paragraph \
                and (after + 1 == len(units) or units[after + 1].paragraph != units[index].paragraph) \
                and words(units[after].text) <= SHORT_ENDING:
            take(after)
    # a unit ending with ":" introduces the next one(s): keep its continuation when it fits
    for index in sorted(chosen):
        if units[index].text.endswith(":"):
            following = [j for j in range(index + 1, len(units)) if units[j].lead_in == index][:MAX_ITEMS]
            following = following or ([index + 1] if index + 1 < len(units) else [])
            for j in following:
                take(j)
    last = max(chosen)
    return [("- " if units[i].item else "") + (tidy(units[i].text) if i == last else units[i].text)
            for i in sorted(chosen)]


SHORT_ENDING = 10  # words
_POINTS_BACK = re.compile(r"^(?:\w+ ){0,5}?(?:ces|cet|cette|ceux-ci|celles-ci|ce dernier|cette derniere|cela|ils|elles)\b")


def _item_run(units, index: int) -> list[int]:
    """The contiguous list items around `index` that have no lead-in."""
    start = index
    while start > 0 and units[start - 1].item and units[start - 1].lead_in is None:
        start -= 1
    end = index
    while end + 1 < len(units) and units[end + 1].item and units[end + 1].lead_in is None:
        end += 1
    return list(range(start, end + 1))


def join_units(units: list[str]) -> str:
    """Sentences run on; list items (« - ») each on their own line."""
    text = ""
    for unit in units:
        text += ("\n" if unit.startswith("- ") and text else " " if text else "") + unit
    return text


def tidy(text: str) -> str:
    """The last unit shown ends a sentence, not a list (« ; », « , » or « : » at the end)."""
    return re.sub(r"\s*[;,:]\s*$", ".", text)


def truncate_words(text: str, max_words: int) -> str:
    parts = text.split()
    return text if len(parts) <= max_words else " ".join(parts[:max_words]) + " …"

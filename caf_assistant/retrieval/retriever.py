"""Hybrid retriever: BM25 (French stems) and FAISS (sentence embeddings) fused by reciprocal rank.

Five rankings are fused: the passages by BM25 and by embedding, the questions each section answers
(knowledge/questions/) by BM25 and by embedding (question-to-question similarity), and the topics the
question names. Loaded once per process (`Retriever.load`); `search` is pure given the loaded index and
embedder. Departmental portraits are searched only for the department the conversation is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.knowledge.units import split_units
from caf_assistant.retrieval.analysis import Query, aid_followers, analyse, opens_follow_up, unknown_aid
from caf_assistant.retrieval.embedders import Embedder, make_embedder
from caf_assistant.retrieval.features import (
    ASKS_FOR_TEXTS,
    DEMOTED_TOPICS,
    REFERENCE_TOPIC,
    ChunkFacts,
    asks_for_texts,
    candidate_features,
)
from caf_assistant.retrieval.fusion import reciprocal_rank_fusion
from caf_assistant.retrieval.index_store import LoadedIndex, load_index
from caf_assistant.retrieval.query import abbreviations, expand_query
from caf_assistant.retrieval.ranker import load_ranker
from caf_assistant.retrieval.settings import RetrievalSettings, load_settings
from caf_assistant.text import content_terms, fold

MODES = ("hybrid", "lexical", "dense")
DEMOTION = 0.5
REFERENCE_SHARE = 0.5  # of the reference list's confidence, for the next passage to go first



@lru_cache(maxsize=1024)
def topic_terms(topic: str) -> frozenset[str]:
    return frozenset(content_terms(topic.replace("_", " ")))


def topics_named(query: str, topics: set[str]) -> set[str]:
    """Topics whose key words all appear in the query ("bonus mixité sociale" -> bonus_mixite_sociale)."""
    terms = set(content_terms(query))
    named = {t for t in topics if len(topic_terms(t)) >= 2 and topic_terms(t) <= terms}
    # keep the most specific: "bonus territoire" names bonus_territoire, not a broader topic it contains
    return {t for t in named if not any(topic_terms(t) < topic_terms(o) for o in named)}


def topic_words(chunks) -> dict[str, frozenset[str]]:
    """The words each topic's national passages use in the sentences that give a figure (« peut atteindre
    3 600 euros par place dans les quartiers prioritaires »): the cases a figure of the topic is given for."""
    words: dict[str, set[str]] = {}
    for chunk in chunks:
        if chunk.departement is None:
            for unit in split_units(chunk.text):
                if any(ch.isdigit() for ch in unit):
                    words.setdefault(chunk.topic, set()).update(content_terms(unit))
    return {topic: frozenset(terms) for topic, terms in words.items()}


def without_topic_words(text: str, topics: set[str]) -> str:
    """The text without the words (or abbreviations, « Piaje ») that name these topics."""
    terms = {term for topic in topics for term in topic_terms(topic)}
    return " ".join(word for word in text.split()
                    if not topics_named(expand_query(word), topics) and not set(content_terms(word)) & terms)


# words of topic keys that name no offer on their own (« accueil », « service », « petite enfance »...)
GENERAL_TOPIC_WORDS = frozenset(content_terms(
    "general presentation caf edito sommaire textes reference accompagnement collectivite enjeux accueil jeune "
    "enfant enfance petite service public modes information familles acces droits chiffres conseillers portrait "
    "equipe allocataires contacts territoire personnes prioritaires crise sanitaire apport actions avantages "
    "animation vie sociale rendez vous numerique espaces centres maison assistants maternels handicap fonds plan "
    "investissement creches creche"))
# abbreviations.yml also expands verbs and everyday words (« créer », « crèche »): not offers either
GENERAL_ABBREVIATIONS = frozenset(content_terms(
    "creer cree construire ouvrir agrandir renover reparer financer creche multi micro c p am ass mat epci cdc "
    "msa zrr cs ps eaje accueil p subvention recrutement"))


def offer_terms(topics: set[str]) -> frozenset[str]:
    """Words that name one offer: the specific words of the topic keys and the abbreviations officials type."""
    words = {t for topic in topics for t in topic_terms(topic)} - GENERAL_TOPIC_WORDS
    return frozenset(words | (set(content_terms(" ".join(abbreviations()))) - GENERAL_ABBREVIATIONS))


EMBEDDED_WORDS = 120


def turned_to(named: set[str], previous_topic: str | None) -> set[str]:
    """The offers a follow-up turns to: those it names, but not the previous one nor one its name holds
    (« combien d'assistants maternels ? » after the Mam stays on the Mam)."""
    before = topic_terms(previous_topic) if previous_topic else frozenset()
    return {topic for topic in named if topic != previous_topic and not (before and topic_terms(topic) <= before)}


def embedded_part(text: str, max_words: int = EMBEDDED_WORDS) -> str:
    """What of a long message is embedded: its start and its end (an e-mail ends with its question).
    The encoder's cost grows with the square of the length; beyond a few lines it adds nothing."""
    words = text.split()
    if len(words) <= max_words:
        return text
    return " ".join(words[:max_words // 2] + words[-(max_words // 2):])


def edition_group(chunk: Chunk) -> tuple[str, str | None]:
    """The same section in every edition: topic, heading slug and piece number, for the same scope."""
    return chunk.id.split("/", 1)[1].split("~")[0], chunk.departement


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float  # fused score (or the single retriever's score)
    dense_similarity: float
    lexical_score: float
    rank: int
    editions: tuple[Chunk, ...] = ()  # the same section in other editions, best ranked first
    question_similarity: float = 0.0  # best embedding similarity of a question this section answers
    confidence: float | None = None  # the learned ranker's probability that this passage answers


def _ranked(scores) -> list[tuple[int, float]]:
    """(row, score), best first; ties by row."""
    order = np.lexsort((np.arange(len(scores)), -scores))
    return list(zip(order.tolist(), scores[order].tolist()))


def references_after_answer(ranked: list[tuple[int, float]], topics: list[str], confidence: dict[int, float],
                            texts_asked: bool) -> list[tuple[int, float]]:
    """A list of reference texts the ranker puts first, when no text is asked for, goes after the first passage
    that is not one if the ranker finds that one nearly as answering (« c koi ce truc du mercredi ? »: the Plan
    mercredi, not its links). ``topics``: each chunk's topic, by index."""
    if not ranked or topics[ranked[0][0]] != REFERENCE_TOPIC or texts_asked:
        return ranked
    first = next((n for n, (i, _) in enumerate(ranked) if topics[i] != REFERENCE_TOPIC), None)
    if first is None or confidence.get(ranked[first][0], 0.0) < REFERENCE_SHARE * confidence.get(ranked[0][0], 0.0):
        return ranked
    return [ranked[first], *ranked[:first], *ranked[first + 1:]]


class Retriever:
    def __init__(self, index: LoadedIndex, embedder: Embedder, settings: RetrievalSettings):
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self._dense_cache: dict[str, tuple] = {}
        self._chunk_position = {c.id: i for i, c in enumerate(index.chunks)}
        self._question_chunk = [self._chunk_position[q.chunk_id] for q in index.questions]
        self._question_chunk_array = np.array(self._question_chunk, dtype=np.int64)
        self._unit_chunk_array = np.array([i for i, _ in index.units], dtype=np.int64)
        self._chunk_topics = [c.topic for c in index.chunks]  # each chunk's topic, by index
        self._topic_set = set(self._chunk_topics)
        self._offer_terms = offer_terms(self._topic_set)
        self._topic_words = topic_words(index.chunks)
        self._unit_texts: dict[int, list[str]] = {}
        self._row_texts: list[str | None] | None = None
        self._vocabulary = frozenset(index.lexical.postings) | frozenset(index.questions_lexical.postings)
        self._aid_followers = aid_followers([c.text for c in index.chunks] + [q.text for q in index.questions])
        self._facts = ChunkFacts.of(index.chunks)
        self.ranker = load_ranker() if settings.use_ranker else None

    @classmethod
    def load(cls, settings: RetrievalSettings | None = None, index_dir: Path | None = None) -> Retriever:
        settings = settings or load_settings()
        index = load_index(settings, index_dir)  # checks the embedder before loading any model
        return cls(index, make_embedder(settings.embedder), settings)

    @property
    def chunks(self) -> list[Chunk]:
        return self.index.chunks

    def _topics(self) -> set[str]:
        return self._topic_set

    def names_offer(self, text: str) -> bool:
        """Whether the text names a topic of the sheets or one offer (« crèche », « Bafa », « Rpe »...)."""
        return bool(topics_named(text, self._topic_set)) or bool(set(content_terms(text)) & self._offer_terms)

    def refines(self, text: str, named: set[str], previous_topic: str | None) -> bool:
        """A turn whose words all name a case the previous topic's figures are given for (the quartiers
        prioritaires where the bonus territoire is higher) refines the previous question; one naming another
        offer (« et pour le fonds de modernisation ? ») or another public (« les familles pauvres ») turns to it."""
        known = self._topic_words.get(previous_topic or "")
        if not known:
            return False
        terms = set(content_terms(text))
        return bool(terms) and terms <= known and all(topic_terms(t) <= known for t in named)

    def analyse(self, text: str, previous: str | None = None, previous_topic: str | None = None) -> Query:
        """The question analysed once, with the topics it names; a follow-up that names none is about the topic
        the previous question was answered from (`previous_topic`), when its words name none either."""
        query = analyse(text, previous, names_topic=self.names_offer)
        reads_on = query.follow_up or bool(previous and opens_follow_up(text))
        own = topics_named(expand_query(text), self._topic_set) if reads_on else set()
        if reads_on and previous and self.refines(text, own, previous_topic):
            # « et si la crèche est dans un quartier prioritaire ? » after the bonus territoire: still the bonus
            query, own = analyse(text, previous, names_topic=self.names_offer, follow_up=True), set()
        elif not query.follow_up:
            own = set()
        if own and previous:
            # a follow-up that names its own topic (« et pour le fonds de modernisation ? ») is about that one:
            # the previous question gives what is asked, without the words that named its topic
            kept = without_topic_words(previous, topics_named(expand_query(previous), self._topic_set) - own)
            query = Query(**{**query.__dict__, "asked": f"{kept} {text}", "search_text": expand_query(f"{kept} {text}"),
                             "turned_to": frozenset(turned_to(own, previous_topic))})
        topics = own or topics_named(query.search_text, self._topic_set)
        if not topics and query.follow_up and previous_topic in self._topic_set:
            topics = {previous_topic}
        return Query(**{**query.__dict__, "topics": frozenset(topics),
                        "unknown_aid": unknown_aid(text, self._vocabulary, self._aid_followers)})

    def departements_with_portrait(self) -> set[str]:
        return {c.departement for c in self.index.chunks if c.departement}

    def _allowed(self, chunk: Chunk, departement: str | None, portrait_only: bool) -> bool:
        if portrait_only:
            return chunk.departement is not None and chunk.departement == departement
        return chunk.departement is None or chunk.departement == departement

    def _dense_rankings(self, query: str, hidden: frozenset[int] = frozenset()) -> tuple[list, list, dict, dict, dict]:
        """(passages by similarity, passages by their best question's similarity, the similarity of each
        answer unit keyed by its text, each passage's mean similarity of its best three questions,
        each passage's best unit similarity), from one embedding of the query.

        `hidden`: questions (positions in the index) left out, as if not written: the ranker is trained
        on the questions of knowledge/questions/ each played against all the others.
        """
        cached = None if hidden else self._dense_cache.get(query)
        if cached is None:
            vector = self.embedder.embed_queries([embedded_part(query)])[0]
            by_question, mean_of_three = self._question_similarities(vector, hidden)
            units, best_units = self._unit_similarities(vector)
            cached = _ranked(self.index.dense.similarities(vector)), by_question, units, mean_of_three, best_units
            if hidden:
                return cached
            if len(self._dense_cache) > 2048:  # bounded per-process cache; no conversation state
                self._dense_cache.clear()
            self._dense_cache[query] = cached
        return cached

    def _question_similarities(self, vector, hidden: frozenset[int]) -> tuple[list[tuple[int, float]], dict[int, float]]:
        """Passages by their best question's similarity, and each one's mean over its best three (a passage
        with fewer than three questions counts the missing ones as 0)."""
        if self.index.questions_dense is None:
            return [], {}
        scores = self.index.questions_dense.similarities(vector)
        keep = np.ones(len(scores), dtype=bool)
        keep[list(hidden)] = False
        scores, chunks = scores[keep], self._question_chunk_array[keep]
        order = np.lexsort((-scores, chunks))  # by chunk, best question first
        chunks, scores = chunks[order], scores[order].tolist()
        starts = np.flatnonzero(np.r_[True, chunks[1:] != chunks[:-1]]).tolist()
        best, mean_of_three = {}, {}
        for start, end in zip(starts, starts[1:] + [len(scores)]):
            chunk = int(chunks[start])
            best[chunk] = scores[start]
            mean_of_three[chunk] = sum(scores[start:min(end, start + 3)]) / 3
        return sorted(best.items(), key=lambda item: (-item[1], item[0])), mean_of_three

    def _unit_similarities(self, vector) -> tuple[dict[str, float], dict[int, float]]:
        """Each answer unit's similarity keyed by the unit's text (a text in several chunks: its best), and
        each chunk's best."""
        if self.index.units_dense is None:
            return {}, {}
        scores = self.index.units_dense.similarities(vector)
        best = np.full(len(self.index.chunks), -np.inf, dtype=np.float32)
        np.maximum.at(best, self._unit_chunk_array, scores)
        texts: dict[str, float] = {}
        for text, score in zip(self._unit_row_texts(), scores.tolist()):
            if text is not None and score > texts.get(text, -1.0):
                texts[text] = score
        return texts, {int(i): float(best[i]) for i in np.flatnonzero(np.isfinite(best))}

    def _unit_row_texts(self) -> list[str | None]:
        """The text of each row of the units' index, as the composer splits its chunk (None past its units)."""
        if self._row_texts is None:
            self._row_texts = [units[position] if position < len(units := self._units_of(i)) else None
                               for i, position in self.index.units]
        return self._row_texts

    def unit_similarities(self, query: Query) -> dict[str, float]:
        """Each answer unit's similarity to the question, keyed by the unit's text (for the composer)."""
        return self._dense_rankings(query.search_text)[2]

    def _units_of(self, i: int) -> list[str]:
        if i not in self._unit_texts:
            self._unit_texts[i] = split_units(self.index.chunks[i].text)
        return self._unit_texts[i]

    def _question_lexical(self, query: str, hidden: frozenset[int] = frozenset()) -> dict[int, float]:
        by_chunk: dict[int, float] = {}
        for q, score in self.index.questions_lexical.scores(query).items():
            if q in hidden:
                continue
            chunk = self._question_chunk[q]
            by_chunk[chunk] = max(score, by_chunk.get(chunk, 0.0))
        return by_chunk

    def _fused(self, analysed: Query, allowed: set[int], topics: set[str] | None,
               hidden: frozenset[int] = frozenset()) -> dict:
        """Every signal of every allowed chunk, and the reciprocal-rank fusion of the rankings
        (`hidden`: questions of knowledge/questions/ left out, see `_dense_rankings`)."""
        chunks = self.index.chunks
        settings = self.settings
        text = analysed.search_text
        lexical = {i: s for i, s in self.index.lexical.scores(text).items() if i in allowed}
        dense_passages, dense_questions, _, questions_three, best_units = self._dense_rankings(text, hidden)
        dense = [(i, s) for i, s in dense_passages if i in allowed]
        best_unit = {i: s for i, s in best_units.items() if i in allowed}
        questions = [(i, s) for i, s in dense_questions if i in allowed]
        question_lexical = {i: s for i, s in self._question_lexical(text, hidden).items() if i in allowed}
        lexical_ranking = [i for i, _ in sorted(lexical.items(), key=lambda item: (-item[1], item[0]))]
        wanted = (set(topics or ()) | set(analysed.topics)) & self._topics()
        topic_ranking = [i for i in lexical_ranking + [i for i, _ in dense] if chunks[i].topic in wanted]
        question_lexical_ranking = [i for i, _ in sorted(question_lexical.items(), key=lambda item: (-item[1], item[0]))]
        fused = reciprocal_rank_fusion(
            [lexical_ranking, [i for i, _ in dense], list(dict.fromkeys(topic_ranking)), [i for i, _ in questions],
             question_lexical_ranking],
            k=settings.rrf_k,
            weights=[settings.lexical_weight, settings.dense_weight, settings.topic_weight,
                     settings.question_dense_weight, settings.question_lexical_weight])
        return {"lexical": lexical, "dense": dict(dense), "questions": dict(questions), "units": best_unit,
                "questions_three": {i: s for i, s in questions_three.items() if i in allowed},
                "question_lexical": question_lexical, "wanted": wanted, "fused": self._demote(fused, text)}

    def features(self, analysed: Query, signals: dict) -> list[tuple[int, dict[str, float]]]:
        return candidate_features(analysed, signals, self.index.chunks, self._facts)

    def search(self, query: str | Query, k: int = 5, mode: str = "hybrid", departement: str | None = None,
               portrait_only: bool = False, collapse_editions: bool = True,
               topics: set[str] | None = None, only: Callable[[Chunk], bool] | None = None) -> list[ScoredChunk]:
        """Ranked chunks; with collapse_editions, one entry per section, its other editions attached.

        hybrid: the fused rankings, re-ranked by the learned ranker when retrieval_ranker.yml exists;
        `topics` and the topics the query names add a ranking to the fusion; `only` keeps the chunks it accepts.
        """
        if mode not in MODES:
            raise ValueError(f"mode inconnu : {mode}")
        chunks = self.index.chunks
        analysed = query if isinstance(query, Query) else self.analyse(query)
        text = analysed.search_text
        allowed = {i for i, c in enumerate(chunks) if self._allowed(c, departement, portrait_only)
                   and (only is None or only(c))}
        confidence: dict[int, float] = {}
        if mode == "lexical":
            lexical = {i: s for i, s in self.index.lexical.scores(text).items() if i in allowed}
            ranked = sorted(lexical.items(), key=lambda item: (-item[1], item[0]))
            signals = {"lexical": lexical, "dense": {}, "questions": {}, "units": {}, "questions_three": {}}
        elif mode == "dense":
            signals = self._fused(analysed, allowed, topics)
            ranked = sorted(signals["dense"].items(), key=lambda item: (-item[1], item[0]))
        else:
            signals = self._fused(analysed, allowed, topics)
            ranked = signals["fused"]
            if self.ranker is not None:
                rows = self.features(analysed, signals)
                confidence = {i: self.ranker.probability(f) for i, f in rows}
                rescored = sorted(((i, self.ranker.logit(f)) for i, f in rows), key=lambda item: (-item[1], item[0]))
                ranked = rescored + [(i, s - 1e6) for i, s in ranked[len(rows):]]
                ranked = references_after_answer(ranked, self._chunk_topics, confidence, asks_for_texts(analysed))
        if analysed.turned_to:  # the offer the follow-up turns to before the one it turned from
            ranked = sorted(ranked, key=lambda item: chunks[item[0]].topic not in analysed.turned_to)
        groups: dict[tuple, list[int]] = {}
        order: list[tuple[int, float]] = []
        for i, score in ranked:
            key = edition_group(chunks[i]) if collapse_editions else (chunks[i].id, None)
            if key not in groups:
                groups[key] = []
                order.append((i, score))
            groups[key].append(i)
        results = []
        for rank, (i, score) in enumerate(order[:k], start=1):
            members = groups[edition_group(chunks[i]) if collapse_editions else (chunks[i].id, None)]
            results.append(ScoredChunk(chunk=chunks[i], score=score, dense_similarity=signals["dense"].get(i, 0.0),
                                       lexical_score=signals["lexical"].get(i, 0.0), rank=rank,
                                       editions=tuple(chunks[j] for j in members),
                                       question_similarity=max(signals["questions"].get(j, 0.0) for j in members),
                                       confidence=confidence.get(i)))
        return results

    def _demote(self, ranked: list[tuple[int, float]], query: str) -> list[tuple[int, float]]:
        if ASKS_FOR_TEXTS.search(fold(query)):
            return ranked
        chunks = self.index.chunks
        adjusted = [(i, s * DEMOTION if chunks[i].topic in DEMOTED_TOPICS else s) for i, s in ranked]
        return sorted(adjusted, key=lambda item: (-item[1], item[0]))

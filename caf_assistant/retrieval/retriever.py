"""Hybrid retriever: BM25 (French stems) and FAISS (sentence embeddings) fused by reciprocal rank.

Loaded once per process (`Retriever.load`); `search` is pure given the loaded index and embedder.
Departmental portraits are searched only for the department the conversation is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.retrieval.embedders import Embedder, make_embedder
from caf_assistant.retrieval.fusion import reciprocal_rank_fusion
from caf_assistant.retrieval.index_store import LoadedIndex, load_index
from caf_assistant.retrieval.query import expand_query
from caf_assistant.retrieval.settings import RetrievalSettings, load_settings
from caf_assistant.text import content_terms

MODES = ("hybrid", "lexical", "dense")
# Reference lists and forewords match many words but rarely answer: demoted unless asked for.
DEMOTED_TOPICS = frozenset({"textes_reference", "edito", "sommaire"})
DEMOTION = 0.5
_ASKS_FOR_TEXTS = ("texte", "circulaire", "reference", "référence", "reglement", "réglement", "lettre", "edito")


TOPIC_WEIGHT = 0.3


def topic_terms(topic: str) -> frozenset[str]:
    return frozenset(content_terms(topic.replace("_", " ")))


def topics_named(query: str, topics: set[str]) -> set[str]:
    """Topics whose key words all appear in the query ("bonus mixité sociale" -> bonus_mixite_sociale)."""
    terms = set(content_terms(query))
    named = {t for t in topics if len(topic_terms(t)) >= 2 and topic_terms(t) <= terms}
    # keep the most specific: "bonus territoire" names bonus_territoire, not a broader topic it contains
    return {t for t in named if not any(topic_terms(t) < topic_terms(o) for o in named)}


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


class Retriever:
    def __init__(self, index: LoadedIndex, embedder: Embedder, settings: RetrievalSettings):
        self.index = index
        self.embedder = embedder
        self.settings = settings
        self._dense_cache: dict[str, list[tuple[int, float]]] = {}

    @classmethod
    def load(cls, settings: RetrievalSettings | None = None, index_dir: Path | None = None) -> Retriever:
        settings = settings or load_settings()
        index = load_index(settings, index_dir)  # checks the embedder before loading any model
        return cls(index, make_embedder(settings.embedder), settings)

    @property
    def chunks(self) -> list[Chunk]:
        return self.index.chunks

    def _topics(self) -> set[str]:
        if not hasattr(self, "_topic_set"):
            self._topic_set = {c.topic for c in self.index.chunks}
        return self._topic_set

    def departements_with_portrait(self) -> set[str]:
        return {c.departement for c in self.index.chunks if c.departement}

    def _allowed(self, chunk: Chunk, departement: str | None, portrait_only: bool) -> bool:
        if portrait_only:
            return chunk.departement is not None and chunk.departement == departement
        return chunk.departement is None or chunk.departement == departement

    def _dense_ranking(self, query: str) -> list[tuple[int, float]]:
        cached = self._dense_cache.get(query)
        if cached is None:
            vector = self.embedder.embed_queries([query])[0]
            cached = self.index.dense.search(vector, len(self.index.chunks))
            if len(self._dense_cache) > 2048:  # bounded per-process cache; no conversation state
                self._dense_cache.clear()
            self._dense_cache[query] = cached
        return cached

    def search(self, query: str, k: int = 5, mode: str = "hybrid", departement: str | None = None,
               portrait_only: bool = False, collapse_editions: bool = True,
               topics: set[str] | None = None) -> list[ScoredChunk]:
        """Ranked chunks; with collapse_editions, one entry per section, its other editions attached.

        `topics` (e.g. from the NLU's `aide` entity) and topics the query names by their words add a
        third ranking to the fusion: the chunks of those topics, in lexical order.
        """
        if mode not in MODES:
            raise ValueError(f"mode inconnu : {mode}")
        chunks = self.index.chunks
        query = expand_query(query)
        allowed = {i for i, c in enumerate(chunks) if self._allowed(c, departement, portrait_only)}
        lexical = {i: s for i, s in self.index.lexical.scores(query).items() if i in allowed}
        dense = [(i, s) for i, s in self._dense_ranking(query) if i in allowed] if mode != "lexical" else []
        dense_scores = dict(dense)
        lexical_ranking = [i for i, _ in sorted(lexical.items(), key=lambda item: (-item[1], item[0]))]
        if mode == "lexical":
            ranked = [(i, lexical[i]) for i in lexical_ranking]
        elif mode == "dense":
            ranked = dense
        else:
            wanted = (set(topics or ()) | topics_named(query, self._topics())) & self._topics()
            topic_ranking = [i for i in lexical_ranking + [i for i, _ in dense] if chunks[i].topic in wanted]
            ranked = reciprocal_rank_fusion(
                [lexical_ranking, [i for i, _ in dense], list(dict.fromkeys(topic_ranking))],
                k=self.settings.rrf_k,
                weights=[self.settings.lexical_weight, self.settings.dense_weight, TOPIC_WEIGHT],
            )
        ranked = self._demote(ranked, query)
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
            results.append(ScoredChunk(chunk=chunks[i], score=score, dense_similarity=dense_scores.get(i, 0.0),
                                       lexical_score=lexical.get(i, 0.0), rank=rank,
                                       editions=tuple(chunks[j] for j in members)))
        return results

    def _demote(self, ranked: list[tuple[int, float]], query: str) -> list[tuple[int, float]]:
        lowered = query.lower()
        if any(word in lowered for word in _ASKS_FOR_TEXTS):
            return ranked
        chunks = self.index.chunks
        adjusted = [(i, s * DEMOTION if chunks[i].topic in DEMOTED_TOPICS else s) for i, s in ranked]
        return sorted(adjusted, key=lambda item: (-item[1], item[0]))

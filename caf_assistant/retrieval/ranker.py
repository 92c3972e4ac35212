"""Learned fusion: a logistic model over the retrieval signals of each candidate passage.

The retrieval signals (BM25 and embedding scores of the passage and of the questions it answers, the
topics named, term coverage, the heading, the cue of the question type, the fused rank) are combined
by weights learned on the answer benchmark's dev split only (benchmarks/answers/train_ranker.py) and
kept in retrieval_ranker.yml. The model's probability that the top passage answers is also what the
« je ne sais pas » threshold reads. Pure functions; numpy only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from caf_assistant import paths

FEATURES = ("fused_rank", "lexical", "dense", "dense_gap", "question_dense", "question_dense_gap",
            "question_lexical", "unit_dense", "unit_dense_gap", "topic_named", "coverage", "heading", "cue", "demoted", "recency",
            "cue_share", "kind_match", "questions_three_gap")


@dataclass(frozen=True)
class LinearRanker:
    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]

    def logit(self, features: dict[str, float]) -> float:
        x = [(features[name] - m) / s for name, m, s in zip(FEATURES, self.means, self.scales)]
        return self.bias + sum(w * v for w, v in zip(self.weights, x))

    def probability(self, features: dict[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, self.logit(features)))))

    def to_dict(self) -> dict:
        return {"features": {name: {"weight": round(float(w), 5), "mean": round(float(m), 5), "scale": round(float(s), 5)}
                             for name, w, m, s in zip(FEATURES, self.weights, self.means, self.scales)},
                "bias": round(float(self.bias), 5)}

    @classmethod
    def from_dict(cls, data: dict) -> LinearRanker:
        features = data["features"]
        missing = [name for name in FEATURES if name not in features]
        if missing:
            raise ValueError(f"retrieval_ranker.yml : caractéristiques manquantes {missing}")
        return cls(weights=tuple(float(features[n]["weight"]) for n in FEATURES), bias=float(data["bias"]),
                   means=tuple(float(features[n]["mean"]) for n in FEATURES),
                   scales=tuple(float(features[n]["scale"]) for n in FEATURES))


def ranker_path() -> Path:
    return paths.REPO_ROOT / "retrieval_ranker.yml"


def load_ranker(path: Path | None = None) -> LinearRanker | None:
    path = path or ranker_path()
    if not path.exists():
        return None
    return LinearRanker.from_dict(yaml.safe_load(path.read_text(encoding="utf-8")))


def fit(groups: list[tuple[list[dict[str, float]], list[int]]], l2: float = 0.01, steps: int = 2000,
        rate: float = 0.5) -> LinearRanker:
    """Listwise training: for each question, the softmax over its candidates puts its mass on the right ones.

    `groups`: one (candidates' features, 0/1 labels) per question; questions without a right candidate
    are skipped. Standardised features, L2 penalty, plain gradient descent. The bias then calibrates the
    top candidate's probability (logistic on its logit) for the « je ne sais pas » threshold.
    """
    groups = [(rows, labels) for rows, labels in groups if rows and any(labels)]
    x_all = np.array([[row[name] for name in FEATURES] for rows, _ in groups for row in rows], dtype=np.float64)
    means = x_all.mean(axis=0)
    scales = x_all.std(axis=0)
    scales[scales < 1e-9] = 1.0
    data = [((np.array([[row[n] for n in FEATURES] for row in rows]) - means) / scales, np.array(labels, float))
            for rows, labels in groups]
    w = np.zeros(len(FEATURES))
    for _ in range(steps):
        gradient = l2 * w
        for z, y in data:
            logits = z @ w
            p = np.exp(logits - logits.max())
            p /= p.sum()
            q = p * y / (p * y).sum()  # the softmax restricted to the right candidates
            gradient += z.T @ (p - q) / len(data)
        w -= rate * gradient
    # calibration: top logit of questions with a right top candidate vs the others
    tops = [(float((z @ w).max()), float(y[int(np.argmax(z @ w))])) for z, y in data]
    bias = -float(np.median([t for t, _ in tops]))
    return LinearRanker(tuple(w), bias, tuple(means), tuple(scales))

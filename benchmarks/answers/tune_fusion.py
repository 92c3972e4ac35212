"""Fusion weights chosen by measurement on the dev split: retrieval@1 for each setting of a small grid.

retrieval@1: the top section (in all its editions) holds the question's facts. Dev split only; the
chosen values go to retrieval.yml. Usage: python benchmarks/answers/tune_fusion.py [--split dev]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from offline import section_holds  # noqa: E402
from run import load_split  # noqa: E402
from scoring import route_of  # noqa: E402

from caf_assistant.answers.departements import detect_departement  # noqa: E402
from caf_assistant.retrieval.retriever import Retriever  # noqa: E402

GRID = {
    "rrf_k": (5, 10, 20),
    "lexical_weight": (0.5, 1.0),
    "dense_weight": (0.5, 1.0),
    "question_dense_weight": (0.5, 1.0, 2.0),
    "question_lexical_weight": (0.0, 0.5, 1.0),
    "topic_weight": (0.0, 0.3, 0.6),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    retriever = Retriever.load()
    base = retriever.settings
    items = []
    for q in load_split(args.split):
        if route_of(q) != "answer":
            continue
        previous = q["turns"][0] if len(q["turns"]) > 1 else None
        text = " ".join(q["turns"])
        departement = detect_departement(text)
        items.append((q, retriever.analyse(q["turns"][-1], previous), departement))
    results = []
    for values in itertools.product(*GRID.values()):
        retriever.settings = dataclasses.replace(base, **dict(zip(GRID, values)))
        at1 = sum(section_holds(q, hits[0]) for q, query, dep in items
                  if (hits := retriever.search(query, k=1, departement=dep)))
        results.append((at1 / len(items), dict(zip(GRID, values))))
    results.sort(key=lambda r: -r[0])
    current = [r for r in results if all(getattr(base, k) == v for k, v in r[1].items())]
    for score, values in results[:10]:
        print(f"{score:.3f}  {values}")
    if current:
        print(f"current retrieval.yml: {current[0][0]:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Trains the learned fusion (caf_assistant/retrieval/ranker.py), writes retrieval_ranker.yml.

Two sources of training questions (`--on`):
- faq (default): the questions of knowledge/questions/, each played against the index with itself left
  out (as if it had not been written); a candidate is positive when it is the question's section (in all
  its editions and pieces). Thousands of questions written from the sheets, none of the benchmark's: the
  dev split stays a held-out measure, and the weights do not learn the benchmark's phrasing.
- dev: the answer benchmark's dev split; a candidate is positive when its section holds the question's facts.
Prints retrieval@1 on dev of the plain fusion and of the ranker (for `--on dev`, in 2-fold
cross-validation, the honest figure). The test split is never read.
Usage: python benchmarks/answers/train_ranker.py [--on faq|dev|both] [--l2 0.01] [--dry-run]
"""

from __future__ import annotations

import argparse
import dataclasses
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from run import load_split  # noqa: E402
from scoring import normalise, route_of  # noqa: E402

from caf_assistant.answers.departements import detect_departement  # noqa: E402
from caf_assistant.retrieval.ranker import fit, ranker_path  # noqa: E402
from caf_assistant.retrieval.retriever import Retriever, edition_group  # noqa: E402
from caf_assistant.retrieval.settings import load_settings  # noqa: E402


def holds(question: dict, text: str) -> bool:
    return all(re.search(p, text) for p in question.get("facts", [])) and (
        not question.get("any_of") or any(re.search(p, text) for p in question["any_of"]))


def faq_groups(retriever: Retriever, groups: dict[tuple, list[int]]) -> list[tuple[list[dict], list[int]]]:
    """Each question of knowledge/questions/ against the index without it: (candidates' features, labels).

    A question of a departmental portrait is asked with its department known (as the conversation's slot
    would have it); the others with the department they name, if any.
    """
    chunks = retriever.chunks
    position = {c.id: i for i, c in enumerate(chunks)}
    members_of = {i: set(members) for members in groups.values() for i in members}
    result = []
    for qi, question in enumerate(retriever.index.questions):
        target = position[question.chunk_id]
        departement = chunks[target].departement or detect_departement(question.text)
        analysed = retriever.analyse(question.text)
        allowed = {i for i, c in enumerate(chunks) if retriever._allowed(c, departement, False)}
        signals = retriever._fused(analysed, allowed, None, hidden=frozenset({qi}))
        rows = retriever.features(analysed, signals)
        right = members_of[target] | {target}
        result.append(([f for _, f in rows], [int(i in right) for i, _ in rows]))
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--on", default="faq", choices=("faq", "dev", "both"))
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    retriever = Retriever.load(dataclasses.replace(load_settings(), use_ranker=False))  # features only
    chunks = retriever.chunks
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(chunks):
        groups.setdefault(edition_group(c), []).append(i)
    # a section cut into pieces: the right piece's siblings answer too (the composer reads the whole section)
    for members in groups.values():
        members += [j for j, c in enumerate(chunks) if j not in members and any(
            c.sheet_id == chunks[m].sheet_id and c.heading_path == chunks[m].heading_path for m in members)]
    group_text = {key: normalise("\n".join(chunks[j].indexed_text() for j in members)) for key, members in groups.items()}
    questions = []
    for q in load_split("dev"):
        if route_of(q) != "answer":
            continue
        previous = q["turns"][0] if len(q["turns"]) > 1 else None
        analysed = retriever.analyse(q["turns"][-1], previous)
        departement = detect_departement(" ".join(q["turns"]))
        allowed = {i for i, c in enumerate(chunks) if retriever._allowed(c, departement, False)}
        signals = retriever._fused(analysed, allowed, None)
        rows = retriever.features(analysed, signals)
        labels = [int(holds(q, group_text[edition_group(chunks[i])])) for i, _ in rows]
        questions.append((q, rows, labels))
    with_positive = [item for item in questions if any(item[2])]
    print(f"{len(questions)} dev questions answered from the sheets; {len(with_positive)} with a right passage "
          f"among the ranker's candidates")
    faq = faq_groups(retriever, groups) if args.on in ("faq", "both") else []
    if faq:
        print(f"{len(faq)} questions of knowledge/questions/, each against the others; "
              f"{sum(any(labels) for _, labels in faq)} with their section among the candidates")

    def at1(model, items) -> float:
        hits = 0
        for _, rows, labels in items:
            if model is None:
                best = 0
            else:
                best = max(range(len(rows)), key=lambda j: model.logit(rows[j][1]))
            hits += labels[best] if rows else 0
        return hits / len(items)

    print(f"retrieval@1 on dev, fusion only: {at1(None, questions):.3f}")
    dev_groups = [([f for _, f in rows], labels) for _, rows, labels in questions]
    if args.on in ("dev", "both"):
        folds = [questions[0::2], questions[1::2]]
        cv = []
        for held, train in ((folds[0], folds[1]), (folds[1], folds[0])):
            model = fit([([f for _, f in rows], labels) for _, rows, labels in train] + faq, l2=args.l2)
            cv.append(at1(model, held) * len(held))
        print(f"retrieval@1 on dev, ranker, 2-fold cross-validation: {sum(cv) / len(questions):.3f}")
    model = fit(faq + (dev_groups if args.on in ("dev", "both") else []), l2=args.l2)
    label = "held out" if args.on == "faq" else "in-sample"
    print(f"retrieval@1 on dev, ranker trained on {args.on} ({label}): {at1(model, questions):.3f}")
    if not args.dry_run:
        source = {"faq": "the questions of knowledge/questions/ (each against the others)",
                  "dev": "the answer benchmark's dev split",
                  "both": "the questions of knowledge/questions/ and the answer benchmark's dev split"}[args.on]
        header = ("# Learned fusion of the retrieval signals (caf_assistant/retrieval/ranker.py), trained on\n"
                  f"# {source} by `python benchmarks/answers/train_ranker.py --on {args.on}`. Do not edit by hand.\n")
        ranker_path().write_text(header + yaml.safe_dump(model.to_dict(), sort_keys=False), encoding="utf-8")
        print(f"written: {ranker_path().name}")
        for name, value in model.to_dict()["features"].items():
            print(f"  {name:20} {value['weight']:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

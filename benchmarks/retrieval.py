"""Retrieval quality on the golden set: recall@1, recall@5 and MRR for lexical, dense and hybrid.

Also: how often the composed answer cites the newest edition, and the "je ne sais pas" threshold's
behaviour on answerable vs unanswerable questions. Prints figures; asserts nothing.
Usage: python benchmarks/retrieval.py [--golden benchmarks/golden_questions.yml]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from caf_assistant.answers.service import answer_question
from caf_assistant.retrieval.retriever import MODES, Retriever

HERE = Path(__file__).resolve().parent


def evaluate(retriever: Retriever, questions: list[dict], mode: str) -> dict:
    r1 = r5 = 0
    reciprocal = []
    for item in questions:
        relevant = set(item["relevant"])
        hits = retriever.search(item["question"], k=20, mode=mode, departement=item.get("departement"))
        # a result is a section with its editions attached: it counts when one of its editions answers
        ranks = [h.rank for h in hits if any(c.id in relevant for c in (h.editions or (h.chunk,)))]
        first = min(ranks) if ranks else None
        r1 += first == 1
        r5 += first is not None and first <= 5
        reciprocal.append(1 / first if first else 0.0)
    n = len(questions)
    return {"recall@1": r1 / n, "recall@5": r5 / n, "mrr": statistics.mean(reciprocal)}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--golden", default=str(HERE / "golden_questions.yml"))
    args = parser.parse_args()
    golden = yaml.safe_load(Path(args.golden).read_text(encoding="utf-8"))
    questions, unanswerable = golden["questions"], golden.get("unanswerable", [])
    retriever = Retriever.load()
    print(f"golden set: {len(questions)} questions, {len(unanswerable)} sans réponse; "
          f"index: {len(retriever.chunks)} passages, embedder {retriever.settings.embedder.signature()}")
    print(f"{'mode':8} {'recall@1':>9} {'recall@5':>9} {'MRR':>6}")
    for mode in MODES[1:] + MODES[:1]:
        m = evaluate(retriever, questions, mode)
        print(f"{mode:8} {m['recall@1']:9.3f} {m['recall@5']:9.3f} {m['mrr']:6.3f}")

    answered = newest = 0
    latencies = []
    for item in questions:
        started = time.perf_counter()
        reply = answer_question(retriever, item["question"], departement_slot=item.get("departement"))
        latencies.append((time.perf_counter() - started) * 1000)
        if reply.kind == "answer":
            answered += 1
            cited = reply.answer.chunk_id
            newest += cited == item.get("newest")
    correct_citation = sum(
        1 for item in questions
        if (r := answer_question(retriever, item["question"], departement_slot=item.get("departement"))).kind == "answer"
        and r.answer.chunk_id in item["relevant"])
    refused = sum(1 for q in unanswerable
                  if answer_question(retriever, q if isinstance(q, str) else q["question"]).kind != "answer")
    n = len(questions)
    print(f"réponses composées : {answered}/{n} répondues, {correct_citation}/{n} citent un passage pertinent, "
          f"{newest}/{n} citent le passage de l'édition la plus récente")
    if unanswerable:
        print(f"questions sans réponse dans les fiches : {refused}/{len(unanswerable)} reçoivent « je ne sais pas »")
    latencies.sort()
    print(f"temps de composition d'une réponse (retrieval + phrases) : médiane {statistics.median(latencies):.1f} ms, "
          f"p95 {latencies[int(0.95 * (len(latencies) - 1))]:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

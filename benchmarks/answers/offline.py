"""The answer path alone, in process: each question's reply from `answer_question`, scored like run.py.

For tuning retrieval and composition quickly on the dev split: no Rasa, so no NLU routing (every
question goes to the answer path; follow-ups get the previous turns as the conversation's previous
question and the topic it was answered from). Also prints retrieval@1 and @5: the top section (in all its
editions) holds the facts.
Usage: python benchmarks/answers/offline.py [--split dev] [--failures N] [--kind amount] [--ids b]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from run import load_split  # noqa: E402
from scoring import facts_hold, normalise, route_of  # noqa: E402

from caf_assistant.answers.service import answer_question  # noqa: E402
from caf_assistant.retrieval.retriever import Retriever  # noqa: E402


def section_holds(question: dict, hit, chunks=()) -> bool:
    """The top section, in all its editions and with all its pieces, holds the facts."""
    members = hit.editions or (hit.chunk,)
    pieces = [c for c in chunks if any(c.sheet_id == m.sheet_id and c.heading_path == m.heading_path for m in members)]
    text = normalise("\n".join(c.indexed_text() for c in (*members, *pieces)))
    return all(re.search(p, text) for p in question.get("facts", [])) and (
        not question.get("any_of") or any(re.search(p, text) for p in question["any_of"]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev", choices=("dev", "test", "all"))
    parser.add_argument("--failures", type=int, default=0)
    parser.add_argument("--kind", default="")
    parser.add_argument("--ids", default="", help="only the questions whose id starts with this (e.g. b: the second batch)")
    args = parser.parse_args()
    retriever = Retriever.load()
    questions = [q for q in load_split(args.split)
                 if (not args.kind or q["kind"] == args.kind) and q["id"].startswith(args.ids)]
    rows = []
    timings = []
    for q in questions:
        expected = route_of(q)
        if expected not in ("answer", "unknown"):
            continue
        # the earlier turns answered as the conversation would, keeping what its slots keep
        previous = topic = remembered = None
        for turn in q["turns"][:-1]:
            earlier = answer_question(retriever, turn, departement_slot=remembered, previous_question=previous,
                                      previous_topic=topic)
            remembered = earlier.departement or remembered
            if earlier.kind == "answer":
                previous, topic = earlier.query.asked, earlier.answer.topic
        started = time.perf_counter()
        reply = answer_question(retriever, q["turns"][-1], previous_question=previous, departement_slot=remembered,
                                previous_topic=topic)
        timings.append((time.perf_counter() - started) * 1000)
        text = "\n".join([reply.answer.text, *reply.contacts]) if reply.kind == "answer" else ""  # as the widget shows
        route = "answer" if reply.kind == "answer" else "unknown"
        if expected == "answer":
            holds, problems = facts_hold(q, text)
            verdict = "right" if route == "answer" and holds else "idk" if route == "unknown" else "wrong"
            hits = reply.answer.hits[:5] if reply.answer else []
            at1 = bool(hits) and section_holds(q, hits[0], retriever.chunks)
            at5 = any(section_holds(q, h, retriever.chunks) for h in hits)
        else:
            verdict, problems, at1, at5 = ("right" if route == "unknown" else "wrong"), [], None, None
        rows.append({"q": q, "verdict": verdict, "problems": problems, "text": text, "at1": at1, "at5": at5,
                     "reply": reply})
    by_kind = defaultdict(list)
    for r in rows:
        by_kind[r["q"]["kind"]].append(r)
    print(f"{'kind':14} {'n':>4} {'right':>6} {'wrong':>6} {'idk':>6}  r@1  r@5")
    for kind, rs in by_kind.items():
        c = Counter(r["verdict"] for r in rs)
        answerable = [r for r in rs if r["at1"] is not None]
        r1 = sum(r["at1"] for r in answerable) / len(answerable) if answerable else float("nan")
        r5 = sum(r["at5"] for r in answerable) / len(answerable) if answerable else float("nan")
        print(f"{kind:14} {len(rs):4} {c['right']:6} {c['wrong']:6} {c['idk']:6}  {r1:.2f} {r5:.2f}")
    c = Counter(r["verdict"] for r in rows)
    answerable = [r for r in rows if r["at1"] is not None]
    r1 = sum(r["at1"] for r in answerable) / len(answerable) if answerable else float("nan")
    r5 = sum(r["at5"] for r in answerable) / len(answerable) if answerable else float("nan")
    print(f"{'all':14} {len(rows):4} {c['right']:6} {c['wrong']:6} {c['idk']:6}  {r1:.2f} {r5:.2f}"
          f"   right {100 * c['right'] / len(rows):.1f} %")
    timings.sort()
    print(f"answer path: p50 {timings[len(timings) // 2]:.1f} ms, p95 {timings[int(0.95 * (len(timings) - 1))]:.1f} ms")
    for r in [r for r in rows if r["verdict"] != "right"][: args.failures]:
        a = r["reply"].answer
        print(f"\n[{r['q']['id']} {r['q']['kind']}] {r['verdict']} at1={r['at1']} {r['problems']} "
              f"dense={a.dense_similarity if a else 0:.3f} cov={a.coverage if a else 0:.2f} "
              f"qsim={a.question_similarity if a else 0:.3f}")
        print("  Q: " + " / ".join(r["q"]["turns"]))
        print("  R: " + r["text"][:400].replace("\n", "\n     "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

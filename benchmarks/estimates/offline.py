"""The one-shot estimate questions read in process, as the form's first reply would compute them (no Rasa: the
kind and facts from the words, the figure for each answer). Fast, for tuning on the dev split; the figures that
count are those of `make bench-estimates`, through the running stack.

Usage: python benchmarks/estimates/offline.py [--split dev | --file F.yml] [--failures N]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "answers"))
sys.path.insert(0, str(HERE.parents[1]))
from run import load_split  # noqa: E402
from scoring import facts_hold  # noqa: E402

from caf_assistant.estimates import EstimateError, to_text  # noqa: E402
from caf_assistant.estimates.cases import cases_lines, estimate_cases, headline  # noqa: E402
from caf_assistant.estimates.facts import extract_facts  # noqa: E402
from caf_assistant.estimates.inputs import check_fact  # noqa: E402
from caf_assistant.estimates.kind_from_sheets import gives_numbers, kind_from_sheets  # noqa: E402
from caf_assistant.estimates.kinds import families_named  # noqa: E402
from caf_assistant.estimates.rules_year import rules_date  # noqa: E402
from caf_assistant.runtime import get_retriever  # noqa: E402


def first_reply(text: str) -> tuple[str | None, str]:
    """(kind read, the reply's text, or why there is none)."""
    facts = extract_facts(text, intent="request_estimate")
    if facts.estimate is None and gives_numbers(facts) and not families_named(text):
        # as the form does: the offer of the sheets its words are closest to
        kind = kind_from_sheets(get_retriever(), text)
        facts = extract_facts(text, kind, intent="request_estimate", decided_kind=kind) if kind else facts
    if facts.estimate is None:
        return None, f"no kind; facts {facts.values}"
    inputs = {name: clean for name, value in facts.values.items()
              if (clean := check_fact(name, value)[0]) is not None}
    try:
        cases = estimate_cases(facts.estimate, inputs, rules_date(facts.rules_year))
    except EstimateError as error:
        return facts.estimate, f"no figure ({error}); facts {inputs}"
    last = cases.cases[-1].breakdown
    lines = [] if cases.single else cases_lines(cases)
    return facts.estimate, "\n".join([*lines, headline(last), to_text(last)])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--file", type=Path, help="one question file instead of a split (a new writer's)")
    parser.add_argument("--failures", type=int, default=0)
    args = parser.parse_args()
    loaded = yaml.safe_load(args.file.read_text(encoding="utf-8")) if args.file else load_split(args.split, "estimates")
    questions = [q for q in loaded if len(q["turns"]) == 1]
    per_kind: dict[str, Counter] = defaultdict(Counter)
    failures = []
    for question in questions:
        kind, reply = first_reply(question["turns"][0])
        right = kind == question["estimate"] and facts_hold(question, reply)[0]
        per_kind[question["estimate"]][right] += 1
        if not right:
            failures.append((question, kind, reply))
    total = sum(counter[True] for counter in per_kind.values())
    print(f"one-shot, in process, {args.file or 'split ' + args.split}: {total}/{len(questions)} right "
          f"({100 * total / max(len(questions), 1):.1f} %)")
    for key, counter in sorted(per_kind.items()):
        print(f"  {key:26} {counter[True]:3}/{sum(counter.values()):3}")
    for question, kind, reply in failures[:args.failures]:
        print(f"\n- {question['id']} ({question['estimate']}, read {kind}): {question['turns'][0]}")
        print(f"  expected {question['facts']}\n  got: {reply[:400]}")


if __name__ == "__main__":
    main()

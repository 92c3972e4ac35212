"""Splits question files into dev.yml and test.yml, by a hash of each question's id.

A question's split depends only on its id, so adding questions never moves the old ones; about half go
to each. test.yml is measured, never tuned on.
Usage: python3 benchmarks/answers/split.py [--into DIR] FILE [FILE ...]   (writes DIR/{dev,test}.yml,
DIR defaulting to benchmarks/answers; benchmarks/estimates for the estimates' set)
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
HEADER = ("# {into} benchmark, {split} split ({n} questions): format in benchmarks/answers/README.md.\n"
          "# Written from the sheets by separate writers per group of topics, split by benchmarks/answers/split.py.\n")


def split_of(question_id: str) -> str:
    return "test" if int(hashlib.sha1(question_id.encode()).hexdigest(), 16) % 2 == 0 else "dev"


def main(argv: list[str]) -> int:
    into = HERE
    if argv[:1] == ["--into"]:
        into, argv = Path(argv[1]), argv[2:]
    splits: dict[str, list] = {"dev": [], "test": []}
    for name in argv:
        for question in yaml.safe_load(Path(name).read_text(encoding="utf-8")):
            splits[split_of(question["id"])].append(question)
    for split, questions in splits.items():
        text = yaml.safe_dump(questions, allow_unicode=True, sort_keys=False, width=110)
        (into / f"{split}.yml").write_text(HEADER.format(split=split, n=len(questions), into=into.name) + text,
                                           encoding="utf-8")
        print(f"{split}: {len(questions)} questions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The questions indexed beside the sheets (knowledge/questions/) never repeat a benchmark question: the answer
benchmark measures wording the index has not seen, and a copied question would score without being understood."""

from __future__ import annotations

import re

import yaml

from caf_assistant import paths
from caf_assistant.text import fold

BENCHMARKS = paths.REPO_ROOT / "benchmarks"
QUESTIONS = paths.REPO_ROOT / "knowledge" / "questions"


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def _benchmark_turns() -> set[str]:
    turns = set()
    for path in [*BENCHMARKS.glob("answers/*.yml"), *BENCHMARKS.glob("estimates/*.yml")]:
        for question in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            turns.update(_key(turn) for turn in question.get("turns", []) if isinstance(turn, str))
    return turns


def _indexed_questions() -> dict[str, str]:
    found = {}
    for path in QUESTIONS.glob("*.yml"):
        for section in yaml.safe_load(path.read_text(encoding="utf-8"))["sections"]:
            found.update({_key(question): f"{path.name}: {question}" for question in section["questions"]})
    return found


def test_no_indexed_question_repeats_a_benchmark_question():
    turns = _benchmark_turns()
    assert len(turns) > 1000  # the benchmark files were read
    repeated = [where for key, where in _indexed_questions().items() if key in turns and len(key.split()) > 3]
    assert repeated == []


def test_the_key_ignores_case_accents_and_punctuation():
    assert _key("C'est quoi, une MAM ?") == _key("c est quoi une mam")
    assert _key("C'est quoi une crèche ?") != _key("C'est quoi une MAM ?")

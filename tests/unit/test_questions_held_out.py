"""The questions indexed beside the sheets (knowledge/questions/) never repeat a benchmark question: the answer
benchmark measures wording the index has not seen, and a copied question would score without being understood."""

from __future__ import annotations

import re

import yaml

from caf_assistant import paths
from caf_assistant.knowledge.sheets import load_sheets
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


# a sum, a share or a large count (« 26 000 € », « 80 % », « 21 millions », « 90 000 jeunes »); not an age,
# a number of places the asker gives, or « Covid-19 »
_STATED_FIGURE = re.compile(r"(?<![\d-])(\d{1,3}(?:[ \u00a0\u202f.]\d{3})+|\d+(?:,\d+)?)\s*"
                            r"(€|euros?\b|e\b|%|millions?\b|milliards?\b|k€)?", re.IGNORECASE)


def _figures(text: str, stated_only: bool) -> set[str]:
    found = set()
    for match in _STATED_FIGURE.finditer(text):
        number = re.sub(r"[ \u00a0\u202f.]", "", match.group(1))
        large = "," not in number and int(number) >= 10_000
        if not stated_only or match.group(2) or large:
            found.add(number)
    return found


def _questions_stating_their_answer() -> list[str]:
    sheets = {sheet.meta.id: sheet for sheet in load_sheets()}
    found = []
    for path in QUESTIONS.glob("*.yml"):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        sections = sheets[content["sheet"]].sections
        for entry in content["sections"]:
            text = " ".join(" ".join(s.paragraphs) for s in sections if s.heading == entry["heading"])
            stated = _figures(text, stated_only=False)
            found += [f"{path.name}: {q}" for q in entry["questions"] if _figures(q, stated_only=True) & stated]
    return found


def test_no_indexed_question_quotes_a_figure_its_section_states():
    # « j'ai entendu 80 %, c'est exact ? » would find its section by the answer itself
    assert _questions_stating_their_answer() == []


def test_a_quoted_figure_is_told_from_an_age_or_a_name():
    assert _figures("jusqu'à 26 000 € par place, et 80 % du coût ; 21 millions", stated_only=True) \
        == {"26000", "80", "21"}
    assert _figures("les moins de 25 ans, le Covid-19, une crèche de 30 places", stated_only=True) == set()

"""Every response an action sends by name exists in the domain, with the values its text needs."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from caf_assistant.estimates.inputs import INPUTS, check_fact, unreadable

ROOT = Path(__file__).resolve().parents[2]
NAMED = re.compile(r"""["'](utter_[a-z_]+)["']""")


def responses() -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        found.update(yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {})
    return found


def test_every_response_named_in_the_code_is_in_the_domain():
    named = {name for folder in ("actions", "caf_assistant") for path in (ROOT / folder).rglob("*.py")
             for name in NAMED.findall(path.read_text(encoding="utf-8"))}
    assert named, "no response found: the pattern no longer matches the code"
    assert named - set(responses()) == set()


def test_the_values_of_each_refusal_fill_its_response():
    domain = responses()
    problems = [unreadable(name) for name in INPUTS]
    problems += [problem for name in INPUTS for value in (-1, 0, 0.5, 1e12, 3.0, "x", True)
                 if (problem := check_fact(name, value)[1]) is not None]
    assert {problem.response for problem in problems} >= {"utter_estimate_not_positive", "utter_estimate_too_high"}
    for problem in problems:
        for variation in domain[problem.response]:
            wanted = set(re.findall(r"{(\w+)}", variation["text"]))
            assert wanted <= set(problem.values), (problem.response, wanted - set(problem.values))

"""The part of the Rasa domain derived from the estimates' declarations: one slot per input, the form, the
ask-actions of the yes/no questions (they show the figure for each answer first) and the questions as
responses (``utter_ask_est_<input>``, worded per kind of estimate by conditional variations).

``python -m caf_assistant.estimates.domain_file`` (``make domain``) writes bot/domain/estimates_form.yml;
a unit test fails when the file is not what the declarations give.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from caf_assistant.estimates.calculators import REGISTRY
from caf_assistant.estimates.inputs import INPUTS
from caf_assistant.paths import REPO_ROOT as ROOT

PATH = ROOT / "bot" / "domain" / "estimates_form.yml"
TYPE_SLOT = "type_estimation"
RULES_SLOT = "est_regles"
PREFIX = "est_"
YES_NO_BUTTONS = [{"title": "Oui", "payload": "/affirm"}, {"title": "Non", "payload": "/deny"}]
HEADER = ("# Generated from the estimates' declarations (caf_assistant/estimates/calculators/*.py, ESTIMATES):\n"
          "# do not edit, run `make domain`. tests/unit/estimates/test_estimates_domain.py checks it is current.\n")


def slot_of(name: str) -> str:
    return PREFIX + name


def asked_inputs() -> list[str]:
    """The inputs the form may ask: the required ones of some estimate, in declaration order."""
    return [name for name in INPUTS if any(spec.name == name for e in REGISTRY.values() for spec in e.required_inputs)]


def yes_no_asked() -> list[str]:
    return [name for name in asked_inputs() if INPUTS[name].type == "bool"]


def _question_variations(name: str) -> list[dict]:
    """The default question (the wording most estimates use), then one variation per estimate worded otherwise."""
    wordings = {key: estimate.input(name).question for key, estimate in REGISTRY.items() if estimate.input(name)}
    default = Counter(wordings.values()).most_common(1)[0][0]

    def buttons() -> dict:  # a copy each time: no YAML anchors in the file
        return {"buttons": [dict(button) for button in YES_NO_BUTTONS]} if INPUTS[name].type == "bool" else {}

    variations = [{"condition": [{"type": "slot", "name": TYPE_SLOT, "value": key}], "text": question, **buttons()}
                  for key, question in wordings.items() if question != default]
    return [*variations, {"text": default, **buttons()}]


def domain() -> dict:
    slots: dict[str, dict] = {TYPE_SLOT: {"type": "text", "influence_conversation": False,
                                          "mappings": [{"type": "custom"}]}}
    for name, spec in INPUTS.items():
        slots[slot_of(name)] = {"type": "bool" if spec.type == "bool" else "float", "influence_conversation": False,
                                "mappings": [{"type": "custom"}]}
    slots[RULES_SLOT] = {"type": "float", "influence_conversation": False, "mappings": [{"type": "custom"}]}
    return {
        "version": "3.1",
        "slots": slots,
        "forms": {"estimate_form": {"required_slots": [TYPE_SLOT]}},
        "actions": [f"action_ask_{TYPE_SLOT}", *(f"action_ask_{slot_of(name)}" for name in yes_no_asked())],
        "responses": {f"utter_ask_{slot_of(name)}": _question_variations(name) for name in asked_inputs()},
    }


def render() -> str:
    return HEADER + yaml.safe_dump(domain(), allow_unicode=True, sort_keys=False, width=120)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = PATH.read_text(encoding="utf-8") if PATH.exists() else ""
        if current != text:
            print(f"{PATH} n'est plus à jour : lancez `make domain`.", file=sys.stderr)
            return 1
        return 0
    Path(PATH).write_text(text, encoding="utf-8")
    print(f"écrit : {PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""The answer benchmark reads the route from what the user got, not only from the actions' names."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "answers"))
from run import route_from  # noqa: E402

SOURCES = {"custom": {"type": "sources", "sources": []}}


def test_a_guard_that_hands_a_question_to_the_sheets_is_an_answer():
    assert route_from(["action_redirect_beneficiary"], [{"text": "..."}, SOURCES]) == "answer"
    assert route_from(["action_redirect_beneficiary"], [{"text": "Je suis l'assistant des élus..."}]) == "redirect"
    assert route_from(["action_handoff_offer"], [{"text": "..."}, SOURCES]) == "answer"


def test_an_estimate_and_an_unknown():
    estimate = {"custom": {"type": "estimate", "breakdown": {}}}
    assert route_from(["estimate_form", "action_estimate"], [{"text": "..."}, estimate]) == "estimate"
    assert route_from(["action_answer_from_sheets", "estimate_form"], [{"text": "Combien de places ?"}]) == "estimate"
    assert route_from(["action_answer_from_sheets"], [{"text": "Je ne sais pas."}]) == "unknown"


def test_a_guard_or_the_estimate_handing_on_to_a_je_ne_sais_pas_is_unknown():
    from run import UNKNOWN_TEXTS
    unknown = {"text": next(iter(UNKNOWN_TEXTS))}
    assert route_from(["estimate_form", "action_estimate"], [unknown, {"text": "chargé de conseil"}]) == "unknown"
    assert route_from(["action_redirect_beneficiary"], [unknown]) == "unknown"
    assert route_from(["estimate_form"], [{"text": "Quel est le coût du projet ?"}]) == "estimate"

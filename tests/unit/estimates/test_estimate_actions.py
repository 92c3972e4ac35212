"""The estimate form's actions, run directly on rasa-sdk trackers (no Rasa needed)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.estimate_ask import ActionAskTypeEstimation
from actions.estimate_cancel import ActionEstimateCancel
from actions.estimate_common import ALL_SLOTS
from actions.estimate_compute import ActionEstimate
from actions.validate_estimate_form import ValidateEstimateForm
from caf_assistant.estimates.calculators import REGISTRY

DOMAIN = yaml.safe_load((Path(__file__).resolve().parents[3] / "bot/domain/estimates.yml").read_text())


def tracker(text: str, intent: str, slots: dict | None = None, entities: list | None = None) -> Tracker:
    values = {slot: None for slot in ALL_SLOTS} | {"requested_slot": None} | (slots or {})
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    return Tracker("test", values, message, [{"event": "action", "name": "action_listen"}], False, None,
                   {"name": "estimate_form"}, "action_listen")


def validate(t: Tracker) -> tuple[dict, list[str]]:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateEstimateForm().run(dispatcher, t, DOMAIN))
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    return slots, [m.get("response") or m.get("text") for m in dispatcher.messages]  # response names, as sent


def test_one_message_with_every_fact_needs_no_question():
    slots, messages = validate(tracker("on veut créer une crèche de 30 places en QPV, le projet coûte 1,7 M€",
                                       "request_estimate"))
    assert slots["type_estimation"] == "creche_creation"
    assert (slots["est_places"], slots["est_cout_projet"], slots["est_qpv"]) == (30, 1_700_000, True)
    assert slots["requested_slot"] is None and messages == []


def test_asks_only_what_is_missing_and_the_kind_first():
    slots, _ = validate(tracker("estimation pour une crèche de 30 places", "request_estimate"))
    assert slots["requested_slot"] == "type_estimation" and slots["est_places"] == 30
    slots, _ = validate(tracker("créer une crèche de 30 places", "request_estimate"))
    assert slots["requested_slot"] == "est_cout_projet"


def test_a_bare_number_answers_the_pending_question_only():
    known = {"type_estimation": "creche_creation", "est_places": 30.0, "requested_slot": "est_cout_projet"}
    slots, messages = validate(tracker("30", "inform", known))
    assert slots["est_cout_projet"] is None and messages[0] == "utter_estimate_money_too_low"
    slots, _ = validate(tracker("800 k€", "inform", known))
    # QPV does not change this figure (the 80 % ceiling decides it): not asked, the estimate comes at once
    assert slots["est_cout_projet"] == 800_000 and slots["requested_slot"] is None


def test_invalid_values_are_re_asked_and_nothing_else_is_lost():
    known = {"type_estimation": "creche_creation", "est_cout_projet": 1e6, "requested_slot": "est_places"}
    slots, messages = validate(tracker("-5 places", "inform", known))
    assert slots == {"est_places": None, "requested_slot": "est_places"}
    assert messages == ["utter_estimate_not_positive"]
    slots, messages = validate(tracker("beaucoup", "inform", known))
    assert slots["requested_slot"] == "est_places" and messages == ["utter_estimate_number_unreadable"]


BONUS_ASKING_QPV = {"type_estimation": "bonus_creche", "est_places": 20.0, "est_ctg": True, "requested_slot": "est_qpv"}


def test_yes_no_and_corrections():
    known = dict(BONUS_ASKING_QPV)
    slots, _ = validate(tracker("/deny", "deny", known))
    assert slots["est_qpv"] is False and slots["requested_slot"] is None
    slots, _ = validate(tracker("en fait ce sera 40 places", "inform", known))
    assert slots["est_places"] == 40 and slots["requested_slot"] == "est_qpv"


def test_a_question_is_a_digression_and_cancel_extracts_nothing():
    known = dict(BONUS_ASKING_QPV)
    assert validate(tracker("c'est quoi un qpv ?", "ask_question", known))[0] == {"requested_slot": "est_qpv"}
    assert validate(tracker("annuler", "cancel", known))[0] == {"requested_slot": "est_qpv"}


def test_a_new_request_forgets_the_previous_facts_but_a_follow_up_button_keeps_them():
    previous = {"type_estimation": "creche_creation", "est_places": 30.0, "est_cout_projet": 1.7e6, "est_qpv": True}
    slots, _ = validate(tracker("estimation bafa pour 8 jeunes", "request_estimate", previous))
    assert slots["type_estimation"] == "bafa" and slots["est_candidats"] == 8
    assert slots["est_places"] is None and slots["est_qpv"] is None and slots["requested_slot"] is None
    slots, _ = validate(tracker('/request_estimate{"type_estimation":"bonus_creche"}', "request_estimate",
                                previous, [{"entity": "type_estimation", "value": "bonus_creche"}]))
    assert slots["type_estimation"] == "bonus_creche" and slots["requested_slot"] == "est_ctg"


def test_rules_of_an_earlier_year():
    previous = {"type_estimation": "creche_creation", "est_places": 30.0, "est_cout_projet": 1.7e6, "est_qpv": True}
    slots, _ = validate(tracker("selon les règles de 2020", "inform", previous))
    assert slots["est_regles"] == 2020 and slots["requested_slot"] is None


def run_action(action, t: Tracker) -> tuple[list, CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    return action.run(dispatcher, t, DOMAIN), dispatcher


@pytest.mark.parametrize(("year", "fragments"), [(None, ["Piaje", "780 000"]),
                                                 (2020.0, ["Caf de la Loire, édition 2020", "510 000"])])
def test_estimate_message_text_json_and_buttons(year, fragments):
    facts = {"type_estimation": "creche_creation", "est_places": 30.0, "est_cout_projet": 1.7e6, "est_qpv": True,
             "est_regles": year}
    events, dispatcher = run_action(ActionEstimate(), tracker("", "inform", facts))
    headline, text, data, follow = dispatcher.messages
    assert fragments[1] in headline["text"].replace("\u00a0", " ")  # the figure first, in words
    for fragment in fragments:
        assert fragment in text["text"].replace("\u00a0", " ")
    assert "indicative et non contractuelle" in text["text"]
    assert data["custom"]["type"] == "estimate"
    assert {"title", "lines", "ceilings", "caveat", "rules_date"} <= set(data["custom"]["breakdown"])
    assert follow["buttons"][0]["payload"] == '/request_estimate{"type_estimation":"bonus_creche"}'
    assert follow["buttons"][-1]["payload"] == "/ask_human"
    assert events == []


def test_rules_not_available_are_explained():
    facts = {"type_estimation": "creche_creation", "est_places": 30.0, "est_cout_projet": 1.7e6, "est_qpv": True,
             "est_regles": 2015.0}
    _, dispatcher = run_action(ActionEstimate(), tracker("", "inform", facts))
    message = dispatcher.messages[0]
    assert message["response"] == "utter_estimate_not_computable" and "ne donnent pas" in message["reason"]


def test_cancel_forgets_the_facts_and_type_question_has_buttons():
    events, dispatcher = run_action(ActionEstimateCancel(), tracker("stop", "cancel", {"est_places": 30.0}))
    assert events == [SlotSet("est_places", None)]
    assert dispatcher.messages[0]["response"] == "utter_estimate_cancelled"
    _, dispatcher = run_action(ActionEstimateCancel(), tracker("stop", "cancel"))
    assert dispatcher.messages[0]["response"] == "utter_estimate_nothing_to_cancel"
    _, dispatcher = run_action(ActionAskTypeEstimation(), tracker("", "request_estimate"))
    assert dispatcher.messages[0]["response"] == "utter_ask_type_estimation"
    assert len(dispatcher.messages[0]["buttons"]) == len(REGISTRY)


def test_a_question_routed_to_the_estimates_ends_the_form_for_an_answer_from_the_sheets():
    previous = {"type_estimation": "creche_creation", "est_places": 30.0}
    slots, messages = validate(tracker("combien d'allocataires chez nous ?", "request_estimate", previous))
    assert slots == {"type_estimation": None, "requested_slot": None} and messages == []
    slots, _ = validate(tracker("combien la caf peut mettre dans notre projet ?", "request_estimate"))
    assert slots["requested_slot"] == "type_estimation"
    slots, _ = validate(tracker("c'est quoi un qpv ?", "inform"))
    assert slots == {"requested_slot": None}
    slots, _ = validate(tracker("c'est quoi le plan mercredi ?", "inform"))
    assert slots == {"requested_slot": None}
    slots, _ = validate(tracker("et selon les règles de 2020 ?", "inform", previous))
    assert slots["est_regles"] == 2020
    slots, _ = validate(tracker("aide pour créer un relais petite enfance", "request_estimate"))
    assert slots["requested_slot"] is None and slots.get("type_estimation") is None
    slots, _ = validate(tracker("aide pour rénover notre crèche de 25 places", "request_estimate"))
    assert slots["type_estimation"] == "creche_modernisation" and slots["requested_slot"] == "est_cout_projet"


def with_events(events: list[dict]) -> Tracker:
    return Tracker("test", {}, {"text": "x", "intent": {"name": "ask_question"}}, events, False, None,
                   {"name": "estimate_form"}, "estimate_form")


def test_a_project_handed_over_by_the_answer_action_starts_a_new_estimate_but_a_digression_does_not():
    from actions.validate_estimate_form import handed_over

    user = {"event": "user", "text": "x"}
    answer = {"event": "action", "name": "action_answer_from_sheets"}
    form = {"event": "action", "name": "estimate_form"}
    start = {"event": "active_loop", "name": "estimate_form"}
    assert handed_over(with_events([user, answer, form, start]))
    # the form was already active when the question came: a digression inside it
    assert not handed_over(with_events([start, user, answer, form]))
    # a correction after an estimate restarts the form through a rule, not through the answer action
    assert not handed_over(with_events([user, form, start]))


def test_a_yes_no_fact_is_asked_only_when_it_changes_the_figure_and_after_the_figures():
    from actions.estimate_ask import ActionAskEstQpv

    slots, _ = validate(tracker("bonus pour notre crèche de 20 places, Ctg signée", "request_estimate"))
    assert slots["requested_slot"] == "est_qpv"
    _, dispatcher = run_action(ActionAskEstQpv(), tracker("", "inform", {k: v for k, v in BONUS_ASKING_QPV.items()
                                                                      if k != "requested_slot"}))
    cases, data, asked = dispatcher.messages
    assert cases["response"] == "utter_estimate_cases"
    assert cases["cases"].count("→") == 2 and "52 000" in cases["cases"].replace("\u00a0", " ")
    # the widget gets the table of the last case (QPV: oui), the highest figure
    assert data["custom"]["type"] == "estimate" and data["custom"]["breakdown"]["total_max"] == 72_000
    assert asked["response"] == "utter_ask_est_qpv"  # its Oui / Non buttons are in the response


def test_a_request_for_the_same_project_keeps_its_facts():
    from caf_assistant.estimates.requests import continues_estimate, refers_back

    previous = {"type_estimation": "creche_creation", "est_places": 30.0, "est_cout_projet": 1.7e6, "est_qpv": True}
    slots, _ = validate(tracker("et les bonus annuels pour ces places ?", "request_estimate", previous))
    assert slots["type_estimation"] == "bonus_creche" and slots.get("est_places", 30.0) == 30.0
    assert slots["requested_slot"] == "est_ctg"
    assert refers_back("et pour ces mêmes places ?") and not refers_back("une crèche de 30 places")
    assert continues_estimate("et les bonus annuels pour ces places ?", "creche_creation")
    assert not continues_estimate("et les bonus annuels pour ces places ?", None)
    assert not continues_estimate("c'est quoi ces places ?", "creche_creation")


def test_a_correction_after_the_estimate_keeps_the_other_facts():
    from caf_assistant.estimates.requests import corrects_estimate

    previous = {"type_estimation": "rpe_investissement", "est_cout_projet": 220_000.0}
    text = "En fait le chiffrage est monté à 380 000 €."
    assert corrects_estimate(text, "rpe_investissement") and not corrects_estimate(text, None)
    assert not corrects_estimate("c'est quoi un relais ?", "rpe_investissement")
    slots, _ = validate(tracker(text, "request_estimate", previous))
    assert slots.get("type_estimation", "rpe_investissement") == "rpe_investissement"
    assert slots["est_cout_projet"] == 380_000 and slots["requested_slot"] is None


def test_a_project_the_nlu_took_for_out_of_scope_gets_its_estimate():
    from rasa_sdk.events import FollowupAction

    from actions.action_out_of_scope import ActionOutOfScope

    def plain(text: str) -> Tracker:  # no form active
        return Tracker("test", {}, {"text": text, "intent": {"name": "out_of_scope"}, "entities": []}, [], False,
                       None, {}, "action_listen")

    events, dispatcher = run_action(ActionOutOfScope(), plain(
        "la toiture de notre halte-garderie de 15 places fuit, réfection 110 000 €, la Caf peut participer ?"))
    assert events == [FollowupAction("estimate_form")] and dispatcher.messages == []
    events, dispatcher = run_action(ActionOutOfScope(), plain("quel temps fera-t-il demain ?"))
    assert events == [SlotSet("failed_answers", 1.0)] and dispatcher.messages[0]["response"] == "utter_out_of_scope"


def test_the_kind_prompt_offers_the_family_named_and_reads_a_typed_option_with_the_first_message():
    from caf_assistant.estimates.followups import type_buttons

    creche = [key for key, estimate in REGISTRY.items() if estimate.family == "creche"]
    assert len(type_buttons({"creche"})) == len(creche) < len(type_buttons(set())) == len(REGISTRY)
    events = [{"event": "user", "text": "je voudrais une estimation pour une crèche"},
              {"event": "active_loop", "name": "estimate_form"},
              {"event": "user", "text": "création"}]
    t = Tracker("test", {slot: None for slot in ALL_SLOTS} | {"requested_slot": "type_estimation"},
                {"text": "création", "intent": {"name": "inform", "confidence": 0.9}, "entities": []}, events, False,
                None, {"name": "estimate_form"}, "action_listen")
    slots, _ = validate(t)
    assert slots["type_estimation"] == "creche_creation" and slots["requested_slot"] == "est_places"


def conversation(*texts_and_intents: tuple[str, str], slots: dict | None = None) -> Tracker:
    """A tracker whose earlier user messages were answered from the sheets, the form starting on the last one."""
    events = [{"event": "action", "name": "action_listen"}]
    for text, intent in texts_and_intents[:-1]:
        events += [{"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
                   {"event": "action", "name": "action_answer_from_sheets"}, {"event": "action", "name": "action_listen"}]
    text, intent = texts_and_intents[-1]
    events += [{"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}},
               {"event": "active_loop", "name": "estimate_form"}]
    t = tracker(text, intent, slots)
    t.events = events
    return t


def test_a_bare_number_after_a_question_answers_what_the_conversation_s_estimate_asks_first():
    slots, _ = validate(conversation(("deux assistantes maternelles veulent monter une MAM, la Caf finance quoi ?",
                                      "ask_question"), ("8", "inform")))
    assert slots["type_estimation"] == "mam_creation" and slots["est_places"] == 8
    assert slots["requested_slot"] == "est_cout_projet"


def test_a_sum_after_a_question_is_read_as_the_conversation_s_estimate_with_its_earlier_facts():
    slots, _ = validate(conversation(("Nous venons de signer notre CTG. Nous voudrions financer le poste de "
                                      "coordination : quelle aide ?", "request_estimate"),
                                     ("45000 € chargé", "inform")))
    assert slots["type_estimation"] == "ctg_ingenierie" and slots["est_cout_poste"] == 45_000
    assert slots["est_ctg"] is True and slots.get("est_cout_projet") is None

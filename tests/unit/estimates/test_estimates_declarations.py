"""The estimates' declarations: each one is whole and consistent, and what is derived from them (the domain
file, the buttons, the reading of messages) follows them."""

from __future__ import annotations

import inspect
import pkgutil

import pytest

from caf_assistant.estimates import calculators
from caf_assistant.estimates.calculators import REGISTRY, all_inputs, run_estimate
from caf_assistant.estimates.calculators._common import Context
from caf_assistant.estimates.declaration import Estimate, Input
from caf_assistant.estimates.domain_file import PATH, domain, render, slot_of
from caf_assistant.estimates.followups import type_buttons
from caf_assistant.estimates.numbers import quantities
from caf_assistant.estimates.parameters import load_parameters

ESTIMATES = list(REGISTRY.values())
IDS = [estimate.key for estimate in ESTIMATES]


def test_every_calculator_module_declares_its_estimates():
    modules = [m.name for m in pkgutil.iter_modules(calculators.__path__) if not m.name.startswith("_")]
    for name in modules:
        module = __import__(f"caf_assistant.estimates.calculators.{name}", fromlist=["ESTIMATES"])
        assert module.ESTIMATES and all(isinstance(e, Estimate) for e in module.ESTIMATES), name


def test_generated_domain_file_is_current():
    assert PATH.read_text(encoding="utf-8") == render(), "bot/domain/estimates_form.yml est périmé : make domain"


def test_domain_has_a_slot_per_input_and_a_question_per_asked_input():
    generated = domain()
    for name in all_inputs():
        assert slot_of(name) in generated["slots"]
    for estimate in ESTIMATES:
        for spec in estimate.required_inputs:
            assert f"utter_ask_{slot_of(spec.name)}" in generated["responses"]


@pytest.mark.parametrize("estimate", ESTIMATES, ids=IDS)
def test_inputs_are_the_calculators_arguments(estimate: Estimate):
    arguments = set(inspect.signature(estimate.calculator).parameters) - {"date_regles", "parameters"}
    assert {spec.name for spec in estimate.inputs} == arguments


@pytest.mark.parametrize("estimate", ESTIMATES, ids=IDS)
def test_declared_parameters_exist_and_have_sources(estimate: Estimate):
    parameters = load_parameters()
    for name in estimate.parameters:
        parameter = parameters.get(name)
        assert parameter is not None, name
    for remark in estimate.remarks:
        assert remark.parameter in estimate.parameters, remark.text


# a value for every input of every estimate, within its bounds
SAMPLES = {"places": 20, "cout_projet": 500_000, "qpv": True, "ctg": True, "cout_fonctionnement": 80_000,
           "cout_poste": 40_000, "cout_diagnostic": 10_000, "candidats": 5, "enfants": 30, "heures_nouvelles": 50,
           "heures_enfants": 1_500, "guichet_unique": True, "postes_animateur": 1, "places_nouvelles": 10,
           "accueil_enfants_pauvres": True, "enfant_handicap": True, "france_ruralites": True, "cout_place": 15_000}


def test_calculators_use_only_declared_parameters(monkeypatch):
    used: dict[str, set[str]] = {}
    original = Context.get

    def recording(self, name):
        used.setdefault(self._estimate, set()).add(name)
        return original(self, name)

    monkeypatch.setattr(Context, "get", recording)
    samples = SAMPLES
    for estimate in ESTIMATES:
        monkeypatch.setattr(Context, "_estimate", estimate.key, raising=False)
        for date in ("2020-06-01", "2022-06-01", "2024-06-01"):
            try:
                run_estimate(estimate.key, {spec.name: samples[spec.name] for spec in estimate.inputs}, date)
            except ValueError:
                pass  # no figure at that date: what was looked up still counts
        assert used.get(estimate.key, set()) <= set(estimate.parameters), estimate.key


def test_an_input_shared_by_estimates_is_declared_the_same_way():
    inputs = all_inputs()
    for estimate in ESTIMATES:
        for spec in estimate.inputs:
            assert inputs[spec.name].same_fact(spec)


def test_every_declared_unit_is_read_by_the_number_parser():
    """Units are declared by prefix (« animat »): some word the parser reads as a unit starts with each."""
    for spec in all_inputs().values():
        for unit in spec.units + spec.also_units:
            words = (unit, unit + "s", unit + "x", unit + "eurs")
            read = [q.unit for word in words for q in quantities(f"il y aura 3 {word} cette année")]
            assert any(found and found.startswith(unit) for found in read), (spec.name, unit)


def test_buttons_follow_the_declarations():
    assert [title for title, _ in type_buttons()] == [estimate.button for estimate in ESTIMATES]
    creche = [title for title, _ in type_buttons({"creche"})]
    assert creche == [estimate.button for estimate in ESTIMATES if estimate.family == "creche"]


def test_a_bad_declaration_is_refused():
    with pytest.raises(ValueError):
        Input("x", "texte", "x", "x ?")
    with pytest.raises(ValueError):
        Estimate("x", "x", "x", lambda: None, inputs=(), parameters=(), family="piscine")




@pytest.mark.parametrize("estimate", ESTIMATES, ids=IDS)
def test_the_calculator_refuses_what_the_form_refuses(estimate: Estimate):
    """The declared bound of a number is the calculator's too: one bound, not one per layer."""
    from caf_assistant.estimates.errors import InvalidInput, RuleNotAvailable
    from caf_assistant.estimates.inputs import maximum

    inputs = {spec.name: SAMPLES[spec.name] for spec in estimate.inputs}
    for date in ("2024-06-01", "2021-06-01", "2020-06-01"):
        try:
            run_estimate(estimate.key, inputs, date)
            break
        except RuleNotAvailable:
            continue
    else:
        pytest.skip("no date at which every figure is given")
    for spec in estimate.inputs:
        if spec.type in ("places", "count", "number", "money"):
            bound = maximum(spec)
            # without the inputs that stand for this one (the total of heures-enfants for the children)
            kept = {name: value for name, value in inputs.items() if spec.name not in estimate.input(name).replaces}
            with pytest.raises(InvalidInput):
                run_estimate(estimate.key, {**kept, spec.name: bound * 2}, date)


def test_every_topic_an_estimate_declares_is_a_topic_of_the_sheets():
    from caf_assistant.estimates.calculators import REGISTRY
    from caf_assistant.knowledge.sheets import load_sheets
    topics = {section.topic for sheet in load_sheets() for section in sheet.sections}
    for key, estimate in REGISTRY.items():
        assert set(estimate.topics) <= topics, f"{key}: {set(estimate.topics) - topics}"

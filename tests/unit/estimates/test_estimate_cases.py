"""Answer first, refine after: the estimate for each answer to the yes/no facts not given (pure functions)."""

import pytest

from caf_assistant.estimates.cases import cases_lines, estimate_cases, headline, to_ask
from caf_assistant.estimates.errors import MissingInput


def test_no_figure_while_a_number_is_missing():
    with pytest.raises(MissingInput) as missing:
        estimate_cases("creche_creation", {"places": 30})
    assert missing.value.input_name == "cout_projet"
    assert to_ask("creche_creation", {"places": 30}) == ["cout_projet"]


def test_a_yes_no_fact_that_changes_nothing_is_not_asked():
    # 30 places for 200 000 €: the 80 % ceiling decides, in QPV or not
    cases = estimate_cases("creche_creation", {"places": 30, "cout_projet": 200_000})
    assert cases.single and cases.refining == ()
    assert to_ask("creche_creation", {"places": 30, "cout_projet": 200_000}) == []
    assert "160 000" in headline(cases.cases[0].breakdown).replace("\u00a0", " ")
    assert "80 % du coût du projet" in headline(cases.cases[0].breakdown).replace("\u00a0", " ")


def test_each_answer_that_changes_the_figure_is_a_case_and_equal_cases_merge():
    cases = estimate_cases("bonus_creche", {"places": 20})
    assert cases.refining == ("ctg", "qpv")
    # without a Ctg the figure is the same in QPV or not: one case « Ctg : non »
    assert [case.assumed for case in cases.cases] == [
        (("ctg", False),), (("ctg", True), ("qpv", False)), (("ctg", True), ("qpv", True))]
    assert to_ask("bonus_creche", {"places": 20, "ctg": True}) == ["qpv"]
    assert len(cases_lines(cases)) == 3


def test_one_optional_yes_no_left_gives_its_two_figures():
    cases = estimate_cases("rpe_fonctionnement", {"cout_fonctionnement": 55_000})
    assert cases.refining == ("guichet_unique",) and len(cases.cases) == 2


def test_rules_without_a_figure_ask_nothing_more():
    # the newest Plan mercredi sheet gives no amount: the form ends, the estimate action explains
    assert to_ask("plan_mercredi", {"enfants": 60, "heures_nouvelles": 80}) == []


def test_an_optional_fact_is_shown_not_asked():
    assert to_ask("rpe_fonctionnement", {"cout_fonctionnement": 55_000}) == []

"""Every figure that changed between editions, asked on the real index: the newest edition's figure is
stated as current, the older one only as history.

The figures that changed are read from the dated parameters of knowledge/parameters (each value cites its
sheet and edition); the question is the parameter's own description.
"""

from __future__ import annotations

import re

import pytest

from caf_assistant.answers.service import answer_question
from caf_assistant.answers.superseded import stale_values
from caf_assistant.estimates.parameters import ValueRange, load_parameters
from caf_assistant.runtime import get_retriever


def figures(value, unit: str) -> list[str]:
    """How the sheets write a value: 2 600 (euros), 37 (%), both ends of a range."""
    numbers = [value.min, value.max] if isinstance(value, ValueRange) else [value]
    if unit == "rate":
        numbers = [n * 100 for n in numbers]
    return [f"{n:g}".replace(".", ",") for n in numbers]


def written(text: str) -> str:
    """Digit groups joined (« 2 600 » → « 2600 »), as figures() writes them."""
    return re.sub(r"(?<=\d)[\s\u00a0\u202f.](?=\d{3}\b)", "", text)


def changed_figures():
    cases = []
    parameters = load_parameters()
    for parameter in (parameters.get(name) for name in parameters):
        stated = [v for v in parameter.values if v.in_force]
        if not stated:
            continue
        newest = stated[-1]
        # the latest figure before the newest one that differs from it (456 000, 421 000, 500 000: 421 000)
        changed = [v for v in stated[:-1] if figures(v.value, parameter.unit) != figures(newest.value, parameter.unit)
                   and v.reference.edition < newest.reference.edition]
        if changed:
            older = changed[-1]
            cases.append(pytest.param(parameter, older, newest, id=f"{parameter.name}-{older.reference.edition}"))
    return cases


@pytest.fixture(scope="module")
def retriever():
    return get_retriever()


CASES = changed_figures()


def test_there_are_figures_that_changed():
    assert len(CASES) >= 5


@pytest.mark.parametrize("parameter, older, newest", CASES)
def test_newest_figure_is_current_and_older_is_history(retriever, parameter, older, newest):
    asked = "combien ?" if parameter.kind == "statistic" else "quel montant ?"  # a statistic counts, it costs nothing
    reply = answer_question(retriever, f"{parameter.description} : {asked}")
    assert reply.kind == "answer", f"« je ne sais pas » à : {parameter.description}"
    lines = reply.answer.text.splitlines()
    current = written(" ".join(line for line in lines if not line.startswith("Historique")))
    history = written(" ".join(line for line in lines if line.startswith("Historique")))
    new_figures = [f for f in figures(newest.value, parameter.unit) if f not in figures(older.value, parameter.unit)]
    old_figures = [f for f in figures(older.value, parameter.unit) if f not in figures(newest.value, parameter.unit)]
    assert any(re.search(rf"(?<![\d,]){re.escape(f)}(?![\d,])", current) for f in new_figures), reply.answer.text
    for figure in old_figures:
        assert not re.search(rf"(?<![\d,]){re.escape(figure)}(?![\d,])", current), reply.answer.text
        assert re.search(rf"(?<![\d,]){re.escape(figure)}(?![\d,])", history), reply.answer.text


STALE = [pytest.param(value, current, id=f"{value.name}-{value.reference.edition}")
         for _, value, current, _ in stale_values()]


@pytest.mark.parametrize("older, current", STALE)
def test_an_older_figure_quoted_as_still_true_is_answered_from_where_the_newest_is_written(retriever, older, current):
    """« c'est toujours 17 000 € par place ? »: the answer cites the heading of the newest figure (or of the
    newest sheet that no longer gives one), and the quoted figure is only history."""
    quoted = " ou ".join(figures(older.value, older.unit))
    kind = load_parameters().get(older.name).kind
    unit = "%" if older.unit == "rate" else older.unit if kind == "statistic" else "€"
    reply = answer_question(retriever, f"{older.description} : c'est toujours {quoted} {unit} ?")
    assert reply.kind == "answer", older.description
    source = reply.answer.sources[0]
    assert (source["sheet_id"], source["section"]) == (current.sheet, current.heading), reply.answer.text
    lines = reply.answer.text.splitlines()
    current_text = written(" ".join(line for line in lines if not line.startswith("Historique")))
    for figure in figures(older.value, older.unit):
        assert not re.search(rf"(?<![\d,]){re.escape(figure)}(?![\d,])", current_text) \
            or figure in figures(load_parameters().current(older.name).value, older.unit), reply.answer.text


def test_a_figure_the_newest_sheet_no_longer_gives_is_the_newest_one_given(retriever):
    # the 2022 sheet says the Plan mercredi's funding is increased, without a figure and without a replacement
    reply = answer_question(retriever, "Plan mercredi : la Caf ajoute combien par heure nouvelle le mercredi ?")
    assert reply.kind == "answer" and "0,46" in reply.answer.text

"""Calculator cases written as YAML in tests/estimates_cases/*.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from caf_assistant.estimates import errors, run_estimate

CASES_DIR = Path(__file__).resolve().parents[2] / "estimates_cases"


def _cases() -> list:
    cases = []
    for file in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(file.read_text(encoding="utf-8")):
            cases.append(pytest.param(case, id=f"{file.stem}: {case['name']}"))
    return cases


def _approx(value):
    return None if value is None else pytest.approx(value, abs=0.01)


def _find_line(breakdown, label: str):
    matches = [line for line in breakdown.lines if line.label.startswith(label)]
    assert matches, f"pas de ligne « {label} » dans {[line.label for line in breakdown.lines]}"
    return matches[0]


def test_there_are_cases():
    assert len(_cases()) >= 30


@pytest.mark.parametrize("case", _cases())
def test_case(case):

    def run():
        return run_estimate(case["estimate"], case["inputs"], date_regles=case["date"])

    if "error" in case:
        with pytest.raises(getattr(errors, case["error"])) as caught:
            run()
        assert str(caught.value)  # a French message to show
        return
    breakdown = run()
    expected = case["expected"]
    total = expected["total"]
    assert breakdown.total.minimum == _approx(total["min"])
    assert breakdown.total.maximum == _approx(total["max"])
    for line_spec in expected.get("lines", []):
        line = _find_line(breakdown, line_spec["label"])
        assert line.amount.minimum == _approx(line_spec["min"])
        assert line.amount.maximum == _approx(line_spec["max"])
        if "sheet" in line_spec:
            assert line.references[0].sheet == line_spec["sheet"]
    for index, ceiling_spec in enumerate(expected.get("ceilings", [])):
        ceiling = breakdown.ceilings[index]
        if "limit" in ceiling_spec:
            assert ceiling.limit == _approx(ceiling_spec["limit"])
        assert ceiling.binds is ceiling_spec["binds"]
    if "editions" in expected:
        assert breakdown.editions == expected["editions"]

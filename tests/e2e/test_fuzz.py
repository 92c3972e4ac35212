"""A small seeded fuzz run (benchmarks/fuzz/run.py does 10 000): hostile messages over 8 conversations at
once, a normal conversation beside them. No server error, no empty reply, the servers still answer, and
nothing the normal conversation said is lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks" / "fuzz"))
from run import fuzz  # noqa: E402


@pytest.mark.stack
def test_hostile_messages_get_replies_and_a_normal_conversation_goes_on(rasa_stack):
    figures = fuzz(rasa_stack.rasa_url, count=240, seed=7, conversations=8, api_token=rasa_stack.api_token)
    assert sum(row["n"] for row in figures.by_family.values()) == 240
    assert sum(row["errors"] for row in figures.by_family.values()) == 0, figures.examples
    assert sum(row["empty"] for row in figures.by_family.values()) == 0, figures.examples
    assert figures.alive
    assert figures.normal_errors == 0 and figures.normal_empty == 0
    if rasa_stack.api_token:
        assert figures.lost == 0

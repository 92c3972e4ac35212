"""Plays the YAML conversations of tests/conversations/ against the running stack."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from caf_assistant.knowledge.editions import numbers_in
from caf_assistant.text import fold

CONVERSATIONS = Path(__file__).resolve().parent.parent / "conversations"


def load_conversations() -> list[tuple[str, dict]]:
    cases = []
    for path in sorted(CONVERSATIONS.rglob("*.yml")):
        for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
            cases.append((f"{path.parent.name}/{path.stem}: {conversation['name']}", conversation))
    return cases


def reply_text(messages: list[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages if m.get("text"))


def sources(messages: list[dict]) -> list[dict]:
    return [s for m in messages if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "sources"
            for s in m["custom"]["sources"]]


def estimates(messages: list[dict]) -> list[dict]:
    return [m["custom"]["breakdown"] for m in messages
            if isinstance(m.get("custom"), dict) and m["custom"].get("type") == "estimate"]


def buttons(messages: list[dict]) -> list[str]:
    return [f"{b.get('title', '')} {b.get('payload', '')}" for m in messages for b in m.get("buttons") or []]


@pytest.fixture(scope="module")
def chunks_by_id(repo_root):
    data = json.loads((repo_root / "var" / "index" / "chunks.json").read_text())
    return {c["id"]: c for c in data}


def section_of(chunk_id: str, chunks_by_id: dict) -> str:
    """The cited section in full: its heading path and every piece of it (the composer reads them all)."""
    cited = chunks_by_id[chunk_id]
    pieces = [c["text"] for c in chunks_by_id.values()
              if c["sheet_id"] == cited["sheet_id"] and c["heading_path"] == cited["heading_path"]]
    return " > ".join(cited["heading_path"]) + "\n" + "\n".join(pieces)


def check_no_invented_figures(messages: list[dict], chunks_by_id: dict) -> None:
    """Every figure of an answer's body is in the sections it cites (an overview cites one per line)."""
    cited = [s for s in sources(messages) if not s.get("history")]
    if not cited:
        return
    allowed = set().union(*(numbers_in(section_of(s["chunk_id"], chunks_by_id)) for s in cited))
    answer = next(m["text"] for m in messages if m.get("text") and "Source :" in m["text"] or m.get("text", "").startswith("- "))
    body = answer.split("\nSource :")[0]
    body = re.sub(r"\((?:[^()]*), édition \d{4}\)", "", body)  # an overview line's own source
    missing = numbers_in(body) - allowed
    assert not missing, f"chiffres absents des passages cités {[s['chunk_id'] for s in cited]}: {missing}"


@pytest.mark.stack
@pytest.mark.parametrize("name,conversation", load_conversations(), ids=[n for n, _ in load_conversations()])
def test_conversation(name, conversation, rasa_stack, chunks_by_id):
    from tests.conftest import Conversation

    chat = Conversation(rasa_stack.rasa_url, api_token=getattr(rasa_stack, "api_token", None))
    for step in conversation["steps"]:
        messages = chat.send(step["user"])
        text = reply_text(messages)
        folded = fold(text)
        expect = step.get("expect", {})
        assert text.strip(), f"pas de réponse à {step['user']!r}"
        for needle in expect.get("contains", []):
            assert fold(needle) in folded, f"{needle!r} absent de la réponse à {step['user']!r}:\n{text}"
        if expect.get("contains_any"):
            assert any(fold(n) in folded for n in expect["contains_any"]), \
                f"aucun de {expect['contains_any']} dans la réponse à {step['user']!r}:\n{text}"
        for needle in expect.get("not_contains", []):
            assert fold(needle) not in folded, f"{needle!r} ne devait pas apparaître en réponse à {step['user']!r}:\n{text}"
        cited = [s["sheet_id"] for s in sources(messages) if not s.get("history")]
        if "source" in expect:
            assert expect["source"] in cited, f"source {expect['source']} attendue, citées : {cited}\n{text}"
        if expect.get("has_source"):
            assert cited, f"une source était attendue :\n{text}"
        if expect.get("no_source"):
            assert not cited, f"aucune source attendue, citées : {cited}\n{text}"
        if "history" in expect:
            has_history = bool(re.search(r"historique", folded))
            assert has_history == expect["history"], f"historique attendu={expect['history']}:\n{text}"
        if "estimate" in expect:
            found = estimates(messages)
            assert bool(found) == expect["estimate"], f"estimation JSON attendue={expect['estimate']}:\n{text}"
            for breakdown in found:
                assert {"title", "lines", "ceilings", "caveat", "rules_date"} <= set(breakdown), breakdown
                assert "total" in breakdown or "total_max" in breakdown, breakdown
        if "responses" in expect or "no_responses" in expect:
            sent = chat.responses()
            for response in expect.get("responses", []):
                assert response in sent, f"réponse {response} attendue après {step['user']!r}, envoyées : {sent}"
            for response in expect.get("no_responses", []):
                assert response not in sent, f"réponse {response} inattendue après {step['user']!r}, envoyées : {sent}"
        for needle in expect.get("buttons", []):
            assert any(needle in b for b in buttons(messages)), f"bouton {needle!r} absent : {buttons(messages)}"
        check_no_invented_figures(messages, chunks_by_id)

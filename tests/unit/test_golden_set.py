"""The golden set of the retrieval benchmark stays consistent with the chunks of the clean sheets.

No model is loaded: the chunks are rebuilt from knowledge/sheets/*.md, as the index build does.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

import pytest
import yaml

from caf_assistant import paths
from caf_assistant.knowledge.chunking import Chunk, chunk_sheets
from caf_assistant.knowledge.sheets import load_sheets
from caf_assistant.text import fold

GOLDEN = paths.REPO_ROOT / "benchmarks" / "golden_questions.yml"
MIN_QUESTIONS = 80
MIN_UNANSWERABLE = 25


@lru_cache(maxsize=1)
def golden() -> dict:
    return yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def chunks() -> dict[str, Chunk]:
    return {chunk.id: chunk for chunk in chunk_sheets(load_sheets())}


def questions() -> list[dict]:
    return golden()["questions"]


def unanswerable() -> list[dict]:
    return golden().get("unanswerable") or []


def normalized(text: str) -> str:
    return " ".join(fold(text).split())


def test_file_shape():
    data = golden()
    assert data["version"] == 1
    assert isinstance(data["questions"], list)
    for item in questions():
        assert set(item) >= {"id", "question", "departement", "relevant", "newest"}, item.get("id")
        assert isinstance(item["question"], str) and item["question"].strip(), item["id"]
        assert isinstance(item["relevant"], list) and item["relevant"], item["id"]
        assert isinstance(item["newest"], str), item["id"]


def test_enough_questions():
    assert len(questions()) >= MIN_QUESTIONS
    assert len(unanswerable()) >= MIN_UNANSWERABLE


def test_ids_are_unique():
    ids = [item["id"] for item in questions()] + [item["id"] for item in unanswerable()]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, duplicates


def test_no_duplicate_question():
    texts = [normalized(item["question"]) for item in questions()] + [
        normalized(item["question"]) for item in unanswerable()]
    duplicates = [t for t, n in Counter(texts).items() if n > 1]
    assert not duplicates, duplicates


@pytest.mark.parametrize("item", questions(), ids=lambda item: item["id"])
def test_chunk_ids_exist(item):
    known = chunks()
    missing = [cid for cid in item["relevant"] + [item["newest"]] if cid not in known]
    assert not missing, f"{item['id']}: unknown chunk ids {missing}"


@pytest.mark.parametrize("item", questions(), ids=lambda item: item["id"])
def test_relevant_has_no_repeat(item):
    assert len(item["relevant"]) == len(set(item["relevant"])), item["id"]


@pytest.mark.parametrize("item", questions(), ids=lambda item: item["id"])
def test_newest_is_relevant_and_of_the_newest_edition(item):
    known = chunks()
    assert item["newest"] in item["relevant"], f"{item['id']}: newest not in relevant"
    if any(cid not in known for cid in item["relevant"]):
        pytest.skip("unknown chunk ids, reported by test_chunk_ids_exist")
    top = max(known[cid].edition for cid in item["relevant"])
    assert known[item["newest"]].edition == top, (
        f"{item['id']}: newest is edition {known[item['newest']].edition}, relevant goes up to {top}")


@pytest.mark.parametrize("item", questions(), ids=lambda item: item["id"])
def test_departement_matches_portrait_chunks(item):
    """A question answered by a departmental portrait names that department (the search needs it)."""
    known = chunks()
    if any(cid not in known for cid in item["relevant"]):
        pytest.skip("unknown chunk ids, reported by test_chunk_ids_exist")
    portrait = {known[cid].departement for cid in item["relevant"] if known[cid].departement}
    if portrait:
        assert portrait == {item["departement"]}, f"{item['id']}: portrait of {portrait}"
    elif item["departement"] is not None:
        departements = {c.departement for c in known.values() if c.departement}
        assert item["departement"] in departements, f"{item['id']}: unknown departement"


def test_unanswerable_shape():
    for item in unanswerable():
        assert isinstance(item["question"], str) and item["question"].strip(), item.get("id")

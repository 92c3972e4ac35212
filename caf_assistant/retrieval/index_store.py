"""Writes and reads an index folder: manifest.json, chunks.json, lexical.json, dense.faiss; for the
questions each section answers (knowledge/questions/) questions.json, questions_lexical.json, questions.faiss;
for the answer units (each sentence or list item, with its heading and lead-in) units.json, units.faiss.

The manifest records what built the index (sheets' hash, chunking, embedder); `build_index` skips the
work when none of that changed, and `load_index` refuses an index built with another embedder.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from caf_assistant import paths
from caf_assistant.knowledge.chunking import Chunk, chunk_sheets
from caf_assistant.knowledge.faq import FaqQuestion, attach_questions, load_question_files
from caf_assistant.knowledge.sheets import load_sheets
from caf_assistant.knowledge.units import answer_units, embedding_text
from caf_assistant.retrieval.dense import DenseIndex
from caf_assistant.retrieval.embedders import Embedder, make_embedder
from caf_assistant.retrieval.lexical import BM25Index
from caf_assistant.retrieval.settings import RetrievalSettings

INDEXING_CODE = ("text.py", "knowledge/sheets.py", "knowledge/chunking.py", "knowledge/faq.py", "knowledge/units.py",
                 "retrieval/lexical.py")
FORMAT_VERSION = 3


class IndexMismatchError(RuntimeError):
    pass


class IndexMissingError(RuntimeError):
    pass


@dataclass
class LoadedIndex:
    manifest: dict
    chunks: list[Chunk]
    lexical: BM25Index
    dense: DenseIndex
    questions: list[FaqQuestion]
    questions_lexical: BM25Index
    questions_dense: DenseIndex | None
    units: list[tuple[int, int]]  # (chunk index, unit position) of each row of units_dense
    units_dense: DenseIndex | None


def inputs_fingerprint(sheets_dir: Path, settings: RetrievalSettings) -> str:
    digest = hashlib.sha256()
    for path in sorted(sheets_dir.glob("*.md")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    faq_dir = sheets_dir.parent / "questions"
    for path in sorted(faq_dir.glob("*.yml")) if faq_dir.exists() else []:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for module in INDEXING_CODE:  # a change in how text is cut or tokenised rebuilds the index
        digest.update((Path(__file__).resolve().parent.parent / module).read_bytes())
    digest.update(json.dumps({"format": FORMAT_VERSION, "max_words": settings.max_words_per_chunk,
                              "embedder": settings.embedder.signature()}, sort_keys=True).encode())
    return digest.hexdigest()


def read_manifest(index_dir: Path) -> dict | None:
    path = index_dir / "manifest.json"
    return json.loads(path.read_text()) if path.exists() else None


def build_index(settings: RetrievalSettings, index_dir: Path | None = None, sheets_dir: Path | None = None,
                force: bool = False, embedder: Embedder | None = None) -> dict:
    """Returns the manifest; `manifest["skipped"]` tells whether the work was skipped."""
    index_dir = index_dir or paths.index_dir()
    sheets_dir = sheets_dir or paths.sheets_dir()
    fingerprint = inputs_fingerprint(sheets_dir, settings)
    current = read_manifest(index_dir)
    if not force and current and current.get("fingerprint") == fingerprint and (index_dir / "dense.faiss").exists():
        return {**current, "skipped": True}
    started = time.perf_counter()
    chunks = chunk_sheets(load_sheets(sheets_dir), settings.max_words_per_chunk)
    texts = [c.indexed_text() for c in chunks]
    embedder = embedder or make_embedder(settings.embedder)
    vectors = embedder.embed_passages(texts)
    dense = DenseIndex.build(vectors)
    lexical = BM25Index.build(texts)
    questions = attach_questions(chunks, load_question_files(sheets_dir.parent / "questions"))
    question_texts = [q.text for q in questions]
    questions_dense = DenseIndex.build(embedder.embed_queries(question_texts)) if questions else None
    questions_lexical = BM25Index.build(question_texts)
    units, unit_texts = [], []
    for i, chunk in enumerate(chunks):
        split = answer_units(chunk.text)
        for position in range(len(split)):
            units.append((i, position))
            unit_texts.append(embedding_text(chunk.section, split, position))
    units_dense = DenseIndex.build(embedder.embed_passages(unit_texts)) if units else None
    index_dir.mkdir(parents=True, exist_ok=True)
    (index_dir / "chunks.json").write_text(json.dumps([c.to_dict() for c in chunks], ensure_ascii=False, indent=1))
    (index_dir / "lexical.json").write_text(json.dumps(lexical.to_dict()))
    dense.save(index_dir / "dense.faiss")
    (index_dir / "questions.json").write_text(json.dumps([q.__dict__ for q in questions], ensure_ascii=False, indent=1))
    (index_dir / "questions_lexical.json").write_text(json.dumps(questions_lexical.to_dict()))
    (index_dir / "units.json").write_text(json.dumps(units))
    for name, dense_index in (("questions.faiss", questions_dense), ("units.faiss", units_dense)):
        (index_dir / name).unlink(missing_ok=True)
        if dense_index is not None:
            dense_index.save(index_dir / name)
    manifest = {
        "format": FORMAT_VERSION,
        "fingerprint": fingerprint,
        "embedder": settings.embedder.signature(),
        "dimension": dense.dimension,
        "max_words_per_chunk": settings.max_words_per_chunk,
        "sheets": sorted({c.sheet_id for c in chunks}),
        "chunk_count": len(chunks),
        "question_count": len(questions),
        "unit_count": len(units),
        "build_seconds": round(time.perf_counter() - started, 2),
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    (index_dir / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return {**manifest, "skipped": False}


def load_index(settings: RetrievalSettings, index_dir: Path | None = None) -> LoadedIndex:
    index_dir = index_dir or paths.index_dir()
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexMissingError(f"aucun index dans {index_dir} : lancez `make index`")
    if manifest.get("embedder") != settings.embedder.signature():
        raise IndexMismatchError(
            f"l'index de {index_dir} a été construit avec l'embedder {manifest.get('embedder')}, "
            f"mais les réglages demandent {settings.embedder.signature()} : reconstruisez-le avec "
            "`make index` (ou pointez CAF_INDEX_DIR vers un index construit avec ces réglages)"
        )
    chunks = [Chunk.from_dict(d) for d in json.loads((index_dir / "chunks.json").read_text())]
    lexical = BM25Index.from_dict(json.loads((index_dir / "lexical.json").read_text()))
    dense = DenseIndex.load(index_dir / "dense.faiss")
    if manifest.get("format") != FORMAT_VERSION or len(dense) != len(chunks):
        raise IndexMismatchError(f"index incohérent ou ancien dans {index_dir} : reconstruisez-le avec `make index`")
    questions = [FaqQuestion(**q) for q in json.loads((index_dir / "questions.json").read_text())]
    questions_lexical = BM25Index.from_dict(json.loads((index_dir / "questions_lexical.json").read_text()))
    optional = {name: DenseIndex.load(index_dir / name) if (index_dir / name).exists() else None
                for name in ("questions.faiss", "units.faiss")}
    units = [tuple(u) for u in json.loads((index_dir / "units.json").read_text())]
    return LoadedIndex(manifest=manifest, chunks=chunks, lexical=lexical, dense=dense, questions=questions,
                       questions_lexical=questions_lexical, questions_dense=optional["questions.faiss"],
                       units=units, units_dense=optional["units.faiss"])

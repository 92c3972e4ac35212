"""The questions each section answers (knowledge/questions/<sheet>.yml), attached to the chunks.

Written from the sheets, kept beside them, indexed with the text: an official's question is compared
with these questions (question-to-question similarity, the FAQ approach of Rasa's ResponseSelector) as
well as with the passages. A section cut into several chunks gives each question to the piece whose
words it shares most. Pure functions over chunks and the files' contents.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from caf_assistant import paths
from caf_assistant.knowledge.chunking import Chunk
from caf_assistant.text import content_terms


class FaqFormatError(ValueError):
    pass


@dataclass(frozen=True)
class FaqQuestion:
    text: str
    chunk_id: str


def questions_dir() -> Path:
    return paths.knowledge_dir() / "questions"


def load_question_files(directory: Path | None = None) -> list[dict]:
    directory = directory or questions_dir()
    files = []
    for path in sorted(directory.glob("*.yml")) if directory.exists() else []:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not data.get("sheet") or not isinstance(data.get("sections"), list):
            raise FaqFormatError(f"{path.name}: « sheet » et « sections » sont requis")
        files.append({**data, "file": path.name})
    return files


def _best_piece(question: str, pieces: list[Chunk]) -> Chunk:
    terms = set(content_terms(question))
    return max(pieces, key=lambda c: (len(terms & set(content_terms(c.text))), -pieces.index(c)))


def attach_questions(chunks: list[Chunk], files: list[dict]) -> list[FaqQuestion]:
    """Every question of every file, with the chunk that answers it; an unknown section is an error."""
    by_section: dict[tuple[str, str, str], list[Chunk]] = {}
    for chunk in chunks:
        # the text before any heading is cited under the sheet's title; its questions file says ""
        by_section.setdefault((chunk.sheet_id, chunk.topic, chunk.section), []).append(chunk)
        if chunk.heading_path == (chunk.title,):
            by_section.setdefault((chunk.sheet_id, chunk.topic, ""), []).append(chunk)
    attached = []
    for data in files:
        for entry in data["sections"]:
            key = (data["sheet"], entry.get("topic"), entry.get("heading") or "")
            pieces = by_section.get(key)
            if not pieces:
                raise FaqFormatError(f"{data['file']}: aucune section {key[1]!r} « {key[2]} » dans {key[0]}")
            for question in entry.get("questions") or []:
                attached.append(FaqQuestion(text=str(question), chunk_id=_best_piece(str(question), pieces).id))
    return attached

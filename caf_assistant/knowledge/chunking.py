"""Splits sheets into retrievable chunks: one per section, long sections cut at paragraph boundaries.

Pure functions: a chunk id depends only on the sheet id, the section's topic and heading, and the
position of the piece inside its section, so ids are stable while a sheet's structure is.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from caf_assistant.knowledge.sheets import Section, Sheet
from caf_assistant.text import fold

MAX_WORDS = 170


@dataclass(frozen=True)
class Chunk:
    id: str
    sheet_id: str
    title: str
    publisher: str
    edition: int
    departement: str | None  # set only for chunks of a departmental portrait
    topic: str
    heading_path: tuple[str, ...]
    text: str

    @property
    def section(self) -> str:
        return self.heading_path[-1] if self.heading_path else self.title

    @property
    def fiche(self) -> str:
        return self.heading_path[0] if self.heading_path else self.title

    def indexed_text(self) -> str:
        """What the indexes see: the heading path gives a short section its context."""
        return " > ".join(self.heading_path) + "\n" + self.text

    def to_dict(self) -> dict:
        data = asdict(self)
        data["heading_path"] = list(self.heading_path)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Chunk:
        return cls(**{**data, "heading_path": tuple(data["heading_path"])})


def slug(text: str, max_len: int = 48) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return value[:max_len].rstrip("-") or "section"


def word_count(text: str) -> int:
    return len(text.split())


def pack_paragraphs(paragraphs: list[str], max_words: int = MAX_WORDS) -> list[list[str]]:
    """Groups consecutive paragraphs into pieces of at most max_words (a longer paragraph stays whole)."""
    pieces: list[list[str]] = []
    current: list[str] = []
    size = 0
    for paragraph in paragraphs:
        words = word_count(paragraph)
        if current and size + words > max_words:
            pieces.append(current)
            current, size = [], 0
        current.append(paragraph)
        size += words
    if current:
        pieces.append(current)
    return pieces


def chunk_section(sheet: Sheet, section: Section, max_words: int = MAX_WORDS) -> list[Chunk]:
    if not section.paragraphs:
        return []
    base = f"{sheet.meta.id}/{section.topic}/{slug(section.heading or sheet.meta.title)}"
    pieces = pack_paragraphs(section.paragraphs, max_words)
    chunks = []
    for number, piece in enumerate(pieces, start=1):
        chunk_id = base if len(pieces) == 1 else f"{base}-{number}"
        chunks.append(
            Chunk(
                id=chunk_id,
                sheet_id=sheet.meta.id,
                title=sheet.meta.title,
                publisher=sheet.meta.publisher,
                edition=sheet.meta.edition,
                departement=sheet.meta.departement if section.portrait else None,
                topic=section.topic,
                heading_path=section.heading_path or (sheet.meta.title,),
                text="\n".join(piece),
            )
        )
    return chunks


def chunk_sheet(sheet: Sheet, max_words: int = MAX_WORDS) -> list[Chunk]:
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section in sheet.sections:
        for chunk in chunk_section(sheet, section, max_words):
            count = seen.get(chunk.id, 0)
            seen[chunk.id] = count + 1
            if count:  # the same heading twice in a sheet: suffix the later one
                chunk = Chunk(**{**chunk.__dict__, "id": f"{chunk.id}~{count + 1}"})
            chunks.append(chunk)
    return chunks


def chunk_sheets(sheets: list[Sheet], max_words: int = MAX_WORDS) -> list[Chunk]:
    return [chunk for sheet in sheets for chunk in chunk_sheet(sheet, max_words)]

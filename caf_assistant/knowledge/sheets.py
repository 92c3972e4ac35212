"""Reads the clean sheets of knowledge/sheets/*.md (format: knowledge/FORMAT.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from caf_assistant import paths

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{([^}]*)\})?\s*$")


@dataclass(frozen=True)
class SheetMeta:
    id: str
    title: str
    publisher: str
    scope: str
    edition: int
    source_file: str
    departement: str | None = None
    departement_code: str | None = None
    epci: str | None = None
    places: tuple[str, ...] = ()  # towns and EPCI of the department, to recognise it when a question names them


@dataclass
class Section:
    """A heading and the paragraphs under it (before the next heading of any level)."""

    level: int
    heading: str
    heading_path: tuple[str, ...]
    topic: str
    portrait: bool
    paragraphs: list[str] = field(default_factory=list)


@dataclass
class Sheet:
    meta: SheetMeta
    sections: list[Section]
    path: Path | None = None


class SheetFormatError(ValueError):
    pass


def parse_attributes(raw: str | None) -> tuple[str | None, set[str]]:
    """`#topic .portrait` -> ("topic", {"portrait"})."""
    topic, classes = None, set()
    for part in (raw or "").split():
        if part.startswith("#"):
            topic = part[1:]
        elif part.startswith("."):
            classes.add(part[1:])
    return topic, classes


def split_front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---"):
        raise SheetFormatError("front matter YAML manquant (le fichier doit commencer par ---)")
    end = text.find("\n---", 3)
    if end < 0:
        raise SheetFormatError("front matter YAML non terminé")
    meta = yaml.safe_load(text[3:end]) or {}
    body = text[end + 4 :].lstrip("\n")
    return meta, body


def parse_meta(raw: dict) -> SheetMeta:
    missing = [k for k in ("id", "title", "publisher", "scope", "edition", "source_file") if not raw.get(k)]
    if missing:
        raise SheetFormatError(f"champs manquants dans le front matter : {', '.join(missing)}")
    dep = raw.get("departement") or {}
    return SheetMeta(
        id=str(raw["id"]),
        title=str(raw["title"]),
        publisher=str(raw["publisher"]),
        scope=str(raw["scope"]),
        edition=int(raw["edition"]),
        source_file=str(raw["source_file"]),
        departement=dep.get("nom") if isinstance(dep, dict) else None,
        departement_code=str(dep.get("code")) if isinstance(dep, dict) and dep.get("code") else None,
        epci=dep.get("epci") if isinstance(dep, dict) else None,
        places=tuple(str(p) for p in ([dep.get("epci")] if dep.get("epci") else []) + list(dep.get("lieux") or []))
        if isinstance(dep, dict) else (),
    )


def parse_body(body: str) -> list[Section]:
    """Heading tree; topic and `.portrait` are inherited from the nearest ancestor that sets them."""
    sections: list[Section] = []
    stack: list[tuple[int, str, str, bool]] = []  # level, heading, topic, portrait
    current = Section(level=0, heading="", heading_path=(), topic="general", portrait=False)
    paragraph: list[str] = []

    def flush_paragraph() -> None:
        if paragraph:
            current.paragraphs.append(" ".join(paragraph).strip())
            paragraph.clear()

    for line in body.splitlines():
        match = _HEADING.match(line)
        if match:
            flush_paragraph()
            if current.paragraphs or current.level:
                sections.append(current)
            level, heading = len(match.group(1)), match.group(2).strip()
            topic, classes = parse_attributes(match.group(3))
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent_topic = stack[-1][2] if stack else "general"
            parent_portrait = stack[-1][3] if stack else False
            topic = topic or parent_topic
            portrait = parent_portrait or "portrait" in classes
            stack.append((level, heading, topic, portrait))
            current = Section(
                level=level,
                heading=heading,
                heading_path=tuple(h for _, h, _, _ in stack),
                topic=topic,
                portrait=portrait,
            )
        elif not line.strip():
            flush_paragraph()
        elif line.lstrip().startswith(("- ", "* ", "> ")) or re.match(r"^\s*\d+[.)]\s", line):
            flush_paragraph()
            current.paragraphs.append(line.strip())
        else:
            paragraph.append(line.strip())
    flush_paragraph()
    if current.paragraphs or current.level:
        sections.append(current)
    return sections


def load_sheet(path: Path) -> Sheet:
    raw, body = split_front_matter(path.read_text(encoding="utf-8"))
    try:
        meta = parse_meta(raw)
    except SheetFormatError as error:
        raise SheetFormatError(f"{path.name}: {error}") from error
    return Sheet(meta=meta, sections=parse_body(body), path=path)


def load_sheets(directory: Path | None = None) -> list[Sheet]:
    directory = directory or paths.sheets_dir()
    sheets = [load_sheet(p) for p in sorted(directory.glob("*.md"))]
    ids = [s.meta.id for s in sheets]
    if len(ids) != len(set(ids)):
        raise SheetFormatError(f"identifiants de fiches en double : {ids}")
    return sheets

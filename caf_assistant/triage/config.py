"""Loads knowledge/triage_themes.yml: themes (topics, keyword cues), routes and cue lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from caf_assistant import paths
from caf_assistant.text import fold

OUT_OF_SCOPE = "hors_champ"
ROUTES = ("charge_conseil_developpement", "gestionnaire_conseil", "accueil_allocataires")


def normalise(text: str) -> str:
    """Folded, hyphens and punctuation as spaces, single spaces: what keyword cues are matched on."""
    return " " + re.sub(r"\s+", " ", re.sub(r"[^a-z0-9@.]+", " ", fold(text))).strip() + " "


def cue_pattern(keywords: list[str], whole_words: bool = False) -> re.Pattern | None:
    """Matches any keyword at a word start (a keyword may be a word's beginning: « dematerialis »), or as
    whole words only (« ma » but not « maire »)."""
    words = sorted({normalise(k).strip() for k in keywords if normalise(k).strip()}, key=len, reverse=True)
    if not words:
        return None
    end = r"(?![a-z0-9])" if whole_words else ""
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(w) for w in words) + r")" + end)


@dataclass(frozen=True)
class Theme:
    key: str
    label: str
    topics: frozenset[str]
    keywords: re.Pattern | None
    strong_keywords: re.Pattern | None


@dataclass(frozen=True)
class TriageConfig:
    themes: dict[str, Theme]
    routes: dict[str, dict]
    dossier: re.Pattern | None
    human: re.Pattern | None
    personal_aids: re.Pattern | None = None
    person_markers: re.Pattern | None = None

    def personal_case(self, text: str) -> list[str]:
        """The cues of one person's own case (an individual's aid or file, by or about one person)."""
        normal = normalise(text)
        if not (self.personal_aids and self.person_markers and self.person_markers.search(normal)):
            return []
        return sorted(set(self.personal_aids.findall(normal)))

    def theme_of_topic(self, topic: str) -> str | None:
        for theme in self.themes.values():
            if topic in theme.topics:
                return theme.key
        return None


def default_path() -> Path:
    return paths.knowledge_dir() / "triage_themes.yml"


def parse_config(data: dict) -> TriageConfig:
    themes = {}
    for key, spec in data["themes"].items():
        themes[key] = Theme(key=key, label=spec["label"], topics=frozenset(spec.get("topics") or ()),
                            keywords=cue_pattern(spec.get("keywords") or []),
                            strong_keywords=cue_pattern(spec.get("strong_keywords") or []))
    if OUT_OF_SCOPE not in themes:
        raise ValueError(f"le thème {OUT_OF_SCOPE} manque dans la configuration du tri")
    routes = data["routes"]
    unknown = set(routes) ^ set(ROUTES)
    if unknown:
        raise ValueError(f"orientations inattendues dans la configuration du tri : {sorted(unknown)}")
    return TriageConfig(themes=themes, routes=routes, dossier=cue_pattern(data.get("dossier_keywords") or []),
                        human=cue_pattern(data.get("human_keywords") or []),
                        personal_aids=cue_pattern(data.get("personal_aids") or []),
                        person_markers=cue_pattern(data.get("person_markers") or [], whole_words=True))


@lru_cache(maxsize=4)
def load_config(path: Path | None = None) -> TriageConfig:
    path = path or default_path()
    return parse_config(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

"""Query rewriting before search: abbreviations officials type are expanded as the sheets spell them."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from caf_assistant import paths
from caf_assistant.text import fold


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    path = paths.knowledge_dir() / "abbreviations.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    return {fold(str(k)): str(v) for k, v in raw.items()}


def expand_query(query: str) -> str:
    """Appends the expansion of each abbreviation found as a whole word ("ctg" -> "... convention ...")."""
    folded = " " + re.sub(r"[^a-z0-9-]+", " ", fold(query)) + " "
    additions = [expansion for abbreviation, expansion in abbreviations().items()
                 if f" {abbreviation} " in folded]
    return query if not additions else f"{query} ({'; '.join(additions)})"

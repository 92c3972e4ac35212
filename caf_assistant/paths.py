"""Where things live in the repository; every path can be overridden by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def knowledge_dir() -> Path:
    return Path(os.environ.get("CAF_KNOWLEDGE_DIR", REPO_ROOT / "knowledge"))


def sheets_dir() -> Path:
    return knowledge_dir() / "sheets"


def var_dir() -> Path:
    return Path(os.environ.get("CAF_VAR_DIR", REPO_ROOT / "var"))


def index_dir() -> Path:
    return Path(os.environ.get("CAF_INDEX_DIR", var_dir() / "index"))

"""Index build time: cold (into an empty folder) and when nothing changed. Prints figures."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from caf_assistant.retrieval.index_store import build_index
from caf_assistant.retrieval.settings import load_settings


def main() -> int:
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        started = time.perf_counter()
        manifest = build_index(settings, index_dir)
        cold = time.perf_counter() - started
        started = time.perf_counter()
        again = build_index(settings, index_dir)
        warm = time.perf_counter() - started
    print(f"index build, cold: {cold:.1f} s for {manifest['chunk_count']} chunks "
          f"({cold / manifest['chunk_count'] * 1000:.0f} ms per chunk, embedder {settings.embedder.kind})")
    print(f"index build, nothing changed: {warm * 1000:.0f} ms (skipped={again['skipped']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

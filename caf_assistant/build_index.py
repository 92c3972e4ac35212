"""`python -m caf_assistant.build_index [--force]`: builds the index, or says it is up to date."""

from __future__ import annotations

import argparse
import json

from caf_assistant.retrieval.index_store import build_index
from caf_assistant.retrieval.settings import load_settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit l'index FAISS + BM25 des fiches de knowledge/.")
    parser.add_argument("--force", action="store_true", help="reconstruit même si rien n'a changé")
    parser.add_argument("--index-dir", default=None)
    args = parser.parse_args(argv)
    from pathlib import Path

    manifest = build_index(load_settings(), Path(args.index_dir) if args.index_dir else None, force=args.force)
    if manifest["skipped"]:
        print(f"index à jour ({manifest['chunk_count']} passages, embedder {manifest['embedder']['kind']}) : rien à faire")
    else:
        print(f"index construit : {manifest['chunk_count']} passages de {len(manifest['sheets'])} fiches "
              f"en {manifest['build_seconds']} s (embedder {manifest['embedder']['kind']})")
    print(json.dumps({k: v for k, v in manifest.items() if k not in ("fingerprint",)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

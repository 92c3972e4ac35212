"""`python -m caf_assistant.search "question" [-k 5] [--mode hybrid|lexical|dense] [--departement X]`."""

from __future__ import annotations

import argparse

from caf_assistant.retrieval.retriever import MODES, Retriever


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Montre les meilleurs passages et leurs scores pour une question.")
    parser.add_argument("query")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--mode", choices=MODES, default="hybrid")
    parser.add_argument("--departement", default=None)
    args = parser.parse_args(argv)
    retriever = Retriever.load()
    for hit in retriever.search(args.query, k=args.k, mode=args.mode, departement=args.departement):
        c = hit.chunk
        print(f"{hit.rank}. {hit.score:.4f}  cos={hit.dense_similarity:.3f}  bm25={hit.lexical_score:.2f}  "
              f"[{c.id}] {c.publisher} {c.edition} — {' > '.join(c.heading_path)}")
        print("   " + c.text[:240].replace("\n", " ") + ("…" if len(c.text) > 240 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

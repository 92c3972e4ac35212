"""`python -m caf_assistant.triage "message"` prints the triage as JSON;
`python -m caf_assistant.triage --in messages.csv --out results.jsonl` triages a batch."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from caf_assistant.triage.errors import TriageInputError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tri des messages du helpdesk (thème, orientation, brouillon)")
    parser.add_argument("text", nargs="?", help="le message à trier (sinon lu sur l'entrée standard)")
    parser.add_argument("--in", dest="source", type=Path, help="fichier CSV ou JSONL de messages")
    parser.add_argument("--out", type=Path, help="fichier de résultats (.jsonl ou .csv)")
    args = parser.parse_args(argv)
    if args.source:
        if not args.out:
            parser.error("--out est requis avec --in")
        if not args.source.is_file():
            print(json.dumps({"erreur": "fichier_absent", "message": f"Fichier introuvable : {args.source}"},
                             ensure_ascii=False))
            return 2
        from caf_assistant.triage.batch import run_batch

        try:
            count = run_batch(args.source, args.out)
        except TriageInputError as error:
            print(json.dumps(error.to_dict(), ensure_ascii=False))
            return 2
        print(f"{count} messages triés -> {args.out}", file=sys.stderr)
        return 0
    text = args.text if args.text is not None else sys.stdin.read()
    from caf_assistant.triage.service import triage

    try:
        result = triage(text).to_dict()
    except TriageInputError as error:
        print(json.dumps(error.to_dict(), ensure_ascii=False, indent=2))
        return 2
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

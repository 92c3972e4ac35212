"""Time to load the trained Rasa model, with Rasa's own load and with the project's (caf_assistant.rasa_server:
for prediction only), and whether both parse the NLU examples alike (intent, confidence, entities).

Runs in Rasa's environment: `scripts/rasa`'s Python. Prints the figures; exits 1 if any parse differs.
Usage: .venv-rasa/bin/python benchmarks/model_load.py [--model models/caf-elus.tar.gz] [--sample 400]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def examples(limit: int) -> list[str]:
    import yaml

    texts = []
    for path in sorted((REPO / "bot" / "data" / "nlu").glob("*.yml")):
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            for line in str(item.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    texts.append(_ANNOTATION.sub(r"\1", line.strip()[2:]))
    return texts[::max(1, len(texts) // limit)][:limit]


def parse_all(model: str, texts: list[str], ours: bool) -> dict:
    """In this process: load the model (patched or not), parse every text."""
    import asyncio
    import time

    if ours:
        from caf_assistant.rasa_server import models_load_for_prediction

        models_load_for_prediction()
    from rasa.core.agent import Agent

    started = time.perf_counter()
    agent = Agent.load(model)
    seconds = time.perf_counter() - started

    async def parse() -> list:
        parsed = []
        for text in texts:
            result = await agent.parse_message(text)
            parsed.append([result["intent"]["name"], round(result["intent"]["confidence"], 5),
                           sorted((e["entity"], str(e["value"])) for e in result.get("entities", []))])
        return parsed

    return {"seconds": seconds, "parsed": asyncio.run(parse())}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(REPO / "models" / "caf-elus.tar.gz"))
    parser.add_argument("--sample", type=int, default=400)
    parser.add_argument("--one", choices=("rasa", "ours"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    texts = examples(args.sample)
    if args.one:  # a child process: one load, its parses as JSON on the last line
        print(json.dumps(parse_all(args.model, texts, ours=args.one == "ours")))
        return 0
    results = {}
    for kind in ("rasa", "ours"):  # each in a fresh process: TensorFlow keeps what a first load traced
        done = subprocess.run([sys.executable, __file__, "--model", args.model, "--sample", str(args.sample),
                               "--one", kind], capture_output=True, text=True, cwd=REPO, check=True)
        results[kind] = json.loads(done.stdout.strip().splitlines()[-1])
    different = [text for text, a, b in zip(texts, results["rasa"]["parsed"], results["ours"]["parsed"]) if a != b]
    print(f"model load: Rasa's {results['rasa']['seconds']:.1f} s, ours (for prediction) "
          f"{results['ours']['seconds']:.1f} s; {len(texts)} NLU examples parsed, {len(different)} different")
    for text in different[:10]:
        print(f"  different: {text}")
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())

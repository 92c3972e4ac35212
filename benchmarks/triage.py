"""Helpdesk triage on the labelled messages: theme and route accuracy, needs_human agreement, confusions.

Splits: dev = triage_messages.yml (the first set, its author also wrote the cues) + triage_dev.yml;
test = triage_test.yml, written independently of the cues and committed before any tuning.
Usage: python benchmarks/triage.py [--split test|dev|all] [--messages FILE] [--errors]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

import yaml

from caf_assistant.runtime import get_retriever
from caf_assistant.triage import triage
from caf_assistant.triage.config import load_config

HERE = Path(__file__).resolve().parent
SPLITS = {"dev": ("triage_messages.yml", "triage_dev.yml"), "test": ("triage_test.yml",),
          "all": ("triage_messages.yml", "triage_dev.yml", "triage_test.yml")}


def confusion(pairs: list[tuple[str, str]], labels: list[str], title: str) -> None:
    counts = Counter(pairs)
    short = {label: label[:8] for label in labels}
    print(f"\n{title} (lignes : attendu, colonnes : prédit)")
    print(" " * 24 + " ".join(f"{short[p]:>8}" for p in labels))
    for expected in labels:
        print(f"{expected[:23]:<24}" + " ".join(f"{counts[(expected, p)] or '.':>8}" for p in labels))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="test", choices=("test", "dev", "all"))
    parser.add_argument("--messages", type=Path, default=None, help="another labelled file instead of a split")
    parser.add_argument("--errors", action="store_true", help="list the misclassified messages")
    args = parser.parse_args()
    files = [args.messages] if args.messages else [HERE / name for name in SPLITS[args.split]]
    items = [m for f in files for m in yaml.safe_load(f.read_text(encoding="utf-8"))["messages"]]
    print(f"split {args.messages.name if args.messages else args.split}")
    retriever = get_retriever()
    config = load_config()
    started = time.perf_counter()
    results = [triage(item["text"], retriever, config) for item in items]
    elapsed = time.perf_counter() - started
    n = len(items)
    theme_ok = sum(r.theme == i["theme"] for r, i in zip(results, items))
    route_ok = sum(r.route == i["route"] for r, i in zip(results, items))
    human_ok = sum(r.needs_human == i["needs_human"] for r, i in zip(results, items))
    both_ok = sum(r.theme == i["theme"] and r.route == i["route"] for r, i in zip(results, items))
    print(f"{n} messages, {elapsed / n * 1000:.0f} ms par message")
    print(f"thème       : {theme_ok}/{n} = {theme_ok / n:.1%}")
    print(f"orientation : {route_ok}/{n} = {route_ok / n:.1%}")
    print(f"thème et orientation : {both_ok}/{n} = {both_ok / n:.1%}")
    print(f"besoin d'une personne : {human_ok}/{n} = {human_ok / n:.1%}")
    confusion([(i["theme"], r.theme) for r, i in zip(results, items)], list(config.themes), "Confusion des thèmes")
    confusion([(i["route"], r.route) for r, i in zip(results, items)], list(config.routes), "Confusion des orientations")
    if args.errors:
        print("\nErreurs :")
        for r, i in zip(results, items):
            if r.theme != i["theme"] or r.route != i["route"] or r.needs_human != i["needs_human"]:
                print(f"- {i['text'][:90]!r}\n  thème {i['theme']} -> {r.theme}, orientation {i['route']} -> "
                      f"{r.route}, personne {i['needs_human']} -> {r.needs_human} ({'; '.join(r.reasons)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

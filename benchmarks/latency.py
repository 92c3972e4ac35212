"""End-to-end latency through REST: time to ready, then p50/p95 over retrieval turns and other turns.

Starts its own stack (or uses CAF_STACK_URL). Prints figures; asserts nothing.
Usage: python benchmarks/latency.py [--turns 120]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import urllib.request
import uuid
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def send(url: str, sender: str, message: str) -> tuple[float, list]:
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook",
                                     data=json.dumps({"sender": sender, "message": message}).encode(),
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = json.loads(response.read() or b"[]")
    return (time.perf_counter() - started) * 1000, body


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=120)
    args = parser.parse_args()
    questions = [q["question"] for q in yaml.safe_load((HERE / "golden_questions.yml").read_text())["questions"]]
    stack = None
    if os.environ.get("CAF_STACK_URL"):
        url = os.environ["CAF_STACK_URL"]
    else:
        from caf_assistant.stack import start_stack

        started = time.perf_counter()
        stack = start_stack(log_dir=Path("var/logs/bench"), database_url=f"sqlite:///{Path('var/bench.db').resolve()}")
        print(f"ready to answer {time.perf_counter() - started:.1f} s after start (action server + Rasa + model)")
        url = stack.rasa_url
    try:
        send(url, "warm-up", "bonjour")
        retrieval, other = [], []
        sender = f"bench-{uuid.uuid4().hex[:8]}"
        for turn in range(args.turns):
            ms, body = send(url, sender, questions[turn % len(questions)])
            is_retrieval = any(isinstance(m.get("custom"), dict) and m["custom"].get("type") == "sources" for m in body)
            (retrieval if is_retrieval else other).append(ms)
            if turn % 20 == 19:
                sender = f"bench-{uuid.uuid4().hex[:8]}"
        for name, values in (("retrieval turns", retrieval), ("other turns", other)):
            if values:
                print(f"{name}: n={len(values)} p50={statistics.median(values):.0f} ms "
                      f"p95={percentile(values, 0.95):.0f} ms max={max(values):.0f} ms")
    finally:
        if stack:
            stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

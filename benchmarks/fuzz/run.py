"""`make bench-fuzz`: seeded hostile messages over 8 concurrent conversations, a normal one beside them.

Through the REST channel of the running stack (started here unless CAF_STACK_URL names one, with
CAF_STACK_API_TOKEN to read its trackers). Counts server errors (HTTP 5xx, refused or reset connections,
timeouts), empty replies (nothing the official would see) and whether the servers still answer at the end;
times the normal conversation's turns, and checks in Rasa's tracker store that none of its messages is lost.
Prints figures; asserts nothing (tests/e2e/test_fuzz.py runs a small count and asserts).
Usage: python benchmarks/fuzz/run.py [--count 10000] [--seed 42] [--conversations 8]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))
from hostile import messages  # noqa: E402

NORMAL = ("Bonjour", "c'est quoi le bonus territoire ?", "et en QPV ?", "combien pour le Bafa ?",
          "je suis maire d'une commune de la Mayenne", "combien d'allocataires chez nous ?",
          "qu'est-ce qu'un relais petite enfance ?", "merci")


def post(url: str, sender: str, text: str, timeout: float = 60) -> tuple[int, list]:
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"sender": sender, "message": text}).encode())
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read() or b"[]")
    except urllib.error.HTTPError as error:
        return error.code, []
    except (OSError, ValueError):
        return 0, []  # refused, reset, timed out, or not JSON


def seen(reply: list) -> bool:
    return any(m.get("text", "").strip() or m.get("buttons") or m.get("custom") or m.get("image") for m in reply)


@dataclass
class Figures:
    by_family: dict = field(default_factory=lambda: defaultdict(lambda: {"n": 0, "errors": 0, "empty": 0, "ms": []}))
    normal_ms: list = field(default_factory=list)
    normal_sent: list = field(default_factory=list)
    normal_errors: int = 0
    normal_empty: int = 0
    lost: int | None = None
    alive: bool = False
    examples: list = field(default_factory=list)  # (family, text) of errors and empty replies


def fuzz(url: str, count: int, seed: int = 42, conversations: int = 8, api_token: str | None = None) -> Figures:
    hostile = messages(count, seed)
    figures = Figures()
    lock = threading.Lock()
    done = threading.Event()

    def worker(index: int) -> None:
        sender = f"fuzz-{index}-{uuid.uuid4().hex[:8]}"
        for family, text in hostile[index::conversations]:
            started = time.perf_counter()
            status, reply = post(url, sender, text)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                row = figures.by_family[family]
                row["n"] += 1
                row["ms"].append(elapsed)
                error = status == 0 or status >= 500
                row["errors"] += error
                row["empty"] += not error and not seen(reply)
                if (error or not seen(reply)) and len(figures.examples) < 20:
                    figures.examples.append((family, status, text[:80]))

    normal_sender = f"fuzz-normal-{uuid.uuid4().hex[:8]}"

    def normal() -> None:
        turn = 0
        while not done.is_set() or turn < len(NORMAL):
            text = NORMAL[turn % len(NORMAL)]
            started = time.perf_counter()
            status, reply = post(url, normal_sender, text)
            figures.normal_ms.append((time.perf_counter() - started) * 1000)
            figures.normal_sent.append(text)
            figures.normal_errors += status == 0 or status >= 500
            figures.normal_empty += status == 200 and not seen(reply)
            turn += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(conversations)]
    beside = threading.Thread(target=normal)
    beside.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    beside.join()
    try:
        with urllib.request.urlopen(f"{url}/", timeout=10) as response:
            figures.alive = response.status == 200
    except OSError:
        figures.alive = False
    if api_token:
        with urllib.request.urlopen(f"{url}/conversations/{normal_sender}/tracker?token={api_token}", timeout=30) as r:
            said = [e["text"] for e in json.loads(r.read())["events"] if e["event"] == "user"]
        figures.lost = sum(1 for a, b in zip(figures.normal_sent, said) if a != b) + max(0, len(figures.normal_sent) - len(said))
    return figures


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) >= 2 else (values[0] if values else 0.0)


def report(figures: Figures, count: int, seconds: float) -> None:
    print(f"{count} hostile messages in {seconds:.0f} s ({count / seconds:.1f} per second)")
    print(f"{'family':12} {'n':>6} {'errors':>7} {'empty':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for family, row in sorted(figures.by_family.items()):
        print(f"{family:12} {row['n']:6} {row['errors']:7} {row['empty']:6} {statistics.median(row['ms']):8.0f} "
              f"{percentile(row['ms'], 95):8.0f} {max(row['ms']):8.0f}")
    errors = sum(r["errors"] for r in figures.by_family.values())
    empty = sum(r["empty"] for r in figures.by_family.values())
    print(f"server errors {errors}, empty replies {empty}, servers still answering: {'yes' if figures.alive else 'NO'}")
    print(f"normal conversation beside: {len(figures.normal_ms)} turns, p50 {statistics.median(figures.normal_ms):.0f} ms, "
          f"p95 {percentile(figures.normal_ms, 95):.0f} ms (target ≤ 2 000), errors {figures.normal_errors}, "
          f"empty {figures.normal_empty}, messages lost {figures.lost if figures.lost is not None else 'not checked'}")
    for example in figures.examples:
        print("  example:", example)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--conversations", type=int, default=8)
    args = parser.parse_args()
    url, token, stack = os.environ.get("CAF_STACK_URL"), os.environ.get("CAF_STACK_API_TOKEN"), None
    if not url:
        from caf_assistant import paths
        from caf_assistant.stack import start_stack
        work = paths.var_dir() / "fuzz"
        work.mkdir(parents=True, exist_ok=True)
        (work / "conversations.db").unlink(missing_ok=True)
        token = secrets.token_hex(16)
        stack = start_stack(log_dir=work, database_url=f"sqlite:///{work / 'conversations.db'}", api_token=token)
        url = stack.rasa_url
    try:
        started = time.perf_counter()
        figures = fuzz(url, args.count, args.seed, args.conversations, token)
        report(figures, args.count, time.perf_counter() - started)
    finally:
        if stack:
            stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

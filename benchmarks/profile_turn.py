"""Where a turn's time goes: Rasa loaded in process (its own environment, .venv-rasa), each graph component
(NLU and policies), the tracker store's read and write, and each call to the action server, timed over the
same mix of turns as `make bench-latency`.

Needs a running action server (`ACTION_SERVER_URL`, default http://127.0.0.1:5055/webhook): `make profile`
starts one. Prints a table (median and total ms per part and turn); asserts nothing.
Usage: .venv-rasa/bin/python benchmarks/profile_turn.py [--turns 60] [--model models/caf-elus.tar.gz]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import uuid
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
TIMES: dict[str, list[float]] = defaultdict(list)
_current: dict[str, float] = defaultdict(float)


def timed(name: str, function):
    """Wraps a sync or async callable: its time is added to ``name`` for the current turn."""
    if asyncio.iscoroutinefunction(function):
        async def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return await function(*args, **kwargs)
            finally:
                _current[name] += (time.perf_counter() - started) * 1000
    else:
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                _current[name] += (time.perf_counter() - started) * 1000
    return wrapper


def instrument() -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.engine.graph import GraphNode

    original_call = GraphNode.__call__

    def node_call(self, *inputs):
        started = time.perf_counter()
        try:
            return original_call(self, *inputs)
        finally:
            _current[f"graph: {self._node_name}"] += (time.perf_counter() - started) * 1000

    GraphNode.__call__ = node_call
    SQLTrackerStore.retrieve = timed("tracker store: read", SQLTrackerStore.retrieve)
    SQLTrackerStore.save = timed("tracker store: write", SQLTrackerStore.save)
    original_run = RemoteAction.run

    async def remote_run(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return await original_run(self, *args, **kwargs)
        finally:
            _current[f"action call: {self.name()}"] += (time.perf_counter() - started) * 1000

    RemoteAction.run = remote_run
    RemoteAction._action_call_format = timed("action calls: building the payload", RemoteAction._action_call_format)
    from rasa.utils.endpoints import EndpointConfig

    EndpointConfig.request = timed("action calls: HTTP round trip (action server included)", EndpointConfig.request)


async def play(model: str, turns: int) -> None:
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.endpoints import EndpointConfig

    database = Path("var/profile.db").resolve()
    database.unlink(missing_ok=True)
    action_url = os.environ.get("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")
    endpoints = AvailableEndpoints(action=EndpointConfig(action_url),
                                   tracker_store=EndpointConfig(type="SQL", dialect="sqlite", db=str(database)))
    agent = await load_agent(model_path=model, endpoints=endpoints)
    questions = [q["question"] for q in yaml.safe_load((HERE / "golden_questions.yml").read_text())["questions"]]
    mix = ["bonjour", *questions[:8], "merci", "on veut créer une crèche de 30 places en QPV, le projet coûte 1,7 M€"]
    await agent.handle_text("bonjour", sender_id="warm-up")
    totals = []
    sender = f"profile-{uuid.uuid4().hex[:8]}"
    for turn in range(turns):
        _current.clear()
        started = time.perf_counter()
        await agent.handle_text((mix + questions[8:])[turn % (len(mix) + len(questions) - 8)], sender_id=sender)
        totals.append((time.perf_counter() - started) * 1000)
        for name, ms in _current.items():
            TIMES[name].append(ms)
        if turn % 10 == 9:
            sender = f"profile-{uuid.uuid4().hex[:8]}"
    print(f"{turns} turns in process (no HTTP in front of Rasa): median {statistics.median(totals):.1f} ms, "
          f"mean {statistics.mean(totals):.1f} ms per turn\n")
    print(f"{'part':58} {'turns':>5} {'median':>8} {'per turn':>9}")
    rows = sorted(TIMES.items(), key=lambda item: -sum(item[1]))
    for name, values in rows:
        print(f"{name[:58]:58} {len(values):5} {statistics.median(values):7.1f}  {sum(values) / turns:8.1f}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=60)
    parser.add_argument("--model", default="models/caf-elus.tar.gz")
    parser.add_argument("--as-is", action="store_true", help="plain Rasa, without caf_assistant/rasa_server.py's fixes")
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    import logging

    logging.basicConfig(level=logging.WARNING)
    from rasa.utils.common import configure_logging_and_warnings

    configure_logging_and_warnings(logging.WARNING)
    if "--as-is" not in sys.argv:
        from caf_assistant.rasa_server import patch

        patch()  # as `make run` serves it
    instrument()
    asyncio.run(play(args.model, args.turns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

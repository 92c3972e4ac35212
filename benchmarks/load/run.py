"""`make bench-load`: the stack under simulated officials (locust, headless), beside a plain `rasa init` bot.

1. our stack as `make run` serves it (started here unless CAF_STACK_URL names one): 1, 20 and 100 users, each
   a conversation without pause (benchmarks/load/locustfile.py); turns/s, p50/p95/p99, errors; during the
   100-user run a new official's first message is timed;
2. a plain `rasa init` bot (default config, one process, trained once into var/plain_bot), in the same run:
   its greeting at 1 user and its throughput at 20 users, and our figures as ratios of its own;
3. two replicas behind nginx: PostgreSQL tracker store, Redis lock store, two action servers and two Rasa
   servers, nginx in front of each pair; 20 users through nginx.

Prints figures; asserts nothing. Usage: python benchmarks/load/run.py [--seconds 30] [--skip-plain]
[--skip-replicas] [--users 1,20,100]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
from caf_assistant import paths  # noqa: E402
from caf_assistant.stack import free_port, start_stack, wait_http  # noqa: E402

LOCUST = ROOT / ".venv" / "bin" / "locust"
RASA = ROOT / ".venv-rasa" / "bin" / "rasa"
RESULTS = paths.var_dir() / "results" / "load"
GOLDEN = ROOT / "benchmarks" / "golden_questions.yml"


def send(url: str, message: str, sender: str | None = None) -> float:
    request = urllib.request.Request(f"{url}/webhooks/rest/webhook", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"sender": sender or f"probe-{uuid.uuid4().hex[:8]}",
                                                      "message": message}).encode())
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def locust(url: str, users: int, seconds: int, name: str, plain: bool = False) -> dict:
    """One headless locust run; the aggregated figures of its CSV."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    prefix = RESULTS / name
    env = {**os.environ, "PLAIN_BOT": "1" if plain else ""}
    subprocess.run([str(LOCUST), "-f", str(HERE / "locustfile.py"), "--headless", "-u", str(users), "-r", str(users),
                    "-t", f"{seconds}s", "-H", url, "--csv", str(prefix), "--only-summary", "-L", "ERROR",
                    "--stop-timeout", "10"], env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    total = rows["Aggregated"]
    figures = {"users": users, "turns": int(total["Request Count"]), "errors": int(total["Failure Count"]),
               "turns_per_s": float(total["Requests/s"]), "p50": float(total["50%"]), "p95": float(total["95%"]),
               "p99": float(total["99%"])}
    figures["kinds"] = {kind: {"p50": float(row["50%"]), "p95": float(row["95%"]), "n": int(row["Request Count"])}
                        for kind, row in rows.items() if kind != "Aggregated"}
    return figures


def show(label: str, figures: dict) -> None:
    print(f"  {label:34} {figures['turns_per_s']:6.1f} turns/s  p50 {figures['p50']:6.0f} ms  "
          f"p95 {figures['p95']:6.0f} ms  p99 {figures['p99']:6.0f} ms  errors {figures['errors']}/{figures['turns']}")


def varied_questions(n: int = 30) -> list[str]:
    """Distinct questions of the golden set: each asked once, so that no cached embedding flatters the figure."""
    import yaml

    questions = [q["question"] for q in yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))["questions"]]
    return questions[:n]


def retrieval_p50(url: str) -> float:
    import statistics

    return statistics.median(send(url, question) for question in varied_questions())


def single_user(url: str, messages: list[str], rounds: int = 15) -> dict[str, float]:
    """p50 of each message played alone, one after the other (new conversation each round)."""
    import statistics

    times: dict[str, list[float]] = {message: [] for message in messages}
    for _ in range(rounds):
        sender = f"single-{uuid.uuid4().hex[:8]}"
        for message in messages:
            times[message].append(send(url, message, sender))
    return {message: statistics.median(values) for message, values in times.items()}


# ------------------------------------------------------------------ the plain `rasa init` bot

def plain_bot() -> Path:
    """The `rasa init` project, trained once (var/plain_bot); its model."""
    folder = paths.var_dir() / "plain_bot"
    models = sorted((folder / "models").glob("*.tar.gz")) if folder.exists() else []
    if models:
        return models[-1]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print("  (training the plain `rasa init` bot once, into var/plain_bot)")
    subprocess.run([str(RASA), "init", "--no-prompt", "--init-dir", str(folder)], cwd=folder, check=True,
                   env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"}, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return sorted((folder / "models").glob("*.tar.gz"))[-1]


@contextmanager
def plain_server():
    model = plain_bot()
    port = free_port()
    log = open(paths.var_dir() / "logs" / "plain_bot.log", "w")
    process = subprocess.Popen([str(RASA), "run", "--model", str(model), "--port", str(port), "--interface",
                                "127.0.0.1"], cwd=model.parent.parent, stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "SANIC_WORKERS": "1"})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_http(f"{url}/", 240, process)
        for _ in range(240):
            try:
                send(url, "hello")
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


# ------------------------------------------------------------------ two replicas behind nginx

def replicas_run(seconds: int) -> dict:
    from caf_assistant.replicas import Replicas
    from tests.servers import postgres_server, redis_server

    with postgres_server() as database_url, redis_server() as redis_url, \
            Replicas(database_url, redis_url, count=2) as replicas:
        send(replicas.url, "bonjour")
        return locust(replicas.url, 20, seconds, "replicas-20")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--users", default="1,20,100")
    parser.add_argument("--skip-plain", action="store_true")
    parser.add_argument("--skip-replicas", action="store_true")
    args = parser.parse_args()
    users = [int(n) for n in args.users.split(",")]
    print(f"Load benchmark: {os.cpu_count()} cores, {args.seconds} s per run, users without pause\n")
    ours: dict[int, dict] = {}
    stack = None
    if os.environ.get("CAF_STACK_URL"):
        url = os.environ["CAF_STACK_URL"]
    else:
        stack = start_stack(log_dir=paths.var_dir() / "logs" / "load",
                            database_url=f"sqlite:///{(paths.var_dir() / 'load.db').resolve()}")
        url = stack.rasa_url
        print(f"our stack (make run's): ready {stack.ready_seconds:.0f} s after start")
    try:
        alone = single_user(url, ["bonjour"])
        alone["retrieval"] = retrieval_p50(url)
        print(f"  one user alone: greeting p50 {alone['bonjour']:.0f} ms, retrieval turn p50 {alone['retrieval']:.0f} ms "
              "(30 distinct questions)")
        for n in users:
            probe: dict[str, float] = {}
            if n >= 100:  # a new official arriving in the middle of the rush
                threading.Timer(args.seconds / 2, lambda box=probe: box.setdefault("ms", send(url, "bonjour"))).start()
            ours[n] = locust(url, n, args.seconds, f"ours-{n}")
            show(f"ours, {n} user(s)", ours[n])
            if probe:
                print(f"  {'':34} a new user's first reply during the run: {probe['ms']:.0f} ms")
        for kind, figures in ours.get(20, {}).get("kinds", {}).items():
            print(f"    at 20 users, {kind:10} p50 {figures['p50']:6.0f} ms  p95 {figures['p95']:6.0f} ms  (n={figures['n']})")
    finally:
        if stack:
            stack.stop()
    if not args.skip_plain:
        print("\nplain `rasa init` bot (default config, one process), same machine, same run")
        with plain_server() as plain_url:
            plain_alone = single_user(plain_url, ["hello"])
            plain20 = locust(plain_url, 20, args.seconds, "plain-20", plain=True)
        print(f"  one user alone: greeting p50 {plain_alone['hello']:.0f} ms")
        show("plain bot, 20 users", plain20)
        ratio_latency = alone["retrieval"] / plain_alone["hello"]
        print(f"\nratios: our retrieval turn / its greeting = {ratio_latency:.2f} (target ≤ 1.2); "
              + (f"our throughput at 20 users / its = {ours[20]['turns_per_s'] / plain20['turns_per_s']:.2f} "
                 "(target ≥ 2.5)" if 20 in ours else ""))
    if not args.skip_replicas:
        print("\ntwo replicas behind nginx (PostgreSQL tracker store, Redis lock store, 2 Rasa + 2 action servers)")
        show("replicas, 20 users", replicas_run(args.seconds))
    print(f"\ndetails: {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

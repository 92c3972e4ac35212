"""Starts and stops the running assistant: action server + Rasa server (+ optional extra services).

Used by `make run` (python -m caf_assistant.stack) and by the end-to-end tests' fixtures.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from caf_assistant import paths

# Rasa's command line with the project's measured fixes (scripts/rasa → caf_assistant/rasa_server.py), as the
# Makefile runs it
RASA_COMMAND = [str(paths.REPO_ROOT / "scripts" / "rasa")]
APP_PYTHON = paths.REPO_ROOT / ".venv" / "bin" / "python"
DEFAULT_ORIGINS = "http://localhost:8080 http://127.0.0.1:8080"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def latest_model(models_dir: Path | None = None) -> Path:
    models_dir = models_dir or paths.REPO_ROOT / "models"
    models = sorted(models_dir.glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise FileNotFoundError("aucun modèle entraîné dans models/ : lancez `make train`")
    return models[-1]


def wait_http(url: str, timeout: float, process: subprocess.Popen | None = None) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"le processus s'est arrêté (code {process.returncode}) avant d'être prêt : {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} ne répond pas après {timeout:.0f} s")


@dataclass
class Stack:
    rasa_port: int
    action_port: int
    log_dir: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    ready_seconds: float = 0.0
    action_token: str = ""  # what this Rasa server sends the action server (CAF_ACTION_TOKEN)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    def stop(self) -> None:
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def alive(self) -> bool:
        return all(p.poll() is None for p in self.processes.values())


def start_stack(rasa_port: int | None = None, action_port: int | None = None, model: Path | None = None,
                log_dir: Path | None = None, database_url: str | None = None, origins: str | None = None,
                extra_env: dict | None = None, timeout: float = 240, action_url: str | None = None,
                redis_url: str | None = None, api_token: str | None = None) -> Stack:
    """Action server (unless `action_url` names one already running) and one Rasa server."""
    rasa_port = rasa_port or free_port()
    action_port = action_port or free_port()
    log_dir = log_dir or paths.var_dir() / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)
    action_url = action_url or f"http://127.0.0.1:{action_port}"
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "PYTHONPATH": str(paths.REPO_ROOT),
           "ACTION_SERVER_URL": f"{action_url}/webhook", **(extra_env or {})}
    # only this Rasa server may call this action server (replicas pass one token for all)
    env.setdefault("CAF_ACTION_TOKEN", secrets.token_hex(16))
    if database_url:
        env["DATABASE_URL"] = database_url
    if redis_url:
        env["REDIS_URL"] = redis_url
    endpoints_file = log_dir / f"endpoints-{rasa_port}.yml"
    subprocess.run([str(APP_PYTHON), "-m", "caf_assistant.endpoints", str(endpoints_file)], env=env,
                   check=True, cwd=paths.REPO_ROOT, stdout=subprocess.DEVNULL)
    stack = Stack(rasa_port=rasa_port, action_port=action_port, log_dir=log_dir, action_token=env["CAF_ACTION_TOKEN"])
    started = time.perf_counter()
    if action_url == f"http://127.0.0.1:{action_port}":
        action_log = open(log_dir / f"actions-{action_port}.log", "w")
        stack.processes["actions"] = subprocess.Popen(
            [str(APP_PYTHON), "-m", "caf_assistant.action_server", "--port", str(action_port)],
            cwd=paths.REPO_ROOT, env=env, stdout=action_log, stderr=subprocess.STDOUT)
    rasa_log = open(log_dir / f"rasa-{rasa_port}.log", "w")
    cors = (origins or os.environ.get("CAF_ALLOWED_ORIGINS") or DEFAULT_ORIGINS).split()
    env["CAF_ALLOWED_ORIGINS"] = " ".join(cors)  # the socket.io channel checks the same origins
    command = [*RASA_COMMAND, "run", "--model", str(model or latest_model()), "--endpoints", str(endpoints_file),
               "--credentials", str(paths.REPO_ROOT / "bot" / "credentials.yml"), "--port", str(rasa_port),
               "--interface", "127.0.0.1"]
    command += ["--cors", *cors]  # one flag: Rasa keeps only the last --cors
    if api_token:  # Rasa's HTTP API (trackers), for benchmarks that read the route a turn took
        command += ["--enable-api", "--auth-token", api_token]
    stack.processes["rasa"] = subprocess.Popen(command, cwd=paths.REPO_ROOT, env=env, stdout=rasa_log,
                                               stderr=subprocess.STDOUT)
    try:
        if "actions" in stack.processes:
            wait_http(f"{action_url}/health", timeout, stack.processes["actions"])
        wait_http(f"{stack.rasa_url}/", timeout, stack.processes["rasa"])
        wait_model_ready(stack, timeout)
    except Exception:
        stack.stop()
        raise
    stack.ready_seconds = time.perf_counter() - started
    return stack


def wait_model_ready(stack: Stack, timeout: float) -> None:
    """Rasa answers `/` before the model is loaded: send a probe message until a reply comes back."""
    import json

    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        request = urllib.request.Request(
            f"{stack.rasa_url}/webhooks/rest/webhook",
            data=json.dumps({"sender": "readiness-probe", "message": "bonjour"}).encode(),
            headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                if json.loads(response.read() or b"[]"):
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError("Rasa ne répond pas aux messages")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Démarre l'assistant (serveur d'actions + Rasa)")
    parser.add_argument("--rasa-port", type=int, default=int(os.environ.get("RASA_PORT", 5005)))
    parser.add_argument("--action-port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", 5055)))
    parser.add_argument("--demo-port", type=int, default=int(os.environ.get("DEMO_PORT", 8080)),
                        help="page de démonstration du widget (0 : pas de page)")
    args = parser.parse_args(argv)
    # stopping `make run` (Ctrl-C or SIGTERM) stops the servers it started
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    stack = start_stack(args.rasa_port, args.action_port)
    demo_url = None
    if args.demo_port:
        demo_log = open(stack.log_dir / "demo.log", "w")
        stack.processes["demo"] = subprocess.Popen(
            [str(APP_PYTHON), "-m", "caf_assistant.web.demo_server", "--host", "127.0.0.1", "--port",
             str(args.demo_port), "--rasa-url", f"http://127.0.0.1:{stack.rasa_port}"],
            cwd=paths.REPO_ROOT, env={**os.environ, "PYTHONPATH": str(paths.REPO_ROOT)},
            stdout=demo_log, stderr=subprocess.STDOUT)
        demo_url = f"http://127.0.0.1:{args.demo_port}/"
        wait_http(demo_url, 30, stack.processes["demo"])
    print(f"Assistant prêt en {stack.ready_seconds:.0f} s")
    if demo_url:
        print(f"  Page partenaire de démonstration (widget) : {demo_url}")
    print(f"  Rasa (REST)      : {stack.rasa_url}/webhooks/rest/webhook")
    print(f"  Rasa (socket.io) : {stack.rasa_url}/socket.io")
    print(f"  Serveur d'actions: {stack.action_url}/webhook")
    print(f"  Journaux         : {stack.log_dir}")
    sys.stdout.flush()
    try:
        while stack.alive():
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

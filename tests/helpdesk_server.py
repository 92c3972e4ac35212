"""The real helpdesk server for the tests: its own SQLite database, one agent account, a free port."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from caf_assistant import paths
from caf_assistant.stack import free_port, wait_http

AGENT, SECRET = "agent.test", "un-secret-de-test-assez-long"


@dataclass
class HelpdeskServer:
    url: str
    database: str
    process: subprocess.Popen
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def environment(database: str, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": database, "PYTHONPATH": str(paths.REPO_ROOT), **extra}


def cli(database: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "caf_assistant.helpdesk.cli", *args], cwd=paths.REPO_ROOT,
                          env=environment(database), input=stdin, capture_output=True, text=True, timeout=60)


def start_helpdesk(work: Path, **extra_environment) -> HelpdeskServer:
    database = f"sqlite:///{work / 'conversations.db'}"
    created = cli(database, "add", AGENT, "--password-stdin", stdin=SECRET + "\n")
    assert created.returncode == 0, created.stderr
    port = free_port()
    log = work / "helpdesk.log"
    process = subprocess.Popen([sys.executable, "-m", "caf_assistant.helpdesk.server", "--port", str(port)],
                               cwd=paths.REPO_ROOT, env=environment(database, **extra_environment),
                               stdout=open(log, "w"), stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/health", 120, process)
    return HelpdeskServer(f"http://127.0.0.1:{port}", database, process, log)

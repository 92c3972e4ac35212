"""Fixtures of the widget's browser tests: Debian's Chromium driven by Playwright, the demo server.

- Chromium: /usr/bin/chromium (``apt-get install -y chromium``; CAF_CHROMIUM to use another binary);
  ``playwright install`` is not used (no browser download).
- ``demo_server``: caf_assistant.web.demo_server (its own process) on http://localhost:8080, pointing at the real stack
  (``rasa_stack`` from tests/conftest.py). The page origin must be allowed by Rasa's CORS
  (``rasa run --cors``): 8080 is in the stack's default origins. If 8080 is taken, a free port is used
  and added to CAF_ALLOWED_ORIGINS, which only helps if the stack has not started yet.
- ``fake_rasa``: the dev-aid fake REST server (fake_rasa.py), only for widget-rendering tests of
  messages the real bot does not send yet (estimate, handoff, buttons) — never for answers.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import urllib.request
from http.client import HTTPConnection
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from caf_assistant import paths
from caf_assistant.stack import DEFAULT_ORIGINS, wait_http

from . import fake_rasa as fake_rasa_module

CHROMIUM = os.environ.get("CAF_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-quic", "--no-first-run", "--disable-sync"]
DEMO_PORT = int(os.environ.get("CAF_DEMO_PORT", "8080"))
FIRST_ANSWER_TIMEOUT = 30_000  # ms: the first answer of a fresh stack can take ~20 s
ANSWER_TIMEOUT = 20_000
NO_RASA_URL = "http://127.0.0.1:9"  # the demo pages' Rasa when no stack is needed (tests pass ?rasa=)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright")


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    directory = paths.var_dir() / "artifacts"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(scope="session")
def demo_port() -> int:
    """8080 when free (allowed by the stack's default CORS origins); else a free port, added to the origins."""
    if port_is_free(DEMO_PORT):
        return DEMO_PORT
    port = free_port()
    origins = os.environ.get("CAF_ALLOWED_ORIGINS") or DEFAULT_ORIGINS
    os.environ["CAF_ALLOWED_ORIGINS"] = f"{origins} http://localhost:{port} http://127.0.0.1:{port}"
    return port


class DemoServer:
    """caf_assistant.web.demo_server in its own process (Sanic runs its own event loop), on ``port``.

    ``point_at`` restarts it with another ``--rasa-url`` (what /config.js gives the pages, page2.html included),
    only when the URL changes: the offline tests and the stack tests each start it once.
    """

    def __init__(self, port: int, rasa_url: str = NO_RASA_URL, sheets_dir: Path | None = None):
        self.port = port
        # 127.0.0.1 rather than localhost: both are in the default CORS origins, but see the report
        self.url = f"http://127.0.0.1:{port}"
        self.rasa_url = rasa_url
        self.sheets_dir = sheets_dir
        self.process: subprocess.Popen | None = None
        self.log_path = paths.var_dir() / "logs" / f"demo-server-{port}.log"
        self.start()

    def start(self) -> None:
        command = [sys.executable, "-m", "caf_assistant.web.demo_server", "--host", "127.0.0.1", "--port",
                   str(self.port), "--rasa-url", self.rasa_url, "--quiet"]
        if self.sheets_dir is not None:
            command += ["--sheets-dir", str(self.sheets_dir)]
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command, cwd=paths.REPO_ROOT, stdout=log, stderr=subprocess.STDOUT,
                                            env={**os.environ, "PYTHONPATH": str(paths.REPO_ROOT)})
        try:
            wait_http(f"{self.url}/favicon.ico", 30, self.process)
            with urllib.request.urlopen(f"{self.url}/config.js", timeout=5) as response:
                if json.dumps(self.rasa_url.rstrip("/")) not in response.read().decode():
                    raise RuntimeError(f"un autre serveur répond sur le port {self.port}")
        except (OSError, RuntimeError, TimeoutError) as error:
            self.stop()
            raise RuntimeError(f"{error}\n{self.log_path.read_text()[-2000:]}") from error

    def point_at(self, rasa_url: str) -> None:
        """The Rasa URL that /config.js gives the pages (the server's --rasa-url)."""
        if rasa_url != self.rasa_url:
            self.stop()
            self.rasa_url = rasa_url
            self.start()

    def page_url(self, page: str = "/", rasa_url: str | None = None) -> str:
        """A demo page; ``rasa_url`` overrides the server URL through the page's query string."""
        return f"{self.url}{page}" + (f"?rasa={rasa_url}" if rasa_url else "")

    def stop(self) -> None:
        """SIGTERM, as the stack stops it; the demo server stops within a few seconds."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def demo_site(demo_port):
    """The demo partner pages on http://localhost:<demo_port> (Rasa URL set by the fixtures below)."""
    server = DemoServer(demo_port)
    yield server
    server.stop()


@pytest.fixture
def demo_server(demo_site, rasa_stack):
    """The demo partner pages, pointing at the real Rasa stack (as `--rasa-url <stack>`)."""
    demo_site.point_at(rasa_stack.rasa_url)
    return demo_site


@pytest.fixture
def demo_server_only(demo_site):
    """The demo pages without the stack: tests pass ``?rasa=`` (fake server or dead port)."""
    demo_site.point_at(NO_RASA_URL)
    return demo_site


@pytest.fixture(scope="session")
def fake_rasa():
    """DEV AID fake of Rasa's REST channel (see fake_rasa.py): widget-rendering tests only."""
    server, url = fake_rasa_module.start(0)
    server.url = url
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium introuvable ({CHROMIUM}) : apt-get install -y chromium (ou CAF_CHROMIUM=/chemin)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def new_page(browser, width: int = 1280, height: int = 800, **options):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR", **options)
    context.set_default_timeout(ANSWER_TIMEOUT)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


@pytest.fixture
def page(browser):
    """A fresh desktop page (new context: empty localStorage)."""
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone_page(browser):
    """A fresh phone page, 360×640, touch."""
    page = new_page(browser, 360, 640, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield page
    page.context.close()


class ForwardingProxy:
    """Plays "the server is back": an HTTP forwarder on a given port to the real Rasa server."""

    def __init__(self, port: int, target_url: str):
        target = urlsplit(target_url)

        class Handler(BaseHTTPRequestHandler):
            def forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                connection = HTTPConnection(target.hostname, target.port, timeout=120)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                connection.close()

            do_GET = do_POST = do_OPTIONS = forward  # noqa: N815

            def log_message(self, format, *args):  # noqa: A002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

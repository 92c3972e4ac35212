"""Small static server for the widget's demo partner pages and the source sheets.

    python -m caf_assistant.web.demo_server --port 8080 --rasa-url http://localhost:5005

Routes:
  /                     the demo partner page (widget/demo/index.html)
  /page2.html           its second page (the conversation follows the navigation)
  /widget/<file>        the widget's files (caf-widget.js, caf-widget.css, demo assets)
  /config.js            demo only: writes --rasa-url into window.CafWidgetConfig
                        (a ``?rasa=http://host:port`` query string on the page overrides it)
  /sources/             the list of sheets
  /sources/<id>.html    knowledge/sheets/<id>.md rendered as simple, escaped HTML

The pages are served as they are (nothing injected). Standard library + PyYAML only.
"""

from __future__ import annotations

import argparse
import json
import mimetypes
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from caf_assistant import paths
from caf_assistant.web import sheets_html

WIDGET_DIR = paths.REPO_ROOT / "widget"
STATIC_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
}
PAGE_ROUTES = {"/": "demo/index.html", "/index.html": "demo/index.html", "/page2.html": "demo/page2.html"}
# The demo pages work under a strict policy: no inline script or style is needed by the widget.
DEMO_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self' http: https:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SHEET_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def config_js(rasa_url: str) -> str:
    settings = json.dumps({"serverUrl": rasa_url.rstrip("/")}, ensure_ascii=False)
    return f"""/* Demo only: the URL of the Rasa server given to the demo server (--rasa-url). */
(function () {{
  var config = window.CafWidgetConfig = window.CafWidgetConfig || {{}};
  var settings = {settings};
  config.serverUrl = settings.serverUrl;
  config.sourcesBaseUrl = window.location.origin + "/sources";
  var override = new URLSearchParams(window.location.search).get("rasa");
  if (override && /^https?:\\/\\/[^\\s]+$/.test(override)) {{
    config.serverUrl = override;
  }}
}})();
"""


class DemoHandler(BaseHTTPRequestHandler):
    server_version = "CafWidgetDemo/1.0"
    rasa_url = "http://localhost:5005"
    widget_dir = WIDGET_DIR
    sheets_dir = paths.sheets_dir()
    quiet = False

    def do_HEAD(self) -> None:  # noqa: N802 (http.server naming)
        self.handle_get(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self.handle_get(head=False)

    def handle_get(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        if path in PAGE_ROUTES:
            self.send_file(self.widget_dir / PAGE_ROUTES[path], head, csp=DEMO_CSP)
        elif path == "/config.js":
            self.send_body(config_js(self.rasa_url).encode(), STATIC_TYPES[".js"], head)
        elif path.startswith("/widget/"):
            target = self.safe_path(self.widget_dir, path[len("/widget/"):])
            csp = DEMO_CSP if target is not None and target.suffix == ".html" else None
            self.send_file(target, head, csp=csp)
        elif path in ("/sources", "/sources/"):
            sheets = [sheets_html.load_sheet(self.sheets_dir, p.stem) for p in sorted(self.sheets_dir.glob("*.md"))]
            body = sheets_html.index_html([s for s in sheets if s is not None]).encode()
            self.send_body(body, STATIC_TYPES[".html"], head, csp=SHEET_CSP)
        elif path.startswith("/sources/") and path.endswith(".html"):
            sheet = sheets_html.load_sheet(self.sheets_dir, path[len("/sources/"):-len(".html")])
            if sheet is None:
                self.send_not_found(head)
            else:
                self.send_body(sheets_html.page_html(sheet).encode(), STATIC_TYPES[".html"], head, csp=SHEET_CSP)
        elif path == "/favicon.ico":
            self.send_response(HTTPStatus.NO_CONTENT)
            self.end_headers()
        else:
            self.send_not_found(head)

    @staticmethod
    def safe_path(root: Path, relative: str) -> Path | None:
        if not relative or "\x00" in relative:
            return None
        target = (root / relative).resolve()
        try:
            target.relative_to(root.resolve())
        except ValueError:
            return None
        if target.suffix not in STATIC_TYPES or not target.is_file():
            return None
        return target

    def send_file(self, target: Path | None, head: bool, csp: str | None = None) -> None:
        if target is None or not target.is_file():
            self.send_not_found(head)
            return
        content_type = (STATIC_TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0]
                        or "application/octet-stream")
        self.send_body(target.read_bytes(), content_type, head, csp=csp)

    def send_body(self, body: bytes, content_type: str, head: bool, status: int = HTTPStatus.OK,
                  csp: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "same-origin")
        if csp:
            self.send_header("Content-Security-Policy", csp)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def send_not_found(self, head: bool) -> None:
        body = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Page introuvable</title>"
                "</head><body><h1>Page introuvable</h1><p><a href=\"/\">Retour à l'accueil</a></p></body></html>")
        self.send_body(body.encode(), STATIC_TYPES[".html"], head, status=HTTPStatus.NOT_FOUND, csp=SHEET_CSP)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server signature)
        if not self.quiet:
            super().log_message(format, *args)


def make_server(port: int, rasa_url: str, host: str = "127.0.0.1", quiet: bool = False,
                sheets_dir: Path | None = None) -> ThreadingHTTPServer:
    handler = type("ConfiguredDemoHandler", (DemoHandler,), {
        "rasa_url": rasa_url, "quiet": quiet, "sheets_dir": sheets_dir or paths.sheets_dir()})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve_in_thread(port: int, rasa_url: str, host: str = "127.0.0.1") -> tuple[ThreadingHTTPServer, threading.Thread]:
    server = make_server(port, rasa_url, host, quiet=True)
    thread = threading.Thread(target=server.serve_forever, name="caf-demo-server", daemon=True)
    thread.start()
    return server, thread


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serveur de démonstration du widget (page partenaire + fiches)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1",
                        help="adresse d'écoute (127.0.0.1 par défaut ; localhost:PORT marche aussi)")
    parser.add_argument("--rasa-url", default="http://localhost:5005", help="adresse du serveur Rasa (canal REST)")
    parser.add_argument("--quiet", action="store_true", help="pas de journal des requêtes")
    args = parser.parse_args(argv)
    server = make_server(args.port, args.rasa_url, args.host, args.quiet)
    print(f"Page de démonstration : http://localhost:{args.port}/  (Rasa : {args.rasa_url})", flush=True)
    # one --cors followed by every origin: with several --cors flags, Rasa keeps only the last one
    print("  Rasa doit accepter cette origine : rasa run --cors "
          f"http://localhost:{args.port} http://127.0.0.1:{args.port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Small Sanic server for the widget's demo partner pages and the source sheets.

    python -m caf_assistant.web.demo_server --port 8080 --rasa-url http://localhost:5005

Routes (GET and HEAD):
  /, /index.html        the demo partner page (widget/demo/index.html)
  /page2.html           its second page (the conversation follows the navigation)
  /widget/<file>        the widget's files (caf-widget.js, caf-widget.css, demo assets): known suffixes only
  /config.js            demo only: writes --rasa-url into window.CafWidgetConfig
                        (``?rasa=http://127.0.0.1:port`` on the page overrides it: a server on this machine only)
  /sources/             the list of sheets
  /sources/<id>.html    knowledge/sheets/<id>.md rendered (sheets_html, Jinja2 templates in templates/)
  /sources/sheet.css    the sheet pages' stylesheet
  /favicon.ico          204

The demo pages are served as they are (nothing injected); anything else is the French 404 page. Every
response carries the security headers (caf_assistant/security_headers.py). One process, no worker manager: it starts
in about a second and stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from sanic import Request, Sanic
from sanic.exceptions import MethodNotAllowed, NotFound, PayloadTooLarge
from sanic.response import HTTPResponse, empty, html, raw

from caf_assistant import paths
from caf_assistant.security_headers import DEMO_CSP, SHEET_CSP, response_middleware
from caf_assistant.web import sheets_html, templating

WIDGET_DIR = paths.REPO_ROOT / "widget"
SHEET_STYLESHEET = Path(__file__).resolve().parent / "static" / "sheet.css"
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
READ_METHODS = ["GET", "HEAD"]
REQUEST_MAX_BYTES = 4096  # GET only: no request body is expected
REQUEST_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class DemoSettings:
    rasa_url: str = "http://localhost:5005"
    sheets_dir: Path = field(default_factory=paths.sheets_dir)
    widget_dir: Path = WIDGET_DIR


def config_js(rasa_url: str) -> str:
    settings = json.dumps({"serverUrl": rasa_url.rstrip("/")}, ensure_ascii=False)
    return f"""/* Demo only: the URL of the Rasa server given to the demo server (--rasa-url). */
(function () {{
  var config = window.CafWidgetConfig = window.CafWidgetConfig || {{}};
  var settings = {settings};
  config.serverUrl = settings.serverUrl;
  config.sourcesBaseUrl = window.location.origin + "/sources";
  var override = new URLSearchParams(window.location.search).get("rasa");
  // a Rasa server on this machine only: a link cannot send what is typed to another site
  if (override && /^https?:\\/\\/(localhost|127\\.0\\.0\\.1)(:\\d{{1,5}})?\\/?$/.test(override)) {{
    config.serverUrl = override;
  }}
}})();
"""


def safe_path(root: Path, relative: str) -> Path | None:
    """``root/relative`` when it is a file inside ``root`` with a known suffix, else None."""
    if not relative or "\x00" in relative:
        return None
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()) or target.suffix not in STATIC_TYPES or not target.is_file():
        return None
    return target


def file_response(target: Path | None, csp: str | None = None) -> HTTPResponse:
    if target is None:
        raise NotFound("fichier introuvable")
    headers = {"Content-Security-Policy": csp} if csp else None
    return raw(target.read_bytes(), content_type=STATIC_TYPES[target.suffix], headers=headers)


def settings_of(request: Request) -> DemoSettings:
    return request.app.ctx.settings


async def demo_page(request: Request) -> HTTPResponse:
    return file_response(safe_path(settings_of(request).widget_dir, PAGE_ROUTES[request.path]), csp=DEMO_CSP)


async def widget_file(request: Request, relative: str) -> HTTPResponse:
    target = safe_path(settings_of(request).widget_dir, unquote(relative))  # Sanic leaves %-escapes as sent
    return file_response(target, csp=DEMO_CSP if target is not None and target.suffix == ".html" else None)


async def demo_config(request: Request) -> HTTPResponse:
    return raw(config_js(settings_of(request).rasa_url).encode(), content_type=STATIC_TYPES[".js"])


async def sheet_index(request: Request) -> HTTPResponse:
    return html(templating.render("sheet_index.html", sheets=sheets_html.load_sheets(settings_of(request).sheets_dir)))


async def sheet_page(request: Request, name: str) -> HTTPResponse:
    name = unquote(name)
    sheet_id = name.removesuffix(".html")
    sheet = sheets_html.load_sheet(settings_of(request).sheets_dir, sheet_id) if name.endswith(".html") else None
    if sheet is None:
        raise NotFound("fiche introuvable")
    body, _headings = sheets_html.body_html(sheet.body)
    return html(templating.render("sheet.html", sheet=sheet, body=body))


async def sheet_stylesheet(request: Request) -> HTTPResponse:
    return file_response(SHEET_STYLESHEET)


async def favicon(request: Request) -> HTTPResponse:
    return empty()


# what the visitor reads for each refusal: (status, title, message)
REFUSALS = {
    NotFound: (404, "Page introuvable", "Cette page n'existe pas."),
    MethodNotAllowed: (405, "Méthode refusée", "Ce site ne se consulte qu'en lecture : rien ne peut y être envoyé."),
    PayloadTooLarge: (413, "Requête trop volumineuse", "Ce site ne se consulte qu'en lecture : rien ne peut y être envoyé."),
}


async def refused(request: Request, exception: Exception) -> HTTPResponse:
    status, title, message = next(v for k, v in REFUSALS.items() if isinstance(exception, k))
    return html(templating.render("error.html", title=title, message=message), status=status)


def create_app(settings: DemoSettings) -> Sanic:
    app = Sanic("caf-demo")
    app.config.REQUEST_MAX_SIZE = REQUEST_MAX_BYTES
    app.config.REQUEST_TIMEOUT = REQUEST_TIMEOUT_SECONDS
    app.ctx.settings = settings
    for path in PAGE_ROUTES:
        app.add_route(demo_page, path, methods=READ_METHODS, name=f"demo_page{path.replace('/', '_').replace('.', '_')}")
    app.add_route(widget_file, "/widget/<relative:path>", methods=READ_METHODS)
    app.add_route(demo_config, "/config.js", methods=READ_METHODS)
    app.add_route(sheet_index, "/sources/", methods=READ_METHODS, strict_slashes=False)
    app.add_route(sheet_stylesheet, "/sources/sheet.css", methods=READ_METHODS)
    app.add_route(sheet_page, "/sources/<name:str>", methods=READ_METHODS)
    app.add_route(favicon, "/favicon.ico", methods=READ_METHODS)
    for refusal in REFUSALS:
        app.error_handler.add(refusal, refused)
    app.register_middleware(response_middleware(SHEET_CSP), "response")
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serveur de démonstration du widget (page partenaire + fiches)")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1",
                        help="adresse d'écoute (127.0.0.1 par défaut ; localhost:PORT marche aussi)")
    parser.add_argument("--rasa-url", default="http://localhost:5005", help="adresse du serveur Rasa (canal REST)")
    parser.add_argument("--sheets-dir", type=Path, default=paths.sheets_dir(),
                        help="dossier des fiches servies sous /sources/ (knowledge/sheets par défaut)")
    parser.add_argument("--quiet", action="store_true", help="pas de journal des requêtes")
    args = parser.parse_args(argv)
    app = create_app(DemoSettings(rasa_url=args.rasa_url, sheets_dir=args.sheets_dir))
    print(f"Page de démonstration : http://localhost:{args.port}/  (Rasa : {args.rasa_url})", flush=True)
    # one --cors followed by every origin: with several --cors flags, Rasa keeps only the last one
    print("  Rasa doit accepter cette origine : rasa run --cors "
          f"http://localhost:{args.port} http://127.0.0.1:{args.port}", flush=True)
    app.run(host=args.host, port=args.port, single_process=True, access_log=not args.quiet, motd=False,
            debug=False, auto_reload=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

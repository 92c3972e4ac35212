"""The demo server's own pages (no browser): escaped sheet rendering, routes, security headers, no path traversal.

The server runs as ``make run`` starts it: its own process (Sanic), here on a free port with a sheets
directory holding a crafted sheet and a real one.
"""

from __future__ import annotations

import http.client
import re
import shutil
import time

import pytest

from caf_assistant import paths
from caf_assistant.security_headers import DEMO_CSP, SHEET_CSP
from caf_assistant.web import sheets_html, templating
from caf_assistant.web.demo_server import config_js

from .conftest import DemoServer, free_port

EVIL_SHEET = """---
id: evil
title: "<script>alert(1)</script> Fiche"
publisher: "Caf <b>test</b>"
edition: 2024
---

# Titre <img src=x onerror=alert(1)> {#ctg}

Un paragraphe avec **gras**, un [lien](https://example.org/a?b=1&c=2) et un [faux lien](javascript:alert(1)).
Suite du paragraphe "entre guillemets".

<script>alert(2)</script>

<div onclick="alert(3)">bloc</div>

Une image ![pixel](https://example.org/pixel.png), un <a href="javascript:alert(4)">lien brut</a> et <https://example.org/auto>.

- premier
  - imbriqué <em>non</em>
- second
- + de 70 000 lieux

1. un
2. deux
"""
REAL_SHEET = "cnaf-sppe-2024"
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-cache",
}


@pytest.fixture(scope="module")
def sheets_dir(tmp_path_factory):
    directory = tmp_path_factory.mktemp("sheets")
    (directory / "evil.md").write_text(EVIL_SHEET, encoding="utf-8")
    shutil.copy(paths.sheets_dir() / f"{REAL_SHEET}.md", directory)
    return directory


@pytest.fixture(scope="module")
def server(sheets_dir):
    demo = DemoServer(free_port(), "http://127.0.0.1:5005", sheets_dir=sheets_dir)
    yield demo
    demo.stop()


def request(server, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, dict, str]:
    """Status, headers (lower-case names), body; the raw path is sent as it is (no normalisation of ``..``)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        connection.request(method, path, body=body)
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read().decode()
    finally:
        connection.close()


def evil_page(sheets_dir) -> str:
    sheet = sheets_html.load_sheet(sheets_dir, "evil")
    body, _headings = sheets_html.body_html(sheet.body)
    return templating.render("sheet.html", sheet=sheet, body=body)


def test_sheet_is_rendered_escaped(sheets_dir):
    page = evil_page(sheets_dir)
    for markup in ("<script", "<img", "<b>", "<em>", "<div", "onclick=\"", 'href="javascript', "<a href=\"javascript"):
        assert markup not in page, markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Fiche" in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "&lt;div onclick=&quot;alert(3)&quot;&gt;bloc&lt;/div&gt;" in page
    assert "&lt;a href=&quot;javascript:alert(4)&quot;&gt;lien brut&lt;/a&gt;" in page
    assert "Publié par Caf &lt;b&gt;test&lt;/b&gt; — édition 2024" in page
    assert '<h2 id="titre-img-src-x-onerror-alert-1">Titre &lt;img src=x onerror=alert(1)&gt;</h2>' in page
    assert "{#ctg}" not in page
    assert "<strong>gras</strong>" in page
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">lien</a>' in page
    assert '<a href="https://example.org/auto" rel="noopener noreferrer">https://example.org/auto</a>' in page
    assert "[faux lien](javascript:alert(1))" in page
    assert 'Une image !<a href="https://example.org/pixel.png" rel="noopener noreferrer">pixel</a>' in page  # no <img>
    assert "Suite du paragraphe &quot;entre guillemets&quot;." in page
    flat = page.replace("\n", "")
    assert ("<ul><li>premier<ul><li>imbriqué &lt;em&gt;non&lt;/em&gt;</li></ul></li><li>second</li>"
            "<li>+ de 70 000 lieux</li></ul>") in flat
    assert "<ol><li>un</li><li>deux</li></ol>" in flat


@pytest.mark.parametrize("sheet_id", ["../evil", "evil/../evil", ".evil", "", "a" * 200, "evil.md"])
def test_only_plain_sheet_ids_are_loaded(sheets_dir, sheet_id):
    assert sheets_html.load_sheet(sheets_dir, sheet_id) is None


def test_heading_ids_of_a_real_sheet_are_unchanged():
    """The widget links to /sources/<sheet>.html#<slug>: the anchors must not move."""
    sheet = sheets_html.load_sheet(paths.sheets_dir(), REAL_SHEET)
    body, headings = sheets_html.body_html(sheet.body)
    anchors = [heading.anchor for heading in headings]
    assert anchors[:12] == [
        "modes-d-accueil-du-jeune-enfant-et-service-public-de-la-petite-enfance",
        "l-accueil-du-jeune-enfant-de-quoi-parle-t-on-quels-sont-les-services-proposes-aux-familles",
        "chiffres-nationaux-sur-l-offre-en-mode-d-accueil",
        "comment-les-collectivites-agissent-elles",
        "les-collectivites-pilotent-la-politique-locale",
        "les-collectivites-gerent-des-etablissements",
        "les-collectivites-cofinancent-des-etablissements",
        "les-collectivites-soutiennent-la-qualite-des-modes-d-accueil",
        "les-collectivites-orientent-les-parents",
        "qu-est-ce-que-le-service-public-de-la-petite-enfance",
        "une-ambition",
        "des-leviers-renforces-pour-y-parvenir",
    ]
    assert [heading.level for heading in headings[:5]] == [2, 3, 3, 3, 4]
    assert [a for a in anchors if re.fullmatch(r"(constat|besoin)(-\d)?", a)][:8] == [
        "constat", "besoin", "constat-2", "besoin-2", "constat-3", "besoin-3", "constat-4", "besoin-4"]
    assert len(anchors) == len(set(anchors)) == len(re.findall(r"^#{1,6} ", sheet.body, re.MULTILINE))
    assert all(f'id="{anchor}"' in body for anchor in anchors)


def test_config_js_writes_the_rasa_url_as_json():
    script = config_js('http://localhost:5005/"; alert(1); "')
    assert '"serverUrl": "http://localhost:5005/\\"; alert(1); \\""' in script


def test_routes(server):
    status, headers, body = request(server, "/")
    assert status == 200 and "Association des maires de la Loire" in body
    assert body.count('src="/widget/caf-widget.js"') == 1
    assert "<script src=\"/widget/caf-widget.js\" defer" in body
    assert request(server, "/index.html")[2] == body
    assert request(server, "/page2.html")[0] == 200
    status, headers, body = request(server, "/widget/caf-widget.js")
    assert headers["content-type"].startswith("text/javascript") and "CafWidget" in body
    assert request(server, "/widget/caf-widget.css")[1]["content-type"].startswith("text/css")
    status, headers, body = request(server, "/config.js")
    assert '"serverUrl": "http://127.0.0.1:5005"' in body
    status, headers, body = request(server, "/sources/evil.html")
    assert status == 200 and "&lt;script&gt;" in body and "<script" not in body
    status, headers, body = request(server, "/sources/")
    assert f'<a href="/sources/{REAL_SHEET}.html">' in body and "&lt;script&gt;alert(1)&lt;/script&gt; Fiche" in body
    assert request(server, "/sources")[2] == body
    assert request(server, "/favicon.ico")[:1] == (204,)
    status, headers, body = request(server, "/nope")
    assert status == 404 and "Page introuvable" in body and 'lang="fr"' in body


def test_real_sheet_keeps_the_anchors_the_widget_links_to(server):
    status, headers, body = request(server, f"/sources/{REAL_SHEET}.html")
    assert status == 200
    assert '<h4 id="les-collectivites-pilotent-la-politique-locale">Les collectivités pilotent la politique locale</h4>' \
        in body
    assert "{#" not in body


def test_sheet_pages_need_no_inline_style(server):
    status, headers, body = request(server, f"/sources/{REAL_SHEET}.html")
    assert "<style" not in body and ' style="' not in body
    assert '<link rel="stylesheet" href="/sources/sheet.css">' in body
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    status, headers, css = request(server, "/sources/sheet.css")
    assert status == 200 and headers["content-type"].startswith("text/css") and ":target" in css


@pytest.mark.parametrize(("path", "status", "csp"), [
    ("/", 200, DEMO_CSP),
    ("/page2.html", 200, DEMO_CSP),
    ("/widget/caf-widget.js", 200, SHEET_CSP),
    ("/widget/demo/demo.css", 200, SHEET_CSP),
    ("/config.js", 200, SHEET_CSP),
    ("/sources/", 200, SHEET_CSP),
    (f"/sources/{REAL_SHEET}.html", 200, SHEET_CSP),
    ("/sources/sheet.css", 200, SHEET_CSP),
    ("/favicon.ico", 204, SHEET_CSP),
    ("/nope", 404, SHEET_CSP),
    ("/sources/nope.html", 404, SHEET_CSP),
])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_security_headers_on_every_kind_of_response(server, path, status, csp, method):
    got_status, headers, body = request(server, path, method)
    assert got_status == status
    for name, value in COMMON_HEADERS.items():
        assert headers.get(name.lower()) == value, name
    assert headers["content-security-policy"] == csp
    if method == "HEAD":
        assert body == ""


def test_head_gives_the_length_of_the_page_without_its_body(server):
    _, get_headers, page = request(server, "/")
    status, head_headers, body = request(server, "/", "HEAD")
    assert status == 200 and body == ""
    assert head_headers["content-length"] == get_headers["content-length"] == str(len(page.encode()))


@pytest.mark.parametrize("path", [
    "/widget/../caf_assistant/paths.py",
    "/widget/%2e%2e/caf_assistant/paths.py",
    "/widget/../caf_assistant/web/static/sheet.css",  # a known suffix, outside widget/
    "/widget/%2e%2e/caf_assistant/web/static/sheet.css",
    "/widget/..%2Fcaf_assistant%2Fweb%2Ftemplates%2Fbase.html",
    "/widget/demo/../../caf_assistant/web/templates/base.html",
    "/widget/%2Fetc%2Fhostname.txt",
    "/widget/README.md",  # inside widget/, but not a served suffix
    "/widget/demo/../../README.md",
    "/sources/..%2Fevil.html",
    "/sources/%2e%2e%2f..%2fREADME.html",
    "/sources/../caf_assistant/paths.html",
])
def test_path_traversal_is_refused(server, path):
    status, headers, body = request(server, path)
    assert status == 404, path
    assert "Page introuvable" in body and headers["content-security-policy"] == SHEET_CSP


def test_request_body_is_capped(server):
    status, headers, body = request(server, "/", "GET", body=b"x" * 100_000)
    assert status == 413 and headers["content-type"].startswith("text/html") and "<h1>" in body
    status, headers, body = request(server, "/", "POST", body=b"x")
    assert status == 405 and headers["content-type"].startswith("text/html") and "<h1>" in body


def test_the_server_stops_on_sigterm_within_seconds(sheets_dir):
    demo = DemoServer(free_port(), sheets_dir=sheets_dir)
    started = time.perf_counter()
    demo.process.terminate()
    demo.process.wait(timeout=5)
    assert time.perf_counter() - started < 5 and demo.process.returncode == 0

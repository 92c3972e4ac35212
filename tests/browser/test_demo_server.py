"""The demo server's own pages (no browser): escaped sheet rendering, routes, no path traversal."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from caf_assistant.web import sheets_html
from caf_assistant.web.demo_server import config_js, make_server

EVIL_SHEET = """---
id: evil
title: "<script>alert(1)</script> Fiche"
publisher: "Caf <b>test</b>"
edition: 2024
---

# Titre <img src=x onerror=alert(1)> {#ctg}

Un paragraphe avec **gras**, un [lien](https://example.org/a?b=1&c=2) et un [faux lien](javascript:alert(1)).
Suite du paragraphe "entre guillemets".

- premier
  - imbriqué <em>non</em>
- second

1. un
2. deux
"""


@pytest.fixture
def sheets_dir(tmp_path):
    (tmp_path / "evil.md").write_text(EVIL_SHEET, encoding="utf-8")
    return tmp_path


def test_sheet_is_rendered_escaped(sheets_dir):
    sheet = sheets_html.load_sheet(sheets_dir, "evil")
    page = sheets_html.page_html(sheet)
    assert "<script>" not in page and "<img" not in page and "<b>" not in page and "<em>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Fiche" in page
    assert "Publié par Caf &lt;b&gt;test&lt;/b&gt; — édition 2024" in page
    assert '<h2 id="titre-img-src-x-onerror-alert-1">Titre &lt;img src=x onerror=alert(1)&gt;</h2>' in page
    assert "{#ctg}" not in page
    assert "<strong>gras</strong>" in page
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer">lien</a>' in page
    assert 'href="javascript' not in page
    assert "Suite du paragraphe &quot;entre guillemets&quot;." in page
    assert "<ul><li>premier<ul><li>imbriqué &lt;em&gt;non&lt;/em&gt;</li></ul></li><li>second</li></ul>" in \
        page.replace("\n", "")
    assert "<ol><li>un</li><li>deux</li></ol>" in page.replace("\n", "")


@pytest.mark.parametrize("sheet_id", ["../evil", "evil/../evil", ".evil", "", "a" * 200, "evil.md"])
def test_only_plain_sheet_ids_are_loaded(sheets_dir, sheet_id):
    assert sheets_html.load_sheet(sheets_dir, sheet_id) is None


def test_config_js_writes_the_rasa_url_as_json():
    script = config_js('http://localhost:5005/"; alert(1); "')
    assert '"serverUrl": "http://localhost:5005/\\"; alert(1); \\""' in script


@pytest.fixture
def server(sheets_dir):
    import threading

    httpd = make_server(0, "http://127.0.0.1:5005", quiet=True, sheets_dir=sheets_dir)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode()


def test_routes(server):
    status, headers, body = get(f"{server}/")
    assert status == 200 and "Association des maires de la Loire" in body
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert body.count('src="/widget/caf-widget.js"') == 1
    assert "<script src=\"/widget/caf-widget.js\" defer" in body
    assert get(f"{server}/page2.html")[0] == 200
    status, headers, body = get(f"{server}/widget/caf-widget.js")
    assert headers["Content-Type"].startswith("text/javascript") and "CafWidget" in body
    assert get(f"{server}/widget/caf-widget.css")[1]["Content-Type"].startswith("text/css")
    status, headers, body = get(f"{server}/config.js")
    assert '"serverUrl": "http://127.0.0.1:5005"' in body
    status, headers, body = get(f"{server}/sources/evil.html")
    assert status == 200 and "&lt;script&gt;" in body
    assert "Fiche" in get(f"{server}/sources/")[2]
    for path in ("/widget/../caf_assistant/paths.py", "/widget/%2e%2e/caf_assistant/paths.py", "/nope",
                 "/sources/..%2Fevil.html", "/widget/demo/../../README.md"):
        with pytest.raises(urllib.error.HTTPError) as error:
            get(f"{server}{path}")
        assert error.value.code == 404, path

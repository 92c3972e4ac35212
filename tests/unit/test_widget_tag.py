"""The partner site's tags carry the widget files' Subresource Integrity hashes."""

from __future__ import annotations

import base64
import hashlib
import re

from caf_assistant.web.widget_tag import WIDGET_DIR, tags


def test_the_tags_carry_each_file_s_sha384():
    printed = tags("https://assistant.example.org/")
    for name in ("caf-widget.js", "caf-widget.css"):
        digest = base64.b64encode(hashlib.sha384((WIDGET_DIR / name).read_bytes()).digest()).decode()
        assert re.search(rf'/widget/{re.escape(name)}"[^>]*integrity="sha384-{re.escape(digest)}"', printed, re.S)
    assert printed.count('crossorigin="anonymous"') == 2 and 'data-css-url="none"' in printed
    assert "https://assistant.example.org/widget/" in printed and "org//" not in printed


def test_a_changed_file_changes_its_hash(tmp_path):
    for name in ("caf-widget.js", "caf-widget.css"):
        (tmp_path / name).write_text("a")
    before = tags("https://a.fr", tmp_path)
    (tmp_path / "caf-widget.js").write_text("b")
    assert tags("https://a.fr", tmp_path) != before

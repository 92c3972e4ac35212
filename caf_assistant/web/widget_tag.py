"""The tags a partner site pastes, with Subresource Integrity: `make widget-tag URL=https://assistant.example.org`.

The browser then refuses a widget file that differs from the one published (a compromised host cannot
inject a script into every partner site). The stylesheet gets its own `<link>` with its hash, and the
script is told not to add one (`data-css-url="none"`). Print them again whenever the widget changes.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
from html import escape
from pathlib import Path

from caf_assistant import paths

WIDGET_DIR = paths.REPO_ROOT / "widget"


def integrity(path: Path) -> str:
    """The `integrity` attribute of a file: sha384, base64 (the W3C's Subresource Integrity)."""
    return "sha384-" + base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


def tags(base_url: str, widget_dir: Path = WIDGET_DIR) -> str:
    base = base_url.rstrip("/")
    script, css = widget_dir / "caf-widget.js", widget_dir / "caf-widget.css"
    return (f'<link rel="stylesheet" href="{escape(base)}/widget/caf-widget.css"\n'
            f'      integrity="{integrity(css)}" crossorigin="anonymous">\n'
            f'<script src="{escape(base)}/widget/caf-widget.js" defer\n'
            f'        integrity="{integrity(script)}" crossorigin="anonymous"\n'
            f'        data-server-url="{escape(base)}" data-css-url="none"\n'
            f'        data-sources-base-url="{escape(base)}/sources"></script>')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Balises du widget pour un site partenaire, avec leur empreinte (SRI)")
    parser.add_argument("url", help="adresse publique de l'assistant, par exemple https://assistant.example.org")
    print(tags(parser.parse_args(argv).url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

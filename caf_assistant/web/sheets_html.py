"""A knowledge sheet (knowledge/sheets/<id>.md): its front matter, and its Markdown as safe HTML.

The Markdown goes through markdown-it-py (CommonMark) with raw HTML disabled, so HTML written in a
sheet is shown as text. Images are not rendered; links only for http, https and mailto, with
``rel="noopener noreferrer"``. Headings lose their ``{#topic}`` attribute, move one level down (the
page's <h1> is the sheet's title) and get an ``id`` from ``slugify``: the widget links to
``/sources/<sheet>.html#<slug>`` with the same function (caf-widget.js).
The page around it is a Jinja2 template (caf_assistant/web/templates/).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markupsafe import Markup

SHEET_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,120}$")
# the ``{#topic}`` ending a heading, a list item or a paragraph line (read by the chunking, not shown)
ATTRIBUTES = re.compile(r"[ \t]*\{#[^{}\n]*\}[ \t]*$", re.MULTILINE)
# "- + de 70 000 lieux": the "+" (or "-", "*", "1.") after an item's marker is text, not a nested list
MARKER_AFTER_MARKER = re.compile(r"^([ \t]*(?:[-*+]|\d+[.)])[ \t]+)(?:([-*+])|(\d+)([.)]))(?=[ \t]|$)", re.MULTILINE)
LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class Sheet:
    sheet_id: str
    meta: dict
    body: str

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or self.sheet_id)

    @property
    def details(self) -> str:
        """« Publié par Cnaf — édition 2024 — portée nationale »."""
        meta = self.meta
        details = []
        if meta.get("publisher"):
            details.append(f"Publié par {meta['publisher']}")
        if meta.get("edition"):
            details.append(f"édition {meta['edition']}")
        if meta.get("departement"):
            details.append(f"département : {meta['departement']}")
        elif meta.get("scope") == "national":
            details.append("portée nationale")
        return " — ".join(details)

    @property
    def label(self) -> str:
        """The sheet in the list of sheets: title, publisher, edition."""
        return f"{self.title} — {self.meta.get('publisher') or ''}, édition {self.meta.get('edition') or '?'}"


@dataclass(frozen=True)
class Heading:
    level: int  # in the page: the sheet's "#" is an <h2>
    anchor: str
    text: str


def valid_sheet_id(sheet_id: str) -> bool:
    return bool(SHEET_ID.match(sheet_id or ""))


def load_sheet(sheets_dir: Path, sheet_id: str) -> Sheet | None:
    """The sheet, or None when the id is not a plain file name of an existing sheet."""
    if not valid_sheet_id(sheet_id):
        return None
    path = (sheets_dir / f"{sheet_id}.md").resolve()
    if path.parent != sheets_dir.resolve() or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    meta: dict = {}
    body = text
    if text.startswith("---"):
        parts = text.split("\n---", 1)
        if len(parts) == 2:
            try:
                loaded = yaml.safe_load(parts[0][3:])
            except yaml.YAMLError:
                loaded = None
            meta = loaded if isinstance(loaded, dict) else {}
            body = parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    return Sheet(sheet_id=sheet_id, meta=meta, body=body)


def load_sheets(sheets_dir: Path) -> list[Sheet]:
    sheets = (load_sheet(sheets_dir, path.stem) for path in sorted(sheets_dir.glob("*.md")))
    return [sheet for sheet in sheets if sheet is not None]


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def body_html(markdown: str) -> tuple[Markup, list[Heading]]:
    """The sheet's body as HTML, and its headings in order (anchors unique in the page)."""
    env: dict = {"headings": []}
    rendered = markdown_parser().render(parser_source(markdown), env)
    # markdown-it escapes every character of the sheet (html disabled): the result is markup to keep as is
    return Markup(rendered), env["headings"]


def parser_source(markdown: str) -> str:
    """The sheet's Markdown without its ``{#topic}`` attributes, a marker right after an item's marker escaped."""
    def escape(match: re.Match) -> str:
        if match.group(2):
            return f"{match.group(1)}\\{match.group(2)}"
        return f"{match.group(1)}{match.group(3)}\\{match.group(4)}"

    return MARKER_AFTER_MARKER.sub(escape, ATTRIBUTES.sub("", markdown))


@cache
def markdown_parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.disable("image")
    parser.validateLink = allowed_link
    parser.core.ruler.push("sheet_headings", name_headings)
    parser.add_render_rule("link_open", render_link_open)
    return parser


def allowed_link(url: str) -> bool:
    return url.strip().lower().startswith(LINK_SCHEMES)


def name_headings(state) -> None:
    """Core rule: each heading one level down, with the slug of its text as id (``-2``, ``-3``… when repeated)."""
    used: dict[str, int] = {}
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type not in ("heading_open", "heading_close"):
            continue
        level = min(int(token.tag[1:]) + 1, 6)
        token.tag = f"h{level}"
        if token.type == "heading_open":
            text = tokens[index + 1].content
            anchor = slugify(text)
            used[anchor] = used.get(anchor, 0) + 1
            if used[anchor] > 1:
                anchor = f"{anchor}-{used[anchor]}"
            token.attrSet("id", anchor)
            state.env["headings"].append(Heading(level=level, anchor=anchor, text=text))


def render_link_open(self, tokens, index, options, env) -> str:
    tokens[index].attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, index, options, env)

"""Renders a knowledge sheet (knowledge/sheets/<id>.md) as a small, safe HTML page.

Everything taken from the sheet is escaped; only a few Markdown constructs become markup:
headings (``{#topic}`` attributes removed), paragraphs, bulleted and numbered lists (nested by
indentation), ``**bold**`` and ``[text](http…)`` links. Standard library + PyYAML only.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SHEET_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,120}$")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ATTRIBUTES = re.compile(r"\s*\{#[^{}]*\}\s*$")
LIST_ITEM = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+(.*)$")
BOLD = re.compile(r"\*\*(.+?)\*\*")
LINK = re.compile(r"\[([^\]]+)\]\((https?://[^\s)]+)\)")

PAGE_CSS = """
:root { color-scheme: light; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       font-size: 17px; line-height: 1.55; color: #1e1e1e; background: #ffffff; }
header { background: #0b4ea2; color: #ffffff; padding: 24px 20px; }
header > * { max-width: 46rem; margin-left: auto; margin-right: auto; }
header p { margin: 6px 0 0; }
main { max-width: 46rem; margin: 0 auto; padding: 12px 20px 48px; }
h2, h3 { scroll-margin-top: 12px; }
:target { background: #fff4c2; }
h1 { margin: 0; font-size: 1.6em; line-height: 1.25; }
h2 { font-size: 1.35em; margin: 1.6em 0 .4em; color: #0b3d80; }
h3 { font-size: 1.15em; margin: 1.3em 0 .3em; }
h4, h5, h6 { font-size: 1em; margin: 1.1em 0 .3em; }
a { color: #0b4ea2; }
header a { color: #ffffff; }
a:focus-visible { outline: 3px solid #111111; outline-offset: 2px; }
header a:focus-visible { outline-color: #ffffff; }
.meta { font-size: .95em; }
footer { border-top: 1px solid #d5d9df; margin-top: 32px; padding-top: 12px; font-size: .9em; color: #4f4f4f; }
"""


@dataclass
class Sheet:
    sheet_id: str
    meta: dict
    body: str
    headings: list[str] = field(default_factory=list)


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


def inline(text: str) -> str:
    """Escapes ``text`` then turns **bold** and [text](http…) links into markup."""
    escaped = html.escape(text, quote=True)
    escaped = LINK.sub(lambda m: f'<a href="{m.group(2)}" rel="noopener noreferrer">{m.group(1)}</a>', escaped)
    return BOLD.sub(lambda m: f"<strong>{m.group(1)}</strong>", escaped)


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "section"


def body_html(markdown: str) -> str:
    out: list[str] = []
    paragraph: list[str] = []
    lists: list[tuple[int, str]] = []  # (indent, "ul"/"ol") of the open lists
    used_ids: dict[str, int] = {}

    def close_paragraph() -> None:
        if paragraph:
            out.append(f"<p>{inline(' '.join(paragraph))}</p>")
            paragraph.clear()

    def close_lists(indent: int = -1) -> None:
        while lists and lists[-1][0] > indent:
            out.append(f"</li></{lists.pop()[1]}>")

    for raw in markdown.splitlines():
        line = raw.rstrip()
        if not line.strip():
            close_paragraph()
            continue
        heading = HEADING.match(line)
        if heading:
            close_paragraph()
            close_lists()
            level = min(len(heading.group(1)) + 1, 6)  # the page's <h1> is the sheet title
            text = ATTRIBUTES.sub("", heading.group(2)).strip()
            slug = slugify(text)
            used_ids[slug] = used_ids.get(slug, 0) + 1
            if used_ids[slug] > 1:
                slug = f"{slug}-{used_ids[slug]}"
            out.append(f'<h{level} id="{slug}">{inline(text)}</h{level}>')
            continue
        item = LIST_ITEM.match(line)
        if item:
            close_paragraph()
            indent = len(item.group(1).expandtabs(4))
            kind = "ol" if item.group(2)[0].isdigit() else "ul"
            if lists and indent > lists[-1][0]:
                out.append(f"<{kind}><li>")
                lists.append((indent, kind))
            else:
                close_lists(indent)
                if lists and lists[-1][0] == indent and lists[-1][1] == kind:
                    out.append("</li><li>")
                else:
                    if lists and lists[-1][0] == indent:
                        out.append(f"</li></{lists.pop()[1]}>")
                    out.append(f"<{kind}><li>")
                    lists.append((indent, kind))
            out.append(inline(ATTRIBUTES.sub("", item.group(3))))
            continue
        if lists and raw.startswith((" ", "\t")) and not paragraph:
            out.append(" " + inline(line.strip()))  # continuation of a list item
            continue
        close_lists()
        paragraph.append(ATTRIBUTES.sub("", line.strip()))
    close_paragraph()
    close_lists()
    return "\n".join(out)


def page_html(sheet: Sheet) -> str:
    meta = sheet.meta
    title = str(meta.get("title") or sheet.sheet_id)
    details = []
    if meta.get("publisher"):
        details.append(f"Publié par {meta['publisher']}")
    if meta.get("edition"):
        details.append(f"édition {meta['edition']}")
    if meta.get("departement"):
        details.append(f"département : {meta['departement']}")
    elif meta.get("scope") == "national":
        details.append("portée nationale")
    meta_line = " — ".join(details)
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} — fiche Caf</title>
<style>{PAGE_CSS}</style>
</head>
<body>
<header>
<h1>{html.escape(title)}</h1>
<p class="meta">{html.escape(meta_line)}</p>
</header>
<main>
{body_html(sheet.body)}
<footer><p>Fiche source de l'assistant des élus (identifiant : {html.escape(sheet.sheet_id)}).
<a href="./">Toutes les fiches</a></p></footer>
</main>
</body>
</html>
"""


def index_html(sheets: list[Sheet]) -> str:
    items = []
    for sheet in sheets:
        meta = sheet.meta
        label = (f"{meta.get('title') or sheet.sheet_id} — {meta.get('publisher') or ''}, "
                 f"édition {meta.get('edition') or '?'}")
        items.append(f'<li><a href="{html.escape(sheet.sheet_id)}.html">{html.escape(label)}</a></li>')
    return f"""<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fiches sources de l'assistant Caf</title><style>{PAGE_CSS}</style></head>
<body><header><h1>Fiches sources de l'assistant Caf</h1></header>
<main><ul>
{chr(10).join(items)}
</ul></main></body></html>
"""

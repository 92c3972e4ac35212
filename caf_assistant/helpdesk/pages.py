"""HTML pages of the helpdesk server (every value escaped)."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from caf_assistant.handoff.store import OPEN, Ticket

ROLE = {"user": "Élu", "bot": "Assistant"}
STYLE = ("body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}"
         "td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}"
         ".open{color:#b45309}.closed{color:#15803d}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}"
         ".user{font-weight:600}")


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>")


def _status(ticket: Ticket) -> str:
    label = "ouverte" if ticket.status == OPEN else "fermée"
    return f"<span class=\"{escape(ticket.status)}\">{label}</span>"


def tickets_page(tickets: list[Ticket], token: str, status: str | None) -> str:
    q = f"token={quote(token)}"
    links = (f"<p><a href=\"/tickets?{q}\">Ouvertes</a> · <a href=\"/tickets?status=closed&amp;{q}\">Fermées</a> · "
             f"<a href=\"/tickets?status=all&amp;{q}\">Toutes</a></p>")
    if not tickets:
        return _page("Demandes de mise en relation", links + "<p>Aucune demande.</p>")
    rows = "".join(
        f"<tr><td><a href=\"/tickets/{t.id}?{q}\">#{t.id}</a></td><td>{escape(t.created_at[:16].replace('T', ' '))}"
        f"</td><td>{_status(t)}</td><td>{escape(t.commune)}</td><td>{escape(t.name)}</td><td>{escape(t.contact)}</td>"
        f"<td>{escape((t.triage or {}).get('theme_label') or '-')}</td>"
        f"<td>{escape((t.triage or {}).get('route_label') or '-')}</td></tr>"
        for t in tickets)
    table = ("<table><tr><th>N°</th><th>Créée</th><th>État</th><th>Commune</th><th>Nom</th><th>Contact</th>"
             f"<th>Thème</th><th>Orientation</th></tr>{rows}</table>")
    return _page("Demandes de mise en relation", links + table)


def ticket_page(ticket: Ticket, token: str) -> str:
    q = f"token={quote(token)}"
    triage = ticket.triage or {}
    facts = [("État", _status(ticket)), ("Créée le", escape(ticket.created_at)), ("Commune", escape(ticket.commune)),
             ("Nom", escape(ticket.name)), ("Contact", escape(f"{ticket.contact} ({ticket.contact_kind})")),
             ("Thème", escape(triage.get("theme_label") or "-")),
             ("Orientation", escape(triage.get("route_label") or "-")),
             ("Confiance", escape(str(triage.get("confidence", "-"))))]
    body = "<table>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts) + "</table>"
    if triage.get("draft"):
        body += f"<h2>Brouillon de réponse</h2><pre>{escape(triage['draft'])}</pre>"
    turns = "".join(f"<p class=\"{escape(turn['role'])}\">{escape(ROLE.get(turn['role'], turn['role']))} : "
                    f"{escape(turn['text'])}</p>" for turn in ticket.transcript)
    body += f"<h2>Conversation</h2>{turns or '<p>(vide)</p>'}"
    if ticket.status == OPEN:
        body += (f"<form method=\"post\" action=\"/tickets/{ticket.id}/close\"><input type=\"hidden\" name=\"token\" "
                 f"value=\"{escape(token)}\"><button>Fermer la demande (traitée)</button></form>")
    body += f"<p><a href=\"/tickets?{q}\">Retour à la liste</a></p>"
    return _page(f"Demande #{ticket.id}", body)

"""Agents' command line: `python -m caf_assistant.handoff.cli list [--all|--closed] | show ID | close ID`,
and personal data: `erase --ticket ID | --email E | --phone P` (a person's erasure request: the tickets and
the conversations they came from) and `purge [--days N]` (what is older than CAF_RETENTION_DAYS)."""

from __future__ import annotations

import argparse
import json
import sys

from caf_assistant.handoff.retention import erase, purge, retention_days
from caf_assistant.handoff.store import CLOSED, OPEN, TicketStore
from caf_assistant.message_screening import visible

ROLE = {"user": "Élu", "bot": "Assistant"}


def _line(ticket) -> str:
    return (f"#{ticket.id:<5} {ticket.status:<7} {ticket.created_at[:16].replace('T', ' ')}  "
            f"{ticket.commune[:24]:<24} {ticket.theme or '-':<24} {ticket.route or '-'}")


def show(ticket) -> str:
    """The ticket as text for a terminal: what users typed is shown without control characters (no escape
    sequence reaches the agent's terminal)."""
    return visible_lines(_show(ticket))


def visible_lines(text: str) -> str:
    return "\n".join(visible(line) for line in text.split("\n"))


def _show(ticket) -> str:
    lines = [f"Demande #{ticket.id} ({'ouverte' if ticket.status == OPEN else 'fermée'})",
             f"Créée le       : {ticket.created_at}",
             f"Commune        : {ticket.commune}",
             f"Nom            : {ticket.name}",
             f"Contact        : {ticket.contact} ({ticket.contact_kind})",
             f"Conversation   : {ticket.sender_id}"]
    if ticket.closed_at:
        lines.append(f"Fermée le      : {ticket.closed_at}")
    if ticket.triage:
        t = ticket.triage
        lines += [f"Thème          : {t.get('theme_label')}", f"Orientation    : {t.get('route_label')}",
                  f"Personne       : {'oui' if t.get('needs_human') else 'non'} (confiance {t.get('confidence')})",
                  "", "Brouillon de réponse :", t.get("draft") or ""]
    lines += ["", "Conversation :"]
    lines += [f"  {ROLE.get(turn['role'], turn['role'])} : {turn['text']}" for turn in ticket.transcript]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Demandes de mise en relation avec la Caf")
    sub = parser.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="les demandes (ouvertes par défaut)")
    listing.add_argument("--all", action="store_true")
    listing.add_argument("--closed", action="store_true")
    listing.add_argument("--json", action="store_true")
    shown = sub.add_parser("show", help="une demande avec sa conversation")
    shown.add_argument("id")
    shown.add_argument("--json", action="store_true")
    closing = sub.add_parser("close", help="ferme une demande traitée")
    closing.add_argument("id")
    closing.add_argument("--note", default=None)
    erasing = sub.add_parser("erase", help="efface les demandes d'une personne et leurs conversations")
    erasing.add_argument("--ticket", default=None)
    erasing.add_argument("--email", default=None)
    erasing.add_argument("--phone", default=None)
    purging = sub.add_parser("purge", help="efface ce qui dépasse la durée de conservation")
    purging.add_argument("--days", type=int, default=None)
    args = parser.parse_args(argv)
    store = TicketStore()
    if args.command in ("erase", "purge"):
        # requests kept aside while the database was down are recorded first: an erasure or a purge sees them
        from caf_assistant.handoff.outbox import Outbox, outbox_dir

        waiting = Outbox(outbox_dir())
        if waiting.pending():
            print(f"Demandes en attente enregistrées d'abord : {waiting.flush(lambda **request: store.create(**request))}.")
    if args.command == "erase":
        if not (args.ticket or args.email or args.phone):
            print("Indiquez --ticket, --email ou --phone.", file=sys.stderr)
            return 2
        print(erase(store, ticket=args.ticket, email=args.email, phone=args.phone).describe())
        return 0
    if args.command == "purge":
        days = args.days or retention_days()
        print(f"Conservation : {days} jours. " + purge(store, days).describe())
        from caf_assistant.helpdesk import login_limits, sessions
        from caf_assistant.helpdesk.tables import helpdesk_engine

        engine = helpdesk_engine(store.url)
        print(f"Sessions d'agents expirées effacées : {sessions.purge_expired(engine)} ; "
              f"tentatives de connexion anciennes : {login_limits.purge_old(engine)}.")
        return 0
    if args.command == "list":
        status = None if args.all else CLOSED if args.closed else OPEN
        tickets = store.list(status)
        if args.json:
            print(json.dumps([t.to_dict() for t in tickets], ensure_ascii=False, indent=2))
        elif not tickets:
            print("Aucune demande." if status is None else f"Aucune demande {'ouverte' if status == OPEN else 'fermée'}.")
        else:
            print(visible_lines("\n".join(_line(t) for t in tickets)))
        return 0
    ticket = store.get(args.id)
    if ticket is None:
        print(f"Demande introuvable : {args.id}", file=sys.stderr)
        return 1
    if args.command == "show":
        print(json.dumps(ticket.to_dict(), ensure_ascii=False, indent=2) if args.json else show(ticket))
        return 0
    ticket = store.close(args.id, args.note)
    print(f"Demande #{ticket.id} fermée.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Agents' accounts and the audit, on the command line:

    python -m caf_assistant.helpdesk.cli add LOGIN [--password-stdin]   # creates or gives a new secret
    python -m caf_assistant.helpdesk.cli disable LOGIN                  # disables and ends its sessions
    python -m caf_assistant.helpdesk.cli list
    python -m caf_assistant.helpdesk.cli audit [--ticket N] [--agent LOGIN] [--limit 200]

Without --password-stdin, a strong secret is drawn and printed once: give it to the agent.
"""

from __future__ import annotations

import argparse
import sys

from caf_assistant.helpdesk import accounts, audit, sessions
from caf_assistant.helpdesk.tables import helpdesk_engine


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Comptes des agents du helpdesk et journal d'audit")
    sub = parser.add_subparsers(dest="command", required=True)
    adding = sub.add_parser("add", help="crée un compte (ou lui donne un nouveau mot de passe)")
    adding.add_argument("login")
    adding.add_argument("--password-stdin", action="store_true", help="lit le mot de passe sur l'entrée standard")
    disabling = sub.add_parser("disable", help="désactive un compte et ferme ses sessions")
    disabling.add_argument("login")
    sub.add_parser("list", help="les comptes")
    auditing = sub.add_parser("audit", help="qui a lu, listé ou fermé quelle demande, les connexions")
    auditing.add_argument("--ticket", type=int, default=None)
    auditing.add_argument("--agent", default=None)
    auditing.add_argument("--limit", type=int, default=200)
    args = parser.parse_args(argv)
    engine = helpdesk_engine()
    try:
        if args.command == "add":
            drawn = not args.password_stdin
            secret = accounts.new_secret() if drawn else sys.stdin.readline().rstrip("\n")
            login = accounts.add_agent(engine, args.login, secret)
            ended = sessions.close_sessions_of(engine, login)
            print(f"Compte « {login} » prêt." + (f" {ended} session(s) fermée(s)." if ended else ""))
            if drawn:
                print(f"Mot de passe (affiché une seule fois, à transmettre à l'agent) : {secret}")
        elif args.command == "disable":
            if not accounts.disable_agent(engine, args.login):
                print(f"Compte inconnu : {args.login}", file=sys.stderr)
                return 1
            sessions.close_sessions_of(engine, args.login.strip().lower())
            print(f"Compte « {args.login} » désactivé, ses sessions fermées.")
        elif args.command == "list":
            for login, enabled in accounts.agents(engine):
                print(f"{login:<24} {'actif' if enabled else 'désactivé'}")
        else:
            for entry in audit.entries(engine, args.ticket, args.agent, args.limit):
                print(entry.line())
    except accounts.AccountError as problem:
        print(problem, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

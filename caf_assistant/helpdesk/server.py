"""Helpdesk server: `python -m caf_assistant.helpdesk.server --port 8090` (standard library http.server).

- POST /triage  {"text": "..."} -> the triage as JSON (caf_assistant.triage)
- GET /tickets[?status=open|closed|all][&format=json], GET /tickets/ID, POST /tickets/ID/close
- GET /health (no token)
Every route but /health needs the agents' token (env HELPDESK_TOKEN): header `Authorization: Bearer ...`
or `X-Helpdesk-Token`, or `token=` in the query / form (for the pages). The server refuses to start
without a token. Errors are French JSON; a failing request never stops the server.
"""

from __future__ import annotations

import argparse
import hmac
import json
import logging
import os
import re
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from caf_assistant.triage import TriageInputError, triage

logger = logging.getLogger("caf_assistant.helpdesk")
MAX_BODY = 64 * 1024
_TICKET = re.compile(r"^/tickets/(\d{1,12})(/close)?/?$")


class HelpdeskHandler(BaseHTTPRequestHandler):
    server_version = "CafHelpdesk/1.0"
    token: str = ""
    retriever = None
    store = None
    triage_lock = threading.Lock()  # the retriever's caches are not meant for concurrent writers

    # ------------------------------------------------------------------ plumbing

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        # method and path only: never query strings (token) nor bodies (personal data)
        logger.info("%s %s -> %s", self.command, urlparse(self.path).path, args[1] if len(args) > 1 else "")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _error(self, status: int, code: str, message: str) -> None:
        self._json(status, {"erreur": code, "message": message})

    def _html(self, page: str) -> None:
        self._send(HTTPStatus.OK, page.encode("utf-8"), "text/html; charset=utf-8")

    def _query(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}

    def _given_token(self, form: dict[str, str] | None = None) -> str:
        header = self.headers.get("Authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:].strip()
        return (self.headers.get("X-Helpdesk-Token") or self._query().get("token")
                or (form or {}).get("token") or "")

    def _authorised(self, form: dict[str, str] | None = None) -> bool:
        given = self._given_token(form)
        if given and self.token and hmac.compare_digest(given.encode(), self.token.encode()):
            return True
        self._error(HTTPStatus.UNAUTHORIZED, "non_autorise",
                    "Jeton d'accès manquant ou incorrect : envoyez l'en-tête « Authorization: Bearer <jeton> ».")
        return False

    def _body(self) -> bytes | None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0:
            self._error(HTTPStatus.BAD_REQUEST, "requete_invalide", "En-tête Content-Length invalide.")
            return None
        if length > MAX_BODY:
            self._drain(length)
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "texte_trop_long",
                        f"La requête est trop volumineuse (maximum {MAX_BODY // 1024} Ko) : envoyez seulement "
                        "le message à trier.")
            self.close_connection = True
            return None
        return self.rfile.read(length) if length else b""

    def _drain(self, length: int, limit: int = 4 * 1024 * 1024) -> None:
        """Reads (and drops) a too large body so that the client gets the answer, up to a limit."""
        remaining = min(length, limit)
        while remaining > 0:
            chunk = self.rfile.read(min(65536, remaining))
            if not chunk:
                break
            remaining -= len(chunk)

    def _guarded(self, handler) -> None:
        try:
            handler()
        except Exception:  # noqa: BLE001 - one bad request must not stop the server
            logger.exception("erreur interne sur %s %s", self.command, urlparse(self.path).path)
            try:
                self._error(HTTPStatus.INTERNAL_SERVER_ERROR, "erreur_interne",
                            "Erreur interne du serveur : réessayez ou signalez-le à l'équipe technique.")
            except OSError:
                pass

    # ------------------------------------------------------------------ routes

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._guarded(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._guarded(self._post)

    def _get(self) -> None:
        path = urlparse(self.path).path
        if path == "/health":
            self._json(HTTPStatus.OK, {"status": "ok"})
            return
        if path in ("/tickets", "/tickets/"):
            if self._authorised():
                self._list_tickets()
            return
        match = _TICKET.match(path)
        if match and not match.group(2):
            if self._authorised():
                self._show_ticket(int(match.group(1)))
            return
        self._error(HTTPStatus.NOT_FOUND, "introuvable", f"Adresse inconnue : {path}")

    def _post(self) -> None:
        path = urlparse(self.path).path
        if path == "/triage":
            if self._authorised():
                self._triage()
            return
        match = _TICKET.match(path)
        if match and match.group(2):
            body = self._body()
            if body is None:
                return
            form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
            if self._authorised(form):
                self._close_ticket(int(match.group(1)), form)
            return
        self._error(HTTPStatus.NOT_FOUND, "introuvable", f"Adresse inconnue : {path}")

    def _triage(self) -> None:
        body = self._body()
        if body is None:
            return
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            self._error(HTTPStatus.BAD_REQUEST, "json_invalide",
                        "Le corps de la requête doit être du JSON en UTF-8, par exemple {\"text\": \"...\"}.")
            return
        if not isinstance(data, dict) or "text" not in data:
            self._error(HTTPStatus.BAD_REQUEST, "texte_absent", "Le champ « text » est absent : envoyez "
                                                                "{\"text\": \"le message à trier\"}.")
            return
        try:
            with self.triage_lock:
                result = triage(data["text"], self.retriever)
        except TriageInputError as error:
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, error.to_dict())
            return
        self._json(HTTPStatus.OK, result.to_dict())

    def _tickets(self):
        if self.store is None:
            from caf_assistant.handoff.store import TicketStore

            type(self).store = TicketStore()
        return self.store

    def _list_tickets(self) -> None:
        from caf_assistant.helpdesk.pages import tickets_page

        query = self._query()
        status = query.get("status", "open")
        tickets = self._tickets().list(None if status == "all" else status)
        if query.get("format") == "json":
            self._json(HTTPStatus.OK, [t.to_dict() for t in tickets])
        else:
            self._html(tickets_page(tickets, self._given_token(), status))

    def _show_ticket(self, ticket_id: int) -> None:
        from caf_assistant.helpdesk.pages import ticket_page

        ticket = self._tickets().get(ticket_id)
        if ticket is None:
            self._error(HTTPStatus.NOT_FOUND, "demande_introuvable", f"Demande introuvable : {ticket_id}")
        elif self._query().get("format") == "json":
            self._json(HTTPStatus.OK, ticket.to_dict())
        else:
            self._html(ticket_page(ticket, self._given_token()))

    def _close_ticket(self, ticket_id: int, form: dict[str, str]) -> None:
        ticket = self._tickets().close(ticket_id, form.get("note"))
        if ticket is None:
            self._error(HTTPStatus.NOT_FOUND, "demande_introuvable", f"Demande introuvable : {ticket_id}")
            return
        if "json" in (self.headers.get("Accept") or ""):
            self._json(HTTPStatus.OK, ticket.to_dict())
            return
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", f"/tickets/{ticket_id}")
        self.send_header("Content-Length", "0")
        self.end_headers()


def make_server(port: int, token: str, host: str = "127.0.0.1", retriever=None, store=None) -> ThreadingHTTPServer:
    if not token:
        raise ValueError("HELPDESK_TOKEN est vide : définissez le jeton des agents avant de démarrer le serveur.")
    handler = type("Handler", (HelpdeskHandler,), {"token": token, "retriever": retriever, "store": store})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serveur du helpdesk : tri des messages et demandes de mise en relation")
    parser.add_argument("--port", type=int, default=int(os.environ.get("HELPDESK_PORT", 8090)))
    parser.add_argument("--host", default=os.environ.get("HELPDESK_HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    token = os.environ.get("HELPDESK_TOKEN", "")
    if not token:
        print("HELPDESK_TOKEN n'est pas défini : le serveur du helpdesk refuse de démarrer sans jeton.", file=sys.stderr)
        return 2
    from caf_assistant.runtime import warm_up

    retriever = warm_up()
    server = make_server(args.port, token, args.host, retriever=retriever)
    logger.info("helpdesk prêt sur http://%s:%d", args.host, args.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

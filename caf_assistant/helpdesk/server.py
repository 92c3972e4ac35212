"""Helpdesk server (Sanic, Jinja2 templates with autoescape): `python -m caf_assistant.helpdesk.server --port 8090`.

Agents log in with their own account (`make agent LOGIN=prenom.nom`, secrets hashed with Argon2id) and get a
session cookie (HttpOnly, SameSite=Strict, Secure behind TLS: CAF_HELPDESK_TLS=1). Every POST carries the
session's CSRF token (form field ``csrf`` or header ``X-CSRF-Token``). No secret ever travels in a URL.

- GET/POST /login, POST /logout
- GET /tickets[?status=open|closed|all][&format=json], GET /tickets/ID[?format=json], POST /tickets/ID/close
- GET /triage (a form), POST /triage: JSON {"text": "..."} -> the triage as JSON, or the form -> a page
- GET /health (no session)
Scripts log in with POST /login and a JSON body {"login", "password"}: the reply gives the CSRF token.
Reads and closes are recorded in the audit (`make audit`). Failed logins are limited per account and per
address. Errors are French (JSON or page); a failing request never stops the server; logs carry methods,
paths and statuses, never bodies.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import secrets
import sys
import threading
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic import Request, Sanic, response
from sanic.exceptions import MethodNotAllowed, NotFound, PayloadTooLarge

from caf_assistant.handoff.store import CLOSED, OPEN, TicketStore, database_url
from caf_assistant.helpdesk import accounts, audit, login_limits, sessions
from caf_assistant.helpdesk.tables import helpdesk_engine
from caf_assistant.security_headers import HELPDESK_CSP, response_middleware
from caf_assistant.triage import TriageInputError, triage

logger = logging.getLogger("caf_assistant.helpdesk")
HERE = Path(__file__).parent
MAX_BODY = 64 * 1024
SESSION_COOKIE, LOGIN_COOKIE = "caf_helpdesk_session", "caf_helpdesk_login"
STATUS_LABELS = {OPEN: "ouverte", CLOSED: "fermée"}
ROLES = {"user": "Élu", "bot": "Assistant"}
ACTION_LABELS = {audit.READ: "lue", audit.CLOSE: "fermée", audit.LIST: "listée"}
MESSAGES = {
    "non_autorise": "Connexion requise : connectez-vous sur /login avec votre compte d'agent.",
    "csrf": "Jeton de sécurité manquant ou incorrect : rechargez la page et recommencez.",
    "identifiants": "Identifiant ou mot de passe incorrect.",
    "trop_de_tentatives": "Trop de tentatives de connexion : réessayez dans quelques minutes.",
    "introuvable": "Adresse inconnue.",
    "demande_introuvable": "Demande introuvable.",
    "methode": "Méthode non prise en charge à cette adresse.",
    "texte_trop_long": f"La requête est trop volumineuse (maximum {MAX_BODY // 1024} Ko) : envoyez seulement le "
                       "message à trier.",
    "json_invalide": "Le corps de la requête doit être du JSON en UTF-8, par exemple {\"text\": \"...\"}.",
    "texte_absent": "Le champ « text » est absent : envoyez {\"text\": \"le message à trier\"}.",
    "erreur_interne": "Erreur interne du serveur : réessayez ou signalez-le à l'équipe technique.",
}
STATUS_CODES = {"non_autorise": 401, "csrf": 403, "identifiants": 401, "trop_de_tentatives": 429, "introuvable": 404,
                "demande_introuvable": 404, "methode": 405, "texte_trop_long": 413, "json_invalide": 400,
                "texte_absent": 400, "erreur_interne": 500}

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                        trim_blocks=True, lstrip_blocks=True)


def wants_json(request: Request) -> bool:
    return (request.args.get("format") == "json" or "application/json" in (request.headers.get("accept") or "")
            or (request.content_type or "").startswith("application/json"))


def page(name: str, status: int = 200, **context) -> response.HTTPResponse:
    return response.html(templates.get_template(name).render(**context), status=status)


def error(request: Request, code: str, agent=None) -> response.HTTPResponse:
    status = STATUS_CODES[code]
    if wants_json(request):
        return response.json({"erreur": code, "message": MESSAGES[code]}, status=status, ensure_ascii=False)
    return page("error.html", status, title="Erreur", message=MESSAGES[code], agent=agent)


def json_body(request: Request) -> dict | None:
    """The request's JSON object, or None (malformed JSON, or not an object)."""
    try:
        data = request.json
    except Exception:  # noqa: BLE001 - Sanic raises BadRequest on malformed JSON
        return None
    return data if isinstance(data, dict) else None


def client_address(request: Request) -> str:
    return request.remote_addr or request.ip or "-"


def create_app(url: str | None = None, retriever=None, secure_cookies: bool | None = None) -> Sanic:
    app = Sanic("caf_helpdesk")
    app.config.REQUEST_MAX_SIZE = MAX_BODY
    app.config.KEEP_ALIVE_TIMEOUT = 15
    # behind a load balancer: how many proxies to trust in X-Forwarded-For, for the login limit per address
    proxies = os.environ.get("CAF_HELPDESK_PROXIES", "")
    if proxies.isdigit() and int(proxies) > 0:
        app.config.PROXIES_COUNT = int(proxies)
    app.ctx.url = url or database_url()
    app.ctx.engine = helpdesk_engine(app.ctx.url)
    app.ctx.store = TicketStore(app.ctx.url)
    app.ctx.retriever = retriever
    app.ctx.triage_lock = threading.Lock()  # the retriever's caches are not meant for concurrent writers
    if secure_cookies is None:
        secure_cookies = os.environ.get("CAF_HELPDESK_TLS", "") == "1"
    app.static("/static", HERE / "static", name="static")

    def set_cookie(resp, key: str, value: str, max_age: int) -> None:
        resp.add_cookie(key, value, path="/", httponly=True, samesite="Strict", secure=secure_cookies, max_age=max_age)

    def current_agent(request: Request) -> sessions.AgentSession | None:
        return sessions.find_session(app.ctx.engine, request.cookies.get(SESSION_COOKIE))

    def given_csrf(request: Request) -> str | None:
        header = request.headers.get("x-csrf-token")
        if header:
            return header
        return request.form.get("csrf") if request.form else None

    def same_origin(request: Request) -> bool:
        """A browser names the page's origin on a POST: it must be this server (no cross-site form)."""
        origin = request.headers.get("origin")
        return origin is None or origin.split("://", 1)[-1] == request.host

    def requires_agent(handler):
        async def wrapped(request: Request, *args, **kwargs):
            agent = current_agent(request)
            if agent is None:
                if request.method == "GET" and not wants_json(request):
                    return response.redirect("/login", status=303)
                return error(request, "non_autorise")
            if request.method == "POST" and not (same_origin(request) and agent.csrf_matches(given_csrf(request))):
                return error(request, "csrf", agent)
            request.ctx.agent = agent
            return await handler(request, *args, **kwargs)

        wrapped.__name__ = handler.__name__
        return wrapped

    app.register_middleware(response_middleware(
        HELPDESK_CSP, "no-store", {"Cross-Origin-Resource-Policy": "same-origin",
                                   **({"Strict-Transport-Security": "max-age=31536000"} if secure_cookies else {})}),
        "response")

    @app.on_response
    async def log_request(request: Request, resp) -> None:
        logger.info("%s %s -> %s", request.method, request.path, resp.status)

    @app.exception(PayloadTooLarge)
    async def too_large(request: Request, exception) -> response.HTTPResponse:
        return error(request, "texte_trop_long")

    @app.exception(NotFound)
    async def not_found(request: Request, exception) -> response.HTTPResponse:
        return error(request, "introuvable")

    @app.exception(MethodNotAllowed)
    async def not_allowed(request: Request, exception) -> response.HTTPResponse:
        return error(request, "methode")

    @app.exception(Exception)
    async def internal(request: Request, exception) -> response.HTTPResponse:
        # the class only: a message may quote what was typed
        logger.error("erreur interne sur %s %s : %s", request.method, request.path, type(exception).__name__)
        return error(request, "erreur_interne")

    @app.get("/health")
    async def health(request: Request):
        return response.json({"status": "ok"})

    @app.get("/")
    async def home(request: Request):
        return response.redirect("/tickets", status=303)

    @app.get("/login")
    async def login_form(request: Request, message: str | None = None, login: str = "", status: int = 200):
        token = secrets.token_urlsafe(24)
        resp = page("login.html", status, title="Connexion des agents", error=message, login=login, login_csrf=token,
                    agent=None)
        set_cookie(resp, LOGIN_COOKIE, token, 600)
        return resp

    @app.post("/login")
    async def login(request: Request):
        as_json = (request.content_type or "").startswith("application/json")
        if as_json:
            data = json_body(request)
            if data is None:
                return error(request, "json_invalide")
            login_name, secret = str(data.get("login") or "")[:64], str(data.get("password") or "")[:256]
        else:
            form = request.form or {}
            cookie, field = request.cookies.get(LOGIN_COOKIE), form.get("csrf")
            if not (cookie and field and secrets.compare_digest(cookie, field) and same_origin(request)):
                return await login_form(request, MESSAGES["csrf"], status=403)
            login_name, secret = (form.get("login") or "")[:64], (form.get("password") or "")[:256]
        login_name = login_name.strip().lower()
        address = client_address(request)
        engine = app.ctx.engine
        if login_limits.blocked(engine, login_name, address):
            audit.record(engine, login_name or "-", audit.LOGIN_REFUSED, address)
            return error(request, "trop_de_tentatives") if as_json else \
                await login_form(request, MESSAGES["trop_de_tentatives"], login_name, 429)
        agent_login = await asyncio.get_running_loop().run_in_executor(None, accounts.verify, engine, login_name, secret)
        if agent_login is None:
            login_limits.record_failure(engine, login_name, address)
            audit.record(engine, login_name or "-", audit.LOGIN_FAILED, address)
            return error(request, "identifiants") if as_json else \
                await login_form(request, MESSAGES["identifiants"], login_name, 401)
        login_limits.clear(engine, agent_login)
        cookie_value, agent = sessions.open_session(engine, agent_login)
        audit.record(engine, agent_login, audit.LOGIN, address)
        resp = response.json({"agent": agent.login, "csrf": agent.csrf}) if as_json else \
            response.redirect("/tickets", status=303)
        set_cookie(resp, SESSION_COOKIE, cookie_value, int(sessions.max_age().total_seconds()))
        resp.delete_cookie(LOGIN_COOKIE, path="/")
        return resp

    @app.post("/logout")
    @requires_agent
    async def logout(request: Request):
        sessions.close_session(app.ctx.engine, request.cookies.get(SESSION_COOKIE))
        audit.record(app.ctx.engine, request.ctx.agent.login, audit.LOGOUT, client_address(request))
        resp = response.json({"status": "ok"}) if wants_json(request) else response.redirect("/login", status=303)
        resp.delete_cookie(SESSION_COOKIE, path="/")
        return resp

    @app.get("/tickets")
    @requires_agent
    async def list_tickets(request: Request):
        status = request.args.get("status", OPEN)
        tickets = app.ctx.store.list(None if status == "all" else status)
        audit.record(app.ctx.engine, request.ctx.agent.login, audit.LIST, client_address(request))
        if wants_json(request):
            return response.json([t.to_dict() for t in tickets], ensure_ascii=False)
        return page("tickets.html", title="Demandes de mise en relation", tickets=tickets, agent=request.ctx.agent,
                    status_labels=STATUS_LABELS)

    @app.get("/tickets/<ticket_id:int>")
    @requires_agent
    async def show_ticket(request: Request, ticket_id: int):
        ticket = app.ctx.store.get(ticket_id)
        if ticket is None:
            return error(request, "demande_introuvable", request.ctx.agent)
        audit.record(app.ctx.engine, request.ctx.agent.login, audit.READ, client_address(request), ticket.id)
        if wants_json(request):
            return response.json(ticket.to_dict(), ensure_ascii=False)
        history = [e for e in audit.entries(app.ctx.engine, ticket_id=ticket.id) if e.action in ACTION_LABELS]
        return page("ticket.html", title=f"Demande #{ticket.id}", ticket=ticket, agent=request.ctx.agent,
                    status_labels=STATUS_LABELS, roles=ROLES, history=history, action_labels=ACTION_LABELS)

    @app.post("/tickets/<ticket_id:int>/close")
    @requires_agent
    async def close_ticket(request: Request, ticket_id: int):
        note = ((request.form or {}).get("note") or "").strip()[:2000] if not wants_json(request) else \
            str((json_body(request) or {}).get("note") or "")[:2000]
        ticket = app.ctx.store.close(ticket_id, note or None)
        if ticket is None:
            return error(request, "demande_introuvable", request.ctx.agent)
        audit.record(app.ctx.engine, request.ctx.agent.login, audit.CLOSE, client_address(request), ticket.id)
        if wants_json(request):
            return response.json(ticket.to_dict(), ensure_ascii=False)
        return response.redirect(f"/tickets/{ticket.id}", status=303)

    @app.get("/triage")
    @requires_agent
    async def triage_form(request: Request):
        return page("triage.html", title="Trier un message", agent=request.ctx.agent, text="", result=None, error=None)

    @app.post("/triage")
    @requires_agent
    async def triage_message(request: Request):
        as_json = (request.content_type or "").startswith("application/json")
        if as_json:
            data = json_body(request)
            if data is None:
                return error(request, "json_invalide")
            if "text" not in data:
                return error(request, "texte_absent")
            text = data["text"]
        else:
            text = (request.form or {}).get("text") or ""
        audit.record(app.ctx.engine, request.ctx.agent.login, audit.TRIAGE, client_address(request))

        def run():
            with app.ctx.triage_lock:
                return triage(text, app.ctx.retriever)

        try:
            result = await asyncio.get_running_loop().run_in_executor(None, run)
        except TriageInputError as problem:
            if as_json:
                return response.json(problem.to_dict(), status=422, ensure_ascii=False)
            return page("triage.html", 422, title="Trier un message", agent=request.ctx.agent, text=text, result=None,
                        error=str(problem))
        if as_json:
            return response.json(result.to_dict(), ensure_ascii=False)
        return page("triage.html", title="Trier un message", agent=request.ctx.agent, text=text, result=result,
                    error=None)

    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serveur du helpdesk : tri des messages et demandes de mise en relation")
    parser.add_argument("--port", type=int, default=int(os.environ.get("HELPDESK_PORT", 8090)))
    parser.add_argument("--host", default=os.environ.get("HELPDESK_HOST", "127.0.0.1"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    engine = helpdesk_engine()
    if not accounts.has_agents(engine):
        print("Aucun compte d'agent : créez-en un avec « make agent LOGIN=prenom.nom » avant de démarrer le helpdesk.",
              file=sys.stderr)
        return 2
    from caf_assistant.runtime import warm_up

    app = create_app(retriever=warm_up())
    logger.info("helpdesk prêt sur http://%s:%d", args.host, args.port)
    app.run(host=args.host, port=args.port, single_process=True, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Starts the rasa-sdk action server in one process, after loading the models.

`python -m caf_assistant.action_server --port 5055`. Loading happens before the server accepts
requests, so the first user message does not pay for it. Run several replicas behind a load
balancer to scale: the server keeps no conversation state.

Only the Rasa servers may call the actions: with CAF_ACTION_TOKEN set, a call without
`Authorization: Bearer <CAF_ACTION_TOKEN>` is refused (401); `/health` stays open for the load balancer.
Without it the server listens on the loopback interface only, and refuses to start on another one.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import os
import sys
import time

logger = logging.getLogger("caf_assistant.action_server")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def authorised(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries the token (compared in constant time)."""
    given = (header or "").removeprefix("Bearer ").strip()
    return hmac.compare_digest(given.encode(), token.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Serveur d'actions Rasa de l'assistant Caf des élus")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", 5055)))
    parser.add_argument("--host", default=os.environ.get("ACTION_SERVER_HOST", "127.0.0.1"))
    parser.add_argument("--actions", default="actions")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    token = os.environ.get("CAF_ACTION_TOKEN", "")
    if not token and args.host not in LOOPBACK:
        print("CAF_ACTION_TOKEN est requis pour écouter ailleurs que sur 127.0.0.1 : seul Rasa doit appeler les actions.",
              file=sys.stderr)
        return 2

    from rasa_sdk.endpoint import create_app
    from rasa_sdk.executor import ActionExecutor

    from caf_assistant.message_screening import ACTION_REQUEST_MAX_BYTES
    from caf_assistant.runtime import warm_up

    started = time.perf_counter()
    retriever = warm_up()
    logger.info("index chargé : %d passages, embedder %s, en %.1f s", len(retriever.chunks),
                retriever.settings.embedder.kind, time.perf_counter() - started)
    executor = ActionExecutor()
    executor.register_package(args.actions)
    app = create_app(executor, cors_origins=None)
    app.config.REQUEST_MAX_SIZE = ACTION_REQUEST_MAX_BYTES
    from caf_assistant.security_headers import API_CSP, response_middleware

    app.register_middleware(response_middleware(API_CSP, "no-store"), "response")
    from sanic.response import json as json_response

    from caf_assistant.log_privacy import safe_traceback

    async def on_error(request, exception: Exception):
        # rasa-sdk's own handler logs the request and sends the whole conversation back (Rasa then logs it)
        logger.error("erreur dans une action : %s", safe_traceback(exception))
        return json_response({"error": "erreur interne du serveur d'actions"}, status=500)

    @app.before_server_start
    async def replace_error_handler(app, _loop):
        # rasa-sdk's handler for every Exception is registered by now; Sanic refuses a second one: replaced
        app.error_handler.cached_handlers[(Exception, None)] = on_error
    if token:
        @app.on_request
        async def only_rasa(request):
            if request.path != "/health" and not authorised(request.headers.get("authorization"), token):
                return json_response({"error": "appel non autorisé"}, status=401)
    else:
        logger.warning("CAF_ACTION_TOKEN absent : serveur d'actions sans jeton, sur %s seulement", args.host)
    app.run(host=args.host, port=args.port, single_process=True, access_log=False, motd=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Writes Rasa's endpoints.yml from the environment (`python -m caf_assistant.endpoints OUT`).

- DATABASE_URL: conversations' SQL tracker store; default SQLite in var/ (postgresql://user:pw@host:5432/db
  for PostgreSQL, shared by every Rasa replica).
- REDIS_URL: optional Redis lock store (redis://host:6379/0), required with several Rasa replicas.
- ACTION_SERVER_URL: default http://127.0.0.1:5055/webhook (a load balancer's URL with replicas).
- CAF_ACTION_TOKEN: the secret the action servers require (`Authorization: Bearer …`), the same for every
  replica; caf_assistant.stack makes one when it is not set.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import yaml

from caf_assistant import paths


def tracker_store(database_url: str | None) -> dict:
    if not database_url:
        return {"type": "SQL", "dialect": "sqlite", "db": str(paths.var_dir() / "conversations.db")}
    url = urlparse(database_url)
    if url.scheme.startswith("sqlite"):
        return {"type": "SQL", "dialect": "sqlite", "db": unquote(url.path) or str(paths.var_dir() / "conversations.db")}
    if url.scheme.startswith("postgres"):
        store = {"type": "SQL", "dialect": "postgresql", "url": url.hostname or "localhost",
                 "port": url.port or 5432, "db": url.path.lstrip("/") or "rasa"}
        if url.username:
            store["username"] = unquote(url.username)
        if url.password:
            store["password"] = unquote(url.password)
        return store
    raise ValueError(f"DATABASE_URL non pris en charge : {url.scheme} (sqlite:/// ou postgresql://)")


def lock_store(redis_url: str | None) -> dict | None:
    if not redis_url:
        return None
    url = urlparse(redis_url)
    store = {"type": "redis", "url": url.hostname or "localhost", "port": url.port or 6379,
             "db": int(url.path.lstrip("/") or 0), "key_prefix": "caf_elus"}
    if url.password:
        store["password"] = unquote(url.password)
    return store


def endpoints(environ: dict) -> dict:
    action_endpoint = {"url": environ.get("ACTION_SERVER_URL", "http://127.0.0.1:5055/webhook")}
    if environ.get("CAF_ACTION_TOKEN"):
        action_endpoint["headers"] = {"Authorization": f"Bearer {environ['CAF_ACTION_TOKEN']}"}
    data = {
        "action_endpoint": action_endpoint,
        "tracker_store": tracker_store(environ.get("DATABASE_URL")),
    }
    lock = lock_store(environ.get("REDIS_URL"))
    if lock:
        data["lock_store"] = lock
    return data


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    out = Path(argv[0]) if argv else paths.var_dir() / "endpoints.yml"
    out.parent.mkdir(parents=True, exist_ok=True)
    paths.var_dir().mkdir(parents=True, exist_ok=True)
    # the file holds the database and Redis passwords and the action server's token: its owner only
    out.touch(mode=0o600)
    out.chmod(0o600)
    out.write_text(yaml.safe_dump(endpoints(dict(os.environ)), sort_keys=False))
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

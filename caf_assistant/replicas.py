"""Several replicas of the stack behind nginx, on one machine: the scale-out path of the README, for the load
benchmark and the rolling-restart test.

Each replica is an action server and a Rasa server (caf_assistant.stack); they share a PostgreSQL tracker
store and a Redis lock store; nginx spreads the officials' requests over the Rasa servers and Rasa's action
calls over the action servers. ``Replicas.restart(i)`` is a rolling restart's step: the replica leaves nginx
(its requests in flight end), restarts with the new model or index, and comes back; the service answers
throughout.
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from caf_assistant import paths
from caf_assistant.stack import Stack, free_port, start_stack

NGINX_CONF = """worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  upstream rasa {{ {rasa} keepalive 32; }}
  upstream actions {{ {actions} keepalive 32; }}
  server {{
    listen 127.0.0.1:{rasa_port};
    location / {{ proxy_pass http://rasa; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_next_upstream error timeout http_502 http_503; proxy_connect_timeout 2s;
                 proxy_read_timeout 120s; }}
  }}
  server {{
    listen 127.0.0.1:{actions_port};
    location / {{ proxy_pass http://actions; proxy_http_version 1.1; proxy_set_header Connection "";
                 proxy_next_upstream error timeout http_502 http_503; proxy_connect_timeout 2s;
                 proxy_read_timeout 120s; }}
  }}
}}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise RuntimeError("nginx absent : lancez `make setup-system`")
    return found


@dataclass
class Replicas:
    database_url: str
    redis_url: str
    count: int = 2
    rasa_ports: list[int] = field(default_factory=list)
    action_ports: list[int] = field(default_factory=list)
    stacks: list[Stack | None] = field(default_factory=list)
    front_port: int = 0
    actions_front_port: int = 0
    _nginx: subprocess.Popen | None = None
    _dir: Path | None = None
    # every Rasa replica may call every action server (through nginx): one secret for all of them
    action_token: str = field(default_factory=lambda: secrets.token_hex(16))

    @property
    def url(self) -> str:
        """Where officials' requests go: nginx in front of the Rasa servers."""
        return f"http://127.0.0.1:{self.front_port}"

    def start(self) -> Replicas:
        self.rasa_ports = [free_port() for _ in range(self.count)]
        self.action_ports = [free_port() for _ in range(self.count)]
        self.front_port, self.actions_front_port = free_port(), free_port()
        self._dir = Path(tempfile.mkdtemp(prefix="caf-nginx-"))
        self._dir.chmod(0o755)  # nginx's workers (« nobody » when started as root) write their temp files here
        self._write_conf()
        self._nginx = subprocess.Popen([nginx_binary(), "-c", str(self._dir / "nginx.conf"), "-p", str(self._dir),
                                        "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.stacks = [None] * self.count
        for index in range(self.count):
            self.stacks[index] = self._start_one(index)
        return self

    def _write_conf(self, draining: int | None = None) -> None:
        """nginx's configuration; replica ``draining`` marked down (no new request goes to it)."""
        def servers(ports: list[int]) -> str:
            return " ".join(f"server 127.0.0.1:{port}{' down' if index == draining else ''};"
                            for index, port in enumerate(ports))

        (self._dir / "nginx.conf").write_text(NGINX_CONF.format(
            dir=self._dir, rasa_port=self.front_port, actions_port=self.actions_front_port,
            rasa=servers(self.rasa_ports), actions=servers(self.action_ports)))

    def _reload_nginx(self) -> None:
        subprocess.run([nginx_binary(), "-c", str(self._dir / "nginx.conf"), "-p", str(self._dir), "-s", "reload"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1)  # the old workers finish their requests, the new ones take the next

    def _start_one(self, index: int, model: Path | None = None) -> Stack:
        return start_stack(rasa_port=self.rasa_ports[index], action_port=self.action_ports[index], model=model,
                           database_url=self.database_url, redis_url=self.redis_url,
                           log_dir=paths.var_dir() / "logs" / f"replica-{index}",
                           # Rasa calls the action servers through nginx: any of them, not only its own
                           extra_env={"ACTION_SERVER_URL": f"http://127.0.0.1:{self.actions_front_port}/webhook",
                                      "CAF_ACTION_TOKEN": self.action_token})

    def restart(self, index: int, model: Path | None = None) -> float:
        """Stops replica ``index`` and starts it again (with ``model`` or the latest one, and the index as it is
        now); the other replicas answer meanwhile. Returns the seconds it was away."""
        started = time.perf_counter()
        self._write_conf(draining=index)  # out of nginx first: its requests in flight end, no new one comes
        self._reload_nginx()
        stack = self.stacks[index]
        if stack is not None:
            stack.stop()
        self.stacks[index] = self._start_one(index, model)
        self._write_conf()
        self._reload_nginx()
        return time.perf_counter() - started

    def stop(self) -> None:
        for stack in self.stacks:
            if stack is not None:
                stack.stop()
        if self._nginx is not None:
            self._nginx.terminate()
            self._nginx.wait(timeout=10)
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)

    def __enter__(self) -> Replicas:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

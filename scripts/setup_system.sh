#!/usr/bin/env bash
# Debian packages the tests need: Chromium (browser tests), PostgreSQL and Redis (scale-out test:
# shared tracker store and lock store), nginx (the load balancer in front of replicas, `make bench-load`).
# Idempotent; the tests start their own servers.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "installez en root : apt-get install -y ${need[*]}" >&2; exit 1; fi
  echo "[setup] apt-get install ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  # Debian starts the packaged services; the tests run their own on free ports.
  service postgresql stop >/dev/null 2>&1 || true
  service redis-server stop >/dev/null 2>&1 || true
  service nginx stop >/dev/null 2>&1 || true
fi

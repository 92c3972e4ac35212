#!/usr/bin/env bash
# System packages the tests need (Debian): Chromium for the browser tests. Idempotent.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "installez en root : apt-get install -y ${need[*]}" >&2; exit 1; fi
  echo "[setup] apt-get install ${need[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

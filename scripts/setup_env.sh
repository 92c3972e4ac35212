#!/usr/bin/env bash
# Creates the two virtual environments when missing or when their requirements changed.
#   .venv-rasa  Python 3.10  rasa 3.6 (training, serving, rasa test)
#   .venv       Python 3.11  knowledge, index, action server (rasa-sdk), tests
# Idempotent: a stamp file per environment records the hash of its requirements file.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {  # $1 = version like 3.10
  # pyenv's list is read whole before it is searched: `pyenv versions | grep -q` under pipefail fails at
  # random (grep stops at the first match, pyenv gets SIGPIPE), and the shim it then falls back on refuses.
  local v=$1 installed found
  if command -v pyenv >/dev/null 2>&1; then
    installed=$(pyenv versions --bare 2>/dev/null || true)
    found=$(printf '%s\n' "$installed" | grep "^${v}\." | tail -n1 || true)
    if [ -n "$found" ]; then PYENV_VERSION=$found pyenv which python; return; fi
  fi
  if command -v "python${v}" >/dev/null 2>&1 && "python${v}" -c "" >/dev/null 2>&1; then
    command -v "python${v}"
  else
    echo "Python ${v} introuvable (pyenv ou python${v})" >&2; return 1
  fi
}

make_env() {  # $1 = dir, $2 = python version, $3 = requirements file
  local dir=$1 version=$2 req=$3
  local stamp="$dir/.requirements.sha256"
  local want; want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ -x "$dir/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    echo "[setup] $dir à jour"; return 0
  fi
  echo "[setup $dir] création (Python $version) depuis $req : les paquets s'affichent à mesure"
  if [ ! -x "$dir/bin/python" ]; then
    local python; python=$(find_python "$version") || { echo "[setup $dir] ÉCHEC : Python $version introuvable" >&2; return 1; }
    "$python" -m venv "$dir" || { echo "[setup $dir] ÉCHEC : venv n'a pas pu être créé avec $python" >&2; return 1; }
  fi
  "$dir/bin/python" -m pip install -q --upgrade pip || echo "[setup $dir] pip n'a pas pu être mis à jour ; celui du venv sert" >&2
  # one line per package collected, then the installation: what pip is doing, without its progress bars;
  # pip's whole output is kept in $dir.pip.log. A failed install (a download cut, say) is tried once more,
  # and when it fails again its last lines are printed, so that the reason shows at the end of the log.
  local log="$dir.pip.log" status attempt
  for attempt in 1 2; do
    set +o pipefail
    "$dir/bin/python" -m pip install --progress-bar off -r "$req" 2>&1 | tee "$log" \
      | { grep --line-buffered -E "^(Collecting|Installing collected|Successfully installed|ERROR)" || true; } \
      | sed -u "s|^|[setup $dir] |" | cut -c1-160
    status=${PIPESTATUS[0]}
    set -o pipefail
    [ "$status" = 0 ] && break
    echo "[setup $dir] échec de pip (code $status, essai $attempt/2)" >&2
  done
  if [ "$status" != 0 ]; then
    echo "[setup $dir] ÉCHEC : fin du journal de pip ($log)" >&2
    tail -n 40 "$log" | sed "s|^|[setup $dir] |" >&2
    return 1
  fi
  echo "$want" > "$stamp"
  echo "[setup $dir] prêt"
}

export PIP_DISABLE_PIP_VERSION_CHECK=1
target=${1:-all}
# the two environments are installed side by side (downloads and builds use both cores)
pids=()
if [ "$target" = all ] || [ "$target" = app ]; then make_env .venv 3.11 requirements/app.txt & pids+=($!); fi
if [ "$target" = all ] || [ "$target" = rasa ]; then make_env .venv-rasa 3.10 requirements/rasa.txt & pids+=($!); fi
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
if [ "$failed" != 0 ]; then
  for log in .venv.pip.log .venv-rasa.pip.log; do
    [ -f "$log" ] && grep -E "^ERROR" "$log" | sed "s|^|[setup] $log: |" >&2
  done
  echo "[setup] un environnement n'a pas pu être installé (voir plus haut)" >&2
  exit 1
fi

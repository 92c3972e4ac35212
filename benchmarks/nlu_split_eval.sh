#!/usr/bin/env bash
# Held-out NLU evaluation: split bot/data/nlu 80/20 (fixed seed), train an NLU-only model
# per pipeline config on the 80 %, test it on the 20 %, print intent (and entity) scores.
#
# Usage: benchmarks/nlu_split_eval.sh [CONFIG ...]
#   CONFIG defaults to bot/config.yml (or config.yml if bot/config.yml does not exist).
#   Paths are relative to the repository root. Each config is reported under its file
#   name without extension (bot/config.yml -> "config", configs/diet_light.yml -> "diet_light").
# Environment: RASA (default scripts/rasa, Rasa with the fixes of caf_assistant/rasa_server.py; CAF_SPACY_EXCLUDE), PYTHON (default .venv-rasa/bin/python).
# Outputs: var/nlu_split/, var/nlu_models/nlu-<name>.tar.gz, var/nlu_results/<name>/.
set -euo pipefail
cd "$(dirname "$0")/.."

RASA=${RASA:-scripts/rasa}
PYTHON=${PYTHON:-.venv-rasa/bin/python}
NLU_DATA=bot/data/nlu
SPLIT_DIR=var/nlu_split
MODELS_DIR=var/nlu_models
RESULTS_DIR=var/nlu_results
export RASA_TELEMETRY_ENABLED=false

if [ "$#" -gt 0 ]; then
  configs=("$@")
elif [ -f bot/config.yml ]; then
  configs=(bot/config.yml)
else
  configs=(config.yml)
fi

for cfg in "${configs[@]}"; do
  [ -f "$cfg" ] || { echo "[nlu-eval] config introuvable : $cfg" >&2; exit 2; }
done

echo "[nlu-eval] split de $NLU_DATA (80/20, seed 42) -> $SPLIT_DIR"
rm -rf "$SPLIT_DIR"
mkdir -p "$SPLIT_DIR" "$MODELS_DIR" "$RESULTS_DIR"
"$RASA" data split nlu --nlu "$NLU_DATA" --training-fraction 0.8 --random-seed 42 --out "$SPLIT_DIR"
for f in training_data.yml test_data.yml; do
  [ -f "$SPLIT_DIR/$f" ] || { echo "[nlu-eval] $SPLIT_DIR/$f manquant après le split" >&2; exit 1; }
done

names=()
for cfg in "${configs[@]}"; do
  name=$(basename "$cfg"); name=${name%.*}
  names+=("$name")
  model="$MODELS_DIR/nlu-$name.tar.gz"
  out="$RESULTS_DIR/$name"
  echo "[nlu-eval] [$name] entraînement NLU avec $cfg"
  rm -f "$model"
  "$RASA" train nlu --nlu "$SPLIT_DIR/training_data.yml" --config "$cfg" \
    --out "$MODELS_DIR" --fixed-model-name "nlu-$name"
  echo "[nlu-eval] [$name] test sur $SPLIT_DIR/test_data.yml"
  rm -rf "$out"
  "$RASA" test nlu --nlu "$SPLIT_DIR/test_data.yml" --model "$model" --out "$out"
done

echo
"$PYTHON" - "$RESULTS_DIR" "${names[@]}" <<'PY'
import glob, json, os, sys

results_dir, names = sys.argv[1], sys.argv[2:]
print(f"{'config':24s} {'intent macroF1':>15s} {'weightedF1':>11s} {'accuracy':>9s}   entities (micro/macro F1)")
for name in names:
    path = os.path.join(results_dir, name, "intent_report.json")
    if not os.path.exists(path):
        print(f"{name:24s} intent_report.json absent ({path})")
        continue
    r = json.load(open(path))
    macro = r.get("macro avg", {}).get("f1-score", float("nan"))
    weighted = r.get("weighted avg", {}).get("f1-score", float("nan"))
    acc = r.get("accuracy", float("nan"))
    ents = []
    for rep in sorted(glob.glob(os.path.join(results_dir, name, "*_report.json"))):
        base = os.path.basename(rep)
        if base in ("intent_report.json", "response_selection_report.json"):
            continue
        e = json.load(open(rep))
        micro_f1 = e.get("micro avg", e.get("accuracy", {}))
        micro_f1 = micro_f1.get("f1-score") if isinstance(micro_f1, dict) else micro_f1
        macro_f1 = e.get("macro avg", {}).get("f1-score")
        fmt = lambda v: "n/a" if v is None else f"{v:.3f}"
        ents.append(f"{base.replace('_report.json', '')} {fmt(micro_f1)}/{fmt(macro_f1)}")
    print(f"{name:24s} {macro:15.3f} {weighted:11.3f} {acc:9.3f}   {'; '.join(ents) or '-'}")
PY

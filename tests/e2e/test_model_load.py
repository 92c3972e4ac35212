"""The trained model loaded for prediction (caf_assistant.rasa_server) parses as Rasa's own load does."""

from __future__ import annotations

import subprocess

from caf_assistant import paths


def test_the_model_loaded_for_prediction_parses_as_rasa_s_own_load():
    script = paths.REPO_ROOT / "benchmarks" / "model_load.py"
    done = subprocess.run([str(paths.REPO_ROOT / ".venv-rasa" / "bin" / "python"), str(script), "--sample", "120"],
                          capture_output=True, text=True, cwd=paths.REPO_ROOT, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "120 NLU examples parsed, 0 different" in done.stdout

"""The held-out gold must pass the corpus checker and score 1.0 against itself."""
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECKER = HERE.parent / "corpus" / "check_corpus.py"


def test_holdout_gold_is_valid_and_self_scores_one():
    run = subprocess.run([sys.executable, str(CHECKER), str(HERE)],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "12 reports checked, 0 problem(s)" in run.stdout

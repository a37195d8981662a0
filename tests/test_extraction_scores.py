"""The extractor over the whole dev corpus, scored by the shared scorer, stays above the bars.

Bars (brief): casualties qualified F1 ≥ 0.95 and strict F1 ≥ 0.90, actors and
dates F1 ≥ 0.90; and the seed report dev-000 is read exactly (casualties
strict, actors, dates all 1.0).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.extract.pipeline import Resources, extract
from kg.prediction import to_prediction
from kg.reports import load_report

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO / ".." / "shared"
DEV = SHARED / "corpus" / "dev"


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scored() -> dict:
    score = _scorer()
    resources = Resources.load()
    gold = score.load_dir(DEV, "gold")
    pred = {}
    for path in sorted(DEV.glob("dev-*.json")):
        report = load_report(path)
        pred[report.id] = to_prediction(extract(report, resources))
    assert set(pred) == set(gold)
    return score.score(gold, pred, per_report=True)


@pytest.mark.parametrize("field, bar", [
    ("casualties.qualified", 0.95),
    ("casualties.strict", 0.90),
    ("actors", 0.90),
    ("dates", 0.90),
])
def test_dev_scores_stay_above_the_bars(scored: dict, field: str, bar: float) -> None:
    assert scored["fields"][field]["f1"] >= bar, scored["fields"][field]


@pytest.mark.parametrize("field", ["casualties.strict", "actors", "dates"])
def test_seed_report_is_exact(scored: dict, field: str) -> None:
    tp, fp, fn = scored["per_report"]["dev-000"][field]
    assert fp == 0 and fn == 0 and tp > 0


def test_arabic_and_english_reports_both_score(scored: dict) -> None:
    per = scored["per_report"]
    for lang_ids in (range(31), range(31, 41)):
        tp = sum(per[f"dev-{i:03d}"]["casualties.strict"][0] for i in lang_ids)
        fn = sum(per[f"dev-{i:03d}"]["casualties.strict"][2] for i in lang_ids)
        assert tp / (tp + fn) >= 0.9

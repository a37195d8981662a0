"""The independent test corpus stays well-formed, and its checker catches bad gold."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent.parent / "shared"

# Loaded by path: tests/ is not a package, and the checker must stay a
# stand-alone stdlib script the lead can run without the project installed.
_spec = importlib.util.spec_from_file_location("check_corpus", HERE / "check_corpus.py")
check_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_corpus)

pytestmark = pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(),
                                reason="shared corpus material not available")


@pytest.fixture(scope="module")
def reference():
    return check_corpus.load_reference(SHARED)


def _reports() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HERE.glob("t-*.json"))]


def test_corpus_passes_every_check_and_scores_one_against_itself(capsys):
    assert check_corpus.main([str(HERE), "--shared", str(SHARED)]) == 0
    assert "0 problem(s)" in capsys.readouterr().out


def test_corpus_has_the_promised_size_and_mix():
    reports = _reports()
    langs = [r["lang"] for r in reports]
    assert len(reports) >= 24
    assert langs.count("ar") >= 16 and langs.count("en") >= 8
    sieges = [r["gold"]["siege_lifting"] for r in reports if r["gold"]["siege_lifting"]]
    assert any(s["phases"] for s in sieges) and any(not s["phases"] for s in sieges)
    assert any(not r["gold"]["casualties"] for r in reports), "needs a no-casualty report"
    assert len({r["source"] for r in reports}) >= 4, "needs several outlets"


def _corrupted_copy(tmp_path: Path, mutate) -> Path:
    doc = json.loads((HERE / "t-009.json").read_text(encoding="utf-8"))
    mutate(doc)
    out = tmp_path / "t-009.json"
    out.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return out


@pytest.mark.parametrize("mutate, expected", [
    (lambda d: d["gold"]["casualties"][1].update(part_of=3), "earlier claim"),
    (lambda d: d["gold"]["places"].append([999999999]), "not in SY.tsv"),
    (lambda d: d["gold"]["actors"].append("no-such-actor"), "not in actors.tsv"),
    (lambda d: d["gold"]["casualties"][0].update(count=None), "go together"),
    (lambda d: d["gold"]["casualties"][0].update(group="children"), "only for civilians"),
    (lambda d: d["gold"]["dates"].append("2018-02-30"), "not an ISO day"),
    (lambda d: d["gold"].pop("siege_lifting"), "siege_lifting"),
])
def test_checker_reports_each_kind_of_bad_gold(tmp_path, reference, mutate, expected):
    problems = check_corpus.check_report(_corrupted_copy(tmp_path, mutate), *reference)
    assert any(expected in p for p in problems), problems


def test_sound_report_has_no_problems(tmp_path, reference):
    assert check_corpus.check_report(_corrupted_copy(tmp_path, lambda d: None), *reference) == []

"""The `kg` command as a researcher runs it: real processes, real on-disk store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "corpus" / "dev" / "dev-000.json"
SAMPLES = REPO / "samples" / "reports"
KG = [sys.executable, "-m", "kg.cli"]

needs_seed = pytest.mark.skipif(not SEED.exists(), reason="the seed report lives in ../shared")


def kg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def count_triples(store: Path) -> int:
    result = kg("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                "--store", str(store), "--format", "csv")
    assert result.returncode == 0, result.stderr
    return int(result.stdout.splitlines()[1])


@needs_seed
def test_extract_json_prints_the_prediction_shape() -> None:
    result = kg("extract", str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    prediction = json.loads(result.stdout)
    assert prediction["id"] == "dev-000"
    assert set(prediction) >= {"casualties", "actors", "places", "dates", "siege_lifting"}
    assert all(isinstance(p, int) for p in prediction["places"])


@needs_seed
def test_reingesting_the_seed_leaves_the_triple_count_unchanged(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = kg("ingest", str(SEED), "--store", str(store))
    assert first.returncode == 0, first.stderr
    before = count_triples(store)
    assert before > 100
    second = kg("ingest", str(SEED), "--store", str(store))
    assert second.returncode == 0, second.stderr
    assert count_triples(store) == before


def test_malformed_report_is_quarantined_and_nothing_of_it_is_stored(tmp_path: Path) -> None:
    reports = tmp_path / "in"
    reports.mkdir()
    good = SAMPLES / "dev-001.json"
    shutil.copy(good, reports / good.name)
    (reports / "broken.json").write_text('{"id": "broken", "lang": "ar", "text": ', encoding="utf-8")
    (reports / "no-date.json").write_text(
        json.dumps({"id": "no-date", "lang": "ar", "text": "نص", "published": "30/09/2017"}),
        encoding="utf-8")
    store, quarantine = tmp_path / "store", tmp_path / "quarantine"
    result = kg("ingest", str(reports), "--store", str(store), "--quarantine", str(quarantine))
    assert result.returncode == 1
    assert "broken.json" in result.stderr and "published" in result.stderr
    assert (quarantine / "broken.json").exists()
    assert "cannot read report" in (quarantine / "broken.json.errors.txt").read_text(encoding="utf-8")
    assert (quarantine / "no-date.json.errors.txt").exists()
    graphs = kg("query", "SELECT DISTINCT ?id WHERE { GRAPH ?g { ?r <http://purl.org/dc/terms/identifier> ?id } }",
                "--store", str(store), "--format", "csv")
    assert graphs.returncode == 0, graphs.stderr
    ids = set(graphs.stdout.split()[1:])
    assert "dev-001" in ids and "broken" not in ids and "no-date" not in ids


def test_txt_report_needs_its_metadata_and_is_ingested_with_it(tmp_path: Path) -> None:
    text = tmp_path / "note-1.txt"
    text.write_text(json.loads((SAMPLES / "dev-009.json").read_text(encoding="utf-8"))["text"],
                    encoding="utf-8")
    store = tmp_path / "store"
    refused = kg("ingest", str(text), "--store", str(store), "--quarantine", str(tmp_path / "q"))
    assert refused.returncode == 1 and "--published" in refused.stderr
    accepted = kg("ingest", str(text), "--store", str(store), "--published", "2019-03-03",
                  "--source", "SOHR", "--lang", "ar")
    assert accepted.returncode == 0, accepted.stderr
    issued = kg("query", "SELECT ?d WHERE { ?r <http://purl.org/dc/terms/identifier> \"note-1\" ; "
                "<http://purl.org/dc/terms/issued> ?d }", "--store", str(store), "--format", "csv")
    assert issued.stdout.split()[1:] == ["2019-03-03"]


def test_bad_query_is_a_clear_error(tmp_path: Path) -> None:
    result = kg("query", "SELECT ?s WHERE { ?s ?p }", "--store", str(tmp_path / "s"))
    assert result.returncode == 2
    assert "error" in result.stderr.lower()


@pytest.mark.skipif(not (SHARED / "eval" / "score.py").exists(), reason="needs ../shared/eval")
def test_kg_eval_prints_the_same_table_as_the_shared_scorer(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    for name in ("dev-001.json", "dev-009.json", "dev-031.json"):
        shutil.copy(SAMPLES / name, gold / name)
    ours = kg("eval", str(gold))
    assert ours.returncode == 0, ours.stderr
    pred = tmp_path / "pred"
    extracted = kg("extract", str(gold), "--out", str(pred))
    assert extracted.returncode == 0, extracted.stderr
    theirs = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(pred)],
                            capture_output=True, text=True, check=True)
    assert ours.stdout.strip() == theirs.stdout.strip()


def test_a_researcher_covering_yemen_imports_a_geonames_dump_and_extracts_with_it(tmp_path: Path) -> None:
    def row(gid: int, name: str, alternates: str, lat: float, lon: float, fclass: str, fcode: str,
            admin1: str) -> str:
        return "\t".join([str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, "YE", "",
                          admin1, "", "", "", "0", "", "", "Asia/Aden", "2024-01-01"])

    dump = tmp_path / "YE.txt"
    dump.write_text("\n".join([
        row(70225, "Taiz", "Ta'izz,تعز", 13.58, 44.02, "P", "PPLA", "21"),
        row(70222, "Muhafazat Ta`izz", "محافظة تعز", 13.5, 44.0, "A", "ADM1", "21"),
    ]) + "\n", encoding="utf-8")
    index = tmp_path / "ye.idx"
    imported = kg("gazetteer", "import", str(dump), "--dest", str(index))
    assert imported.returncode == 0, imported.stderr
    report = tmp_path / "ye-1.json"
    report.write_text(json.dumps({
        "id": "ye-1", "lang": "ar", "source": "monitor", "published": "2024-03-02",
        "text": "قتل 3 مدنيين بينهم طفل جراء قصف استهدف حياً سكنياً في مدينة تعز يوم أمس.",
    }, ensure_ascii=False), encoding="utf-8")
    extracted = kg("extract", str(report), "--json", "--gazetteer", str(index))
    assert extracted.returncode == 0, extracted.stderr
    prediction = json.loads(extracted.stdout)
    assert prediction["places"] == [70225]
    assert prediction["dates"] == ["2024-03-01"]
    assert [(c["count"], c["part_of"]) for c in prediction["casualties"]][:2] == [(3, None), (1, 0)]


def test_query_prints_graph_results_as_turtle_unless_told_otherwise(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg("ingest", str(SAMPLES / "dev-009.json"), "--store", str(store)).returncode == 0
    construct = "CONSTRUCT { ?r <http://purl.org/dc/terms/identifier> ?id } WHERE { ?r <http://purl.org/dc/terms/identifier> ?id }"
    turtle = kg("query", construct, "--store", str(store))
    assert turtle.returncode == 0, turtle.stderr
    assert '"dev-009"' in turtle.stdout
    refused = kg("query", construct, "--store", str(store), "--format", "csv")
    assert refused.returncode == 2 and "cannot be written as text/csv" in refused.stderr

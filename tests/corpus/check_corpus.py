#!/usr/bin/env python3
"""Validate the independent test corpus and score its gold against itself.

    python3 tests/corpus/check_corpus.py [CORPUS_DIR] [--shared SHARED_DIR]

CORPUS_DIR defaults to the folder this script lives in; SHARED_DIR defaults
to ../shared beside the repository root (where corpus/, gazetteer/ and
eval/ live). Standard library only, so the lead can run it anywhere.

Checks, per report file:
  * it parses as JSON and carries every field of corpus/SCHEMA.md;
  * the id matches the file name, lang is ar/en, dates are ISO days;
  * every casualty claim uses the allowed kinds, qualifiers, groups and
    nationalities, a vague count (null) goes with qualifier "unknown" and
    back, `group` appears only on civilians, and `part_of` points to an
    earlier claim;
  * every actor id and every named side is a row of actors.tsv, and every
    named side is also listed among the report's actors;
  * every GeoNames id exists in gazetteer/SY.tsv and no id is listed twice;
  * a siege lifting has its date among the report's dates and phases
    numbered 1..n.
Finally the gold is written out as predictions (places flattened to the
first acceptable id, as `kg extract --json` would print them) and
eval/score.py must give 1.0 on every field.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

__all__ = ["check_report", "load_reference", "main"]

KINDS = {"killed", "injured", "captured", "missing"}
QUALIFIERS = {"exact", "at_least", "about", "more_than", "unknown"}
GROUPS = {None, "children", "women"}
TOP_FIELDS = ("id", "lang", "source", "published", "text", "gold")
GOLD_FIELDS = ("casualties", "actors", "places", "dates", "siege_lifting")
CLAIM_FIELDS = ("kind", "count", "qualifier", "side", "nationality", "group", "part_of")


def load_reference(shared: Path) -> tuple[set[str], set[str], set[int]]:
    """Actor ids, nationality codes and GeoNames ids the gold may use."""
    def first_column(path: Path) -> list[str]:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]  # skip header
        return [line.split("\t", 1)[0] for line in lines if line.strip()]

    actors = set(first_column(shared / "corpus" / "actors.tsv"))
    nationalities = set(first_column(shared / "corpus" / "nationalities.tsv"))
    geonames = set()
    # SY.tsv has no header (GeoNames dump layout).
    with open(shared / "gazetteer" / "SY.tsv", encoding="utf-8") as fh:
        for line in fh:
            head = line.split("\t", 1)[0]
            if head.isdigit():
                geonames.add(int(head))
    return actors, nationalities, geonames


def _is_day(value: object) -> bool:
    try:
        return isinstance(value, str) and dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def check_report(path: Path, actors: set[str], nationalities: set[str],
                 geonames: set[int]) -> list[str]:
    """Return the problems found in one report file (empty when it is sound)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"does not parse as JSON: {exc}"]
    errors = [f"missing field {f!r}" for f in TOP_FIELDS if f not in doc]
    if errors:
        return errors
    gold = doc["gold"]
    errors += [f"gold lacks {f!r}" for f in GOLD_FIELDS if f not in gold]
    if errors:
        return errors
    if doc["id"] != path.stem:
        errors.append(f"id {doc['id']!r} differs from file name")
    if doc["lang"] not in ("ar", "en"):
        errors.append(f"lang {doc['lang']!r}")
    if not _is_day(doc["published"]):
        errors.append(f"published {doc['published']!r} is not an ISO day")
    if not str(doc["text"]).strip():
        errors.append("empty text")

    claims = gold["casualties"]
    for i, c in enumerate(claims):
        where = f"casualty {i}"
        missing = [f for f in CLAIM_FIELDS if f not in c]
        if missing:
            errors.append(f"{where} lacks {missing}")
            continue
        if c["kind"] not in KINDS:
            errors.append(f"{where}: kind {c['kind']!r}")
        if c["qualifier"] not in QUALIFIERS:
            errors.append(f"{where}: qualifier {c['qualifier']!r}")
        count = c["count"]
        if count is not None and not (isinstance(count, int) and count > 0):
            errors.append(f"{where}: count {count!r}")
        if (count is None) != (c["qualifier"] == "unknown"):
            errors.append(f"{where}: null count and qualifier 'unknown' must go together")
        side = c["side"]
        if side not in (None, "civilians") and side not in actors:
            errors.append(f"{where}: side {side!r} not in actors.tsv")
        if side not in (None, "civilians") and side not in gold["actors"]:
            errors.append(f"{where}: side {side!r} not listed among the actors")
        if c["nationality"] is not None and c["nationality"] not in nationalities:
            errors.append(f"{where}: nationality {c['nationality']!r}")
        if c["group"] not in GROUPS:
            errors.append(f"{where}: group {c['group']!r}")
        if c["group"] is not None and side != "civilians":
            errors.append(f"{where}: group is only for civilians")
        parent = c["part_of"]
        if parent is not None and not (isinstance(parent, int) and 0 <= parent < i):
            errors.append(f"{where}: part_of {parent!r} must index an earlier claim")

    if len(set(gold["actors"])) != len(gold["actors"]):
        errors.append("an actor is listed twice")
    errors += [f"actor {a!r} not in actors.tsv" for a in gold["actors"] if a not in actors]

    seen: set[int] = set()
    for place in gold["places"]:
        if not (isinstance(place, list) and place and all(isinstance(x, int) for x in place)):
            errors.append(f"place {place!r} must be a non-empty list of ids")
            continue
        for gid in place:
            if gid not in geonames:
                errors.append(f"GeoNames id {gid} not in SY.tsv")
            if gid in seen:
                errors.append(f"GeoNames id {gid} listed twice")
            seen.add(gid)

    dates = gold["dates"]
    errors += [f"date {d!r} is not an ISO day" for d in dates if not _is_day(d)]
    if len(set(dates)) != len(dates):
        errors.append("a date is listed twice")

    siege = gold["siege_lifting"]
    if siege is not None:
        for f in ("place", "date", "phases"):
            if f not in siege:
                errors.append(f"siege_lifting lacks {f!r}")
        if not errors:
            errors += [f"siege place {g} not in SY.tsv" for g in siege["place"] if g not in geonames]
            if siege["date"] not in dates:
                errors.append("siege date is not among the dates")
            orders = [ph.get("order") for ph in siege["phases"]]
            if orders != list(range(1, len(orders) + 1)):
                errors.append(f"phase orders {orders} are not 1..n")
            errors += ["a phase lacks a target" for ph in siege["phases"] if not ph.get("target")]
    return errors


def as_prediction(doc: dict) -> dict:
    """The gold in the shape `kg extract --json` prints (flat place ids)."""
    gold = doc["gold"]
    siege = gold["siege_lifting"]
    if siege is not None:
        siege = dict(siege, place=siege["place"][0] if siege["place"] else None)
    return {"id": doc["id"], "casualties": gold["casualties"], "actors": gold["actors"],
            "places": [p[0] for p in gold["places"]], "dates": gold["dates"],
            "siege_lifting": siege}


def self_score(corpus: Path, shared: Path, files: list[Path]) -> list[str]:
    """Run eval/score.py with the gold as prediction; every F1 must be 1.0."""
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            doc = json.loads(f.read_text(encoding="utf-8"))
            (Path(tmp) / f.name).write_text(json.dumps(as_prediction(doc), ensure_ascii=False),
                                            encoding="utf-8")
        run = subprocess.run([sys.executable, str(shared / "eval" / "score.py"),
                              str(corpus), tmp, "--json"],
                             capture_output=True, text=True, check=False)
    if run.returncode != 0:
        return [f"score.py failed: {run.stderr.strip()}"]
    result = json.loads(run.stdout)
    problems = [f"self-score {name}: F1 {row['f1']}"
                for name, row in result["fields"].items() if row["f1"] != 1.0]
    if result["siege.date_accuracy"] not in (None, 1.0):
        problems.append(f"self-score siege date accuracy {result['siege.date_accuracy']}")
    if result["reports"] != len(files):
        problems.append(f"score.py read {result['reports']} reports, expected {len(files)}")
    print(f"self-score over {result['reports']} reports: "
          + ", ".join(f"{k}={v['f1']}" for k, v in result["fields"].items()))
    return problems


def main(argv: list[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=here)
    ap.add_argument("--shared", type=Path, default=here.parent.parent.parent / "shared")
    args = ap.parse_args(argv)
    corpus, shared = args.corpus.resolve(), args.shared.resolve()
    actors, nationalities, geonames = load_reference(shared)
    files = sorted(corpus.glob("*.json"))
    if not files:
        print(f"no report files in {corpus}", file=sys.stderr)
        return 2
    failures = 0
    for f in files:
        for problem in check_report(f, actors, nationalities, geonames):
            failures += 1
            print(f"{f.name}: {problem}")
    problems = self_score(corpus, shared, files)
    for problem in problems:
        print(problem)
    failures += len(problems)
    print(f"{len(files)} reports checked, {failures} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

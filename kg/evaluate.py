"""Score extraction against gold annotations (`kg eval`).

Implements the metrics described in shared/corpus/SCHEMA.md so a researcher
can measure the extractor on their own annotated folder without the
project's shared tooling: casualties at three levels (loose: kind+count;
qualified: +qualifier; strict: +side, nationality, group and the kind/count
of the parent claim), actors and dates as sets, places as "a predicted id
hits a gold place's list of acceptable ids", siege detection, phase orders
and siege date accuracy.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Tally", "evaluate_folder", "format_table", "score_predictions"]

FIELDS = (
    "casualties.loose", "casualties.qualified", "casualties.strict",
    "actors", "places", "dates", "siege.detected", "siege.phases",
)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    reports: int
    predicted: int
    fields: dict[str, Tally]
    siege_date_accuracy: float | None
    per_report: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=dict)


def _bag_match(gold: list, pred: list) -> tuple[int, int, int]:
    common = sum((Counter(gold) & Counter(pred)).values())
    return common, len(pred) - common, len(gold) - common


def _claim_key(claims: list[dict], claim: dict, level: str) -> tuple:
    key: tuple = (claim.get("kind"), claim.get("count"))
    if level == "loose":
        return key
    key += (claim.get("qualifier") or "exact",)
    if level == "qualified":
        return key
    parent_index = claim.get("part_of")
    parent = None
    if isinstance(parent_index, int) and 0 <= parent_index < len(claims):
        parent = (claims[parent_index].get("kind"), claims[parent_index].get("count"))
    return key + tuple(claim.get(k) or None for k in ("side", "nationality", "group")) + (parent,)


def _place_match(gold: list, pred: list) -> tuple[int, int, int]:
    gold_sets = [set(g) if isinstance(g, list) else {g} for g in gold]
    predicted: set[int] = set()
    for p in pred:
        for value in p if isinstance(p, list) else [p]:
            if str(value).isdigit():
                predicted.add(int(value))
    hits = sum(1 for s in gold_sets if s & predicted)
    allowed = set().union(*gold_sets)
    return hits, len(predicted - allowed), len(gold_sets) - hits


def score_predictions(gold: dict[str, dict], pred: dict[str, dict]) -> Scores:
    tallies = {name: Tally() for name in FIELDS}
    dates_right = sieges = 0
    per_report: dict[str, dict[str, tuple[int, int, int]]] = {}
    for rid, g in gold.items():
        p = pred.get(rid, {})
        row: dict[str, tuple[int, int, int]] = {}
        gc, pc = g.get("casualties", []), p.get("casualties", [])
        for level in ("loose", "qualified", "strict"):
            row[f"casualties.{level}"] = _bag_match(
                [_claim_key(gc, c, level) for c in gc], [_claim_key(pc, c, level) for c in pc])
        row["actors"] = _bag_match(sorted(set(g.get("actors", []))), sorted(set(p.get("actors", []))))
        row["places"] = _place_match(g.get("places", []), p.get("places", []))
        row["dates"] = _bag_match(sorted(set(g.get("dates", []))), sorted(set(p.get("dates", []))))
        gs, ps = g.get("siege_lifting"), p.get("siege_lifting")
        row["siege.detected"] = (int(bool(gs and ps)), int(bool(ps and not gs)), int(bool(gs and not ps)))
        if gs:
            sieges += 1
            row["siege.phases"] = _bag_match([ph.get("order") for ph in gs.get("phases", [])],
                                             [ph.get("order") for ph in (ps or {}).get("phases", [])])
            dates_right += int(bool(ps) and ps.get("date") == gs.get("date"))
        else:
            row["siege.phases"] = (0, len((ps or {}).get("phases", [])), 0)
        for name, counts in row.items():
            tallies[name].add(*counts)
        per_report[rid] = row
    return Scores(
        reports=len(gold),
        predicted=sum(1 for rid in gold if rid in pred),
        fields=tallies,
        siege_date_accuracy=round(dates_right / sieges, 3) if sieges else None,
        per_report=per_report,
    )


def evaluate_folder(gold_dir: Path, *, gazetteer: Path | None = None, per_report: bool = False) -> Scores:
    """Run the pipeline over every report in gold_dir and score it against its gold."""
    from kg.extract.pipeline import Resources, extract
    from kg.prediction import to_prediction
    from kg.reports import report_from_doc

    resources = Resources.load(gazetteer=gazetteer)
    gold: dict[str, dict[str, Any]] = {}
    pred: dict[str, dict[str, Any]] = {}
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if "gold" not in doc:
            continue
        report = report_from_doc(doc, str(path))
        gold[report.id] = doc["gold"] or {}
        pred[report.id] = to_prediction(extract(report, resources))
    scores = score_predictions(gold, pred)
    if not per_report:
        scores.per_report = {}
    return scores


def format_table(scores: Scores) -> str:
    lines = [
        f"{scores.reports} gold reports, {scores.predicted} with a prediction",
        f"{'field':24} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}",
    ]
    for name, t in scores.fields.items():
        lines.append(f"{name:24} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f} "
                     f"{t.tp:5d} {t.fp:5d} {t.fn:5d}")
    lines.append(f"siege date accuracy: {scores.siege_date_accuracy}")
    for rid, row in scores.per_report.items():
        lines.append(f"{rid} " + json.dumps(row))
    return "\n".join(lines)

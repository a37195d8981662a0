"""Reading reports from disk: JSON per shared/corpus/SCHEMA.md, or plain text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Iterator

from kg.errors import ReportError
from kg.model import Report

__all__ = ["iter_report_files", "load_report", "report_from_doc", "report_from_text"]

_REQUIRED = ("id", "lang", "published", "text")


def _parse_day(value: object, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReportError(f"{where}: 'published' is not an ISO date: {value!r}") from None


def load_report(path: Path) -> Report:
    """Read one JSON report; raise ReportError naming the file and the problem."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReportError(f"{path}: cannot read report: {exc}") from exc
    return report_from_doc(doc, str(path))


def report_from_doc(doc: object, where: str) -> Report:
    """A report from its parsed JSON document; `where` names it in error messages."""
    if not isinstance(doc, dict):
        raise ReportError(f"{where}: a report must be a JSON object")
    missing = [k for k in _REQUIRED if not doc.get(k)]
    if missing:
        raise ReportError(f"{where}: missing field(s): {', '.join(missing)}")
    if not isinstance(doc["text"], str) or not doc["text"].strip():
        raise ReportError(f"{where}: 'text' must be a non-empty string")
    lang = str(doc["lang"])
    if lang not in ("ar", "en"):
        raise ReportError(f"{where}: 'lang' must be 'ar' or 'en', not {lang!r}")
    return Report(
        id=str(doc["id"]),
        lang=lang,
        published=_parse_day(doc["published"], where),
        source=str(doc.get("source") or "unknown"),
        text=doc["text"],
        title=str(doc.get("title") or ""),
        url=doc.get("url") or None,
    )


def report_from_text(path: Path, *, published: date, source: str, lang: str) -> Report:
    """A plain-text report: the file stem is its id, the first line is not a title."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: cannot read report: {exc}") from exc
    if not text.strip():
        raise ReportError(f"{path}: the file is empty")
    if lang not in ("ar", "en"):
        raise ReportError(f"{path}: lang must be 'ar' or 'en', not {lang!r}")
    return Report(id=path.stem, lang=lang, published=published, source=source, text=text)


def iter_report_files(paths: list[Path]) -> Iterator[Path]:
    """Files named directly, then *.json and *.txt inside folders, sorted."""
    for p in paths:
        if p.is_dir():
            yield from sorted(f for f in p.iterdir() if f.suffix in (".json", ".txt") and f.is_file())
        else:
            yield p

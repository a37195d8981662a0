"""Batch ingest: report files → extraction → graph → SHACL → store.

A report that cannot be read, or whose graph breaks the shapes, is not
stored at all: its file is copied to the quarantine folder beside a
`.errors.txt` that says why, and the batch goes on. Valid graphs are written
in batches, each batch in one store transaction, so a crash never leaves a
report half-written. Re-ingesting a report replaces its named graph.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

import rdflib

from kg.errors import ReportError
from kg.extract.pipeline import Resources, extract
from kg.graph.build import GraphBuildError, build_graph
from kg.graph.iri import (
    ONTOLOGY_GRAPH,
    SHARED_GRAPH,
    VOCABULARY_GRAPH,
    is_actor,
    is_gazetteer_place,
    report_graph_iri,
)
from kg.model import Report
from kg.reports import iter_report_files, load_report, report_from_text
from kg.store.base import Store
from kg.validate import validate

__all__ = [
    "IngestResult", "TextDefaults", "build_and_check", "ingest_paths", "ingest_reports",
    "split_off_shared_entities",
    "load_vocabularies",
]

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
BATCH_SIZE = 64


@dataclass(frozen=True, slots=True)
class TextDefaults:
    """Metadata for plain-text reports, which carry none of their own."""

    published: date
    source: str = "unknown"
    lang: str = "ar"


@dataclass(frozen=True, slots=True)
class IngestResult:
    source: str  # file path or report id
    status: Literal["stored", "invalid", "unreadable"]
    report_id: str | None = None
    graph_iri: str | None = None
    triples: int = 0
    problems: tuple[str, ...] = ()


def load_vocabularies(store: Store, actor_files: tuple[Path, ...] = ()) -> None:
    """Put the ontology and the actor vocabulary (with a researcher's own actor files) in their graphs."""
    store.replace_graph(str(ONTOLOGY_GRAPH), rdflib.Graph().parse(ONTOLOGY_DIR / "kg.ttl"))
    vocabulary = rdflib.Graph().parse(ONTOLOGY_DIR / "actors.ttl")
    for path in actor_files:
        vocabulary.parse(path, format="turtle")
    store.replace_graph(str(VOCABULARY_GRAPH), vocabulary)


def build_and_check(report: Report, resources: Resources) -> tuple[rdflib.Graph, tuple[str, ...]]:
    """The report's graph and, if it must not be stored, the reasons in plain words."""
    try:
        graph = build_graph(extract(report, resources), lookup_place=resources.gazetteer.get)
    except GraphBuildError as exc:
        return rdflib.Graph(), (f"the extraction cannot be expressed as a graph: {exc}",)
    outcome = validate(graph)
    return graph, () if outcome.conforms else tuple(outcome.plain())


def split_off_shared_entities(graph: rdflib.Graph, *, into: rdflib.Graph) -> rdflib.Graph:
    """The report's own triples; descriptions of gazetteer places go `into` the shared graph.

    Actor descriptions are left out: the vocabulary graph holds them (see
    load_vocabularies); the report graph carries them only so it can be
    validated on its own. The report graph keeps every link *to* a place or
    actor (sem:hasPlace, kg:victimSide, kg:mentions…), so deleting the report
    removes exactly its claims and mentions.
    """

    own = rdflib.Graph()
    for prefix, namespace in graph.namespaces():
        own.bind(prefix, namespace, replace=True)
    for triple in graph:
        if is_gazetteer_place(triple[0]):
            into.add(triple)
        elif not is_actor(triple[0]):
            own.add(triple)
    return own


def ingest_reports(
    store: Store,
    reports: Iterable[tuple[str, Report]],
    resources: Resources,
    *,
    on_invalid: Callable[[str, tuple[str, ...]], None] = lambda source, problems: None,
) -> Iterator[IngestResult]:
    """Ingest (source, report) pairs; yields one result per report as its batch lands."""
    pending: list[tuple[IngestResult, rdflib.Graph]] = []
    shared = rdflib.Graph()

    def flush() -> Iterator[IngestResult]:
        if pending:
            # Place descriptions first: a crash in between then leaves a described
            # place nobody names yet, never a report naming an undescribed place.
            store.merge_graph(str(SHARED_GRAPH), shared)
            shared.remove((None, None, None))
            store.replace_graphs((r.graph_iri, g) for r, g in pending)  # type: ignore[misc]
            yield from (r for r, _ in pending)
            pending.clear()

    for source, report in reports:
        graph, problems = build_and_check(report, resources)
        if problems:
            on_invalid(source, problems)
            yield IngestResult(source, "invalid", report.id, problems=problems)
            continue
        iri = str(report_graph_iri(report.id))
        own = split_off_shared_entities(graph, into=shared)
        pending.append((IngestResult(source, "stored", report.id, iri, len(own)), own))
        if len(pending) >= BATCH_SIZE:
            yield from flush()
    yield from flush()


def quarantine(path: Path, problems: Iterable[str], folder: Path) -> Path:
    """Copy a rejected report aside with the reasons; the original is left untouched."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    shutil.copy2(path, target)
    target.with_name(target.name + ".errors.txt").write_text("\n".join(problems) + "\n", encoding="utf-8")
    return target


def ingest_paths(
    store: Store,
    paths: list[Path],
    resources: Resources,
    *,
    quarantine_dir: Path | None,
    text_defaults: TextDefaults | None = None,
) -> Iterator[IngestResult]:
    """Ingest report files and folders (JSON per SCHEMA.md; .txt with text_defaults)."""
    unreadable: list[IngestResult] = []

    def reports() -> Iterator[tuple[str, Report]]:
        for path in iter_report_files(paths):
            try:
                if path.suffix == ".txt":
                    if text_defaults is None:
                        raise ReportError(f"{path}: a .txt report needs --published (and --source, --lang)")
                    report = report_from_text(
                        path,
                        published=text_defaults.published,
                        source=text_defaults.source,
                        lang=text_defaults.lang,
                    )
                else:
                    report = load_report(path)
            except ReportError as exc:
                if quarantine_dir is not None and path.is_file():
                    quarantine(path, [str(exc)], quarantine_dir)
                unreadable.append(IngestResult(str(path), "unreadable", problems=(str(exc),)))
                continue
            yield str(path), report

    def on_invalid(source: str, problems: tuple[str, ...]) -> None:
        if quarantine_dir is not None:
            quarantine(Path(source), problems, quarantine_dir)

    yield from ingest_reports(store, reports(), resources, on_invalid=on_invalid)
    yield from unreadable

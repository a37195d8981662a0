"""The `kg` command: thin typer commands over the library functions."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from kg.errors import KgError, ReportError

app = typer.Typer(
    help="conflict-kg: conflict reports → validated RDF knowledge graph → SPARQL.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
gazetteer_app = typer.Typer(help="Manage the GeoNames gazetteer used for place linking.")
app.add_typer(gazetteer_app, name="gazetteer")

err = Console(stderr=True, soft_wrap=True)  # paths and example queries must stay copyable

StoreOpt = Annotated[
    Path,
    typer.Option(
        "--store",
        envvar="KG_STORE",
        help="Folder of the on-disk store (env KG_STORE).",
    ),
]
DEFAULT_STORE = Path("kg-data")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Report files (.json) or folders of them.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the prediction JSON (SCHEMA.md).")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write <id>.json per report here.")] = None,
    gazetteer: Annotated[Optional[Path], typer.Option(help="Gazetteer index or GeoNames dump.")] = None,
    actors: Annotated[list[Path], typer.Option("--actors", help="Extra actor vocabulary (Turtle).")] = [],
) -> None:
    """Extract casualties, actors, places, dates and sieges from reports."""
    from kg.extract.pipeline import Resources, extract as run
    from kg.prediction import to_prediction
    from kg.reports import iter_report_files, load_report

    resources = Resources.load(gazetteer=gazetteer, actor_files=tuple(actors))
    if out:
        out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for path in iter_report_files(paths):
        if path.suffix != ".json":
            continue
        try:
            report = load_report(path)
        except ReportError as exc:
            err.print(f"[red]skipped[/] {exc}", highlight=False)
            failures += 1
            continue
        prediction = to_prediction(run(report, resources))
        text = json.dumps(prediction, ensure_ascii=False, indent=2)
        if out:
            (out / f"{report.id}.json").write_text(text + "\n", encoding="utf-8")
        elif as_json:
            print(text)
        else:
            print(f"{report.id}: {len(prediction['casualties'])} claims, "
                  f"{len(prediction['actors'])} actors, {len(prediction['places'])} places")
    if failures:
        raise typer.Exit(1)



def _open_store(path: Path, settings=None):
    """The on-disk store; for the server, with its worker pool and in-memory read copy."""
    from kg.store.oxigraph import OxigraphStore

    path.mkdir(parents=True, exist_ok=True)
    if settings is None:
        return OxigraphStore(path)
    return OxigraphStore(path, query_workers=settings.query_workers, read_copy=settings.memory_copy)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Report files (.json, .txt) or folders.")],
    store: StoreOpt = DEFAULT_STORE,
    published: Annotated[Optional[str], typer.Option(help="Publication date of .txt reports (YYYY-MM-DD).")] = None,
    source: Annotated[str, typer.Option(help="Publisher of .txt reports.")] = "unknown",
    lang: Annotated[str, typer.Option(help="Language of .txt reports: ar or en.")] = "ar",
    quarantine: Annotated[Path, typer.Option(help="Where rejected reports are copied, with reasons.")] = Path("quarantine"),
    gazetteer: Annotated[Optional[Path], typer.Option(help="Gazetteer index or GeoNames dump.")] = None,
    actors: Annotated[list[Path], typer.Option("--actors", help="Extra actor vocabulary (Turtle).")] = [],
) -> None:
    """Extract, validate (SHACL) and store reports, one named graph each."""
    from kg.extract.pipeline import Resources
    from kg.ingest import TextDefaults, ingest_paths, load_vocabularies

    defaults = None
    if published:
        try:
            defaults = TextDefaults(date.fromisoformat(published), source, lang)
        except ValueError:
            _fail(f"--published must be YYYY-MM-DD, not {published!r}", 2)
    resources = Resources.load(gazetteer=gazetteer, actor_files=tuple(actors))
    kg_store = _open_store(store)
    stored = rejected = 0
    try:
        load_vocabularies(kg_store, tuple(actors))
        for result in ingest_paths(kg_store, paths, resources, quarantine_dir=quarantine,
                                   text_defaults=defaults):
            if result.status == "stored":
                stored += 1
                err.print(f"[green]stored[/]   {result.report_id}  {result.triples} triples", highlight=False)
            else:
                rejected += 1
                err.print(f"[red]{result.status}[/] {result.source}", highlight=False)
                for problem in result.problems:
                    err.print(f"    - {problem}", highlight=False)
        total = kg_store.triple_count()
    finally:
        kg_store.close()
    err.print(f"{stored} report(s) stored, {rejected} rejected"
              + (f" (copied to {quarantine}/ with reasons)" if rejected else "")
              + f"; store {store.resolve()} holds {total} triples")
    if rejected:
        raise typer.Exit(1)


_CLI_FORMATS = {
    "csv": "text/csv", "tsv": "text/tab-separated-values",
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "turtle": "text/turtle", "ntriples": "application/n-triples", "nquads": "application/n-quads",
    "trig": "application/trig", "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml",
}


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="A SPARQL query, or @FILE to read it from a file.")],
    store: StoreOpt = DEFAULT_STORE,
    fmt: Annotated[Optional[str], typer.Option(
        "--format", help="tsv, csv, json, xml (SELECT/ASK); turtle, ntriples, nquads, trig, jsonld, "
                         "rdfxml (CONSTRUCT/DESCRIBE). Default: tsv or turtle.")] = None,
) -> None:
    """Run a read-only SPARQL query against the store and print the result."""
    from kg.errors import UnsupportedMediaType

    text = Path(sparql[1:]).read_text(encoding="utf-8") if sparql.startswith("@") else sparql
    kg_store = _open_store(store)
    try:
        try:
            outcome = kg_store.query(text, media_type=_CLI_FORMATS.get(fmt or "tsv", fmt or "tsv"))
        except UnsupportedMediaType:
            if fmt:  # asked for explicitly: say it cannot be done
                raise
            outcome = kg_store.query(text, media_type=_CLI_FORMATS["turtle"])
    except KgError as exc:
        _fail(str(exc), 2)
    finally:
        kg_store.close()
    sys.stdout.write(outcome.body.decode("utf-8"))


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Report files (.json) or folders.")],
    gazetteer: Annotated[Optional[Path], typer.Option(help="Gazetteer index or GeoNames dump.")] = None,
    actors: Annotated[list[Path], typer.Option("--actors", help="Extra actor vocabulary (Turtle).")] = [],
) -> None:
    """Extract and build each report's graph and check it against the SHACL shapes, storing nothing."""
    from kg.extract.pipeline import Resources
    from kg.ingest import build_and_check
    from kg.reports import iter_report_files, load_report

    resources = Resources.load(gazetteer=gazetteer, actor_files=tuple(actors))
    bad = 0
    for path in iter_report_files(paths):
        try:
            report = load_report(path)
        except ReportError as exc:
            bad += 1
            err.print(f"[red]unreadable[/] {exc}", highlight=False)
            continue
        _, problems = build_and_check(report, resources)
        if not problems:
            err.print(f"[green]valid[/]   {report.id}", highlight=False)
        else:
            bad += 1
            err.print(f"[red]invalid[/] {report.id}", highlight=False)
            for line in problems:
                err.print(f"    - {line}", highlight=False)
    if bad:
        raise typer.Exit(1)


@app.command()
def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[str, typer.Option(envvar="KG_HOST")] = "127.0.0.1",
    port: Annotated[int, typer.Option(envvar="KG_PORT")] = 8000,
) -> None:
    """Serve the SPARQL endpoint, Linked Data pages and the explorer UI."""
    import dataclasses

    import uvicorn

    from api.app import create_app
    from kg.settings import Settings

    settings = dataclasses.replace(Settings.from_env(), store_path=store, host=host, port=port)
    kg_store = _open_store(store, settings)
    err.print(f"data: {store.resolve()}  ({kg_store.triple_count()} triples)")
    err.print(f"endpoint: http://{host}:{port}/sparql   explorer: http://{host}:{port}/")
    err.print("example: curl -H 'Accept: text/csv' --data-urlencode "
              "'query=SELECT ?claim ?count WHERE { ?claim a <https://w3id.org/conflict-kg/ontology#CasualtyClaim> ; "
              f"<https://w3id.org/conflict-kg/ontology#count> ?count }} LIMIT 10' http://{host}:{port}/sparql")
    try:
        uvicorn.run(create_app(settings, kg_store), host=host, port=port, log_level="info")
    finally:
        kg_store.close()


@app.command("eval")
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of reports with gold annotations.")],
    gazetteer: Annotated[Optional[Path], typer.Option(help="Gazetteer index or GeoNames dump.")] = None,
    per_report: Annotated[bool, typer.Option("--per-report", help="Add (tp, fp, fn) per report.")] = False,
) -> None:
    """Extract every report in GOLD_DIR and print the scorer's table."""
    from kg.evaluate import evaluate_folder, format_table

    print(format_table(evaluate_folder(gold_dir, gazetteer=gazetteer, per_report=per_report)))


@gazetteer_app.command("import")
def gazetteer_import(
    dump: Annotated[Path, typer.Argument(help="A GeoNames dump: SY.txt, YE.txt, allCountries.txt…")],
    dest: Annotated[Path, typer.Option(help="Where to write the index.")] = Path("gazetteer.idx"),
) -> None:
    """Build a place index from any GeoNames dump; pass it to other commands with --gazetteer."""
    from kg.link.gazetteer import Gazetteer

    rows = Gazetteer.import_dump(dump, dest)
    err.print(f"imported {rows} places from {dump} into {dest}; use --gazetteer {dest}")


def main() -> None:  # pragma: no cover - console entry
    try:
        app()
    except KgError as exc:
        _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

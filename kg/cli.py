"""The `kg` command: thin typer commands over the library functions."""

from __future__ import annotations

import json
import os
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

err = Console(stderr=True)

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


def main() -> None:  # pragma: no cover - console entry
    try:
        app()
    except KgError as exc:
        _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

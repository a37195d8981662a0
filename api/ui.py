"""The browser explorer: GET / serves the page, plus its own assets.

Everything the page needs is served by this router, so it works with no
network: our own files from api/static/, and a fixed list of files from
ui/node_modules (installed with `npm ci --prefix ui`). Only the listed
vendor files are reachable; nothing else under node_modules is exposed.

Example research queries live as plain .rq files in api/static/queries/ so
researchers can read, copy or download them; their first comment lines give
the title and the description shown in the menu.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from fastapi import APIRouter, HTTPException
from fastapi.responses import FileResponse, HTMLResponse

from kg.graph.vocab import ID, PREFIXES

__all__ = [
    "EXAMPLES_DIR",
    "STATIC_DIR",
    "TEMPLATES_DIR",
    "VENDOR_DIR",
    "VENDOR_FILES",
    "Example",
    "load_examples",
    "router",
    "templates",
]

_HERE = Path(__file__).resolve().parent
STATIC_DIR = _HERE / "static"
TEMPLATES_DIR = _HERE / "templates"
EXAMPLES_DIR = STATIC_DIR / "queries"
VENDOR_DIR = _HERE.parent / "ui" / "node_modules"

# URL path below /vendor/ → file below ui/node_modules. Only these are served.
VENDOR_FILES: dict[str, str] = {
    "codemirror/codemirror.js": "codemirror/lib/codemirror.js",
    "codemirror/codemirror.css": "codemirror/lib/codemirror.css",
    "codemirror/sparql.js": "codemirror/mode/sparql/sparql.js",
    "codemirror/matchbrackets.js": "codemirror/addon/edit/matchbrackets.js",
    "codemirror/closebrackets.js": "codemirror/addon/edit/closebrackets.js",
    "cytoscape/cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "topojson/topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-50m.json": "world-atlas/countries-50m.json",
}

_MEDIA_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".rq": "application/sparql-query; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".html": "text/html; charset=utf-8",
}

router = APIRouter(tags=["ui"])


@lru_cache(maxsize=1)
def templates() -> jinja2.Environment:
    """The Jinja2 environment shared by the explorer and the entity pages."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(["html", "xml"], default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass(frozen=True, slots=True)
class Example:
    """One research query of the menu."""

    id: str
    title: str
    description: str
    query: str  # body without PREFIX lines; the page declares the prefixes it uses
    view: str  # the result view that shows it best: table | graph | map


_HEADER = re.compile(r"^#\s*(title|description|view)\s*:\s*(.*)$")


def _parse_example(path: Path) -> Example:
    fields: dict[str, str] = {}
    body: list[str] = []
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _HEADER.match(line) if in_header else None
        if match:
            key, value = match.groups()
            fields[key] = (fields.get(key, "") + " " + value).strip()
            continue
        in_header = False
        body.append(line)
    if "title" not in fields:
        raise ValueError(f"example query {path.name} has no '# title:' line")
    return Example(
        id=path.stem,
        title=fields["title"],
        description=fields.get("description", ""),
        query="\n".join(body).strip() + "\n",
        view=fields.get("view", "table"),
    )


@lru_cache(maxsize=1)
def load_examples() -> tuple[Example, ...]:
    """All example queries, in file-name order."""
    return tuple(_parse_example(p) for p in sorted(EXAMPLES_DIR.glob("*.rq")))


def _safe_file(base: Path, relative: str) -> Path:
    """`base/relative` if it is a file inside `base`; 404 otherwise (no path escapes)."""
    candidate = (base / relative).resolve()
    if base.resolve() not in candidate.parents or not candidate.is_file():
        raise HTTPException(status_code=404, detail=f"no such asset: {relative}")
    return candidate


def _file_response(path: Path) -> FileResponse:
    media_type = _MEDIA_TYPES.get(path.suffix, "application/octet-stream")
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=3600"})


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def explorer_page() -> HTMLResponse:
    page = templates().get_template("explorer.html").render(
        # Rendered with |tojson, which escapes "<" so no value can close the script tag.
        config={
            "endpoint": "/sparql",
            "prefixes": PREFIXES,
            "idBase": str(ID),
            "examples": [asdict(e) for e in load_examples()],
        },
        examples=load_examples(),
    )
    return HTMLResponse(page)


@router.get("/assets/{path:path}", include_in_schema=False)
def static_asset(path: str) -> FileResponse:
    return _file_response(_safe_file(STATIC_DIR, path))


@router.get("/vendor/{path:path}", include_in_schema=False)
def vendor_asset(path: str) -> FileResponse:
    target = VENDOR_FILES.get(path)
    if target is None:
        raise HTTPException(status_code=404, detail=f"no such vendor asset: {path}")
    file = VENDOR_DIR / target
    if not file.is_file():
        # The front-end packages are not installed: say how to fix it.
        raise HTTPException(
            status_code=404,
            detail=f"{target} is missing; install the UI packages with `npm ci --prefix ui`",
        )
    return _file_response(file)

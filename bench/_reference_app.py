"""A deliberately minimal SPARQL server over the same on-disk store: a yardstick.

    uvicorn --factory _reference_app:make_app --app-dir bench   (KG_STORE=folder)

Run by `sparql_load.py run --reference` beside the project's server. It has
none of the project's features (no time limit, row cap, negotiation, error
envelope, dataset parameters), so its figures are a ceiling for this machine,
not a target to copy: the gap between it and the project's server is the cost
of those features and of the request path, which is what the bench reports.
"""

from __future__ import annotations

import os

__all__ = ["make_app"]


def make_app():  # noqa: ANN201 - the FastAPI app
    import pyoxigraph as ox
    from fastapi import FastAPI, Response

    store = ox.Store.read_only(os.environ["KG_STORE"])
    app = FastAPI()

    @app.get("/sparql")
    def sparql(query: str) -> Response:  # sync: Starlette runs it in its thread pool
        result = store.query(query, use_default_graph_as_union=True)
        body = result.serialize(format=ox.QueryResultsFormat.JSON)  # SELECT and ASK alike
        return Response(body, media_type="application/sparql-results+json")

    return app

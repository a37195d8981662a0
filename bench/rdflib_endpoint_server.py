"""Serve an N-Quads file with rdflib-endpoint, the baseline of the SPARQL bench.

Runs inside bench/.venv-rdflib-endpoint (see requirements-rdflib-endpoint.txt),
never in the project's venv, so the baseline's dependencies cannot leak into
the project. Started by sparql_load.py:

    bench/.venv-rdflib-endpoint/bin/python bench/rdflib_endpoint_server.py DATA.nq PORT

The data go into an rdflib Dataset whose default graph is the union of the
named graphs — what `rdflib-endpoint serve` itself does — and the endpoint is
mounted at /sparql, the same path as the project's server.
"""

from __future__ import annotations

import argparse
import sys
import time

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="N-Quads file")
    parser.add_argument("port", type=int)
    args = parser.parse_args(argv)

    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(args.data, format="nquads")
    print(f"rdflib-endpoint: loaded {len(dataset):,} distinct triples in "
          f"{time.perf_counter() - started:.1f} s", flush=True)

    app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=args.port, workers=1, log_level="warning", access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

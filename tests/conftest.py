"""Shared fixtures: a real server over a real on-disk store.

`live_server` — the app under uvicorn on a free 127.0.0.1 port, in a thread,
over an OxigraphStore in tmp_path. It yields a `LiveServer`:

    live_server.url            "http://127.0.0.1:<port>" (no trailing slash)
    live_server.store          the OxigraphStore the server reads (write to it directly)
    live_server.store_path     its folder
    live_server.settings       the kg.settings.Settings the app runs with
    live_server.write_token    the bearer token writes need ("test-write-token")
    live_server.load(graph_iri, graph)        replace a named graph with an rdflib Graph
    live_server.load_turtle(graph_iri, path)  same, from a Turtle file

`server` — `live_server` holding the two hand-written report graphs of
tests/data/ (FIXTURE_GRAPHS), for the protocol tests.

`make_live_server(**settings)` — a factory for servers with other settings, e.g.
`make_live_server(query_timeout_s=0.5, row_cap=10, write_token=None)`; every
server it starts is stopped (and its store closed) at the end of the test.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import rdflib
import uvicorn

from api.app import create_app
from kg.settings import Settings
from kg.store.oxigraph import OxigraphStore

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO / ".." / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"
WRITE_TOKEN = "test-write-token"


@dataclass
class LiveServer:
    url: str
    store: OxigraphStore
    store_path: Path
    settings: Settings

    @property
    def write_token(self) -> str | None:
        return self.settings.write_token

    def load(self, graph_iri: str, graph: rdflib.Graph) -> None:
        self.store.replace_graph(graph_iri, graph)

    def load_turtle(self, graph_iri: str, path: Path | str) -> rdflib.Graph:
        graph = rdflib.Graph().parse(str(path), format="turtle")
        self.load(graph_iri, graph)
        return graph


class _ServerThread:
    """uvicorn serving `app` from a thread, on a socket bound before it starts."""

    def __init__(self, app: Any) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))  # the OS picks a free port: no race
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(app, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.socket.close()


@pytest.fixture
def make_live_server(tmp_path: Path) -> Iterator[Callable[..., LiveServer]]:
    started: list[tuple[_ServerThread, OxigraphStore]] = []

    def start(**overrides: Any) -> LiveServer:
        store_path = tmp_path / f"store-{len(started)}"
        values: dict[str, Any] = {"store_path": store_path, "write_token": WRITE_TOKEN}
        values.update(overrides)
        settings = Settings(**values)
        store = OxigraphStore(store_path, query_workers=settings.query_workers)
        server = _ServerThread(create_app(settings, store))
        started.append((server, store))
        server.start()
        return LiveServer(f"http://127.0.0.1:{server.port}", store, store_path, settings)

    yield start
    for server, store in reversed(started):
        server.stop()
        store.close()


@pytest.fixture
def live_server(make_live_server: Callable[..., LiveServer]) -> LiveServer:
    return make_live_server()


FIXTURE_GRAPHS = {
    "https://w3id.org/conflict-kg/id/graph/fixture-a": "store_report_a.ttl",
    "https://w3id.org/conflict-kg/id/graph/fixture-b": "store_report_b.ttl",
}


def fixture_graph(name: str) -> rdflib.Graph:
    """One of the hand-written Turtle files of tests/data/, parsed."""
    return rdflib.Graph().parse(str(TEST_DATA / name), format="turtle")


@pytest.fixture
def server(live_server: LiveServer) -> LiveServer:
    for graph_iri, name in FIXTURE_GRAPHS.items():
        live_server.load(graph_iri, fixture_graph(name))
    return live_server

"""The FastAPI application factory: `create_app(settings, store)`.

No module-global app or store: every test and every `kg serve` builds its own.
Handlers that touch the store either are plain `def` functions, which Starlette
runs in its thread pool, or (the SPARQL endpoint) await the store's own query
pool, so a slow query never blocks the event loop.

A store opened here keeps an in-memory read copy of the on-disk store (see
kg.store.oxigraph): queries evaluate several times faster for twice the memory.
`Settings.memory_copy` switches it off where memory is short.
"""

from __future__ import annotations

import inspect
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import install_error_handlers
from api import ui
from api.routers import graph_store, resources, service, sparql
from kg.settings import Settings
from kg.store.base import Store

__all__ = ["LIMIT_HEADERS", "LimitHeaders", "create_app"]

# Headers that tell every client the limits its queries run under.
LIMIT_HEADERS = ("X-Query-Time-Limit", "X-Row-Cap")

# Recent FastAPI versions carry an OpenTelemetry hook that looks up the global
# providers (and the environment) on every request even when none is set up,
# about a tenth of a small query's time here; nothing in this project uses it. A
# deployment that wants OTel spans can wrap the app with its own middleware.
_NO_TELEMETRY = (
    {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the web application over `store` (opened from settings.store_path if None).

    A store passed in stays the caller's to close; a store opened here is closed
    when the application shuts down.
    """
    owns_store = store is None
    if store is None:
        from kg.store.oxigraph import OxigraphStore

        store = OxigraphStore(settings.store_path, query_workers=settings.query_workers,
                              read_copy=settings.memory_copy)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if owns_store:
                app.state.store.close()

    app = FastAPI(
        title="conflict-kg",
        description="SPARQL 1.1 endpoint and Linked Data for conflict-report claims.",
        lifespan=lifespan,
        **_NO_TELEMETRY,
    )
    app.state.settings = settings
    app.state.store = store

    install_error_handlers(app)
    app.add_middleware(LimitHeaders, settings=settings)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS"],
        allow_headers=["Accept", "Authorization", "Content-Type"],
        expose_headers=list(LIMIT_HEADERS),
    )

    app.include_router(sparql.router)
    app.include_router(graph_store.router)
    app.include_router(service.router)
    app.include_router(resources.router)
    app.include_router(ui.router)
    return app


class LimitHeaders:
    """ASGI middleware stating the query limits on every HTTP response.

    Plain ASGI rather than @app.middleware("http"): no extra task per request and
    streaming responses pass through untouched.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.headers = [
            (b"x-query-time-limit", f"{settings.query_timeout_s:g}".encode()),
            (b"x-row-cap", str(settings.row_cap).encode()),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_limits(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_limits)

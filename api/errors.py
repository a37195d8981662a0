"""One JSON error envelope for every endpoint: {"error": {"code", "message"}}.

Errors the project raises on purpose (kg.errors) map to fixed HTTP statuses;
anything unexpected becomes a 500 whose message does not leak internals (the
details go to the server log).
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import (
    KgError,
    QueryNotAllowed,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    UnsupportedMediaType,
)

__all__ = ["ApiError", "error_response", "install_error_handlers"]

log = logging.getLogger("kg.api")

# Most specific class first: the first isinstance match decides.
_KG_STATUS: tuple[tuple[type[KgError], int, str], ...] = (
    (QuerySyntaxError, 400, "query_syntax_error"),
    (QueryNotAllowed, 403, "forbidden"),
    (ResultTooLarge, 413, "result_too_large"),
    (QueryTimeout, 503, "query_timeout"),
    (UnsupportedMediaType, 406, "not_acceptable"),
)


class ApiError(Exception):
    """An HTTP error with a stable machine code and a message for people."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None):
    return JSONResponse(
        {"error": {"code": code, "message": message}}, status_code=status, headers=headers
    )


def _code_for_status(status: int) -> str:
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(KgError)
    async def _kg_error(request: Request, exc: KgError):
        for cls, status, code in _KG_STATUS:
            if isinstance(exc, cls):
                return error_response(status, code, str(exc))
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(500, "store_error", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return error_response(
            exc.status_code, _code_for_status(exc.status_code), message, exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg')}"
            for err in exc.errors()
        )
        return error_response(400, "bad_request", problems or "malformed request")

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "internal server error; see the server log")

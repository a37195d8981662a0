"""Every error conflict-kg raises on purpose, as one tree.

    KgError
    ├── ReportError            a report file cannot be read or is malformed
    ├── ValidationFailed       a report graph breaks the SHACL shapes
    ├── GazetteerError         a gazetteer dump cannot be read
    └── StoreError
        ├── QueryError
        │   ├── QuerySyntaxError     the query does not parse (HTTP 400)
        │   ├── QueryNotAllowed      an update sent to the read-only endpoint (HTTP 403)
        │   ├── QueryTimeout         over the time limit (HTTP 503)
        │   └── ResultTooLarge       over the row cap (HTTP 413)
        └── UnsupportedMediaType     no serialisation for the Accept header (HTTP 406)
"""

from __future__ import annotations

__all__ = [
    "GazetteerError", "KgError", "QueryError", "QueryNotAllowed", "QuerySyntaxError",
    "QueryTimeout", "ReportError", "ResultTooLarge", "StoreError", "UnsupportedMediaType",
    "ValidationFailed",
]


class KgError(Exception):
    """Base of all errors raised on purpose by conflict-kg."""


class ReportError(KgError):
    """A report cannot be read: bad JSON, missing field, bad date."""


class ValidationFailed(KgError):
    """A report graph violates the shapes; `violations` holds plain-words messages."""

    def __init__(self, report_id: str, violations: list[str]) -> None:
        self.report_id = report_id
        self.violations = violations
        super().__init__(f"report {report_id} fails validation: " + "; ".join(violations))


class GazetteerError(KgError):
    """A gazetteer dump cannot be read."""


class StoreError(KgError):
    """The store refused or failed an operation."""


class QueryError(StoreError):
    """A query cannot be answered as asked."""


class QuerySyntaxError(QueryError):
    """The query does not parse; the message is the parser's."""


class QueryNotAllowed(QueryError):
    """An update or other write sent where only reads are allowed."""


class QueryTimeout(QueryError):
    """The query ran past the configured time limit."""


class ResultTooLarge(QueryError):
    """The result has more rows than the configured cap."""


class UnsupportedMediaType(StoreError):
    """No serialisation of this result form matches the Accept header."""

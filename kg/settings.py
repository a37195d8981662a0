"""Run-time settings of the store and the SPARQL service, declared as one table.

Every setting is a row of `SETTINGS_TABLE` (name, environment variable,
default, doc). `Settings.from_env()` reads the environment once, at start-up;
request handlers receive the frozen `Settings` object and never look at
`os.environ` themselves, so a test can build any configuration in-process.
`settings_markdown()` renders the same table for the docs, so the docs can be
checked against the code instead of drifting from it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from kg.errors import KgError

__all__ = ["SETTINGS_TABLE", "Setting", "Settings", "SettingsError", "settings_markdown"]


class SettingsError(KgError):
    """An environment variable holds a value the setting cannot take."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One row of the settings table."""

    name: str
    env: str
    default: Any
    doc: str
    parse: Callable[[str], Any] = str


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise ValueError("must be greater than 0")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise ValueError("must be greater than 0")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise ValueError("must be between 0 and 65535")
    return value


def _optional_text(text: str) -> str | None:
    # An empty variable means "unset": `KG_WRITE_TOKEN= kg serve` disables writes.
    return text.strip() or None


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError("expected true or false")


def _base_url(text: str) -> str | None:
    text = text.strip()
    return text.rstrip("/") if text else None


SETTINGS_TABLE: tuple[Setting, ...] = (
    Setting("store_path", "KG_STORE", Path("kg-data"),
            "Folder of the on-disk Oxigraph store.", Path),
    Setting("host", "KG_HOST", "127.0.0.1",
            "Interface the HTTP server listens on."),
    Setting("port", "KG_PORT", 8000,
            "TCP port the HTTP server listens on.", _port),
    Setting("query_timeout_s", "KG_QUERY_TIMEOUT", 10.0,
            "Time limit of one SPARQL query, in seconds (over it: HTTP 503).", _positive_float),
    Setting("row_cap", "KG_ROW_CAP", 10_000,
            "Most result rows (or triples) one query may return (over it: HTTP 413).",
            _positive_int),
    Setting("query_workers", "KG_QUERY_WORKERS", 4,
            "Queries evaluated at the same time; further queries wait (within their time limit).",
            _positive_int),
    Setting("memory_copy", "KG_MEMORY_COPY", True,
            "Answer queries from an in-memory copy of the on-disk store (3-7x faster; about "
            "0.4 GB per million triples). The disk stays the store of record: writes go to it "
            "first.", _flag),
    Setting("write_token", "KG_WRITE_TOKEN", None,
            "Bearer token for SPARQL Update and Graph Store writes; unset = read-only.",
            _optional_text),
    Setting("public_base_url", "KG_PUBLIC_BASE_URL", None,
            "Public URL of the service (e.g. https://kg.example.org); unset = taken from "
            "each request.", _base_url),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Frozen run-time configuration; see SETTINGS_TABLE for what each field means."""

    store_path: Path = Path("kg-data")
    host: str = "127.0.0.1"
    port: int = 8000
    query_timeout_s: float = 10.0
    row_cap: int = 10_000
    query_workers: int = 4
    memory_copy: bool = True
    write_token: str | None = field(default=None, repr=False)  # never printed in logs
    public_base_url: str | None = None

    @property
    def writes_enabled(self) -> bool:
        return self.write_token is not None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> "Settings":
        """Read every setting from `environ` (default: os.environ), then apply `overrides`."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for row in SETTINGS_TABLE:
            raw = environ.get(row.env)
            if raw is None:
                continue
            try:
                values[row.name] = row.parse(raw)
            except ValueError as exc:
                raise SettingsError(f"{row.env}={raw!r}: {exc}") from None
        values.update(overrides)
        return cls(**values)

    def with_changes(self, **changes: Any) -> "Settings":
        return replace(self, **changes)


def settings_markdown() -> str:
    """The settings table as Markdown, for the docs."""
    lines = ["| setting | environment variable | default | meaning |", "|---|---|---|---|"]
    for row in SETTINGS_TABLE:
        default = "unset" if row.default is None else f"`{row.default}`"
        lines.append(f"| `{row.name}` | `{row.env}` | {default} | {row.doc} |")
    return "\n".join(lines) + "\n"


def _check_table_matches_dataclass() -> None:
    # The table and the dataclass must list the same names with the same defaults;
    # checked at import so a new field without a table row fails loudly.
    declared = {f.name: f.default for f in fields(Settings)}
    tabled = {row.name: row.default for row in SETTINGS_TABLE}
    if declared != tabled:
        raise RuntimeError(f"Settings and SETTINGS_TABLE disagree: {declared} vs {tabled}")


_check_table_matches_dataclass()

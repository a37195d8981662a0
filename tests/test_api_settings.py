"""Settings (read once from the environment) and content negotiation rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.negotiation import choose, parse_accept
from kg.errors import UnsupportedMediaType
from kg.settings import SETTINGS_TABLE, Settings, SettingsError, settings_markdown

OFFERS = ("application/sparql-results+json", "text/csv", "text/html")


def test_defaults_without_environment() -> None:
    settings = Settings.from_env({})
    assert settings == Settings()
    assert settings.store_path == Path("kg-data")
    assert settings.port == 8000
    assert settings.write_token is None and not settings.writes_enabled


def test_every_setting_is_read_from_its_variable() -> None:
    environ = {
        "KG_STORE": "/data/kg", "KG_HOST": "0.0.0.0", "KG_PORT": "9000",
        "KG_QUERY_TIMEOUT": "2.5", "KG_ROW_CAP": "50", "KG_QUERY_WORKERS": "2",
        "KG_MEMORY_COPY": "off", "KG_WRITE_TOKEN": "s3cret", "KG_PUBLIC_BASE_URL": "https://kg.example.org/",
    }
    assert {row.env for row in SETTINGS_TABLE} == set(environ)
    settings = Settings.from_env(environ)
    assert settings == Settings(
        store_path=Path("/data/kg"), host="0.0.0.0", port=9000, query_timeout_s=2.5,
        row_cap=50, query_workers=2, memory_copy=False, write_token="s3cret",
        public_base_url="https://kg.example.org",
    )
    assert "s3cret" not in repr(settings)


def test_empty_write_token_means_read_only() -> None:
    assert Settings.from_env({"KG_WRITE_TOKEN": "  "}).write_token is None


@pytest.mark.parametrize("env,value", [
    ("KG_PORT", "eighty"), ("KG_PORT", "70000"), ("KG_QUERY_TIMEOUT", "0"),
    ("KG_ROW_CAP", "-1"), ("KG_QUERY_WORKERS", "1.5"), ("KG_MEMORY_COPY", "maybe"),
])
def test_bad_values_name_the_variable(env: str, value: str) -> None:
    with pytest.raises(SettingsError, match=env):
        Settings.from_env({env: value})


def test_markdown_table_lists_every_setting() -> None:
    table = settings_markdown()
    for row in SETTINGS_TABLE:
        assert f"`{row.env}`" in table and f"`{row.name}`" in table


@pytest.mark.parametrize("accept,expected", [
    (None, "application/sparql-results+json"),
    ("", "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("text/*", "text/csv"),
    ("text/csv;q=0.4, application/sparql-results+json;q=0.5", "application/sparql-results+json"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("*/*;q=0.1, text/csv", "text/csv"),
    ("TEXT/CSV", "text/csv"),
    ("application/sparql-results+json;q=0, */*", "text/csv"),
    ("garbage, text/csv", "text/csv"),
])
def test_choose(accept, expected) -> None:
    assert choose(accept, OFFERS) == expected


@pytest.mark.parametrize("accept", ["image/png", "text/csv;q=0, text/html;q=0, application/*;q=0"])
def test_choose_refuses(accept) -> None:
    with pytest.raises(UnsupportedMediaType, match="offered as"):
        choose(accept, OFFERS)


def test_parse_accept_quality() -> None:
    ranges = parse_accept("text/turtle;q=0.3, */*;q=bad")
    assert [(r.type, r.subtype, r.quality) for r in ranges] == [
        ("text", "turtle", 0.3), ("*", "*", 0.0)]


def test_readme_documents_every_setting_as_the_table_says() -> None:
    from pathlib import Path

    from kg.settings import settings_markdown

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert settings_markdown().strip() in readme

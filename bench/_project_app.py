"""uvicorn factory for the bench: the project's app over its default on-disk store.

    uvicorn --factory _project_app:make_app --app-dir bench --workers 1

Settings come from the environment exactly as for `kg serve` (KG_STORE, …);
the bench sets only KG_STORE, KG_HOST and KG_PORT, so every other limit
(time limit, row cap, query workers) is the project's default.
"""

from __future__ import annotations

__all__ = ["make_app"]


def make_app():  # noqa: ANN201 - the FastAPI app
    from api.app import create_app
    from kg.settings import Settings

    # No store passed: the app opens (and on shutdown closes) the default
    # on-disk OxigraphStore at settings.store_path, as `kg serve` does.
    return create_app(Settings.from_env())

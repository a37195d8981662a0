"""GeoNames gazetteer index. (stub, to be written)"""
from __future__ import annotations

from pathlib import Path


class Gazetteer:
    @classmethod
    def load(cls, path: Path | None = None) -> "Gazetteer":
        return cls()

"""kg.places.v1 — place mentions linked to the gazetteer. (stub, to be written)"""
from __future__ import annotations

from kg.model import PlaceMention, Report


def find_places(report: Report, gazetteer) -> tuple[PlaceMention, ...]:
    return ()

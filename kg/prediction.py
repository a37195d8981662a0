"""Render an Extraction as the prediction JSON of shared/corpus/SCHEMA.md.

This is what `kg extract --json` prints and what the scorer reads; it is
derived from the same Extraction that `kg.graph.build` turns into RDF.
"""

from __future__ import annotations

from typing import Any

from kg.model import Extraction, SiegeLifting

__all__ = ["to_prediction"]


def _besieged_id(siege: SiegeLifting) -> int | None:
    """The besieged settlement, or its governorate when the site has no gazetteer row."""
    if siege.place and siege.place.place and siege.place.place.geonames_id is not None:
        return siege.place.place.geonames_id
    return siege.governorate.geonames_id if siege.governorate else None


def to_prediction(extraction: Extraction) -> dict[str, Any]:
    places: list[int] = []
    for mention in extraction.places:
        if mention.place and mention.place.geonames_id is not None:
            if mention.place.geonames_id not in places:
                places.append(mention.place.geonames_id)
    siege = extraction.siege
    return {
        "id": extraction.report.id,
        "casualties": [
            {
                "kind": c.kind,
                "count": c.count,
                "qualifier": c.qualifier,
                "side": c.side,
                "nationality": c.nationality,
                "group": c.group,
                "part_of": c.part_of,
                "cumulative": c.cumulative,
            }
            for c in extraction.casualties
        ],
        "actors": extraction.actor_ids,
        "places": places,
        "dates": sorted({d.day.isoformat() for d in extraction.dates}),
        "siege_lifting": None if siege is None else {
            "place": _besieged_id(siege),
            "date": siege.day.isoformat() if siege.day else None,
            "phases": [{"order": p.order, "target": p.target} for p in siege.phases],
        },
    }

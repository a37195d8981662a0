"""The extraction pipeline: a report in, an Extraction out.

Components run in a fixed order, each a small function registered under a
versioned name (the names go into the provenance of what they produce):

    kg.dates.v1        relative and explicit dates          (kg/extract/dates.py)
    kg.places.v1       place mentions linked to GeoNames    (kg/extract/places.py)
    kg.actors.v1       actor mentions from the vocabulary   (kg/extract/actors.py)
    kg.casualties.v1   casualty claims                      (kg/extract/casualties.py)
    kg.siege.v1        siege lifting and its phases         (kg/extract/siege.py)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.model import ActorMention, CasualtyClaim, Extraction, Report

__all__ = ["COMPONENTS", "Resources", "extract"]

COMPONENTS = ("kg.dates.v1", "kg.places.v1", "kg.actors.v1", "kg.casualties.v1", "kg.siege.v1")


@dataclass(frozen=True)
class Resources:
    """What extraction needs loaded once: the gazetteer and the actor vocabulary."""

    gazetteer: "Gazetteer"  # noqa: F821  (kg.link.gazetteer.Gazetteer)
    actors: "ActorVocabulary"  # noqa: F821  (kg.link.actors.ActorVocabulary)

    @classmethod
    def load(cls, *, gazetteer: Path | None = None, actor_files: tuple[Path, ...] = ()) -> Resources:
        from kg.link.actors import ActorVocabulary
        from kg.link.gazetteer import Gazetteer

        return cls(Gazetteer.load(gazetteer), ActorVocabulary.load(extra=actor_files))


def _with_victim_sides(actors: tuple[ActorMention, ...],
                       casualties: tuple[CasualtyClaim, ...]) -> tuple[ActorMention, ...]:
    """An armed group whose members are among the casualties takes part, even when
    the text names it only through its victims ("two Syrian soldiers were killed")."""
    named = {m.actor_id for m in actors}
    added = []
    for claim in casualties:
        if claim.side and claim.side != "civilians" and claim.side not in named:
            named.add(claim.side)
            added.append(ActorMention(claim.side, claim.span))
    return actors + tuple(added)


def extract(report: Report, resources: Resources) -> Extraction:
    from kg.extract.actors import find_actors
    from kg.extract.casualties import find_casualties
    from kg.extract.dates import find_dates
    from kg.extract.places import find_places
    from kg.extract.siege import find_siege

    dates = find_dates(report)
    places = find_places(report, resources.gazetteer)
    casualties = find_casualties(report, resources.actors)
    actors = _with_victim_sides(find_actors(report, resources.actors), casualties)
    siege = find_siege(report, places=places, dates=dates, gazetteer=resources.gazetteer)
    return Extraction(
        report=report,
        casualties=casualties,
        actors=actors,
        places=places,
        dates=dates,
        siege=siege,
        components=COMPONENTS,
    )

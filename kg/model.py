"""The value types every stage of conflict-kg passes along.

All are frozen dataclasses: the extractor produces them, `kg.graph.build`
turns them into RDF and `kg.prediction` into the scorer's JSON. Every item
that comes from the text keeps a `Span` so each fact can be traced back to
the characters it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

__all__ = [
    "Actor",
    "ActorMention",
    "CasualtyClaim",
    "DateMention",
    "Extraction",
    "Kind",
    "Part",
    "Phase",
    "Place",
    "PlaceMention",
    "Qualifier",
    "Report",
    "SiegeLifting",
    "Span",
]

Part = Literal["title", "text"]
Kind = Literal["killed", "injured", "captured", "missing"]
Qualifier = Literal["exact", "at_least", "about", "more_than", "unknown"]
Precision = Literal["settlement", "district", "subdistrict", "governorate", "region", "unknown"]


@dataclass(frozen=True, slots=True)
class Report:
    """One source report as published (see shared/corpus/SCHEMA.md)."""

    id: str
    lang: str
    published: date
    source: str
    text: str
    title: str = ""
    url: str | None = None

    def part(self, part: Part) -> str:
        return self.title if part == "title" else self.text


@dataclass(frozen=True, slots=True)
class Span:
    """Characters `start:end` of the report's title or body text.

    `quote` is the exact substring, kept so a span can be checked and shown
    without the report at hand: `report.part(part)[start:end] == quote`.
    """

    part: Part
    start: int
    end: int
    quote: str

    @classmethod
    def of(cls, report: Report, part: Part, start: int, end: int) -> Span:
        return cls(part, start, end, report.part(part)[start:end])


@dataclass(frozen=True, slots=True)
class Actor:
    """An entry of the actor vocabulary (ontology/actors.ttl)."""

    id: str  # the vocabulary id used by gold files, e.g. "Q41053" or "syrian-government-forces"
    label_en: str
    label_ar: str
    wikidata: str | None = None
    parent: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    actor_id: str
    span: Span


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer feature. `geonames_id` is None for places not in the gazetteer."""

    geonames_id: int | None
    name_en: str
    name_ar: str
    feature_code: str = ""
    lat: float | None = None
    lon: float | None = None
    governorate_id: int | None = None  # GeoNames id of the ADM1 it lies in (itself for an ADM1)
    precision: Precision = "unknown"
    wikidata: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in the text, linked to the gazetteer when possible.

    `place` is None when no gazetteer row fits: the mention is kept anyway
    with its surface text so nothing the report says is dropped.
    `category` says what the text calls it (city, village, countryside, airport, road…).
    """

    span: Span
    place: Place | None
    category: str = "place"
    alternatives: tuple[int, ...] = ()  # other GeoNames ids the same name could mean


@dataclass(frozen=True, slots=True)
class DateMention:
    """A day anchored in the text; relative expressions are resolved already."""

    day: date
    span: Span
    relative: bool = False
    precision: Literal["day"] = "day"


@dataclass(frozen=True, slots=True)
class CasualtyClaim:
    """One stated count of victims.

    `part_of` is the index (in Extraction.casualties) of the claim this one
    is a subset of ("including …"); `cumulative` marks running totals
    ("rose to …"). `side` is an actor id, "civilians" or None.
    """

    kind: Kind
    count: int | None
    qualifier: Qualifier
    span: Span  # the number (or vague word) and its noun, e.g. "106 على الأقل"
    side: str | None = None
    nationality: str | None = None
    group: Literal["children", "women"] | None = None
    part_of: int | None = None
    cumulative: bool = False
    evidence: Span | None = None  # the sentence or clause the claim was read from


@dataclass(frozen=True, slots=True)
class Phase:
    order: int
    target: str  # what the phase aimed at, in the words of the report
    span: Span
    place: PlaceMention | None = None


@dataclass(frozen=True, slots=True)
class SiegeLifting:
    """A siege reported as lifted or broken, with its ordered phases."""

    span: Span  # the words saying the siege was lifted
    place: PlaceMention | None
    day: date | None
    phases: tuple[Phase, ...] = ()
    governorate: Place | None = None
    actors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one report, with the component versions that read it."""

    report: Report
    casualties: tuple[CasualtyClaim, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    siege: SiegeLifting | None = None
    components: tuple[str, ...] = field(default=())

    @property
    def actor_ids(self) -> list[str]:
        """Distinct actor ids in order of first mention."""
        return list(dict.fromkeys(m.actor_id for m in self.actors))

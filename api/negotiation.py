"""Content negotiation: pick one of our media types from an Accept header.

Follows RFC 9110 §12.5.1: each media range has a quality (q, default 1); the
most specific range matching an offer decides that offer's quality; q=0
refuses. Among acceptable offers the highest quality wins, ties going to the
server's order of preference (the order of `offers`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Sequence

from kg.errors import UnsupportedMediaType

__all__ = ["MediaRange", "choose", "parse_accept"]


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str  # "text" or "*"
    subtype: str  # "turtle" or "*"
    quality: float

    def specificity(self, offer: str) -> int | None:
        """How precisely this range names `offer` (2 exact, 1 type/*, 0 */*), None if not at all."""
        offer_type, _, offer_subtype = offer.partition("/")
        if self.type == "*":
            return 0
        if self.type != offer_type:
            return None
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == offer_subtype else None


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; a missing or empty header accepts anything."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0)]
    ranges: list[MediaRange] = []
    for item in header.split(","):
        params = [p.strip() for p in item.split(";")]
        media = params[0].lower()
        if not media:
            continue
        if media == "*":  # seen from some old clients; means */*
            media = "*/*"
        mtype, slash, subtype = media.partition("/")
        if not slash or not mtype or not subtype:
            continue  # ignore a malformed range rather than fail the request
        quality = 1.0
        for param in params[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value.strip())))
                except ValueError:
                    quality = 0.0
        ranges.append(MediaRange(mtype, subtype, quality))
    return ranges or [MediaRange("*", "*", 1.0)]


def choose(accept: str | None, offers: Sequence[str]) -> str:
    """The best of `offers` (bare media types, preferred first) for this Accept header.

    Raises UnsupportedMediaType (HTTP 406) when none is acceptable. Clients send
    the same few Accept headers over and over, so answers for hashable offers
    (tuples) are cached; a refusal is not cached and is worked out again.
    """
    if isinstance(offers, tuple) and (accept is None or len(accept) <= 1024):
        return _choose_cached(accept, offers)
    return _choose(accept, offers)


@functools.lru_cache(maxsize=256)
def _choose_cached(accept: str | None, offers: tuple[str, ...]) -> str:
    return _choose(accept, offers)


def _choose(accept: str | None, offers: Sequence[str]) -> str:
    ranges = parse_accept(accept)
    best: tuple[float, int] | None = None
    chosen: str | None = None
    for position, offer in enumerate(offers):
        matches = [(r.specificity(offer), r.quality) for r in ranges]
        matches = [(s, q) for s, q in matches if s is not None]
        if not matches:
            continue
        _, quality = max(matches, key=lambda m: m[0])
        if quality <= 0:
            continue
        rank = (quality, -position)
        if best is None or rank > best:
            best, chosen = rank, offer
    if chosen is None:
        raise UnsupportedMediaType(
            f"none of the requested media types ({accept}) is available; "
            f"this resource is offered as: {', '.join(offers)}"
        )
    return chosen

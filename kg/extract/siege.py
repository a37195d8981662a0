"""kg.siege.v1 — siege lifting and its phases. (stub, to be written)"""
from __future__ import annotations

from kg.model import DateMention, PlaceMention, Report, SiegeLifting


def find_siege(report: Report, *, places: tuple[PlaceMention, ...], dates: tuple[DateMention, ...],
               gazetteer) -> SiegeLifting | None:
    return None

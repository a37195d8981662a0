"""Paths and small helpers shared by the bench scripts (not part of the package)."""

from __future__ import annotations

import os
import statistics
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

__all__ = [
    "BENCH_DIR", "DEV_CORPUS", "REPO", "RESULTS", "SAMPLE_REPORTS", "SHARED",
    "median", "percentile", "pin_to_one_core", "print_table", "stopwatch",
]

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
# shared/ sits beside the repository (see the repo README); dev-000 is read from
# there and never copied into the repo.
SHARED = (REPO / ".." / "shared").resolve()
DEV_CORPUS = SHARED / "corpus" / "dev"
SAMPLE_REPORTS = REPO / "samples" / "reports"
RESULTS = BENCH_DIR / "results"


def pin_to_one_core() -> int | None:
    """Restrict this process to one CPU so a rate is a per-core rate.

    Returns the CPU used, or None where affinity cannot be set (non-Linux).
    The last allowed CPU is picked so the first stays free for the OS shell.
    """
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """`with stopwatch() as t: ...` then `t[0]` holds the elapsed seconds."""
    box: list[float] = [0.0]
    start = time.perf_counter()
    try:
        yield box
    finally:
        box[0] = time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); exact for the small samples we take."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    if q <= 0:
        return ordered[0]
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """A plain Markdown table, so the output can be pasted into notes as is."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))) + " |"

    print(line(headers))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))

"""Extraction throughput and end-to-end ingest rate, on one core.

    .venv/bin/python bench/extraction.py [--repeat 20] [--e2e-repeat 3] [--profile]

1. Loads the dev corpus once (../shared/corpus/dev, read in place).
2. Times `Resources.load()` (gazetteer + actor vocabulary) on its own.
3. Extraction: after one warm-up pass, runs `extract(report, resources)` over
   every report `--repeat` times and prints reports/s (target: >= 200/core).
4. End to end: extract -> build_graph -> validate -> store.replace_graph into
   an on-disk OxigraphStore in a temp dir, `--e2e-repeat` passes, with the
   share of time each stage takes.

The process pins itself to one CPU first, so every rate is a per-core rate.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DEV_CORPUS, median, pin_to_one_core, print_table  # noqa: E402

from kg.extract.pipeline import Resources, extract  # noqa: E402
from kg.model import Report  # noqa: E402
from kg.reports import load_report  # noqa: E402

__all__ = ["main"]

TARGET_PER_CORE = 200.0


def load_corpus(folder: Path) -> list[Report]:
    reports = [load_report(p) for p in sorted(folder.glob("*.json"))]
    if not reports:
        raise SystemExit(f"no reports found in {folder}")
    return reports


def bench_extraction(reports: list[Report], resources: Resources, repeat: int) -> tuple[float, list[float]]:
    """Seconds for `repeat` passes, and the per-report median seconds of each report."""
    for report in reports:  # warm-up: lazy regex compiles, automaton builds, caches
        extract(report, resources)
    per_report: list[list[float]] = [[] for _ in reports]
    start = time.perf_counter()
    for _ in range(repeat):
        for i, report in enumerate(reports):
            t0 = time.perf_counter()
            extract(report, resources)
            per_report[i].append(time.perf_counter() - t0)
    total = time.perf_counter() - start
    return total, [median(ts) for ts in per_report]


def profile_extraction(reports: list[Report], resources: Resources, top: int = 20) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    for report in reports:
        extract(report, resources)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def bench_end_to_end(reports: list[Report], resources: Resources, repeat: int) -> dict[str, float]:
    """Seconds per stage summed over `repeat` passes, plus counts."""
    from kg.graph.build import build_graph
    from kg.graph.iri import report_graph_iri
    from kg.store.oxigraph import OxigraphStore
    from kg.validate import validate

    stages = {"extract": 0.0, "build_graph": 0.0, "validate": 0.0, "store": 0.0}
    non_conforming = 0
    triples = 0
    with tempfile.TemporaryDirectory(prefix="kg-bench-e2e-") as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        try:
            # Warm-up with one report: parses the SHACL shapes, opens RocksDB files.
            validate(build_graph(extract(reports[0], resources)))
            for _ in range(repeat):
                for report in reports:
                    t0 = time.perf_counter()
                    extraction = extract(report, resources)
                    t1 = time.perf_counter()
                    graph = build_graph(extraction)
                    t2 = time.perf_counter()
                    outcome = validate(graph)
                    t3 = time.perf_counter()
                    store.replace_graph(str(report_graph_iri(report.id)), graph)
                    t4 = time.perf_counter()
                    stages["extract"] += t1 - t0
                    stages["build_graph"] += t2 - t1
                    stages["validate"] += t3 - t2
                    stages["store"] += t4 - t3
                    non_conforming += 0 if outcome.conforms else 1
                    triples += len(graph)
        finally:
            store.close()
    return {**stages, "non_conforming": non_conforming, "triples": triples}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEV_CORPUS)
    parser.add_argument("--repeat", type=int, default=20, help="extraction passes over the corpus")
    parser.add_argument("--e2e-repeat", type=int, default=3, help="end-to-end passes (0 skips)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one extraction pass")
    parser.add_argument("--no-pin", action="store_true", help="do not restrict to one CPU")
    args = parser.parse_args(argv)

    cpu = None if args.no_pin else pin_to_one_core()
    reports = load_corpus(args.corpus)
    print(f"corpus: {len(reports)} reports from {args.corpus}"
          f" ({sum(len(r.text) + len(r.title) for r in reports):,} characters)")
    print(f"pinned to CPU {cpu}" if cpu is not None else "not pinned (rates are whole-process)")

    t0 = time.perf_counter()
    resources = Resources.load()
    load_s = time.perf_counter() - t0

    total, per_report = bench_extraction(reports, resources, args.repeat)
    n = len(reports) * args.repeat
    rate = n / total
    slowest = sorted(zip(per_report, (r.id for r in reports)), reverse=True)[:3]
    rows = [
        ["resource load (gazetteer + actors), once", f"{load_s * 1000:,.0f} ms", ""],
        [f"extraction, {args.repeat} passes x {len(reports)} reports", f"{rate:,.1f} reports/s",
         "OK" if rate >= TARGET_PER_CORE else f"BELOW target {TARGET_PER_CORE:.0f}/s"],
        ["extraction, median per report", f"{median(per_report) * 1000:.2f} ms", ""],
        ["extraction, slowest reports",
         ", ".join(f"{rid} {s * 1000:.1f} ms" for s, rid in slowest), ""],
    ]

    if args.e2e_repeat > 0:
        try:
            stages = bench_end_to_end(reports, resources, args.e2e_repeat)
        except ImportError as exc:  # a stage not written yet: say which, keep the rest
            rows.append(["end to end", f"not run: {exc}", ""])
        else:
            m = len(reports) * args.e2e_repeat
            busy = sum(stages[k] for k in ("extract", "build_graph", "validate", "store"))
            rows.append([f"end to end, {args.e2e_repeat} passes (extract→build→validate→store)",
                         f"{m / busy:,.1f} reports/s", ""])
            for k in ("extract", "build_graph", "validate", "store"):
                rows.append([f"  {k}", f"{stages[k] / m * 1000:.2f} ms/report",
                             f"{stages[k] / busy:.0%} of time"])
            rows.append(["  triples per report (mean)", f"{stages['triples'] / m:,.0f}", ""])
            rows.append(["  reports not conforming to the shapes", f"{int(stages['non_conforming']) // args.e2e_repeat}"
                         f" of {len(reports)}", ""])

    print()
    print_table(["measure", "figure", "note"], rows)
    print("load average " + " / ".join(f"{x:.1f}" for x in os.getloadavg())
          + f" on {os.cpu_count()} CPUs (well above 1: other work shared the machine, rates are low)")
    if args.profile:
        print()
        print(profile_extraction(reports, resources))
    return 0


if __name__ == "__main__":
    sys.exit(main())

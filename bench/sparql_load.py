"""SPARQL throughput and latency: this project's server against rdflib-endpoint.

One command runs it all (see run_sparql_bench.sh):

    bench/run_sparql_bench.sh            # prepare data, serve twice, load, print
    .venv/bin/python bench/sparql_load.py run [--reuse-data] [--profile] [...]

Steps of `run`:

1. prepare: samples/reports/*.json go through the real ingest path
   (kg.ingest.ingest_reports: extract → build_graph → validate), the
   ontology and vocabulary graphs are added, and the report graphs are
   replicated, with every report-local IRI renamed by report id and dates
   shifted, until the dataset holds about --triples triples. Written to
   bench/results/sparql/dataset.nq; query parameters to params.json.
2. the same N-Quads go into (a) an on-disk OxigraphStore served by the
   project's app under uvicorn (one worker, default settings) and (b) an
   rdflib Dataset served by rdflib-endpoint from its own venv; each on a free
   127.0.0.1 port.
3. `load` runs in a second process: for each query it checks that both
   servers return the same number of rows, then drives each server with
   --clients concurrent httpx clients, bounded by --max-requests and
   --seconds, and prints queries/s and p50/p99 latency side by side.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import BENCH_DIR, REPO, RESULTS, SAMPLE_REPORTS, median, percentile, print_table  # noqa: E402
from sparql_queries import PARAMETER_QUERIES, QUERIES, render  # noqa: E402

__all__ = ["main"]

OUT = RESULTS / "sparql"
DATASET = OUT / "dataset.nq"
PARAMS = OUT / "params.json"
META = OUT / "meta.json"
PROJECT_STORE = OUT / "project-store"
BASELINE_VENV = BENCH_DIR / ".venv-rdflib-endpoint"
ACCEPT_JSON = "application/sparql-results+json"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
DCTERMS_IDENTIFIER = "http://purl.org/dc/terms/identifier"


# =========================================================================== prepare


class _CollectingStore:
    """Receives what kg.ingest writes, so the bench reuses the real ingest path."""

    def __init__(self) -> None:
        self.graphs: dict[str, Any] = {}

    def replace_graph(self, graph_iri: str, graph: Any) -> None:
        self.graphs[str(graph_iri)] = graph

    def replace_graphs(self, graphs: Any) -> None:
        for graph_iri, graph in graphs:
            self.replace_graph(graph_iri, graph)

    def merge_graph(self, graph_iri: str, graph: Any) -> None:
        from rdflib import Graph

        target = self.graphs.setdefault(str(graph_iri), Graph())
        for triple in graph:
            target.add(triple)


def _ingest_samples(folder: Path) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(report graphs by report id, shared graphs by graph IRI, problems)."""
    from kg.extract.pipeline import Resources
    from kg.graph.iri import report_graph_iri
    from kg.ingest import ingest_paths, load_vocabularies

    store = _CollectingStore()
    load_vocabularies(store)  # type: ignore[arg-type]
    shared = dict(store.graphs)
    store.graphs.clear()
    problems: list[str] = []
    report_ids: dict[str, str] = {}
    for result in ingest_paths(store, [folder], Resources.load(), quarantine_dir=None):  # type: ignore[arg-type]
        if result.status == "stored" and result.report_id:
            report_ids[str(report_graph_iri(result.report_id))] = result.report_id
        else:
            problems.append(f"{result.source}: {result.status}: {'; '.join(result.problems)[:200]}")
    reports = {report_ids[g]: graph for g, graph in store.graphs.items() if g in report_ids}
    # Graphs the ingest shares between reports (e.g. gazetteer places) are kept once.
    shared.update({g: graph for g, graph in store.graphs.items() if g not in report_ids})
    return reports, shared, problems


def _to_ox(term: Any, bnodes: dict[str, Any]) -> Any:
    """rdflib term → pyoxigraph term (blank nodes made fresh per copy via `bnodes`)."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        if str(term) not in bnodes:
            bnodes[str(term)] = ox.BlankNode()
        return bnodes[str(term)]
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unexpected term {term!r}")


def _replicate(report_id: str, graph: Any, copy: int) -> list[Any]:
    """Quads of one report graph as copy number `copy` (0 = the original).

    A copy is a different report: its id, report IRI, graph IRI and every
    IRI minted below the report IRI (claims, spans, incident, siege…) are
    renamed through kg.graph.iri; shared nodes (places, actors, ontology
    terms) keep their IRIs, so copies join on them like real reports do.
    Dates move by 29 days per copy so the copies spread over many months.
    """
    import pyoxigraph as ox

    from kg.graph.iri import report_graph_iri, report_iri

    new_id = report_id if copy == 0 else f"{report_id}-bench{copy}"
    old_base = str(report_iri(report_id))
    new_base = str(report_iri(new_id))
    shift = timedelta(days=29 * copy)
    graph_node = ox.NamedNode(str(report_graph_iri(new_id)))
    bnodes: dict[str, Any] = {}

    def rename(term: Any) -> Any:
        value = _to_ox(term, bnodes)
        if isinstance(value, ox.NamedNode):
            iri = value.value
            if iri == old_base or iri.startswith(old_base + "/"):
                return ox.NamedNode(new_base + iri[len(old_base):])
        elif isinstance(value, ox.Literal) and copy and value.datatype.value == XSD_DATE:
            return ox.Literal((date.fromisoformat(value.value) + shift).isoformat(),
                              datatype=value.datatype)
        return value

    quads = []
    for s, p, o in graph:
        obj = rename(o)
        if copy and str(p) == DCTERMS_IDENTIFIER and str(o) == report_id:
            obj = ox.Literal(new_id)
        quads.append(ox.Quad(rename(s), rename(p), obj, graph_node))
    return quads


def _shared_quads(shared: dict[str, Any]) -> list[Any]:
    import pyoxigraph as ox

    quads = []
    for graph_iri, graph in shared.items():
        node = ox.NamedNode(graph_iri)
        bnodes: dict[str, Any] = {}
        quads += [ox.Quad(_to_ox(s, bnodes), _to_ox(p, bnodes), _to_ox(o, bnodes), node)
                  for s, p, o in graph]
    return quads


def _pick_parameters(store: Any) -> dict[str, str]:
    """Values the queries need, chosen from the data (N-Triples term syntax)."""
    def rows(key: str) -> list[Any]:
        return list(store.query(PARAMETER_QUERIES[key], use_default_graph_as_union=True))

    params: dict[str, str] = {}
    actors = rows("actors")
    if actors:
        # The median actor by incidents: a typical neighbourhood, not the biggest.
        params["actor"] = str(actors[len(actors) // 2]["actor"])
    governorates = rows("governorates")
    if governorates:
        params["governorate"] = str(governorates[0]["governorate"])
    days = [r["day"] for r in rows("days")]
    if days:
        # The middle half of the days spanned by the data.
        params["day_from"] = str(days[len(days) // 4])
        params["day_to"] = str(days[(3 * len(days)) // 4])
    subjects = rows("subjects") or rows("fallback_subjects")
    if subjects:
        params["subject"] = str(subjects[0]["s"])
    return params


def _move_repeated_triples(quads: list[Any], graph_iri: str) -> tuple[list[Any], int]:
    """Experiment (--shared-graph): each triple found in several report graphs goes once
    into `graph_iri` instead, so the union of the graphs holds no repeated triple."""
    import pyoxigraph as ox

    graphs_of: dict[Any, set] = {}
    for q in quads:
        graphs_of.setdefault((q.subject, q.predicate, q.object), set()).add(q.graph_name)
    repeated = {t for t, gs in graphs_of.items() if len(gs) > 1}
    node = ox.NamedNode(graph_iri)
    kept = [q for q in quads if (q.subject, q.predicate, q.object) not in repeated]
    return kept + [ox.Quad(s, p, o, node) for s, p, o in repeated], len(repeated)


def prepare(target_triples: int, samples: Path, *, shared_graph: bool = False) -> dict[str, Any]:
    import pyoxigraph as ox

    from kg.graph.vocab import ID

    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    reports, shared, problems = _ingest_samples(samples)
    ingest_s = time.perf_counter() - t0
    if not reports:
        raise SystemExit("prepare: no report graph was stored; problems:\n" + "\n".join(problems))
    base_quads = _shared_quads(shared)
    per_copy = sum(len(g) for g in reports.values())
    copies = max(1, math.ceil((target_triples - len(base_quads)) / per_copy))

    report_quads: list[Any] = []
    for copy in range(copies):
        for report_id, graph in sorted(reports.items()):
            report_quads += _replicate(report_id, graph, copy)
    moved = 0
    if shared_graph:
        report_quads, moved = _move_repeated_triples(report_quads, str(ID["graph/bench-shared"]))

    dataset = ox.Store()  # in memory: only to count, pick parameters and write the file
    dataset.extend(base_quads)
    dataset.extend(report_quads)
    dataset.dump(str(DATASET), format=ox.RdfFormat.N_QUADS)
    params = _pick_parameters(dataset)
    PARAMS.write_text(json.dumps(params, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    meta = {
        "sample_reports": len(reports),
        "rejected_samples": problems,
        "triples_per_copy": per_copy,
        "shared_triples": len(base_quads),
        "copies": copies,
        "quads": len(dataset),
        "graphs": sum(1 for _ in dataset.named_graphs()),
        "moved_to_shared_graph": moved,
        "ingest_s": round(ingest_s, 2),
        "prepare_s": round(time.perf_counter() - t0, 2),
    }
    META.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta


def load_project_store(path: Path) -> float:
    """Fill a fresh on-disk OxigraphStore with the dataset; returns seconds."""
    from kg.store.oxigraph import OxigraphStore

    if path.exists():
        shutil.rmtree(path)
    t0 = time.perf_counter()
    store = OxigraphStore(path)
    try:
        bulk = getattr(store, "bulk_load", None)
        if callable(bulk):
            bulk(DATASET)
        else:
            _load_through_protocol(store)
    finally:
        store.close()
    return time.perf_counter() - t0


def _load_through_protocol(store: Any) -> None:
    """Fallback: the Store protocol only (rdflib graphs, one transaction)."""
    from rdflib import Dataset

    data = Dataset()
    data.parse(str(DATASET), format="nquads")
    store.replace_graphs((str(g.identifier), g) for g in data.graphs() if len(g))


# =========================================================================== servers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(cmd: list[str], log: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    handle = log.open("wb")
    # A new session, so stopping the server never touches the bench itself.
    return subprocess.Popen(cmd, stdout=handle, stderr=subprocess.STDOUT, cwd=REPO,
                            env=env, start_new_session=True)


def start_project_server(port: int, store_path: Path, log: Path) -> subprocess.Popen:
    """The project's app under uvicorn, one worker, default settings but the store path."""
    env = {**os.environ, "KG_STORE": str(store_path), "KG_PORT": str(port), "KG_HOST": "127.0.0.1"}
    env.pop("KG_WRITE_TOKEN", None)
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "_project_app:make_app",
           "--app-dir", str(BENCH_DIR), "--host", "127.0.0.1", "--port", str(port),
           "--workers", "1", "--log-level", "warning", "--no-access-log"]
    return _start(cmd, log, env)


def start_reference_server(port: int, store_path: Path, log: Path) -> subprocess.Popen:
    """The minimal yardstick server of _reference_app.py (only with --reference)."""
    env = {**os.environ, "KG_STORE": str(store_path)}
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "_reference_app:make_app",
           "--app-dir", str(BENCH_DIR), "--host", "127.0.0.1", "--port", str(port),
           "--workers", "1", "--log-level", "warning", "--no-access-log"]
    return _start(cmd, log, env)


def start_baseline_server(port: int, log: Path) -> subprocess.Popen:
    python = BASELINE_VENV / "bin" / "python"
    if not python.exists():
        raise SystemExit(f"{python} is missing: run bench/run_sparql_bench.sh, which creates it")
    return _start([str(python), str(BENCH_DIR / "rdflib_endpoint_server.py"), str(DATASET), str(port)], log)


def wait_ready(url: str, proc: subprocess.Popen, log: Path, timeout_s: float = 180.0) -> float:
    import httpx

    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout_s:
        if proc.poll() is not None:
            raise SystemExit(f"server for {url} exited ({proc.returncode}); log:\n"
                             + log.read_text(errors="replace")[-3000:])
        try:
            r = httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": ACCEPT_JSON},
                          timeout=5.0)
            if r.status_code == 200:
                return time.perf_counter() - t0
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise SystemExit(f"server for {url} not ready after {timeout_s:.0f} s; see {log}")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# =========================================================================== load generator


def count_rows(client: Any, url: str, text: str, timeout_s: float = 60.0) -> tuple[int | None, str]:
    import httpx

    try:
        r = client.get(url, params={"query": text}, headers={"Accept": ACCEPT_JSON}, timeout=timeout_s)
    except httpx.TimeoutException:
        return None, f"no answer within {timeout_s:g} s"
    except httpx.HTTPError as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if r.status_code != 200:
        return None, f"HTTP {r.status_code}: {r.text[:300]}"
    return len(r.json()["results"]["bindings"]), ""


def drive(url: str, text: str, *, clients: int, max_requests: int, seconds: float) -> dict[str, Any]:
    """`clients` threads, each with its own keep-alive connection, until either bound is hit.

    No new request starts after `seconds`; those in flight are waited for and
    counted, and the elapsed time runs until the last one ends.
    """
    # A plain keep-alive http.client connection per client thread: httpx costs
    # about a millisecond of client CPU per request, which on this 2-core machine
    # capped both servers at the client's speed on the cheap queries.
    import http.client
    from urllib.parse import urlencode, urlsplit

    parts = urlsplit(url)
    target = f"{parts.path}?{urlencode({'query': text})}"
    headers = {"Accept": ACCEPT_JSON}
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    issued = 0
    start = time.perf_counter()
    deadline = start + seconds

    def worker() -> None:
        nonlocal issued
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300.0)
        try:
            while True:
                with lock:
                    if issued >= max_requests or time.perf_counter() >= deadline:
                        return
                    issued += 1
                t0 = time.perf_counter()
                try:
                    connection.request("GET", target, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                    why = f"HTTP {response.status}"
                except (OSError, http.client.HTTPException) as exc:
                    ok, why = False, type(exc).__name__
                    connection.close()  # reconnects on the next request
                dt = time.perf_counter() - t0
                with lock:
                    (latencies.append(dt) if ok else failures.append(why))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    return {
        "requests": len(latencies),
        "failures": len(failures),
        "failure_kinds": sorted(set(failures)),
        "elapsed_s": elapsed,
        "qps": len(latencies) / elapsed if elapsed else 0.0,
        "p50_ms": median(latencies) * 1000 if latencies else None,
        "p99_ms": percentile(latencies, 99) * 1000 if latencies else None,
    }


def load(targets: dict[str, str], *, clients: int, max_requests: int, seconds: float,
         only: list[str] | None = None) -> list[dict[str, Any]]:
    import httpx

    params = json.loads(PARAMS.read_text(encoding="utf-8"))
    results = []
    with httpx.Client(timeout=300.0) as client:
        for query in QUERIES:
            if only and query.key not in only:
                continue
            text = render(query, params)
            entry: dict[str, Any] = {"key": query.key, "title": query.title, "bar": query.bar, "servers": {}}
            results.append(entry)
            if text is None:
                entry["skipped"] = "a parameter it needs is absent from the data"
                print(f"{query.key}: skipped ({entry['skipped']})", flush=True)
                continue
            counts = {}
            for name, url in targets.items():
                counts[name], problem = count_rows(client, url, text)
                if problem:
                    entry.setdefault("errors", {})[name] = problem
            entry["rows"] = counts
            same = len(set(counts.values())) == 1 and None not in counts.values()
            entry["rows_agree"] = same
            print(f"{query.key}: rows " + ", ".join(f"{n}={c}" for n, c in counts.items())
                  + ("" if same else "  <-- DISAGREE") , flush=True)
            for name, problem in entry.get("errors", {}).items():
                print(f"    {name}: {problem}", flush=True)
            for name, url in targets.items():
                if counts[name] is None:
                    # It failed once already; hammering it would only queue more of the
                    # same failure (and a timed-out evaluation may still hold a worker).
                    entry["servers"][name] = {"requests": 0, "failures": 1, "qps": 0.0,
                                              "failure_kinds": [entry["errors"][name][:60]],
                                              "p50_ms": None, "p99_ms": None}
                    continue
                entry["servers"][name] = drive(url, text, clients=clients,
                                               max_requests=max_requests, seconds=seconds)
    return results


def _fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def print_results(results: list[dict[str, Any]], names: tuple[str, ...]) -> None:
    """Ours vs the baseline side by side; any further server gets a q/s column."""
    ours, base, *extra = names
    rows = []
    for e in results:
        if "skipped" in e:
            rows.append([e["key"], "-"] + ["-"] * (8 + len(extra)) + ["skipped"])
            continue
        a, b = e["servers"].get(ours, {}), e["servers"].get(base, {})
        ratio = a["qps"] / b["qps"] if b.get("qps") else None
        met = ratio is not None and ratio >= e["bar"]
        notes = []
        if not e.get("rows_agree"):
            notes.append("rows differ: " + ", ".join(f"{n}={c}" for n, c in e["rows"].items()))
        for n in names:
            s = e["servers"].get(n, {})
            if s.get("failures"):
                notes.append(f"{n}: {s['failures']} failed {','.join(s['failure_kinds'])}"[:90])
        rows.append([
            e["key"], str(e["rows"].get(ours)),
            f"{_fmt(a.get('qps'))} (n={a.get('requests', 0)})", _fmt(a.get("p50_ms")), _fmt(a.get("p99_ms")),
            f"{_fmt(b.get('qps'), 2)} (n={b.get('requests', 0)})", _fmt(b.get("p50_ms")), _fmt(b.get("p99_ms")),
            "-" if ratio is None else f"{ratio:,.1f}x",
            f">= {e['bar']:g}x " + ("met" if met else "NOT MET"),
            *(f"{_fmt(e['servers'].get(n, {}).get('qps'))}" for n in extra),
            "; ".join(notes),
        ])
    print_table(["query", "rows", f"{ours} q/s", "p50 ms", "p99 ms", f"{base} q/s", "p50 ms", "p99 ms",
                 "ratio", "bar", *(f"{n} q/s" for n in extra), "notes"], rows)


# =========================================================================== profile


def profile_project(pid: int, url: str, *, seconds: float, clients: int, only: list[str]) -> str:
    """Sample the project's server with py-spy while each research query is driven.

    Returns a summary of where the server's time goes, by function (inclusive
    share of samples), one block per query.
    """
    py_spy = BASELINE_VENV / "bin" / "py-spy"
    if not py_spy.exists():
        return "py-spy not installed in bench/.venv-rdflib-endpoint; no profile taken"
    params = json.loads(PARAMS.read_text(encoding="utf-8"))
    out = []
    for query in QUERIES:
        text = render(query, params)
        if text is None or query.key not in only:
            continue
        raw = OUT / f"profile-{query.key}.txt"
        spy = subprocess.Popen([str(py_spy), "record", "--pid", str(pid), "--format", "raw",
                                "--rate", "250", "--duration", str(int(seconds) + 1),
                                "--output", str(raw), "--nonblocking"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(0.5)
        drive(url, text, clients=clients, max_requests=10**9, seconds=seconds)
        _, err = spy.communicate(timeout=seconds + 30)
        if not raw.exists():
            out.append(f"{query.key}: py-spy failed: {err.decode(errors='replace')[-300:]}")
            continue
        out.append(f"--- {query.key}: {query.title}\n" + summarise_collapsed(raw))
    return "\n".join(out)


def _frame(raw: str) -> tuple[str, str]:
    """py-spy frame "func (path/to/file.py:12)" → ("func (file.py)", "path/to/file.py")."""
    func, _, where = raw.rpartition(" (")
    path = where.rstrip(")").rsplit(":", 1)[0]
    return f"{func or raw} ({path.rsplit('/', 1)[-1]})", path


def summarise_collapsed(path: Path, top: int = 10) -> str:
    """Where the samples are: leaf functions (self time) and project code (inclusive).

    Samples from py-spy's collapsed stacks, idle threads excluded; a frame is
    "project code" when its file lies under api/ or kg/ of this repository.
    """
    own: dict[str, int] = {}
    project: dict[str, int] = {}
    total = 0
    repo = str(REPO)
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        frames = [_frame(f) for f in stack.split(";") if f]
        leaf = frames[-1][0]
        own[leaf] = own.get(leaf, 0) + n
        for name in {name for name, file in frames
                     if file.startswith((repo + "/api/", repo + "/kg/", "api/", "kg/"))}:
            project[name] = project.get(name, 0) + n
    if not total:
        return "  (no samples)"

    def ranked(table: dict[str, int]) -> list[str]:
        return [f"    {n / total:6.1%}  {name}" for name, n in sorted(table.items(), key=lambda kv: -kv[1])[:top]]

    return "\n".join([f"  {total} samples of busy threads",
                      "  self time (leaf functions):", *ranked(own),
                      "  inclusive, project code (api/, kg/):", *ranked(project)])


# =========================================================================== commands


def healthy(url: str) -> bool:
    """True when the server answers a trivial query at once (its query workers are free)."""
    import httpx

    try:
        r = httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": ACCEPT_JSON},
                      timeout=3.0)
        return r.status_code == 200
    except httpx.HTTPError:
        return False


class _Server:
    """One server under test: how to start it, its process, its URL."""

    def __init__(self, name: str, start: Any, log: Path) -> None:
        self.name, self._start, self.log = name, start, log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = self._start(self.port, self.log)

    def ready(self) -> float:
        assert self.proc is not None
        return wait_ready(self.url, self.proc, self.log)

    def restart(self) -> None:
        self.stop()
        self.start()
        self.ready()

    def stop(self) -> None:
        if self.proc is not None:
            stop(self.proc)


def cmd_run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    # A SIGTERM (e.g. from `timeout`) must still run the `finally` that stops the servers,
    # which live in their own sessions and would otherwise outlive the bench.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    OUT.mkdir(parents=True, exist_ok=True)
    if args.reuse_data and DATASET.exists() and PARAMS.exists() and META.exists():
        meta = json.loads(META.read_text())
        print(f"reusing {DATASET}")
    else:
        print(f"preparing ~{args.triples:,} triples from {args.samples} …", flush=True)
        meta = prepare(args.triples, args.samples, shared_graph=args.shared_graph)
    print(f"dataset: {meta['quads']:,} quads in {meta['graphs']:,} named graphs "
          f"({meta['sample_reports']} sample reports x {meta['copies']} copies, "
          f"{meta['triples_per_copy']:,} triples per copy + {meta['shared_triples']:,} shared)"
          + (f"; {meta['moved_to_shared_graph']:,} repeated triples moved to one shared graph"
             if meta.get("moved_to_shared_graph") else ""), flush=True)
    if meta["rejected_samples"]:
        print(f"  {len(meta['rejected_samples'])} sample(s) not stored: " + "; ".join(meta["rejected_samples"][:3]))

    # In a child process: RocksDB must be closed for good (the process gone) before
    # the server opens the same folder, or two processes would hold it at once.
    t0 = time.perf_counter()
    subprocess.run([sys.executable, __file__, "fill-store"], check=True, stdout=subprocess.DEVNULL)
    print(f"project store: loaded on disk in {time.perf_counter() - t0:.1f} s ({PROJECT_STORE})", flush=True)

    servers = [
        _Server("kg", lambda port, log: start_project_server(port, PROJECT_STORE, log),
                OUT / "server-project.log"),
        _Server("rdflib-endpoint", start_baseline_server, OUT / "server-rdflib-endpoint.log"),
    ]
    if args.reference:
        # Its own copy of the store: two processes must never open one RocksDB folder.
        ref_store = OUT / "reference-store"
        if ref_store.exists():
            shutil.rmtree(ref_store)
        shutil.copytree(PROJECT_STORE, ref_store)
        servers.append(_Server("minimal-ref", lambda port, log: start_reference_server(port, ref_store, log),
                               OUT / "server-reference.log"))
    targets = {srv.name: srv.url for srv in servers}
    ours = servers[0]
    keys = [q.key for q in QUERIES if not args.only or q.key in args.only]
    results: list[dict[str, Any]] = []
    try:
        for srv in servers:
            srv.start()
        for srv in servers:
            print(f"{srv.name} ready in {srv.ready():.1f} s (pid {srv.proc.pid}, {srv.url})", flush=True)
        print(f"\nload: {args.clients} clients per server, each query up to {args.max_requests} requests "
              f"or {args.seconds:g} s per server; loopback only", flush=True)
        for key in keys:
            for srv in servers:
                failed = bool(results and results[-1].get("servers", {}).get(srv.name, {}).get("failures"))
                if failed or not healthy(srv.url):
                    # A timed-out query keeps running inside the server (pyoxigraph cannot be
                    # interrupted) and holds a worker and a core: start afresh so one
                    # pathological query does not sink the next ones' figures, on any server.
                    print(f"  restarting {srv.name} (the previous query failed on it)", flush=True)
                    srv.restart()
            out = OUT / f"results-{key}.json"
            # The load generator is a second process, so its client work never shares
            # an interpreter (or a GIL) with either server or with this orchestrator.
            code = subprocess.call([sys.executable, __file__, "load", "--targets", json.dumps(targets),
                                    "--clients", str(args.clients), "--max-requests", str(args.max_requests),
                                    "--seconds", str(args.seconds), "--out", str(out), "--only", key,
                                    "--quiet"])
            if code:
                return code
            results += json.loads(out.read_text())["results"]
        if args.profile:
            if not healthy(ours.url):
                ours.restart()
            print("\nwhere the project's server spends its time (py-spy):")
            # Only queries our server answered: a timed-out one would just clog it again.
            answered = [e["key"] for e in results if e.get("servers", {}).get("kg", {}).get("requests")]
            print(profile_project(ours.proc.pid, ours.url, seconds=args.profile_seconds,
                                  clients=args.clients, only=answered), flush=True)
    finally:
        for srv in servers:
            srv.stop()
    summary = OUT / "results.json"
    summary.write_text(json.dumps({"meta": meta, "params": json.loads(PARAMS.read_text()),
                                   "clients": args.clients, "results": results}, indent=2) + "\n")
    print()
    print_results(results, tuple(targets))
    print(f"\n(qps = completed requests / wall time with {args.clients} clients; p50/p99 over the n "
          f"requests; raw figures in {summary})")
    print(f"whole SPARQL bench: {time.perf_counter() - started:.0f} s; load average at the end "
          + " / ".join(f"{x:.1f}" for x in os.getloadavg()) + f" on {os.cpu_count()} CPUs "
          "(anything well above 1 means other work shared the machine)")
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    targets = json.loads(args.targets)
    if not args.quiet:
        print(f"\nload: {args.clients} clients per server, each query up to {args.max_requests} requests "
              f"or {args.seconds:g} s per server; loopback only", flush=True)
    results = load(targets, clients=args.clients, max_requests=args.max_requests, seconds=args.seconds,
                   only=args.only)
    meta = json.loads(META.read_text()) if META.exists() else {}
    args.out.write_text(json.dumps({"meta": meta, "params": json.loads(PARAMS.read_text()),
                                    "clients": args.clients, "results": results}, indent=2) + "\n")
    if not args.quiet:
        print()
        names = tuple(targets)
        print_results(results, names)
        print(f"\n(p50/p99 over the requests counted in n; raw figures in {args.out})")
    return 0


def cmd_prepare(args: argparse.Namespace) -> int:
    meta = prepare(args.triples, args.samples, shared_graph=args.shared_graph)
    print(json.dumps(meta, indent=2))
    print(json.dumps(json.loads(PARAMS.read_text()), indent=2, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def common_load(p: argparse.ArgumentParser) -> None:
        p.add_argument("--clients", type=int, default=4)
        p.add_argument("--max-requests", type=int, default=3000, help="per query and server")
        p.add_argument("--seconds", type=float, default=5.0, help="per query and server")
        p.add_argument("--only", action="append", help="run only this query key (repeatable)")

    p_run = sub.add_parser("run", help="prepare, serve both, load, print")
    p_run.add_argument("--triples", type=int, default=100_000)
    p_run.add_argument("--samples", type=Path, default=SAMPLE_REPORTS)
    p_run.add_argument("--reuse-data", action="store_true", help="keep dataset.nq from a previous run")
    p_run.add_argument("--shared-graph", action="store_true",
                       help="experiment: put triples repeated across report graphs once in one shared graph")
    p_run.add_argument("--reference", action="store_true",
                       help="also drive a minimal FastAPI+pyoxigraph server (bench/_reference_app.py)")
    p_run.add_argument("--profile", action="store_true", help="then sample the project's server with py-spy")
    p_run.add_argument("--profile-seconds", type=float, default=4.0)
    common_load(p_run)
    p_run.set_defaults(func=cmd_run)

    p_prep = sub.add_parser("prepare", help="only build dataset.nq and params.json")
    p_prep.add_argument("--triples", type=int, default=100_000)
    p_prep.add_argument("--samples", type=Path, default=SAMPLE_REPORTS)
    p_prep.add_argument("--shared-graph", action="store_true")
    p_prep.set_defaults(func=cmd_prepare)

    p_fill = sub.add_parser("fill-store", help="only load dataset.nq into the on-disk project store")
    p_fill.set_defaults(func=lambda a: print(f"filled in {load_project_store(PROJECT_STORE):.1f} s") or 0)

    p_load = sub.add_parser("load", help="the load generator (run by `run` as a second process)")
    p_load.add_argument("--targets", required=True, help='JSON {"name": "http://127.0.0.1:PORT/sparql", …}')
    p_load.add_argument("--out", type=Path, default=OUT / "results.json")
    p_load.add_argument("--quiet", action="store_true", help="write the JSON only, print no table")
    common_load(p_load)
    p_load.set_defaults(func=cmd_load)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())

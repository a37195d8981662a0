"""Check a report graph against the SHACL shapes in shapes/.

The shapes are parsed once per process (lazily, on first use) and every
report graph is validated on its own, as an rdflib Graph: pyshacl is slow
and wrong on pyoxigraph stores (shared/notes/PERFORMANCE.md). No inference
runs, so the shapes see exactly the triples kg.graph.build made.

Warnings (sh:Warning) are reported but do not make a graph non-conforming:
only sh:Violation results do.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import rdflib
from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection

from kg.graph.vocab import PREFIXES, RDF, SH

__all__ = ["SHAPES_DIR", "ValidationReport", "Violation", "shapes_graph", "validate"]

SHAPES_DIR = Path(__file__).resolve().parent.parent / "shapes"

_lock = threading.Lock()
_shapes: Graph | None = None  # shapes/*.ttl as written
_checking: Graph | None = None  # the same constraints in the form pyshacl runs fastest


class _ListWithSetLookup(list):
    """A list (pyshacl may copy and extend it) whose `in` test is a set lookup."""

    def __init__(self, items: list) -> None:
        super().__init__(items)
        self._members = frozenset(items)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _faster_constraint_lookup() -> None:
    """Let pyshacl test "is this predicate a constraint parameter?" with a set.

    pyshacl 0.40 caches the constraint parameters as a list on its shape
    module and scans it for every predicate of every shape, once per focus
    node: about a quarter of all validation time on our report graphs. A
    list with a set behind `in` gives the same answers (the order of
    evaluation comes from the shapes graph, not from this list) and made
    validation 23% faster. If pyshacl's internals differ, nothing is changed.
    """
    try:
        import pyshacl.shape as shape_module
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    except ImportError:  # pragma: no cover - another pyshacl layout
        return
    if isinstance(ALL_CONSTRAINT_PARAMETERS, list) and hasattr(shape_module, "module"):
        shape_module.CONSTRAINT_PARAMS = (_ListWithSetLookup(ALL_CONSTRAINT_PARAMETERS),
                                          CONSTRAINT_PARAMETERS_MAP)


def _targets_on_property_shapes(shapes: Graph) -> Graph:
    """An equivalent shapes graph whose property shapes carry their node shape's targets.

    SHACL gives the same results either way: a property shape reached through
    `N sh:property P` from a node shape targeting class C checks the same focus
    nodes as P with `sh:targetClass C` itself, and reports P as the source
    shape in both cases. pyshacl, however, runs a nested property shape once
    per focus node (rebuilding its constraints each time) but a targeted one
    once for all focus nodes: on our report graphs that halves validation
    time. Node shapes keep their own constraints (sh:or, sh:pattern…); node
    shapes without targets (the operands of sh:or) are left as they are.
    """
    checking = Graph()
    for triple in shapes:
        checking.add(triple)
    for node_shape, target in list(shapes.subject_objects(SH.targetClass)):
        for property_shape in shapes.objects(node_shape, SH.property):
            checking.remove((node_shape, SH.property, property_shape))
            checking.add((property_shape, SH.targetClass, target))
    return checking


def _load() -> tuple[Graph, Graph]:
    global _shapes, _checking
    if _shapes is None or _checking is None:
        with _lock:
            if _shapes is None or _checking is None:
                graph = Graph()
                files = sorted(SHAPES_DIR.glob("*.ttl"))
                if not files:
                    raise FileNotFoundError(f"no SHACL shapes (*.ttl) in {SHAPES_DIR}")
                for path in files:
                    graph.parse(path, format="turtle")
                checking = _targets_on_property_shapes(graph)
                _faster_constraint_lookup()
                # pyshacl adds a couple of owl/rdfs triples to the shapes graph on
                # its first run; do that run here, under the lock, so threads that
                # validate at the same time later only ever read the shapes graph.
                _run_pyshacl(Graph(), checking)
                _shapes, _checking = graph, checking
    return _shapes, _checking


def shapes_graph() -> Graph:
    """All shapes/*.ttl in one graph, as written; parsed on first call and kept."""
    return _load()[0]


# Longest namespace first, so "kgid:" wins over a shorter prefix of the same IRI.
_SHORT_NAMES = sorted(
    {**PREFIXES, "kgsh": "https://w3id.org/conflict-kg/shapes#", "sh": str(SH)}.items(),
    key=lambda item: -len(item[1]),
)


def _short(term: rdflib.term.Node | None) -> str:
    """A compact, readable form of a term for messages (display only, never parsed)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, namespace in _SHORT_NAMES:
            if term.startswith(namespace) and len(term) > len(namespace):
                return f"{prefix}:{term[len(namespace):]}"
        return f"<{term}>"
    if isinstance(term, rdflib.Literal):
        text = str(term)
        return repr(text) if len(text) <= 60 else repr(text[:57] + "...")
    return str(term)


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node broke which constraint, in plain words."""

    focus_node: str
    path: str | None
    value: str | None
    severity: str  # "Violation" | "Warning" | "Info"
    message: str
    shape: str  # the shape that holds the constraint, e.g. "kgsh:Claim-kind"
    constraint: str  # the SHACL constraint component, e.g. "sh:MinCountConstraintComponent"

    def plain(self) -> str:
        where = _short(URIRef(self.focus_node)) if "://" in self.focus_node else self.focus_node
        line = f"{self.severity}: {self.message} (at {where}"
        if self.path:
            line += f", {self.path}"
        if self.value is not None:
            line += f", value {self.value}"
        return line + ")"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...]

    def plain(self) -> list[str]:
        """One readable line per result, violations before warnings."""
        return [v.plain() for v in self.violations]

    @property
    def errors(self) -> tuple[Violation, ...]:
        """Only the results of severity Violation (those that break conformance)."""
        return tuple(v for v in self.violations if v.severity == "Violation")


def _path_text(results: Graph, path: rdflib.term.Node | None) -> str | None:
    if path is None:
        return None
    if isinstance(path, BNode):
        inverse = results.value(path, SH.inversePath)
        if inverse is not None:
            return "^" + _short(inverse)
        first = results.value(path, RDF.first)
        if first is not None:
            return "/".join(_short(p) for p in Collection(results, path))
        return "(complex path)"
    return _short(path)


def _results(results: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        message = results.value(result, SH.resultMessage)
        found.append(Violation(
            focus_node=str(results.value(result, SH.focusNode)),
            path=_path_text(results, results.value(result, SH.resultPath)),
            value=None if value is None else _short(value),
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            message=str(message) if message else "constraint not met",
            shape=_short(results.value(result, SH.sourceShape)),
            constraint=_short(results.value(result, SH.sourceConstraintComponent)),
        ))
    rank = {"Violation": 0, "Warning": 1, "Info": 2}
    found.sort(key=lambda v: (rank.get(v.severity, 3), v.focus_node, v.shape, v.value or ""))
    return found


def _run_pyshacl(graph: Graph, shapes: Graph) -> Graph:
    import pyshacl

    _, results, _ = pyshacl.validate(
        graph,
        shacl_graph=shapes,
        inference="none",
        advanced=False,
        allow_warnings=True,
        allow_infos=True,
        meta_shacl=False,
        inplace=True,  # nothing is inferred, so the data graph is never written to
    )
    return results


def validate(graph: Graph) -> ValidationReport:
    """Validate one report graph (an rdflib Graph) against the project's shapes."""
    if not isinstance(graph, Graph):
        raise TypeError(f"validate() takes an rdflib.Graph, not {type(graph).__name__}")
    violations = tuple(_results(_run_pyshacl(graph, _load()[1])))
    return ValidationReport(
        conforms=not any(v.severity == "Violation" for v in violations),
        violations=violations,
    )

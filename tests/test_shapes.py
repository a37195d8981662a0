"""The SHACL shapes (shapes/) and kg.validate, against hand-written cases.

tests/shapes_cases/base.ttl is a small report graph that meets every shape.
Each file in valid/ or invalid/ is added to it. An invalid file says in its
header which shape and constraint must fire (`# expect: SHAPE COMPONENT`),
and the test checks that exactly those fire, nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.graph.vocab import SH
from kg.validate import ValidationReport, shapes_graph, validate

CASES = Path(__file__).resolve().parent / "shapes_cases"
GOLDEN = Path(__file__).resolve().parent / "golden"
KGSH = "https://w3id.org/conflict-kg/shapes#"

VALID = sorted((CASES / "valid").glob("*.ttl"))
INVALID = sorted((CASES / "invalid").glob("*.ttl"))


def _header(path: Path, key: str) -> list[str]:
    return re.findall(rf"^# {key}: (.+)$", path.read_text(encoding="utf-8"), flags=re.M)


def _with_base(case: Path) -> Graph:
    graph = Graph().parse(CASES / "base.ttl", format="turtle")
    graph.parse(case, format="turtle")
    return graph


def _fired(report: ValidationReport) -> set[tuple[str, str]]:
    return {(v.shape, v.constraint) for v in report.violations}


def _node_shape_of(shape: str) -> str:
    """The targeted NodeShape that owns a named property shape (or the shape itself)."""
    shapes = shapes_graph()
    node = URIRef(shape.replace("kgsh:", KGSH))
    owner = shapes.value(None, SH.property, node)
    return (owner or node).replace(KGSH, "kgsh:")


def test_base_graph_meets_every_shape_without_any_result():
    report = validate(Graph().parse(CASES / "base.ttl", format="turtle"))
    assert report.conforms
    assert report.violations == ()
    assert report.plain() == []


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_case(case):
    report = validate(_with_base(case))
    assert report.conforms, report.plain()
    assert report.violations == (), report.plain()


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_case_fires_exactly_the_expected_constraint(case):
    expected = {tuple(line.split()) for line in _header(case, "expect")}
    assert expected, f"{case.name} has no '# expect:' line"
    severity = (_header(case, "severity") or ["Violation"])[0]
    report = validate(_with_base(case))
    assert _fired(report) == expected, report.plain()
    assert {v.severity for v in report.violations} == {severity}
    # warnings are reported but do not make the graph non-conforming
    assert report.conforms is (severity != "Violation")
    for violation, line in zip(report.violations, report.plain()):
        assert violation.message in line
        assert violation.message and not violation.message.startswith("constraint not met")


def test_every_node_shape_has_a_valid_and_an_invalid_case():
    shapes = shapes_graph()
    targeted = {str(s).replace(KGSH, "kgsh:") for s in shapes.subjects(SH.targetClass, None)}
    with_valid = {_header(p, "shape")[0] for p in VALID}
    with_invalid = {_node_shape_of(line.split()[0]) for p in INVALID for line in _header(p, "expect")}
    assert targeted - with_valid == set()
    assert targeted - with_invalid == set()
    assert {"kgsh:ReportShape", "kgsh:IncidentShape", "kgsh:CasualtyClaimShape",
            "kgsh:TextSpanShape", "kgsh:PlaceShape", "kgsh:SiegeLiftingShape", "kgsh:PhaseShape",
            "kgsh:ActivityShape", "kgsh:ActorShape", "kgsh:GeometryShape"} <= targeted


def test_every_reported_constraint_has_a_plain_words_message():
    shapes = shapes_graph()
    for node_shape in shapes.subjects(SH.targetClass, None):
        own = {p for p, _ in shapes.predicate_objects(node_shape)} & {
            SH["or"], SH.pattern, SH.nodeKind, SH["in"], SH["class"], SH.datatype}
        if own:
            assert shapes.value(node_shape, SH.message), node_shape
        for prop in shapes.objects(node_shape, SH.property):
            message = shapes.value(prop, SH.message)
            assert message is not None and len(str(message)) > 20, prop


def test_shapes_use_core_constraints_only():
    shapes = shapes_graph()
    assert not list(shapes.triples((None, SH.sparql, None)))
    assert not list(shapes.subjects(RDF.type, SH.SPARQLConstraint))


def test_shapes_are_parsed_once():
    assert shapes_graph() is shapes_graph()


def test_golden_report_graph_conforms():
    graph = Graph().parse(GOLDEN / "siege-en.ttl", format="turtle")
    report = validate(graph)
    assert report.conforms, report.plain()
    assert report.violations == ()


def test_built_graph_with_an_unlabelled_governorate_only_warns():
    from datetime import date

    from kg.graph.build import build_graph
    from kg.model import Extraction, Place, PlaceMention, Report, Span

    r = Report(id="w", lang="en", published=date(2020, 1, 1), source="SOHR", text="in Aleppo")
    aleppo = Place(170063, "Aleppo", "حلب", "PPLA", 36.2, 37.16, 170062, "settlement")
    report = validate(build_graph(Extraction(
        report=r, places=(PlaceMention(Span.of(r, "text", 3, 9), aleppo),))))
    assert report.conforms
    assert _fired(report) == {("kgsh:Place-label", "sh:MinCountConstraintComponent"),
                              ("kgsh:Activity-component", "sh:MinCountConstraintComponent")}
    assert all(v.severity == "Warning" for v in report.violations)


def test_violation_lines_name_the_node_path_and_value():
    report = validate(_with_base(CASES / "invalid" / "claim-nationality-as-name.ttl"))
    assert not report.conforms
    [line] = report.plain()
    assert line.startswith("Violation: ")
    assert "kgid:report/b/claim/1" in line
    assert "kg:nationality" in line
    assert "'Lebanon'" in line


def test_inverse_paths_are_shown_readably():
    report = validate(_with_base(CASES / "invalid" / "phase-orphan.ttl"))
    assert [v.path for v in report.violations] == ["^kg:hasPhase"]


def test_validate_refuses_what_is_not_an_rdflib_graph():
    import pyoxigraph

    with pytest.raises(TypeError):
        validate(pyoxigraph.Store())  # type: ignore[arg-type]


def test_validation_changes_neither_the_data_nor_the_shapes():
    graph = _with_base(CASES / "invalid" / "phase-orphan.ttl")
    data_before, shapes_before = set(graph), set(shapes_graph())
    validate(graph)
    assert set(graph) == data_before
    assert set(shapes_graph()) == shapes_before


def test_threads_validating_at_once_get_the_same_answers():
    from concurrent.futures import ThreadPoolExecutor

    def fired(case: Path) -> set[tuple[str, str]]:
        return _fired(validate(_with_base(case)))

    alone = {case: fired(case) for case in INVALID}
    with ThreadPoolExecutor(4) as pool:
        together = dict(zip(INVALID, pool.map(fired, INVALID)))
    assert together == alone


def test_faster_form_of_the_shapes_gives_the_same_results_as_the_files():
    """validate() runs an equivalent rewrite of shapes/ (see kg.validate); compare with pyshacl
    run directly on the shapes exactly as written."""
    import pyshacl

    as_written = Graph()
    for triple in shapes_graph():
        as_written.add(triple)
    for case in INVALID + VALID:
        graph = _with_base(case)
        _, results, _ = pyshacl.validate(graph, shacl_graph=as_written, inference="none",
                                         allow_warnings=True)
        direct = {(str(results.value(r, SH.focusNode)), str(results.value(r, SH.sourceShape)),
                   str(results.value(r, SH.sourceConstraintComponent)))
                  for r in results.subjects(RDF.type, SH.ValidationResult)}
        ours = {(v.focus_node, v.shape.replace("kgsh:", KGSH),
                 v.constraint.replace("sh:", str(SH))) for v in validate(graph).violations}
        assert ours == direct, case.name

"""The actor vocabulary: SKOS concepts for armed actors and victims' nationalities.

`ontology/actors.ttl` is generated from the shared tables
(`corpus/actors.tsv`, `corpus/nationalities.tsv`) by

    python -m kg.link.actors build [--actors TSV] [--nationalities TSV] [--out TTL]

and read back by `ActorVocabulary.load`, together with any Turtle files a
researcher supplies (`extra=`), so new actors or spellings need no code:
a `skos:Concept` under `kgid:actor/<id>` with `skos:prefLabel` /
`skos:altLabel` (language-tagged) is enough.

Matching runs one Aho–Corasick automaton over the folded text (see
`kg.text.normalise.MatchView`), keeps whole words only (Arabic clitics و ف ب
ل ك may stick to the front), and resolves overlaps longest-first.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
from rdflib import Graph, Literal, URIRef

from kg.graph.vocab import DCTERMS, ID, KG, RDF, RDFS, SKOS, WD
from kg.model import Actor
from kg.text.normalise import MatchView, fold_for_matching

__all__ = [
    "ACTOR_SCHEME",
    "DEFAULT_TTL",
    "NATIONALITY_SCHEME",
    "ActorVocabulary",
    "Hit",
    "build_graph",
    "main",
]

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TTL = ROOT / "ontology" / "actors.ttl"
SHARED = ROOT.parent / "shared" / "corpus"

ACTOR_SCHEME = ID["actor"]
NATIONALITY_SCHEME = ID["nationality"]

# English names the tables give only in Arabic (units folded into an actor,
# SOHR's usual English phrasings), and English demonyms the nationality
# table lacks. Kept here so the generated vocabulary is complete; a
# researcher can add more in a Turtle file without touching this.
_EXTRA_EN: dict[str, tuple[str, ...]] = {
    "syrian-government-forces": (
        "Fourth Division", "4th Division", "Republican Guard", "Tiger Forces", "regime army",
        "regime helicopters", "regime warplanes", "regime aircraft", "regime planes", "the regime",
        "government troops", "government soldiers", "Syrian troops", "Syrian soldiers", "Assad forces",
        "Syrian soldier", "Syrian army soldiers", "Syrian army soldier", "Syrian officers", "Syrian officer",
        "regime officers", "regime officer", "regime soldier", "regime fighters", "regime members",
        "regime personnel", "regime militiamen", "Assad's forces", "Assad's troops", "Assad regime forces",
    ),
    "opposition-factions": ("rebel and Islamist factions", "Islamist factions", "factions"),
    "syrian-democratic-forces": ("Syria Democratic Forces",),
    "syrian-national-army": ("National Army", "Turkish-backed fighters", "Turkey-backed fighters", "pro-Turkish fighters",
                             "Turkish-backed militants", "Turkish-backed opposition factions"),
    "pro-government-militias": ("pro-regime fighters", "pro-government fighters", "regime loyalists",
                                "pro-Assad militias", "pro-Assad fighters", "pro-government militiamen",
                                "pro-regime militiamen", "pro-government militias", "pro-regime militias",
                                "pro-government militia", "pro-regime militia", "loyalist militiamen",
                                "pro-Damascus fighters", "pro-Damascus militias", "pro-Damascus militiamen"),
    "iranian-forces": ("Iranian officer", "Iranian adviser", "Iran-backed fighters", "Iranian-backed fighters",
                       "pro-Iranian fighters", "pro-Iran militias", "Iran-backed militiamen", "Iran-backed militias",
                       "Iran-backed militia", "Iranian-backed militias", "pro-Iranian militias",
                       "pro-Iranian militiamen", "Iranian militias"),
    "russian-forces": ("Russian helicopters", "Russian officer"),
}
_EXTRA_AR: dict[str, tuple[str, ...]] = {
    "syrian-government-forces": ("النظام", "عناصر النظام", "جنود النظام", "الجيش السوري النظامي",
                                 # Syrian soldiers named by nationality alone are the army's men
                                 "جندي سوري", "جنديان سوريان", "جنديين سوريين", "جنود سوريين", "جنود سوريون",
                                 "الجنود السوريين", "الجنود السوريون", "عسكري سوري", "عسكريين سوريين",
                                 "عسكريون سوريون", "ضابط سوري", "ضباط سوريين"),
    "syrian-national-army": ("المقاتلين الموالين لتركيا", "المسلحين الموالين لتركيا", "الفصائل التركمانية"),
}
_DEMONYMS_EN: dict[str, tuple[str, ...]] = {
    "SY": ("Syrian", "Syrians"), "LB": ("Lebanese",), "IR": ("Iranian", "Iranians"),
    "IQ": ("Iraqi", "Iraqis"), "AF": ("Afghan", "Afghans", "Afghani"),
    "PK": ("Pakistani", "Pakistanis"), "RU": ("Russian", "Russians", "Chechen", "Chechens"),
    "TR": ("Turkish", "Turks"), "US": ("American", "Americans", "US", "U.S."),
    "PS": ("Palestinian", "Palestinians"), "JO": ("Jordanian", "Jordanians"),
    "SA": ("Saudi", "Saudis"), "TN": ("Tunisian", "Tunisians"), "EG": ("Egyptian", "Egyptians"),
    "UZ": ("Uzbek", "Uzbeks"), "CN": ("Chinese", "Uyghur", "Uyghurs", "Turkistani"),
    "non-SY": ("non-Syrian", "non-Syrians", "foreign", "foreigners"),
}


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _lang(text: str) -> str:
    return "ar" if any("\u0600" <= c <= "\u06ff" for c in text) else "en"


def build_graph(actors_tsv: Path, nationalities_tsv: Path) -> Graph:
    """The SKOS vocabulary as an rdflib Graph, from the two shared tables."""
    g = Graph()
    g.bind("skos", SKOS)
    g.bind("kgid", ID)
    g.bind("kg", KG)
    g.bind("wd", WD)
    g.bind("dcterms", DCTERMS)
    g.add((ACTOR_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((ACTOR_SCHEME, SKOS.prefLabel, Literal("Armed actors in the Syrian conflict", lang="en")))
    g.add((ACTOR_SCHEME, SKOS.prefLabel, Literal("الأطراف المسلحة في النزاع السوري", lang="ar")))
    g.add((ACTOR_SCHEME, DCTERMS.source, Literal("shared/corpus/actors.tsv")))
    with actors_tsv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            aid = row["id"].strip()
            if not aid:
                continue
            c = ID[f"actor/{aid}"]
            g.add((c, RDF.type, SKOS.Concept))
            g.add((c, RDF.type, KG.Actor))
            g.add((c, SKOS.inScheme, ACTOR_SCHEME))
            g.add((c, SKOS.notation, Literal(aid)))
            g.add((c, SKOS.prefLabel, Literal(row["name_en"].strip(), lang="en")))
            g.add((c, SKOS.prefLabel, Literal(row["name_ar"].strip(), lang="ar")))
            for v in [*_split(row.get("variants_ar", "")), *_EXTRA_AR.get(aid, ())]:
                g.add((c, SKOS.altLabel, Literal(v, lang="ar")))
            for v in [*_split(row.get("variants_en", "")), *_EXTRA_EN.get(aid, ())]:
                g.add((c, SKOS.altLabel, Literal(v, lang="en")))
            if row.get("parent", "").strip():
                g.add((c, SKOS.broader, ID[f"actor/{row['parent'].strip()}"]))
            if row.get("wikidata", "").strip():
                g.add((c, SKOS.exactMatch, WD[row["wikidata"].strip()]))
            if row.get("kind", "").strip():
                g.add((c, KG.actorKind, Literal(row["kind"].strip())))
            if row.get("note", "").strip():
                g.add((c, SKOS.scopeNote, Literal(row["note"].strip(), lang="en")))
    g.add((NATIONALITY_SCHEME, RDF.type, SKOS.ConceptScheme))
    g.add((NATIONALITY_SCHEME, SKOS.prefLabel, Literal("Nationalities of victims", lang="en")))
    g.add((NATIONALITY_SCHEME, SKOS.prefLabel, Literal("جنسيات الضحايا", lang="ar")))
    with nationalities_tsv.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["iso2"].strip()
            c = ID[f"nationality/{code}"]
            g.add((c, RDF.type, SKOS.Concept))
            g.add((c, SKOS.inScheme, NATIONALITY_SCHEME))
            g.add((c, SKOS.notation, Literal(code)))
            if (c, SKOS.prefLabel, None) not in g:
                g.add((c, SKOS.prefLabel, Literal(row["name_en"].strip(), lang="en")))
            else:  # a second row for one code (Chechnya under RU): keep its name as a variant
                g.add((c, SKOS.altLabel, Literal(row["name_en"].strip(), lang="en")))
            for v in _split(row.get("arabic_forms", "")):
                g.add((c, SKOS.altLabel, Literal(v, lang="ar")))
            for v in _DEMONYMS_EN.get(code, ()):
                g.add((c, SKOS.altLabel, Literal(v, lang="en")))
    return g


# ---------------------------------------------------------------------------
# Matching

_CLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
_WORD = frozenset("abcdefghijklmnopqrstuvwxyz0123456789") | frozenset(
    chr(c) for c in range(0x0621, 0x064B))


@dataclass(frozen=True, slots=True)
class Hit:
    """One match in the source text: `key` is the actor id or nationality code."""

    start: int
    end: int
    key: str
    surface: str  # the folded pattern that matched


def _ar_variants(form: str) -> set[str]:
    """Spellings of one Arabic label that the text may use."""
    out = {form}
    words = form.split(" ")
    # «لل» fuses ل with the article: للتنظيم = ل + التنظيم.
    if form.startswith("ال"):
        out.add("ل" + form[1:])
    # The indefinite form of a multi-word label: الفصائل الجهادية → فصائل جهادية.
    if len(words) > 1 and all(w.startswith("ال") and len(w) > 3 for w in words):
        out.add(" ".join(w[2:] for w in words))
    return out


def _nationality_inflections(form: str) -> set[str]:
    """Case, number and gender endings of a nationality adjective (folded)."""
    out = {form}
    if "الجنسيه" in form:  # «من التابعية X» says the same as «من الجنسية X»
        out.add(form.replace("الجنسيه", "التابعيه"))
    if " " in form:
        return out
    if form.endswith("ي"):
        out |= {form + "ا", form + "ان", form + "ين", form + "ون", form + "ه", form + "تان",
                form + "تين", form + "يا"}
    elif form.endswith("يه"):
        out |= {form[:-1] + "تان", form[:-1] + "تين"}
    return out


class _Matcher:
    """Aho–Corasick over folded patterns with whole-word, longest-first selection."""

    def __init__(self, patterns: dict[str, str], acronyms: frozenset[str]) -> None:
        self._auto = ahocorasick.Automaton()
        self._acronyms = acronyms
        for pattern, key in patterns.items():
            self._auto.add_word(pattern, (pattern, key))
        if patterns:
            self._auto.make_automaton()
        self._empty = not patterns

    def find(self, view: MatchView) -> list[Hit]:
        if self._empty:
            return []
        text = view.text
        found: list[tuple[int, int, str, str]] = []
        for end, (pattern, key) in self._auto.iter(text):
            start = end - len(pattern) + 1
            stop = end + 1
            if stop < len(text) and text[stop] in _WORD:
                continue
            if not self._left_ok(text, start):
                continue
            if pattern in self._acronyms:
                s, e = view.span(start, stop)
                if not view.source[s:e].replace(".", "").isupper():
                    continue
            found.append((start, stop, key, pattern))
        return self._select(view, found)

    @staticmethod
    def _left_ok(text: str, start: int) -> bool:
        if start == 0 or text[start - 1] not in _WORD:
            return True
        for clitic in _CLITICS:
            b = start - len(clitic)
            if b >= 0 and text[b:start] == clitic and (b == 0 or text[b - 1] not in _WORD):
                return True
        return False

    @staticmethod
    def _select(view: MatchView, found: list[tuple[int, int, str, str]]) -> list[Hit]:
        found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
        taken: list[tuple[int, int]] = []
        hits: list[Hit] = []
        for start, stop, key, pattern in found:
            if any(start < e and s < stop for s, e in taken):
                continue
            taken.append((start, stop))
            s, e = view.span(start, stop)
            hits.append(Hit(s, e, key, pattern))
        hits.sort(key=lambda h: h.start)
        return hits


def _patterns(labels: list[tuple[str, str]], *, nationality: bool = False
              ) -> tuple[dict[str, str], frozenset[str]]:
    patterns: dict[str, str] = {}
    acronyms: set[str] = set()
    for label, key in labels:
        folded = fold_for_matching(label)
        if not folded:
            continue
        if _lang(label) == "ar":
            forms = _ar_variants(folded)
            if nationality:
                forms = {f for v in forms for f in _nationality_inflections(v)}
        else:
            forms = {folded}
            words = folded.split(" ")
            # "a Russian warplane" for "Russian warplanes", "air strikes" for "airstrikes"
            if len(words) > 1 and words[-1].endswith("s") and len(words[-1]) > 4 and not nationality:
                forms.add(" ".join(words[:-1] + [words[-1][:-1]]))
            forms |= {f.replace("airstrike", "air strike") for f in list(forms) if "airstrike" in f}
            bare = label.replace(".", "").replace("-", "")
            if bare.isupper() and len(bare) <= 4:
                acronyms.add(folded)
        for form in forms:
            patterns.setdefault(form, key)
    return patterns, frozenset(acronyms)


class ActorVocabulary:
    """Actors and nationalities read from SKOS Turtle, with compiled matchers."""

    def __init__(self, graph: Graph) -> None:
        self.actors: dict[str, Actor] = {}
        self._children: dict[str, set[str]] = {}
        actor_labels: list[tuple[str, str]] = []
        nat_labels: list[tuple[str, str]] = []
        for concept in set(graph.subjects(RDF.type, SKOS.Concept)):
            ident = str(concept)
            base = str(ID)
            if not ident.startswith(base):
                continue
            local = ident[len(base):]
            if local.startswith("actor/"):
                aid = local[len("actor/"):]
                self._add_actor(graph, concept, aid, actor_labels)
            elif local.startswith("nationality/"):
                code = local[len("nationality/"):]
                for label in graph.objects(concept, SKOS.prefLabel):
                    nat_labels.append((str(label), code))
                for label in graph.objects(concept, SKOS.altLabel):
                    nat_labels.append((str(label), code))
        for actor in self.actors.values():
            if actor.parent:
                self._children.setdefault(actor.parent, set()).add(actor.id)
        # Sort so that, when two actors share a spelling, the result does not
        # depend on set order: the first id alphabetically keeps it.
        actor_labels.sort(key=lambda t: (t[1], t[0]))
        self._actor_matcher = _Matcher(*_patterns(actor_labels))
        self._nat_matcher = _Matcher(*_patterns(sorted(nat_labels), nationality=True))

    def _add_actor(self, graph: Graph, concept: URIRef, aid: str,
                   labels: list[tuple[str, str]]) -> None:
        pref = {getattr(lit, "language", None): str(lit) for lit in graph.objects(concept, SKOS.prefLabel)}
        broader = next(iter(graph.objects(concept, SKOS.broader)), None)
        parent = str(broader).rsplit("/", 1)[-1] if broader is not None else None
        wikidata = next((str(o)[len(str(WD)):] for o in graph.objects(concept, SKOS.exactMatch)
                         if str(o).startswith(str(WD))), None)
        kind = next((str(o) for o in graph.objects(concept, KG.actorKind)), None)
        previous = self.actors.get(aid)
        self.actors[aid] = Actor(
            id=aid,
            label_en=pref.get("en") or (previous.label_en if previous else aid),
            label_ar=pref.get("ar") or (previous.label_ar if previous else ""),
            wikidata=wikidata or (previous.wikidata if previous else None),
            parent=parent or (previous.parent if previous else None),
            kind=kind or (previous.kind if previous else None),
        )
        for predicate in (SKOS.prefLabel, SKOS.altLabel, RDFS.label):
            for lit in graph.objects(concept, predicate):
                labels.append((str(lit), aid))

    # -- loading ------------------------------------------------------------

    @classmethod
    def load(cls, extra: tuple[Path, ...] = (), *, base: Path | None = None) -> ActorVocabulary:
        """Read the generated vocabulary (built first if missing) plus researcher files."""
        from kg.errors import KgError

        path = base or DEFAULT_TTL
        g = Graph()
        if not path.exists():
            if not (SHARED / "actors.tsv").exists():
                raise KgError(f"actor vocabulary {path} is missing; run `python -m kg.link.actors build`")
            g += build_graph(SHARED / "actors.tsv", SHARED / "nationalities.tsv")
        else:
            g.parse(path, format="turtle")
        for file in extra:
            try:
                g.parse(Path(file), format="turtle")
            except Exception as exc:  # rdflib raises many parser types; report them as one
                raise KgError(f"cannot read actor file {file}: {exc}") from exc
        return cls(g)

    # -- queries ------------------------------------------------------------

    def match(self, view: MatchView) -> list[Hit]:
        """Actor mentions in a folded view, non-overlapping, longest first."""
        return self._actor_matcher.find(view)

    def nationalities(self, view: MatchView) -> list[Hit]:
        return self._nat_matcher.find(view)

    def is_within(self, actor_id: str, ancestor: str) -> bool:
        """True when actor_id is ancestor or lies under it (skos:broader chain)."""
        seen = set()
        current: str | None = actor_id
        while current and current not in seen:
            if current == ancestor:
                return True
            seen.add(current)
            current = self.actors[current].parent if current in self.actors else None
        return False

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m kg.link.actors")
    sub = ap.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="generate ontology/actors.ttl from the shared TSV tables")
    b.add_argument("--actors", type=Path, default=SHARED / "actors.tsv")
    b.add_argument("--nationalities", type=Path, default=SHARED / "nationalities.tsv")
    b.add_argument("--out", type=Path, default=DEFAULT_TTL)
    args = ap.parse_args(argv)
    g = build_graph(args.actors, args.nationalities)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Generated by `python -m kg.link.actors build` from shared/corpus/actors.tsv and\n"
              "# nationalities.tsv. Do not edit by hand: add a Turtle file of your own and pass it\n"
              "# to `ActorVocabulary.load(extra=...)` (CLI: --actors FILE).\n")
    args.out.write_text(header + g.serialize(format="turtle"), encoding="utf-8")
    print(f"wrote {args.out}: {len(g)} triples", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

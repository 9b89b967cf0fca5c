"""SHACL validation of built graphs against ontology/shapes.ttl, with readable reports.

The build validates every article graph on its own (so the cost grows linearly with the corpus);
`kg validate` does the same for every named graph of a TriG / N-Quads file (`validate_file`) or
of a store (`kg.store.local.validate_store`). All go through `validate_graph`, which also takes a whole Dataset
and validates the union of its graphs.

Why these choices:
* The shapes are parsed once per process (`functools.lru_cache`): parsing them (~20 ms) costs
  about as much as validating a small article graph.
* pyshacl runs with inference 'none'. The shapes are written so that they need no RDFS reasoning
  (each subclass is targeted by name, "a place" accepts dip:Place | dip:Country | dip:City), so
  inference would only cost time. The ontology is *not* mixed in as ont_graph by default: that
  makes pyshacl copy the data graph and the ontology into a new graph on every call. Measured
  (best of 5 runs, shared 2-core machine): the 500-triple graph of a sample article takes 70 ms
  without the ontology and 112 ms with it; a 95-triple test graph 26 ms and 85 ms.
  `use_ontology=True` is there for data written by other tools that rely on subclass typing.
* The shapes graph memoises its triple-pattern lookups (`_ReadOnlyShapes`): pyshacl asks the
  shapes graph the same questions for every focus node. 150 article graphs: 4.9 s → 3.2 s.
* pyshacl looks up every predicate of a shape in a *list* of the SHACL constraint parameters
  (`p in search_parameters`, pyshacl/shape.py), i.e. ~40 `URIRef.__eq__` calls per predicate per
  focus node: 7 M calls for 150 news articles, a fifth of the validation time. `_fast_parameter_lookup`
  gives pyshacl the same list with a hashed `__contains__` (same members, same order, same
  results; tested against the unpatched path). Measured on 150 SaudiNewsNet article graphs: 5.8 s
  → 4.8 s. It touches pyshacl's internals, so it is applied only to the pyshacl versions it was
  checked against (`PYSHACL_CHECKED`: tests/test_shapes.py passes on each, the patched and the
  plain path giving the same reports); pyproject.toml pins pyshacl to that range, and
  tests/test_shapes.py checks that the installed pyshacl still has the code the patch relies on.
* A Dataset is validated as the union of its graphs, the same view the store's default graph
  gives to SPARQL, because cross-article nodes (resolved events) refer to articles typed in other
  named graphs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.paths import Path as RdfPath

from kg.paths import ONTOLOGY

SHAPES_FILE = ONTOLOGY / "shapes.ttl"
ONTOLOGY_FILE = ONTOLOGY / "diplomacy.ttl"

# Prefixes used only to print compact names in reports (IRIs themselves are built in kg.rdf.writer).
PREFIXES: dict[str, str] = {
    "dip": "https://w3id.org/kg-diplomacy/ontology#",
    "dsh": "https://w3id.org/kg-diplomacy/shapes#",
    "kgr": "https://w3id.org/kg-diplomacy/id/",
    "topic": "https://w3id.org/kg-diplomacy/topic/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}
# Longest namespace first, so that kgr: wins over a shorter prefix of the same IRI.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))

_FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".n3": "n3",
}
_QUAD_FORMATS = {"nquads", "trig"}


def compact(node: object, max_literal: int = 60) -> str:
    """A short, readable form of an RDF term: `prefix:local` for known namespaces, `<iri>` else.

    Unlike rdflib's qname machinery this accepts local names with slashes (kgr:event/meeting-…),
    which is how resource IRIs are built.
    """
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        s = str(node)
        for prefix, ns in _BY_LENGTH:
            if s.startswith(ns) and len(s) > len(ns):
                return f"{prefix}:{s[len(ns):]}"
        return f"<{s}>"
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        text = str(node)
        if len(text) > max_literal:
            text = text[: max_literal - 1] + "…"
        text = text.replace("\n", " ").replace('"', '\\"')
        if node.language:
            return f'"{text}"@{node.language}'
        if node.datatype is not None:
            return f'"{text}"^^{compact(node.datatype)}'
        return f'"{text}"'
    return str(node)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node broke which rule, on which property, and what to do about it."""

    focus: rdflib.term.Node
    path: rdflib.term.Node | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    shape: rdflib.term.Node | None  # the (named) property or node shape whose constraint failed
    value: rdflib.term.Node | None = None
    component: str = ""  # e.g. "MinCountConstraintComponent"
    path_text: str = ""  # the path in SPARQL property-path syntax (alternatives as a|b)

    def format(self) -> str:
        """One line: severity, focus node, path, message, offending value, shape."""
        path = self.path_text or compact(self.path)
        line = f"{self.severity}: {compact(self.focus)} {path}: {self.message}"
        if self.value is not None and self.value != self.focus:
            line += f" (value {compact(self.value)})"
        if self.shape is not None and not isinstance(self.shape, BNode):
            line += f" [{compact(self.shape)}]"
        return line


@dataclass
class ValidationReport:
    """The outcome of validating one graph: conforms, and the violations in a stable order."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    triples: int = 0  # size of the data validated, for the caller's progress output

    def format(self, limit: int | None = None) -> str:
        """A readable report: a summary line, then one violation per line (compact IRIs)."""
        if self.conforms:
            return f"conforms ({self.triples} triples)"
        n = len(self.violations)
        lines = [f"does not conform: {n} violation{'s' if n != 1 else ''} ({self.triples} triples)"]
        shown = self.violations if limit is None else self.violations[:limit]
        lines.extend(v.format() for v in shown)
        if len(shown) < n:
            lines.append(f"… and {n - len(shown)} more")
        return "\n".join(lines)

    def by_shape(self) -> dict[str, int]:
        """Violation counts per shape, for summaries over a whole store."""
        counts: dict[str, int] = {}
        for v in self.violations:
            key = compact(v.shape)
            counts[key] = counts.get(key, 0) + 1
        return counts


def _parse(path: Path, fmt: str | None = None) -> rdflib.Graph:
    try:
        return rdflib.Graph().parse(path, format=fmt or "turtle")
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: file not found") from None
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ValueError(f"{path}: cannot parse as RDF: {exc}") from exc


class _ReadOnlyShapes(rdflib.Graph):
    """The shapes graph with every triple-pattern lookup answered from a memo.

    pyshacl re-reads each shape's parameters from the shapes graph on every focus node it
    validates (`predicate_objects(shape)`, and every constraint component's constructor reads its
    own parameters again): about two thirds of its ~7,000 triple-pattern lookups per article graph
    go to the shapes, which never change. Answering those from a memo gives the same results (the
    memo holds exactly what rdflib returned) and measured 4.9 s → 3.2 s for 150 SaudiNewsNet
    article graphs. Adding or removing a triple clears the memo, so the graph stays correct if
    someone does edit it.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._memo: dict[tuple, tuple] = {}

    def triples(self, triple):  # noqa: ANN001, ANN201 - rdflib's signature
        if isinstance(triple[1], RdfPath):  # property paths: not memoised
            yield from super().triples(triple)
            return
        found = self._memo.get(triple)
        if found is None:
            found = self._memo[triple] = tuple(super().triples(triple))
        yield from found

    def add(self, triple):  # noqa: ANN001, ANN201
        self._memo.clear()
        return super().add(triple)

    def remove(self, triple):  # noqa: ANN001, ANN201
        self._memo.clear()
        return super().remove(triple)

    def addN(self, quads):  # noqa: ANN001, ANN201, N802 - rdflib's name
        self._memo.clear()
        return super().addN(quads)


@functools.lru_cache(maxsize=None)
def shapes_graph() -> rdflib.Graph:
    """ontology/shapes.ttl, parsed once per process, with memoised lookups (`_ReadOnlyShapes`)."""
    g = _ReadOnlyShapes()
    try:
        g.parse(SHAPES_FILE, format="turtle")
    except FileNotFoundError:
        raise FileNotFoundError(f"{SHAPES_FILE}: file not found") from None
    except Exception as exc:  # rdflib raises many parser-specific types
        raise ValueError(f"{SHAPES_FILE}: cannot parse as RDF: {exc}") from exc
    return g


@functools.lru_cache(maxsize=None)
def ontology_graph() -> rdflib.Graph:
    """ontology/diplomacy.ttl, parsed once per process."""
    return _parse(ONTOLOGY_FILE)


# Dataset (and, in rdflib 7, the deprecated ConjunctiveGraph it extends): graphs with named graphs.
_MULTIGRAPH = tuple(
    c for c in (getattr(rdflib, "Dataset", None), getattr(rdflib, "ConjunctiveGraph", None)) if c
)


def _union(data: rdflib.Dataset) -> rdflib.Graph:
    """All triples of all graphs of a dataset in one plain Graph (the store's default-graph view)."""
    g = rdflib.Graph()
    for s, p, o, _ in data.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def _path_text(report: rdflib.Graph, path: rdflib.term.Node | None) -> str:
    """Render a SHACL path node as SPARQL property-path text (a|b, ^p, a/b, p*, p+, p?)."""
    if path is None:
        return "-"
    if isinstance(path, URIRef):
        return compact(path)
    alt = report.value(path, SH.alternativePath)
    if alt is not None:
        return "|".join(_path_text(report, p) for p in Collection(report, alt))
    for pred, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        inner = report.value(path, pred)
        if inner is not None:
            return f"({_path_text(report, inner)}){suffix}"
    inv = report.value(path, SH.inversePath)
    if inv is not None:
        return f"^{_path_text(report, inv)}"
    if report.value(path, RDF.first) is not None:
        return "/".join(_path_text(report, p) for p in Collection(report, path))
    return compact(path)


def _violations(report: rdflib.Graph) -> list[Violation]:
    out: list[Violation] = []
    # Only the report's own sh:result values: pyshacl also writes the nested results of sh:node /
    # sh:or checks (reachable through sh:detail), which repeat a top-level one in worse words.
    results = {
        r for rep in report.subjects(RDF.type, SH.ValidationReport) for r in report.objects(rep, SH.result)
    }
    for result in results:
        path = report.value(result, SH.resultPath)
        severity = report.value(result, SH.resultSeverity)
        component = report.value(result, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        out.append(
            Violation(
                focus=report.value(result, SH.focusNode),
                path=path,
                message=messages[0] if messages else "(no message)",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                shape=report.value(result, SH.sourceShape),
                value=report.value(result, SH.value),
                component=str(component).rsplit("#", 1)[-1] if component is not None else "",
                path_text=_path_text(report, path) if path is not None else "",
            )
        )
    out.sort(key=lambda v: (str(v.focus), v.path_text, str(v.shape), v.message, str(v.value), v.component, v.severity))
    return out


#: pyshacl releases on which `_fast_parameter_lookup` was checked: `pyshacl.shape` reads the cached
#: `CONSTRAINT_PARAMS` with `getattr(module, ...)` and tests `p in search_parameters`, and the
#: whole of tests/test_shapes.py passes (pytest with each wheel first on PYTHONPATH).
PYSHACL_CHECKED = ("0.30.0", "0.30.1", "0.31.0", "0.40.0", "0.40.1")


class _HashedList(list):
    """A list whose `in` is a set lookup: what pyshacl needs of its constraint-parameter list."""

    def __init__(self, items: Iterable[rdflib.term.Node]) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


@functools.lru_cache(maxsize=1)
def _fast_parameter_lookup() -> bool:
    """Pre-fill pyshacl's cache of constraint parameters with a hashed list (see module docstring).

    pyshacl fills `pyshacl.shape.CONSTRAINT_PARAMS` itself on first use; setting it first with the
    same members changes only how `in` is computed. Returns whether the patch is in place.
    """
    try:
        import pyshacl
        from pyshacl import shape as pyshacl_shape
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    except ImportError:  # a pyshacl without these names: validate the slow way
        return False
    if getattr(pyshacl, "__version__", None) not in PYSHACL_CHECKED:  # unchecked internals: slow but sure
        return False
    pyshacl_shape.CONSTRAINT_PARAMS = (_HashedList(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)  # type: ignore[attr-defined]
    return True


def validate_graph(
    data: rdflib.Graph | rdflib.Dataset, *, use_ontology: bool = False
) -> ValidationReport:
    """Validate `data` against ontology/shapes.ttl and return a readable report.

    A Dataset (or ConjunctiveGraph) is validated as the union of all its graphs. With
    `use_ontology`, diplomacy.ttl is mixed in as pyshacl's ont_graph so that instances typed only
    by a subclass the shapes do not name are still targeted (slower; see the module docstring).
    """
    import pyshacl  # imported here: it is slow to import and most commands never validate

    _fast_parameter_lookup()
    graph = _union(data) if isinstance(data, _MULTIGRAPH) else data
    conforms, report, _text = pyshacl.validate(
        graph,
        shacl_graph=shapes_graph(),
        ont_graph=ontology_graph() if use_ontology else None,
        inference="none",
        advanced=False,
        allow_warnings=True,
    )
    violations = _violations(report)
    return ValidationReport(conforms=bool(conforms), violations=violations, triples=len(graph))


def load_data_file(path: Path | str) -> rdflib.Graph | rdflib.Dataset:
    """Parse an RDF file for `kg validate FILE`: quad formats give a Dataset, others a Graph.

    The format comes from the extension; a file that does not parse raises ValueError with a
    one-line message naming the file and the cause.
    """
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: file not found")
    fmt = _FORMATS.get(p.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(_FORMATS))
        raise ValueError(f"{p}: unknown RDF file extension {p.suffix!r} (expected one of {known})")
    if fmt in _QUAD_FORMATS:
        ds = rdflib.Dataset()
        try:
            ds.parse(p, format=fmt)
        except Exception as exc:
            raise ValueError(f"{p}: cannot parse as {fmt}: {exc}".splitlines()[0]) from exc
        return ds
    try:
        return rdflib.Graph().parse(p, format=fmt)
    except Exception as exc:
        raise ValueError(f"{p}: cannot parse as {fmt}: {exc}".splitlines()[0]) from exc


def validate_each(
    graphs: Iterable[tuple[str, rdflib.Graph]], *, use_ontology: bool = False
) -> dict[str, ValidationReport]:
    """Validate graphs one by one, keyed by name: the per-article check of the build and the store.

    Each article graph is self-contained (kg.rdf.writer repeats entity core facts in every article that
    mentions them), so validating graph by graph is exact and keeps the cost linear.
    """
    return {name: validate_graph(g, use_ontology=use_ontology) for name, g in graphs}


def _named_graphs(ds: rdflib.Dataset) -> Iterator[tuple[str, rdflib.Graph]]:
    for ctx in sorted(ds.graphs(), key=lambda c: str(c.identifier)):
        if len(ctx) == 0:
            continue
        g = rdflib.Graph(identifier=ctx.identifier)
        for t in ctx:
            g.add(t)
        is_default = ctx.identifier == rdflib.graph.DATASET_DEFAULT_GRAPH_ID
        name = "default graph" if is_default else compact(ctx.identifier)
        yield name, g


def validate_file(path: Path | str, *, use_ontology: bool = False) -> dict[str, ValidationReport]:
    """Parse one RDF file and validate it graph by graph (`kg validate FILE`).

    A TriG / N-Quads file gives one report per named graph (and one for a non-empty default
    graph); a triples file (Turtle, N-Triples, …) gives one report keyed by the file name.
    """
    data = load_data_file(path)
    if isinstance(data, _MULTIGRAPH):
        return validate_each(_named_graphs(data), use_ontology=use_ontology)
    return {Path(path).name: validate_graph(data, use_ontology=use_ontology)}

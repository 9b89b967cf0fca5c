"""The package layout follows the data flow: no module imports from a later stage, and no import
circle exists between modules (docs/architecture.md). Walks every import statement with `ast`,
the lazy ones inside functions included, since a lazy import is still a dependency."""

from __future__ import annotations

import ast
from pathlib import Path

from kg.paths import ROOT

KG = ROOT / "kg"

# Stages in data-flow order; a module may import its own stage or an earlier one.
STAGES = ["bottom", "read", "nlp", "resolve", "link", "rdf", "store", "view", "build", "evaluate", "cli"]
BOTTOM = {"kg", "kg.arabic", "kg.records", "kg.paths", "kg.gazetteer", "kg.io", "kg.sparql"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage_of(module: str) -> str:
    if module in BOTTOM:
        return "bottom"
    second = module.split(".")[1]
    assert second in STAGES, f"{module}: not in a stage folder nor in the bottom layer"
    return second


def kg_imports(path: Path) -> set[str]:
    """Every kg module `path` imports (resolving `from kg.x import y` to kg.x.y when y is a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = {module_name(p) for p in KG.rglob("*.py")}
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name == "kg" or a.name.startswith("kg."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and (
            node.module == "kg" or node.module.startswith("kg.")
        ):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return found


def import_graph() -> dict[str, set[str]]:
    return {module_name(p): kg_imports(p) for p in sorted(KG.rglob("*.py"))}


def test_no_import_runs_from_an_earlier_stage_to_a_later_one():
    bad = []
    for mod, deps in import_graph().items():
        for dep in deps:
            if STAGES.index(stage_of(dep)) > STAGES.index(stage_of(mod)):
                bad.append(f"{mod} ({stage_of(mod)}) imports {dep} ({stage_of(dep)})")
    assert not bad, "\n".join(bad)


def test_no_import_circle():
    graph = import_graph()
    # A package's __init__ importing its own submodules is how packages work, not a circle;
    # a submodule importing its package's __init__ back would be one, and is caught.
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph.get(node, ())):
            if dep == node:
                continue
            if state.get(dep) == 1:
                cycles.append(stack[stack.index(dep):] + [dep])
            elif dep not in state:
                visit(dep, stack + [dep])
        state[node] = 2

    for mod in sorted(graph):
        if mod not in state:
            visit(mod, [mod])
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def test_the_checker_sees_a_violation(tmp_path):
    """The walk is not vacuous: a lazy import of a later stage inside a function is found."""
    f = tmp_path / "m.py"
    f.write_text("def f():\n    from kg.store.local import open_store\n    import kg.build.engine\n", encoding="utf-8")
    assert kg_imports(f) == {"kg.store.local", "kg.build.engine"}


def test_no_javascript_inside_python_source():
    for p in KG.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        assert "<script>" not in text and "_JS = " not in text, p


def test_every_module_is_hashed_by_the_fingerprint_of_what_it_changes():
    """A file moved to another folder must still invalidate the records or graphs it shaped."""
    from kg.build.engine import EXTRACT_SOURCES, RENDER_SOURCES, UNHASHED_SOURCES

    def covered(p: Path, sources) -> bool:
        return any(p == s or s in p.parents for s in sources)

    for p in sorted(KG.rglob("*.py")):
        groups = [name for name, src in (("extract", EXTRACT_SOURCES), ("render", RENDER_SOURCES),
                                         ("unhashed", UNHASHED_SOURCES)) if covered(p, src)]
        assert len(groups) == 1 or groups == ["extract", "render"] and p.name == "gazetteer.py", (p, groups)


def test_a_changed_stage_file_changes_its_fingerprint(tmp_path, monkeypatch):
    from kg.build import engine

    stage = tmp_path / "resolve"
    stage.mkdir()
    (stage / "events.py").write_text("x = 1\n")
    monkeypatch.setattr(engine, "RENDER_SOURCES", (stage,))
    before = engine.render_fingerprint(None)
    (stage / "events.py").write_text("x = 2\n")
    assert engine.render_fingerprint(None) != before

"""The package's shape, enforced: imports run one way, down the layers, and
never in a circle. A newcomer reads the folder names; this test keeps them true.

    pages/, app.py                      (top: thin Streamlit pages)
    fivebarriers.views, fivebarriers.cli
    fivebarriers.workshop
    fivebarriers.data, fivebarriers.charts
    fivebarriers.store
    fivebarriers (config, errors, queries, auth)   (bottom)
"""

from __future__ import annotations

import ast
from pathlib import Path

from fivebarriers.config import ROOT

PACKAGE = ROOT / "fivebarriers"

# A wing may import from its own wing and from any wing of a LOWER layer.
LAYER = {
    "fivebarriers": 0,
    "fivebarriers.store": 1,
    "fivebarriers.data": 2,
    "fivebarriers.charts": 2,
    "fivebarriers.workshop": 3,
    "fivebarriers.views": 4,
    "fivebarriers.cli": 4,
    "pages": 5,
}


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def wing(module: str) -> str:
    # Entry points sit on top: the pages, app.py and `python -m fivebarriers`.
    if module.startswith("pages") or module in ("app", "fivebarriers.__main__"):
        return "pages"
    parts = module.split(".")
    candidate = ".".join(parts[:2])
    return candidate if candidate in LAYER else "fivebarriers"


def imports_of(path: Path) -> set[str]:
    """Every fivebarriers module a file imports, at any depth of the file
    (a function-level import is still an import)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("fivebarriers"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fivebarriers"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                # `from fivebarriers.data import build` imports a module; `from x import Name` a name.
                as_module = ROOT / Path(*full.split("."))
                is_module = as_module.with_suffix(".py").exists() or as_module.is_dir()
                found.add(full if is_module else node.module)
    return found


def graph() -> dict[str, set[str]]:
    files = [*PACKAGE.rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    files = [f for f in files if "geodata" not in f.parts]
    return {module_name(f): imports_of(f) for f in files}


def test_every_module_belongs_to_a_known_wing() -> None:
    for module in graph():
        assert wing(module) in LAYER, module


def test_imports_point_down_or_sideways_within_a_wing() -> None:
    upward = []
    for module, targets in graph().items():
        for target in targets:
            here, there = wing(module), wing(target)
            if here == there:
                continue
            if LAYER[there] >= LAYER[here]:
                upward.append(f"{module} imports {target} ({here} -> {there})")
    assert not upward, "imports that run up or across the layers:\n" + "\n".join(sorted(upward))


def test_no_import_circles() -> None:
    g = graph()
    edges = {m: {t for t in ts if t in g} for m, ts in g.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not cycles, "import circles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_the_layering_test_sees_a_planted_upward_import(tmp_path: Path) -> None:
    """The checker itself can fail: a store module importing a view is caught."""
    planted = tmp_path / "planted.py"
    planted.write_text("from fivebarriers.views import ui\n", encoding="utf-8")
    targets = imports_of(planted)
    assert targets == {"fivebarriers.views.ui"}
    assert LAYER[wing("fivebarriers.views.ui")] > LAYER[wing("fivebarriers.store.backend")]


def test_no_module_is_longer_than_one_read() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert not long, f"modules over 400 lines (split by responsibility): {long}"

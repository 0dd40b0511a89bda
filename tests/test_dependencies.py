"""The dependency rule of docs/ARCHITECTURE.md, on the import graph of platform/kinerja read with ast.

Every import counts, function-level ones included; imports under `if TYPE_CHECKING:` do not (they only feed
annotations, e.g. strawberry.lazy types). A later domain extends TIERS by one line."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "platform" / "kinerja"

# services/<domain>: a module may import its own domain and lower tiers; a sibling of its own tier or a higher
# tier only where ALSO says so
TIERS = {
    "core": 0,
    "cycles": 1, "org": 1, "auth": 1,
    "indicators": 2, "survey": 2,
    "skp": 3,
    "evaluation": 4,
    "reports": 5,
    "documents": 6,  # the official documents: their facts from every tier below, the agency scope of the reports
    "tasks": 6,  # what awaits the viewer: reads every domain's rules
}
ALSO = {
    ("auth", "org"),  # a session or token belongs to a person
}
# the layers outside services/: what each may never import
BASE = ("models", "plugins", "specs", "settings", "db")  # below the services
ABOVE = ("graphql", "http", "cli", "app", "demo")  # above the services


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports_of(source: str, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The kinerja modules one module imports, anywhere in it except under `if TYPE_CHECKING:`."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return {name for name in found if name == "kinerja" or name.startswith("kinerja.")}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    known = set(files)
    return {name: {t for t in imports_of(p.read_text("utf-8"), name, p.name == "__init__.py", known) if t != name}
            for name, p in files.items()}


def layer(module: str) -> tuple[str, str | None]:
    """('services', domain) for kinerja.services.<domain>..., else (top-level part, None)."""
    parts = module.split(".")
    if len(parts) >= 3 and parts[1] == "services":
        return "services", parts[2]
    return (parts[1] if len(parts) > 1 else "kinerja"), None


def edge_problem(source: str, target: str) -> str | None:
    """Why an import breaks the rule, or None."""
    (s_layer, s_domain), (t_layer, t_domain) = layer(source), layer(target)
    if t_layer == "demo" and s_layer not in ("demo", "cli"):
        return "only the CLI imports the demo"
    if s_layer == "services":
        if t_layer in ABOVE:
            return f"services never import {t_layer}"
        if t_layer == "services" and t_domain is not None and s_domain is not None and t_domain != s_domain:
            if s_domain not in TIERS or t_domain not in TIERS:
                return f"services/{s_domain if s_domain not in TIERS else t_domain} is not in the tier table"
            if TIERS[t_domain] >= TIERS[s_domain] and (s_domain, t_domain) not in ALSO:
                return (f"services/{s_domain} (tier {TIERS[s_domain]}) may not import services/{t_domain} "
                        f"(tier {TIERS[t_domain]})")
    if s_layer in BASE and (t_layer == "services" or t_layer in ABOVE):
        return f"{s_layer} is below the services and may not import {t_layer}"
    return None


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def connect(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return found


def violations(graph: dict[str, set[str]]) -> list[str]:
    found = [f"{s} imports {t}: {why}" for s in sorted(graph) for t in sorted(graph[s])
             if (why := edge_problem(s, t))]
    found += ["import circle: " + " -> ".join(c) for c in circles(graph)]
    for name in graph:
        kind, domain = layer(name)
        if kind == "services" and domain is not None and "." in name.split("services.", 1)[1] and domain not in TIERS:
            found.append(f"{name}: services/{domain} is not in the tier table")
    return found


# -- the rule holds -----------------------------------------------------------------------------------------------

def test_the_package_keeps_the_dependency_rule():
    assert violations(import_graph()) == []


def test_every_service_domain_is_in_the_tier_table():
    domains = {p.name for p in (PACKAGE / "services").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert domains == set(TIERS)


# -- the test of the test: planted violations are found --------------------------------------------------------

def _planted(tmp_path: Path, files: dict[str, str]) -> dict[str, set[str]]:
    root = tmp_path / "kinerja"
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in [path.parent, *path.parent.parents]:
            if folder == tmp_path:
                break
            (folder / "__init__.py").touch()
        path.write_text(text)
    return import_graph(root)


def test_a_function_level_import_of_a_higher_tier_is_found(tmp_path):
    graph = _planted(tmp_path, {
        "services/core/access.py": "def subtree():\n    from kinerja.services.org.people import subtree_ids\n",
        "services/org/people.py": "X = 1\n",
    })
    assert violations(graph) == [
        "kinerja.services.core.access imports kinerja.services.org.people: services/core (tier 0) may not import "
        "services/org (tier 1)"]


def test_a_sibling_of_the_same_tier_is_found_unless_allowed(tmp_path):
    graph = _planted(tmp_path, {
        "services/cycles/gate.py": "from kinerja.services.org import people\n",
        "services/auth/sessions.py": "from kinerja.services.org import people\n",
        "services/org/people.py": "X = 1\n",
    })
    assert violations(graph) == [
        "kinerja.services.cycles.gate imports kinerja.services.org.people: services/cycles (tier 1) may not import "
        "services/org (tier 1)"]


def test_type_checking_imports_do_not_count_but_relative_ones_do(tmp_path):
    graph = _planted(tmp_path, {
        "services/core/a.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from kinerja.services.reports import x\n",
        "services/core/b.py": "from ..reports import x\n",
        "services/reports/x.py": "Y = 1\n",
    })
    assert violations(graph) == [
        "kinerja.services.core.b imports kinerja.services.reports.x: services/core (tier 0) may not import "
        "services/reports (tier 5)"]


def test_services_importing_graphql_or_the_demo_and_a_circle_are_found(tmp_path):
    graph = _planted(tmp_path, {
        "services/skp/targets.py": "import kinerja.graphql.errors\nfrom kinerja.demo import data\n",
        "graphql/errors.py": "from kinerja.graphql import people\n",
        "graphql/people.py": "def f():\n    from kinerja.graphql import errors\n",
        "demo/data.py": "X = 1\n",
    })
    assert violations(graph) == [
        "kinerja.services.skp.targets imports kinerja.demo.data: only the CLI imports the demo",
        "kinerja.services.skp.targets imports kinerja.graphql.errors: services never import graphql",
        "import circle: kinerja.graphql.errors -> kinerja.graphql.people",
    ]


@pytest.mark.parametrize("domain", ["billing"])
def test_a_domain_missing_from_the_table_is_found(tmp_path, domain):
    graph = _planted(tmp_path, {f"services/{domain}/x.py": "from kinerja.services.core import y\n",
                                "services/core/y.py": "Y = 1\n"})
    assert violations(graph) == [
        f"kinerja.services.{domain}.x imports kinerja.services.core.y: services/{domain} is not in the tier table",
        f"kinerja.services.{domain}.x: services/{domain} is not in the tier table"]

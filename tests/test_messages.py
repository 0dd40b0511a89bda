"""Every message in English and Bahasa Indonesia (services/core/messages.py; docs/ARCHITECTURE.md, "Messages").

Statically (ast, over platform/kinerja): every error code the platform can answer (Problem, InputError.one,
BadArgument, AccessDenied, refusal/forbidden/deny, the spec check's problems, the query limits, GraphQL errors'
extensions.code, the HTTP guard's and the CSV route's refusals) has both texts in the catalog, and every raise site
that gives params gives what one of its code's templates names. Then through the real app: the same bad request in
English (no Accept-Language: today's message, exactly) and in Indonesian (Accept-Language: id-ID,id;q=0.9), the code
identical; GraphQL errors, the guard's and the CSV route's; the suggestion's reason and curve warnings."""

from __future__ import annotations

import ast
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kinerja.models import Rating
from kinerja.services.core import clock, messages
from kinerja.services.core.messages import CATALOG, ID, fields

PACKAGE = Path(__file__).resolve().parent.parent / "platform" / "kinerja"
# callee -> (index of the code argument, the code when none is given)
CODE_ARG = {"Problem": (1, None), "SpecProblem": (1, None), "TargetProblem": (1, None), "Excess": (1, None),
            "UserError": (1, None), "one": (1, None), "BadArgument": (2, "BAD_ARGUMENT"),
            "AccessDenied": (1, "FORBIDDEN"), "FileProblem": (3, None), "error_response": (1, None),
            "_Refused": (1, None), "error_text": (2, None)}
# callee -> index of its params argument (or keyword `params`)
PARAMS_ARG = {"Problem": 3, "one": 3, "BadArgument": 3, "AccessDenied": 2, "refusal": 2, "forbidden": 2, "deny": 1,
              "Excess": 3, "_Refused": 3, "error_text": 4, "method_not_allowed": 1}
# the refusal helpers (services/core/access.py, graphql/errors.py, http/guard.py) and their fixed code
FIXED = {"refusal": "FORBIDDEN", "forbidden": "FORBIDDEN", "deny": "FORBIDDEN",
         "unauthenticated": "UNAUTHENTICATED", "method_not_allowed": "METHOD_NOT_ALLOWED"}
# callees with a path (or an argument) from which {field} is filled
WITH_PATH = {"Problem", "one", "refusal", "forbidden", "BadArgument", "Excess", "SpecProblem", "UserError",
             "error_text"}


@dataclass
class Site:
    file: str
    line: int
    callee: str
    codes: set[str]
    unresolved: list[str] = field(default_factory=list)
    params: set[str] | None = None  # the keys of a literal params mapping; None when none or not literal
    literals: dict[str, object] = field(default_factory=dict)  # params given as constants


class Module:
    def __init__(self, path: Path, root: Path):
        self.path = path
        self.name = str(path.relative_to(root))
        self.tree = ast.parse(path.read_text(), str(path))
        self.parent: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
        self.imports: dict[str, tuple[str, str | None]] = {}  # local name -> (module, name or None for a module)
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kinerja"):
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = (f"{node.module}.{alias.name}", alias.name)
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name.startswith("kinerja"):
                        self.imports[alias.asname or alias.name.split(".")[0]] = (alias.name, None)

    def functions(self, name: str) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
        return [n for n in ast.walk(self.tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                and n.name == name]

    def enclosing(self, node: ast.AST) -> list[ast.AST]:
        found = []
        while node in self.parent:
            node = self.parent[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                found.append(node)
        return found + [self.tree]


class Collector:
    def __init__(self, root: Path = PACKAGE):
        self.root = root
        self.modules = {str(p.relative_to(root)): Module(p, root) for p in sorted(root.rglob("*.py"))}
        self.by_dotted = {"kinerja." + n[:-3].replace("/", ".").removesuffix(".__init__"): m
                          for n, m in self.modules.items()}

    # -- resolving a code expression to the literal codes it can be --------------------------------------------

    def resolve(self, module: Module, expr: ast.AST, depth: int = 0) -> tuple[set[str], list[str]]:
        if depth > 8:
            return set(), [ast.unparse(expr)]
        if isinstance(expr, (_Row, _Index)):
            codes: set[str] = set()
            unresolved: list[str] = []
            for m, table in self.literals(module, expr.table if isinstance(expr, _Row) else expr.value, depth):
                rows = table.elts if isinstance(expr, _Row) and isinstance(table, (ast.Tuple, ast.List)) else [table]
                for row in rows:
                    if expr.index is None:
                        picked = row
                    elif isinstance(row, (ast.Tuple, ast.List)) and len(row.elts) > expr.index:
                        picked = row.elts[expr.index]
                    elif isinstance(row, ast.Constant) and row.value is None:
                        continue
                    else:
                        unresolved.append(ast.unparse(row))
                        continue
                    c, u = self.resolve(m, picked, depth + 1)
                    codes |= c
                    unresolved += u
            return codes, unresolved
        if isinstance(expr, ast.Constant):
            if expr.value is None:
                return set(), []
            return ({expr.value}, []) if isinstance(expr.value, str) else (set(), [ast.unparse(expr)])
        if isinstance(expr, ast.IfExp):
            return self._union(module, [expr.body, expr.orelse], depth)
        if isinstance(expr, ast.BoolOp):
            return self._union(module, expr.values, depth)
        if isinstance(expr, (ast.Tuple, ast.List)):
            return self._union(module, expr.elts, depth)
        if isinstance(expr, ast.Dict):
            return self._union(module, expr.values, depth)
        if isinstance(expr, ast.Name):
            return self._name(module, expr, depth)
        if isinstance(expr, ast.Subscript):
            return self.resolve(module, expr.value, depth + 1)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "get":
            return self._union(module, [expr.func.value, *expr.args[1:]], depth)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name):
            return self._returns(module, expr.func.id, depth)
        if isinstance(expr, ast.Attribute):
            return self._attribute(module, expr, depth)
        return set(), [ast.unparse(expr)]

    def literals(self, module: Module, expr: ast.AST, depth: int) -> list[tuple[Module, ast.AST]]:
        """The literal values an expression stands for, following names and attributes."""
        if depth > 8:
            return []
        if isinstance(expr, ast.Name):
            for scope in module.enclosing(expr):
                values = list(self._assigned(scope, expr.id))
                if values:
                    return [lit for v in values for lit in self.literals(module, v, depth + 1)]
            if expr.id in module.imports:
                dotted, attr = module.imports[expr.id]
                origin = self.by_dotted.get(dotted.rsplit(".", 1)[0])
                if origin is not None and attr:
                    return [lit for v in self._assigned(origin.tree, attr)
                            for lit in self.literals(origin, v, depth + 1)]
            return []
        if isinstance(expr, ast.Attribute):
            return [lit for m, v in self._attribute_values(module, expr) for lit in self.literals(m, v, depth + 1)]
        if isinstance(expr, (_Row, _Index)):
            found = []
            for m, table in self.literals(module, expr.table if isinstance(expr, _Row) else expr.value, depth + 1):
                rows = table.elts if isinstance(expr, _Row) and isinstance(table, (ast.Tuple, ast.List)) else [table]
                for row in rows:
                    if expr.index is None:
                        found += self.literals(m, row, depth + 1)
                    elif isinstance(row, (ast.Tuple, ast.List)) and len(row.elts) > expr.index:
                        found += self.literals(m, row.elts[expr.index], depth + 1)
            return found
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and module.functions(expr.func.id):
            return [lit for fn in module.functions(expr.func.id) for n in ast.walk(fn)
                    if isinstance(n, ast.Return) and n.value is not None
                    for lit in self.literals(module, n.value, depth + 1)]
        return [(module, expr)]

    def _union(self, module: Module, exprs, depth: int) -> tuple[set[str], list[str]]:
        codes: set[str] = set()
        unresolved: list[str] = []
        for e in exprs:
            c, u = self.resolve(module, e, depth + 1)
            codes |= c
            unresolved += u
        return codes, unresolved

    def _name(self, module: Module, expr: ast.Name, depth: int) -> tuple[set[str], list[str]]:
        name = expr.id
        for scope in module.enclosing(expr):
            values = list(self._assigned(scope, name))
            if values:
                return self._union(module, values, depth)
            if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = [a.arg for a in (*scope.args.posonlyargs, *scope.args.args, *scope.args.kwonlyargs)]
                if name in args:
                    return self._argument(module, scope, name, depth)
        if name in module.imports:
            dotted, attr = module.imports[name]
            origin = self.by_dotted.get(dotted.rsplit(".", 1)[0])
            if origin is not None and attr:
                values = list(self._assigned(origin.tree, attr))
                if values:
                    return self._union(origin, values, depth)
        return set(), [name]

    def _assigned(self, scope: ast.AST, name: str):
        """The values assigned to `name` directly in this scope (not in nested functions); tuple targets give the
        matching element, `for a, b in TABLE` the matching element of each row."""
        nested = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)
        stack = list(ast.iter_child_nodes(scope))
        while stack:
            node = stack.pop()
            if isinstance(node, nested):
                continue
            stack.extend(ast.iter_child_nodes(node))
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    yield from _match(target, node.value, name)
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                yield from _match(node.target, node.value, name)
            elif isinstance(node, (ast.For, ast.comprehension)):
                if isinstance(node.target, ast.Tuple):
                    for i, elt in enumerate(node.target.elts):
                        if isinstance(elt, ast.Name) and elt.id == name:
                            yield _Row(node.iter, i)
                elif isinstance(node.target, ast.Name) and node.target.id == name:
                    yield _Row(node.iter, None)

    def _argument(self, module: Module, fn, name: str, depth: int) -> tuple[set[str], list[str]]:
        args = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
        index = args.index(name) if name in args else None
        values = []
        defaults = fn.args.defaults
        if index is not None and index >= len(args) - len(defaults):
            values.append(defaults[index - (len(args) - len(defaults))])
        for kw, default in zip(fn.args.kwonlyargs, fn.args.kw_defaults):
            if kw.arg == name and default is not None:
                values.append(default)
        offset = 1 if args[:1] in (["self"], ["cls"]) else 0
        for m in self.modules.values():
            for node in ast.walk(m.tree):
                if isinstance(node, ast.Call) and _callee(node) == fn.name:
                    given = {k.arg: k.value for k in node.keywords}
                    if name in given:
                        values.append((m, given[name]))
                    elif index is not None and len(node.args) > index - offset >= 0:
                        values.append((m, node.args[index - offset]))
        codes: set[str] = set()
        unresolved: list[str] = []
        for v in values:
            m, e = v if isinstance(v, tuple) else (module, v)
            c, u = self.resolve(m, e, depth + 1)
            codes |= c
            unresolved += u
        return codes, unresolved

    def _returns(self, module: Module, fname: str, depth: int) -> tuple[set[str], list[str]]:
        fns = module.functions(fname)
        if not fns:
            return set(), [f"{fname}()"]
        returns = [n.value for fn in fns for n in ast.walk(fn) if isinstance(n, ast.Return) and n.value is not None]
        return self._union(module, returns, depth)

    def _attribute(self, module: Module, expr: ast.Attribute, depth: int) -> tuple[set[str], list[str]]:
        base = expr.value
        if isinstance(base, ast.Name) and base.id in module.imports:
            dotted, attr = module.imports[base.id]
            origin = self.by_dotted.get(dotted)
            if origin is not None:
                values = list(self._assigned(origin.tree, expr.attr))
                if values:
                    return self._union(origin, values, depth)
        if expr.attr == "code":
            return set(), []  # a problem's code relayed: its own site is collected where it was made
        values = self._attribute_values(module, expr)
        if not values:
            return set(), [ast.unparse(expr)]
        codes: set[str] = set()
        unresolved: list[str] = []
        for m, e in values:
            c, u = self.resolve(m, e, depth + 1)
            codes |= c
            unresolved += u
        return codes, unresolved

    def _attribute_values(self, module: Module, expr: ast.Attribute) -> list[tuple[Module, ast.AST]]:
        """An attribute of an imported module: its module-level values; of an object: every value given to it
        (a class's default, a keyword argument)."""
        base = expr.value
        if isinstance(base, ast.Name) and base.id in module.imports:
            dotted, attr = module.imports[base.id]
            origin = self.by_dotted.get(dotted)
            if origin is not None:
                return [(origin, v) for v in self._assigned(origin.tree, expr.attr)]
        values = []
        for m in self.modules.values():
            for node in ast.walk(m.tree):
                if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) \
                        and node.target.id == expr.attr and node.value is not None \
                        and isinstance(m.parent.get(node), ast.ClassDef):
                    values.append((m, node.value))
                elif isinstance(node, ast.keyword) and node.arg == expr.attr:
                    values.append((m, node.value))
        return values

    # -- the sites --------------------------------------------------------------------------------------------------

    def sites(self) -> list[Site]:
        found = []
        for name, module in self.modules.items():
            for node in ast.walk(module.tree):
                if isinstance(node, ast.Call):
                    site = self._site(module, node)
                    if site is not None:
                        found.append(site)
        return found

    def _site(self, module: Module, node: ast.Call) -> Site | None:
        name = _callee(node)
        if name == "message" and not (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                                      and node.func.value.id == "messages"):
            return None  # messages.message(code, ...) only
        kw = {k.arg: k.value for k in node.keywords}
        site = Site(module.name, node.lineno, name or "?", set())
        if name in PARAMS_ARG:
            i = PARAMS_ARG[name]
            given = node.args[i] if len(node.args) > i else kw.get("params")
            if isinstance(given, ast.Dict) and all(isinstance(k, ast.Constant) for k in given.keys):
                site.params = {k.value for k in given.keys}
                site.literals = {k.value: v.value for k, v in zip(given.keys, given.values)
                                 if isinstance(v, ast.Constant)}
            elif given is not None:
                site.params = None if isinstance(given, ast.Constant) else {"*"}  # relayed: not checked here
        if name in FIXED:
            site.codes = {FIXED[name]}
            return site
        expr = None
        default = None
        if name == "one" and not (isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name)
                                  and node.func.value.id == "InputError"):
            return None
        if name in CODE_ARG:
            i, default = CODE_ARG[name]
            expr = node.args[i] if len(node.args) > i else kw.get("code")
        extensions = kw.get("extensions")
        if isinstance(extensions, ast.Dict):
            for key, value in zip(extensions.keys, extensions.values):
                if isinstance(key, ast.Constant) and key.value == "code":
                    expr = value
        if expr is None:
            if default is None:
                return None
            site.codes = {default}
            return site
        site.codes, site.unresolved = self.resolve(module, expr)
        return site


class _Row(ast.AST):
    """The element `index` of each row of a table (for a, b in TABLE)."""

    _fields = ()

    def __init__(self, table: ast.AST, index: int | None):
        super().__init__()
        self.table = table
        self.index = index


def _match(target: ast.AST, value: ast.AST, name: str):
    if isinstance(target, ast.Name) and target.id == name:
        yield value
    elif isinstance(target, ast.Tuple):
        for i, elt in enumerate(target.elts):
            if isinstance(elt, ast.Name) and elt.id == name:
                if isinstance(value, ast.Tuple) and len(value.elts) == len(target.elts):
                    yield value.elts[i]
                else:
                    yield _Index(value, i)


class _Index(ast.AST):
    _fields = ()

    def __init__(self, value: ast.AST, index: int):
        super().__init__()
        self.value = value
        self.index = index


def _callee(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


# -- the static checks -----------------------------------------------------------------------------------------

_SITES: list[Site] = []


def all_sites() -> list[Site]:
    if not _SITES:
        _SITES.extend(Collector().sites())
    return _SITES


def codes_of(sites: list[Site]) -> set[str]:
    return {c for s in sites for c in s.codes}


PLANTED = {
    "a.py": '''
from kinerja.services.core.errors import AccessDenied, BadArgument, InputError, Problem
from kinerja.services.core.access import deny, refusal
from graphql import GraphQLError
TABLE = (("x", "PLANTED_TABLE"), ("y", "PLANTED_TABLE_2"))
CONSTANT = "PLANTED_CONSTANT"
def f(code="PLANTED_DEFAULT"):
    problems = [Problem(("input",), "PLANTED_PROBLEM", "m", {"length": 1})]
    raise InputError.one(("a",), code, "m")
def g(flag):
    code = "PLANTED_LOCAL" if flag else "PLANTED_OTHER"
    raise InputError.one(("a",), code, "m")
def h():
    for pattern, code in TABLE:
        yield Problem((), code, pattern)
    raise AccessDenied("m", "PLANTED_DENIED")
def i():
    raise BadArgument("first", "m")
def j():
    raise GraphQLError("m", extensions={"code": CONSTANT})
def k():
    raise deny("m", {"action": "no_such_action"})
def l(needs):
    raise InputError.one(("a",), f"PLANTED_{needs}", "m")
f(code="PLANTED_PASSED")
''',
}


def test_the_collector_finds_codes_however_they_are_given(tmp_path):
    root = tmp_path / "kinerja"
    root.mkdir()
    for name, text in PLANTED.items():
        (root / name).write_text(text)
    found = Collector(root).sites()
    assert codes_of(found) == {"PLANTED_TABLE", "PLANTED_TABLE_2", "PLANTED_CONSTANT", "PLANTED_DEFAULT",
                               "PLANTED_PROBLEM", "PLANTED_LOCAL", "PLANTED_OTHER", "PLANTED_DENIED", "BAD_ARGUMENT",
                               "FORBIDDEN", "PLANTED_PASSED"}
    assert [s.unresolved for s in found if s.unresolved] == [["f'PLANTED_{needs}'"]]  # a code built at run time
    assert sorted(sorted(s.params) for s in found if s.params) == [["action"], ["length"]]
    assert sorted((s.literals for s in found if s.literals), key=str) == [{"action": "no_such_action"}, {"length": 1}]
    assert missing_texts(found) == sorted(codes_of(found) - {"BAD_ARGUMENT", "FORBIDDEN"})
    assert site_problems(found) == ['a.py:22 FORBIDDEN: action "no_such_action" is not in messages.ACTIONS']


def missing_texts(sites: list[Site]) -> list[str]:
    return sorted(c for c in codes_of(sites) if c not in CATALOG)


def test_every_code_the_platform_answers_has_an_english_and_an_indonesian_text():
    sites = all_sites()
    assert len(codes_of(sites)) > 130  # the walk found the package's codes
    assert not [f"{s.file}:{s.line} {s.unresolved}" for s in sites if s.unresolved], \
        "a code the walk cannot read: give it as a literal (or a constant, a table, a parameter's literal value)"
    assert missing_texts(sites) == [], "add these codes to services/core/messages.py (English and Indonesian)"
    for entry in CATALOG.values():
        assert entry.generic[0].strip() and entry.generic[1].strip(), entry.code
        assert entry.variants or not fields(entry.generic[1]), entry.code


def test_every_code_of_the_catalog_is_answered_somewhere():
    answered = codes_of(all_sites())
    assert sorted(set(CATALOG) - answered) == []


def test_each_template_names_its_parameters_the_same_in_both_languages():
    for entry in CATALOG.values():
        assert fields(entry.generic[0]) == fields(entry.generic[1]) == set(), entry.code
        for en, idn in entry.variants:
            assert fields(en) and fields(en) == fields(idn), (entry.code, en, idn)
            for name in fields(idn):
                assert re.fullmatch(r"[a-zA-Z_]\w*", name), (entry.code, name)  # named, never positional
        assert len({frozenset(fields(idn)) for _, idn in entry.variants}) == len(entry.variants), entry.code


@pytest.mark.parametrize("params", [None, {}, {"limit": None, "what": None, "nip": ""}])
@pytest.mark.parametrize("path", [(), ("input", "0"), ("input", "3", "reason")])
def test_a_message_without_its_params_never_shows_a_placeholder(params, path):
    for code, entry in CATALOG.items():
        text = messages.message(code, "the English", params, path, ID)
        assert "{" not in text and "}" not in text and "None" not in text, (code, text)
        assert text != "the English" and text[0].isupper(), (code, text)
        if not path or path == ("input", "0"):
            assert text in (entry.generic[1], messages.message(code, "", {"field": "input"}, (), ID)), (code, text)
        assert messages.message(code, "the English", params, path) == "the English"  # English: the site's own


def test_every_variant_fills_with_its_params():
    sample = {"date": dt.date(2025, 11, 20), "number": 12, "text": "X1"}
    for code, entry in CATALOG.items():
        for _, idn in entry.variants:
            params = {name: sample["number"] if name in ("limit", "length", "count", "min", "max") else
                      sample["date"] if name in ("until", "day") else sample["text"] for name in fields(idn)}
            text = messages.message(code, "en", params, (), ID)
            assert "{" not in text and "None" not in text, (code, text)
            assert not text[0].islower() and text != entry.generic[1], (code, text)


def site_problems(sites: list[Site]) -> list[str]:
    """Raise sites whose literal params fill none of their code's templates, name a parameter no template of it
    uses, or give an action or a noun the label tables do not have."""
    found = []
    for s in sites:
        where = f"{s.file}:{s.line}"
        for key, value in s.literals.items():
            if key == "action" and value not in messages.ACTIONS:
                found.append(f'{where} {"/".join(sorted(s.codes))}: action "{value}" is not in messages.ACTIONS')
            if key == "what" and value not in messages.LABELS:
                found.append(f'{where} {"/".join(sorted(s.codes))}: what "{value}" is not in messages.LABELS')
        if not s.params or "*" in s.params:
            continue
        given = s.params | ({"field"} if s.callee in WITH_PATH else set())
        for code in s.codes:
            entry = CATALOG.get(code)
            if entry is None:
                continue
            variants = [fields(idn) for _, idn in entry.variants]
            if not any(v <= given for v in variants):
                found.append(f"{where} {code}: params {sorted(s.params)} fill no template ({variants})")
            unused = s.params - set().union(*variants, {"field"}) if variants else s.params
            if unused:
                found.append(f"{where} {code}: params {sorted(unused)} are named by no template")
    return found


def test_raise_sites_give_the_params_their_code_names():
    sites = all_sites()
    assert sum(1 for s in sites if s.params) > 100  # the common codes' sites give their params
    assert site_problems(sites) == []


def test_the_labels_cover_every_input_name():
    """{field} shows the last name of a problem's path: every name a raise site puts there, and every argument and
    input field of the schema, has its Indonesian label."""
    from graphql import GraphQLInputObjectType

    from kinerja.graphql.schema import build_schema
    from kinerja.settings import Settings

    names: set[str] = set()
    for module in Collector().modules.values():
        for node in ast.walk(module.tree):
            if isinstance(node, ast.Call) and _callee(node) in WITH_PATH and node.args:
                path = node.args[1] if _callee(node) == "error_text" else node.args[0]
                names |= {n.value for n in ast.walk(path) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                          and not n.value.isdigit() and n.value}
    schema = build_schema(Settings.from_env())._schema
    for t in schema.type_map.values():
        if isinstance(t, GraphQLInputObjectType):
            names |= set(t.fields)
    for root in (schema.query_type, schema.mutation_type):
        for f in root.fields.values():
            names |= set(f.args)
    assert sorted(names - set(messages.LABELS)) == []


@pytest.mark.parametrize("header, language", [
    (None, "en"), ("", "en"), ("id", "id"), ("id-ID", "id"), ("in", "id"), ("ID-id", "id"),
    ("id-ID,id;q=0.9,en-US;q=0.8,en;q=0.7", "id"), ("en-US,en;q=0.9,id;q=0.8", "en"),
    ("en;q=0.5, id;q=0.9", "id"), ("id;q=0.5, en;q=0.9", "en"), ("fr, id;q=0.5", "id"), ("fr, de", "en"),
    ("id;q=0, en", "en"), ("id;q=0", "en"), ("*", "en"), ("id;q=abc", "en"), ("id;q=1.5", "en"),
    ("indonesian", "en"), ("en, id", "en"), ("id, en", "id"), (" id-ID ; q=0.8 ", "id"),
])
def test_the_language_of_accept_language(header, language):
    assert messages.language_of(header) == language


def test_the_texts_the_services_build_read_back_in_indonesian():
    for key in messages.TEXT_KEYS:
        en, idn = messages.text_english(key), messages.text_indonesian(key)
        assert fields(idn) <= fields(en), key  # English may name more (its article: "a"/"an")
    # a text of no known form stays as it is, in both languages
    assert messages.translate("something else", ID) == "something else"
    assert messages.translate("SANGAT_BAIK 4 of 5 (80 %) exceeds the 70 % maximum for an ISTIMEWA agency: at most 3 "
                              "of 5", "en").startswith("SANGAT_BAIK")


def test_indonesian_shows_periods_dates_and_values_by_their_names():
    assert [messages.period_label(p) for p in ("2025", "2025-Q3", "2025-03", "2025-13", "x")] == [
        "Tahunan 2025", "Triwulan III 2025", "Maret 2025", "2025-13", "x"]
    assert messages.shown("until", dt.date(2026, 1, 4)) == "4 Januari 2026"
    assert messages.shown("allowed", ["PLANNING", "ACTIVE"]) == "Perencanaan atau Berjalan"
    assert messages.shown("periods", ["2025-Q1", "2025"]) == "Triwulan I 2025 dan Tahunan 2025"
    assert messages.shown("seconds", 150) == "3 menit" and messages.shown("seconds", 1) == "1 detik"
    assert messages.shown("limit", 1_048_576) == "1.048.576" and messages.shown("value", 2.5) == "2,5"
    assert messages.shown("field", "overrideReason") == "alasan tidak mengikuti saran"
    assert messages.shown("field", "unknownName") == "unknownName"  # shown as it is


# -- through the real app ------------------------------------------------------------------------------------------

INDONESIAN = "id-ID,id;q=0.9"


async def post(api, query: str, token: str | None = None, language: str | None = None, **variables) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if language is not None:
        headers["Accept-Language"] = language
    response = await api.client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def both(api, query: str, token: str | None = None, **variables) -> tuple[dict, dict]:
    """The same request answered without Accept-Language and with Indonesian preferred."""
    return (await post(api, query, token, None, **variables), await post(api, query, token, INDONESIAN, **variables))


CREATE_CYCLE = """mutation($year: Int!) { createCycle(year: $year) { cycle { year }
  errors { path code message params } } }"""
SET_STATUS = """mutation($s: CycleStatus!, $reason: String) { setCycleStatus(year: 2025, status: $s, reason: $reason) {
  errors { path code message params } } }"""
FILE_OBJECTION = """mutation($nip: String!, $reason: String = "Capaian tidak dipertimbangkan") {
  fileObjection(nip: $nip, period: "2025", reason: $reason) { objection { id }
    errors { path code message params } } }"""


async def test_a_bad_mutation_answers_in_the_language_asked_with_the_same_code(api, world):
    # a value out of range: the English is today's message, the Indonesian names the same numbers
    en, idn = await both(api, CREATE_CYCLE, world.admin, year=1800)
    assert en["data"]["createCycle"]["errors"] == [{"path": ["year"], "code": "INVALID_YEAR",
                                                    "message": "year must be 2000-2100, got 1800",
                                                    "params": {"min": 2000, "max": 2100, "value": 1800}}]
    assert idn["data"]["createCycle"]["errors"] == [{"path": ["year"], "code": "INVALID_YEAR",
                                                     "message": "Tahun harus antara 2000 dan 2100 (diisi 1800).",
                                                     "params": {"min": 2000, "max": 2100, "value": 1800}}]
    # English asked for first (q-values) is English
    explicit = await post(api, CREATE_CYCLE, world.admin, "en-US,en;q=0.9,id;q=0.8", year=1800)
    assert explicit["data"]["createCycle"]["errors"][0]["message"] == "year must be 2000-2100, got 1800"
    # a text too long, its field by its Indonesian label
    en, idn = await both(api, SET_STATUS, world.admin, s="PLANNING", reason="x" * 1001)
    (e,), (i,) = en["data"]["setCycleStatus"]["errors"], idn["data"]["setCycleStatus"]["errors"]
    assert (e["code"], e["path"], e["message"]) == ("TOO_LONG", ["reason"], "reason is 1001 characters; at most 1000")
    assert (i["code"], i["path"], i["message"]) == (
        "TOO_LONG", ["reason"], "Alasan berisi 1001 karakter; paling banyak 1000 karakter.")
    # moving a cycle back needs a reason: the statuses by their Indonesian names
    await post(api, SET_STATUS, world.admin, s="ACTIVE")
    en, idn = await both(api, SET_STATUS, world.admin, s="PLANNING")
    assert en["data"]["setCycleStatus"]["errors"][0]["message"] == (
        "moving cycle 2025 back from ACTIVE to PLANNING needs a reason")
    assert idn["data"]["setCycleStatus"]["errors"][0] | {"params": None} == {
        "path": ["reason"], "code": "REASON_REQUIRED", "params": None,
        "message": "Mengembalikan siklus 2025 dari tahap Berjalan ke Perencanaan memerlukan alasan."}
    # not found, and a refusal in the payload
    en, idn = await both(api, FILE_OBJECTION, world.teacher, nip="199901012020011099")
    assert en["data"]["fileObjection"]["errors"][0]["message"] == "no person with NIP '199901012020011099'"
    assert idn["data"]["fileObjection"]["errors"][0]["message"] == (
        "Pegawai dengan NIP 199901012020011099 tidak ditemukan.")
    en, idn = await both(api, CREATE_CYCLE, world.teacher, year=2030)
    assert [(x["code"], x["message"]) for x in en["data"]["createCycle"]["errors"]] == [
        ("FORBIDDEN", "only ADMIN may create cycles")]
    assert [(x["code"], x["message"]) for x in idn["data"]["createCycle"]["errors"]] == [
        ("FORBIDDEN", "Anda tidak berwenang membuat siklus; hanya untuk Admin BKPSDM.")]
    # the cycle gate: a write the cycle's stage does not allow (measurements of a CLOSED cycle are refused too)
    for status in ("EVALUATION", "CLOSED"):
        await post(api, SET_STATUS, world.admin, s=status)
    en, idn = await both(api, SET_STATUS, world.admin, s="CLOSED")
    assert [x["code"] for x in en["data"]["setCycleStatus"]["errors"]] == ["INVALID_TRANSITION"]
    assert idn["data"]["setCycleStatus"]["errors"][0]["message"] == "Siklus 2025 sudah berada pada tahap Ditutup."


async def test_the_objection_window_names_its_last_day_as_a_date(api, world):
    from test_objections import FILE, REASON, rated
    from world import TEACHER_1

    await rated(api, world)
    rating = await Rating.get(person__nip=TEACHER_1, period="2025")
    finalized_on = rating.finalized_at.astimezone(clock.WIB).date()
    until = finalized_on + dt.timedelta(days=14)
    try:
        clock.pin(finalized_on + dt.timedelta(days=15))
        en, idn = await both(api, FILE, world.teacher, nip=TEACHER_1, reason=REASON)
    finally:
        clock.pin(None)
    (e,), (i,) = en["data"]["fileObjection"]["errors"], idn["data"]["fileObjection"]["errors"]
    assert e["code"] == i["code"] == "OBJECTION_PERIOD_OVER" and e["path"] == i["path"] == ["period"]
    assert e["message"] == (f"the rating of 2025 was finalized on {finalized_on.isoformat()}: objections were open "
                            f"for 14 days, until {until.isoformat()}")
    assert i["message"] == (f"Masa pengajuan keberatan sudah lewat: penilaian periode Tahunan 2025 difinalisasi "
                            f"{messages.date_label(finalized_on)}, dan keberatan hanya dapat diajukan dalam 14 hari, "
                            f"sampai {messages.date_label(until)}.")


async def test_objection_params_carry_the_machine_readable_date(api, world):
    from test_objections import REASON, rated
    from world import TEACHER_1

    await rated(api, world)
    rating = await Rating.get(person__nip=TEACHER_1, period="2025")
    finalized_on = rating.finalized_at.astimezone(clock.WIB).date()
    try:
        clock.pin(finalized_on + dt.timedelta(days=30))
        body = await post(api, FILE_OBJECTION, world.teacher, nip=TEACHER_1, reason=REASON)
    finally:
        clock.pin(None)
    (error,) = body["data"]["fileObjection"]["errors"]
    assert error["params"] == {"period": "2025", "finalized": finalized_on.isoformat(), "days": 14,
                               "until": (finalized_on + dt.timedelta(days=14)).isoformat()}


AGENCIES = "{ agencies { code } }"
AUDIT = """query { auditTrail(entity: "cycle", id: "2025") { action } }"""
PEOPLE = "query($first: Int) { people(first: $first) { edges { node { nip } } } }"
PERSON = 'query($nip: String!) { person(nip: $nip) { name } }'


async def test_graphql_errors_answer_in_the_language_asked(api, world):
    # UNAUTHENTICATED: no token
    en, idn = await both(api, AGENCIES)
    assert en["errors"][0]["extensions"] == idn["errors"][0]["extensions"] == {"code": "UNAUTHENTICATED"}
    assert en["errors"][0]["message"] == "missing bearer token: send Authorization: Bearer <token>"
    assert idn["errors"][0]["message"] == "Anda belum masuk atau sesi Anda sudah berakhir; silakan masuk kembali."
    # FORBIDDEN: a read the viewer may not do
    en, idn = await both(api, AUDIT, world.teacher)
    assert en["errors"][0]["extensions"] == idn["errors"][0]["extensions"] == {"code": "FORBIDDEN"}
    assert en["errors"][0]["message"] == "the audit trail is for ADMIN and agency admins"
    assert idn["errors"][0]["message"] == (
        "Anda tidak berwenang melihat jejak audit; hanya untuk Admin BKPSDM dan admin perangkat daerah.")
    # an unusable argument of a read (BAD_PAGE_SIZE), with its argument
    en, idn = await both(api, PEOPLE, world.admin, first=100_000)
    assert en["errors"][0]["extensions"] == idn["errors"][0]["extensions"] == {"code": "BAD_PAGE_SIZE",
                                                                               "argument": "first"}
    assert en["errors"][0]["message"].startswith("first must be between 1 and ")
    cap = int(re.search(r"between 1 and (\d+)", en["errors"][0]["message"]).group(1))
    assert idn["errors"][0]["message"] == f"Jumlah per halaman harus antara 1 dan {messages.shown('max', cap)}."
    # the argument limits of a query (graphql/limits.py), before any resolver
    en, idn = await both(api, PERSON, world.admin, nip="1" * 41)
    assert en["errors"][0]["extensions"] == idn["errors"][0]["extensions"]
    assert en["errors"][0]["extensions"]["code"] == "TOO_LONG"
    limit = int(re.search(r"at most (\d+)", en["errors"][0]["message"]).group(1))
    assert idn["errors"][0]["message"] == f"NIP berisi 41 karakter; paling banyak {limit} karakter."
    # graphql-core's own request errors keep their words (they name the place in the document), with their code
    en, idn = await both(api, "{ noSuchField }", world.admin)
    assert en["errors"][0]["message"] == idn["errors"][0]["message"]
    assert en["errors"][0]["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


async def test_the_http_guard_and_the_csv_route_answer_in_the_language_asked(api, world):
    client = api.client
    for headers, message in (({}, "POST /graphql takes Content-Type: application/json only, got 'text/plain'"),
                             ({"Accept-Language": INDONESIAN},
                              "Permintaan harus dikirim dengan Content-Type: application/json.")):
        r = await client.post("/graphql", content=b"{}", headers={"Content-Type": "text/plain", **headers})
        assert r.status_code == 415
        assert r.json() == {"errors": [{"message": message, "extensions": {"code": "UNSUPPORTED_MEDIA_TYPE"}}]}
    r = await client.post("/graphql", content=b"[{}]", headers={"Content-Type": "application/json",
                                                                 "Accept-Language": "id"})
    assert r.status_code == 400 and r.json()["errors"][0]["extensions"] == {"code": "BATCHING_NOT_SUPPORTED"}
    assert r.json()["errors"][0]["message"].startswith("Beberapa operasi dalam satu permintaan tidak didukung")
    r = await client.get("/graphql", params={"query": "mutation { logout }"}, headers={"Accept-Language": "in"})
    assert r.status_code == 405 and r.headers["allow"] == "POST"
    assert r.json()["errors"][0] == {"message": "Operasi ini harus dikirim dengan metode POST.",
                                     "extensions": {"code": "METHOD_NOT_ALLOWED"}}
    # the CSV exports: plain text, the code in X-Error-Code
    r = await client.get("/reports/distribution.csv", headers={"Accept-Language": INDONESIAN})
    assert (r.status_code, r.headers["x-error-code"], r.text) == (
        401, "UNAUTHENTICATED", "Anda belum masuk atau sesi Anda sudah berakhir; silakan masuk kembali.\n")
    teacher = {"Authorization": f"Bearer {world.teacher}"}
    r = await client.get("/reports/distribution.csv", headers={**teacher, "Accept-Language": INDONESIAN})
    assert (r.status_code, r.headers["x-error-code"]) == (403, "FORBIDDEN")
    assert r.text == "Anda tidak berwenang melihat laporan; hanya untuk Admin BKPSDM dan admin perangkat daerah.\n"
    admin = {"Authorization": f"Bearer {world.admin}"}
    en = await client.get("/reports/nope.csv", headers=admin)
    idn = await client.get("/reports/nope.csv", headers={**admin, "Accept-Language": INDONESIAN})
    assert en.status_code == idn.status_code == 404 and en.headers["x-error-code"] == idn.headers["x-error-code"]
    assert en.text.startswith("no report 'nope'; reports are: ") and idn.text == "Laporan nope tidak ditemukan.\n"


async def test_the_suggestion_reason_in_indonesian(api, world):
    from test_targets_measurements import RECORD, STATUS, SUGGEST, teacher_target
    from world import TEACHER_1

    target = await teacher_target(api, world)
    en, idn = await both(api, SUGGEST, world.principal, n=TEACHER_1, p="2025-Q1")
    assert en["data"]["suggestedResultRating"]["reason"] == (
        f"no measurements of {TEACHER_1} for period 2025-Q1: nothing to suggest from")
    assert idn["data"]["suggestedResultRating"]["reason"] == (
        f"Belum ada realisasi NIP {TEACHER_1} untuk periode Triwulan I 2025, sehingga belum ada saran.")
    await api.gql(STATUS, token=world.admin, s="ACTIVE")
    await api.gql(RECORD, token=world.teacher, input=[
        {"target": target["id"], "period": "2025-Q1", "inputs": {"participants": 80, "invited": 80}}])
    en, idn = await both(api, SUGGEST, world.principal, n=TEACHER_1, p="2025-Q1")
    assert en["data"]["suggestedResultRating"]["reason"].startswith(
        "1 result(s) in 2025-Q1: 1 above, 0 meeting, 0 below expectation (above: ")
    assert idn["data"]["suggestedResultRating"]["reason"].startswith(
        "1 hasil kerja pada periode Triwulan I 2025: 1 di atas, 0 sesuai, 0 di bawah ekspektasi (di atas: ")
    assert en["data"]["suggestedResultRating"]["rating"] == idn["data"]["suggestedResultRating"]["rating"]


async def test_curve_warnings_in_indonesian_and_stored_in_english(api, world):
    from test_ratings import ABOVE, DISDIK_ALL, FINALIZE, MEETS, NOT_CHECKED, assess, set_org, to_evaluation
    from world import CLERK, NURSE, TEACHER_2

    await to_evaluation(api, world)
    await assess(NURSE, MEETS, MEETS)
    done = await post(api, FINALIZE, world.admin, INDONESIAN, nip=NURSE)
    payload = done["data"]["finalizeRating"]
    assert payload["errors"] == [] and payload["warnings"] == payload["rating"]["curveWarnings"] == [
        "Kurva distribusi belum diperiksa: perangkat daerah DINKES belum memiliki predikat kinerja organisasi untuk "
        "periode Tahunan 2025."]
    stored = await Rating.get(person__nip=NURSE)
    assert stored.curve_warnings == [NOT_CHECKED.format("DINKES")]  # the database keeps the English
    rating = """query { person(nip: "%s") { rating(period: "2025") { curveWarnings } } }""" % NURSE
    en, idn = await both(api, rating, world.admin)  # the stored English read back in either language
    assert en["data"]["person"]["rating"]["curveWarnings"] == [NOT_CHECKED.format("DINKES")]
    assert idn["data"]["person"]["rating"]["curveWarnings"] == payload["warnings"]
    # a breached maximum: its warning and the refusal's message in Indonesian, the code the same
    await set_org(api, world, "ISTIMEWA")
    for who in DISDIK_ALL:
        await assess(who, ABOVE, ABOVE if who != CLERK else MEETS)
    for who in DISDIK_ALL[:3]:
        assert (await post(api, FINALIZE, world.admin, nip=who))["data"]["finalizeRating"]["errors"] == []
    en, idn = await both(api, FINALIZE, world.admin, nip=TEACHER_2)
    breach = "SANGAT_BAIK 4 of 5 (80 %) exceeds the 70 % maximum for an ISTIMEWA agency: at most 3 of 5"
    assert en["data"]["finalizeRating"]["warnings"] == [breach]
    assert idn["data"]["finalizeRating"]["warnings"] == [
        "Sangat Baik 4 dari 5 (80 %) melebihi batas paling banyak 70 % untuk perangkat daerah berpredikat Istimewa: "
        "paling banyak 3 dari 5."]
    (e,), (i,) = en["data"]["finalizeRating"]["errors"], idn["data"]["finalizeRating"]["errors"]
    assert e["code"] == i["code"] == "CURVE_JUSTIFICATION_REQUIRED" and breach in e["message"]
    assert i["message"] == (f"Predikat Sangat Baik untuk NIP {TEACHER_2} menyimpang dari kurva distribusi; isi "
                            "alasan penyimpangan kurva.")


def test_every_curve_finding_reads_in_indonesian():
    """Every warning curve.check can say (each rule of the default curve, maxima and minima, with and without
    people still to rate, of an agency and of a unit) is of a known form: none stays English."""
    from kinerja.services.evaluation import curve

    seen = set()
    for org, rules in curve.DEFAULT_RULES.items():
        for rule in rules:
            for count, pending in ((0, 0), (0, 3), (9, 0), (1, 1)):
                counts = {p: count for p in rule.predikat}
                for of in ("agency", "unit"):
                    for finding in curve.check(curve.DEFAULT_RULES, org, counts, 10 + pending, of):
                        for text in (finding.message, f"unit DISDIK/SD-1: {finding.message}"):
                            said = messages.translate(text, ID)
                            seen.add(said)
                            assert said != text and not re.search(r"\b(of|for|exceeds|falls short|agency)\b", said), \
                                (text, said)
                            assert "_" not in said, said  # predikat by their names, never raw values
    assert len(seen) > 20

"""SECURITY.md cannot go stale: every test it cites as proof exists."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_cited_test_exists():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    cited: dict[str, set[str]] = {}
    for cell in re.findall(r"`tests/[^`]+`(?:[^|`]*`test_[a-z0-9_]+`)*", text):
        files = re.findall(r"`(tests/(?:[a-z0-9_]+/)?[a-z0-9_]+\.py)(?:::(test_[a-z0-9_]+))?`", cell)
        current = None
        for path, name in files:
            current = path
            cited.setdefault(path, set()).update({name} if name else set())
        for name in re.findall(r"(?<![:/])`(test_[a-z0-9_]+)`", cell):
            cited.setdefault(current, set()).add(name)
    assert len(cited) >= 15, cited
    for path, names in cited.items():
        source = ROOT / path
        assert source.exists(), path
        defined = {n.name for n in ast.walk(ast.parse(source.read_text(encoding="utf-8")))
                   if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
        assert names <= defined, (path, sorted(names - defined))

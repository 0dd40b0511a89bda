"""The YAML node reader shared by the indicator specs and the curve file: typed scalars, and errors that name
file, line and key path and are collected rather than raised one at a time."""

from __future__ import annotations

import pytest
import yaml

from kinerja.specs.yaml_reader import LOADER, InvalidNode, NodeReader

DOC = """\
count: 12
share: 0.5
flag: true
none: null
name: "  Dinas Pendidikan  "
code: 007
items: [a, b]
"""


def nodes() -> dict[str, yaml.Node]:
    root = yaml.compose(DOC, Loader=LOADER)
    return {k.value: v for k, v in root.value}


def test_scalars_keep_their_yaml_types():
    reader, n = NodeReader("x.yaml"), nodes()
    assert [reader.scalar(n[k], [k]) for k in ("count", "share", "flag", "none", "code")] == [12, 0.5, True, None, 7]
    assert type(reader.scalar(n["count"], ["count"])) is int
    assert reader.text(n["name"], ["name"]) == "Dinas Pendidikan"
    assert reader.errors == []


def test_every_error_names_file_line_and_path_and_all_are_kept():
    reader, n = NodeReader("x.yaml"), nodes()
    for call in (lambda: reader.scalar(n["items"], ["items"]), lambda: reader.number(n["name"], ["name"]),
                 lambda: reader.choice(n["count"], ["count"], ["A", "B"])):
        with pytest.raises(InvalidNode):
            call()
    assert [(e.file, e.line, e.path) for e in reader.errors] == [
        ("x.yaml", 7, "items"), ("x.yaml", 5, "name"), ("x.yaml", 1, "count")]
    assert "must be a single value" in reader.errors[0].message

"""Reading YAML configuration with errors that name the file, the line and the key path: the indicator specs
(kinerja.specs.loader) and the distribution curve file (kinerja.services.evaluation.curve) both walk their composed nodes
with a NodeReader, which collects every error instead of stopping at the first."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

import yaml

# libyaml's parser where PyYAML has it (the same nodes and marks, several times faster)
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# the tags a node may carry: YAML's plain types (timestamp too: the resolver gives it to an unquoted date, which the
# checks then refuse as not text or not a number). Any other tag (`!!python/name:os.system`, `!custom`, `!!binary`)
# is a spec error naming file and line, never an exception and never constructed.
YAML = "tag:yaml.org,2002:"
SCALAR_TAGS = {YAML + name: name for name in ("str", "int", "float", "bool", "null", "timestamp")}
YAML_STR = YAML + "str"
MAPPING_TAG = YAML + "map"
SEQUENCE_TAG = YAML + "seq"


def _shown_tag(tag: str) -> str:
    return "!!" + tag[len(YAML):] if tag.startswith(YAML) else tag


@dataclass(frozen=True)
class SpecError:
    file: str
    line: int | None
    path: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path + ': ' if self.path else ''}{self.message}"


class InvalidNode(Exception):
    """A node is unusable; its error has been collected already."""


@dataclass
class NodeReader:
    """Walks the composed YAML nodes, turning them into values and collecting errors."""

    file: str
    errors: list[SpecError] = field(default_factory=list)

    def error(self, node: yaml.Node | None, path: Sequence[str], message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.errors.append(SpecError(self.file, line, ".".join(path) or None, message))

    def unknown_tag(self, node: yaml.Node, path: Sequence[str], allowed: str) -> bool:
        """Whether the node carries a tag other than `allowed` (the error is collected)."""
        if node.tag == allowed:
            return False
        self.error(node, path, f"unsupported YAML tag {_shown_tag(node.tag)!r}: write the value without a tag")
        return True

    def mapping(self, node: yaml.Node, path: Sequence[str], required: Iterable[str], optional: Iterable[str]
                ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path, "must be a mapping of keys to values")
            return None
        if self.unknown_tag(node, path, MAPPING_TAG):
            return None
        required, optional = list(required), list(optional)
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is not None and key_node.tag not in SCALAR_TAGS:
                self.unknown_tag(key_node, [*path, str(key)], YAML_STR)
                continue
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                self.error(key_node, [*path, str(key)], f"unknown key {key!r} (allowed: {allowed})")
                continue
            if key in out:
                self.error(key_node, [*path, key], f"key {key!r} appears twice")
                continue
            out[key] = value_node
        for key in required:
            if key not in out:
                self.error(node, [*path, key], f"missing required key {key!r}")
        return out

    def scalar(self, node: yaml.Node, path: Sequence[str]) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, "must be a single value")
            raise InvalidNode
        if node.tag not in SCALAR_TAGS:
            self.unknown_tag(node, path, YAML_STR)
            raise InvalidNode
        # the composer has resolved the scalar's tag (int, float, bool, null, str), or the file gave one of
        # those explicitly (`!!int x` may still not be one): construct that value
        try:
            return yaml.constructor.SafeConstructor().construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, AttributeError):
            self.error(node, path, f"{node.value!r} is not a valid {_shown_tag(node.tag)} value")
            raise InvalidNode from None

    def text(self, node: yaml.Node, path: Sequence[str], limit: int = 200) -> str:
        value = self.scalar(node, path)
        if not isinstance(value, str) or not value.strip():
            self.error(node, path, "must be non-empty text")
            raise InvalidNode
        if len(value) > limit:
            self.error(node, path, f"is {len(value)} characters; at most {limit}")
            raise InvalidNode
        return value.strip()

    def number(self, node: yaml.Node, path: Sequence[str]) -> float:
        value = self.scalar(node, path)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.error(node, path, f"must be a finite number, got {value!r}")
            raise InvalidNode
        return float(value)

    def choice(self, node: yaml.Node, path: Sequence[str], choices: Sequence[str]) -> str:
        value = self.scalar(node, path)
        if value not in choices:
            self.error(node, path, f"must be one of {', '.join(choices)}, got {value!r}")
            raise InvalidNode
        return value

    def sequence(self, node: yaml.Node, path: Sequence[str]) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, path, "must be a list")
            raise InvalidNode
        if self.unknown_tag(node, path, SEQUENCE_TAG):
            raise InvalidNode
        return list(node.value)

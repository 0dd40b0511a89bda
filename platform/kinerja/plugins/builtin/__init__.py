"""The default plugins: built-in behaviour registered first, every implementation trylast except the unit-head
rule's (tryfirst: see unit_head.py)."""

from __future__ import annotations

from types import ModuleType

from . import defaults, development, predikat, recommendations, suggested_rating, unit_head

#: (plugin name, module), in registration order
DEFAULT_PLUGINS: tuple[tuple[str, ModuleType], ...] = (
    ("kinerja.builtin.predikat", predikat),
    ("kinerja.builtin.suggested_rating", suggested_rating),
    ("kinerja.builtin.unit_head", unit_head),
    ("kinerja.builtin.recommendations", recommendations),
    ("kinerja.builtin.development", development),
    ("kinerja.builtin.defaults", defaults),
)

__all__ = ["DEFAULT_PLUGINS"]

"""Indicator specs: the YAML format, its loader with file:line errors, and the safe formula evaluator."""

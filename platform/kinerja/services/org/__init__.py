"""org: see docs/ARCHITECTURE.md."""

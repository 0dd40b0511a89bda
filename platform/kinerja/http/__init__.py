"""http: see docs/ARCHITECTURE.md."""

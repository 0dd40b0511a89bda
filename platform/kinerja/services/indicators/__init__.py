"""indicators: see docs/ARCHITECTURE.md."""

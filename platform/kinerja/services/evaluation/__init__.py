"""evaluation: see docs/ARCHITECTURE.md."""

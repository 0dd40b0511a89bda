"""cycles: see docs/ARCHITECTURE.md."""

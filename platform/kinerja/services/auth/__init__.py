"""auth: see docs/ARCHITECTURE.md."""

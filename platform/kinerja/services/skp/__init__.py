"""skp: see docs/ARCHITECTURE.md."""

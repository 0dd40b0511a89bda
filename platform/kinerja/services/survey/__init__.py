"""survey: see docs/ARCHITECTURE.md."""

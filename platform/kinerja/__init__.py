"""Kinerja: what an agency plugin imports (the hook marker) and the version."""

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("kinerja")

__all__ = ["__version__", "hookimpl"]

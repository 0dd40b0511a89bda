"""Browser tests (Playwright driving Debian's Chromium against a real `kinerja serve`): a package, so that its
conftest is `browser.conftest` and can import the suite's own `conftest` (tests/ is on pythonpath)."""

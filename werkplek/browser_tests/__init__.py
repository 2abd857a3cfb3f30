"""Real-browser tests: Playwright with Debian's Chromium (docs/decisions/browser-tests.md)."""

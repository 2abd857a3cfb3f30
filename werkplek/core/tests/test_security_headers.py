"""Security headers on every page, and templates that a strict CSP can serve."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = sorted(Path(settings.APP_DIR).glob("*/templates/**/*.html"))
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def is_email(path: Path) -> bool:
    return "email" in path.parts  # e-mails are read by mail clients, not served under our CSP


def is_pdf(path: Path) -> bool:
    return "pdf" in path.parts  # rendered by WeasyPrint into a PDF, never served as a page


def test_pages_send_csp_frame_referrer_and_nosniff_headers(client_for, coordinator):
    for response in (
        client_for(coordinator).get("/o/autocars/trajectories/"),
        client_for(coordinator).get("/does-not-exist/"),
    ):
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "object-src 'none'" in csp
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_hsts_is_sent_over_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_production_defaults_are_strict():
    # TESTING switches these off; the settings module computes them from PRODUCTION.
    source = (Path(settings.APP_DIR) / "settings.py").read_text()
    for line in (
        'SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=PRODUCTION)',
        'CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=PRODUCTION)',
        'SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)',
    ):
        assert line in source
    assert settings.SESSION_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_no_template_has_inline_scripts_event_handlers_or_style_attributes():
    offenders = []
    for path in TEMPLATES:
        if is_email(path) or is_pdf(path):
            continue
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE):
            offenders += [
                f"{path.relative_to(settings.APP_DIR)}: {m[0]}" for m in pattern.finditer(text)
            ]
    assert offenders == []


def test_page_titles_hold_text_only():
    title = re.compile(r"{% block title %}(.*?){% endblock %}", re.DOTALL)
    for path in TEMPLATES:
        for found in title.finditer(path.read_text()):
            assert "<" not in found[1], f"{path}: markup in the page title"

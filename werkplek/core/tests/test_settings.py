import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def manage(*args, timeout: int = 120, **env) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 20 + "a-long-and-random-production-secret-key-0123456789",
        ALLOWED_HOSTS="werkplek.example.be",
        EMAIL_HOST="smtp.example.be",
        DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="0", SECRET_KEY="")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_makemigrations_runs_without_a_secret_and_finds_nothing_missing(tmp_path):
    result = manage(
        "makemigrations", "--check", "--dry-run", DEBUG="0", SECRET_KEY="", DATA_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_a_manage_command_works_in_a_fresh_clone_without_a_data_directory(tmp_path):
    # A fresh clone has no data/ yet: the first manage.py command (before `make run`) must
    # still open the SQLite database instead of failing with "unable to open database file".
    data_dir = tmp_path / "data"
    result = manage(
        "showmigrations", "accounts", DEBUG="1", DATA_DIR=str(data_dir), DATABASE_URL=""
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[ ] 0001_initial" in result.stdout
    assert (data_dir / "werkplek.sqlite3").exists()


def test_rendering_a_pdf_logs_nothing_below_warning():
    # WeasyPrint's progress steps and fontTools' subsetting are debug noise: at INFO they
    # printed ~300 lines in `make run` and the demo logins scrolled away.
    import logging
    from types import SimpleNamespace

    from werkplek.printing.pdf import render_pdf

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Keep(level=logging.DEBUG)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        pdf = render_pdf(
            "printing/pdf/base.html",
            {
                "document_title": "Liste de présences",
                "organisation": SimpleNamespace(name="Autocars Demo", enterprise_number=""),
            },
            language="fr",
        )
    finally:
        root.removeHandler(handler)
    assert pdf.startswith(b"%PDF")
    noisy = [r for r in records if r.name.split(".")[0] in {"weasyprint", "fontTools"}]
    assert noisy == []
    for name in ("weasyprint", "weasyprint.progress", "fontTools", "fontTools.subset"):
        assert not logging.getLogger(name).isEnabledFor(logging.INFO), name

"""The access report (GDPR art. 15): readable, grouped by category, and as a PDF."""

import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from werkplek.credentials.tests.factories import record
from werkplek.notifications.services import notifications_scan
from werkplek.notifications.tests.factories import set_due


def url(name, candidate, org="autocars"):
    return reverse(name, kwargs={"org": org, "public_id": candidate.public_id})


@pytest.fixture
def candidate(make_trajectory, coordinator, mentor, trainee):
    trajectory = make_trajectory(mentors=[mentor], planned_start=date(2026, 12, 1))
    candidate = trajectory.candidate
    candidate.user = trainee
    candidate.date_of_birth = date(2001, 4, 9)
    candidate.save()
    record(candidate, "licence_d", by=coordinator)
    set_due(trajectory, "driving_test", timezone.localdate() - timedelta(days=2))
    notifications_scan(today=timezone.localdate())
    return candidate


def test_the_page_is_grouped_by_category_with_human_labels_and_dates(
    client_for, coordinator, candidate
):
    page = client_for(coordinator).get(url("audit:person", candidate)).content.decode()

    headings = re.findall(r'<h2 id="category-[a-z]+-title">([^<]+)</h2>', page)
    assert headings[:2] == ["Identiteit en contactgegevens", "Trajecten"]
    for heading in ("Attesten", "Meldingen", "Aanmelden en account"):
        assert heading in headings
    assert "Geboortedatum" in page and "09/04/2001" in page
    assert "01/12/2026" in page  # the planned start
    assert "1234567890" in page  # the licence number
    assert "IBO (individuele beroepsopleiding)" in page  # a choice as its label
    assert "verplichte punten" in page or "te laat" in page  # a notification as its text
    report = page[page.index('<div class="access-report">') : page.index("</main>")]
    assert str(candidate.public_id) not in report
    for raw in ("{'", '{"', "'nl':", "public_id", "2026-12-01", "pbkdf2", "trajectory.created"):
        assert raw not in report, raw


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
def test_the_pdf_holds_the_categories_and_values_in_the_persons_language(
    client_for, coordinator, candidate, tmp_path
):
    candidate.language = "fr"
    candidate.save(update_fields=["language"])
    response = client_for(coordinator).get(url("audit:person_pdf", candidate))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for words in (
        "Identité et coordonnées",
        "Parcours",
        "Attestations",
        "Connexion et compte",
        candidate.full_name,
        "09/04/2001",
        "1234567890",
    ):
        assert words in text, words
    assert "{'" not in text and str(candidate.public_id) not in text


def test_only_staff_of_the_organisation_get_the_report(
    client_for, mentor, trainee, guest, outsider, candidate
):
    for name in ("audit:person", "audit:person_pdf"):
        for user in (mentor, trainee, guest):
            assert client_for(user).get(url(name, candidate)).status_code == 403
        assert client_for(outsider).get(url(name, candidate)).status_code == 404
        assert client_for(outsider).get(url(name, candidate, org="andere")).status_code == 404

"""The evaluation in a real browser: the mentor plans the interim evaluation, the trainee fills
in the self-assessment on a phone, the mentor scores and holds the talk, both see the levels
side by side, and the coordinator downloads the stagemap dossier with the evaluation in it."""

import io

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from werkplek.browser_tests.helpers import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    sign_in,
)
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.tests.factories import running
from werkplek.evaluations.models import Evaluation

pytestmark = pytest.mark.browser


def choose_every_level(page, value: str) -> int:
    levels = page.locator("select[name^=level_]")
    for index in range(levels.count()):
        levels.nth(index).select_option(value)
    return levels.count()


def test_an_interim_evaluation_from_planning_to_the_dossier(
    page, live_server, organisation, coordinator, mentor, trainee, make_trajectory, new_context
):
    candidate = CandidateFactory(
        organisation=organisation, user=trainee, first_name="Tom", last_name="Trainee"
    )
    trajectory = running(make_trajectory, mentors=[mentor], candidate=candidate, days_ago=60)
    org = f"{live_server.url}/o/{organisation.slug}"
    today = timezone.localdate().isoformat()  # what the browser's date picker holds

    # The mentor plans the interim evaluation on the Evaluations tab.
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, mentor)
    page.goto(f"{org}/evaluations/{trajectory.public_id}/new/")
    page.select_option("[name=kind]", "interim")
    page.fill("[name=scheduled_on]", today)
    page.fill("[name=place]", "Stelplaats Gent")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".message--success")).to_be_visible()
    evaluation = Evaluation.objects.get(trajectory=trajectory)
    assert evaluation.kind == Evaluation.Kind.INTERIM
    assert trajectory.checklist_items.get(code="interim_evaluation_planned").state == "done"

    # The trainee fills in the self-assessment on a phone.
    phone = new_context()
    mobile = phone.new_page()
    mobile.set_viewport_size(PHONE)
    sign_in(mobile, live_server, trainee)
    mobile.goto(f"{org}/evaluations/e/{evaluation.public_id}/self/")
    assert_no_sideways_scroll(mobile)
    assert_accessible(mobile)
    answered = choose_every_level(mobile, "2")
    assert answered > 0
    mobile.locator("main form button[type=submit]").last.click()
    expect(mobile.locator(".message--success")).to_be_visible()
    assert evaluation.self_assessments.exclude(level=None).count() == answered

    # The mentor scores every competence, then holds the talk.
    page.goto(f"{org}/evaluations/e/{evaluation.public_id}/score/")
    choose_every_level(page, "3")
    page.fill("[name=strengths]", "Rijdt rustig en vriendelijk")
    page.fill("[name=improvements]", "Dodehoekspiegels beter afstellen")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".message--success")).to_be_visible()
    page.fill("[name=held_on]", today)
    page.locator("form[action$='/hold/'] button[type=submit]").click()
    expect(page.locator(".message--success")).to_be_visible()
    evaluation.refresh_from_db()
    assert evaluation.status == Evaluation.Status.HELD
    expect(page.locator(".side-by-side")).to_be_visible()
    assert_accessible(page)

    # Now the trainee sees the mentor's levels beside their own.
    mobile.goto(f"{org}/evaluations/e/{evaluation.public_id}/")
    expect(mobile.get_by_text("Dodehoekspiegels beter afstellen")).to_be_visible()
    assert_no_sideways_scroll(mobile)
    phone.close()

    # The coordinator downloads the stagemap dossier from the Print tab.
    office = new_context()
    desk = office.new_page()
    desk.set_viewport_size(DESKTOP)
    sign_in(desk, live_server, coordinator)
    desk.goto(f"{org}/print/{trajectory.public_id}/")
    link = desk.locator(f"a[href$='/print/{trajectory.public_id}/dossier.pdf']").first
    expect(link).to_be_visible()
    pdf = office.request.get(live_server.url + link.get_attribute("href"))  # the page's cookies
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = "".join(page_.extract_text() for page_ in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Tom Trainee" in text
    assert "Dodehoekspiegels beter afstellen" in text
    office.close()

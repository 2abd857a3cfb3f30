"""The whole journey in a real browser, as the people who do it.

A coordinator takes in a candidate and opens the trajectory, plans the intake, records a
credential, sees the ready gate refuse the start, resolves it and starts; the mentor logs a
learning moment and keeps attendance on a phone; the trainee gets a login and sees their
home. Accessibility (axe-core) and the 360 px width are checked on the pages on the way.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from werkplek.browser_tests.helpers import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    sign_in,
    small_touch_targets,
)
from werkplek.checklists.models import ChecklistItem
from werkplek.checklists.services import checklist_item_waive
from werkplek.credentials.models import CredentialType
from werkplek.trajectories.models import Status, Trajectory

pytestmark = pytest.mark.browser
PASSWORD = "Werkplek-journey-2026"


def test_the_journey_from_application_to_learning_on_the_job(
    page, live_server, organisation, coordinator, mentor, new_context
):
    coordinator.set_password(PASSWORD)
    coordinator.save()
    base = live_server.url
    org = f"{base}/o/{organisation.slug}"
    today = timezone.localdate()

    # The coordinator signs in with the form.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.fill("[name=username]", coordinator.email)
    page.fill("[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/o/autocars/home/$"))  # the coordinator's home
    expect(page.locator(".pipeline")).to_be_visible()

    # 1. Candidate and trajectory: an application opens a draft trajectory.
    page.goto(f"{org}/intake/applications/new/")
    page.fill("[name=candidate-first_name]", "Sara")
    page.fill("[name=candidate-last_name]", "Stagiair")
    page.fill("[name=candidate-email]", "sara.stagiair@example.be")
    page.fill("[name=candidate-phone]", "0470 12 34 56")
    page.select_option("[name=application-requested_kind]", "ibo")
    page.select_option("[name=application-source]", "application")
    assert_accessible(page)
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".message--success")).to_be_visible()
    trajectory = Trajectory.objects.get(candidate__email="sara.stagiair@example.be")
    assert trajectory.status == Status.DRAFT

    page.goto(f"{org}/trajectories/{trajectory.public_id}/edit/")
    page.get_by_label(mentor.full_name).check()
    page.fill("[name=planned_start]", today.isoformat())  # the browser's date picker
    page.fill("[name=planned_end]", (today + timedelta(weeks=16)).isoformat())
    page.fill("[name=hours_per_week]", "38")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".message--success")).to_be_visible()

    # 2. The intake: the motivation interview is planned.
    page.goto(f"{org}/intake/trajectory/{trajectory.public_id}/meetings/new/?kind=motivation")
    starts = timezone.localtime() + timedelta(days=1)
    page.fill("[name=starts_at]", starts.strftime("%Y-%m-%dT10:00"))
    page.fill("[name=place]", "Stelplaats Gent")
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".message--success")).to_be_visible()
    assert trajectory.meetings.count() == 1

    # 3. Credentials: the driving licence D, checked against the original.
    licence = CredentialType.objects.get(organisation=organisation, code="licence_d")
    page.goto(f"{org}/credentials/trajectory/{trajectory.public_id}/new/?type={licence.public_id}")
    page.fill("[name=number]", "1234567890")
    page.fill("[name=issued_on]", (today - timedelta(days=400)).isoformat())
    page.fill("[name=expires_on]", (today + timedelta(days=3 * 365)).isoformat())
    categories = page.locator("[name=categories][value=D]")
    if categories.count():
        categories.check()
    page.check("[name=verified]")  # a deliberate act: the box starts unticked
    page.locator("main form button[type=submit]").last.click()
    expect(page.locator(".message--success")).to_be_visible()
    assert trajectory.candidate.credentials.count() == 1

    # 4. The ready gate: confirm the intake, then the start is refused while items are open.
    page.goto(base + trajectory.get_absolute_url())
    page.locator("form[action$='/transition/confirm/'] button").click()
    page.locator("form[action$='/transition/start/'] button").click()
    expect(page.locator(".message--error").first).to_be_visible()
    trajectory.refresh_from_db()
    assert trajectory.status == Status.PREPARING
    assert_accessible(page)
    # What the coordinator resolves item by item on the page (tested elsewhere) is waived here.
    for item in trajectory.checklist_items.filter(
        state=ChecklistItem.State.OPEN, required=True, phase__in=["preparation", "before_start"]
    ).exclude(rule="all_children_done"):
        checklist_item_waive(item=item, by=coordinator, reason="Journey test")
    page.reload()
    expect(page.locator(".transitions .gate--open")).to_be_visible()
    page.locator("form[action$='/transition/start/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.step) == (Status.RUNNING, 4)

    # 5. The mentor logs a learning moment on a phone, from "my trainees".
    phone = new_context()  # pytest-playwright's: screenshots on failure too
    mobile = phone.new_page()
    mobile.set_viewport_size(PHONE)
    sign_in(mobile, live_server, mentor)
    mobile.goto(f"{org}/trajectories/mine/")
    assert_no_sideways_scroll(mobile)
    assert small_touch_targets(mobile) == []
    assert_accessible(mobile)
    mobile.locator(f"a[href$='/logbook/{trajectory.public_id}/new/']").first.click()
    assert_no_sideways_scroll(mobile)
    assert small_touch_targets(mobile) == []
    mobile.fill("[name=description]", "Eerste rit mee op lijn 5, vertrek stelplaats")
    mobile.locator("main form button[type=submit]").last.click()
    expect(mobile.locator(".message--success")).to_be_visible()
    assert trajectory.log_entries.get().description.startswith("Eerste rit")
    assert_no_sideways_scroll(mobile)
    assert small_touch_targets(mobile) == []
    assert_accessible(mobile)

    # 6. Attendance: today present, on the phone too.
    mobile.goto(f"{org}/attendance/{trajectory.public_id}/")
    assert_no_sideways_scroll(mobile)
    assert small_touch_targets(mobile) == []
    assert_accessible(mobile)
    mobile.locator("form.fill-bar button[type=submit]").first.click()
    expect(mobile.locator(".message--success")).to_be_visible()
    assert trajectory.attendance_days.filter(status="present").exists()
    phone.close()

    # 7. The trainee gets a login, chooses a password and sees their own home.
    page.goto(base + trajectory.get_absolute_url())
    page.locator("form[action$='/trainee-login/'] button").click()
    expect(page.locator(".message--success")).to_be_visible()
    link = re.search(r"http://\S+/password/reset/\S+", mail.outbox[-1].body).group(0)
    trainee_context = new_context()
    trainee = trainee_context.new_page()
    trainee.set_viewport_size(PHONE)
    trainee.goto(link)
    trainee.fill("[name=new_password1]", PASSWORD)
    trainee.fill("[name=new_password2]", PASSWORD)
    trainee.locator("main form button[type=submit]").click()
    trainee.goto(f"{base}/accounts/login/")
    trainee.fill("[name=username]", "sara.stagiair@example.be")
    trainee.fill("[name=password]", PASSWORD)
    trainee.locator("main button[type=submit]").click()
    expect(trainee).to_have_url(re.compile(r"/o/autocars/portal/$"))
    expect(trainee.locator("h1")).to_have_text("Hallo Sara")
    expect(trainee.get_by_text("Eerste rit mee op lijn 5")).to_be_visible()
    assert_no_sideways_scroll(trainee)
    assert_accessible(trainee)
    # The trainee writes down what they learned, and reads the page in French.
    trainee.get_by_role("link", name="Schrijf op wat je leerde").click()
    trainee.fill("[name=description]", "Ik leerde de dodehoekspiegels afstellen")
    trainee.locator("main form button[type=submit]").last.click()
    expect(trainee.locator(".message--success")).to_be_visible()
    entry = trajectory.log_entries.get(description__startswith="Ik leerde")
    assert entry.by_trainee
    trainee.goto(f"{org}/portal/")
    trainee.locator(".language-switch button[value=fr]").click()
    expect(trainee.locator("h1")).to_have_text("Bonjour Sara")
    expect(trainee.get_by_text("Ik leerde de dodehoekspiegels afstellen")).to_be_visible()
    trainee_context.close()

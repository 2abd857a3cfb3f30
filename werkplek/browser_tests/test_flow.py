"""The trajectory runs itself (issue 16), in a real browser, from the kennismaking to the close:
nobody presses "next step"; the step follows the facts at every point; the trainee, the mentor
and the guest each find what waits for them on their own home page on a 360 px phone, tap it
and do it, and it is gone. At the end the coordinator keeps the stagemap (its item ticks),
decides on one page a contract and Prodata together, waives the attendance list with a reason
and closes."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from werkplek.browser_tests.helpers import (
    DESKTOP,
    PHONE,
    assert_accessible,
    assert_no_sideways_scroll,
    sign_in,
)
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.models import CompetenceFramework
from werkplek.competences.services import competence_profile_set
from werkplek.conftest import membership_of
from werkplek.evaluations.models import Evaluation, OutcomeDecision
from werkplek.evaluations.tests.factories import held
from werkplek.intake.models import MeetingKind
from werkplek.intake.services import meeting_plan, meeting_update
from werkplek.portal.models import GuestAccess
from werkplek.trajectories import transitions
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.tests.test_transitions import resolve_gate

pytestmark = pytest.mark.browser


def current_step(page) -> str:
    return page.locator(".steps [aria-current=step] .steps__number").inner_text()


def hold(trajectory, kind, by, **fields):
    meeting = meeting_plan(
        trajectory=trajectory,
        by=by,
        kind=kind,
        starts_at=timezone.make_aware(datetime.now() - timedelta(hours=2)),
    )
    meeting_update(meeting=meeting, by=by, status="held", **fields)


def waiting_link(page, text: str):
    return page.locator("main a", has_text=text).first


def test_the_step_follows_the_facts_and_everyone_finds_what_waits_for_them(
    page,
    live_server,
    organisation,
    coordinator,
    mentor,
    trainee,
    guest,
    make_trajectory,
    new_context,
):
    today = timezone.localdate()
    candidate = CandidateFactory(
        organisation=organisation, user=trainee, first_name="Tom", last_name="Trainee"
    )
    trajectory = make_trajectory(
        mentors=[mentor],
        candidate=candidate,
        planned_start=today,
        planned_end=today + timedelta(weeks=16),
        hours_per_week=38,
    )
    framework = CompetenceFramework.objects.filter(organisation=organisation).first()
    competence_profile_set(trajectory=trajectory, framework=framework)
    staff = membership_of(coordinator, organisation)
    GuestAccess.objects.create(
        organisation=organisation,
        trajectory=trajectory,
        membership=membership_of(guest, organisation),
        invited_by=coordinator,
    )
    org = f"{live_server.url}/o/{organisation.slug}"
    overview = f"{org}/trajectories/{trajectory.public_id}/"

    # Before the start: the kennismaking and the rondleiding move the step, nobody clicks.
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server, coordinator)
    transitions.trajectory_confirm(trajectory=trajectory, membership=staff)
    page.goto(overview)
    assert current_step(page) == "1"
    expect(page.get_by_role("button", name="Volgende stap")).to_have_count(0)
    hold(trajectory, MeetingKind.INTRODUCTION, coordinator)
    page.goto(overview)
    assert current_step(page) == "2"
    hold(trajectory, MeetingKind.WORKPLACE_TOUR, coordinator, ready_to_start=True)
    page.goto(overview)
    assert current_step(page) == "3"
    expect(page.get_by_text("In deze stap omdat de rondleiding gehouden is")).to_be_visible()

    # The coordinator starts the trajectory with the button the gate allows: step 4.
    resolve_gate(trajectory, coordinator)
    page.goto(overview)
    expect(page.get_by_role("button", name="Eindevaluatie beginnen")).to_have_count(0)
    page.get_by_role("button", name="Traject starten").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert current_step(page) == "4"

    # The mentor plans the interim evaluation for today, with the guest: step 6.
    desk = new_context().new_page()
    desk.set_viewport_size(DESKTOP)
    sign_in(desk, live_server, mentor)
    desk.goto(f"{org}/evaluations/{trajectory.public_id}/new/")
    desk.select_option("[name=kind]", "interim")
    desk.fill("[name=scheduled_on]", today.isoformat())  # the date picker
    desk.select_option("[name=guest]", str(membership_of(guest, organisation).pk))
    desk.locator("main form button[type=submit]").last.click()
    expect(desk.locator(".message--success")).to_be_visible()
    evaluation = Evaluation.objects.get(trajectory=trajectory)
    desk.goto(overview)
    assert current_step(desk) == "6"

    # The trainee, on a phone, finds the self-assessment on their home and fills it in.
    phone = new_context()
    mobile = phone.new_page()
    mobile.set_viewport_size(PHONE)
    sign_in(mobile, live_server, trainee)
    mobile.goto(f"{org}/portal/")
    assert_no_sideways_scroll(mobile)
    assert_accessible(mobile)
    waiting_link(mobile, "Vul je zelfevaluatie in").click()
    levels = mobile.locator("select[name^=level_]")
    for index in range(levels.count()):
        levels.nth(index).select_option("2")
    mobile.locator("main form button[type=submit]").last.click()
    expect(mobile.locator(".message--success")).to_be_visible()
    mobile.goto(f"{org}/portal/")
    expect(mobile.get_by_text("Vul je zelfevaluatie in")).to_have_count(0)

    # The mentor scores and holds the talk: step 7, and everyone is asked to sign.
    desk.goto(f"{org}/evaluations/e/{evaluation.public_id}/score/")
    levels = desk.locator("select[name^=level_]")
    for index in range(levels.count()):
        levels.nth(index).select_option("3")
    desk.fill("[name=strengths]", "Rustig")
    desk.fill("[name=improvements]", "Spiegels")
    desk.locator("main form button[type=submit]").last.click()
    desk.fill("[name=held_on]", today.isoformat())
    desk.locator("form[action$='/hold/'] button[type=submit]").click()
    expect(desk.locator(".message--success")).to_be_visible()
    desk.goto(overview)
    assert current_step(desk) == "7"

    def sign_from_home(home_page, home_url: str) -> None:
        home_page.goto(home_url)
        assert_no_sideways_scroll(home_page)
        waiting_link(home_page, "Onderteken de tussentijdse evaluatie").click()
        home_page.check("[name=agreed]")
        if not home_page.input_value("[name=typed_name]"):
            home_page.fill("[name=typed_name]", "Naam")
        home_page.locator("main form button[type=submit]").last.click()
        expect(home_page.locator(".message--success")).to_be_visible()
        home_page.goto(home_url)
        expect(home_page.get_by_text("Onderteken de tussentijdse evaluatie")).to_have_count(0)

    sign_from_home(mobile, f"{org}/portal/")  # the trainee
    phone.close()
    mentor_phone = new_context().new_page()
    mentor_phone.set_viewport_size(PHONE)
    sign_in(mentor_phone, live_server, mentor)
    sign_from_home(mentor_phone, f"{org}/today/")  # the mentor, on Today
    guest_phone = new_context().new_page()
    guest_phone.set_viewport_size(PHONE)
    sign_in(guest_phone, live_server, guest)
    sign_from_home(guest_phone, f"{org}/portal/")  # the guest (VDAB), on their home

    # The final evaluation planned: step 8, and only now can its phase begin.
    page.goto(f"{org}/evaluations/{trajectory.public_id}/new/")
    page.select_option("[name=kind]", "final")
    page.fill("[name=scheduled_on]", (today + timedelta(weeks=15)).isoformat())
    page.locator("main form button[type=submit]").last.click()
    page.goto(overview)
    assert current_step(page) == "8"
    page.get_by_role("button", name="Eindevaluatie beginnen").click()
    expect(page.locator(".message--success")).to_be_visible()
    assert Trajectory.objects.get(pk=trajectory.pk).status == "finishing"
    assert not trajectory.events.filter(action="trajectories.trajectory.step_moved").exists()

    # The final evaluation is held (its pages are walked in test_evaluation_journey).
    held(Evaluation.objects.get(trajectory=trajectory, kind="final"), mentor, on=today)

    # The coordinator keeps the stagemap dossier on the Print tab: that fact ticks its item.
    page.goto(f"{org}/print/{trajectory.public_id}/")
    page.locator("section[aria-labelledby=print-dossier]").get_by_role(
        "button", name="Kopie bewaren"
    ).click()
    expect(page.locator(".message--success")).to_be_visible()
    assert trajectory.checklist_items.get(code="stage_file").state == "done"

    # One way to end: the trajectory page leads to the one decision page.
    page.goto(overview)
    expect(page.get_by_role("button", name="Volgende stap")).to_have_count(0)
    page.get_by_role("link", name="Beslis over het vervolg en sluit af").click()
    expect(page.get_by_role("heading", name="Het verdere verloop")).to_be_visible()
    expect(page.get_by_label(re.compile("stagemapjes"))).to_have_count(0)  # done: not asked
    page.get_by_label("Contract ondertekenen").check()
    starts = today + timedelta(weeks=17)
    page.fill("[name=contract_date]", starts.isoformat())
    page.fill("[name=contract_type]", "Vast contract")
    page.get_by_label("Prodata").check()
    close = page.get_by_role("button", name="Registreren en het traject afsluiten")
    close.click()
    # Refused while the attendance list is open: the reason is asked beside it, nothing is lost.
    attendance = page.get_by_label(re.compile("aanwezigheidslijst"))
    expect(page.locator(".field-error").first).to_contain_text("niet van toepassing")
    expect(page.get_by_label("Prodata")).to_be_checked()
    expect(page.locator("[name=contract_type]")).to_have_value("Vast contract")
    assert Trajectory.objects.get(pk=trajectory.pk).status == "finishing"
    attendance.fill("Lijst op papier bij de werkgever")
    close.click()
    expect(page.locator(".message--success")).to_contain_text("Beslissing geregistreerd")

    # The trajectory page says both continuations; the timeline keeps the waiver and its reason.
    main = page.locator("main")
    expect(main).to_contain_text(f"Contract (Vast contract) vanaf {starts:%d/%m/%Y}.")
    expect(main).to_contain_text("Bijkomende opleidingen: Prodata.")
    expect(main).to_contain_text(
        "Niet van toepassing: aanwezigheidslijst (Lijst op papier bij de werkgever)"
    )
    decision = OutcomeDecision.objects.get(trajectory=trajectory)
    assert decision.contract and decision.courses.get().code == "prodata"
    assert Trajectory.objects.get(pk=trajectory.pk).status == "closed"
    assert not trajectory.events.filter(action="trajectories.trajectory.step_moved").exists()

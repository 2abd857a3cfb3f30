from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone

from werkplek.attendance.services import DayInput, attendance_save
from werkplek.competences.tests.factories import competence, running
from werkplek.conftest import membership_of
from werkplek.core.extensions import (
    PORTAL_SECTIONS,
    TRAINEE_TODOS,
    TraineeTodo,
    register_portal_section,
    register_trainee_todo,
)
from werkplek.core.obligations import OBLIGATION_SOURCES
from werkplek.intake.models import MeetingKind
from werkplek.intake.services import meeting_plan
from werkplek.logbook.models import LogEntry
from werkplek.logbook.services import log_entry_create
from werkplek.plans.models import PlanGoal
from werkplek.plans.services import plan_goal_save, plan_start, plan_version_agree
from werkplek.portal.models import GuestAccess
from werkplek.portal.services import guest_access_grant
from werkplek.trajectories.models import Status, Trajectory


@pytest.fixture
def trajectory(make_trajectory, mentor, trainee, organisation, coordinator):
    trajectory = running(make_trajectory, mentors=[mentor], job_title="Buschauffeur")
    trajectory.candidate.user = trainee
    trajectory.candidate.save()
    meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        participants=[mentor],
        kind=MeetingKind.FIRST_DAY,
        starts_at=timezone.now() + timedelta(days=1),
        place="Stelplaats Gent",
        notes="Vertrouwelijk: enkel voor de mentor",
    )
    meeting_plan(
        trajectory=trajectory,
        by=coordinator,
        kind=MeetingKind.FOLLOW_UP,
        starts_at=timezone.now() + timedelta(days=8),
        candidate_attends=False,
        place="Bureau HR",
    )
    version = plan_start(trajectory=trajectory, by=mentor)
    plan_goal_save(
        goal=PlanGoal(
            version=version,
            competence=competence(organisation, "manoeuvring"),
            description="Zelfstandig achteruit de stelplaats in",
        )
    )
    plan_version_agree(version=version, by=mentor)
    log_entry_create(
        trajectory=trajectory,
        author=trainee,
        by_trainee=True,
        day=timezone.localdate(),
        description="Ik reed mee op lijn 5",
        kind=LogEntry.Kind.UNORGANISED,
    )
    attendance_save(
        trajectory=trajectory,
        days=[DayInput(timezone.localdate() - timedelta(days=1), "present", Decimal("7.6"))],
        by=mentor,
    )
    return trajectory


def test_a_trainee_lands_on_their_own_home_in_plain_language(
    client_for, trajectory, trainee, make_trajectory, django_assert_max_num_queries
):
    stranger = make_trajectory()
    stranger.candidate.first_name = "Vreemde"
    stranger.candidate.save()
    client = client_for(trainee)
    assert client.get("/o/autocars/")["Location"] == "/o/autocars/portal/"
    # + about one query per obligation source ("waiting for you")
    with django_assert_max_num_queries(22 + len(OBLIGATION_SOURCES)):
        page = client.get("/o/autocars/portal/").content.decode()
    assert "Hallo Tom" in page
    assert "Mats Mentor" in page  # the mentor
    assert "Afspraken op de eerste dag" in page
    assert "Stelplaats Gent" in page
    assert "Vertrouwelijk" not in page  # no meeting notes
    assert "Bureau HR" not in page  # a meeting without the trainee
    assert "Vreemde" not in page  # no other trainees
    assert "Ik reed mee op lijn 5" in page
    assert f"/o/autocars/logbook/{trajectory.public_id}/new/" in page
    assert "0 van je 1 doel." in page
    assert "7,6" in page  # hours present, Belgian decimal comma


def test_the_trainee_home_speaks_the_trainees_language(client_for, trajectory, trainee):
    trainee.language = "fr"
    trainee.save()
    page = client_for(trainee).get("/o/autocars/portal/").content.decode()
    assert "Bonjour Tom" in page
    assert "Votre carnet de bord" in page or "carnet" in page


def test_waiting_for_you_shows_what_other_apps_register(client_for, trajectory, trainee, settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [Path(__file__).parent / "templates"]}]
    due = timezone.localdate() + timedelta(days=3)

    def todo(request, for_trajectory):
        return [TraineeTodo("Vul je zelfevaluatie in", "/x/", due=due, kind="self_assessment")]

    def section(request, for_trajectory):
        return {"text": "sectie"}

    register_trainee_todo(todo)
    register_portal_section("portal/tests/section.html", section, roles=("trainee", "guest"))
    try:
        page = client_for(trainee).get("/o/autocars/portal/").content.decode()
    finally:
        TRAINEE_TODOS.remove(todo)
        PORTAL_SECTIONS[:] = [s for s in PORTAL_SECTIONS if s.context is not section]
    assert "Vul je zelfevaluatie in" in page
    assert due.strftime("%d/%m/%Y") in page
    assert "sectie-uit-de-test" in page


def test_a_trainee_without_trajectory_gets_a_friendly_page(client_for, trainee):
    page = client_for(trainee).get("/o/autocars/portal/").content.decode()
    assert "nog niet klaar" in page


def test_staff_send_the_trainee_a_login_from_the_trajectory_page(
    client_for, make_trajectory, coordinator, mentor
):
    trajectory = make_trajectory(mentors=[mentor])
    trajectory.candidate.email = "sam@example.be"
    trajectory.candidate.save()
    mail.outbox.clear()  # the mentor's "you are now the mentor" prompt
    client = client_for(coordinator)
    page = client.get(trajectory.get_absolute_url()).content.decode()
    assert "Login voor de stagiair" in page or "Stuur een login" in page
    response = client.post(f"/o/autocars/portal/{trajectory.public_id}/trainee-login/")
    assert response.status_code == 302
    assert mail.outbox[0].to == ["sam@example.be"]
    trajectory.candidate.refresh_from_db()
    assert trajectory.candidate.user.email == "sam@example.be"
    # A mentor cannot.
    response = client_for(mentor).post(f"/o/autocars/portal/{trajectory.public_id}/trainee-login/")
    assert response.status_code == 403


def test_staff_invite_and_revoke_a_guest_through_the_pages(
    client_for, trajectory, coordinator, organisation
):
    client = client_for(coordinator)
    url = f"/o/autocars/portal/{trajectory.public_id}/guests/invite/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "niet-geldig", "full_name": "", "language": "nl"})
    assert response.status_code == 422
    assert 'value="niet-geldig"' in response.content.decode()
    response = client.post(
        url, {"email": "vdab@example.be", "full_name": "Vera VDAB", "language": "nl"}
    )
    assert response.status_code == 302
    access = GuestAccess.objects.get()
    page = client.get(trajectory.get_absolute_url()).content.decode()
    assert "Vera VDAB" in page
    response = client.post(f"/o/autocars/portal/guests/{access.public_id}/revoke/")
    assert response.status_code == 302
    access.refresh_from_db()
    assert access.revoked_at is not None


def test_a_guest_reads_the_plan_progress_and_attendance_but_nothing_else(
    client_for,
    trajectory,
    coordinator,
    guest,
    organisation,
    make_trajectory,
    django_assert_max_num_queries,
):
    other = make_trajectory()
    access = guest_access_grant(
        trajectory=trajectory,
        email=guest.email,
        full_name=guest.full_name,
        language="nl",
        by=coordinator,
        base_url="http://testserver/",
    )
    client = client_for(guest)
    home = client.get("/o/autocars/portal/").content.decode()
    assert trajectory.candidate.full_name in home
    assert other.candidate.full_name not in home
    url = f"/o/autocars/portal/follow/{trajectory.public_id}/"
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert "Zelfstandig achteruit de stelplaats in" in page
    assert "Dagen aanwezig" in page
    assert "Vertrouwelijk" not in page
    assert "Ik reed mee" not in page  # the logbook is not for guests
    assert client.get(f"/o/autocars/portal/follow/{other.public_id}/").status_code == 404
    # Pages of staff, mentors and trainees stay closed.
    assert client.get(trajectory.get_absolute_url()).status_code == 403
    assert client.get(f"/o/autocars/logbook/{trajectory.public_id}/").status_code == 403
    # Revoked, or the trajectory ended longer ago than guests may read it: the page is gone.
    GuestAccess.objects.filter(pk=access.pk).update(revoked_at=timezone.now())
    assert client.get(url).status_code == 404
    GuestAccess.objects.filter(pk=access.pk).update(revoked_at=None)
    assert client.get(url).status_code == 200
    Trajectory.objects.filter(pk=trajectory.pk).update(
        status=Status.CLOSED, actual_end=timezone.localdate() - timedelta(days=365)
    )
    assert client.get(url).status_code == 404
    assert membership_of(guest, organisation).guest_accesses.count() == 1

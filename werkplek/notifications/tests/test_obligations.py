"""What waits for whom: each obligation appears where its person looks, with a one-tap link,
and disappears when done."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from werkplek.attendance.services import attendance_fill_present
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.competences.models import CompetenceFramework
from werkplek.competences.services import competence_profile_set
from werkplek.competences.tests.factories import running
from werkplek.conftest import membership_of
from werkplek.core.obligations import obligations_for
from werkplek.credentials.services import credential_verify
from werkplek.credentials.tests.factories import record
from werkplek.evaluations import services as evaluation_services
from werkplek.evaluations.tests.factories import held, levels, scheduled
from werkplek.followup.models import FollowUpRule
from werkplek.followup.services import followup_moment_resolve, followup_rule_save
from werkplek.notifications.models import Notification
from werkplek.notifications.services import notifications_scan
from werkplek.portal.models import GuestAccess
from werkplek.trajectories.models import Trajectory
from werkplek.trajectories.services import trajectory_update


@pytest.fixture
def trajectory(make_trajectory, organisation, mentor, trainee):
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = running(make_trajectory, mentors=[mentor], candidate=candidate, days_ago=40)
    framework = CompetenceFramework.objects.filter(organisation=organisation).first()
    competence_profile_set(trajectory=trajectory, framework=framework)
    return trajectory


def mine(user, trajectory) -> list:
    return obligations_for(
        trajectories=Trajectory.objects.filter(pk=trajectory.pk),
        today=timezone.localdate(),
        user_id=user.pk,
    )


def kinds(user, trajectory) -> set[str]:
    return {o.kind for o in mine(user, trajectory)}


def test_the_trainee_finds_the_self_assessment_on_their_home_and_it_goes_when_filled(
    client_for, trainee, coordinator, trajectory
):
    evaluation = scheduled(trajectory, coordinator, on=timezone.localdate() + timedelta(days=5))
    page = client_for(trainee).get(f"/o/{trajectory.organisation.slug}/portal/")
    text = page.content.decode()
    assert "Vul je zelfevaluatie in voor de tussentijdse evaluatie" in text
    assert f"/evaluations/e/{evaluation.public_id}/self/" in text
    evaluation_services.self_assessment_save(
        evaluation=evaluation, levels=levels(trajectory, {"manoeuvring": 2}), by=trainee
    )
    text = client_for(trainee).get(f"/o/{trajectory.organisation.slug}/portal/").content.decode()
    assert "zelfevaluatie in voor" not in text


def test_holding_asks_every_party_to_sign_by_e_mail_at_once_and_signing_removes_it(
    client_for, trainee, mentor, coordinator, trajectory, organisation
):
    evaluation = scheduled(trajectory, coordinator)
    mail.outbox.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.db.transaction.on_commit", lambda fn, **kw: fn())
        held(evaluation, mentor)
    for person in (trainee, mentor, coordinator):
        assert "evaluations.sign" in kinds(person, trajectory)
    assert {message.to[0] for message in mail.outbox} == {
        trainee.email,
        mentor.email,
        coordinator.email,
    }
    assert "Onderteken de tussentijdse evaluatie van" in mail.outbox[0].subject
    today = client_for(mentor).get(f"/o/{organisation.slug}/today/")
    assert "Onderteken de tussentijdse evaluatie" in today.content.decode()
    evaluation_services.evaluation_sign(
        evaluation=evaluation,
        party=evaluation_services.Party.TRAINEE,
        typed_name=trainee.full_name,
        agreed=True,
        membership=membership_of(trainee, organisation),
        ip_address=None,
    )
    assert "evaluations.sign" not in kinds(trainee, trajectory)
    assert "evaluations.sign" in kinds(mentor, trajectory)


def test_the_guest_finds_their_signature_on_their_home(
    client_for, guest, mentor, coordinator, trajectory, organisation
):
    GuestAccess.objects.create(
        organisation=organisation,
        trajectory=trajectory,
        membership=membership_of(guest, organisation),
        invited_by=coordinator,
    )
    evaluation = scheduled(trajectory, coordinator)
    evaluation_services.evaluation_reschedule(
        evaluation=evaluation,
        on=evaluation.scheduled_on,
        at=None,
        place="",
        mentor=mentor,
        coordinator=coordinator,
        guest=membership_of(guest, organisation),
        by=coordinator,
    )
    held(evaluation, mentor)
    page = client_for(guest).get(f"/o/{organisation.slug}/portal/")
    assert "Onderteken de tussentijdse evaluatie" in page.content.decode()


def test_a_due_follow_up_waits_for_the_person_responsible(client_for, mentor, trajectory):
    rule = followup_rule_save(
        rule=FollowUpRule(
            trajectory=trajectory,
            subject=FollowUpRule.Subject.TOPIC,
            topic="Stiptheid",
            frequency=FollowUpRule.Frequency.WEEKLY,
            starts_on=trajectory.actual_start,
            ends_on=trajectory.actual_start + timedelta(weeks=3),
            responsible=mentor,
        ),
        by=mentor,
    )
    found = [o for o in mine(mentor, trajectory) if o.kind == "followup.hold"]
    assert found and found[0].params["subject"] == "Stiptheid"
    for moment in rule.moments.all():
        followup_moment_resolve(moment=moment, by=mentor, state="done")
    assert "followup.hold" not in kinds(mentor, trajectory)


def test_last_weeks_attendance_waits_for_the_mentor_until_recorded(mentor, trajectory):
    assert "attendance.log_week" in kinds(mentor, trajectory)
    today = timezone.localdate()
    attendance_fill_present(
        trajectory=trajectory, start=today - timedelta(days=14), end=today, by=mentor
    )
    assert "attendance.log_week" not in kinds(mentor, trajectory)


def test_an_unverified_credential_waits_for_the_coordinator(coordinator, mentor, trajectory):
    credential = record(trajectory.candidate, "licence_d", by=mentor, verified=False)
    found = [o for o in mine(coordinator, trajectory) if o.kind == "credentials.verify"]
    assert len(found) == 1 and "credentials" in found[0].url
    assert "credentials.verify" not in kinds(mentor, trajectory)
    credential_verify(credential=credential, by=coordinator)
    assert "credentials.verify" not in kinds(coordinator, trajectory)


def test_the_scan_puts_obligations_in_the_inbox_once(mentor, coordinator, trajectory):
    scheduled(trajectory, coordinator)
    notifications_scan(today=timezone.localdate())
    notifications_scan(today=timezone.localdate())
    stored = Notification.objects.filter(recipient=mentor, kind="attendance.log_week")
    assert stored.count() == 1
    assert stored.get().link.startswith(f"/o/{trajectory.organisation.slug}/attendance/")


def test_assigning_a_mentor_tells_the_mentor(coordinator, other_mentor, mentor, trajectory):
    mail.outbox.clear()
    trajectory_update(trajectory=trajectory, by=coordinator, mentors=[mentor, other_mentor])
    notification = Notification.objects.get(recipient=other_mentor)
    assert notification.kind == "trajectories.mentor_assigned"
    assert [message.to for message in mail.outbox] == [[other_mentor.email]]
    assert "Je bent nu de mentor van" in mail.outbox[0].subject


def test_obligations_take_a_fixed_number_of_queries(
    make_trajectory, organisation, mentor, coordinator, django_assert_max_num_queries
):
    for _ in range(4):
        candidate = CandidateFactory(organisation=organisation)
        trajectory = running(make_trajectory, mentors=[mentor], candidate=candidate)
        scheduled(trajectory, coordinator)
    with django_assert_max_num_queries(9):
        found = obligations_for(
            trajectories=Trajectory.objects.filter(organisation=organisation),
            today=timezone.localdate(),
        )
    assert len(found) >= 4


def test_a_dated_obligation_is_in_the_calendar_feed(trainee, coordinator, trajectory):
    from werkplek.notifications.calendar import calendar_events

    day = timezone.localdate() + timedelta(days=5)
    evaluation = scheduled(trajectory, coordinator, on=day)
    events = [event for _membership, event in calendar_events(user=trainee, today=day)]
    found = [event for event in events if event.uid.startswith("obligation-")]
    assert [(event.start, event.url) for event in found] == [
        (day, f"/o/{trajectory.organisation.slug}/evaluations/e/{evaluation.public_id}/self/")
    ]

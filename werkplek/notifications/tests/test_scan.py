"""The periodic scan on chosen dates: who hears what, once."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from werkplek.accounts.models import Membership
from werkplek.accounts.tests.factories import MembershipFactory, UserFactory
from werkplek.candidates.tests.factories import CandidateFactory
from werkplek.checklists.models import ChecklistItem
from werkplek.conftest import membership_of
from werkplek.notifications import scanners, services
from werkplek.notifications.models import Notification
from werkplek.notifications.scanners import NotificationSpec, notification_text
from werkplek.notifications.services import notifications_scan
from werkplek.notifications.tests.factories import set_due
from werkplek.trajectories.models import Status, Trajectory

TODAY = date(2026, 11, 25)  # a Wednesday


def kinds_for(user) -> list[str]:
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def trajectory(make_trajectory, mentor):
    return make_trajectory(mentors=[mentor])


def test_items_due_soon_reach_the_mentor_and_the_coordinator_only(
    trajectory, mentor, other_mentor, coordinator, admin, trainee, guest, outsider
):
    set_due(trajectory, "driving_test", TODAY + timedelta(days=2))
    set_due(trajectory, "competence_baseline", TODAY + timedelta(days=2))

    result = notifications_scan(today=TODAY)

    assert result.created["checklists.items"] == 2
    for user in (mentor, coordinator):
        notification = Notification.objects.get(recipient=user)
        assert notification.kind == "checklists.items_due"
        assert notification.level == "soon"
        assert notification.trajectory == trajectory
        assert notification.link == trajectory.get_absolute_url() + "#checklist"
        with translation.override("nl"):
            text = notification_text(notification.kind, notification.params)
        assert text == (
            f"2 checklistpunten voor {trajectory.candidate.full_name} moeten klaar zijn op "
            "27/11/2026"
        )
        assert [label["nl"] for label in notification.params["details"]] == [
            "laat de kandidaat een rijtest afleggen",
            "breng de competenties van de kandidaat in kaart",
        ]
    for user in (other_mentor, admin, trainee, guest, outsider):
        assert kinds_for(user) == []


def test_an_item_becomes_overdue_the_day_after_its_due_date(trajectory, mentor):
    set_due(trajectory, "driving_test", TODAY - timedelta(days=1))

    notifications_scan(today=TODAY)

    notification = Notification.objects.get(recipient=mentor)
    assert (notification.kind, notification.level) == ("checklists.items_overdue", "late")
    assert notification.due_date == TODAY - timedelta(days=1)


def test_items_outside_the_window_resolved_or_optional_say_nothing(trajectory, mentor):
    set_due(trajectory, "driving_test", TODAY + timedelta(days=4))  # not yet
    set_due(trajectory, "motivation_interview", TODAY - timedelta(days=8))  # long overdue
    done = set_due(trajectory, "competence_baseline", TODAY)
    done.state = ChecklistItem.State.DONE
    done.save()
    set_due(trajectory, "intake_admin_other", TODAY)  # optional
    set_due(trajectory, "intake_admin", TODAY)  # summarises its sub-items

    notifications_scan(today=TODAY)

    assert kinds_for(mentor) == []


def test_a_closed_trajectory_is_not_scanned(trajectory, mentor):
    set_due(trajectory, "driving_test", TODAY)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.CLOSED)

    notifications_scan(today=TODAY)

    assert kinds_for(mentor) == []


def test_scanning_twice_or_on_the_next_days_notifies_nobody_twice(trajectory, mentor):
    set_due(trajectory, "driving_test", TODAY + timedelta(days=3))
    assert notifications_scan(today=TODAY).total_created == 2
    assert notifications_scan(today=TODAY).total_created == 0
    assert notifications_scan(today=TODAY + timedelta(days=1)).total_created == 0
    assert kinds_for(mentor) == ["checklists.items_due"]
    # past the due date it is a new fact: overdue, once
    assert notifications_scan(today=TODAY + timedelta(days=4)).total_created == 2
    assert notifications_scan(today=TODAY + timedelta(days=5)).total_created == 0
    assert kinds_for(mentor) == ["checklists.items_due", "checklists.items_overdue"]


def test_a_new_due_date_is_a_new_reminder(trajectory, mentor):
    set_due(trajectory, "driving_test", TODAY + timedelta(days=1))
    notifications_scan(today=TODAY)
    set_due(trajectory, "driving_test", TODAY + timedelta(days=3))
    notifications_scan(today=TODAY)
    dates = Notification.objects.filter(recipient=mentor).values_list("due_date", flat=True)
    assert sorted(dates) == [TODAY + timedelta(days=1), TODAY + timedelta(days=3)]


def test_a_mentor_who_left_the_organisation_is_not_told(trajectory, mentor, coordinator):
    Membership.objects.filter(user=mentor).update(is_active=False)
    set_due(trajectory, "driving_test", TODAY)

    notifications_scan(today=TODAY)

    assert kinds_for(mentor) == []
    assert kinds_for(coordinator) == ["checklists.items_due"]


def test_without_a_coordinator_every_coordinator_of_the_organisation_is_told(
    trajectory, coordinator, admin, organisation
):
    other = MembershipFactory(
        organisation=organisation,
        role=Membership.Role.COORDINATOR,
        user=UserFactory(full_name="Carl Coördinator"),
    ).user
    Trajectory.objects.filter(pk=trajectory.pk).update(coordinator=None)
    set_due(trajectory, "driving_test", TODAY)

    notifications_scan(today=TODAY)

    assert kinds_for(coordinator) == kinds_for(other) == ["checklists.items_due"]
    assert kinds_for(admin) == []


def test_a_start_date_that_passed_without_a_start_is_reported(make_trajectory, mentor, coordinator):
    trajectory = make_trajectory(
        mentors=[mentor],
        planned_start=TODAY - timedelta(days=2),
        planned_end=TODAY + timedelta(days=90),
    )
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)

    notifications_scan(today=TODAY)

    for user in (mentor, coordinator):
        notification = Notification.objects.get(recipient=user)
        assert notification.kind == "trajectories.not_started"
        with translation.override("nl"):
            text = notification_text(notification.kind, notification.params)
        assert "23/11/2026" in text and trajectory.candidate.full_name in text


def test_a_planned_end_that_passed_while_running_is_reported(make_trajectory, mentor):
    trajectory = make_trajectory(
        mentors=[mentor],
        planned_start=TODAY - timedelta(days=90),
        planned_end=TODAY - timedelta(days=1),
    )
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.RUNNING, step=5)

    notifications_scan(today=TODAY)

    assert kinds_for(mentor) == ["trajectories.end_passed"]


def test_a_trajectory_with_items_long_overdue_is_at_risk_weekly_for_the_coordinator(
    trajectory, mentor, coordinator
):
    for code in ("driving_test", "competence_baseline", "motivation_interview"):
        set_due(trajectory, code, TODAY - timedelta(days=10))

    notifications_scan(today=TODAY)
    notifications_scan(today=TODAY + timedelta(days=1))  # same week
    assert kinds_for(coordinator) == ["trajectories.at_risk"]
    assert kinds_for(mentor) == []
    notification = Notification.objects.get(recipient=coordinator)
    assert notification.params["count"] == 3

    notifications_scan(today=TODAY + timedelta(days=7))  # next week, still at risk
    assert kinds_for(coordinator) == ["trajectories.at_risk", "trajectories.at_risk"]


def test_two_overdue_items_are_not_yet_a_risk(trajectory, coordinator):
    for code in ("driving_test", "competence_baseline"):
        set_due(trajectory, code, TODAY - timedelta(days=10))
    notifications_scan(today=TODAY)
    assert kinds_for(coordinator) == []


def test_the_trainee_hears_about_their_first_day(make_trajectory, organisation, trainee, mentor):
    candidate = CandidateFactory(organisation=organisation, user=trainee)
    trajectory = make_trajectory(
        candidate=candidate,
        mentors=[mentor],
        planned_start=TODAY + timedelta(days=5),
        planned_end=TODAY + timedelta(days=90),
    )
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.READY, step=3)

    notifications_scan(today=TODAY)

    notification = Notification.objects.get(recipient=trainee)
    assert notification.kind == "trajectories.starts_soon"
    assert notification.link == "/o/autocars/"
    with translation.override("nl"):
        assert notification_text(notification.kind, notification.params) == (
            "Je traject bij Autocars Vlaanderen start op 30/11/2026. Welkom!"
        )
    assert membership_of(trainee, organisation).role == "trainee"


def test_a_registered_scanner_joins_the_scan_and_duplicates_are_stored_once(
    monkeypatch, organisation, mentor
):
    def scan_reminders(*, today):
        spec = NotificationSpec(
            recipient_id=mentor.pk,
            organisation_id=organisation.pk,
            kind="tests.reminder",
            key=f"tests.reminder:{today.isoformat()}",
            params={
                "what": {"nl": "de rijtest", "en": "the driving test"},
                "due_date": "2026-12-24",
            },
        )
        return [spec, spec]

    monkeypatch.setattr(scanners, "SCANNERS", {})
    monkeypatch.setattr(scanners, "TEXTS", dict(scanners.TEXTS))
    scanners.register_scanner(
        "tests.reminder",
        scan_reminders,
        texts={"tests.reminder": "Denk aan %(what)s op %(due_date)s"},
    )
    monkeypatch.setattr(services, "SCANNERS", scanners.SCANNERS)

    assert notifications_scan(today=TODAY).created == {"tests.reminder": 1}
    assert notifications_scan(today=TODAY).created == {"tests.reminder": 0}
    notification = Notification.objects.get(recipient=mentor)
    with translation.override("nl"):
        assert notification_text(notification.kind, notification.params) == (
            "Denk aan de rijtest op 24/12/2026"
        )

from datetime import timedelta

from django.utils import timezone

from werkplek.conftest import membership_of
from werkplek.credentials.tests.factories import day, record
from werkplek.documents.tests.factories import one_of_each as documents
from werkplek.intake.models import MeetingKind
from werkplek.intake.services import meeting_plan
from werkplek.notifications.agenda import AGENDA_SOURCES
from werkplek.trajectories import transitions


def test_the_overview_stays_within_its_queries_however_much_is_recorded(
    client_for, make_trajectory, coordinator, mentor, organisation, django_assert_max_num_queries
):
    trajectory = make_trajectory(mentors=[mentor], planned_start=day(20), planned_end=day(120))
    transitions.trajectory_confirm(
        trajectory=trajectory, membership=membership_of(coordinator, organisation)
    )
    client = client_for(coordinator)
    # 24 + "What is next": one query per agenda source, one for the open items without a date
    with django_assert_max_num_queries(25 + len(AGENDA_SOURCES)) as few:
        client.get(trajectory.get_absolute_url())
    baseline = len(few.captured_queries)
    for offset in range(8):
        meeting_plan(
            trajectory=trajectory,
            by=coordinator,
            kind=MeetingKind.FOLLOW_UP,
            starts_at=timezone.now() + timedelta(days=offset + 1),
        )
        record(trajectory.candidate, "driver_card", by=coordinator, expires_on=day(60 + offset))
    documents(trajectory=trajectory, by=coordinator)
    with django_assert_max_num_queries(baseline):
        page = client.get(trajectory.get_absolute_url()).content.decode()
    assert "Opvolgingsgesprek" in page and "Bestuurderskaart" in page


def test_the_overview_shows_held_meetings_not_none_planned(
    client_for, make_trajectory, coordinator, mentor
):
    from werkplek.intake.models import Meeting
    from werkplek.intake.services import meeting_set_status

    trajectory = make_trajectory(mentors=[mentor])
    kinds = [MeetingKind.MOTIVATION_INTERVIEW, *[MeetingKind.FOLLOW_UP] * 3]
    for offset, kind in enumerate(kinds):
        meeting = meeting_plan(
            trajectory=trajectory,
            by=coordinator,
            kind=kind,
            starts_at=timezone.now() - timedelta(days=10 - offset),
        )
        meeting_set_status(meeting=meeting, by=coordinator, status=Meeting.Status.HELD)
    page = client_for(coordinator).get(trajectory.get_absolute_url()).content.decode()
    panel = page.split('id="intake-panel-heading"')[1].split("</section>")[0]
    assert "Geen gesprekken gepland" not in panel
    assert "4 gesprekken gehouden" in panel and "Geen volgend gesprek gepland" in panel
    assert panel.count("Opvolgingsgesprek") == 3  # the last three held

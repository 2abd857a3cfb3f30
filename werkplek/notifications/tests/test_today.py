"""The mentor's Today page: what is late, for today and for the coming days, per trainee."""

from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.checklists.models import ChecklistItem
from werkplek.conftest import membership_of
from werkplek.core.obligations import OBLIGATION_SOURCES
from werkplek.notifications.agenda import AGENDA_SOURCES
from werkplek.notifications.tests.factories import set_due
from werkplek.trajectories.models import Status, Trajectory


def html(response) -> str:
    return response.content.decode()


def section(page: str, name: str) -> str:
    """The part of the page with this trainee's card."""
    start = page.index(name)
    end = page.find('<li class="card today-card">', start)
    return page[start : end if end != -1 else len(page)]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def trajectory(make_trajectory, mentor):
    trajectory = make_trajectory(mentors=[mentor])
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    return trajectory


@pytest.mark.dates
def test_today_splits_my_trainees_work_into_late_today_and_coming(
    client_for, mentor, trajectory, today
):
    set_due(trajectory, "motivation_interview", today - timedelta(days=20))
    set_due(trajectory, "driving_test", today)
    set_due(trajectory, "competence_baseline", today + timedelta(days=6))
    set_due(trajectory, "contact_details", today + timedelta(days=8))  # beyond the week

    page = html(client_for(mentor).get("/o/autocars/today/"))

    card = section(page, trajectory.candidate.full_name)
    late, rest = card.split("Te laat", 1)[1].split(">Vandaag<", 1)
    assert "plan een motivatiegesprek" in late
    todays, coming = rest.split("Komende 7 dagen", 1)
    assert "laat de kandidaat een rijtest afleggen" in todays
    assert "breng de competenties van de kandidaat in kaart" in coming
    assert "noteer de contactgegevens" not in card
    assert "1 te laat" in page and "1 voor vandaag" in page and "1 in de komende 7 dagen" in page


def test_today_shows_only_my_own_trainees(
    client_for, mentor, other_mentor, trajectory, make_trajectory, today
):
    theirs = make_trajectory(mentors=[other_mentor])
    page = html(client_for(mentor).get("/o/autocars/today/"))
    assert trajectory.candidate.full_name in page
    assert theirs.candidate.full_name not in page


def test_a_first_day_coming_up_is_on_the_page(client_for, mentor, make_trajectory, today):
    trajectory = make_trajectory(
        mentors=[mentor],
        planned_start=today + timedelta(days=2),
        planned_end=today + timedelta(days=60),
    )
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    Trajectory.objects.filter(pk=trajectory.pk).update(status=Status.READY, step=3)
    card = section(
        html(client_for(mentor).get("/o/autocars/today/")), trajectory.candidate.full_name
    )
    assert "Eerste dag" in card


def test_a_quiet_week_and_no_trainees(client_for, mentor, other_mentor, trajectory):
    assert "Niets gepland of te doen in de komende 7 dagen." in html(
        client_for(mentor).get("/o/autocars/today/")
    )
    assert "Je volgt op dit moment geen lopende of geplande trajecten." in html(
        client_for(other_mentor).get("/o/autocars/today/")
    )


def test_a_coordinator_sees_what_they_coordinate(client_for, coordinator, trajectory):
    page = html(client_for(coordinator).get("/o/autocars/today/"))
    assert trajectory.candidate.full_name in page


def test_a_mentor_lands_on_today(client_for, mentor, coordinator):
    assert client_for(mentor).get("/o/autocars/")["Location"] == "/o/autocars/today/"
    assert client_for(coordinator).get("/o/autocars/")["Location"] == "/o/autocars/home/"


def test_today_is_in_the_menu_for_mentoring_roles(client_for, mentor, trainee):
    page = html(client_for(mentor).get("/o/autocars/inbox/"))
    assert 'href="/o/autocars/today/">Vandaag</a>' in page
    assert 'href="/o/autocars/today/"' not in html(client_for(trainee).get("/o/autocars/inbox/"))


def test_today_uses_a_bounded_number_of_queries(
    client_for, mentor, make_trajectory, today, django_assert_max_num_queries
):
    """One query per agenda source, and at most two per obligation source ("waiting for
    you"), whatever the number of trainees on the page."""
    client = client_for(mentor)
    set_due(make_trajectory(mentors=[mentor]), "driving_test", today)
    bound = 8 + len(AGENDA_SOURCES) + 2 * len(OBLIGATION_SOURCES)
    with django_assert_max_num_queries(bound) as one:
        client.get("/o/autocars/today/")
    for _ in range(5):
        set_due(make_trajectory(mentors=[mentor]), "driving_test", today)
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = html(client.get("/o/autocars/today/"))
    assert page.count('<li class="card today-card">') == 6


def test_a_trainee_far_behind_shows_the_longest_overdue_and_counts_the_rest(
    client_for, mentor, trajectory, today
):
    open_items = list(
        ChecklistItem.objects.filter(trajectory=trajectory, state=ChecklistItem.State.OPEN)
        .exclude(parent__isnull=True, children__isnull=False)
        .order_by("id")[:8]
    )
    for days_late, item in enumerate(open_items, start=10):
        ChecklistItem.objects.filter(pk=item.pk).update(due_date=today - timedelta(days=days_late))
    late = len(
        [
            entry
            for source in AGENDA_SOURCES.values()
            for entry in source(
                membership=membership_of(mentor, trajectory.organisation),
                trajectory_ids=[trajectory.pk],
                today=today,
                until=today + timedelta(days=7),
            )
            if entry.day < today
        ]
    )
    assert late > 5, "the test needs more late entries than the page shows"

    page = html(client_for(mentor).get("/o/autocars/today/"))

    assert page.count("agenda__entry--late") == 5
    assert f"en nog {late - 5} " in page and "te laat op de trajectpagina" in page
    assert f"{late} te laat" in page  # the summary counts them all

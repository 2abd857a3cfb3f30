"""The coordinator's home: the pipeline by step, what is late and who was told, what waits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from werkplek.checklists.models import ChecklistItem
from werkplek.core import obligations
from werkplek.core.obligations import Obligation
from werkplek.notifications.services import notifications_scan
from werkplek.notifications.tests.factories import set_due
from werkplek.trajectories.models import Status, Trajectory

HOME = "/o/autocars/home/"


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def at_step(trajectory, status: str, step: int) -> Trajectory:
    Trajectory.objects.filter(pk=trajectory.pk).update(status=status, step=step)
    return trajectory


@pytest.fixture
def no_obligation_sources(monkeypatch):
    monkeypatch.setattr(obligations, "OBLIGATION_SOURCES", {})


def pipeline_of(page: str) -> str:
    return page[page.index('class="pipeline"') : page.index("</ol>")]


def test_the_pipeline_counts_open_trajectories_per_step_and_links_to_the_filtered_list(
    client_for, coordinator, make_trajectory, other_organisation, no_obligation_sources
):
    for _ in range(2):
        at_step(make_trajectory(), Status.RUNNING, 4)
    at_step(make_trajectory(), Status.FINISHING, 8)
    at_step(make_trajectory(), Status.CLOSED, 8)  # closed: not in the pipeline
    at_step(make_trajectory(other_organisation), Status.RUNNING, 4)  # another organisation

    pipeline = pipeline_of(html(client_for(coordinator).get(HOME)))

    steps = pipeline.split('<li class="pipeline__step')[1:]
    assert len(steps) == 8
    counts = [int(step.split('pipeline__count">')[1].split("<")[0]) for step in steps]
    assert counts == [0, 0, 0, 2, 0, 0, 0, 1]
    assert "4. Leren op de werkplek" in steps[3]
    assert 'href="/o/autocars/trajectories/?status=open&amp;step=4"' in steps[3]


def test_the_step_link_lists_exactly_the_counted_trajectories(
    client_for, coordinator, make_trajectory, no_obligation_sources
):
    at_step(make_trajectory(), Status.RUNNING, 5)
    counted = at_step(make_trajectory(), Status.RUNNING, 5)
    other = at_step(make_trajectory(), Status.RUNNING, 6)
    client = client_for(coordinator)

    page = html(client.get("/o/autocars/trajectories/?status=open&step=5"))

    assert counted.candidate.full_name in page
    assert other.candidate.full_name not in page


@pytest.mark.dates
def test_late_work_shows_the_longest_late_first_and_who_was_told(
    client_for, coordinator, mentor, make_trajectory, no_obligation_sources
):
    today = timezone.localdate()
    recent = make_trajectory(mentors=[mentor])
    oldest = make_trajectory(mentors=[mentor])
    calm = make_trajectory(mentors=[mentor])
    for trajectory in (recent, oldest, calm):
        ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    set_due(recent, "driving_test", today - timedelta(days=2))
    set_due(oldest, "motivation_interview", today - timedelta(days=5))
    set_due(calm, "driving_test", today + timedelta(days=3))
    notifications_scan(today=today)
    mentor.notifications.filter(trajectory=oldest).update(read_at=timezone.now())

    page = html(client_for(coordinator).get(HOME))

    late = page[page.index('id="late-title"') : page.index('id="waiting-title"')]
    assert "2 kandidaten hebben werk dat te laat is" in late
    assert late.index(oldest.candidate.full_name) < late.index(recent.candidate.full_name)
    assert calm.candidate.full_name not in late
    assert (today - timedelta(days=5)).strftime("%d/%m/%Y") in late
    assert "plan een motivatiegesprek" in late
    oldest_card = late[
        late.index(oldest.candidate.full_name) : late.index(recent.candidate.full_name)
    ]
    assert "Verwittigd:" in oldest_card
    assert 'Mats Mentor <span class="muted">(gelezen)' in oldest_card
    assert 'Cora Coördinator <span class="muted">(nog niet gelezen)' in oldest_card


def test_late_work_nobody_was_told_about_says_so(
    client_for, coordinator, make_trajectory, no_obligation_sources
):
    trajectory = make_trajectory()
    ChecklistItem.objects.filter(trajectory=trajectory).update(due_date=None)
    set_due(trajectory, "driving_test", timezone.localdate() - timedelta(days=30))

    page = html(client_for(coordinator).get(HOME))

    assert trajectory.candidate.full_name in page
    assert "Nog niemand verwittigd." in page


def test_with_no_obligation_source_nothing_waits(
    client_for, coordinator, make_trajectory, no_obligation_sources
):
    make_trajectory()
    page = html(client_for(coordinator).get(HOME))
    assert "Er wacht niets op jou." in page
    assert "Niets is te laat." in page


def test_what_waits_comes_from_the_obligation_sources_for_this_person_only(
    client_for, coordinator, mentor, make_trajectory, other_organisation, monkeypatch
):
    mine = make_trajectory(mentors=[mentor])
    foreign = make_trajectory(other_organisation)
    due = timezone.localdate() + timedelta(days=2)

    def source(*, trajectories, today):
        ids = set(trajectories.values_list("pk", flat=True))
        assert foreign.pk not in ids  # only this organisation's open trajectories
        for pk in ids:
            for user_id in (coordinator.pk, mentor.pk):
                yield Obligation(
                    kind="test.sign",
                    trajectory_id=pk,
                    user_id=user_id,
                    key=f"test.sign:{pk}:{user_id}",
                    url=f"/sign/{pk}/{user_id}/",
                    params={"who": "Cora" if user_id == coordinator.pk else "Mats"},
                    due=due,
                )

    monkeypatch.setattr(obligations, "OBLIGATION_SOURCES", {"test": source})
    monkeypatch.setitem(obligations.OBLIGATION_TEXTS, "test.sign", "Sign it, %(who)s")

    page = html(client_for(coordinator).get(HOME))

    waiting = page[page.index('id="waiting-title"') :]
    assert f'href="/sign/{mine.pk}/{coordinator.pk}/"' in waiting
    assert "Sign it, Cora" in waiting and "Sign it, Mats" not in waiting
    assert due.strftime("%d/%m/%Y") in waiting
    assert mine.candidate.full_name in waiting


def test_the_home_takes_a_bounded_number_of_queries(
    client_for, coordinator, mentor, make_trajectory, django_assert_max_num_queries
):
    client = client_for(coordinator)
    today = timezone.localdate()

    def add(count):
        for _ in range(count):
            trajectory = at_step(make_trajectory(mentors=[mentor]), Status.RUNNING, 4)
            set_due(trajectory, "driving_test", today - timedelta(days=3))
        notifications_scan(today=today)

    add(2)
    client.get(HOME)
    with django_assert_max_num_queries(30) as few:
        html(client.get(HOME))
    add(12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html(client.get(HOME))


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Pijplijn per stap", "Te laat", "Wacht op jou"]),
        ("fr", ["Pipeline par étape", "En retard", "Ce qui vous attend"]),
        ("en", ["Pipeline by step", "Late", "Waiting for you"]),
    ],
)
def test_the_home_speaks_the_users_language(
    client_for, coordinator, language, words, no_obligation_sources
):
    coordinator.language = language
    coordinator.save(update_fields=["language"])
    page = html(client_for(coordinator).get(HOME))
    for word in words:
        assert word in page


def test_sign_in_lands_coordinators_and_admins_on_their_home(client_for, coordinator, admin):
    for user in (coordinator, admin):
        assert client_for(user).get("/o/autocars/")["Location"] == HOME


def test_other_roles_cannot_see_the_home_and_land_on_their_own(
    client_for, mentor, trainee, guest, outsider
):
    own = {
        mentor: "/o/autocars/today/",
        trainee: "/o/autocars/portal/",
        guest: "/o/autocars/portal/",
    }
    for user, landing in own.items():
        client = client_for(user)
        assert client.get(HOME).status_code == 403
        assert client.get("/o/autocars/")["Location"] == landing
    assert client_for(outsider).get(HOME).status_code == 404


def test_the_home_is_in_the_header_for_staff_only(client_for, coordinator, mentor):
    page = html(client_for(coordinator).get(HOME))
    header = page[page.index("<header") : page.index("</header>")]
    assert f'href="{HOME}" aria-current="page">Start</a>' in header
    mentor_page = client_for(mentor).get("/o/autocars/today/").content.decode()
    assert HOME not in mentor_page

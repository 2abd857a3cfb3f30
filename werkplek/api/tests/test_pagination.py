from datetime import timedelta

from django.utils import timezone

from werkplek.api.tests.helpers import org_url
from werkplek.candidates.models import Candidate
from werkplek.candidates.tests.factories import CandidateFactory

CANDIDATES = org_url("candidates")


def test_following_next_visits_every_candidate_once_in_order_of_change(
    api_for, coordinator, organisation
):
    created = {str(CandidateFactory(organisation=organisation).public_id) for _ in range(7)}
    api = api_for(coordinator)
    seen, url, pages = [], CANDIDATES + "?limit=3", 0
    while url:
        body = api.client.get(url).json()
        seen += [item["id"] for item in body["items"]]
        moments = [item["updated_at"] for item in body["items"]]
        assert moments == sorted(moments)
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert sorted(seen) == sorted(created)


def test_updated_since_gives_what_changed_at_or_after_the_moment(
    api_for, coordinator, organisation
):
    old, changed = CandidateFactory.create_batch(2, organisation=organisation)
    long_ago = timezone.now() - timedelta(days=3)
    Candidate.objects.filter(pk=old.pk).update(updated_at=long_ago)
    Candidate.objects.filter(pk=changed.pk).update(updated_at=long_ago + timedelta(days=2))
    since = (long_ago + timedelta(days=1)).isoformat()
    response = api_for(coordinator).get(CANDIDATES, updated_since=since)
    assert [item["id"] for item in response.json()["items"]] == [str(changed.public_id)]


def test_updated_since_without_a_time_zone_is_belgian_time(api_for, coordinator, organisation):
    candidate = CandidateFactory(organisation=organisation)
    moment = timezone.now().astimezone(timezone.get_default_timezone())
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=moment)
    api = api_for(coordinator)
    just_before = (moment - timedelta(minutes=1)).replace(tzinfo=None).isoformat()
    just_after = (moment + timedelta(minutes=1)).replace(tzinfo=None).isoformat()
    assert len(api.get(CANDIDATES, updated_since=just_before).json()["items"]) == 1
    assert api.get(CANDIDATES, updated_since=just_after).json()["items"] == []


def test_a_broken_cursor_is_a_clear_error(api_for, coordinator):
    response = api_for(coordinator).get(CANDIDATES, cursor="not-a-cursor")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "cursor"
    assert response.json()["errors"][0]["code"] == "invalid_cursor"


def test_limit_is_bounded(api_for, coordinator):
    response = api_for(coordinator).get(CANDIDATES, limit=1000)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "limit"


def test_a_page_of_trajectories_takes_the_same_queries_for_3_or_30(
    api_for, coordinator, mentor, make_trajectory, django_assert_max_num_queries
):
    api = api_for(coordinator)
    for _ in range(3):
        make_trajectory(mentors=[mentor])
    with django_assert_max_num_queries(7):
        assert len(api.get(org_url("trajectories")).json()["items"]) == 3
    for _ in range(27):
        make_trajectory(mentors=[mentor])
    with django_assert_max_num_queries(7):
        assert len(api.get(org_url("trajectories")).json()["items"]) == 30


def test_a_page_of_checklist_items_takes_a_bounded_number_of_queries(
    api_for, coordinator, mentor, make_trajectory, django_assert_max_num_queries
):
    make_trajectory(mentors=[mentor])
    make_trajectory(mentors=[mentor])
    api = api_for(coordinator)
    with django_assert_max_num_queries(6):
        assert len(api.get(org_url("checklist-items"), limit=60).json()["items"]) == 60

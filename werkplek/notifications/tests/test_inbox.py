"""The in-app inbox: the unread count in the header, reading, marking read, opening."""

import re

import pytest
from django.utils import timezone

from werkplek.notifications.models import Notification
from werkplek.notifications.tests.factories import NotificationFactory


def html(response) -> str:
    return response.content.decode()


def header_count(page: str) -> str:
    found = re.search(r'<span id="inbox-count"[^>]*>(.*?)</span>\s*</a>', page, re.S)
    return re.sub(r"<[^>]+>", " ", found.group(1)).split()[0] if found and found.group(1) else ""


@pytest.fixture
def mine(organisation, mentor):
    return [
        NotificationFactory(recipient=mentor, organisation=organisation, link=f"/o/autocars/x{n}/")
        for n in range(3)
    ]


def test_the_header_shows_the_unread_count_on_every_organisation_page(client_for, mentor, mine):
    client = client_for(mentor)
    page = html(client.get("/o/autocars/trajectories/mine/"))
    assert 'href="/o/autocars/inbox/"' in page
    assert header_count(page) == "3"
    assert "3 ongelezen" in page  # for screen readers
    Notification.objects.filter(pk=mine[0].pk).update(read_at=timezone.now())
    assert header_count(html(client.get("/o/autocars/trajectories/mine/"))) == "2"


def test_the_count_is_per_organisation_and_person(
    client_for, mentor, other_mentor, mine, other_organisation
):
    NotificationFactory(recipient=mentor, organisation=other_organisation)
    assert header_count(html(client_for(other_mentor).get("/o/autocars/today/"))) == ""
    assert header_count(html(client_for(mentor).get("/o/autocars/today/"))) == "3"


def test_the_inbox_lists_the_messages_in_dutch_newest_first(client_for, mentor, mine):
    Notification.objects.filter(pk=mine[0].pk).update(created_at=timezone.now())
    page = html(client_for(mentor).get("/o/autocars/inbox/"))
    assert "<h1>Meldingen</h1>" in page
    assert page.count("1 checklistpunt voor Kevin Mertens moet klaar zijn op 01/12/2026") == 3
    assert "rijtest" in page  # the item itself
    assert page.index(str(mine[0].public_id)) < page.index(str(mine[2].public_id))
    assert "Alles als gelezen markeren" in page


def test_opening_a_notification_marks_it_read_and_goes_to_the_object(client_for, mentor, mine):
    response = client_for(mentor).get(f"/o/autocars/inbox/{mine[1].public_id}/")
    assert response.status_code == 302
    assert response["Location"] == "/o/autocars/x1/"
    mine[1].refresh_from_db()
    assert mine[1].read_at is not None


def test_a_link_off_the_site_is_never_followed(client_for, mentor, organisation):
    notification = NotificationFactory(
        recipient=mentor, organisation=organisation, link="https://evil.example/"
    )
    response = client_for(mentor).get(f"/o/autocars/inbox/{notification.public_id}/")
    assert response["Location"] == "/o/autocars/inbox/"


def test_mark_one_read_without_javascript_and_with_htmx(client_for, mentor, mine):
    client = client_for(mentor)
    response = client.post(f"/o/autocars/inbox/{mine[0].public_id}/read/", {"query": "show=unread"})
    assert response.status_code == 302
    assert response["Location"] == "/o/autocars/inbox/?show=unread"
    assert Notification.objects.filter(read_at__isnull=True).count() == 2

    response = client.post(f"/o/autocars/inbox/{mine[1].public_id}/read/", HTTP_HX_REQUEST="true")
    fragment = html(response)
    assert fragment.lstrip().startswith(f'<li id="notification-{mine[1].public_id}"')
    assert "Markeer als gelezen" not in fragment
    assert 'id="inbox-count" class="inbox-link__count" hx-swap-oob="true"' in fragment
    assert "1 ongelezen" in fragment


def test_mark_all_read_touches_only_my_notifications_here(
    client_for, mentor, other_mentor, mine, organisation, other_organisation
):
    theirs = NotificationFactory(recipient=other_mentor, organisation=organisation)
    elsewhere = NotificationFactory(recipient=mentor, organisation=other_organisation)
    response = client_for(mentor).post("/o/autocars/inbox/read/", follow=True)
    assert "Alle meldingen zijn als gelezen gemarkeerd." in html(response)
    assert not Notification.objects.filter(
        recipient=mentor, organisation=organisation, read_at=None
    )
    theirs.refresh_from_db()
    elsewhere.refresh_from_db()
    assert theirs.read_at is None and elsewhere.read_at is None


def test_unread_filter_and_empty_states(client_for, mentor, mine):
    client = client_for(mentor)
    client.post("/o/autocars/inbox/read/")
    assert "Niets ongelezen. Goed bezig!" in html(client.get("/o/autocars/inbox/?show=unread"))
    assert "Markeer als gelezen" not in html(client.get("/o/autocars/inbox/"))
    Notification.objects.all().delete()
    assert "Nog geen meldingen." in html(client.get("/o/autocars/inbox/"))


def test_someone_elses_notification_is_404(client_for, mentor, coordinator, mine, outsider):
    for user in (coordinator, outsider):
        client = client_for(user)
        assert client.get(f"/o/autocars/inbox/{mine[0].public_id}/").status_code == 404
        assert client.post(f"/o/autocars/inbox/{mine[0].public_id}/read/").status_code == 404
    mine[0].refresh_from_db()
    assert mine[0].read_at is None


def test_every_role_has_an_inbox(client_for, admin, coordinator, mentor, trainee, guest):
    for user in (admin, coordinator, mentor, trainee, guest):
        assert client_for(user).get("/o/autocars/inbox/").status_code == 200


def test_the_inbox_paginates_with_bounded_queries(
    client_for, mentor, organisation, settings, django_assert_max_num_queries
):
    settings.PAGE_SIZE = 5
    NotificationFactory.create_batch(12, recipient=mentor, organisation=organisation)
    client = client_for(mentor)
    with django_assert_max_num_queries(9):
        page = html(client.get("/o/autocars/inbox/?page=3"))
    assert "Pagina 3 van 3" in page
    assert page.count('class="inbox-item ') == 2

"""The e-mail digest: content in the reader's language, frequency, never twice."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from werkplek.notifications.models import Notification, NotificationPreference
from werkplek.notifications.schedule import periodic_tick
from werkplek.notifications.services import digest_recipients, digest_send
from werkplek.notifications.tests.factories import NotificationFactory

MONDAY, TUESDAY = date(2026, 11, 30), date(2026, 12, 1)
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def news(organisation, mentor):
    return [
        NotificationFactory(
            recipient=mentor,
            organisation=organisation,
            link="/o/autocars/trajectories/",
            params={
                "count": 2,
                "trainee": "Kevin Mertens",
                "due_date": "2026-12-01",
                "details": [
                    {"nl": "rijtest", "fr": "test de conduite", "en": "driving test"},
                    {"nl": "contract", "fr": "contrat", "en": "contract"},
                ],
            },
        ),
        NotificationFactory(
            recipient=mentor,
            organisation=organisation,
            kind="trajectories.at_risk",
            level="late",
            params={"trainee": "Nina Jacobs", "count": 3},
        ),
    ]


def test_the_digest_lists_the_news_in_dutch_as_text_and_html(mentor, news, settings):
    settings.SITE_URL = "https://werkplek.example.be"

    assert digest_send(user=mentor, period="2026-12-01") == 2

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [mentor.email]
    assert message.subject == "Werkplek: 2 nieuwe meldingen"
    body = message.body
    assert body.startswith("Dag Mats,")
    assert "Er zijn 2 nieuwe meldingen voor je in Werkplek:" in body
    assert "== Autocars Vlaanderen ==" in body
    assert "2 checklistpunten voor Kevin Mertens moeten klaar zijn op 01/12/2026" in body
    assert "· rijtest" in body and "· contract" in body
    assert "Het traject van Nina Jacobs loopt gevaar: 3 verplichte checklistpunten" in body
    assert f"https://werkplek.example.be/o/autocars/inbox/{news[0].public_id}/" in body
    assert "https://werkplek.example.be/notifications/settings/" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert '<html lang="nl">' in html
    assert "Kevin Mertens moeten klaar zijn op 01/12/2026</a>" in html
    assert f'href="https://werkplek.example.be/o/autocars/inbox/{news[1].public_id}/"' in html


def test_a_french_speaking_user_gets_it_in_french(mentor, news):
    mentor.language = "fr"
    mentor.save()
    digest_send(user=mentor, period="2026-12-01")
    message = mail.outbox[0]
    assert message.subject == "Werkplek : 2 nouvelles notifications"
    assert "Bonjour Mats," in message.body
    assert "2 points de la check-list de Kevin Mertens arrivent à échéance le 01/12/2026" in (
        message.body
    )
    assert "test de conduite" in message.body
    assert '<html lang="fr">' in message.alternatives[0][0]


def test_a_digest_is_sent_once_per_period_and_news_only_once(mentor, news, organisation):
    assert digest_send(user=mentor, period="2026-12-01") == 2
    assert digest_send(user=mentor, period="2026-12-01") == 0  # the same day again
    assert digest_send(user=mentor, period="2026-12-02") == 0  # nothing new since
    NotificationFactory(recipient=mentor, organisation=organisation)
    assert digest_send(user=mentor, period="2026-12-02") == 0  # that period is taken
    assert digest_send(user=mentor, period="2026-12-03") == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "Werkplek: 1 nieuwe melding"


def test_what_was_read_in_the_app_is_not_mailed(mentor, news):
    Notification.objects.filter(pk=news[0].pk).update(read_at=timezone.now())
    assert digest_send(user=mentor, period="2026-12-01") == 1
    assert "Kevin Mertens" not in mail.outbox[0].body


def test_no_news_no_mail(mentor):
    assert digest_send(user=mentor, period="2026-12-01") == 0
    assert mail.outbox == []


def test_frequency_daily_weekly_off(mentor, other_mentor, coordinator, organisation):
    for user in (mentor, other_mentor, coordinator):
        NotificationFactory(recipient=user, organisation=organisation)
    NotificationPreference.objects.create(user=other_mentor, digest="weekly")
    NotificationPreference.objects.create(user=coordinator, digest="off")

    assert digest_recipients(today=TUESDAY) == [(mentor.pk, "2026-12-01")]
    assert sorted(digest_recipients(today=MONDAY)) == sorted(
        [(mentor.pk, "2026-11-30"), (other_mentor.pk, "2026-W49")]
    )


@pytest.mark.dates
def test_the_scheduler_sends_digests_after_seven_only(mentor, news):
    early = datetime(2026, 12, 1, 6, 30, tzinfo=BRUSSELS)
    assert "notifications.digests" not in periodic_tick(now=early)
    assert mail.outbox == []
    later = datetime(2026, 12, 1, 7, 5, tzinfo=BRUSSELS)
    assert "notifications.digests" in periodic_tick(now=later)
    assert [message.to for message in mail.outbox] == [[mentor.email]]
    assert periodic_tick(now=datetime(2026, 12, 1, 8, 0, tzinfo=BRUSSELS)) == ["notifications.scan"]
    assert len(mail.outbox) == 1


def test_choosing_the_frequency_on_the_settings_page(client_for, mentor):
    client = client_for(mentor)
    page = client.get("/notifications/settings/").content.decode()
    assert "E-mailoverzicht" in page and "Elke ochtend" in page
    assert re.search(r'value="daily"[^>]*checked', page)
    response = client.post("/notifications/settings/", {"digest": "weekly"}, follow=True)
    page = response.content.decode()
    assert "Je e-mailinstellingen zijn opgeslagen." in page
    assert re.search(r'value="weekly"[^>]*checked', page)
    assert NotificationPreference.objects.get(user=mentor).digest == "weekly"
    response = client.post("/notifications/settings/", {"digest": "hourly"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "field--error" in page
    assert NotificationPreference.objects.get(user=mentor).digest == "weekly"


def test_the_settings_page_needs_a_sign_in(client):
    response = client.get("/notifications/settings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_one_digest_task_per_person_however_much_news(mentor, organisation):
    for _ in range(5):
        NotificationFactory(recipient=mentor, organisation=organisation)
    # Found by the benchmark: the model's ordering made DISTINCT return a row per
    # notification, so the worker queued one digest task per notification.
    assert digest_recipients(today=TUESDAY) == [(mentor.pk, "2026-12-01")]


def test_a_long_digest_lists_the_newest_and_counts_the_rest(mentor, organisation, settings):
    from werkplek.notifications import services

    settings.LANGUAGE_CODE = "nl"
    for _ in range(services.DIGEST_MAX_ITEMS + 7):
        NotificationFactory(recipient=mentor, organisation=organisation)
    assert digest_send(user=mentor, period="2026-12-01") == services.DIGEST_MAX_ITEMS + 7
    body = mail.outbox[0].body
    assert body.count("/inbox/") - 1 == services.DIGEST_MAX_ITEMS  # links + the inbox link
    assert "… en nog 7 in je inbox." in body
    assert not Notification.objects.filter(recipient=mentor, emailed_at__isnull=True).exists()

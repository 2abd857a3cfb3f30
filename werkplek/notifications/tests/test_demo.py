import io

from django.core.management import call_command

from werkplek.accounts.models import User
from werkplek.notifications.models import Notification, NotificationPreference
from werkplek.sectorpacks.loader import load_all


def test_the_demo_inbox_looks_lived_in_and_loading_twice_adds_nothing(client, db):
    load_all()
    call_command("load_demo", stdout=io.StringIO())
    count = Notification.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Notification.objects.count() == count

    luc = User.objects.get(email="luc@demo-autocars.be")
    mine = Notification.objects.filter(recipient=luc)
    assert mine.filter(read_at__isnull=True).exists()
    assert mine.filter(read_at__isnull=False).exists()
    assert NotificationPreference.objects.get(user__email="johan@demo-autocars.be").digest == (
        "weekly"
    )

    client.post(
        "/accounts/login/", {"username": "luc@demo-autocars.be", "password": "werkplek-demo"}
    )
    today = client.get("/o/demo-autocars/", follow=True)
    assert today.redirect_chain[-1][0] == "/o/demo-autocars/today/"
    page = today.content.decode()
    assert "Thomas Goossens" in page and "Te laat" in page
    inbox = client.get("/o/demo-autocars/inbox/").content.decode()
    assert "checklistpunt" in inbox

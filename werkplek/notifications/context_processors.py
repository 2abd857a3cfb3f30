from functools import cached_property

from django.http import HttpRequest
from django.urls import reverse

from werkplek.notifications.selectors import unread_count


class InboxLink:
    """The header's inbox link; the unread count is one query, made only when shown."""

    def __init__(self, membership):
        self.membership = membership
        self.url = reverse("notifications:inbox", kwargs={"org": membership.organisation.slug})

    @cached_property
    def unread(self) -> int:
        return unread_count(user=self.membership.user, organisation=self.membership.organisation)


def inbox(request: HttpRequest) -> dict:
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    return {"inbox_link": InboxLink(membership)}

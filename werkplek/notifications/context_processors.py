from functools import cached_property

from django.http import HttpRequest
from django.urls import reverse

from werkplek.notifications.selectors import UNREAD, unread_count


class InboxLink:
    """The header's inbox link; the unread count is one query, made only when shown."""

    def __init__(self, membership, *, read_only: bool = True):
        self.membership = membership
        self.read_only = read_only
        self.url = reverse("notifications:inbox", kwargs={"org": membership.organisation.slug})

    @cached_property
    def unread(self) -> int:
        # Read with the membership (core.tenancy) unless this request may have changed it.
        known = getattr(self.membership, UNREAD, None)
        if known is not None and self.read_only:
            return known
        return unread_count(user=self.membership.user, organisation=self.membership.organisation)


def inbox(request: HttpRequest) -> dict:
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    read_only = request.method in ("GET", "HEAD")
    return {"inbox_link": InboxLink(membership, read_only=read_only)}

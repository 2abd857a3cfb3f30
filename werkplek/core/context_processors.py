from django.http import HttpRequest
from django.urls import reverse

from werkplek.accounts.models import Membership
from werkplek.core.extensions import NAV_ITEMS

# The first destinations of a role (by their order) sit in the header on wide screens; the
# rest, and all of them on small screens, are in the menu.
PRIMARY_NAV_ITEMS = 5


def navigation(request: HttpRequest) -> dict:
    """The header: the current organisation and the others the user can switch to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def memberships():
        loaded = getattr(request, "user_memberships", None)
        if loaded is not None:  # read with the current membership (core.tenancy)
            return loaded
        return list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("organisation")
            .order_by("organisation__name")
        )

    membership = getattr(request, "membership", None)
    nav_items = []
    if membership is not None:
        nav_items = [
            (item.label, reverse(item.url_name, kwargs={"org": membership.organisation.slug}))
            for item in NAV_ITEMS
            if membership.role in item.roles
        ]
    return {
        "nav_items": nav_items,
        "nav_primary": nav_items[:PRIMARY_NAV_ITEMS],
        "current_membership": membership,
        "current_organisation": getattr(request, "organisation", None),
        "user_memberships": memberships,
    }

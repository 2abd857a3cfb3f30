from django.http import HttpRequest

from werkplek.accounts.models import Membership


def navigation(request: HttpRequest) -> dict:
    """The header: the current organisation and the others the user can switch to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def memberships():
        return list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("organisation")
            .order_by("organisation__name")
        )

    return {
        "current_membership": getattr(request, "membership", None),
        "current_organisation": getattr(request, "organisation", None),
        "user_memberships": memberships,
    }
